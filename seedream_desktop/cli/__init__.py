"""The command line: ``seedream-desktop generate | history | resume`` (see ``cli.main``).

``Command`` lives here, free of imports, so the entry point can tell a command from the
window's options without loading the engine.
"""

from enum import StrEnum


class Command(StrEnum):
    GENERATE = "generate"
    HISTORY = "history"
    RESUME = "resume"
