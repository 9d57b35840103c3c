"""Touch the Qt image types once on the calling thread before worker threads use them.

Shiboken creates Python types and enums lazily on first use; two threads doing that at once can
crash the process. Every worker pool that decodes or encodes images (download checks,
thumbnails, export) is started after this has run on the thread that owns it.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QColor, QImage, QImageReader, QImageWriter, QPainter


@functools.cache
def warm_up_image_types() -> None:
    image = QImage(QSize(4, 4), QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.fillRect(0, 0, 2, 2, QColor(255, 0, 0))
    painter.end()
    image.scaled(
        2, 2, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
    for fmt in (b"png", b"jpeg", b"webp"):
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QImageWriter(buffer, fmt)
        writer.write(image.convertToFormat(QImage.Format.Format_RGB32))
        buffer.close()
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        reader = QImageReader(buffer, fmt)
        reader.setScaledSize(QSize(2, 2))
        reader.read()
