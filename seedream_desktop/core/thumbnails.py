"""Thumbnails on disk, keyed by image content: ``thumbs/<sha[:2]>/<sha>-<max_side>.jpg``.

Rendering decodes a full image, so it never runs on the event loop: :func:`verify_with_thumbnail`
hands it to a small pool of its own (not the loop's default executor, which httpx also needs for
DNS look-ups and which a scrolling grid could otherwise flood).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QImageWriter

from seedream_desktop.api.models import ImageFormat
from seedream_desktop.core.imagecheck import ImageCheckError, ImageInfo, decode_image, open_reader
from seedream_desktop.core.images import lower_worker_priority, on_white
from seedream_desktop.core.models import ImageRecord
from seedream_desktop.core.paths import LibraryPaths

# The side of the thumbnail files the library keeps: above the largest grid zoom (the
# grid_zoom setting), so the grid only ever scales them down.
STORED_THUMBNAIL_SIDE = 512
JPEG_QUALITY = 85
_WORKERS = 2
_SHA256 = re.compile(r"[0-9a-f]{64}")
_WRITE_FORMAT = {".jpg": b"jpeg", ".jpeg": b"jpeg", ".png": b"png"}

log = logging.getLogger(__name__)

_executor: ThreadPoolExecutor | None = None


class ThumbnailError(Exception):
    """A thumbnail could not be made; ``str(err)`` says why."""


@dataclass(frozen=True, slots=True)
class Verified:
    """A download that passed the check, and the thumbnail made from the same decode."""

    info: ImageInfo
    thumbnail: QImage | None  # the pixels written, for the grid to show without reading them back


def thumbnail_path(paths: LibraryPaths, sha256: str, max_side: int = STORED_THUMBNAIL_SIDE) -> Path:
    if not _SHA256.fullmatch(sha256):
        raise ValueError(f"Not a SHA-256 hex digest: {sha256!r}")
    return paths.thumbs_dir / sha256[:2] / f"{sha256}-{max_side}.jpg"


def remove_thumbnails(paths: LibraryPaths, sha256: str) -> None:
    """Delete every cached size of one image's thumbnail (missing files are fine)."""
    folder = thumbnail_path(paths, sha256).parent
    for path in folder.glob(f"{sha256}-*.jpg"):
        path.unlink(missing_ok=True)


def make_thumbnail(src: Path, dest: Path, max_side: int) -> Path:
    """Write ``src`` scaled to fit ``max_side`` (never enlarged) to ``dest`` atomically.

    The format follows ``dest``'s suffix (``.jpg`` or ``.png``); missing folders are created.
    JPEG sources are scaled while decoding, several times cheaper than decoding in full.
    """
    try:
        reader, fmt = open_reader(src)
    except ImageCheckError as exc:
        raise ThumbnailError(f"Cannot make a thumbnail: {exc}") from exc
    full = reader.size()
    if fmt is ImageFormat.JPEG and max(full.width(), full.height()) > max_side:
        reader.setScaledSize(_fit(full, max_side))
    image = reader.read()
    if image.isNull():
        raise ThumbnailError(f"Cannot make a thumbnail of {src.name}: {reader.errorString()}")
    write_thumbnail(image, dest, max_side)
    return dest


def write_thumbnail(image: QImage, dest: Path, max_side: int) -> QImage:
    """Write decoded pixels, scaled to fit ``max_side``, to ``dest`` (.jpg or .png) atomically;
    returns the pixels written."""
    write_format = _WRITE_FORMAT.get(dest.suffix.lower())
    if write_format is None:
        raise ValueError(f"Thumbnails are written as .jpg or .png, not {dest.name}")
    if max(image.width(), image.height()) > max_side:
        image = image.scaled(
            max_side,
            max_side,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    if write_format == b"jpeg" and image.hasAlphaChannel():
        image = on_white(image)
    _write_atomically(image, dest, write_format)
    return image


def cached_thumbnail(
    paths: LibraryPaths, image: ImageRecord, max_side: int = STORED_THUMBNAIL_SIDE
) -> Path:
    """The thumbnail of a stored image, made on first use (blocking: call from a worker)."""
    cached = thumbnail_path(paths, image.sha256, max_side)
    if cached.exists():
        return cached
    return make_thumbnail(image.path, cached, max_side)


async def verify_with_thumbnail(
    paths: LibraryPaths, image_path: Path, sha256: str, max_side: int = STORED_THUMBNAIL_SIDE
) -> Verified:
    """Check a new download and make its thumbnail from the same decode, off the event loop.

    One full decode per image instead of two (and a third when the grid raced the runner): on
    two cores the extra decodes were what stalled the GUI thread while a series landed. The
    thumbnail's pixels come back too, so the grid shows them without decoding the file it just
    wrote. A failed thumbnail is not a failed image; the grid makes it again when it asks.
    """
    dest = thumbnail_path(paths, sha256, max_side)

    def work() -> Verified:
        info, pixels = decode_image(image_path)
        try:
            return Verified(info, write_thumbnail(pixels, dest, max_side))
        except (ThumbnailError, OSError) as exc:
            log.warning("No thumbnail for %s: %s", image_path.name, exc)
        return Verified(info, None)

    return await asyncio.get_running_loop().run_in_executor(_pool(), work)


def _pool() -> ThreadPoolExecutor:
    global _executor
    if _executor is None:
        _executor = ThreadPoolExecutor(
            max_workers=_WORKERS, thread_name_prefix="thumbnail", initializer=lower_worker_priority
        )
    return _executor


def _fit(size: QSize, max_side: int) -> QSize:
    scale = max_side / max(size.width(), size.height())
    return QSize(max(1, round(size.width() * scale)), max(1, round(size.height() * scale)))


def _write_atomically(image: QImage, dest: Path, write_format: bytes) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.stem}-", suffix=".tmp")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        writer = QImageWriter(str(tmp), write_format)
        if write_format == b"jpeg":
            writer.setQuality(JPEG_QUALITY)
        if not writer.write(image):
            raise ThumbnailError(f"Cannot write thumbnail {dest.name}: {writer.errorString()}")
        tmp.replace(dest)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
