"""Which process runs a job: an exclusive operating-system lock per job, held while it runs.

Two processes on one library (the window and ``generate``, ``generate`` and ``resume``) must never
work on the same job: both would download every image, and rows would end up with the checksum
of the file the other process wrote. Each job's lock is an OS lock on ``locks/job-<id>.lock``
(``flock`` on POSIX, ``msvcrt.locking`` on Windows). The kernel drops it when the process ends,
however it ends — SIGKILL and power loss included — so there is no stale lock to detect and no
process id that may have been reused, which a ``QLockFile`` or a pid/heartbeat lease in SQLite
has to guess at. The lock belongs to the open file, so two engines in one process exclude each
other too.

A short library-wide lock makes "write a new job and claim it" and "find the unfinished jobs and
claim them" atomic against each other: otherwise ``resume`` could claim the job ``generate`` has
just written. A job's lock file is removed when its holder lets go; a process that locked a file
just removed notices (the name now points elsewhere or nowhere) and locks the new one.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from seedream_desktop.core.paths import LibraryError

if os.name == "nt":
    import msvcrt

    def _lock(fd: int, *, wait: bool) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_LOCK if wait else msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _lock(fd: int, *, wait: bool) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


_CLAIM_TRIES = 3  # each retry means another process removed the file in between: rare


class JobLocks:
    """The job locks this library object holds; :meth:`release_all` when the library closes."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._held: dict[int, int] = {}  # job id → open file descriptor holding the lock

    def claim(self, job_id: int) -> bool:
        """Hold ``job_id``'s lock from now on; False when another holder has it."""
        if job_id in self._held:
            return True
        path = self._folder / f"job-{job_id}.lock"
        for _ in range(_CLAIM_TRIES):
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            if not _lock(fd, wait=False):
                os.close(fd)
                return False
            if _is_still(fd, path):
                self._held[job_id] = fd
                return True
            os.close(fd)
        return False

    def release(self, job_id: int) -> None:
        fd = self._held.pop(job_id, None)
        if fd is None:
            return
        path = self._folder / f"job-{job_id}.lock"
        # Removed while still locked, so nobody can lock this file and believe it current.
        # Windows cannot remove an open file: there it goes after closing, if nobody has it.
        if os.name != "nt":
            with contextlib.suppress(OSError):
                path.unlink()
        os.close(fd)
        if os.name == "nt":
            with contextlib.suppress(OSError):
                path.unlink()

    def release_all(self) -> None:
        for job_id in list(self._held):
            self.release(job_id)

    @contextlib.contextmanager
    def library_wide(self) -> Iterator[None]:
        """Wait for, then hold for a moment, the lock under which jobs are created and claimed."""
        fd = os.open(self._folder / "library.lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if not _lock(fd, wait=True):  # Windows gives up after about ten seconds
                raise LibraryError("Another Seedream Desktop keeps this library busy.")
            yield
        finally:
            os.close(fd)  # closing drops the lock


def _is_still(fd: int, path: Path) -> bool:
    """Whether ``path`` still names the file open as ``fd`` (its last holder may remove it)."""
    try:
        named = path.stat()
    except FileNotFoundError:
        return False
    opened = os.fstat(fd)
    return (named.st_dev, named.st_ino) == (opened.st_dev, opened.st_ino)
