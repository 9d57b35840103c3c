"""What the composer remembers in the library: earlier descriptions and the designer's styles.

Same connection and thread rule as :class:`~seedream_desktop.core.library.library.Library`,
which owns it. The history query reads the ``jobs_by_description`` index only (no table
scan): about 10 ms over 10,000 distinct descriptions on a slow machine, so it runs on the GUI
thread when the window opens and after each job, never per keystroke.
"""

from __future__ import annotations

import sqlite3

from seedream_desktop.api.params import Style
from seedream_desktop.core.library.reader import database_errors

HISTORY_LIMIT = 500


class ComposerStore:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    @database_errors
    def prompt_history(self, limit: int = HISTORY_LIMIT) -> list[str]:
        """Descriptions of earlier jobs, newest first, each once."""
        rows = self._conn.execute(
            "SELECT description FROM jobs WHERE description != '' "
            "GROUP BY description ORDER BY MAX(id) DESC LIMIT ?",
            (limit,),
        )
        return [row[0] for row in rows]

    @database_errors
    def styles(self) -> list[tuple[Style, bool]]:
        """Every saved style in the order saved, with whether it is on."""
        rows = self._conn.execute("SELECT name, text, active FROM styles ORDER BY id")
        return [(Style(row[0], row[1]), bool(row[2])) for row in rows]

    @database_errors
    def save_style(self, style: Style, *, active: bool = True) -> None:
        """Add ``style``, or give the style of that name its new text."""
        self._conn.execute(
            "INSERT INTO styles (name, text, active) VALUES (?, ?, ?) "
            "ON CONFLICT(name) DO UPDATE SET text = excluded.text, active = excluded.active",
            (style.name.strip(), style.text.strip(), int(active)),
        )

    @database_errors
    def set_style_active(self, name: str, active: bool) -> None:
        self._conn.execute("UPDATE styles SET active = ? WHERE name = ?", (int(active), name))

    @database_errors
    def delete_style(self, name: str) -> None:
        self._conn.execute("DELETE FROM styles WHERE name = ?", (name,))
