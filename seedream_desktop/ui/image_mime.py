"""Library images on the clipboard and in drags: file URLs (file managers, other apps) plus the
pixels of one image (chat apps, image editors that paste)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QClipboard, QGuiApplication, QImage

from seedream_desktop.core.models import ImageRecord


def mime_for_drag(images: Sequence[ImageRecord]) -> QMimeData:
    """File URLs of ``images``, for ``startDrag`` / ``mimeData`` of a view."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(image.path)) for image in images])
    return mime


def copy_images_to_clipboard(
    images: Sequence[ImageRecord], pixels: QImage, clipboard: QClipboard | None = None
) -> bool:
    """Put the files and ``pixels``, the first image decoded, on the clipboard. Returns False
    if there is nothing to copy.

    The caller decodes (``thumbnail_loader.read_image`` in a worker): a full-size PNG would hold
    up the GUI thread.
    """
    if not images:
        return False
    mime = mime_for_drag(images)
    if not pixels.isNull():
        mime.setImageData(pixels)
    (clipboard or QGuiApplication.clipboard()).setMimeData(mime)
    return True
