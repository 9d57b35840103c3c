"""Result images: drawn in pure Python, encoded by Qt once, kept in an LRU cache.

Pictures are deterministic per (seed, index, size, format) and look like a series: one scene per
seed (a job's), varied per image, the image's number (index + 1) written in its bottom-right corner
(the grid's job badge sits top-left). Pixels are rasterised row by row into an RGB buffer (about
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
    """Rows of RGB888 pixels: one scene per seed (a job), seen a little differently per image.

    The seed fixes the palette and the composition (sky, horizon, hills, a subject), in
    fractions of the frame so every aspect shows the same scene; the index moves the subject
    along the horizon and shifts the light, and is written in the bottom-right corner (the grid
    marks a tile's job top-left, its pick top-right and its stars bottom-left).
    """
    w, h = key.width, key.height
    scene = random.Random(f"scene/{key.seed}")
    shot = random.Random(f"shot/{key.seed}/{key.index}")
    hue = scene.random()
    light = shot.uniform(-0.12, 0.12)
    top = _hsv(hue, 0.55, 0.75 + light)
    bottom = _hsv(hue + 0.06, 0.3, 0.95 + light / 2)
    horizon = scene.uniform(0.55, 0.72) * h
    ground = bytes(_hsv(hue + 0.45, 0.45, 0.45 + light / 2))
    shapes = [_Shape(0, horizon, w, h, ground, False)]
    for _ in range(scene.randint(3, 5)):  # hills on the horizon, the same in every image
        cx, rx = scene.uniform(0, 1) * w, scene.uniform(0.15, 0.35) * w
        ry = scene.uniform(0.08, 0.2) * h
        colour = bytes(_hsv(hue + scene.uniform(0.35, 0.55), 0.5, scene.uniform(0.3, 0.6)))
        shapes.append(_Shape(cx - rx, horizon - ry, cx + rx, horizon + ry, colour, True))
    # The subject walks along the horizon from image to image, as a storyboard's would.
    radius = scene.uniform(0.1, 0.16) * min(w, h)
    x = (0.15 + 0.7 * ((scene.random() + key.index * 0.23) % 1)) * w
    y = horizon - radius * shot.uniform(0.6, 1.4)
    subject = bytes(_hsv(hue + 0.5, 0.8, 0.95))
    shapes.append(_Shape(x - radius, y - radius, x + radius, y + radius, subject, True))
    shapes.extend(_badge(str(key.index + 1), min(w, h) / 45, w, h))
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


# 3 × 5 pixel digits, row by row: enough to read the image's number in a thumbnail.
_DIGITS = {
    "0": ("111", "101", "101", "101", "111"),
    "1": ("010", "110", "010", "010", "111"),
    "2": ("111", "001", "111", "100", "111"),
    "3": ("111", "001", "111", "001", "111"),
    "4": ("101", "101", "111", "001", "001"),
    "5": ("111", "100", "111", "001", "111"),
    "6": ("111", "100", "111", "101", "111"),
    "7": ("111", "001", "010", "010", "010"),
    "8": ("111", "101", "111", "101", "111"),
    "9": ("111", "101", "111", "001", "111"),
}


def _badge(number: str, cell: float, width: int, height: int) -> list[_Shape]:
    """``number`` in white on a black plate in the bottom-right corner, ``cell`` pixels a dot."""
    plate_width = cell * (4 * len(number) + 1)
    margin = cell * 2
    left = width - margin - plate_width
    top = height - margin - cell * 7
    plate = _Shape(left, top, left + plate_width, top + cell * 7, _BLACK, False)
    dots = [
        _Shape(x, y, x + cell, y + cell, _WHITE, False)
        for n, digit in enumerate(number)
        for r, line in enumerate(_DIGITS[digit])
        for c, lit in enumerate(line)
        if lit == "1"
        for x, y in [(left + cell * (1 + 4 * n + c), top + cell * (1 + r))]
    ]
    return [plate, *dots]


def _hsv(hue: float, saturation: float, value: float) -> tuple[int, int, int]:
    r, g, b = colorsys.hsv_to_rgb(hue % 1, min(1.0, saturation), max(0.0, min(1.0, value)))
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
