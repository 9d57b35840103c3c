"""The grid's model: a lazily paged list over the library.

The model never holds the whole library: ``rowCount`` is the library's count, and rows are read a
page at a time when the view paints them, so the scroll bar is true to size while 10,000 images
cost a few page reads. Thumbnails come from a ``ThumbnailLoader`` that decodes off the GUI thread;
those that land within one frame are announced as one ``dataChanged``, so a screenful of arrivals
costs one repaint, not one each.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
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

from seedream_desktop.core.models import Flag, ImageQuery, ImageRecord, LibraryChange
from seedream_desktop.core.placeholders import arg
from seedream_desktop.ui.formatting import dimensions, human_bytes
from seedream_desktop.ui.image_mime import mime_for_drag
from seedream_desktop.ui.thumbnail_loader import ThumbnailLoader, ThumbSource, ThumbState
from seedream_desktop.ui.words import words

PAGE_SIZE = 100  # a screen or two at the smallest zoom: a jump across the library reads little
SELECTION_RUN = 1000  # rows per read while a big selection is gathered: few deep OFFSET scans
MAX_CACHED_ROWS = 2000  # ~20 pages: a few screens either side of wherever the user is
HEAD_ROWS = 64  # where a newly landed image is looked for before falling back to a refresh
REPAINT_MS = 16  # thumbnails landing within one frame are repainted together
ImageRole = Qt.ItemDataRole.UserRole + 1
ThumbStateRole = Qt.ItemDataRole.UserRole + 2
TileRole = Qt.ItemDataRole.UserRole + 3  # a Tile: everything the delegate paints, in one call
_THUMB_ROLES = [Qt.ItemDataRole.DecorationRole, ThumbStateRole, TileRole]
_CURATED_ROLES = [ImageRole, TileRole, Qt.ItemDataRole.AccessibleTextRole]

URI_LIST = "text/uri-list"


class ImagePageSource(Protocol):
    """What the grid needs from the library (``Library`` satisfies it)."""

    def count_images(self, query: ImageQuery) -> int: ...

    def images_page(self, query: ImageQuery, offset: int, limit: int) -> list[ImageRecord]: ...


def short_label(image: ImageRecord) -> str:
    return f"#{image.index + 1} · {image.aspect.label}"


def series_label(image: ImageRecord) -> str:
    """ "Job 12 · image 3 · Seed 123": which image of which series, and how to make it again."""
    seed = (
        arg(QCoreApplication.translate("ImageGrid", "Seed %1"), image.seed)
        if image.seed is not None
        else QCoreApplication.translate("ImageGrid", "Seed: random")
    )
    return arg(
        QCoreApplication.translate("ImageGrid", "Job %1 · image %2 · %3"),
        image.job_id,
        image.index + 1,
        seed,
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
    series_start: bool  # the first image of a job in the grid
    state: ThumbState
    pixmap: QPixmap | None  # while READY; maybe of the previous zoom until the new one lands


class ImageGridModel(QAbstractListModel):
    """Images of one ``ImageQuery``, newest first, read from the source a page at a time."""

    def __init__(
        self,
        source: ImagePageSource,
        loader: ThumbnailLoader | None = None,
        query: ImageQuery | None = None,
        parent: QObject | None = None,
        *,
        thumb_for: ThumbSource | None = None,
    ) -> None:
        """``thumb_for`` (used when no ``loader`` is given) maps an image to a small file to
        decode, e.g. the disk thumbnail cache; it runs in a worker thread."""
        super().__init__(parent)
        self._source = source
        self._query = query or ImageQuery()
        self._loader = loader or ThumbnailLoader(thumb_for, parent=self)
        self._loader.thumbnailReady.connect(self._on_thumbnail)
        self._rows: dict[int, ImageRecord] = {}
        self._row_of: dict[int, int] = {}
        self._count = source.count_images(self._query)
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

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else self._count

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        try:
            image = self.image_at(index.row())
        except IndexError:  # the library shrank under us; the next refresh() settles it
            return None
        if role == TileRole:
            pixmap = self._loader.pixmap(image)
            return Tile(
                image,
                short_label(image),
                self._starts_series(index.row(), image),
                self._loader.state(image.id),
                pixmap,
            )
        if role == Qt.ItemDataRole.DisplayRole:
            return short_label(image)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._loader.pixmap(image) or _placeholder()
        if role == ThumbStateRole:
            self._loader.pixmap(image)
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
        return row == 0 or self.image_at(row - 1).job_id != image.job_id

    def image_at(self, row: int) -> ImageRecord:
        if not 0 <= row < self._count:
            raise IndexError(f"row {row} outside 0…{self._count - 1}")
        image = self._rows.get(row)
        if image is None:
            self._load_page_around(row)
            image = self._rows.get(row)
            if image is None:
                raise IndexError(f"row {row} is no longer in the library")
        return image

    def images_at(self, rows: Iterable[int]) -> list[ImageRecord]:
        """Records of many rows in the given order, read in page-sized runs, cache untouched.

        Used for big selections (Ctrl+A over the whole library) without evicting the pages
        around what the user is looking at.
        """
        wanted = sorted(set(rows))
        found: dict[int, ImageRecord] = {r: self._rows[r] for r in wanted if r in self._rows}
        missing = [r for r in wanted if r not in found and 0 <= r < self._count]
        start = 0
        while start < len(missing):
            first = missing[start]
            # Never past the last row wanted: the viewer's few hundred rows are not a 1000-row run.
            run = min(SELECTION_RUN, missing[-1] - first + 1)
            page = self._source.images_page(self._query, first, run)
            found.update({first + i: image for i, image in enumerate(page)})
            while start < len(missing) and missing[start] < first + max(1, len(page)):
                start += 1
        return [found[r] for r in wanted if r in found]

    def images_around(self, image: ImageRecord, reach: int) -> tuple[list[ImageRecord], int]:
        """A fixed copy of up to ``reach`` rows either side of ``image``, and where it sits in it.

        What the viewer steps through: a copy, so images landing, deletions or a new search
        cannot shift what it acts on, and bounded, so opening it in a 10,000-image library costs
        a few page reads. An image no longer in the grid comes back alone.
        """
        row = self._row_of.get(image.id)
        if row is None:
            return [image], 0
        images = self.images_at(range(max(0, row - reach), min(self._count, row + reach + 1)))
        position = next((i for i, found in enumerate(images) if found.id == image.id), None)
        return (images, position) if position is not None else ([image], 0)

    def set_query(self, query: ImageQuery) -> None:
        self._query = query
        self.refresh()

    def refresh(self) -> None:
        """Re-count and re-read lazily; the view keeps what it can of the selection."""
        self.beginResetModel()
        self._rows.clear()
        self._row_of.clear()
        self._count = self._source.count_images(self._query)
        self.endResetModel()

    def image_added(self, image: ImageRecord, thumbnail: QImage | None = None) -> None:
        """An image landed in the library: show it now, without re-reading the whole grid.

        ``thumbnail`` is the runner's, made from its one decode of the download: the grid shows
        it without reading the thumbnail file back.

        The library's own order decides where it goes (a series is shown in index order under
        the newest job), so the first rows are re-read and the image is inserted where the source
        put it. Anything unexpected (several images at once, a filtered query) falls back to a
        refresh, which is always correct.
        """
        total = self._source.count_images(self._query)
        if total == self._count:
            return
        if thumbnail is not None:
            self._loader.offer(image.id, thumbnail)
        if total != self._count + 1:
            self.refresh()
            return
        head = self._source.images_page(self._query, 0, min(total, HEAD_ROWS))
        position = next((i for i, row in enumerate(head) if row.id == image.id), None)
        if position is None:
            self.refresh()
            return
        self.beginInsertRows(QModelIndex(), position, position)
        self._count = total
        shifted = {(r + 1 if r >= position else r): rec for r, rec in self._rows.items()}
        shifted.update(enumerate(head))
        self._set_rows(shifted)
        self.endInsertRows()

    def curated(self, change: LibraryChange) -> None:
        """Flags or ratings changed: repaint the tiles, or re-read if the filter now leaves
        some out (or lets some in), e.g. a reject while rejected images are hidden."""
        query = self._query
        if query.picked_only or query.hide_rejected or query.min_rating:
            self.refresh()
            return
        rows = [r for i in change.image_ids if (r := self._row_of.get(i)) is not None]
        for r in rows:
            self._rows[r] = change.applied_to(self._rows[r])
        if rows:
            self.dataChanged.emit(self.index(min(rows)), self.index(max(rows)), _CURATED_ROLES)

    def retain_rows(self, first: int, last: int) -> None:
        """Rows ``first…last`` are on screen: thumbnails of anything else may stop loading."""
        rows = range(max(0, first), min(last, self._count - 1) + 1)
        self._loader.retain(self._rows[r].id for r in rows if r in self._rows)

    def mimeTypes(self) -> list[str]:
        return [URI_LIST]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        return mime_for_drag(self.images_at(i.row() for i in indexes if i.isValid()))

    def _load_page_around(self, row: int) -> None:
        offset = row - row % PAGE_SIZE
        page = self._source.images_page(self._query, offset, PAGE_SIZE)
        rows = dict(self._rows)
        rows.update((offset + i, image) for i, image in enumerate(page))
        if len(rows) > MAX_CACHED_ROWS:
            half = MAX_CACHED_ROWS // 2
            rows = {r: image for r, image in rows.items() if abs(r - row) <= half}
        self._set_rows(rows)

    def _set_rows(self, rows: dict[int, ImageRecord]) -> None:
        self._rows = rows
        self._row_of = {image.id: r for r, image in rows.items()}

    @Slot(int)
    def _on_thumbnail(self, image_id: int) -> None:
        if image_id in self._row_of:
            self._landed.add(image_id)
            if not self._repaint.isActive():
                self._repaint.start()

    @Slot()
    def _repaint_landed(self) -> None:
        rows = [r for i in self._landed if (r := self._row_of.get(i)) is not None]
        self._landed.clear()
        if rows:
            self.dataChanged.emit(self.index(min(rows)), self.index(max(rows)), _THUMB_ROLES)
