"""Small generated library images and their records, for export tests."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from seedream_desktop.api.models import ImageFormat
from seedream_desktop.api.params import AspectRatio, PromptMode
from seedream_desktop.core.models import ImageRecord

WIDTH, HEIGHT = 64, 36
_QT_NAME = {ImageFormat.PNG: "PNG", ImageFormat.JPEG: "JPEG", ImageFormat.WEBP: "WEBP"}

MakeRecord = Callable[..., ImageRecord]


def write_source(path: Path, fmt: ImageFormat, shade: int = 0) -> None:
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_RGB32)
    image.fill(QColor(40 + shade % 200, 90, 160))
    assert image.save(str(path), _QT_NAME[fmt])


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    return folder


@pytest.fixture
def destination(tmp_path: Path) -> Path:
    folder = tmp_path / "export"
    folder.mkdir()
    return folder


@pytest.fixture
def make_record(library: Path) -> MakeRecord:
    """Writes a real image into the library folder and returns its record."""
    counter = iter(range(1, 10_000))

    def make(
        prompt: str = "Generate 3 images of a red fox in fresh snow",
        fmt: ImageFormat = ImageFormat.PNG,
        index: int = 0,
        seed: int | None = 123,
        request_id: str | None = "0b7c1e2a-5d7e-4f4a-9d55-0c1f2e3a4b5c",
    ) -> ImageRecord:
        number = next(counter)
        path = library / f"source-{number}{fmt.extension}"
        write_source(path, fmt, shade=number * 13)
        return ImageRecord(
            id=number,
            job_id=7,
            index=index,
            path=path,
            format=fmt,
            width=WIDTH,
            height=HEIGHT,
            byte_size=path.stat().st_size,
            sha256="0" * 64,
            created_at=datetime(2025, 3, 14, 15, 9, 26, tzinfo=UTC),
            prompt=prompt,
            aspect=AspectRatio.WIDE_16_9,
            mode=PromptMode.STANDARD,
            seed=seed,
            request_id=request_id,
        )

    return make


def folder_listing(folder: Path) -> list[str]:
    """Every entry, hidden ones too: a leftover temp file must show up."""
    return sorted(entry.name for entry in folder.iterdir())
