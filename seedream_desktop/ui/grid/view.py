"""The grid's view: a Finder/Lightroom-style list in icon mode that scrolls, selects and opens."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
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
from PySide6.QtGui import (
    QContextMenuEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from seedream_desktop.core.models import ImageRecord
from seedream_desktop.ui.grid.delegate import DEFAULT_THUMB, MAX_THUMB, MIN_THUMB, ImageGridDelegate
from seedream_desktop.ui.grid.model import ImageGridModel, ImageRole
from seedream_desktop.ui.grid.series_header import SeriesHeader, band, menu_rect
from seedream_desktop.ui.grid.tile_face import TileFace

# Thumbnails kept in memory, in screenfuls (of square tiles, so 16:9 images fit ~5): scrolling a
# little back shows pixmaps, not placeholders, while the cache stays a few MB, not the library.
THUMB_SCREENS = 3


@dataclass(frozen=True, slots=True)
class _SavedRange:
    top: int
    bottom: int
    top_key: int  # ImageGridModel.row_key of each end
    bottom_key: int


class ImageGridView(QListView):
    """A Finder/Lightroom-style grid of an ``ImageGridModel``.

    Keyboard: arrows move, Shift+arrows extend, Ctrl+A selects all, Enter/Return or Space open the
    current image, the Menu key opens the context menu. Dragging out gives the files' URLs.
    In series, a header folds and unfolds on a click, Enter or Space; its ⋯ (or a right-click,
    or the Menu key) asks for the series' actions.
    """

    activated = Signal(object)  # ImageRecord: double-click, Enter/Return or Space
    selectionChangedRecords = Signal(list)  # list[ImageRecord], once per burst of changes
    contextMenuRequested = Signal(list, QPoint)  # list[ImageRecord], global position
    seriesMenuRequested = Signal(object, QPoint)  # Series, global position

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
        self._zoom = DEFAULT_THUMB
        self.setItemDelegate(self._delegate)
        self._selection_timer = QTimer(self)
        self._selection_timer.setSingleShot(True)
        self._selection_timer.setInterval(0)
        self._selection_timer.timeout.connect(self._emit_selection)
        self._saved_ranges: list[_SavedRange] = []
        self._saved_current: tuple[int, int] | None = None
        self._saved_count = 0
        self._anchors: list[_SavedRange] = []
        self._header_pressed = False
        self._current_anchor: tuple[int, int] | None = None
        # The base class's activated(QModelIndex) is shadowed by ours; reach it by signature.
        QObject.connect(self, SIGNAL("activated(QModelIndex)"), self._on_index_activated)
        # Pages either side of the screen are read a page per idle turn of the event loop.
        self._prefetch_timer = QTimer(self)
        self._prefetch_timer.setSingleShot(True)
        self._prefetch_timer.setInterval(0)
        self._prefetch_timer.timeout.connect(self._prefetch_step)
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
        # Rows move under a selection without it changing when images land or a series folds.
        model.rowsInserted.connect(self._remember_selection)
        model.rowsRemoved.connect(self._remember_selection)
        model.modelAboutToBeReset.connect(self._save_selection)
        model.modelReset.connect(self._restore_selection)
        self._lay_out_for(model.in_series)
        self._fit_thumbnails()

    def set_in_series(self, in_series: bool) -> None:
        """Show the model's series under their headers, or every image in one flat grid."""
        model = self.grid_model()
        if model is None or model.in_series == in_series:
            return
        # The same images stay selected: carried over as flat offsets, which both layouts share.
        before = model.rows
        flats = [
            span
            for selected in self.selectionModel().selection()
            for span in before.flat_ranges(selected.top(), selected.bottom())
        ]
        current = self.currentIndex()
        current_flat = before.place(current.row()).flat if current.isValid() else None
        self._lay_out_for(in_series)
        model.set_in_series(in_series)
        after = model.rows
        selection = QItemSelection()
        for first, last in flats:
            for top, bottom in after.row_ranges(first, last):
                selection.select(model.index(top), model.index(bottom))
        flag = QItemSelectionModel.SelectionFlag
        self.selectionModel().select(selection, flag.ClearAndSelect)
        row = after.row_of(current_flat) if current_flat is not None else None
        if row is not None:
            self.selectionModel().setCurrentIndex(model.index(row), flag.NoUpdate)
            QTimer.singleShot(0, self, lambda: self.scrollTo(self.currentIndex()))

    def _lay_out_for(self, in_series: bool) -> None:
        # Flat, every cell is the same: Qt lays out 100,000 of them without asking. Headers
        # span the view, so each row's size comes from the delegate.
        self.setUniformItemSizes(not in_series)
        self.setGridSize(QSize() if in_series else self._cell_size())

    def _cell_size(self) -> QSize:
        return self._delegate.face.cell

    def thumbnail_size(self) -> int:
        return self._zoom

    def _show_face(self) -> None:
        """Tiles of this zoom, screen, palette and font, from the delegate and the workers alike
        (one face object for both: the delegate knows a tile is current by identity)."""
        face = TileFace.of(self._zoom, self.devicePixelRatioF(), self.palette(), self.font())
        self._delegate.set_face(face)
        model = self.grid_model()
        if model is not None:
            model.loader.set_face(self._delegate.face)

    def set_thumbnail_size(self, px: int) -> int:
        """Zoom the grid (within the setting's bounds); returns the size used, keeping the
        current image in view."""
        px = max(MIN_THUMB, min(MAX_THUMB, int(px)))
        self._zoom = px
        self.setIconSize(QSize(px, px))
        self._relay_out()
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
            if self._toggle_header(self.currentIndex()):
                event.accept()
                return
        super().keyPressEvent(event)

    def header_at(self, pos: QPoint) -> tuple[QModelIndex, SeriesHeader] | None:
        index = self.indexAt(pos)
        header = self._header_of(index)
        return None if header is None else (index, header)

    def _header_of(self, index: QModelIndex) -> SeriesHeader | None:
        model = self.grid_model()
        return model.header_at(index.row()) if model is not None and index.isValid() else None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        found = self.header_at(event.position().toPoint())
        if found is None or event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        index, header = found
        rect = self.visualRect(index)
        pos = event.position().toPoint()
        if not band(rect).contains(pos):
            super().mousePressEvent(event)  # the gap above a header is empty space
            return
        # Qt saw no press: a drag from here would stretch a rubber band from its last one.
        self._header_pressed = True
        # The keyboard's place moves to the header; the selected images stay selected.
        self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
        if menu_rect(rect).contains(pos):
            self.seriesMenuRequested.emit(header.series, self.viewport().mapToGlobal(pos))
        else:
            self._toggle_header(index)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if not self._header_pressed:
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._header_pressed:
            self._header_pressed = False
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        # A header's second click folds it back, as a second press of its ▾ would; no image opens.
        if self.header_at(event.position().toPoint()) is not None:
            self.mousePressEvent(event)
            return
        super().mouseDoubleClickEvent(event)

    def _toggle_header(self, index: QModelIndex) -> bool:
        header = self._header_of(index)
        model = self.grid_model()
        if header is None or model is None:
            return False
        model.set_collapsed(header.series.job.id, not header.collapsed)
        return True

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if self._series_menu(event):
            event.accept()
            return
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

    def _series_menu(self, event: QContextMenuEvent) -> bool:
        """A right-click on a header, or the Menu key on one, asks for its series' actions."""
        mouse = event.reason() == QContextMenuEvent.Reason.Mouse
        index = self.indexAt(event.pos()) if mouse else self.currentIndex()
        header = self._header_of(index)
        if header is None:
            return False
        pos = (
            event.globalPos()
            if mouse
            else self.viewport().mapToGlobal(menu_rect(self.visualRect(index)).bottomLeft())
        )
        self.seriesMenuRequested.emit(header.series, pos)
        return True

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

    def _relay_out(self) -> None:
        """After the cells' size may have changed (zoom, font)."""
        self._fit_thumbnails()
        model = self.grid_model()
        self._lay_out_for(model is not None and model.in_series)
        if model is not None and model.in_series:
            self.doItemsLayout()  # the rows' sizes changed, which Qt cannot see by itself

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        # The tiles moving under the pointer change which one is hovered, and Qt repaints the
        # old and new one beside the strip the scroll uncovered: a region of several rectangles,
        # through which every pixmap is clipped span by span (seven times slower than through
        # one rectangle). One rectangle, even the whole viewport, paints faster.
        self.viewport().update()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        kind = event.type()
        if kind == QEvent.Type.FontChange:
            self._delegate.font_changed()  # captions, badges and headers are in the view's font
            self._relay_out()
        elif kind in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._show_face()

    def resizeEvent(self, event: Any) -> None:
        self._delegate.set_header_width(max(1, self.viewport().width() - 2))
        super().resizeEvent(event)
        self._fit_thumbnails()
        self._retain_visible()

    def visible_rows(self) -> range:
        """Rows at least partly on screen (in a wrapped grid they are one contiguous run).

        Found by bisection over where the layout put the rows (their tops and bottoms grow with
        the row, headers or not), so a scroll costs a few dozen ``visualRect`` calls whatever
        the size of the library or the screen. Rows the batched layout has not reached yet
        count as below the screen.
        """
        model = self.model()
        area = self.viewport().rect()
        count = model.rowCount() if model is not None else 0
        if count == 0 or area.isEmpty():
            return range(0)
        below = area.bottom() + 1

        def edge(row: int, *, top: bool) -> int:
            rect = self.visualRect(model.index(row, 0))
            if not rect.isValid():
                return below + 1
            return rect.top() if top else rect.bottom()

        rows = range(count)
        first = bisect_left(rows, area.top(), key=lambda r: edge(r, top=False))
        stop = bisect_right(rows, area.bottom(), key=lambda r: edge(r, top=True))
        return range(first, stop) if first < stop else range(0)

    def _fit_thumbnails(self) -> None:
        """Thumbnails made at this zoom and screen, and a cache that holds what is on screen
        plus a margin (``THUMB_SCREENS``), in bytes."""
        self._show_face()  # the screen's pixel ratio may have changed with the window's screen
        model = self.grid_model()
        if model is None:
            return
        grid = self._cell_size()
        area = self.viewport().size()
        tiles = -(-area.width() // grid.width()) * (-(-area.height() // grid.height()) + 1)
        side = self._delegate.face.device_side + 2  # a picture in its frame, at most square
        model.loader.set_cache_bytes(THUMB_SCREENS * max(1, tiles) * side**2 * 4)

    @Slot()
    def _retain_visible(self) -> None:
        model = self.grid_model()
        rows = self.visible_rows()
        if model is not None and rows:
            model.retain_rows(rows.start, rows.stop - 1)
            self._prefetch_timer.start()

    @Slot()
    def _prefetch_step(self) -> None:
        model = self.grid_model()
        rows = self.visible_rows()
        if model is None or not rows:
            return
        screen = len(rows)
        around = range(max(0, rows.start - screen), min(model.rowCount(), rows.stop + screen))
        if model.prefetch(around):
            self._prefetch_timer.start()

    @Slot(QModelIndex)
    def _on_index_activated(self, index: QModelIndex) -> None:
        image = index.data(ImageRole)
        if isinstance(image, ImageRecord):
            self.activated.emit(image)
        else:
            self._toggle_header(index)  # Enter on a header

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
                _SavedRange(r.top(), r.bottom(), model.row_key(r.top()), model.row_key(r.bottom()))
                for r in ranges
            ]
            current = self.currentIndex()
            self._current_anchor = (
                (current.row(), model.row_key(current.row())) if current.isValid() else None
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
                model, shift, (saved.top, saved.top_key), (saved.bottom, saved.bottom_key)
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
        self._remember_selection()  # what is selected now, not what a dropped range was

    @staticmethod
    def _matching_shift(model: ImageGridModel, shift: int, *anchors: tuple[int, int]) -> int | None:
        def holds(row: int, key: int) -> bool:
            try:
                return model.row_key(row) == key
            except IndexError:
                return False

        for candidate in dict.fromkeys((shift, 0)):
            if all(holds(row + candidate, key) for row, key in anchors):
                return candidate
        return None
