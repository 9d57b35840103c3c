"""Result images: drawn in pure Python, encoded by Qt once, kept in an LRU cache.

Pictures are deterministic per (seed, index, size, format) and visibly distinct per index: image
``i`` carries ``i + 1`` white dots. Pixels are rasterised row by row into an RGB buffer (about
50 ms for 2560×1440) and only the encoding uses Qt, through calls that return a value: QPainter is
avoided because shiboken6 6.12 on CPython 3.11 drops a reference to ``None`` on void calls, which
aborts the process once enough of them add up. Rendering runs in a small thread pool, never on
the event loop.
"""

from __future__ import annotations

import asyncio
import colorsys
import math
import random
import threading
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage

from seedream_desktop.api.models import ImageFormat

JPEG_QUALITY = 90
_WHITE = b"\xff\xff\xff"
_BLACK = b"\x00\x00\x00"


@dataclass(frozen=True, slots=True)
class ImageKey:
    seed: int
    index: int
    width: int
    height: int
    format: ImageFormat


@dataclass(frozen=True, slots=True)
class _Shape:
    """An ellipse or a rectangle in pixel coordinates, filled with one colour (RGB bytes)."""

    left: float
    top: float
    right: float
    bottom: float
    colour: bytes
    ellipse: bool

    def span(self, y: float) -> tuple[int, int] | None:
        """The columns this shape covers on the row whose centre is at ``y``."""
        if not self.top <= y < self.bottom:
            return None
        if not self.ellipse:
            return round(self.left), round(self.right)
        cx, rx = (self.left + self.right) / 2, (self.right - self.left) / 2
        cy, ry = (self.top + self.bottom) / 2, (self.bottom - self.top) / 2
        dy = (y - cy) / ry
        half = rx * math.sqrt(max(0.0, 1 - dy * dy))
        return round(cx - half), round(cx + half)


def render_pixels(key: ImageKey) -> bytes:
    """Rows of RGB888 pixels: a vertical gradient, a few shapes, then the index dots."""
    rng = random.Random(f"{key.seed}/{key.index}/{key.width}x{key.height}")
    w, h = key.width, key.height
    top, bottom = _colour(rng), _colour(rng)
    shapes = []
    for _ in range(rng.randint(4, 9)):
        x, y = rng.uniform(-0.1, 0.9) * w, rng.uniform(-0.1, 0.9) * h
        sw, sh = rng.uniform(0.1, 0.5) * w, rng.uniform(0.1, 0.5) * h
        shapes.append(_Shape(x, y, x + sw, y + sh, bytes(_colour(rng)), rng.random() < 0.5))
    dot = min(w, h) / 25
    for i in range(key.index + 1):
        x, y = dot * (1 + 1.5 * (i % 8)), h - dot * (2.5 + 1.5 * (i // 8))
        ring = dot / 8
        shapes.append(_Shape(x - ring, y - ring, x + dot + ring, y + dot + ring, _BLACK, True))
        shapes.append(_Shape(x, y, x + dot, y + dot, _WHITE, True))
    rows = []
    for row_index in range(h):
        t = row_index / max(1, h - 1)
        background = bytes(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        row = bytearray(background * w)
        for shape in shapes:
            span = shape.span(row_index + 0.5)
            if span is not None:
                left, right = max(0, span[0]), min(w, span[1])
                if left < right:
                    row[left * 3 : right * 3] = shape.colour * (right - left)
        rows.append(row)
    return b"".join(rows)


def _colour(rng: random.Random) -> tuple[int, int, int]:
    r, g, b = colorsys.hsv_to_rgb(rng.random(), rng.uniform(0.3, 1.0), rng.uniform(0.35, 1.0))
    return round(r * 255), round(g * 255), round(b * 255)


def encode(pixels: bytes, width: int, height: int, fmt: ImageFormat) -> bytes:
    """RGB888 rows to PNG or JPEG bytes (only non-void Qt calls: see the module docstring)."""
    image = QImage(pixels, width, height, width * 3, QImage.Format.Format_RGB888)
    data = QByteArray()
    buffer = QBuffer(data)
    if not buffer.open(QIODevice.OpenModeFlag.WriteOnly):
        raise RuntimeError("cannot open an in-memory buffer")
    if fmt is ImageFormat.JPEG:
        saved = image.save(buffer, "JPEG", JPEG_QUALITY)
    else:
        saved = image.save(buffer, "PNG")
    if not saved:
        raise RuntimeError(f"encoding {fmt.value} failed")
    return data.data()


def render_encoded(key: ImageKey) -> bytes:
    # ``pixels`` must outlive the QImage that borrows it: both live in encode()'s caller frame.
    pixels = render_pixels(key)
    return encode(pixels, key.width, key.height, key.format)


class ImageCache:
    """Encoded images by key; renders happen once per key even when requested concurrently.

    Holds ``concurrent.futures.Future`` objects so one cache serves any event loop (in-process
    demo, server thread) and prefetching needs no loop at all.
    """

    def __init__(self, *, max_items: int, threads: int) -> None:
        self._max_items = max_items
        self._entries: OrderedDict[ImageKey, Future[bytes]] = OrderedDict()
        self._lock = threading.Lock()
        # Shiboken creates Python types and enums lazily on first use, and doing that from two
        # threads at once crashes the process: touch everything encoding uses on this thread.
        for fmt in (ImageFormat.PNG, ImageFormat.JPEG):
            render_encoded(ImageKey(0, 0, 8, 8, fmt))
        self._pool = ThreadPoolExecutor(threads, thread_name_prefix="emulator-render")
        self.renders = 0

    def prefetch(self, keys: list[ImageKey]) -> None:
        for key in keys:
            self._future(key)

    async def get(self, key: ImageKey) -> bytes:
        # Shielded: a cancelled caller must not cancel the shared render other callers await.
        return await asyncio.shield(asyncio.wrap_future(self._future(key)))

    def close(self) -> None:
        # Renders in flight only burn CPU for a moment; nobody needs to wait for them.
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _future(self, key: ImageKey) -> Future[bytes]:
        with self._lock:
            future = self._entries.pop(key, None)
            if future is not None and not _failed(future):
                self._entries[key] = future
                return future
            future = self._pool.submit(render_encoded, key)
            self.renders += 1
            self._entries[key] = future
            while len(self._entries) > self._max_items:
                self._entries.popitem(last=False)
            return future


def _failed(future: Future[bytes]) -> bool:
    """A render that ended without an image: asking again must render again, not fail forever."""
    return future.done() and (future.cancelled() or future.exception() is not None)
