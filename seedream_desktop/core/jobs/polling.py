"""How often to ask the server: fast at first, backing off while nothing changes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PollSchedule:
    """Intervals in seconds. The wait grows by ``factor`` per unchanged answer, up to ``maximum``.

    RunComfy's own clients poll at a fixed 2–5 s; starting at 1 s shows the first queue position
    quickly, and backing off to 5 s keeps a long queue from costing requests. (After an error:
    ``POLL_AFTER_ERROR`` in ``api/retry.py``.)
    """

    initial: float = 1.0
    factor: float = 1.5
    maximum: float = 5.0

    def next_interval(self, current: float | None) -> float:
        if current is None:
            return self.initial
        return min(self.maximum, current * self.factor)
