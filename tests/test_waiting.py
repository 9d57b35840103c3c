"""The tests' one waiting helper fails loudly instead of falling through."""

from __future__ import annotations

import asyncio

import pytest

from tests.support.waiting import until


async def test_until_returns_once_the_condition_holds() -> None:
    done = asyncio.Event()
    asyncio.get_running_loop().call_later(0.05, done.set)
    await until(done.is_set, within=5.0)
    assert done.is_set()


async def test_until_fails_with_the_message_when_time_runs_out() -> None:
    with pytest.raises(AssertionError, match=r"after 0.1 s: the job never started"):
        await until(lambda: False, within=0.1, message="the job never started")


async def test_until_without_a_message_names_the_condition() -> None:
    with pytest.raises(AssertionError, match=r"still false: .*lambda: 1 > 2"):
        await until(lambda: 1 > 2, within=0.1)
