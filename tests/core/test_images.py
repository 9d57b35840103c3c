"""The image helpers every decoder shares: one sniffer, one flattening, one decode limit."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage, QImageReader

from seedream_desktop.api.image_format import sniff_format
from seedream_desktop.api.models import ImageFormat
from seedream_desktop.core.images import (
    ALLOCATION_LIMIT_MB,
    WORKER_NICENESS,
    lower_worker_priority,
    on_white,
)
from seedream_desktop.wiring import EngineConfig, open_engine


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ImageFormat.PNG),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", ImageFormat.JPEG),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", ImageFormat.WEBP),
        (b"RIFF\x24\x00\x00\x00WAVEfmt ", None),  # a RIFF file, but sound
        (b"RIFF\x24\x00\x00", None),  # too short to say
        (b"GIF89a\x01\x00\x01\x00\x00\x00", None),
        (b"<html><body>", None),
    ],
)
def test_the_first_bytes_name_the_format(head: bytes, expected: ImageFormat | None) -> None:
    assert sniff_format(head) is expected


def test_transparent_pixels_become_white_not_black() -> None:
    image = QImage(2, 1, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    image.setPixelColor(1, 0, QColor(10, 20, 30))
    flat = on_white(image)
    assert not flat.hasAlphaChannel()
    assert flat.pixelColor(0, 0) == QColor("white")
    assert flat.pixelColor(1, 0) == QColor(10, 20, 30)


async def test_an_engine_without_a_window_limits_what_a_decode_may_allocate(
    tmp_path: Path,
) -> None:
    """The CLI decodes downloads, thumbnails and exports too, and has no decode pool of the UI's."""
    before = QImageReader.allocationLimit()
    QImageReader.setAllocationLimit(4096)
    try:
        engine = open_engine(EngineConfig(data_dir=tmp_path, demo=True), lambda: None)
        await engine.aclose()
        assert QImageReader.allocationLimit() == ALLOCATION_LIMIT_MB
    finally:
        QImageReader.setAllocationLimit(before)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a thread's own nice is Linux's")
def test_a_decode_worker_yields_the_cores_to_the_gui_thread_not_the_reverse() -> None:
    seen: list[int] = []
    gui_before = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    def worker() -> None:
        lower_worker_priority()
        seen.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert seen == [max(WORKER_NICENESS, os.getpriority(os.PRIO_PROCESS, 0))]
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == gui_before
