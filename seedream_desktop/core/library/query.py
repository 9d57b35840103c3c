"""Turn an :class:`ImageQuery` into a SQL condition over ``images i``.

Job-level filters (prompt words, aspect) select job ids through their own index and the image
scan tests membership, so the image order index still drives paging.
"""

from __future__ import annotations

import re

from seedream_desktop.core.library.rows import to_db_time
from seedream_desktop.core.models import ImageQuery

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
    words = search_words(query.text)
    if words and use_fts:
        # Every word must appear; each matches as a prefix ("cat" finds "cats").
        clauses.append("i.job_id IN (SELECT rowid FROM jobs_fts WHERE jobs_fts MATCH ?)")
        params.append(" ".join(f'"{word}"*' for word in words))
    elif words:
        likes = " AND ".join("prompt LIKE ? ESCAPE '\\'" for _ in words)
        clauses.append(f"i.job_id IN (SELECT id FROM jobs WHERE {likes})")
        params.extend(f"%{_escape_like(word)}%" for word in words)
    if query.since is not None:
        clauses.append("i.created_at >= ?")
        params.append(to_db_time(query.since))
    if query.until is not None:
        clauses.append("i.created_at < ?")
        params.append(to_db_time(query.until))
    if not clauses:
        return "", []
    return "WHERE " + " AND ".join(clauses), params


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
