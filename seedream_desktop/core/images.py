"""What every part that decodes or encodes images with Qt shares.

- ``prepare_image_decoding()``: run once on the thread that owns the worker pools, before any
  worker decodes (the engine does, so the window and the CLI both have it). It sets Qt's
  process-wide allocation limit against decompression bombs, and touches the Qt image types:
  Shiboken creates Python types and enums lazily on first use, and two threads doing that at once
  can crash the process.
- ``lower_worker_priority()``: what every decode worker thread runs first, so that on a busy
  machine the GUI thread gets a core before our own decodes do.
- ``on_white()``: flattening for formats without transparency.
- ``QT_FORMAT``: the name Qt's readers and writers give each format.

Telling a format from a file's first bytes is ``api.image_format.sniff_format`` (no Qt there).
"""

from __future__ import annotations

import functools
import os
import sys
import threading

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QColor, QImage, QImageReader, QImageWriter, QPainter

from seedream_desktop.api.models import ImageFormat

# What the model can return: its presets are ~4.2 MP (2048 × 2048, 2560 × 1440 …), its documented
# maximum 4096 × 4096 (~16.8 MP). Past that a file is a decompression bomb, not a picture.
MAX_PIXELS = 4096 * 4096
# The pixels of one decode at 4 bytes each (64 MiB): a 16-bit PNG of the same size would take
# twice that. With two decodes at a time (the thumbnail pool) a series stays near 130 MiB.
MAX_DECODED_BYTES = MAX_PIXELS * 4
# Qt's own check of the same bound, for every decode (``imagecheck`` refuses from the header first).
ALLOCATION_LIMIT_MB = MAX_DECODED_BYTES >> 20

QT_FORMAT = {ImageFormat.PNG: b"png", ImageFormat.JPEG: b"jpeg", ImageFormat.WEBP: b"webp"}


# Nice value of decode worker threads: the GUI thread (0) wins a core at once when it wakes, and
# the decodes still get a fair share against other programs at their own priority.
WORKER_NICENESS = 5


def lower_worker_priority() -> None:
    """Lower the calling worker thread's scheduling priority (Linux, where a thread has its own
    nice value; elsewhere the call would name the whole process, so it does nothing).

    Measured on two cores: most of the GUI thread's long stalls while a series landed were time
    spent ready but waiting for a core that our two decode threads held.
    """
    if sys.platform.startswith("linux"):
        tid = threading.get_native_id()
        if os.getpriority(os.PRIO_PROCESS, tid) < WORKER_NICENESS:
            os.setpriority(os.PRIO_PROCESS, tid, WORKER_NICENESS)


def prepare_image_decoding() -> None:
    """Cheap to call again: the limit is set each time, the types are touched once."""
    QImageReader.setAllocationLimit(ALLOCATION_LIMIT_MB)
    _touch_image_types()


@functools.cache
def _touch_image_types() -> None:
    image = QImage(QSize(4, 4), QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.fillRect(0, 0, 2, 2, QColor(255, 0, 0))
    painter.end()
    image.scaled(
        2, 2, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
    for fmt in QT_FORMAT.values():
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


def on_white(image: QImage) -> QImage:
    """``image`` flattened onto white: JPEG has no transparency, and Qt would turn it black."""
    flat = QImage(image.size(), QImage.Format.Format_RGB32)
    flat.fill(Qt.GlobalColor.white)
    painter = QPainter(flat)
    painter.drawImage(0, 0, image)
    painter.end()
    return flat
