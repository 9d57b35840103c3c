from __future__ import annotations

import dataclasses

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
from seedream_desktop.api.retry import (
    API_READ,
    IMAGE_FETCH,
    IMAGE_GET,
    POLL_AFTER_ERROR,
    SUBMIT_BUSY,
    RetryPolicies,
    RetryPolicy,
    is_transient,
    with_retries,
)

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


def test_a_policy_without_a_limit_always_allows_another_try() -> None:
    forever = RetryPolicy(attempts=None, base_delay=10.0, max_delay=10.0, jitter=False)
    assert all(forever.allows_another(n) for n in (1, 10, 10**9))
    assert forever.delay_for(10**6) == 10.0


def test_the_named_policies_are_the_defaults_and_can_be_made_uniform() -> None:
    policies = RetryPolicies()
    assert (policies.api_read, policies.submit_busy, policies.image_get) == (
        API_READ,
        SUBMIT_BUSY,
        IMAGE_GET,
    )
    # The submit refused with 429 waits 5 s then 10 s (or the server's Retry-After, capped).
    assert [SUBMIT_BUSY.delay_for(n) for n in (1, 2)] == [5.0, 10.0]
    assert SUBMIT_BUSY.delay_for(1, retry_after=600) == 60.0
    assert not SUBMIT_BUSY.allows_another(3)
    assert POLL_AFTER_ERROR.allows_another(10**6) and POLL_AFTER_ERROR.delay_for(7) == 10.0
    # At most five GETs per image: one fetch more than the first, never two more.
    assert IMAGE_FETCH.attempts == 2 and IMAGE_GET.attempts == 4
    none = RetryPolicy(attempts=1)
    uniform = RetryPolicies.uniform(none)
    assert {getattr(uniform, f.name) for f in dataclasses.fields(uniform)} == {none}
