"""The local library: jobs and their images in SQLite, image files in the library folder.

One connection, used only from the thread that opened it (the asyncio loop thread):
``check_same_thread`` stays on so a stray call from a worker thread fails loudly instead of
racing. Writes are single small statements, each committed at once, so the loop never waits long.

It is one class over one connection (the connection's thread rule and its transactions are
shared by every query), hence longer than a module should be; the SQL conditions, row
conversions, series records, the trash of deletes and the schema live in modules beside it.

Durability: ``synchronous=FULL``. In WAL mode NORMAL may lose the last commits on power loss;
those commits are the job row written before a paid submit and the ``request_id`` its answer
carries, and losing them loses images someone paid for. A job makes a handful of commits, so
the extra fsync per commit costs nothing a designer can notice. The one exception is an image's
row (``add_image``, up to 15 in a burst): its file is already in place, so a resume rebuilds it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path

from seedream_desktop.api.download_target import DownloadTarget
from seedream_desktop.api.models import ImageFormat
from seedream_desktop.api.params import GenerationParams
from seedream_desktop.core.fs_errors import disk_full
from seedream_desktop.core.library import schema
from seedream_desktop.core.library.composer_store import ComposerStore
from seedream_desktop.core.library.job_locks import JobLocks
from seedream_desktop.core.library.query import image_condition
from seedream_desktop.core.library.reader import (
    BUSY_TIMEOUT_S,
    LibraryReader,
    database_errors,
    is_disk_full,
)
from seedream_desktop.core.library.rows import (
    IMAGE_COLUMNS,
    JOB_COLUMNS,
    cost_from_db,
    cost_to_db,
    image_from_row,
    job_from_row,
    now,
    params_to_db,
    to_db_time,
    urls_to_db,
)
from seedream_desktop.core.library.trash import DeleteFailure, Moved, Trash
from seedream_desktop.core.listeners import Listeners
from seedream_desktop.core.models import (
    ChangeKind,
    ErrorKind,
    Flag,
    ImageQuery,
    ImageRecord,
    JobRecord,
    JobState,
    LibraryChange,
    Series,
    validate_rating,
)
from seedream_desktop.core.paths import LibraryError, LibraryPaths

_CHUNK = 500  # ids per statement: old SQLite builds allow 999 parameters
_SERIES_PAGE_MAX = 200  # a page's job ids and the query's own values in one statement
_EXTENSION = re.compile(r"(\.[a-z0-9]{1,5})?")


class _Unset(Enum):
    UNSET = "unset"


_UNSET = _Unset.UNSET
_ALL = ImageQuery()


@dataclass(frozen=True, slots=True)
class DeleteResult:
    """What :meth:`Library.delete_images` did: images kept because their file is stuck fail."""

    deleted: tuple[int, ...]
    failed: tuple[DeleteFailure, ...]


class Library(LibraryReader):
    """Jobs and images of one library folder. Open with :meth:`open`, finish with :meth:`close`."""

    def __init__(self, paths: LibraryPaths, conn: sqlite3.Connection, *, use_fts: bool) -> None:
        super().__init__(paths, conn)
        self._use_fts = use_fts
        self.job_locks = JobLocks(paths.locks_dir)
        self.composer = ComposerStore(conn)
        self._trash = Trash(paths)
        #: Curation and series deletes, for the window to redraw (the runner announces the rest).
        self.changes: Listeners[LibraryChange] = Listeners()

    @classmethod
    def open(cls, paths: LibraryPaths) -> Library:
        paths.ensure()
        try:
            conn = sqlite3.connect(paths.db_file, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except sqlite3.Error as exc:
            raise LibraryError(f"Cannot open the library database {paths.db_file}: {exc}") from exc
        try:
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            schema.migrate(conn)
            use_fts = schema.fts5_available()
            schema.sync_search_index(conn, use_fts=use_fts)
        except sqlite3.DatabaseError as exc:
            conn.close()
            if is_disk_full(exc):
                raise LibraryError(
                    disk_full("open the library database", f" {paths.db_file}")
                ) from exc
            raise LibraryError(
                f"The library database {paths.db_file} is damaged or unreadable: {exc}"
            ) from exc
        except BaseException:
            conn.close()
            raise
        library = cls(paths, conn, use_fts=use_fts)
        try:
            library._trash.finish_interrupted(library._image_path)
        except BaseException:
            library.close()
            raise
        return library

    def close(self) -> None:
        self.job_locks.release_all()
        with contextlib.suppress(sqlite3.Error):
            self._conn.execute("PRAGMA optimize")
        super().close()

    # Jobs

    @database_errors
    def create_job(self, params: GenerationParams) -> JobRecord:
        """Record a new job as WAITING; committed (on disk) when this returns."""
        columns = {**params_to_db(params), "state": JobState.WAITING.value}
        columns["created_at"] = to_db_time(now())
        cursor = self._conn.execute(
            f"INSERT INTO jobs ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
            tuple(columns.values()),
        )
        return self._job(cursor.lastrowid)

    @database_errors
    def update_job(
        self,
        job_id: int,
        *,
        state: JobState | _Unset = _UNSET,
        request_id: str | _Unset | None = _UNSET,
        queue_position: int | _Unset | None = _UNSET,
        error: str | _Unset | None = _UNSET,
        error_kind: ErrorKind | _Unset | None = _UNSET,
        note: str | _Unset | None = _UNSET,
        cost: Decimal | _Unset | None = _UNSET,
        submitted_at: datetime | _Unset | None = _UNSET,
        finished_at: datetime | _Unset | None = _UNSET,
        result_urls: Sequence[str] | _Unset = _UNSET,
        images_done: int | _Unset = _UNSET,
    ) -> JobRecord:
        """Change only the fields given (``None`` clears one) and commit at once.

        An ``error`` given without its ``error_kind`` clears the kind: a kind never outlives the
        text it was stored with.
        """
        changes: dict[str, object] = {}
        if not isinstance(state, _Unset):
            changes["state"] = state.value
        if not isinstance(error, _Unset) and isinstance(error_kind, _Unset):
            error_kind = None
        if not isinstance(error_kind, _Unset):
            changes["error_kind"] = None if error_kind is None else error_kind.value
        for column, value in (
            ("request_id", request_id),
            ("queue_position", queue_position),
            ("error", error),
            ("note", note),
            ("cost", cost_to_db(cost) if isinstance(cost, Decimal) else cost),
        ):
            if not isinstance(value, _Unset):
                changes[column] = value
        for column, moment in (("submitted_at", submitted_at), ("finished_at", finished_at)):
            if not isinstance(moment, _Unset):
                changes[column] = None if moment is None else to_db_time(moment)
        if not isinstance(result_urls, _Unset):
            changes["result_urls"] = urls_to_db(result_urls)
        if not isinstance(images_done, _Unset):
            changes["images_done"] = images_done
        if changes:
            assignments = ", ".join(f"{column} = ?" for column in changes)
            cursor = self._conn.execute(
                f"UPDATE jobs SET {assignments} WHERE id = ?", (*changes.values(), job_id)
            )
            if cursor.rowcount == 0:
                raise LibraryError(f"Job {job_id} is not in the library.")
        return self._job(job_id)

    def unfinished_jobs(self) -> list[JobRecord]:
        """Every job not in a terminal state (active, paused, download failed), oldest first."""
        return self.jobs_in_states(state for state in JobState if not state.is_terminal)

    @database_errors
    def jobs_in_states(self, states: Iterable[JobState]) -> list[JobRecord]:
        """Jobs in any of ``states``, oldest first (the order they were submitted)."""
        values = [state.value for state in states]
        if not values:
            return []
        marks = ", ".join("?" for _ in values)
        rows = self._conn.execute(
            f"SELECT {JOB_COLUMNS} FROM jobs WHERE state IN ({marks}) ORDER BY id", values
        )
        return [job_from_row(row) for row in rows]

    @database_errors
    def spent_since(self, moment: datetime) -> Decimal:
        """What the jobs that ended at or after ``moment`` cost, as the server reported it.

        Summed as ``Decimal`` here rather than with SQL's SUM over REAL: a month of cents adds up
        to the cents shown, not to a float next to them.
        """
        rows = self._conn.execute(
            "SELECT cost FROM jobs"
            " WHERE cost IS NOT NULL AND COALESCE(finished_at, created_at) >= ?",
            (to_db_time(moment),),
        )
        return sum((cost_from_db(value) or Decimal(0) for (value,) in rows), Decimal(0))

    # Images

    @database_errors
    def image_path_for(self, job_id: int, index: int, ext: str) -> Path:
        """Where image ``index`` of a job belongs: ``images/YYYY/MM/job-<id>-<index><ext>``.

        The month is the job's (local time), so a re-download lands on the same path. ``ext``
        may be empty when the format is known only once the file is there. The folder is
        created; the file is the caller's to write.
        """
        if not _EXTENSION.fullmatch(ext):
            raise ValueError(f"Expected an extension like '.png' or '', not {ext!r}")
        target = self.image_target(job_id, index)
        return target.folder / f"{target.stem}{ext}"

    @database_errors
    def image_target(self, job_id: int, index: int) -> DownloadTarget:
        """Where the download of image ``index`` of a job writes (its folder is created)."""
        job = self.get_job(job_id)
        if job is None:
            raise LibraryError(f"Job {job_id} is not in the library.")
        made = job.created_at.astimezone()
        folder = self.paths.images_dir / f"{made.year:04d}" / f"{made.month:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        return DownloadTarget(folder, f"job-{job_id}-{index}")

    @database_errors
    def add_image(
        self,
        job_id: int,
        index: int,
        path: Path,
        format: ImageFormat,
        width: int,
        height: int,
        byte_size: int,
        sha256: str,
    ) -> ImageRecord:
        """Record a stored image. Adding the same (job, index) again returns the first record.

        The job's ``images_done`` is set to its count of images in the same commit, and that
        commit does not wait for the disk: the file is already in place, and if power fails
        before the job's next (durable) commit carries this one to disk, resuming the job adopts
        the file again (``downloads``). The event loop, the GUI thread, waits for no fsync per
        landed image.
        """
        with self._transaction(durable=False):
            self._conn.execute(
                "INSERT INTO images "
                "(job_id, idx, path, format, width, height, byte_size, sha256, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (job_id, idx) DO NOTHING",
                (
                    job_id,
                    index,
                    self.paths.relative(path),
                    format.value,
                    width,
                    height,
                    byte_size,
                    sha256,
                    to_db_time(now()),
                ),
            )
            self._conn.execute(
                "UPDATE jobs SET images_done = (SELECT count(*) FROM images WHERE job_id = ?) "
                "WHERE id = ?",
                (job_id, job_id),
            )
        row = self._conn.execute(
            f"SELECT {IMAGE_COLUMNS} FROM images i JOIN jobs j ON j.id = i.job_id "
            "WHERE i.job_id = ? AND i.idx = ?",
            (job_id, index),
        ).fetchone()
        return image_from_row(row, self.paths)

    @database_errors
    def image_by_id(self, image_id: int) -> ImageRecord | None:
        row = self._conn.execute(
            f"SELECT {IMAGE_COLUMNS} FROM images i JOIN jobs j ON j.id = i.job_id WHERE i.id = ?",
            (image_id,),
        ).fetchone()
        return None if row is None else image_from_row(row, self.paths)

    @database_errors
    def count_images(self, query: ImageQuery = _ALL) -> int:
        where, params = image_condition(query, use_fts=self._use_fts)
        row = self._conn.execute(f"SELECT count(*) FROM images i {where}", params).fetchone()
        return int(row[0])

    @database_errors
    def images_page(self, query: ImageQuery, offset: int, limit: int) -> list[ImageRecord]:
        """One page of matching images: newest job first, each series in its own order.

        The page's ids come from the order index alone; only those rows are then read in full.
        """
        where, params = image_condition(query, use_fts=self._use_fts)
        rows = self._conn.execute(
            f"SELECT {IMAGE_COLUMNS} FROM ("
            f"  SELECT i.id FROM images i {where}"
            "   ORDER BY i.job_id DESC, i.idx LIMIT ? OFFSET ?"
            ") AS page JOIN images i ON i.id = page.id JOIN jobs j ON j.id = i.job_id "
            "ORDER BY i.job_id DESC, i.idx",
            (*params, max(0, limit), max(0, offset)),
        )
        return [image_from_row(row, self.paths) for row in rows]

    @database_errors
    def delete_images(self, ids: Iterable[int]) -> DeleteResult:
        """Delete images: their files, rows and thumbnails.

        Each file is first renamed into the temp folder, which fails at once (and keeps the
        image) if the file is locked; then the rows go in one transaction; then the moved files
        are removed. A crash in between is finished or undone on the next open.
        """
        moved, failed = self._trash.move(self._rows_by_id(list(ids)))
        self._delete_rows(moved, [])
        return DeleteResult(deleted=tuple(row["id"] for row, _ in moved), failed=tuple(failed))

    @database_errors
    def delete_job(self, job_id: int) -> tuple[int, ...]:
        """Delete a series: the job row and all its images, or nothing at all.

        Refused (``LibraryError``, nothing changed) while the runner works on the job, or when
        any of its files cannot be moved away (all moved files are put back first). Returns the
        ids of the images deleted; listeners hear a ``JOB_DELETED`` change.
        """
        job = self._job(job_id)
        if job.state.is_active:
            raise LibraryError(f"Job {job_id} is still running: cancel it before deleting it.")
        rows = list(
            self._conn.execute("SELECT id, path, sha256 FROM images WHERE job_id = ?", (job_id,))
        )
        moved, failed = self._trash.move(rows)
        if failed:
            self._trash.restore(moved)
            first = failed[0]
            raise LibraryError(
                f"Job {job_id} was not deleted: {first.path} cannot be moved ({first.reason})."
            )
        self._delete_rows(moved, [("DELETE FROM jobs WHERE id = ?", (job_id,))])
        deleted = tuple(row["id"] for row, _ in moved)
        self.changes.publish(LibraryChange(ChangeKind.JOB_DELETED, deleted, job_id=job_id))
        return deleted

    # Curation

    @database_errors
    def set_flag(self, ids: Iterable[int], flag: Flag) -> None:
        """Pick, reject or unflag images, all in one transaction; listeners hear ``CURATED``."""
        if not isinstance(flag, Flag):
            raise ValueError(f"Expected a Flag, not {flag!r}.")
        self._curate(
            tuple(ids), "flag", flag.value, LibraryChange(ChangeKind.CURATED, (), flag=flag)
        )

    @database_errors
    def set_rating(self, ids: Iterable[int], rating: int) -> None:
        """Give images 0 (none) to 5 stars, all in one transaction; listeners hear ``CURATED``."""
        validate_rating(rating)
        self._curate(
            tuple(ids), "rating", rating, LibraryChange(ChangeKind.CURATED, (), rating=rating)
        )

    def _curate(
        self, ids: tuple[int, ...], column: str, value: object, change: LibraryChange
    ) -> None:
        with self._transaction():
            for chunk in _chunks(ids):
                marks = ", ".join("?" for _ in chunk)
                self._conn.execute(
                    f"UPDATE images SET {column} = ? WHERE id IN ({marks})", (value, *chunk)
                )
        if ids:
            self.changes.publish(dataclasses.replace(change, image_ids=ids))

    # Series

    @database_errors
    def series_counts(self, query: ImageQuery = _ALL) -> list[tuple[int, int]]:
        """Every series ``query`` matches, newest job first: (job id, matching images).

        The outline a series view lays out from: two integers a job, read from the order index,
        so 100,000 images cost one statement and no image rows.
        """
        where, params = image_condition(query, use_fts=self._use_fts)
        return [
            (int(row[0]), int(row[1]))
            for row in self._conn.execute(
                f"SELECT i.job_id, count(*) FROM images i {where} "
                "GROUP BY i.job_id ORDER BY i.job_id DESC",
                params,
            )
        ]

    @database_errors
    def series_of_jobs(self, query: ImageQuery, job_ids: Sequence[int]) -> list[Series]:
        """The series of ``job_ids`` (in that order), each with the images ``query`` matches.

        Its counts (returned, off the preset size) are over all the job's images, so a filter
        never hides a wrong result. The caller knows which series it shows (``series_counts``):
        no OFFSET scan, so the 20,000th series costs what the first does. A job no longer there
        is left out.
        """
        job_ids = list(job_ids)[:_SERIES_PAGE_MAX]
        if not job_ids:
            return []
        where, params = image_condition(query, use_fts=self._use_fts)
        marks = ", ".join("?" for _ in job_ids)
        jobs = {
            row["id"]: job_from_row(row)
            for row in self._conn.execute(
                f"SELECT {JOB_COLUMNS} FROM jobs WHERE id IN ({marks})", job_ids
            )
        }
        inside = f"{where} AND i.job_id IN ({marks})" if where else f"WHERE i.job_id IN ({marks})"
        images: dict[int, list[ImageRecord]] = {job_id: [] for job_id in job_ids}
        for row in self._conn.execute(
            f"SELECT {IMAGE_COLUMNS} FROM images i JOIN jobs j ON j.id = i.job_id {inside} "
            "ORDER BY i.job_id DESC, i.idx",
            (*params, *job_ids),
        ):
            images[row["job_id"]].append(image_from_row(row, self.paths))
        sizes: dict[int, list[tuple[int, int]]] = {job_id: [] for job_id in job_ids}
        for row in self._conn.execute(
            f"SELECT job_id, width, height FROM images WHERE job_id IN ({marks})", job_ids
        ):
            sizes[row[0]].append((row[1], row[2]))
        return [
            Series.of(jobs[job_id], tuple(images[job_id]), sizes[job_id])
            for job_id in job_ids
            if job_id in jobs
        ]

    # Helpers

    def _job(self, job_id: int | None) -> JobRecord:
        job = None if job_id is None else self.get_job(job_id)
        if job is None:
            raise LibraryError(f"Job {job_id} is not in the library.")
        return job

    def _delete_rows(
        self,
        moved: Moved,
        then: Sequence[tuple[str, tuple[object, ...]]],
    ) -> None:
        """Delete the moved images' rows and run ``then`` in one transaction, then their files."""
        try:
            with self._transaction():
                for chunk in _chunks([row["id"] for row, _ in moved]):
                    marks = ", ".join("?" for _ in chunk)
                    self._conn.execute(f"DELETE FROM images WHERE id IN ({marks})", chunk)
                for statement, params in then:
                    self._conn.execute(statement, params)
        except BaseException:
            self._trash.restore(moved)
            raise
        self._trash.empty(moved)
        # Imported here: reading a library (the CLI's `history`) must not load Qt's image modules.
        from seedream_desktop.core.thumbnails import remove_thumbnails

        for sha256 in {row["sha256"] for row, _ in moved}:
            if not self._conn.execute(
                "SELECT 1 FROM images WHERE sha256 = ? LIMIT 1", (sha256,)
            ).fetchone():
                remove_thumbnails(self.paths, sha256)

    def _rows_by_id(self, ids: list[int]) -> list[sqlite3.Row]:
        rows: list[sqlite3.Row] = []
        for chunk in _chunks(ids):
            marks = ", ".join("?" for _ in chunk)
            rows.extend(
                self._conn.execute(
                    f"SELECT id, path, sha256 FROM images WHERE id IN ({marks})", chunk
                )
            )
        return rows

    @contextlib.contextmanager
    def _transaction(self, *, durable: bool = True) -> Iterator[None]:
        if not durable:
            self._conn.execute("PRAGMA synchronous = NORMAL")
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")
        finally:
            if not durable:
                self._conn.execute("PRAGMA synchronous = FULL")

    @database_errors
    def _image_path(self, image_id: int) -> str | None:
        row = self._conn.execute("SELECT path FROM images WHERE id = ?", (image_id,)).fetchone()
        return None if row is None else str(row["path"])


def open_for_reading(paths: LibraryPaths) -> LibraryReader | None:
    """The library at ``paths`` to read, or None if it has no database yet.

    Read-only and without migrations when the database is this version's; one from an older
    version is migrated first, as opening it for writing would. Raises :class:`LibraryError`.
    """
    if not paths.db_file.is_file():
        return None
    reader = LibraryReader.open_read_only(paths)
    try:
        if reader.schema_version == schema.SCHEMA_VERSION:
            return reader
    except BaseException:
        reader.close()
        raise
    reader.close()
    return Library.open(paths)


def _chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield list(ids[start : start + _CHUNK])
