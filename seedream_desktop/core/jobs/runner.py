"""Runs generation jobs so that no paid image is ever lost.

Order of durability:
1. the job row is committed before the submit POST (state ``WAITING`` → ``SUBMITTING``);
2. the request id is committed the moment the POST answers;
3. result URLs are committed as soon as the result arrives, and every image is downloaded at once
   into a temp file, renamed into place whole, and decoded before its row is written (a file that
   fails is removed; one that passed but lost its row in a crash is adopted on resume);
4. on start every unfinished job resumes; a job found in ``SUBMITTING`` may have been charged
   without us knowing its id, so it becomes ``OUTCOME_UNKNOWN`` — kept and shown, never dropped.

This module owns the tasks (one per active job) and what a designer asks of them; each phase is
its own module: ``submit.py`` (1, 2), ``poll.py``, ``downloads.py`` (3), and ``book.py`` commits
and announces every change.

A job is touched only while this process holds its lock (``Library.job_locks``): a job another
process runs is left alone and listed in :attr:`JobRunner.left_alone`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

from seedream_desktop.api.client import RunComfyClient
from seedream_desktop.api.models import CancelOutcome
from seedream_desktop.api.params import GenerationParams
from seedream_desktop.api.retry import RetryPolicies, Sleep
from seedream_desktop.core.jobs.book import JobBook, now
from seedream_desktop.core.jobs.downloads import Downloader
from seedream_desktop.core.jobs.events import EventHub, Listener
from seedream_desktop.core.jobs.failures import failure_of
from seedream_desktop.core.jobs.poll import Poller
from seedream_desktop.core.jobs.polling import PollSchedule
from seedream_desktop.core.jobs.slots import JobSlots
from seedream_desktop.core.jobs.submit import Submitter
from seedream_desktop.core.library import Library
from seedream_desktop.core.models import ErrorKind, JobRecord, JobState
from seedream_desktop.core.thumbnails import STORED_THUMBNAIL_SIDE

log = logging.getLogger(__name__)

SUBMIT_GRACE = 35.0  # seconds shutdown waits for a submit in flight (the read timeout is 30)


class CancelResult(Enum):
    CANCELLED = "cancelled"
    NOT_CANCELLABLE = "not_cancellable"  # already running or finished on the server
    NOT_YET = "not_yet"  # the submit is in flight: its id is not known yet


@dataclass(frozen=True, slots=True)
class RunnerOptions:
    """How the runner works. ``retry`` is every retry policy of the app (the client is given the
    same); ``sleep`` is every wait of the runner and the client, so a test can skip them."""

    jobs_at_once: int = 3
    poll: PollSchedule = field(default_factory=PollSchedule)
    retry: RetryPolicies = field(default_factory=RetryPolicies)
    stored_thumbnail_side: int = STORED_THUMBNAIL_SIDE
    sleep: Sleep = field(default=asyncio.sleep, compare=False, repr=False)


class JobRunner:
    """Owns one asyncio task per active job. Lives on the event loop thread (GUI or CLI)."""

    def __init__(
        self,
        library: Library,
        client: RunComfyClient,
        options: RunnerOptions | None = None,
    ) -> None:
        options = options or RunnerOptions()
        self._library = library
        self._client = client
        self._slots = JobSlots(options.jobs_at_once)
        self._tasks: dict[int, asyncio.Task[None]] = {}
        self._events = EventHub()
        self._book = book = JobBook(library, self._events)
        retry, sleep = options.retry, options.sleep
        self._submitter = Submitter(book, client, retry.submit_busy, sleep)
        self._poller = Poller(book, client, options.poll, retry.poll_after_error, sleep)
        self._downloader = Downloader(
            book, client, retry.image_fetch, sleep, options.stored_thumbnail_side
        )
        self._closing = False
        self._left_alone: list[int] = []

    # ---- public API -----------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        return self._events.subscribe(listener)

    @property
    def active_job_ids(self) -> list[int]:
        return [job_id for job_id, task in self._tasks.items() if not task.done()]

    async def set_jobs_at_once(self, limit: int) -> None:
        await self._slots.set_limit(limit)

    def resume_unfinished(self) -> list[JobRecord]:
        """Called once on start: pick up every job a previous run left unfinished.

        Paused jobs and failed downloads are tried again too: the token may have been fixed
        since, and the images were paid for. A still-rejected token pauses them again.
        """
        resumed: list[JobRecord] = []
        for job in self._claim_unfinished():
            if job.state is JobState.PAUSED:
                job = self._unpause(job)
            elif job.state is JobState.DOWNLOAD_FAILED:
                job = self._book.update(job, state=JobState.DOWNLOADING, error=None)
            elif job.state is JobState.SUBMITTING:
                # The POST may have reached the server; resending could charge twice.
                job = self._book.update(
                    job,
                    state=JobState.OUTCOME_UNKNOWN,
                    error="The app stopped while submitting: the server may have accepted and "
                    "charged this job, but its id was never received.",
                    error_kind=ErrorKind.OUTCOME_UNKNOWN,
                    finished_at=now(),
                )
                self._library.job_locks.release(job.id)
                continue
            self._downloader.sweep_partial_files(job)
            self._start(job)
            resumed.append(job)
        return resumed

    def abandon_unfinished(self, reason: str) -> list[JobRecord]:
        """End every unfinished job with ``reason`` (for a server that forgot them all)."""
        ended = []
        for job in self._claim_unfinished():
            ended.append(
                self._book.update(
                    job,
                    state=JobState.FAILED,
                    error=reason,
                    error_kind=ErrorKind.ABANDONED,
                    finished_at=now(),
                )
            )
            self._library.job_locks.release(job.id)
        return ended

    @property
    def left_alone(self) -> list[int]:
        """Ids of the jobs this runner did not touch because another process runs them."""
        return list(self._left_alone)

    def _claim_unfinished(self) -> list[JobRecord]:
        with self._library.job_locks.library_wide():
            unfinished = self._library.unfinished_jobs()
            claimed = [job for job in unfinished if self._library.job_locks.claim(job.id)]
        held = {job.id for job in claimed}
        for job in unfinished:
            if job.id not in held and job.id not in self._left_alone:
                log.info("Job %s is run by another process: left alone", job.id)
                self._left_alone.append(job.id)
        # Read again under the lock: the other process may have moved it on before letting go.
        return [self._book.require(job.id) for job in claimed]

    def enqueue(self, params: GenerationParams) -> JobRecord:
        """Write the job row (before any network) and start it when a slot is free."""
        with self._library.job_locks.library_wide():
            job = self._library.create_job(params)
            self._library.job_locks.claim(job.id)
        self._book.publish(job)
        self._start(job)
        return job

    async def cancel(self, job_id: int) -> CancelResult:
        job = self._book.require(job_id)
        if job.request_id is None and job.state in (JobState.WAITING, JobState.PAUSED):
            # Never sent (or refused): stop it here, nothing to ask the server.
            await self._stop_task(job_id)
            job = self._book.require(job_id)
            if job.state in (JobState.WAITING, JobState.PAUSED):
                self._book.cancelled(job)
                return CancelResult.CANCELLED
        if job.state is JobState.SUBMITTING:
            return CancelResult.NOT_YET
        if job.request_id is None or job.state not in (
            JobState.QUEUED,
            JobState.RUNNING,
            JobState.PAUSED,
        ):
            return CancelResult.NOT_CANCELLABLE
        if await self._client.cancel(job.request_id) is CancelOutcome.NOT_CANCELLABLE:
            return CancelResult.NOT_CANCELLABLE
        await self._stop_task(job_id)
        self._book.cancelled(self._book.require(job_id))
        return CancelResult.CANCELLED

    def retry_download(self, job_id: int) -> JobRecord:
        job = self._book.require(job_id)
        if job.state is not JobState.DOWNLOAD_FAILED or not self._library.job_locks.claim(job_id):
            return job
        job = self._book.update(job, state=JobState.DOWNLOADING, error=None)
        self._start(job)
        return job

    def resume_paused(self) -> list[JobRecord]:
        """After a new token was given: every job paused on a rejected token continues."""
        resumed = []
        for job in self._library.jobs_in_states([JobState.PAUSED]):
            if not self._library.job_locks.claim(job.id):
                continue
            job = self._unpause(job)
            self._start(job)
            resumed.append(job)
        return resumed

    def _unpause(self, job: JobRecord) -> JobRecord:
        # With a request id the server has the job: poll it. Without one it was never accepted.
        state = JobState.QUEUED if job.request_id else JobState.WAITING
        return self._book.update(job, state=state, error=None)

    async def wait_for(self, job_id: int) -> JobRecord:
        """Until the job stops moving: terminal, paused, or its download failed."""
        task = self._tasks.get(job_id)
        if task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        return self._book.require(job_id)

    async def wait_idle(self) -> None:
        while tasks := [t for t in self._tasks.values() if not t.done()]:
            await asyncio.gather(*tasks, return_exceptions=True)

    async def shutdown(self) -> None:
        """Stop working; every job stays in a state the next start resumes from.

        A submit in flight is waited for (up to ``SUBMIT_GRACE`` seconds) so its request id is
        recorded: cancelling it could leave a charged job we can never find again.
        """
        self._closing = True
        await self._submitter.wait_for_posts(SUBMIT_GRACE)
        tasks = list(self._tasks.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    # ---- task plumbing --------------------------------------------------------------------

    async def _stop_task(self, job_id: int) -> None:
        task = self._tasks.get(job_id)
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def _start(self, job: JobRecord) -> None:
        if self._closing:
            return
        running = self._tasks.get(job.id)
        if running is not None and not running.done():
            return
        if not self._library.job_locks.claim(job.id):
            log.info("Job %s is run by another process: left alone", job.id)
            return
        task = asyncio.get_running_loop().create_task(self._run(job.id), name=f"job-{job.id}")
        task.add_done_callback(lambda _: self._library.job_locks.release(job.id))
        self._tasks[job.id] = task

    async def _run(self, job_id: int) -> None:
        try:
            async with self._slots.slot():
                job = self._book.require(job_id)
                if job.state is JobState.WAITING:
                    job = await self._submitter.submit(job)
                if job.state in (JobState.QUEUED, JobState.RUNNING):
                    job = await self._poller.poll(job)
                if job.state is JobState.DOWNLOADING:
                    await self._downloader.download_all(job)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            # Not an expected failure (a bug, or the library's disk): keep the job resumable,
            # log the trace, store its kind and one clean line.
            log.exception("Job %s stopped on an unexpected error", job_id)
            job = self._book.require(job_id)
            if job.state.is_terminal:
                return
            if job.state is JobState.SUBMITTING:
                fallback = JobState.OUTCOME_UNKNOWN
            elif job.result_urls:
                fallback = JobState.DOWNLOAD_FAILED
            elif job.request_id:
                fallback = JobState.PAUSED  # resumable: the server still has it
            else:
                fallback = JobState.FAILED
            self._book.fail(job, fallback, failure_of(exc))
