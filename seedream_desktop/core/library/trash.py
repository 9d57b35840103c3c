"""Where the files of images being deleted wait until their rows are gone.

A delete first renames each file into the library's temp folder, which fails at once (and keeps
the image) if the file is locked; the rows then go in one transaction; then the moved files are
removed. If the transaction fails the files are put back, and a crash in between is finished or
undone on the next open (:meth:`Trash.finish_interrupted`): the name of a moved file says which
image it was.
"""

from __future__ import annotations

import logging
import re
import secrets
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from seedream_desktop.core.paths import LibraryPaths

log = logging.getLogger(__name__)

_PREFIX = "deleting-"
_NAME = re.compile(rf"{_PREFIX}(\d+)-[0-9a-f]+")

#: An image row (``id``, ``path``) and where its file went: ``None`` when it was gone already.
Moved = list[tuple[sqlite3.Row, Path | None]]


@dataclass(frozen=True, slots=True)
class DeleteFailure:
    image_id: int
    path: Path
    reason: str


class Trash:
    def __init__(self, paths: LibraryPaths) -> None:
        self._paths = paths

    def move(self, rows: Iterable[sqlite3.Row]) -> tuple[Moved, list[DeleteFailure]]:
        """Rename each row's file into the temp folder; a file that cannot move fails."""
        moved: Moved = []
        failed: list[DeleteFailure] = []
        for row in rows:
            source = self._paths.absolute(row["path"])
            trash = self._paths.tmp_dir / (
                f"{_PREFIX}{row['id']}-{secrets.token_hex(4)}{source.suffix}"
            )
            try:
                source.replace(trash)
            except FileNotFoundError:
                moved.append((row, None))
            except OSError as exc:
                failed.append(DeleteFailure(row["id"], source, exc.strerror or str(exc)))
            else:
                moved.append((row, trash))
        return moved, failed

    def restore(self, moved: Moved) -> None:
        for row, trash in moved:
            if trash is not None:
                trash.replace(self._paths.absolute(row["path"]))

    def empty(self, moved: Moved) -> None:
        for _, trash in moved:
            if trash is not None:
                remove_quietly(trash)

    def finish_interrupted(self, path_of: Callable[[int], str | None]) -> None:
        """Files a crashed delete left behind: put back if ``path_of`` the image still has a
        row (the delete did not commit), else removed."""
        for trash in self._paths.tmp_dir.glob(f"{_PREFIX}*"):
            match = _NAME.match(trash.stem)
            if match is None:
                continue
            path = path_of(int(match.group(1)))
            if path is None:
                remove_quietly(trash)
                continue
            try:
                trash.replace(self._paths.absolute(path))
            except OSError as exc:
                log.warning("Could not restore %s after an interrupted delete: %s", trash, exc)


def remove_quietly(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        log.warning("Could not remove %s: %s", path, exc)
