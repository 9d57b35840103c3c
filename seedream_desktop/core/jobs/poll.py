"""Polling a submitted job until it ends, then taking its result.

How often: ``PollSchedule`` (fast at first, backing off while nothing changes). After an error
the client already retried: ``POLL_AFTER_ERROR`` in ``api/retry.py`` (keep asking; a submitted
job is paid for). A rejected token pauses the job; an unknown or foreign request id fails it.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from seedream_desktop.api.client import RunComfyClient
from seedream_desktop.api.errors import (
    ApiError,
    NotFoundError,
    PermissionDeniedError,
    TokenRejectedError,
)
from seedream_desktop.api.models import RemoteStatus, ResultResponse
from seedream_desktop.api.retry import RetryPolicy, Sleep
from seedream_desktop.core.jobs.book import JobBook, has_problem
from seedream_desktop.core.jobs.failures import Failure, failure_of, one_line
from seedream_desktop.core.jobs.polling import PollSchedule
from seedream_desktop.core.models import ErrorKind, JobRecord, JobState

log = logging.getLogger(__name__)

Answer = TypeVar("Answer")

RESULT_PATIENCE = 10  # unfinished results after "completed" before the job says it is waiting

# Server states that move the job along while polling; others (UNKNOWN) keep what it shows.
_LOCAL_STATE = {RemoteStatus.QUEUED: JobState.QUEUED, RemoteStatus.RUNNING: JobState.RUNNING}


class Poller:
    def __init__(
        self,
        book: JobBook,
        client: RunComfyClient,
        schedule: PollSchedule,
        after_error: RetryPolicy,
        sleep: Sleep,
    ) -> None:
        self._book = book
        self._client = client
        self._schedule = schedule
        self._after_error = after_error
        self._sleep = sleep

    async def poll(self, job: JobRecord) -> JobRecord:
        """Follow the job's queue position and state until it ends; then fetch its result."""
        interval: float | None = None
        last_seen: tuple[RemoteStatus, int | None] | None = None
        while True:
            job, status = await self.ask(job, self._client.status)
            if status is None:
                return job
            if status.status is RemoteStatus.UNKNOWN and last_seen is None:
                log.info("Job %s: unknown status %r, polling on", job.id, status.raw_status)
            if status.status.is_terminal:
                return await self._fetch_result(job)
            seen = (status.status, status.queue_position)
            if seen != last_seen or has_problem(job):
                queued = status.status is RemoteStatus.QUEUED
                job = self._book.update(
                    job,
                    state=_LOCAL_STATE.get(status.status, job.state),
                    queue_position=status.queue_position if queued else None,
                    error=None,
                )
            if last_seen is None or status.status is not last_seen[0]:
                interval = None  # a new phase: look again soon
            last_seen = seen
            interval = self._schedule.next_interval(interval)
            await self._sleep(interval)

    async def ask(
        self, job: JobRecord, question: Callable[[str], Awaitable[Answer]]
    ) -> tuple[JobRecord, Answer | None]:
        """Ask the server about a submitted job until it answers; ``None`` if the job ended."""
        assert job.request_id is not None
        attempt = 1
        while True:
            try:
                return job, await question(job.request_id)
            except TokenRejectedError as exc:
                return self._book.fail(job, JobState.PAUSED, failure_of(exc)), None
            except (NotFoundError, PermissionDeniedError) as exc:
                return self._book.fail(job, JobState.FAILED, failure_of(exc)), None
            except ApiError as exc:
                # Already retried by the client: the service or network is down for a while.
                # Say so on the job and keep trying; nothing is lost by waiting.
                if not self._after_error.allows_another(attempt):
                    raise
                job = self._book.problem(job, failure_of(exc))
                await self._sleep(self._after_error.delay_for(attempt))
                attempt += 1

    async def _fetch_result(self, job: JobRecord) -> JobRecord:
        book = self._book
        interval: float | None = None
        asked = 0
        while True:
            job, result = await self.ask(job, self._client.result)
            if result is None:
                return job
            if result.status in (RemoteStatus.SUCCEEDED, RemoteStatus.COMPLETED) and (
                result.image_urls or result.status is RemoteStatus.SUCCEEDED
            ):
                return self._accept_result(job, result)
            if result.status is RemoteStatus.FAILED:
                failure = Failure(ErrorKind.MODEL_FAILED, one_line(result.error))
                return book.fail(job, JobState.FAILED, failure, cost=result.cost)
            if result.status is RemoteStatus.CANCELLED:
                return book.cancelled(job)
            # Status said finished but the result is not ready yet: ask again, and say so once
            # the wait is no longer a blink, so the job never sits silently on "Running".
            asked += 1
            if asked == RESULT_PATIENCE:
                job = book.problem(job, Failure(ErrorKind.RESULT_PENDING))
            interval = self._schedule.next_interval(interval)
            await self._sleep(interval)

    def _accept_result(self, job: JobRecord, result: ResultResponse) -> JobRecord:
        urls = result.image_urls
        if not urls:
            return self._book.fail(
                job, JobState.FAILED, Failure(ErrorKind.NO_IMAGES), cost=result.cost
            )
        note = None
        if len(urls) < job.params.count:
            note = f"{len(urls)} of {job.params.count} images: the model returned fewer than asked."
        elif result.images_listed > job.params.count:
            note = _more_than_asked(result.images_listed, len(urls), job.params.count)
        return self._book.update(
            job,
            state=JobState.DOWNLOADING,
            result_urls=urls,
            cost=result.cost,
            note=note,
            queue_position=None,
            error=None,
        )


def _more_than_asked(listed: int, kept: int, asked: int) -> str:
    note = f"The server listed {listed} images for {asked} asked"
    return f"{note}; only the first {kept} were fetched." if kept < listed else f"{note}."
