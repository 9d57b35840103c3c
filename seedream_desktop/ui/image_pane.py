"""What the viewer and the compare window share: the zoomable image view, the full images decoded
off the GUI thread (the grid's thumbnail standing in meanwhile), and the zoom buttons and keys.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, QRectF, Qt, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QGuiApplication,
    QImage,
    QKeySequence,
    QPainter,
    QPalette,
    QPixmap,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QLabel,
    QToolBar,
    QWidget,
)

from seedream_desktop.core.models import ImageRecord
from seedream_desktop.core.placeholders import arg
from seedream_desktop.ui.thumbnail_loader import DecodePool, ThumbnailLoader, read_image

MIN_ZOOM = 0.02
MAX_ZOOM = 16.0
ZOOM_STEP = 1.25
_FIT_MARGIN = 2  # px around a fitted image, as QGraphicsView.fitInView leaves


def percent(value: int) -> str:
    return QLocale().toString(value) + QLocale().percent()


def size_to_screen(window: QWidget) -> None:
    """Most of the screen: large images are the point of the window."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        area = screen.availableGeometry()
        window.resize(int(area.width() * 0.85), int(area.height() * 0.85))


def unreadable_text(path: Path) -> str:
    return arg(
        QCoreApplication.translate(
            "ImageView",
            "This image can't be shown. The file %1 is damaged, missing or not an image.",
        ),
        path.name,
    )


