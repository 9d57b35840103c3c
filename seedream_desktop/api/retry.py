"""When to try a failed call again: exponential backoff with full jitter, honouring Retry-After."""

from __future__ import annotations

import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TypeVar

from seedream_desktop.api.errors import ApiError

logger = logging.getLogger(__name__)

T = TypeVar("T")
Sleep = Callable[[float], Awaitable[None]]

# Beyond this the doubling is far above any max_delay; the cap keeps the float finite.
_MAX_EXPONENT = 32


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """``attempts`` counts every try, the first included: 1 means never retry.

    Full jitter (a uniform draw below the exponential ceiling) spreads out many clients that
    failed together. A server's ``Retry-After`` replaces the backoff but is capped, so a hostile
    or broken value cannot park a job for hours.
    """

    attempts: int = 4
    base_delay: float = 0.5
    max_delay: float = 20.0
    retry_after_cap: float = 60.0
    jitter: bool = True
    random: Callable[[], float] = field(default=random.random, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("attempts must be at least 1")
        if min(self.base_delay, self.max_delay, self.retry_after_cap) < 0:
            raise ValueError("delays must not be negative")

    def delay_for(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait after failed try number ``attempt`` (1-based)."""
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.retry_after_cap)
        exponent = min(max(attempt - 1, 0), _MAX_EXPONENT)
        ceiling = min(self.max_delay, self.base_delay * 2**exponent)
        return ceiling * self.random() if self.jitter else ceiling

    def allows_another(self, attempt: int) -> bool:
        """Whether a try may follow failed try number ``attempt``."""
        return attempt < self.attempts


def is_transient(error: ApiError) -> bool:
    """Whether another try of an idempotent call may succeed; each error class says so."""
    return error.transient


async def with_retries(
    call: Callable[[], Awaitable[T]],
    *,
    policy: RetryPolicy,
    sleep: Sleep,
    what: str,
    should_retry: Callable[[ApiError], bool] = is_transient,
) -> T:
    """``call()``, tried again after the policy's delay while ``should_retry`` accepts the error.

    ``what`` names the call in the log (method and path: never a query, header or token).
    """
    attempt = 1
    while True:
        try:
            return await call()
        except ApiError as error:
            if not should_retry(error) or not policy.allows_another(attempt):
                raise
            delay = policy.delay_for(attempt, getattr(error, "retry_after", None))
            logger.warning(
                "%s failed (%s, try %d of %d); retrying in %.1f s",
                what,
                type(error).__name__,
                attempt,
                policy.attempts,
                delay,
            )
        attempt += 1
        await sleep(delay)
