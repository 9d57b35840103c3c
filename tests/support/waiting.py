"""Waiting in async tests: let the loop run (network, Qt events) until something is true."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

POLL_SECONDS = 0.03


async def until(condition: Callable[[], object], *, within: float = 20.0) -> None:
    """Raises ``TimeoutError`` if ``condition`` is still false after ``within`` seconds."""
    async with asyncio.timeout(within):
        # Polling on purpose: the conditions are over widgets and files, which signal nothing.
        while not condition():  # noqa: ASYNC110
            await asyncio.sleep(POLL_SECONDS)
