"""A large image viewer: fit or 1:1, wheel zoom around the cursor, drag to pan, arrows to step.

Full-size images (2560x1440 and up) are decoded on a worker thread; the grid's thumbnail, scaled
up to the image's real size, stands in until the decode lands, so stepping through a series
never shows an empty window.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from seedream_desktop.core.models import ImageRecord, LibraryChange
from seedream_desktop.core.placeholders import arg
from seedream_desktop.ui.curation import CurationActions, Curator, flag_text, rating_text
from seedream_desktop.ui.formatting import date_time, dimensions, human_bytes, number
from seedream_desktop.ui.image_pane import (
    ZOOM_STEP,
    FullImages,
    ImageView,
    ZoomControls,
    size_to_screen,
    unreadable_text,
    window_action,
)
from seedream_desktop.ui.money_status import money_text
from seedream_desktop.ui.thumbnail_loader import ThumbnailLoader
from seedream_desktop.ui.words import words

if TYPE_CHECKING:
    from seedream_desktop.core.library.signals import LibrarySignals

log = logging.getLogger(__name__)

FULL_IMAGES_KEPT = 3  # current, the one just left and the prefetched next: ~45 MB at most


class ImageViewer(QDialog):
    """Shows ``images[start]`` large; Left/Right step through ``images``.

    The viewer keeps its own copy of ``images``, so what it shows and what its buttons act on
    stay the same image whatever happens to the grid meanwhile (give it a window of rows, e.g.
    ``ImageGridModel.images_around``, not a whole library). Keys: Left/Right previous/next,
    Z or Ctrl+1 actual size, F or Ctrl+0 fit, +/- zoom, Esc close; with a ``curator``, P/X/U
    pick/reject/unflag and 0–5 rate the image shown (as in Lightroom, so the digits are not
    zoom keys here), and ``changes`` keeps its flag and rating up to date.
    """

    reuseSeed = Signal(int)
    reuseSettings = Signal(object)  # ImageRecord
    currentChanged = Signal(object)  # ImageRecord
    exportRequested = Signal(object)  # ImageRecord: Ctrl+E exports the image on screen

    def __init__(
        self,
        images: Sequence[ImageRecord],
        start: int = 0,
        parent: QWidget | None = None,
        *,
        thumbnails: ThumbnailLoader | None = None,
        curator: Curator | None = None,
        changes: LibrarySignals | None = None,
    ) -> None:
        super().__init__(parent)
        if not images:
            raise ValueError("the viewer needs at least one image")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint)
        self.setAccessibleName(self.tr("Image viewer"))
        self._images = list(images)
        self._index = -1
        self._fit = True
        self._full = FullImages(FULL_IMAGES_KEPT, thumbnails, self)
        self._full.decoded.connect(self._on_decoded)
        self._full.failed.connect(self._on_failed)

        self._view = ImageView(self)
        self._view.wheelZoom.connect(self.zoom_by)
        self._message = QLabel(self)
        self._message.setAccessibleName(self.tr("Viewer status"))
        self._message.setWordWrap(True)
        self._message.hide()

        self._build_actions()
        self.curation = (
            CurationActions(curator, lambda: [self.current_image()], self) if curator else None
        )
        if self.curation is not None:
            self.curation.add_flags_to(self._toolbar)
        if changes is not None:
            changes.curated.connect(self._on_curated)
        self._build_layout()
        size_to_screen(self)
        self.go_to(start)

    def _build_actions(self) -> None:
        self._toolbar = QToolBar(self.tr("Viewer"), self)
        self._toolbar.setAccessibleName(self.tr("Viewer tools"))
        self._toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

        action = partial(window_action, self, self._toolbar)
        key = QKeySequence
        self._prev_action = action(
            self.tr("◀ Previous"), [key(Qt.Key.Key_Left)], self.previous, self.tr("Previous")
        )
        self._next_action = action(
            self.tr("Next ▶"), [key(Qt.Key.Key_Right)], self.next, self.tr("Next")
        )
        action(
            self.tr("Export…"),
            [key("Ctrl+E")],
            lambda: self.exportRequested.emit(self.current_image()),
            self.tr("Export this image"),
        )
        self._toolbar.addSeparator()
        self._zoom = ZoomControls(
            self,
            self._toolbar,
            fit=self.fit_to_window,
            actual_size=self.actual_size,
            zoom_in=self.zoom_in,
            zoom_out=self.zoom_out,
        )

    def _build_layout(self) -> None:
        stage = QWidget(self)
        stage_layout = QVBoxLayout(stage)
        stage_layout.setContentsMargins(0, 0, 0, 0)
        stage_layout.setSpacing(0)
        stage_layout.addWidget(self._toolbar)
        stage_layout.addWidget(self._message)
        stage_layout.addWidget(self._view, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(stage)
        splitter.addWidget(self._build_info_panel())
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setCollapsible(0, False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._view.setFocus()

    def _build_info_panel(self) -> QWidget:
        panel = QWidget(self)
        panel.setAccessibleName(self.tr("Image details"))
        panel.setMinimumWidth(260)
        panel.setMaximumWidth(420)
        form = QFormLayout(panel)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self._prompt = QPlainTextEdit(panel)
        self._prompt.setReadOnly(True)
        self._prompt.setAccessibleName(self.tr("Prompt"))
        self._prompt.setTabChangesFocus(True)
        self._prompt.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        form.addRow(self.tr("Prompt"), self._prompt)

        self._seed = self._value_label(self.tr("Seed"))
        self._seed_button = QPushButton(self.tr("Use this seed"), panel)
        self._seed_button.setAccessibleName(self.tr("Use this seed for the next generation"))
        self._seed_button.clicked.connect(self._emit_seed)
        seed_row = QHBoxLayout()
        seed_row.addWidget(self._seed, 1)
        seed_row.addWidget(self._seed_button)
        form.addRow(self.tr("Seed"), seed_row)

        names = {
            "size": self.tr("Size"),
            "aspect": self.tr("Aspect"),
            "mode": self.tr("Mode"),
            "styles": self.tr("Styles"),
            "job": self.tr("Job"),
            "cost": self.tr("Job cost"),
            "request": self.tr("Request ID"),
            "flag": self.tr("Flag"),
            "rating": self.tr("Rating"),
            "created": self.tr("Created"),
            "file": self.tr("File"),
        }
        self._fields: dict[str, QLabel] = {}
        for key, name in names.items():
            self._fields[key] = self._value_label(name)
            form.addRow(name, self._fields[key])

        self._reuse_button = QPushButton(self.tr("Reuse settings"), panel)
        self._reuse_button.setAccessibleName(self.tr("Reuse this image's prompt and settings"))
        self._reuse_button.clicked.connect(lambda: self.reuseSettings.emit(self.current_image()))
        form.addRow(self._reuse_button)
        return panel

    def _value_label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setAccessibleName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return label

    def current_image(self) -> ImageRecord:
        return self._images[self._index]

    def zoom_factor(self) -> float:
        return self._view.zoom_factor()

    def is_fit(self) -> bool:
        return self._fit

    @Slot()
    def next(self) -> None:
        if self._index + 1 < len(self._images):
            self.go_to(self._index + 1)

    @Slot()
    def previous(self) -> None:
        if self._index > 0:
            self.go_to(self._index - 1)

    def go_to(self, index: int) -> None:
        count = len(self._images)
        index = max(0, min(count - 1, index))
        if index == self._index:
            return
        self._index = index
        image = self._images[index]
        self.setWindowTitle(arg(self.tr("Image %1 of %Ln", "", count), number(index + 1)))
        self._prev_action.setEnabled(index > 0)
        self._next_action.setEnabled(index + 1 < count)
        self._show_details(image)
        self._message.hide()
        self._view.show_image(image, self._full.best(image))
        if self._fit:
            self.fit_to_window()
        self.currentChanged.emit(image)

    @Slot()
    def fit_to_window(self) -> None:
        self._fit = True
        self._view.fit()
        self._update_zoom_label()

    @Slot()
    def actual_size(self) -> None:
        self._set_zoom(1.0, under_mouse=False)

    @Slot()
    def zoom_in(self) -> None:
        self._set_zoom(self.zoom_factor() * ZOOM_STEP, under_mouse=False)

    @Slot()
    def zoom_out(self) -> None:
        self._set_zoom(self.zoom_factor() / ZOOM_STEP, under_mouse=False)

    @Slot(float)
    def zoom_by(self, factor: float) -> None:
        self._set_zoom(self.zoom_factor() * factor, under_mouse=True)

    def _set_zoom(self, zoom: float, *, under_mouse: bool) -> None:
        self._fit = False
        self._view.zoom_to(zoom, under_mouse=under_mouse)
        self._update_zoom_label()

    def _update_zoom_label(self) -> None:
        self._zoom.show_zoom(self.zoom_factor(), fit=self._fit)

    def _show_details(self, image: ImageRecord) -> None:
        self._prompt.setPlainText(image.prompt)
        has_seed = image.seed is not None
        self._seed.setText(str(image.seed) if has_seed else self.tr("Random (not recorded)"))
        self._seed_button.setEnabled(has_seed)
        details = {
            "size": f"{dimensions(image.width, image.height)} px · {image.format.name} · "
            f"{human_bytes(image.byte_size)}",
            "aspect": image.aspect.label,
            "mode": words.mode(image.mode),
            "styles": "; ".join(image.styles) or self.tr("None"),
            "job": arg(self.tr("Job %1, image %2"), image.job_id, image.index + 1),
            "cost": self.tr("Not known yet")
            if image.job_cost is None
            else money_text(image.job_cost),
            "request": image.request_id or "—",
            "flag": flag_text(image.flag),
            "rating": rating_text(image.rating),
            "created": date_time(image.created_at),
            "file": str(image.path),
        }
        for key, text in details.items():
            self._fields[key].setText(text)

    @Slot(object)
    def _on_curated(self, change: LibraryChange) -> None:
        self._images = [change.applied_to(image) for image in self._images]
        if self.current_image().id in change.image_ids:
            self._show_details(self.current_image())

    @Slot(int)
    def _on_decoded(self, image_id: int) -> None:
        current = self.current_image()
        full = self._full.get(image_id)
        if image_id == current.id and full is not None:
            self._view.set_pixmap(current, full)
            if self._index + 1 < len(self._images):
                self._full.request(self._images[self._index + 1])

    @Slot(int, str)
    def _on_failed(self, image_id: int, reason: str) -> None:
        current = self.current_image()
        if image_id == current.id:
            log.info("Viewer cannot show %s: %s", current.path, reason)
            self._message.setText(unreadable_text(current.path))
            self._message.show()

    def _emit_seed(self) -> None:
        seed = self.current_image().seed
        if seed is not None:
            self.reuseSeed.emit(seed)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fit and self._index >= 0:
            self.fit_to_window()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._fit:
            self.fit_to_window()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._release()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        self._release()
        super().done(result)

    def _release(self) -> None:
        """Closed: no decode may still report here, and the full-size images (~15 MB each) go
        now, not whenever the garbage collector gets to this wrapper."""
        self._full.release()
        self._view.clear()
