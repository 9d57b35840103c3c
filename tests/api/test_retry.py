from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seedream_desktop.api.errors import (
    ApiError,
    DownloadExpiredError,
    NetworkError,
    NotFoundError,
    RateLimitedError,
    ServerError,
    SubmitOutcomeUnknownError,
)
from seedream_desktop.api.retry import RetryPolicy, is_transient, with_retries

from .conftest import SleepRecorder


def test_backoff_doubles_up_to_the_maximum_without_jitter() -> None:
    policy = RetryPolicy(attempts=8, base_delay=0.5, max_delay=5.0, jitter=False)
    assert [policy.delay_for(n) for n in range(1, 7)] == [0.5, 1.0, 2.0, 4.0, 5.0, 5.0]


def test_full_jitter_draws_below_the_ceiling() -> None:
    draws = iter([0.0, 0.5, 0.999])
    policy = RetryPolicy(base_delay=1.0, max_delay=100.0, random=lambda: next(draws))
    assert [policy.delay_for(3) for _ in range(3)] == [0.0, 2.0, pytest.approx(3.996)]


def test_retry_after_replaces_backoff_and_is_capped() -> None:
    policy = RetryPolicy(base_delay=1.0, retry_after_cap=60.0, random=lambda: 0.5)
    assert policy.delay_for(1, retry_after=12.0) == 12.0
    assert policy.delay_for(1, retry_after=3600.0) == 60.0
    assert policy.delay_for(1, retry_after=-5.0) == 0.0


@given(attempt=st.integers(min_value=-5, max_value=10**6), jitter=st.floats(0, 0.9999))
def test_delay_is_always_within_bounds(attempt: int, jitter: float) -> None:
    policy = RetryPolicy(base_delay=0.5, max_delay=20.0, random=lambda: jitter)
    assert 0.0 <= policy.delay_for(attempt) <= 20.0


def test_policy_rejects_nonsense() -> None:
    with pytest.raises(ValueError):
        RetryPolicy(attempts=0)
    with pytest.raises(ValueError):
        RetryPolicy(base_delay=-1)


@pytest.mark.parametrize(
    ("error", "transient"),
    [
        (ServerError("x"), True),
        (NetworkError("x"), True),
        (RateLimitedError("x"), True),
        (NotFoundError("x"), False),
        (DownloadExpiredError("x"), False),
        (SubmitOutcomeUnknownError("x"), False),
        (ApiError("x"), False),
    ],
)
def test_transient_errors(error: ApiError, transient: bool) -> None:
    assert is_transient(error) is transient


async def test_with_retries_stops_after_the_last_attempt() -> None:
    sleep = SleepRecorder()
    calls = 0

    async def failing() -> None:
        nonlocal calls
        calls += 1
        raise ServerError("down", status_code=502)

    policy = RetryPolicy(attempts=3, base_delay=1.0, jitter=False)
    with pytest.raises(ServerError):
        await with_retries(failing, policy=policy, sleep=sleep, what="GET /x")
    assert calls == 3
    assert sleep.delays == [1.0, 2.0]


async def test_with_retries_does_not_retry_permanent_errors() -> None:
    sleep = SleepRecorder()
    calls = 0

    async def gone() -> None:
        nonlocal calls
        calls += 1
        raise NotFoundError("gone")

    with pytest.raises(NotFoundError):
        await with_retries(gone, policy=RetryPolicy(), sleep=sleep, what="GET /x")
    assert calls == 1
    assert sleep.delays == []
