"""The names of a downloaded image's files — the one place that decides them.

An image is written to ``<folder>/.<stem>.<random>.part`` and renamed, once whole and checked, to
``<folder>/<stem><extension>`` (the extension of the format its bytes turned out to be). The
library chooses the folder and the stem (``Library.image_target``); the download writes through
the target, the runner adopts a finished file and sweeps leftover temp files through it.
"""

from __future__ import annotations

import glob
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from seedream_desktop.api.models import ImageFormat

TEMP_SUFFIX = ".part"


@dataclass(frozen=True, slots=True)
class DownloadTarget:
    """Where one image goes. ``stem`` is the app's, never the server's: a plain file name."""

    folder: Path
    stem: str

    def __post_init__(self) -> None:
        # Anything path-like is a bug on our side, refused before a byte is written.
        stem = self.stem
        if not stem or stem.startswith(".") or any(c in stem for c in "/\\:\0"):
            raise ValueError(f"Not a plain file name stem: {stem!r}")

    def final_path(self, fmt: ImageFormat) -> Path:
        """The finished image's file."""
        return self.folder / f"{self.stem}{fmt.extension}"

    def finished_files(self) -> Iterator[Path]:
        """Files this target may already have finished into, one per format, those that exist."""
        for fmt in ImageFormat:
            path = self.final_path(fmt)
            if path.is_file():
                yield path

    def open_temp(self) -> tuple[BinaryIO, Path]:
        """A new, unique temp file beside the final name (the rename stays on one disk)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=self._temp_prefix, suffix=TEMP_SUFFIX, dir=self.folder)
        return os.fdopen(fd, "wb"), Path(name)

    def leftover_temps(self) -> Iterator[Path]:
        """Temp files of this target that an interrupted download left behind."""
        if not self.folder.is_dir():
            return iter(())
        return self.folder.glob(f"{glob.escape(self._temp_prefix)}*{TEMP_SUFFIX}")

    @property
    def _temp_prefix(self) -> str:
        # Hidden, and ending in "." so that stem "job-1-1" never matches "job-1-10".
        return f".{self.stem}."
