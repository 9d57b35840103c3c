"""When to try a failed call again — every retry decision of the app, named, in this one file.

:class:`RetryPolicy` is the mechanism (exponential backoff with full jitter, honouring
``Retry-After``); the constants below are the decisions, and :class:`RetryPolicies` carries them
together to the client and the runner, which take the sleep too, so a test can run every wait
of the app without waiting.

Per image: one fetch, and one more only for what repeating a GET does not mend (``IMAGE_FETCH``:
an expired link, after the job's links were refreshed once; bytes that were no whole image; a
disk error); each fetch makes at most four GETs for passing network trouble (``IMAGE_GET``),
which is therefore never answered with another fetch on top. So a dead link costs two GETs, a
broken image server four, and no image ever more than five (it was up to twelve when the runner
repeated the client's retries three times). Giving up loses nothing: the images are paid for and
stay listed, "Retry download" and the next start try again.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, fields
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

    attempts: int | None = 4  # None: no limit (only for waits that must outlast any outage)
    base_delay: float = 0.5
    max_delay: float = 20.0
    retry_after_cap: float = 60.0
    jitter: bool = True
    random: Callable[[], float] = field(default=random.random, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.attempts is not None and self.attempts < 1:
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
        return self.attempts is None or attempt < self.attempts


#: status, result and cancel, which the server treats as idempotent: a transient failure
#: (network, 5xx, 429) is tried again after 0.5, 1, 2 s (jittered); four tries in all.
API_READ = RetryPolicy(attempts=4, base_delay=0.5, max_delay=20.0, retry_after_cap=60.0)
#: The client's submit: re-sent only when the request provably never left this machine (a
#: connection that failed to open). Any other failure may hide an accepted, charged job.
SUBMIT_UNSENT = RetryPolicy(attempts=4, base_delay=0.5, max_delay=20.0, retry_after_cap=60.0)
#: The runner's submit refused with 429: nothing was charged, so it waits (the server's
#: Retry-After, at most 60 s, else 5 s then 10 s) and sends it again; three submits in all.
SUBMIT_BUSY = RetryPolicy(
    attempts=3, base_delay=5.0, max_delay=60.0, retry_after_cap=60.0, jitter=False
)
#: The client's GET of one image: passing trouble (network, 5xx, 429) is tried again after
#: 0.5, 1, 2 s (jittered; a Retry-After up to 30 s); four GETs, all within the download deadline.
IMAGE_GET = RetryPolicy(attempts=4, base_delay=0.5, max_delay=5.0, retry_after_cap=30.0)
#: The runner's fetch of one image: one more whole fetch, 2 s later, for what a repeated GET does
#: not mend — a link that expired (after one refresh of the job's links), bytes that were no
#: whole image, a disk error. Passing network trouble was already retried by ``IMAGE_GET``.
IMAGE_FETCH = RetryPolicy(attempts=2, base_delay=2.0, max_delay=2.0, jitter=False)
#: The runner's poll after an error the client already retried: the service or network is down
#: for a while. The job says so and keeps asking every 10 s for as long as it takes: a submitted
#: job is paid for, and waiting loses nothing.
POLL_AFTER_ERROR = RetryPolicy(attempts=None, base_delay=10.0, max_delay=10.0, jitter=False)


@dataclass(frozen=True, slots=True)
class RetryPolicies:
    """Every retry policy of the app, side by side; the client and the runner read theirs here."""

    api_read: RetryPolicy = API_READ
    submit_unsent: RetryPolicy = SUBMIT_UNSENT
    submit_busy: RetryPolicy = SUBMIT_BUSY
    image_get: RetryPolicy = IMAGE_GET
    image_fetch: RetryPolicy = IMAGE_FETCH
    poll_after_error: RetryPolicy = POLL_AFTER_ERROR

    @classmethod
    def uniform(cls, policy: RetryPolicy) -> RetryPolicies:
        """The same policy everywhere (tests that want, say, no retry at all)."""
        return cls(*(policy for _ in fields(cls)))


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
                "%s failed (%s, try %d of %s); retrying in %.1f s",
                what,
                type(error).__name__,
                attempt,
                policy.attempts or "∞",
                delay,
            )
        attempt += 1
        await sleep(delay)
