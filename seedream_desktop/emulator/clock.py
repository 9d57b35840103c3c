"""Time sources for the emulator: the real monotonic clock, or one a test moves by hand."""

from __future__ import annotations

import threading
import time
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float:
        """Seconds on a monotonic scale; only differences are meaningful."""
        ...


class MonotonicClock:
    def now(self) -> float:
        return time.monotonic()


class ManualClock:
    """A clock that stands still until ``advance`` is called, so queue tests need no sleeping."""

    def __init__(self, start: float = 1000.0) -> None:
        self._now = start
        # Served emulators read the clock from the server thread while the test advances it.
        self._lock = threading.Lock()

    def now(self) -> float:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a monotonic clock cannot go back")
        with self._lock:
            self._now += seconds
