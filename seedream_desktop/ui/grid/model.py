"""The grid's model: a lazily paged list over the library, flat or in series.

The model never holds the whole library: ``rowCount`` comes from the library's count (or its
series outline, see ``rows.py``), and images are read a page at a time when the view paints them,
so the scroll bar is true to size while 10,000 images cost a few page reads. Thumbnails come
from a ``ThumbnailLoader`` that decodes off the GUI thread; those that land within one frame are
announced as one ``dataChanged``, so a screenful of arrivals costs one repaint, not one each.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Slot,
)
from PySide6.QtGui import QImage, QPixmap

from seedream_desktop.core.models import (
    Flag,
    ImageQuery,
    ImageRecord,
    JobRecord,
    LibraryChange,
    Series,
)
from seedream_desktop.core.placeholders import arg
from seedream_desktop.ui.formatting import dimensions, human_bytes
from seedream_desktop.ui.grid.rows import FlatRows, Rows, SeriesRows
from seedream_desktop.ui.grid.series_header import SeriesHeader, header_words
from seedream_desktop.ui.grid.tile_face import short_label
from seedream_desktop.ui.image_mime import mime_for_drag
from seedream_desktop.ui.thumbnail_loader import (
    CachedTile,
    ThumbnailLoader,
    ThumbSource,
    ThumbState,
)
from seedream_desktop.ui.words import words

PAGE_SIZE = 100  # a screen or two at the smallest zoom: a jump across the library reads little
SELECTION_RUN = 1000  # rows per read while a big selection is gathered: few deep OFFSET scans
MAX_CACHED_ROWS = 2000  # ~20 pages: a few screens either side of wherever the user is
SERIES_PAGE = 16  # series (headers and their images) read at once: a screen or two of them
MAX_CACHED_SERIES = 400
HEAD_ROWS = 64  # where a newly landed image is looked for before falling back to a refresh
REPAINT_MS = 16  # thumbnails landing within one frame are repainted together
ImageRole = Qt.ItemDataRole.UserRole + 1
ThumbStateRole = Qt.ItemDataRole.UserRole + 2
TileRole = Qt.ItemDataRole.UserRole + 3  # a Tile: everything the delegate paints, in one call
HeaderRole = Qt.ItemDataRole.UserRole + 4  # a SeriesHeader, on a series' header row
_THUMB_ROLES = [Qt.ItemDataRole.DecorationRole, ThumbStateRole, TileRole]
_CURATED_ROLES = [ImageRole, TileRole, Qt.ItemDataRole.AccessibleTextRole]
_IMAGE_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled
    | Qt.ItemFlag.ItemIsSelectable
    | Qt.ItemFlag.ItemIsDragEnabled
    | Qt.ItemFlag.ItemNeverHasChildren
)
_HEADER_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren

URI_LIST = "text/uri-list"


class ImagePageSource(Protocol):
    """What the grid needs from the library (``Library`` satisfies it)."""

    def count_images(self, query: ImageQuery) -> int: ...

    def images_page(self, query: ImageQuery, offset: int, limit: int) -> list[ImageRecord]: ...

    def series_counts(self, query: ImageQuery) -> list[tuple[int, int]]: ...

    def series_of_jobs(self, query: ImageQuery, job_ids: Sequence[int]) -> list[Series]: ...


def series_label(image: ImageRecord) -> str:
    """ "Job 12 · image 3 · Seed 123": which image of which series, and how to make it again."""
    return arg(
        QCoreApplication.translate("ImageGrid", "Job %1 · image %2 · %3"),
        image.job_id,
        image.index + 1,
        words.seed(image.seed),
    )


def tooltip_text(image: ImageRecord) -> str:
    prompt = image.prompt if len(image.prompt) <= 160 else image.prompt[:159].rstrip() + "…"
    return "\n".join(
        [
            prompt,
            series_label(image),
            f"{dimensions(image.width, image.height)} · {image.format.name} · "
            f"{human_bytes(image.byte_size)}",
        ]
    )


def _placeholder() -> QPixmap:
    # Built on first use: a QPixmap needs the QApplication to exist.
    global _PLACEHOLDER
    if _PLACEHOLDER is None:
        _PLACEHOLDER = QPixmap(1, 1)
        _PLACEHOLDER.fill(Qt.GlobalColor.transparent)
    return _PLACEHOLDER


_PLACEHOLDER: QPixmap | None = None


def is_placeholder(pixmap: QPixmap) -> bool:
    """True for the stand-in DecorationRole gives while a thumbnail loads or cannot be read."""
    return pixmap.cacheKey() == _placeholder().cacheKey()


@dataclass(frozen=True, slots=True)
class Tile:
    """What one tile shows: the delegate's single look-up into the model per paint."""

    image: ImageRecord
    label: str
    series_start: bool  # the first image of a job in the flat grid (the series view has headers)
    state: ThumbState
    made: CachedTile | None  # while READY; maybe of the previous face until the new one lands


