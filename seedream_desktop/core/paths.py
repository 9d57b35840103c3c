"""Where the app keeps its data, and the layout of a library folder.

A library folder holds everything a library needs (database, images, thumbnails, temp files), and
the database stores image paths relative to it, so the whole folder can be moved or backed up.
"""

from __future__ import annotations

import errno
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from seedream_desktop import APP_NAME
from seedream_desktop.core.fs_errors import disk_full

DATA_DIR_ENV = "SEEDREAM_DATA_DIR"
LIBRARY_FOLDER = "library"
# The demo library lives beside the real one, never inside it: emulated images must not mix with
# images someone paid for, and moving the real library folder must not drag demo files along.
DEMO_LIBRARY_FOLDER = "demo-library"


class LibraryError(Exception):
    """The library folder or database cannot be used; ``str(err)`` is the message to show."""


def data_dir(override: Path | None = None) -> Path:
    """The app's data folder: ``--data-dir``, else ``$SEEDREAM_DATA_DIR``, else the OS default."""
    if override is not None:
        return Path(override).expanduser()
    from_env = os.environ.get(DATA_DIR_ENV, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True, slots=True)
class LibraryPaths:
    """The files and folders of one library."""

    root: Path
    db_file: Path
    images_dir: Path
    thumbs_dir: Path
    tmp_dir: Path
    locks_dir: Path  # which process runs which job (core/library/job_locks.py)

    @classmethod
    def for_root(cls, root: Path) -> LibraryPaths:
        root = Path(root).expanduser().absolute()
        return cls(
            root=root,
            db_file=root / "library.sqlite3",
            images_dir=root / "images",
            thumbs_dir=root / "thumbs",
            tmp_dir=root / "tmp",
            locks_dir=root / "locks",
        )

    @classmethod
    def in_data_dir(cls, data: Path, *, demo: bool = False) -> LibraryPaths:
        """The real library, or with ``demo`` the separate demo library, of a data folder."""
        return cls.for_root(Path(data) / (DEMO_LIBRARY_FOLDER if demo else LIBRARY_FOLDER))

    @classmethod
    def chosen(cls, folder: Path | None, *, demo: bool = False) -> LibraryPaths:
        """The library of the data folder chosen (``--data-dir`` or Settings), else of the
        default one (:func:`data_dir`); with ``demo`` the demo library beside the real one."""
        return cls.in_data_dir(data_dir(folder), demo=demo)

    def ensure(self) -> None:
        """Create the folders and prove the library is writable, or raise :class:`LibraryError`."""
        try:
            for folder in (
                self.root,
                self.images_dir,
                self.thumbs_dir,
                self.tmp_dir,
                self.locks_dir,
            ):
                folder.mkdir(parents=True, exist_ok=True)
            # mkdir succeeds on folders that already exist read-only, and creating an empty file
            # on a full disk: only writing a byte proves there is room.
            fd, probe = tempfile.mkstemp(dir=self.tmp_dir, prefix=".write-test-")
            try:
                os.write(fd, b"\0")
                os.fsync(fd)
            finally:
                os.close(fd)
                Path(probe).unlink()
        except OSError as exc:
            if exc.errno == errno.ENOSPC:
                raise LibraryError(disk_full(f"write to the library folder {self.root}")) from exc
            reason = exc.strerror or type(exc).__name__
            raise LibraryError(f"Cannot write to the library folder {self.root}: {reason}") from exc

    def relative(self, path: Path) -> str:
        """``path`` as stored in the database: relative to the root, with ``/`` on every OS."""
        try:
            rel = Path(path).absolute().relative_to(self.root)
        except ValueError:
            raise LibraryError(f"{path} is outside the library folder {self.root}.") from None
        return rel.as_posix()

    def absolute(self, stored: str) -> Path:
        """The file a stored relative path points to inside this library."""
        # Plain string checks: this runs for every row of every grid page.
        if stored.startswith("/") or "\\" in stored or ":" in stored or ".." in stored.split("/"):
            raise LibraryError(f"The library holds an invalid image path: {stored!r}.")
        return self.root / stored
