"""The grid's view: a Finder/Lightroom-style list in icon mode that scrolls, selects and opens."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    SIGNAL,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    QSize,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from seedream_desktop.core.models import ImageRecord
from seedream_desktop.ui.grid.delegate import DEFAULT_THUMB, MAX_THUMB, MIN_THUMB, ImageGridDelegate
from seedream_desktop.ui.grid.model import ImageGridModel, ImageRole

# Thumbnails kept in memory, in screenfuls (of square tiles, so 16:9 images fit ~5): scrolling a
# little back shows pixmaps, not placeholders, while the cache stays a few MB, not the library.
THUMB_SCREENS = 3


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
        self.setAccessibleName(self.tr("Images"))
        self.setAccessibleDescription(
            self.tr("Generated images, newest first. Enter or Space opens the selected image.")
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
        self._fit_thumbnails()

    def thumbnail_size(self) -> int:
        return self._delegate.thumbnail_size

    def set_thumbnail_size(self, px: int) -> int:
        """Zoom the grid (within the setting's bounds); returns the size used, keeping the
        current image in view."""
        px = max(MIN_THUMB, min(MAX_THUMB, int(px)))
        self._delegate.set_thumbnail_size(px)
        self.setIconSize(QSize(px, px))
        self.setGridSize(self._delegate.cell_size(self.fontMetrics().height()))
        self._fit_thumbnails()
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
            self.tr("No images yet.\nImages appear here the moment they are downloaded."),
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._delegate.font_changed()
        super().changeEvent(event)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._fit_thumbnails()
        self._retain_visible()

    def visible_rows(self) -> range:
        """Rows at least partly on screen (in a wrapped grid they are one contiguous run).

        Worked out from where the layout put row 0 and how many tiles its line holds, so a
        scroll costs a few ``visualRect`` calls whatever the size of the screen.
        """
        model = self.model()
        grid = self.gridSize()
        area = self.viewport().rect()
        count = model.rowCount() if model is not None else 0
        if count == 0 or grid.isEmpty() or area.isEmpty():
            return range(0)
        origin = self.visualRect(model.index(0, 0))
        if not origin.isValid():
            return range(0)
        columns = self._columns(count, origin.top())
        top_line = max(0, (area.top() - origin.top()) // grid.height())
        bottom_line = (area.bottom() - origin.top()) // grid.height()
        first = top_line * columns
        last = min(count - 1, (bottom_line + 1) * columns - 1)
        return range(first, last + 1) if 0 <= first <= last else range(0)

    def _columns(self, count: int, top: int) -> int:
        """Tiles per line: the first row whose tile starts a new line, found from a guess."""
        model = self.model()
        guess = max(1, min(count, self.viewport().width() // self.gridSize().width()))
        while guess < count and self.visualRect(model.index(guess, 0)).top() == top:
            guess += 1
        while guess > 1 and self.visualRect(model.index(guess - 1, 0)).top() != top:
            guess -= 1
        return guess

    def _fit_thumbnails(self) -> None:
        """Thumbnails made at this zoom and screen, and a cache that holds what is on screen
        plus a margin (``THUMB_SCREENS``), in bytes."""
        model = self.grid_model()
        grid = self.gridSize()
        if model is None or grid.isEmpty():
            return
        loader = model.loader
        loader.set_side(self._delegate.thumbnail_size, self.devicePixelRatioF())
        area = self.viewport().size()
        tiles = -(-area.width() // grid.width()) * (-(-area.height() // grid.height()) + 1)
        loader.set_cache_bytes(THUMB_SCREENS * max(1, tiles) * loader.side**2 * 4)

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
