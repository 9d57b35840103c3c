"""Turn an :class:`ImageQuery` into a SQL condition over ``images i``.

Job-level filters (prompt words, seed, request id, aspect, mode) select job ids through their own
index and the image scan tests membership, so the image order index still drives paging. The
curation filters are written with their values inline (they are the code's own constants, never
user text) so SQLite can see that the partial indexes of migration 4 answer them.
"""

from __future__ import annotations

import re

from seedream_desktop.core.library.rows import to_db_time
from seedream_desktop.core.models import Flag, ImageQuery

_WORD = re.compile(r"\w+")


def search_words(text: str) -> list[str]:
    """The words of a search box entry; punctuation only separates words, as in the index."""
    return _WORD.findall(text)


def image_condition(query: ImageQuery, *, use_fts: bool) -> tuple[str, list[object]]:
    """``("WHERE …", params)`` for ``query``, or ``("", [])`` when it matches every image.

    ``since`` is inclusive and ``until`` exclusive (pass the next midnight for "up to and
    including that day"); naive datetimes are local time.
    """
    clauses: list[str] = []
    params: list[object] = []
    if query.job_id is not None:
        clauses.append("i.job_id = ?")
        params.append(query.job_id)
    if query.aspect is not None:
        clauses.append("i.job_id IN (SELECT id FROM jobs WHERE aspect = ?)")
        params.append(query.aspect.value)
    if query.mode is not None:
        clauses.append("i.job_id IN (SELECT id FROM jobs WHERE mode = ?)")
        params.append(query.mode.value)
    text = _search_condition(query.text, use_fts=use_fts)
    if text is not None:
        clauses.append(text[0])
        params.extend(text[1])
    if query.picked_only:
        clauses.append(f"i.flag = '{Flag.PICKED.value}'")
    elif query.hide_rejected:
        clauses.append(f"i.flag != '{Flag.REJECTED.value}'")
    if query.min_rating > 0:
        # "rating > 0" spelt out: SQLite uses a partial index only for its very own term.
        clauses.append(f"i.rating > 0 AND i.rating >= {int(query.min_rating)}")
    if query.since is not None:
        clauses.append("i.created_at >= ?")
        params.append(to_db_time(query.since))
    if query.until is not None:
        clauses.append("i.created_at < ?")
        params.append(to_db_time(query.until))
    if not clauses:
        return "", []
    return "WHERE " + " AND ".join(clauses), params


def _search_condition(text: str, *, use_fts: bool) -> tuple[str, list[object]] | None:
    """Jobs whose prompt holds every word, or whose seed or request id is the whole entry."""
    words = search_words(text)
    if not words:
        return None
    params: list[object] = []
    if use_fts:
        # Every word must appear; each matches as a prefix ("cat" finds "cats").
        matches = ["SELECT rowid FROM jobs_fts WHERE jobs_fts MATCH ?"]
        params.append(" ".join(f'"{word}"*' for word in words))
    else:
        likes = " AND ".join("prompt LIKE ? ESCAPE '\\'" for _ in words)
        matches = [f"SELECT id FROM jobs WHERE {likes}"]
        params.extend(f"%{_escape_like(word)}%" for word in words)
    entry = text.strip()
    matches.append("SELECT id FROM jobs WHERE request_id = ?")
    params.append(entry)
    if entry.isascii() and entry.isdigit():
        matches.append("SELECT id FROM jobs WHERE seed = ?")
        params.append(int(entry))
    return f"i.job_id IN ({' UNION '.join(matches)})", params


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
