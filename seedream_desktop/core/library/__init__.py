"""The local image library: jobs and images in SQLite, files in the library folder."""

from seedream_desktop.core.library.library import (
    DeleteFailure,
    DeleteResult,
    Library,
    open_for_reading,
)
from seedream_desktop.core.library.reader import LibraryReader
from seedream_desktop.core.paths import LibraryError, LibraryPaths

__all__ = [
    "DeleteFailure",
    "DeleteResult",
    "Library",
    "LibraryError",
    "LibraryPaths",
    "LibraryReader",
    "open_for_reading",
]
