"""File-system failures in words a designer understands (library, downloads, export)."""

from __future__ import annotations

import errno


def disk_full(action: str, where: str = "") -> str:
    """The one wording of a full disk, whichever layer (file system, SQLite) reported it."""
    return f"The disk is full: could not {action}{where}."


def describe_os_error(exc: OSError, action: str = "save the file") -> str:
    where = f" ({exc.filename})" if exc.filename else ""
    if exc.errno == errno.ENOSPC:
        return disk_full(action, where)
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"No permission to {action}{where}."
    if exc.errno == errno.EROFS:
        return f"The folder is read-only: could not {action}{where}."
    return f"Could not {action}{where}: {exc.strerror or exc}"
