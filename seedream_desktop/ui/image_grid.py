"""The thumbnail grid: a lazily paged model over the library, its delegate and its view.

The model never holds the whole library: ``rowCount`` is the library's count, and rows are read a
page at a time when the view paints them, so the scroll bar is true to size while 10,000 images
cost a few page reads. Thumbnails come from a ``ThumbnailLoader`` that decodes off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, overload

from PySide6.QtCore import (
    SIGNAL,
    QAbstractListModel,
    QItemSelection,
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from seedream_desktop.core.models import ImageQuery, ImageRecord
from seedream_desktop.core.settings import spec
from seedream_desktop.ui.formatting import human_bytes, mix
from seedream_desktop.ui.image_mime import mime_for_drag
from seedream_desktop.ui.thumbnail_loader import ThumbnailLoader, ThumbSource, ThumbState

PAGE_SIZE = 200
MAX_CACHED_ROWS = 4000  # ~20 pages: a few screens either side of wherever the user is
HEAD_ROWS = 64  # where a newly landed image is looked for before falling back to a refresh
# The zoom is a setting: its range and default are declared there, once.
MIN_THUMB, MAX_THUMB = spec("grid_zoom").bounds
DEFAULT_THUMB: int = spec("grid_zoom").default

ImageRole = Qt.ItemDataRole.UserRole + 1
ThumbStateRole = Qt.ItemDataRole.UserRole + 2
SeriesStartRole = Qt.ItemDataRole.UserRole + 3  # True on the first image of a job in the grid

URI_LIST = "text/uri-list"


class ImagePageSource(Protocol):
    """What the grid needs from the library (``Library`` satisfies it)."""

    def count_images(self, query: ImageQuery) -> int: ...

    def images_page(self, query: ImageQuery, offset: int, limit: int) -> list[ImageRecord]: ...


def short_label(image: ImageRecord) -> str:
    return f"#{image.index + 1} · {image.aspect.label}"


def tooltip_text(image: ImageRecord) -> str:
    prompt = image.prompt if len(image.prompt) <= 160 else image.prompt[:159].rstrip() + "…"
    seed = f"Seed {image.seed}" if image.seed is not None else "Seed: random"
    return "\n".join(
        [
            prompt,
            f"Job {image.job_id} · image {image.index + 1} · {seed}",
            f"{image.width} × {image.height} · {image.format.name} · "
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
        if role == Qt.ItemDataRole.DisplayRole:
            return short_label(image)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._loader.pixmap(image) or _placeholder()
        if role == ThumbStateRole:
            self._loader.pixmap(image)
            return self._loader.state(image.id)
        if role == ImageRole:
            return image
        if role == SeriesStartRole:
            return index.row() == 0 or self.image_at(index.row() - 1).job_id != image.job_id
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_text(image)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"Job {image.job_id}, image {image.index + 1}, {image.aspect.label}"
        return None

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
            page = self._source.images_page(self._query, first, PAGE_SIZE)
            found.update({first + i: image for i, image in enumerate(page)})
            while start < len(missing) and missing[start] < first + max(1, len(page)):
                start += 1
        return [found[r] for r in wanted if r in found]

    def as_sequence(self) -> Sequence[ImageRecord]:
        """The rows as a read-only sequence (what the viewer steps through), still paged."""
        return _ModelImages(self)

    def row_of(self, image_id: int) -> int | None:
        """The row of an image among the rows read so far."""
        return self._row_of.get(image_id)

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

    def image_added(self, image: ImageRecord) -> None:
        """An image landed in the library: show it now, without re-reading the whole grid.

        The library's own order decides where it goes (a series is shown in index order under
        the newest job), so the first rows are re-read and the image is inserted where the source
        put it. Anything unexpected (several images at once, a filtered query) falls back to a
        refresh, which is always correct.
        """
        total = self._source.count_images(self._query)
        if total == self._count:
            return
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
        row = self._row_of.get(image_id)
        if row is not None:
            index = self.index(row)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole, ThumbStateRole])


class _ModelImages(Sequence[ImageRecord]):
    def __init__(self, model: ImageGridModel) -> None:
        self._model = model

    def __len__(self) -> int:
        return self._model.rowCount()

    @overload
    def __getitem__(self, index: int) -> ImageRecord: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[ImageRecord]: ...
    def __getitem__(self, index: int | slice) -> ImageRecord | Sequence[ImageRecord]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        return self._model.image_at(index if index >= 0 else len(self) + index)


def _fit(size: QSize, box: QRect) -> QRect:
    scaled = size.scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
    rect = QRect(QPoint(0, 0), scaled)
    rect.moveCenter(box.center())
    return rect


class ImageGridDelegate(QStyledItemDelegate):
    """A tile: the thumbnail centred and aspect-correct, a caption, and the series it belongs to.

    Series read as groups twice over: tiles of every other job sit on a faintly tinted card, and
    the first image of each job carries a "Job 12" badge.
    """

    PADDING = 8
    GAP = 3
    RADIUS = 6.0

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thumb = DEFAULT_THUMB

    @property
    def thumbnail_size(self) -> int:
        return self._thumb

    def set_thumbnail_size(self, px: int) -> None:
        self._thumb = px

    def cell_size(self, font_height: int) -> QSize:
        side = self._thumb + 2 * (self.PADDING + self.GAP)
        return QSize(side, side + font_height + 4)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return self.cell_size(option.fontMetrics.height())

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        image = index.data(ImageRole)
        if not isinstance(image, ImageRecord):
            return
        palette = option.palette
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        hovered = bool(state & QStyle.StateFlag.State_MouseOver)
        focused = bool(state & QStyle.StateFlag.State_HasFocus)
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        highlight = palette.color(QPalette.ColorRole.Highlight)

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        card = QRectF(option.rect.adjusted(self.GAP, self.GAP, -self.GAP, -self.GAP))
        painter.setPen(Qt.PenStyle.NoPen)
        if image.job_id % 2:
            painter.setBrush(mix(base, text, 0.05))
            painter.drawRoundedRect(card, self.RADIUS, self.RADIUS)
        if selected or hovered:
            fill = QColor(highlight)
            fill.setAlphaF(0.30 if selected else 0.12)
            painter.setBrush(fill)
            painter.drawRoundedRect(card, self.RADIUS, self.RADIUS)
        if selected or focused:
            pen = QPen(highlight, 2 if selected else 1)
            if not selected:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(card.adjusted(1, 1, -1, -1), self.RADIUS, self.RADIUS)

        inner = option.rect.adjusted(
            self.GAP + self.PADDING, self.GAP + self.PADDING, -self.GAP - self.PADDING, 0
        )
        box = QRect(inner.topLeft(), QSize(self._thumb, self._thumb))
        picture = self._paint_picture(painter, index, image, box, base, text)
        if index.data(SeriesStartRole):
            self._paint_badge(painter, option, f"Job {image.job_id}", picture)

        caption = QRect(box.left(), box.bottom() + 3, box.width(), option.fontMetrics.height())
        painter.setPen(text)
        elided = option.fontMetrics.elidedText(
            short_label(image), Qt.TextElideMode.ElideRight, caption.width()
        )
        painter.drawText(caption, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, elided)
        painter.restore()

    def _paint_picture(
        self,
        painter: QPainter,
        index: QModelIndex | QPersistentModelIndex,
        image: ImageRecord,
        box: QRect,
        base: QColor,
        text: QColor,
    ) -> QRect:
        state = index.data(ThumbStateRole)
        if state is ThumbState.READY:
            pixmap = index.data(Qt.ItemDataRole.DecorationRole)
            target = _fit(pixmap.size(), box)
            painter.drawPixmap(target, pixmap)
            outline = QColor(text)
            outline.setAlphaF(0.15)
            painter.setPen(QPen(outline, 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(target).adjusted(0.5, 0.5, -0.5, -0.5))
            return target
        # The placeholder already has the image's shape, so nothing jumps when it lands.
        target = _fit(QSize(max(1, image.width), max(1, image.height)), box)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(mix(base, text, 0.10))
        painter.drawRoundedRect(QRectF(target), 3, 3)
        if state is ThumbState.FAILED:
            painter.setPen(mix(base, text, 0.65))
            painter.drawText(target, Qt.AlignmentFlag.AlignCenter, "Can't read\nthis image")
        return target

    def _paint_badge(
        self, painter: QPainter, option: QStyleOptionViewItem, label: str, picture: QRect
    ) -> None:
        metrics = option.fontMetrics
        width = metrics.horizontalAdvance(label) + 10
        badge = QRectF(picture.left() + 4, picture.top() + 4, width, metrics.height() + 2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(option.palette.color(QPalette.ColorRole.Highlight))
        painter.drawRoundedRect(badge, 4, 4)
        painter.setPen(option.palette.color(QPalette.ColorRole.HighlightedText))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, label)


@dataclass(frozen=True, slots=True)
class _SavedRange:
    top: int
    bottom: int
    top_id: int
    bottom_id: int


class ImageGridView(QListView):
    """A Finder/Lightroom-style grid of an ``ImageGridModel``.

    Keyboard: arrows move, Shift+arrows extend, Ctrl+A selects all, Enter/Return or Space open the
    current image, the Menu key opens the context menu. Dragging out gives the files' URLs.
    """

    activated = Signal(object)  # ImageRecord: double-click, Enter/Return or Space
    selectionChangedRecords = Signal(list)  # list[ImageRecord], once per burst of changes
    contextMenuRequested = Signal(list, QPoint)  # list[ImageRecord], global position

    MAX_RESTORED_RANGES = 200  # bounds the page reads a refresh spends on restoring a selection

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(True)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(500)
        self.setSpacing(0)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionRectVisible(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setMouseTracking(True)  # hover highlight
        self.setAccessibleName("Images")
        self.setAccessibleDescription(
            "Generated images, newest first. Enter or Space opens the selected image."
        )
        self._delegate = ImageGridDelegate(self)
        self.setItemDelegate(self._delegate)
        self._selection_timer = QTimer(self)
        self._selection_timer.setSingleShot(True)
        self._selection_timer.setInterval(0)
        self._selection_timer.timeout.connect(self._emit_selection)
        self._saved_ranges: list[_SavedRange] = []
        self._saved_current: tuple[int, int] | None = None
        self._saved_count = 0
        self._anchors: list[_SavedRange] = []
        self._current_anchor: tuple[int, int] | None = None
        # The base class's activated(QModelIndex) is shadowed by ours; reach it by signature.
        QObject.connect(self, SIGNAL("activated(QModelIndex)"), self._on_index_activated)
        self.verticalScrollBar().valueChanged.connect(self._retain_visible)
        self.set_thumbnail_size(DEFAULT_THUMB)

    def grid_model(self) -> ImageGridModel | None:
        model = self.model()
        return model if isinstance(model, ImageGridModel) else None

    def setModel(self, model: Any) -> None:
        super().setModel(model)
        if not isinstance(model, ImageGridModel):
            return
        self.selectionModel().selectionChanged.connect(self._selection_timer.start)
        self.selectionModel().selectionChanged.connect(self._remember_selection)
        self.selectionModel().currentChanged.connect(self._remember_selection)
        model.rowsInserted.connect(self._remember_selection)
        model.modelAboutToBeReset.connect(self._save_selection)
        model.modelReset.connect(self._restore_selection)

    def thumbnail_size(self) -> int:
        return self._delegate.thumbnail_size

    def set_thumbnail_size(self, px: int) -> int:
        """Zoom the grid (within the setting's bounds); returns the size used, keeping the
        current image in view."""
        px = max(MIN_THUMB, min(MAX_THUMB, int(px)))
        self._delegate.set_thumbnail_size(px)
        self.setIconSize(QSize(px, px))
        self.setGridSize(self._delegate.cell_size(self.fontMetrics().height()))
        current = self.currentIndex()
        if current.isValid():
            QTimer.singleShot(0, self, lambda: self.scrollTo(self.currentIndex()))
        return px

    def selected_records(self) -> list[ImageRecord]:
        model = self.grid_model()
        if model is None or self.selectionModel() is None:
            return []
        rows: list[int] = []
        for selection_range in self.selectionModel().selection():
            rows.extend(range(selection_range.top(), selection_range.bottom() + 1))
        return model.images_at(rows)

    def current_image(self) -> ImageRecord | None:
        index = self.currentIndex()
        image = index.data(ImageRole) if index.isValid() else None
        return image if isinstance(image, ImageRecord) else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        ):
            image = self.current_image()
            if image is not None:
                self.activated.emit(image)
                event.accept()
                return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            index = self.indexAt(event.pos())
            if index.isValid() and not self.selectionModel().isSelected(index):
                self.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
            global_pos = event.globalPos()
        else:
            rect = self.visualRect(self.currentIndex())
            center = rect.center() if rect.isValid() else self.viewport().rect().center()
            global_pos = self.viewport().mapToGlobal(center)
        images = self.selected_records()
        if images:
            self.contextMenuRequested.emit(images, global_pos)
            event.accept()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if model is not None and model.rowCount() > 0:
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(
            self.viewport().rect().adjusted(24, 24, -24, -24),
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            "No images yet.\nImages appear here the moment they are downloaded.",
        )

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._retain_visible()

    def visible_rows(self) -> range:
        """Rows at least partly on screen (in a wrapped grid they are one contiguous run)."""
        grid = self.gridSize()
        area = self.viewport().rect()
        if self.model() is None or grid.isEmpty() or area.isEmpty():
            return range(0)
        rows: list[int] = []
        ys = [*range(grid.height() // 2, area.height(), grid.height()), 1, area.height() - 2]
        for y in ys:
            for x in range(grid.width() // 2, area.width(), grid.width()):
                index = self.indexAt(QPoint(x, y))
                if index.isValid():
                    rows.append(index.row())
        return range(min(rows), max(rows) + 1) if rows else range(0)

    @Slot()
    def _retain_visible(self) -> None:
        model = self.grid_model()
        rows = self.visible_rows()
        if model is not None and rows:
            model.retain_rows(rows.start, rows.stop - 1)

    @Slot(QModelIndex)
    def _on_index_activated(self, index: QModelIndex) -> None:
        image = index.data(ImageRole)
        if isinstance(image, ImageRecord):
            self.activated.emit(image)

    @Slot()
    def _emit_selection(self) -> None:
        self.selectionChangedRecords.emit(self.selected_records())

    @Slot()
    def _remember_selection(self) -> None:
        """Note which images bound each selected range while the rows still mean what they did:
        by the time a refresh() announces itself the source has already changed."""
        model = self.grid_model()
        selection = self.selectionModel()
        if model is None or selection is None:
            return
        ranges = list(selection.selection())[: self.MAX_RESTORED_RANGES]
        try:
            self._anchors = [
                _SavedRange(
                    r.top(), r.bottom(), model.image_at(r.top()).id, model.image_at(r.bottom()).id
                )
                for r in ranges
            ]
            current = self.currentIndex()
            self._current_anchor = (
                (current.row(), model.image_at(current.row()).id) if current.isValid() else None
            )
        except IndexError:  # the source shrank before telling us; a refresh is on its way
            self._anchors, self._current_anchor = [], None

    @Slot()
    def _save_selection(self) -> None:
        model = self.grid_model()
        self._saved_count = model.rowCount() if model is not None else 0
        self._saved_ranges = self._anchors
        self._saved_current = self._current_anchor

    @Slot()
    def _restore_selection(self) -> None:
        """Reselect what was selected, assuming rows moved by the change in count (new images
        arrive at the top) or not at all; a range whose ends no longer match is dropped."""
        model = self.grid_model()
        if model is None:
            return
        shift = model.rowCount() - self._saved_count
        selection = QItemSelection()
        for saved in self._saved_ranges:
            moved = self._matching_shift(
                model, shift, (saved.top, saved.top_id), (saved.bottom, saved.bottom_id)
            )
            if moved is not None:
                selection.select(model.index(saved.top + moved), model.index(saved.bottom + moved))
        if self._saved_current is not None:
            moved = self._matching_shift(model, shift, self._saved_current)
            if moved is not None:
                self.selectionModel().setCurrentIndex(
                    model.index(self._saved_current[0] + moved),
                    QItemSelectionModel.SelectionFlag.NoUpdate,
                )
        if not selection.isEmpty():
            self.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.Select)
        self._saved_ranges = []
        self._saved_current = None

    @staticmethod
    def _matching_shift(model: ImageGridModel, shift: int, *anchors: tuple[int, int]) -> int | None:
        def holds(row: int, image_id: int) -> bool:
            try:
                return model.image_at(row).id == image_id
            except IndexError:
                return False

        for candidate in dict.fromkeys((shift, 0)):
            if all(holds(row + candidate, image_id) for row, image_id in anchors):
                return candidate
        return None
