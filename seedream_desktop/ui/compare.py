"""Candidates side by side: one zoom and one scroll position for every pane, so the same detail
of each image is on screen at once; the verdicts are given here, where the choice is made.

Each pane says which image it shows ("Job 12 · image 3 · Seed 123") and its flag and rating.
Clicking a pane (or tabbing to it) makes it the active one, outlined in the highlight colour:
P/X/U and 0–5 curate its image, and Left/Right put the previous/next image of its series that
no pane shows yet in its place, going round from the last image of the series to the first.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import (
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QScrollBar,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from seedream_desktop.core.library import Library
from seedream_desktop.core.models import ImageQuery, ImageRecord, LibraryChange
from seedream_desktop.core.placeholders import arg
from seedream_desktop.core.series_actions import matching_images
from seedream_desktop.ui.curation import CurationActions, Curator, flag_text, rating_text
from seedream_desktop.ui.grid.model import series_label
from seedream_desktop.ui.image_pane import (
    ZOOM_STEP,
    FullImages,
    ImageView,
    ZoomControls,
    size_to_screen,
    unreadable_text,
    window_action,
)
from seedream_desktop.ui.thumbnail_loader import ThumbnailLoader

if TYPE_CHECKING:
    from seedream_desktop.core.library.signals import LibrarySignals

log = logging.getLogger(__name__)

_OUTLINE = 3  # px of highlight around the active pane


class _Pane(QWidget):
    """One image of the comparison, its label and its verdict."""

    activated = Signal()

    def __init__(self, image: ImageRecord, parent: QWidget) -> None:
        super().__init__(parent)
        self.image = image
        self._active = False
        self.view = ImageView(self)
        self.view.installEventFilter(self)
        # A click on the labels activates the pane too: the view takes the focus for it.
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setFocusProxy(self.view)
        self.title = QLabel(self)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verdict = QLabel(self)
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.hide()
        layout = QVBoxLayout(self)
        margin = _OUTLINE + 1
        layout.setContentsMargins(margin, margin, margin, margin)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.verdict)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)

    def show_record(self, image: ImageRecord, full: FullImages) -> None:
        self.image = image
        self.title.setText(series_label(image))
        self.view.setAccessibleName(series_label(image))
        self.message.hide()
        self.show_verdict()
        self.view.show_image(image, full.best(image))

    def show_verdict(self) -> None:
        text = f"{flag_text(self.image.flag)} · {rating_text(self.image.rating)}"
        self.verdict.setText(text)
        self.view.setAccessibleDescription(text)

    def show_unreadable(self) -> None:
        self.message.setText(unreadable_text(self.image.path))
        self.message.show()

    def set_active(self, active: bool) -> None:
        self._active = active
        font = self.title.font()
        font.setBold(active)
        self.title.setFont(font)
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.FocusIn:
            self.activated.emit()
        return super().eventFilter(watched, event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._active:
            painter = QPainter(self)
            pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), _OUTLINE)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            painter.setPen(pen)
            half = _OUTLINE // 2
            painter.drawRect(self.rect().adjusted(half, half, -half - 1, -half - 1))


def _fraction(bar: QScrollBar) -> float:
    span = bar.maximum() - bar.minimum()
    return (bar.value() - bar.minimum()) / span if span else 0.5


def _scroll_to(bar: QScrollBar, fraction: float) -> None:
    bar.setValue(bar.minimum() + round(fraction * (bar.maximum() - bar.minimum())))


class CompareWindow(QDialog):
    """``images`` side by side (the main window offers 2 to 4), zoomed and panned together.

    Keys as in the viewer: F or Ctrl+0 fit, Z or Ctrl+1 actual size, +/- and the wheel zoom, a
    drag pans, Esc closes; with a ``curator``, P/X/U and 0–5 curate the active pane's image, and
    ``changes`` keeps every pane's flag and rating up to date. Left/Right read the series from
    ``library`` each time, so images that landed since are candidates too.
    """

    def __init__(
        self,
        images: Sequence[ImageRecord],
        library: Library,
        parent: QWidget | None = None,
        *,
        thumbnails: ThumbnailLoader | None = None,
        curator: Curator | None = None,
        changes: LibrarySignals | None = None,
    ) -> None:
        super().__init__(parent)
        if not images:
            raise ValueError("the compare window needs at least one image")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint)
        self.setWindowTitle(self.tr("Compare %Ln Image(s)", "", len(images)))
        self.setAccessibleName(self.tr("Compare images"))
        self._library = library
        self._fit = True
        self._syncing = False  # a pane moved by the others must not move them back
        # Every pane's image and the one just swapped out, should it come straight back.
        self._full = FullImages(len(images) + 1, thumbnails, self)
        self._full.decoded.connect(self._on_decoded)
        self._full.failed.connect(self._on_failed)
        self.finished.connect(self._release)

        self._toolbar = QToolBar(self.tr("Compare"), self)
        self._toolbar.setAccessibleName(self.tr("Compare tools"))
        self._toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        action = partial(window_action, self, self._toolbar)
        action(
            self.tr("◀ Previous"),
            [QKeySequence(Qt.Key.Key_Left)],
            lambda: self.swap(-1),
            self.tr("Previous image of the active pane's series (after the first comes the last)"),
        )
        action(
            self.tr("Next ▶"),
            [QKeySequence(Qt.Key.Key_Right)],
            lambda: self.swap(1),
            self.tr("Next image of the active pane's series (after the last comes the first)"),
        )
        self._toolbar.addSeparator()
        self._zoom = ZoomControls(
            self,
            self._toolbar,
            fit=self.fit_to_window,
            actual_size=lambda: self._set_zoom(1.0),
            zoom_in=lambda: self._set_zoom(self.zoom_factor() * ZOOM_STEP),
            zoom_out=lambda: self._set_zoom(self.zoom_factor() / ZOOM_STEP),
        )
        self.curation = (
            CurationActions(curator, lambda: [self.active_image()], self) if curator else None
        )
        if self.curation is not None:
            self.curation.add_flags_to(self._toolbar)
        if changes is not None:
            changes.curated.connect(self._on_curated)
        self._message = QLabel(self)
        self._message.setAccessibleName(self.tr("Compare status"))
        self._message.setWordWrap(True)
        self._message.hide()

        self._panes = [self._add_pane(image) for image in images]
        row = QHBoxLayout()
        row.setSpacing(0)
        for pane in self._panes:
            row.addWidget(pane, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._toolbar)
        layout.addWidget(self._message)
        layout.addLayout(row, 1)
        self._activate(self._panes[0])
        self._panes[0].view.setFocus()
        size_to_screen(self)

    def _add_pane(self, image: ImageRecord) -> _Pane:
        pane = _Pane(image, self)
        pane.show_record(image, self._full)
        pane.activated.connect(lambda: self._activate(pane))
        pane.view.wheelZoom.connect(
            lambda factor: self._set_zoom(self.zoom_factor() * factor, pane)
        )
        for bar in (pane.view.horizontalScrollBar(), pane.view.verticalScrollBar()):
            bar.valueChanged.connect(lambda _value: self._sync_scroll(pane))
        return pane

    def active_image(self) -> ImageRecord:
        return self._active.image

    def shown_images(self) -> list[ImageRecord]:
        return [pane.image for pane in self._panes]

    def zoom_factor(self) -> float:
        return self._panes[0].view.zoom_factor()

    def is_fit(self) -> bool:
        return self._fit

    def _activate(self, pane: _Pane) -> None:
        self._active = pane
        for each in self._panes:
            each.set_active(each is pane)

    # ---- zoom and pan, the same in every pane ----------------------------------------------

    @Slot()
    def fit_to_window(self) -> None:
        """The largest zoom at which every image fits its pane: one factor for all."""
        self._fit = True
        self._zoom_all(min(pane.view.fit_factor() for pane in self._panes), None)

    def _set_zoom(self, zoom: float, source: _Pane | None = None) -> None:
        """Zoom every pane to ``zoom``; a wheel turned over ``source`` zooms around the cursor."""
        self._fit = False
        self._zoom_all(zoom, source)

    def _zoom_all(self, zoom: float, source: _Pane | None) -> None:
        self._syncing = True
        try:
            for pane in self._panes:
                pane.view.zoom_to(zoom, under_mouse=pane is source)
        finally:
            self._syncing = False
        self._sync_scroll(source or self._active)
        self._zoom.show_zoom(self.zoom_factor(), fit=self._fit)

    def _sync_scroll(self, source: _Pane) -> None:
        """The other panes to the same place as ``source``, relative to their scroll range."""
        if self._syncing:
            return
        self._syncing = True
        try:
            across = _fraction(source.view.horizontalScrollBar())
            down = _fraction(source.view.verticalScrollBar())
            for pane in self._panes:
                if pane is not source:
                    _scroll_to(pane.view.horizontalScrollBar(), across)
                    _scroll_to(pane.view.verticalScrollBar(), down)
        finally:
            self._syncing = False

    # ---- candidates ------------------------------------------------------------------------

    def swap(self, step: int) -> None:
        """The active pane shows the next (``step`` 1) or previous (-1) image of its series that
        no pane shows; past the end of the series it goes round to the other end."""
        pane = self._active
        job_id = pane.image.job_id
        shown = {image.id for image in self.shown_images()}
        candidates = [
            image
            for image in matching_images(self._library, ImageQuery(job_id=job_id))
            if image.id not in shown
        ]
        if not candidates:
            self._message.setText(
                arg(self.tr("Every image of series %1 is shown already."), str(job_id))
            )
            self._message.show()
            return
        self._message.hide()
        index = pane.image.index
        if step > 0:
            chosen = next((c for c in candidates if c.index > index), candidates[0])
        else:
            chosen = next((c for c in reversed(candidates) if c.index < index), candidates[-1])
        pane.show_record(chosen, self._full)
        if self._fit:
            self.fit_to_window()  # the new image may be of another size
        else:
            # The view kept its zoom; its scroll position comes from a pane that kept its image.
            others = [other for other in self._panes if other is not pane]
            if others:
                self._sync_scroll(others[0])

    # ---- the library and the decoder report ------------------------------------------------

    @Slot(object)
    def _on_curated(self, change: LibraryChange) -> None:
        for pane in self._panes:
            if pane.image.id in change.image_ids:
                pane.image = change.applied_to(pane.image)
                pane.show_verdict()

    @Slot(int)
    def _on_decoded(self, image_id: int) -> None:
        full = self._full.get(image_id)
        for pane in self._panes:
            if pane.image.id == image_id and full is not None:
                pane.view.set_pixmap(pane.image, full)

    @Slot(int, str)
    def _on_failed(self, image_id: int, reason: str) -> None:
        for pane in self._panes:
            if pane.image.id == image_id:
                log.info("Compare cannot show %s: %s", pane.image.path, reason)
                pane.show_unreadable()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fit:
            self.fit_to_window()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._fit:
            self.fit_to_window()

    @Slot()
    def _release(self) -> None:
        """Closed: no decode may still report here, and the full-size images go now."""
        self._syncing = True  # the panes' scroll bars move as they are torn down: follow none
        self._full.release()
        for pane in self._panes:
            pane.view.clear()
