"""The aspect list's icons: each preset's shape in outline, recognised at a glance."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from seedream_desktop.api.params import AspectRatio


def aspect_icon(ratio: AspectRatio, size: int = 22) -> QIcon:
    """A small outline of the preset's shape, so ratios are recognised at a glance."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    scale = (size - 4) / max(ratio.width, ratio.height)
    w, h = ratio.width * scale, ratio.height * scale
    painter.setPen(QColor(128, 128, 128))
    painter.setBrush(QColor(128, 128, 128, 60))
    painter.drawRoundedRect((size - w) / 2, (size - h) / 2, w, h, 2, 2)
    painter.end()
    return QIcon(pixmap)
