"""Write new files so that an existing file is never overwritten and a failure leaves nothing.

Each payload goes to a hidden temp file in the destination folder and is flushed to disk; then the
final name is *linked* to it. ``os.link`` fails if the name exists, so the check and the creation
are one step the OS makes atomic, and the file appears complete or not at all. On file systems
without hard links (FAT, some network shares) the name is reserved with ``O_CREAT | O_EXCL`` and
the temp file renamed over that empty reservation.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import secrets
from collections.abc import Callable, Sequence
from pathlib import Path

TEMP_PREFIX = ".seedream-export-"
TEMP_SUFFIX = ".part"
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
_NO_LINK = frozenset(
    {
        errno.EPERM,
        errno.ENOTSUP,
        errno.EOPNOTSUPP,
        errno.ENOSYS,
        errno.EMLINK,
        errno.EXDEV,
        errno.EINVAL,
    }
)


def _open_new(path: Path) -> int:
    return os.open(path, _NEW_FILE, 0o666)  # the umask decides, as for any file the user makes


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _write_temp(folder: Path, data: bytes) -> Path:
    while True:
        temp = folder / f"{TEMP_PREFIX}{secrets.token_hex(6)}{TEMP_SUFFIX}"
        try:
            fd = _open_new(temp)
        except FileExistsError:
            continue
        break
    try:
        _write_all(fd, data)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        _remove(temp)
        raise
    os.close(fd)
    return temp


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def _claim(temp: Path, final: Path) -> bool:
    """Give ``temp``'s content the name ``final``; ``FileExistsError`` if that name exists.

    Returns whether ``temp`` was moved (no hard links here) rather than linked.
    """
    try:
        os.link(temp, final)
    except FileExistsError:
        raise
    except OSError as err:
        if err.errno not in _NO_LINK:
            raise
        os.close(_open_new(final))
        try:
            temp.replace(final)
        except BaseException:
            _remove(final)
            raise
        return True
    return False


def _release(claimed: list[tuple[Path, Path, bool]], *, keep_content: bool) -> None:
    for final, temp, moved in reversed(claimed):
        if moved and keep_content:
            final.replace(temp)
        else:
            _remove(final)
    claimed.clear()


def _sync_folder(folder: Path) -> None:
    # Makes the new names durable on POSIX; Windows cannot open a folder, and NTFS needs no help.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def write_new(
    folder: Path,
    names_for: Callable[[int], Sequence[str]],
    payloads: Sequence[bytes],
) -> list[Path]:
    """Write ``payloads`` under the names ``names_for(k)`` for the first ``k = 1, 2 …`` where
    every name is free, and return the paths. Files belonging together (an image and its
    sidecar) get the same ``k``; either all appear or none does.
    """
    temps: list[Path] = []
    claimed: list[tuple[Path, Path, bool]] = []
    try:
        for data in payloads:
            temps.append(_write_temp(folder, data))
        for k in itertools.count(1):
            try:
                for temp, name in zip(temps, names_for(k), strict=True):
                    claimed.append((folder / name, temp, _claim(temp, folder / name)))
                break
            except FileExistsError:
                _release(claimed, keep_content=True)
        written = [final for final, _, _ in claimed]
    except BaseException:
        _release(claimed, keep_content=False)
        raise
    finally:
        for temp in temps:
            _remove(temp)
    _sync_folder(folder)
    return written
