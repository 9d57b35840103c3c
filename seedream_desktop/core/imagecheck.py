"""Prove that a file is a complete, decodable PNG, JPEG or WebP image.

Runs in worker threads: ``QImage`` and ``QImageReader`` are reentrant and need no
``QGuiApplication`` (checked on PySide6 6.12, offscreen and without any application object).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QImage, QImageReader

from seedream_desktop.api.image_format import sniff_format
from seedream_desktop.api.models import ImageFormat
from seedream_desktop.core.images import MAX_DECODED_BYTES, MAX_PIXELS, QT_FORMAT

_JPEG_END = b"\xff\xd9"


class ImageCheckError(ValueError):
    """The file is not a usable image; ``str(err)`` says why, in words."""


@dataclass(frozen=True, slots=True)
class ImageInfo:
    format: ImageFormat
    width: int
    height: int


def open_reader(path: Path) -> tuple[QImageReader, ImageFormat]:
    """A reader for ``path`` whose header has been checked: known format, sane pixel count."""
    try:
        with Path(path).open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise ImageCheckError(f"Cannot read {path.name}: {exc.strerror}") from exc
    fmt = sniff_format(head)
    if fmt is None:
        raise ImageCheckError(f"{path.name} is not a PNG, JPEG or WebP image.")
    reader = QImageReader(str(path), QT_FORMAT[fmt])
    reader.setAutoTransform(True)
    size = reader.size()
    if not size.isValid() or size.isEmpty():
        raise ImageCheckError(f"{path.name} is damaged: its image header cannot be read.")
    pixels = size.width() * size.height()
    if pixels > MAX_PIXELS or pixels * _bytes_per_pixel(reader) > MAX_DECODED_BYTES:
        raise ImageCheckError(
            f"{path.name} is too large to open safely ({size.width()} × {size.height()} pixels)."
        )
    return reader, fmt


def _bytes_per_pixel(reader: QImageReader) -> int:
    """What the decoded image will take per pixel, known from the header alone."""
    fmt = reader.imageFormat()
    if fmt == QImage.Format.Format_Invalid:
        return 4
    return max(4, QImage(1, 1, fmt).depth() // 8)


def probe_image(path: Path) -> ImageInfo:
    """Decode ``path`` fully once; raise :class:`ImageCheckError` if it is not a whole image."""
    return decode_image(path)[0]


def decode_image(path: Path) -> tuple[ImageInfo, QImage]:
    """Like :func:`probe_image`, also handing back the decoded pixels (for a thumbnail)."""
    path = Path(path)
    reader, fmt = open_reader(path)
    if fmt is ImageFormat.JPEG and not _ends_with_jpeg_marker(path):
        # libjpeg pads a truncated JPEG with grey and Qt returns it as a valid image.
        raise ImageCheckError(f"{path.name} is incomplete: the JPEG data ends too early.")
    image = reader.read()
    if image.isNull():
        raise ImageCheckError(f"{path.name} is damaged or incomplete: {reader.errorString()}.")
    return ImageInfo(format=fmt, width=image.width(), height=image.height()), image


def _ends_with_jpeg_marker(path: Path) -> bool:
    with path.open("rb") as fh:
        fh.seek(0, 2)
        size = fh.tell()
        fh.seek(max(0, size - 1024))
        tail = fh.read()
    # Some encoders pad the file after the end-of-image marker with zero bytes.
    return tail.rstrip(b"\x00").endswith(_JPEG_END)
