"""Waiting in async tests: let the loop run (network, Qt events) until something is true."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable

POLL_SECONDS = 0.03


async def until(
    condition: Callable[[], object], *, within: float = 20.0, message: str | None = None
) -> None:
    """Return once ``condition()`` is true; fail the test, saying ``message`` (or which
    condition it was), if it is still false after ``within`` seconds. Never falls through."""
    try:
        async with asyncio.timeout(within):
            # Polling on purpose: the conditions are over widgets and files, which signal nothing.
            while not condition():  # noqa: ASYNC110
                await asyncio.sleep(POLL_SECONDS)
    except TimeoutError:
        raise AssertionError(f"after {within:g} s: {message or _describe(condition)}") from None


def _describe(condition: Callable[[], object]) -> str:
    try:
        source = inspect.getsource(condition).strip()
    except (OSError, TypeError):
        source = repr(condition)
    return f"still false: {source}"