class ImageView(QGraphicsView):
    """One image on a backdrop a shade off the window colour; the wheel asks for a zoom around
    the cursor (``wheelZoom``), a drag pans."""

    wheelZoom = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.item = QGraphicsPixmapItem()
        self.item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self.item)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Image"))
        self._paint_backdrop()

    def show_image(self, image: ImageRecord, pixmap: QPixmap) -> None:
        self.scene().setSceneRect(QRectF(0, 0, image.width, image.height))
        self.set_pixmap(image, pixmap)

    def set_pixmap(self, image: ImageRecord, pixmap: QPixmap) -> None:
        self.item.setPixmap(pixmap)
        # A stand-in thumbnail is stretched to the real size, so zoom levels stay true.
        scale = image.width / pixmap.width() if not pixmap.isNull() and pixmap.width() else 1.0
        self.item.setScale(scale)

    def clear(self) -> None:
        self.item.setPixmap(QPixmap())

    def zoom_factor(self) -> float:
        return self.transform().m11()

    def fit_factor(self) -> float:
        """The zoom at which the whole image fits, with a margin as ``fitInView`` leaves.

        Measured as if there were no scroll bars: a fitted image needs none, and fitting while
        a zoomed-in view still shows them would leave the image short of the view.
        """
        room = self.maximumViewportSize()
        rect = self.scene().sceneRect()
        if rect.isEmpty():
            return 1.0
        margin = 2 * _FIT_MARGIN
        return min((room.width() - margin) / rect.width(), (room.height() - margin) / rect.height())

    def fit(self) -> None:
        self.zoom_to(self.fit_factor(), under_mouse=False)

    def zoom_to(self, zoom: float, *, under_mouse: bool) -> None:
        """Zoom to ``zoom`` (kept within bounds) around the cursor or the view's centre."""
        zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        anchor = (
            QGraphicsView.ViewportAnchor.AnchorUnderMouse
            if under_mouse
            else QGraphicsView.ViewportAnchor.AnchorViewCenter
        )
        self.setTransformationAnchor(anchor)
        factor = zoom / self.zoom_factor()
        self.scale(factor, factor)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)

    def _paint_backdrop(self) -> None:
        window = self.palette().color(QPalette.ColorRole.Window)
        # A backdrop a shade off the window colour: the picture's edges stay visible in light
        # and dark themes alike.
        self.setBackgroundBrush(
            window.darker(115) if window.lightness() > 60 else window.darker(140)
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # light ↔ dark while the window is open
            self._paint_backdrop()

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.wheelZoom.emit(ZOOM_STEP**steps)
            event.accept()
        else:
            super().wheelEvent(event)


class FullImages(QObject):
    """Full-size images decoded on a worker thread, the ``kept`` most recent held as pixmaps
    (~15 MB each at 2560x1440)."""

    decoded = Signal(int)  # image id, now in ``get``
    failed = Signal(int, str)  # image id, why in words

    def __init__(
        self, kept: int, thumbnails: ThumbnailLoader | None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._kept = kept
        self._thumbnails = thumbnails
        self._full: OrderedDict[int, QPixmap] = OrderedDict()
        self._decoding: set[int] = set()
        self._decoder = DecodePool(1, self)
        self._decoder.decoded.connect(self._on_decoded)
        self._decoder.failed.connect(self._on_failed)

    def get(self, image_id: int) -> QPixmap | None:
        full = self._full.get(image_id)
        if full is not None:
            self._full.move_to_end(image_id)
        return full

    def best(self, image: ImageRecord) -> QPixmap:
        """The full image if decoded, else the grid's thumbnail (or nothing) while it decodes."""
        full = self.get(image.id)
        if full is not None:
            return full
        self.request(image)
        stand_in = self._thumbnails.cached(image.id) if self._thumbnails else None
        return stand_in or QPixmap()

    def request(self, image: ImageRecord) -> None:
        if image.id in self._decoding or image.id in self._full:
            return
        self._decoding.add(image.id)
        self._decoder.submit(image.id, partial(read_image, image.path))

    def release(self) -> None:
        """No decode may report after this, and the pixmaps go now, not whenever the garbage
        collector gets to the owner's wrapper."""
        self._decoder.shutdown()
        self._full.clear()
        self._decoding.clear()

    @Slot(object, object)
    def _on_decoded(self, image_id: int, decoded: QImage) -> None:
        self._decoding.discard(image_id)
        self._full[image_id] = QPixmap.fromImage(decoded)
        while len(self._full) > self._kept:
            self._full.popitem(last=False)
        self.decoded.emit(image_id)

    @Slot(object, str)
    def _on_failed(self, image_id: int, reason: str) -> None:
        self._decoding.discard(image_id)
        self.failed.emit(image_id, reason)


def window_action(
    host: QWidget,
    toolbar: QToolBar,
    text: str,
    keys: list[QKeySequence],
    slot: Callable[[], None],
    tip: str,
) -> QAction:
    """A tool button of ``host``'s toolbar whose keys work anywhere in the window."""
    action = QAction(text, host)
    action.setShortcuts(keys)
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.setToolTip(f"{tip} ({keys[0].toString(QKeySequence.SequenceFormat.NativeText)})")
    action.setIconText(text)
    action.triggered.connect(slot)
    toolbar.addAction(action)
    host.addAction(action)
    return action


class ZoomControls(QObject):
    """Fit (F), 100 % (Z), − and + on ``host``'s toolbar, then a label saying the zoom."""

    def __init__(
        self,
        host: QWidget,
        toolbar: QToolBar,
        *,
        fit: Callable[[], None],
        actual_size: Callable[[], None],
        zoom_in: Callable[[], None],
        zoom_out: Callable[[], None],
    ) -> None:
        super().__init__(host)
        key = QKeySequence
        add = partial(window_action, host, toolbar)
        add(self.tr("Fit"), [key(Qt.Key.Key_F), key("Ctrl+0")], fit, self.tr("Fit to window"))
        add(percent(100), [key(Qt.Key.Key_Z), key("Ctrl+1")], actual_size, self.tr("Actual size"))
        add("−", [key(Qt.Key.Key_Minus)], zoom_out, self.tr("Zoom out"))
        add("+", [key(Qt.Key.Key_Plus), key(Qt.Key.Key_Equal)], zoom_in, self.tr("Zoom in"))
        self.label = QLabel(host)
        self.label.setAccessibleName(self.tr("Zoom level"))
        self.label.setMinimumWidth(90)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        toolbar.addWidget(self.label)

    def show_zoom(self, zoom: float, *, fit: bool) -> None:
        shown = percent(round(zoom * 100))
        self.label.setText(arg(self.tr("Fit · %1"), shown) if fit else shown)
