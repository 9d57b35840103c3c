"""A fresh library per test, and series written straight into it; registered with ``pytest_plugins``
for every test that needs a real library (core, the grid's model, compare)."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage

from seedream_desktop.api.models import ImageFormat
from seedream_desktop.api.params import AspectRatio, GenerationParams, PromptMode
from seedream_desktop.core.library import Library, LibraryPaths
from seedream_desktop.core.models import ImageRecord, JobState


@pytest.fixture
def lib_paths(tmp_path: Path) -> LibraryPaths:
    return LibraryPaths.for_root(tmp_path / "library")


@pytest.fixture
def lib(lib_paths: LibraryPaths) -> Iterator[Library]:
    library = Library.open(lib_paths)
    yield library
    library.close()


SQUARE = AspectRatio.SQUARE.pixel_size


@functools.cache
def _png(index: int) -> bytes:
    """A small real PNG, a different colour per index, for what reads the files."""
    image = QImage(48, 48, QImage.Format.Format_RGB32)
    image.fill(QColor.fromHsv(index * 40 % 360, 200, 220))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "PNG")
    return data.data()


def add_series(
    lib: Library,
    description: str,
    count: int,
    returned: int | None = None,
    *,
    size: tuple[int, int] = SQUARE,
    mode: PromptMode = PromptMode.FAST,
    seed: int = 11,
    state: JobState = JobState.DONE,
) -> list[ImageRecord]:
    """A finished square job of ``count`` asked with ``returned`` images stored."""
    job = lib.create_job(
        GenerationParams.from_description(description, count, AspectRatio.SQUARE, mode, seed)
    )
    lib.update_job(job.id, state=state, request_id=f"req-{description.split()[-1]}")
    return [
        add_image(lib, job.id, index, size=size)
        for index in range(count if returned is None else returned)
    ]


def add_image(
    lib: Library, job_id: int, index: int, *, size: tuple[int, int] = SQUARE
) -> ImageRecord:
    """Image ``index`` of job ``job_id``, a real little PNG on disk, as if it had landed."""
    path = lib.image_path_for(job_id, index, ".png")
    path.write_bytes(_png(index))
    return lib.add_image(
        job_id, index, path, ImageFormat.PNG, *size, 3, f"{job_id:032x}{index:032x}"
    )
