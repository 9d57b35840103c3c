"""Filling in translatable texts the way Qt does, for the layers that do not use Qt's translation.

Texts are written for ``pyside6-lupdate``: arguments as ``%1``, ``%2``…, counts as ``%Ln`` with
English plurals as ``image(s)``. ``english`` is what such a text says without a translation (the
command line's language); ``arg`` fills the arguments of a text, translated or not.
"""

from __future__ import annotations

import re

_ARGUMENT = re.compile(r"%([1-9])")


def arg(text: str, *values: object) -> str:
    """``text`` with ``%1``, ``%2`` … replaced by ``values`` in one pass, like ``QString.arg``:
    a value that itself contains ``%2`` stays as it is."""

    def value(match: re.Match[str]) -> str:
        number = int(match[1])
        return str(values[number - 1]) if number <= len(values) else match[0]

    return _ARGUMENT.sub(value, text)


def english(source: str, n: int = -1) -> str:
    """The English a source text says for the count ``n``: ``%Ln image(s)`` → ``1 image``,
    ``2,560 images``; a text without a count as it is."""
    if n < 0:
        return source
    counted = source.replace("%Ln", f"{n:,}").replace("%n", str(n))
    return counted.replace("(s)", "" if n == 1 else "s")
