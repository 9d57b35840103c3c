"""Submitting a job: the one request that costs money, so the one that is never sent twice.

The job row is committed (``SUBMITTING``) before the POST, and the request id the moment the
answer arrives. A 429 is the only failure known to have charged nothing, so it is the only one
waited out and sent again (``SUBMIT_BUSY`` in ``api/retry.py``); anything else that may have
reached the server makes the job ``OUTCOME_UNKNOWN``.
"""

from __future__ import annotations

import asyncio
import logging

from seedream_desktop.api.client import RunComfyClient
from seedream_desktop.api.errors import (
    ApiError,
    NetworkError,
    RateLimitedError,
    SubmitOutcomeUnknownError,
    TokenRejectedError,
)
from seedream_desktop.api.retry import RetryPolicy, Sleep
from seedream_desktop.core.jobs.book import JobBook, now
from seedream_desktop.core.jobs.failures import Failure, failure_of
from seedream_desktop.core.models import ErrorKind, JobRecord, JobState

log = logging.getLogger(__name__)


class Submitter:
    def __init__(
        self, book: JobBook, client: RunComfyClient, busy: RetryPolicy, sleep: Sleep
    ) -> None:
        self._book = book
        self._client = client
        self._busy = busy
        self._sleep = sleep
        self._posts: set[asyncio.Task[JobRecord]] = set()

    async def wait_for_posts(self, grace: float) -> None:
        """Let the POSTs in flight be answered, so their request ids are recorded."""
        if self._posts:
            log.info("Waiting for %d submit(s) to be confirmed before stopping", len(self._posts))
            await asyncio.wait(self._posts, timeout=grace)

    async def submit(self, job: JobRecord) -> JobRecord:
        book = self._book
        attempt = 1
        while True:
            job = book.update(job, state=JobState.SUBMITTING, error=None)
            post = asyncio.get_running_loop().create_task(self._post(job))
            self._posts.add(post)
            post.add_done_callback(self._posts.discard)
            try:
                # Shielded: quitting right after Generate must not cut a POST off mid-way, or
                # the server could charge a job whose request id we never record.
                return await asyncio.shield(post)
            except RateLimitedError as exc:
                # 429: the server refused the request, nothing was charged; safe to resend.
                # (A 503 may come from a proxy that already forwarded it: outcome unknown.)
                if not self._busy.allows_another(attempt):
                    return book.fail(job, JobState.FAILED, failure_of(exc))
                job = book.problem(job, failure_of(exc), state=JobState.WAITING)
                await self._sleep(self._busy.delay_for(attempt, exc.retry_after))
                attempt += 1
            except SubmitOutcomeUnknownError as exc:
                return book.fail(job, JobState.OUTCOME_UNKNOWN, failure_of(exc))
            except TokenRejectedError as exc:
                return book.fail(job, JobState.PAUSED, failure_of(exc))
            except NetworkError as exc:
                if exc.request_sent:
                    unknown = Failure(ErrorKind.OUTCOME_UNKNOWN, exc.user_message)
                    return book.fail(job, JobState.OUTCOME_UNKNOWN, unknown)
                return book.fail(job, JobState.FAILED, failure_of(exc))
            except ApiError as exc:
                return book.fail(job, JobState.FAILED, failure_of(exc))

    async def _post(self, job: JobRecord) -> JobRecord:
        answer = await self._client.submit(job.params)
        # In the log first: should the write below fail, the id of a paid job is still on record.
        log.info("Job %s accepted as request %s", job.id, answer.request_id)
        return self._book.update(
            job,
            state=JobState.QUEUED,
            request_id=answer.request_id,
            submitted_at=now(),
            error=None,
        )