class ImageGridModel(QAbstractListModel):
    """Images of one ``ImageQuery``, newest first, read from the source a page at a time.

    Flat ("All images") or in series: then each job's images follow a header row (``HeaderRole``,
    enabled but not selectable: arrows reach it; a selection's ranges may span it, and
    ``images_at`` leaves it out), and a collapsed series shows only its header.
    """

    def __init__(
        self,
        source: ImagePageSource,
        loader: ThumbnailLoader | None = None,
        query: ImageQuery | None = None,
        parent: QObject | None = None,
        *,
        thumb_for: ThumbSource | None = None,
        in_series: bool = False,
    ) -> None:
        """``thumb_for`` (used when no ``loader`` is given) maps an image to a small file to
        decode, e.g. the disk thumbnail cache; it runs in a worker thread."""
        super().__init__(parent)
        self._source = source
        self._query = query or ImageQuery()
        self._loader = loader or ThumbnailLoader(thumb_for, parent=self)
        self._loader.thumbnailReady.connect(self._on_thumbnail)
        self._in_series = in_series
        self._collapsed: set[int] = set()  # job ids, for this session
        self._images: dict[int, ImageRecord] = {}  # by flat offset (see rows.py)
        self._flat_of: dict[int, int] = {}  # image id -> flat offset
        self._series: dict[int, Series] = {}  # by series number, in the series layout
        self._layout: Rows = self._read_layout()
        self._landed: set[int] = set()  # image ids whose thumbnail settled since the last repaint
        self._repaint = QTimer(self)
        self._repaint.setSingleShot(True)
        self._repaint.setInterval(REPAINT_MS)
        self._repaint.timeout.connect(self._repaint_landed)

    @property
    def loader(self) -> ThumbnailLoader:
        return self._loader

    @property
    def query(self) -> ImageQuery:
        return self._query

    @property
    def in_series(self) -> bool:
        return self._in_series

    @property
    def rows(self) -> Rows:
        """Which row is which image or header, as laid out now."""
        return self._layout

    def image_count(self) -> int:
        """Images matching the query, collapsed series included (rows count headers too)."""
        return self._layout.image_count

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else self._layout.row_count

    def is_header(self, row: int) -> bool:
        return self._layout.is_header(row)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        # Asked for every tile on every paint: constants, as enum arithmetic in Python is slow.
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _HEADER_FLAGS if self._layout.is_header(index.row()) else _IMAGE_FLAGS

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row = index.row()
        if self._layout.is_header(row):
            return self._header_data(row, role)
        try:
            image = self.image_at(row)
        except IndexError:  # the library shrank under us; the next refresh() settles it
            return None
        if role == TileRole:
            made = self._loader.tile(image)
            return Tile(
                image,
                short_label(image),
                self._starts_series(row, image),
                self._loader.state(image.id),
                made,
            )
        if role == Qt.ItemDataRole.DisplayRole:
            return short_label(image)
        if role == Qt.ItemDataRole.DecorationRole:
            self._loader.tile(image)
            return self._loader.cached(image.id) or _placeholder()
        if role == ThumbStateRole:
            self._loader.tile(image)
            return self._loader.state(image.id)
        if role == ImageRole:
            return image
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_text(image)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            described = arg(
                QCoreApplication.translate("ImageGrid", "Job %1, image %2, %3"),
                image.job_id,
                image.index + 1,
                image.aspect.label,
            )
            return ", ".join([described, *self._verdict_words(image)])
        return None

    def _header_data(self, row: int, role: int) -> Any:
        header = self.header_at(row)
        if header is None:
            return None
        if role == HeaderRole:
            return header
        if role == Qt.ItemDataRole.ToolTipRole:
            return header_words.tooltip(header.series)
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.DisplayRole):
            return header_words.accessible(header)
        return None

    def header_at(self, row: int) -> SeriesHeader | None:
        """The header shown on ``row``, or None when ``row`` is an image (or gone)."""
        layout = self._layout
        if not isinstance(layout, SeriesRows) or not layout.is_header(row):
            return None
        place = layout.place(row)
        assert place.series is not None
        series = self._series_numbered(place.series)
        if series is None:
            return None
        return SeriesHeader(series, series.job.id in layout.collapsed)

    def _verdict_words(self, image: ImageRecord) -> list[str]:
        """What the ✓, ✕ and stars of a tile say, for screen readers."""
        said = []
        if image.flag is Flag.PICKED:
            said.append(self.tr("picked"))
        elif image.flag is Flag.REJECTED:
            said.append(self.tr("rejected"))
        if image.rating:
            said.append(words.star_count(image.rating))
        return said

    def _starts_series(self, row: int, image: ImageRecord) -> bool:
        if self._in_series:
            return False  # its header says so
        return row == 0 or self.image_at(row - 1).job_id != image.job_id

    def row_key(self, row: int) -> int:
        """What a row shows, as one number that survives a re-read: an image's id, or a
        header's job id negated. Raises ``IndexError`` for a row that is gone."""
        if not 0 <= row < self._layout.row_count:
            raise IndexError(f"row {row} outside 0…{self._layout.row_count - 1}")
        header = self.header_at(row)
        if header is not None:
            return -header.series.job.id
        return self.image_at(row).id

    def image_at(self, row: int) -> ImageRecord:
        """The image on ``row``; ``IndexError`` for a header row or a row that is gone."""
        if not 0 <= row < self._layout.row_count:
            raise IndexError(f"row {row} outside 0…{self._layout.row_count - 1}")
        place = self._layout.place(row)
        if place.flat is None:
            raise IndexError(f"row {row} is a series header")
        if place.series is not None and place.flat not in self._images:
            # The page of series it is in brings the headers around it too.
            self._load_series_around(place.series)
        return self._image_at_flat(place.flat)

    def _image_at_flat(self, flat: int) -> ImageRecord:
        image = self._images.get(flat)
        if image is None:
            self._load_page_around(flat)
            image = self._images.get(flat)
            if image is None:
                raise IndexError(f"image {flat} is no longer in the library")
        return image

    def row_of_image(self, image_id: int) -> int | None:
        """The row showing image ``image_id``, if it has been read and is not folded away."""
        flat = self._flat_of.get(image_id)
        return None if flat is None else self._layout.row_of(flat)

    def images_at(self, rows: Iterable[int]) -> list[ImageRecord]:
        """Records of many rows in the given order (headers left out), read in page-sized runs,
        cache untouched.

        Used for big selections (Ctrl+A over the whole library) without evicting the pages
        around what the user is looking at.
        """
        layout = self._layout
        flats = [
            flat
            for row in rows
            if 0 <= row < layout.row_count and (flat := layout.place(row).flat) is not None
        ]
        return self._images_at_flats(flats)

    def _images_at_flats(self, flats: Iterable[int]) -> list[ImageRecord]:
        wanted = sorted(set(flats))
        found: dict[int, ImageRecord] = {f: self._images[f] for f in wanted if f in self._images}
        count = self._layout.image_count
        missing = [f for f in wanted if f not in found and 0 <= f < count]
        start = 0
        while start < len(missing):
            first = missing[start]
            # Never past the last image wanted: the viewer's few hundred are not a 1000-image run.
            run = min(SELECTION_RUN, missing[-1] - first + 1)
            page = self._source.images_page(self._query, first, run)
            found.update({first + i: image for i, image in enumerate(page)})
            while start < len(missing) and missing[start] < first + max(1, len(page)):
                start += 1
        return [found[f] for f in wanted if f in found]

    def images_around(self, image: ImageRecord, reach: int) -> tuple[list[ImageRecord], int]:
        """A fixed copy of up to ``reach`` images either side of ``image``, and where it sits in
        it.

        What the viewer steps through: a copy, so images landing, deletions or a new search
        cannot shift what it acts on, and bounded, so opening it in a 10,000-image library costs
        a few page reads. An image no longer in the grid comes back alone.
        """
        flat = self._flat_of.get(image.id)
        if flat is None:
            return [image], 0
        count = self._layout.image_count
        images = self._images_at_flats(range(max(0, flat - reach), min(count, flat + reach + 1)))
        position = next((i for i, found in enumerate(images) if found.id == image.id), None)
        return (images, position) if position is not None else ([image], 0)

    def set_query(self, query: ImageQuery) -> None:
        self._query = query
        self.refresh()

    def set_in_series(self, in_series: bool) -> None:
        """Show series with their headers, or every image in one flat grid."""
        if in_series != self._in_series:
            self._in_series = in_series
            self.refresh()

    def set_collapsed(self, job_id: int, collapsed: bool) -> None:
        """Fold a series to its header, or open it again; the rest of the grid keeps its
        selection (rows are removed and inserted, not re-read)."""
        layout = self._layout
        if not isinstance(layout, SeriesRows) or (job_id in layout.collapsed) == collapsed:
            return
        series = layout.series_of_job(job_id)
        if series is None:
            return
        header, size = layout.header_row(series), layout.sizes[series]
        if collapsed:
            self._collapsed.add(job_id)
            self.beginRemoveRows(QModelIndex(), header + 1, header + size)
            self._layout = SeriesRows(layout.counts(), self._collapsed)
            self.endRemoveRows()
        else:
            self._collapsed.discard(job_id)
            self.beginInsertRows(QModelIndex(), header + 1, header + size)
            self._layout = SeriesRows(layout.counts(), self._collapsed)
            self.endInsertRows()
        self.dataChanged.emit(self.index(header), self.index(header), [HeaderRole])

    def refresh(self) -> None:
        """Re-count and re-read lazily; the view keeps what it can of the selection."""
        self.beginResetModel()
        self._images.clear()
        self._flat_of.clear()
        self._series.clear()
        self._layout = self._read_layout()
        self.endResetModel()

    def _read_layout(self) -> Rows:
        if self._in_series:
            return SeriesRows(self._source.series_counts(self._query), self._collapsed)
        return FlatRows(self._source.count_images(self._query))

    def image_added(self, image: ImageRecord, thumbnail: QImage | None = None) -> None:
        """An image landed in the library: show it now, without re-reading the whole grid.

        ``thumbnail`` is the runner's, made from its one decode of the download: the grid shows
        it without reading the thumbnail file back.

        The library's own order decides where it goes (a series is shown in index order under
        the newest job), so the first rows are re-read and the image is inserted where the source
        put it — in the series layout under the newest series' header, or with a new header of
        its own. Anything unexpected (several images at once, an older series growing) falls
        back to a refresh, which is always correct.
        """
        total = self._source.count_images(self._query)
        count = self._layout.image_count
        if total == count:
            return
        if thumbnail is not None:
            self._loader.offer(image, thumbnail)
        head = (
            self._source.images_page(self._query, 0, min(total, HEAD_ROWS))
            if total == count + 1
            else []
        )
        position = next((i for i, row in enumerate(head) if row.id == image.id), None)
        grown = None if position is None else self._grown_by(image, position)
        if grown is None or position is None:
            self.refresh()
            return
        layout, rows = grown
        if rows:
            self.beginInsertRows(QModelIndex(), rows.start, rows.stop - 1)
        self._layout = layout
        shifted = {(f + 1 if f >= position else f): rec for f, rec in self._images.items()}
        shifted.update(enumerate(head))
        self._set_images(shifted)
        if rows:
            self.endInsertRows()
        if isinstance(layout, SeriesRows):
            self.dataChanged.emit(self.index(0), self.index(0), [HeaderRole])

    def _grown_by(self, image: ImageRecord, position: int) -> tuple[Rows, range] | None:
        """The layout with ``image`` (at flat ``position``) in it, and the rows that adds; None
        when it goes anywhere but the newest series (or a new one before it)."""
        layout = self._layout
        if not isinstance(layout, SeriesRows):
            return FlatRows(layout.image_count + 1), range(position, position + 1)
        counts = layout.counts()
        if counts and counts[0][0] == image.job_id:
            counts[0] = (image.job_id, counts[0][1] + 1)
            grown = SeriesRows(counts, self._collapsed)
            row = grown.row_of(position)
            self._series.pop(0, None)  # its header's counts changed
            # Into a folded series: no row to add, only its header changes.
            return grown, range(0) if row is None else range(row, row + 1)
        if position == 0 and (not counts or image.job_id > counts[0][0]):
            self._series = {n + 1: series for n, series in self._series.items()}
            return SeriesRows([(image.job_id, 1), *counts], self._collapsed), range(2)
        return None

    def job_changed(self, job: JobRecord) -> None:
        """A job moved on (done, its cost known): its header says so, without a re-read."""
        layout = self._layout
        if not isinstance(layout, SeriesRows):
            return
        number = layout.series_of_job(job.id)
        series = self._series.get(number) if number is not None else None
        if number is None or series is None:
            return
        self._series[number] = replace(series, job=job)
        row = layout.header_row(number)
        self.dataChanged.emit(self.index(row), self.index(row), [HeaderRole])

    def curated(self, change: LibraryChange) -> None:
        """Flags or ratings changed: repaint the tiles, or re-read if the filter now leaves
        some out (or lets some in), e.g. a reject while rejected images are hidden."""
        query = self._query
        if query.picked_only or query.hide_rejected or query.min_rating:
            self.refresh()
            return
        flats = [f for i in change.image_ids if (f := self._flat_of.get(i)) is not None]
        for f in flats:
            self._images[f] = change.applied_to(self._images[f])
        rows = [r for f in flats if (r := self._layout.row_of(f)) is not None]
        if rows:
            self.dataChanged.emit(self.index(min(rows)), self.index(max(rows)), _CURATED_ROLES)

    def retain_rows(self, first: int, last: int) -> None:
        """Rows ``first…last`` are on screen: thumbnails of anything else may stop loading."""
        layout = self._layout
        rows = range(max(0, first), min(last, layout.row_count - 1) + 1)
        flats = (layout.place(r).flat for r in rows)
        self._loader.retain(
            self._images[f].id for f in flats if f is not None and f in self._images
        )

    def prefetch(self, rows: range) -> bool:
        """Read the first page ``rows`` still miss, if any; True when one was read.

        Called between frames for the screens either side of the visible one, so scrolling
        there paints rows already read rather than waiting on SQLite mid-paint.
        """
        layout = self._layout
        for row in rows:
            if not 0 <= row < layout.row_count:
                continue
            place = layout.place(row)
            if place.flat is None:
                if place.series is not None and place.series not in self._series:
                    self._load_series_around(place.series)
                    return True
            elif place.flat not in self._images:
                self.image_at(row)
                return True
        return False

    def mimeTypes(self) -> list[str]:
        return [URI_LIST]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        return mime_for_drag(self.images_at(i.row() for i in indexes if i.isValid()))

    def _series_numbered(self, number: int) -> Series | None:
        series = self._series.get(number)
        if series is None:
            self._load_series_around(number)
            series = self._series.get(number)
        return series

    def _load_series_around(self, number: int) -> None:
        """A page of series: their headers' facts, and their images for the rows below them."""
        layout = self._layout
        if not isinstance(layout, SeriesRows):
            return
        start = number - number % SERIES_PAGE
        page = self._source.series_of_jobs(self._query, layout.job_ids[start : start + SERIES_PAGE])
        if len(self._series) + len(page) > MAX_CACHED_SERIES:
            half = MAX_CACHED_SERIES // 2
            self._series = {n: s for n, s in self._series.items() if abs(n - number) <= half}
        images = dict(self._images)
        for i, series in enumerate(page):
            found = start + i
            if found >= len(layout.job_ids) or layout.job_ids[found] != series.job.id:
                break  # the library changed under us; the refresh on its way settles it
            self._series[found] = series
            first = layout.first_flat(found)
            images.update((first + k, image) for k, image in enumerate(series.images))
        self._set_images(self._bounded(images, layout.first_flat(number)))

    def _load_page_around(self, flat: int) -> None:
        offset = flat - flat % PAGE_SIZE
        page = self._source.images_page(self._query, offset, PAGE_SIZE)
        images = dict(self._images)
        images.update((offset + i, image) for i, image in enumerate(page))
        self._set_images(self._bounded(images, flat))

    @staticmethod
    def _bounded(images: dict[int, ImageRecord], around: int) -> dict[int, ImageRecord]:
        if len(images) <= MAX_CACHED_ROWS:
            return images
        half = MAX_CACHED_ROWS // 2
        return {f: image for f, image in images.items() if abs(f - around) <= half}

    def _set_images(self, images: dict[int, ImageRecord]) -> None:
        self._images = images
        self._flat_of = {image.id: f for f, image in images.items()}

    @Slot(int)
    def _on_thumbnail(self, image_id: int) -> None:
        if image_id in self._flat_of:
            self._landed.add(image_id)
            if not self._repaint.isActive():
                self._repaint.start()

    @Slot()
    def _repaint_landed(self) -> None:
        rows = [r for i in self._landed if (r := self.row_of_image(i)) is not None]
        self._landed.clear()
        if rows:
            self.dataChanged.emit(self.index(min(rows)), self.index(max(rows)), _THUMB_ROLES)
