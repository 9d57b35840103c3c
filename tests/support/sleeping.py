"""A sleep for the runner and the client that records every wait asked for and barely waits."""

from __future__ import annotations

import asyncio

#: Long enough to let other tasks (the emulator, the other jobs) run; never a real back-off.
CAP_SECONDS = 0.01


class QuickSleep:
    """``await sleep(seconds)`` that keeps ``seconds`` in :attr:`asked` and waits at most 10 ms."""

    def __init__(self, cap: float = CAP_SECONDS) -> None:
        self.cap = cap
        self.asked: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.asked.append(seconds)
        await asyncio.sleep(min(seconds, self.cap))
