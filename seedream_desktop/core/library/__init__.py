"""The local image library: jobs and images in SQLite, files in the library folder."""

from seedream_desktop.core.library.library import DeleteFailure, DeleteResult, Library
from seedream_desktop.core.paths import LibraryError, LibraryPaths

__all__ = ["DeleteFailure", "DeleteResult", "Library", "LibraryError", "LibraryPaths"]
