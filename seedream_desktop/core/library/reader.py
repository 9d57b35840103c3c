"""Reading a library without changing it: the queries that only read jobs and their images.

:class:`~seedream_desktop.core.library.library.Library`, the writable library, is a reader too.
:meth:`LibraryReader.open_read_only` opens the database read-only and runs no migrations, so a
read-only command (the CLI's ``history``) touches SQLite and nothing else: no Qt, no network,
no keyring, no file written.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

from seedream_desktop.core.fs_errors import disk_full
from seedream_desktop.core.library import schema
from seedream_desktop.core.library.rows import (
    IMAGE_COLUMNS,
    JOB_COLUMNS,
    image_from_row,
    job_from_row,
)
from seedream_desktop.core.models import ImageRecord, JobRecord
from seedream_desktop.core.paths import LibraryError, LibraryPaths

BUSY_TIMEOUT_S = 5.0  # another process (the CLI beside the app) may hold the write lock briefly

P = ParamSpec("P")
R = TypeVar("R")
Reader = TypeVar("Reader")  # a library, or a part of one that shares its connection


def database_errors(
    method: Callable[Concatenate[Reader, P], R],
) -> Callable[Concatenate[Reader, P], R]:
    """Report SQLite failures (disk full, damaged file, locked) as a :class:`LibraryError`."""

    @functools.wraps(method)
    def wrapper(self: Reader, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            if is_disk_full(exc):
                raise LibraryError(disk_full("write the library database")) from exc
            raise LibraryError(f"The library database failed: {exc}") from exc

    return wrapper


def is_disk_full(exc: sqlite3.Error) -> bool:
    return getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL


class LibraryReader:
    """Jobs and images of one library folder, read only. Finish with :meth:`close`."""

    def __init__(self, paths: LibraryPaths, conn: sqlite3.Connection) -> None:
        self.paths = paths
        self._conn = conn

    @classmethod
    def open_read_only(cls, paths: LibraryPaths) -> LibraryReader:
        """The existing database at ``paths``, opened so that nothing can write to it.

        Raises :class:`LibraryError` if it is missing, damaged or unreadable.
        """
        uri = paths.db_file.absolute().as_uri() + "?mode=ro"
        try:
            conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except sqlite3.Error as exc:
            raise LibraryError(f"Cannot open the library database {paths.db_file}: {exc}") from exc
        conn.row_factory = sqlite3.Row
        return cls(paths, conn)

    @property
    def schema_version(self) -> int:
        """How many of the schema's migrations this database has had."""
        try:
            return schema.user_version(self._conn)
        except sqlite3.DatabaseError as exc:
            raise LibraryError(
                f"The library database {self.paths.db_file} is damaged or unreadable: {exc}"
            ) from exc

    def close(self) -> None:
        self._conn.close()

    def __enter__(self: Reader) -> Reader:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @database_errors
    def get_job(self, job_id: int) -> JobRecord | None:
        row = self._conn.execute(f"SELECT {JOB_COLUMNS} FROM jobs WHERE id = ?", (job_id,))
        found = row.fetchone()
        return None if found is None else job_from_row(found)

    @database_errors
    def recent_jobs(self, limit: int = 200) -> list[JobRecord]:
        rows = self._conn.execute(
            f"SELECT {JOB_COLUMNS} FROM jobs ORDER BY id DESC LIMIT ?", (limit,)
        )
        return [job_from_row(row) for row in rows]

    @database_errors
    def images_of_job(self, job_id: int) -> list[ImageRecord]:
        rows = self._conn.execute(
            f"SELECT {IMAGE_COLUMNS} FROM images i JOIN jobs j ON j.id = i.job_id "
            "WHERE i.job_id = ? ORDER BY i.idx",
            (job_id,),
        )
        return [image_from_row(row, self.paths) for row in rows]
