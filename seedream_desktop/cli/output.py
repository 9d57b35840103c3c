"""What every command shares: its exit codes and where progress and errors go (stderr)."""

from __future__ import annotations

import sys
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    UNEXPECTED = 1
    BAD_INPUT = 2
    TOKEN_REJECTED = 3
    BALANCE_EXHAUSTED = 4
    NETWORK = 5
    JOB_FAILED = 6  # failed or cancelled
    OUTCOME_UNKNOWN = 7  # may have been charged; see `history`
    DOWNLOAD_FAILED = 8  # paid images not all saved yet; `resume` retries
    LIBRARY = 9  # the library (or --out) folder cannot be written
    BUSY = 10  # every unfinished job is being run by another process
    INTERRUPTED = 130


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)
