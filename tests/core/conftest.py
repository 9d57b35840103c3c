"""A fresh library per test, for the library's own tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from seedream_desktop.core.library import Library, LibraryPaths


@pytest.fixture
def lib_paths(tmp_path: Path) -> LibraryPaths:
    return LibraryPaths.for_root(tmp_path / "library")


@pytest.fixture
def lib(lib_paths: LibraryPaths) -> Iterator[Library]:
    library = Library.open(lib_paths)
    yield library
    library.close()
