"""The command line: ``seedream-desktop generate | history | resume | balance | contact-sheet``
(``cli.main``).

``Command`` lives here, free of imports, so the entry point can tell a command from the
window's options without loading the engine.
"""

import difflib
from collections.abc import Iterable
from enum import StrEnum


class Command(StrEnum):
    GENERATE = "generate"
    HISTORY = "history"
    RESUME = "resume"
    BALANCE = "balance"
    CONTACT_SHEET = "contact-sheet"


def nearest(given: str, known: Iterable[str]) -> str | None:
    """The known word ``given`` is most likely a typo of (``--cuont`` → ``--count``), if any."""
    # 0.7: typos score 0.75 and up; below that the "nearest" word is only a guess.
    close = difflib.get_close_matches(given, list(known), n=1, cutoff=0.7)
    return close[0] if close else None


def unknown_option(given: str, known: Iterable[str]) -> str:
    """What the usage error says about an option nobody declared, with the nearest one."""
    given = given.partition("=")[0]
    close = nearest(given, known)
    return f"unknown option {given!r}" + (f" (did you mean {close!r}?)" if close else "")
