"""probe_image: only whole, decodable, sanely sized PNG/JPEG/WebP files pass."""

from __future__ import annotations

import asyncio
import os
import struct
import threading
import zlib
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter

from seedream_desktop.api.models import ImageFormat
from seedream_desktop.core.imagecheck import ImageCheckError, ImageInfo, probe_image


def write_image(
    path: Path, width: int, height: int, qt_format: str = "PNG", *, transparent: bool = False
) -> Path:
    """A small real image file; a gradient, so JPEG and PNG encoders have data to work on."""
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    if not transparent:
        gradient = QLinearGradient(0, 0, width, height)
        gradient.setColorAt(0, QColor("darkorange"))
        gradient.setColorAt(1, QColor("navy"))
        painter = QPainter(image)
        painter.fillRect(image.rect(), gradient)
        painter.end()
    assert image.save(str(path), qt_format), f"could not write {path}"
    return path


def _truncate(path: Path, keep: float = 0.5) -> Path:
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


@pytest.mark.parametrize(
    ("name", "qt_format", "expected"),
    [
        ("a.png", "PNG", ImageFormat.PNG),
        ("a.jpg", "JPEG", ImageFormat.JPEG),
        ("a.webp", "WEBP", ImageFormat.WEBP),
    ],
)
def test_probe_reports_format_and_size(
    tmp_path: Path, name: str, qt_format: str, expected: ImageFormat
) -> None:
    path = write_image(tmp_path / name, 40, 24, qt_format)
    assert probe_image(path) == ImageInfo(expected, 40, 24)


def test_format_comes_from_content_not_extension(tmp_path: Path) -> None:
    path = write_image(tmp_path / "really-a-jpeg.png", 16, 16, "JPEG")
    assert probe_image(path).format is ImageFormat.JPEG


@pytest.mark.parametrize(("name", "qt_format"), [("t.png", "PNG"), ("t.webp", "WEBP")])
def test_truncated_png_and_webp_are_rejected(tmp_path: Path, name: str, qt_format: str) -> None:
    path = _truncate(write_image(tmp_path / name, 64, 64, qt_format))
    with pytest.raises(ImageCheckError, match="damaged or incomplete"):
        probe_image(path)


def test_truncated_jpeg_is_rejected_although_qt_decodes_it(tmp_path: Path) -> None:
    path = _truncate(write_image(tmp_path / "t.jpg", 64, 64, "JPEG"), keep=0.8)
    with pytest.raises(ImageCheckError, match="ends too early"):
        probe_image(path)


def test_jpeg_padded_after_its_end_marker_is_accepted(tmp_path: Path) -> None:
    path = write_image(tmp_path / "padded.jpg", 32, 32, "JPEG")
    path.write_bytes(path.read_bytes() + b"\x00" * 20)
    assert probe_image(path).width == 32


def test_corrupt_data_behind_a_valid_signature_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "garbage.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"not really a png" * 10)
    with pytest.raises(ImageCheckError, match="damaged"):
        probe_image(path)


@pytest.mark.parametrize(
    ("content", "qt_format"), [(b"<html>502 Bad Gateway</html>", None), (None, "BMP")]
)
def test_other_files_are_not_images(tmp_path: Path, content: bytes | None, qt_format: str) -> None:
    path = tmp_path / "download.bin"
    if content is not None:
        path.write_bytes(content)
    else:
        write_image(path, 8, 8, qt_format)
    with pytest.raises(ImageCheckError, match="is not a PNG, JPEG or WebP image"):
        probe_image(path)


def test_decompression_bomb_is_refused_before_decoding(tmp_path: Path) -> None:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    path = tmp_path / "bomb.png"
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )
    with pytest.raises(ImageCheckError, match=r"too large .*100000 × 100000"):
        probe_image(path)


def test_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(ImageCheckError, match=r"Cannot read gone\.png"):
        probe_image(tmp_path / "gone.png")


async def test_probe_runs_in_a_worker_thread(tmp_path: Path) -> None:
    path = write_image(tmp_path / "w.jpg", 30, 20, "JPEG")
    threads: list[int] = []

    def probe() -> ImageInfo:
        threads.append(threading.get_ident())
        return probe_image(path)

    info = await asyncio.to_thread(probe)
    assert info == ImageInfo(ImageFormat.JPEG, 30, 20)
    assert threads != [threading.get_ident()]
