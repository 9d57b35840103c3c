"""Fixtures for the widget tests: an in-memory image source and real little image files."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication

from seedream_desktop.api.models import ImageFormat
from seedream_desktop.api.params import AspectRatio, PromptMode
from seedream_desktop.core.models import ImageQuery, ImageRecord

T0 = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


def make_record(
    image_id: int,
    *,
    job_id: int | None = None,
    index: int = 0,
    path: Path | None = None,
    width: int = 2560,
    height: int = 1440,
    seed: int | None = 1234,
) -> ImageRecord:
    return ImageRecord(
        id=image_id,
        job_id=job_id if job_id is not None else image_id,
        index=index,
        path=path or Path(f"/nonexistent/{image_id}.png"),
        format=ImageFormat.PNG,
        width=width,
        height=height,
        byte_size=3_200_000,
        sha256=f"{image_id:064x}",
        created_at=T0 + timedelta(seconds=image_id),
        prompt=f"Generate 3 images of a lighthouse at dusk, take {image_id}",
        aspect=AspectRatio.WIDE_16_9,
        mode=PromptMode.FAST,
        seed=seed,
        request_id=f"req-{image_id}",
    )


def series(first_id: int, job_id: int, count: int, **kwargs: object) -> list[ImageRecord]:
    return [make_record(first_id + i, job_id=job_id, index=i, **kwargs) for i in range(count)]


@dataclass
class FakeSource:
    """The library as the grid sees it; records are kept in display order (newest first)."""

    images: list[ImageRecord] = field(default_factory=list)
    rows_served: int = 0
    pages_served: int = 0

    def count_images(self, query: ImageQuery) -> int:
        return len(self.images)

    def images_page(self, query: ImageQuery, offset: int, limit: int) -> list[ImageRecord]:
        page = self.images[offset : offset + limit]
        self.rows_served += len(page)
        self.pages_served += 1
        return page


@pytest.fixture
def big_source() -> FakeSource:
    """10,000 images: 2,000 jobs of 5, newest job first, each series in index order."""
    images = []
    for job in range(2000, 0, -1):
        images.extend(series(job * 10, job, 5))
    return FakeSource(images)


@pytest.fixture
def image_files(tmp_path: Path) -> Callable[[int], list[Path]]:
    """Real little PNGs in the Seedream 16:9 shape, each a different colour."""

    def make(count: int) -> list[Path]:
        paths = []
        for i in range(count):
            image = QImage(320, 180, QImage.Format.Format_RGB32)
            image.fill(QColor.fromHsv((i * 37) % 360, 200, 220))
            path = tmp_path / f"image-{i}.png"
            assert image.save(str(path))
            paths.append(path)
        return paths

    return make


@dataclass
class DecodeLog:
    """Records which threads a ``thumb_for`` callable ran on."""

    threads: set[int] = field(default_factory=set)
    calls: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def thumb_for(self, image: ImageRecord) -> Path:
        with self.lock:
            self.threads.add(threading.get_ident())
            self.calls += 1
        return image.path


@pytest.fixture
def decode_log() -> Iterator[DecodeLog]:
    yield DecodeLog()


def dark_palette() -> QPalette:
    """A dark theme's palette, as a desktop switched to dark mode hands the app."""
    palette = QPalette(QColor(53, 53, 53))  # Qt derives the button and shadow shades from it
    for role, colour in (
        (QPalette.ColorRole.Window, QColor(45, 45, 45)),
        (QPalette.ColorRole.WindowText, QColor(235, 235, 235)),
        (QPalette.ColorRole.Base, QColor(30, 30, 30)),
        (QPalette.ColorRole.Text, QColor(235, 235, 235)),
        (QPalette.ColorRole.Highlight, QColor(40, 90, 200)),
        (QPalette.ColorRole.HighlightedText, QColor(255, 255, 255)),
    ):
        palette.setColor(role, colour)
    return palette


@pytest.fixture
def light_palette(qapp: QApplication) -> Iterator[QPalette]:
    """The application's palette now (light, offscreen); put back afterwards, so a palette a
    test switches to colours no test after it."""
    light = QApplication.palette()
    yield light
    QApplication.setPalette(light)
