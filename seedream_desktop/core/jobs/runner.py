"""Runs generation jobs so that no paid image is ever lost.

Order of durability (``design.md`` → "Data that must never be lost"):
1. the job row is committed before the submit POST (state ``WAITING`` → ``SUBMITTING``);
2. the request id is committed the moment the POST answers;
3. result URLs are committed as soon as the result arrives, and every image is downloaded at once
   into a temp file, renamed into place whole, and decoded before its row is written (a file that
   fails is removed; one that passed but lost its row in a crash is adopted on resume);
4. on start every unfinished job resumes; a job found in ``SUBMITTING`` may have been charged
   without us knowing its id, so it becomes ``OUTCOME_UNKNOWN`` — kept and shown, never dropped.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path
from typing import TypeVar

from seedream_desktop.api.client import RunComfyClient
from seedream_desktop.api.errors import (
    ApiError,
    DownloadExpiredError,
    NetworkError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    SubmitOutcomeUnknownError,
    TokenRejectedError,
)
from seedream_desktop.api.models import CancelOutcome, ImageFormat, RemoteStatus, ResultResponse
from seedream_desktop.api.params import GenerationParams
from seedream_desktop.core.imagecheck import ImageCheckError
from seedream_desktop.core.jobs.events import EventHub, EventKind, JobEvent, Listener
from seedream_desktop.core.jobs.failures import Failure, failure_of, one_line
from seedream_desktop.core.jobs.polling import PollSchedule
from seedream_desktop.core.jobs.slots import JobSlots
from seedream_desktop.core.library import Library
from seedream_desktop.core.models import ErrorKind, ImageRecord, JobRecord, JobState
from seedream_desktop.core.thumbnails import DEFAULT_MAX_SIDE, verify_with_thumbnail

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
Answer = TypeVar("Answer")

DOWNLOAD_ATTEMPTS = 3
PARALLEL_DOWNLOADS = 4
# 429 on submit: the server refused it, so waiting and sending it again is safe.
SUBMIT_BUSY_ATTEMPTS = 3
SUBMIT_GRACE = 35.0  # seconds shutdown waits for a submit in flight (the read timeout is 30)
RESULT_PATIENCE = 10  # unfinished results after "completed" before the job says it is waiting


class CancelResult(Enum):
    CANCELLED = "cancelled"
    NOT_CANCELLABLE = "not_cancellable"  # already running or finished on the server
    NOT_YET = "not_yet"  # the submit is in flight: its id is not known yet

    @property
    def message(self) -> str:
        return {
            CancelResult.CANCELLED: "Job cancelled.",
            CancelResult.NOT_CANCELLABLE: "This job is already running and can't be cancelled.",
            CancelResult.NOT_YET: "The job is being submitted — try cancelling again in a moment.",
        }[self]


@dataclass(frozen=True, slots=True)
class RunnerOptions:
    jobs_at_once: int = 3
    poll: PollSchedule = field(default_factory=PollSchedule)
    download_attempts: int = DOWNLOAD_ATTEMPTS
    download_retry_delay: float = 2.0
    thumbnail_size: int = DEFAULT_MAX_SIDE


# Server states that move the job along while polling; others (UNKNOWN) keep what it shows.
_LOCAL_STATE = {RemoteStatus.QUEUED: JobState.QUEUED, RemoteStatus.RUNNING: JobState.RUNNING}


def _now() -> datetime:
    return datetime.now(UTC)


class JobRunner:
    """Owns one asyncio task per active job. Lives on the event loop thread (GUI or CLI)."""

    def __init__(
        self,
        library: Library,
        client: RunComfyClient,
        options: RunnerOptions | None = None,
        *,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._library = library
        self._client = client
        self._options = options or RunnerOptions()
        self._sleep = sleep
        self._slots = JobSlots(self._options.jobs_at_once)
        self._tasks: dict[int, asyncio.Task[None]] = {}
        self._events = EventHub()
        self._posts: set[asyncio.Task[JobRecord]] = set()
        self._closing = False

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
        for job in self._library.unfinished_jobs():
            if job.state is JobState.PAUSED:
                job = self._unpause(job)
            elif job.state is JobState.DOWNLOAD_FAILED:
                job = self._update(job, state=JobState.DOWNLOADING, error=None)
            elif job.state is JobState.SUBMITTING:
                # The POST may have reached the server; resending could charge twice.
                job = self._update(
                    job,
                    state=JobState.OUTCOME_UNKNOWN,
                    error="The app stopped while submitting: the server may have accepted and "
                    "charged this job, but its id was never received.",
                    error_kind=ErrorKind.OUTCOME_UNKNOWN,
                    finished_at=_now(),
                )
                continue
            self._sweep_partial_files(job)
            self._start(job)
            resumed.append(job)
        return resumed

    def abandon_unfinished(self, reason: str) -> list[JobRecord]:
        """End every unfinished job with ``reason`` (for a server that forgot them all)."""
        return [
            self._update(
                job,
                state=JobState.FAILED,
                error=reason,
                error_kind=ErrorKind.ABANDONED,
                finished_at=_now(),
            )
            for job in self._library.unfinished_jobs()
        ]

    def enqueue(self, params: GenerationParams) -> JobRecord:
        """Write the job row (before any network) and start it when a slot is free."""
        job = self._library.create_job(params)
        self._publish(job)
        self._start(job)
        return job

    async def cancel(self, job_id: int) -> CancelResult:
        job = self._require(job_id)
        if job.request_id is None and job.state in (JobState.WAITING, JobState.PAUSED):
            # Never sent (or refused): stop it here, nothing to ask the server.
            await self._stop_task(job_id)
            job = self._require(job_id)
            if job.state in (JobState.WAITING, JobState.PAUSED):
                self._cancelled(job)
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
        self._cancelled(self._require(job_id))
        return CancelResult.CANCELLED

    def retry_download(self, job_id: int) -> JobRecord:
        job = self._require(job_id)
        if job.state is not JobState.DOWNLOAD_FAILED:
            return job
        job = self._update(job, state=JobState.DOWNLOADING, error=None)
        self._start(job)
        return job

    def resume_paused(self) -> list[JobRecord]:
        """After a new token was given: every job paused on a rejected token continues."""
        resumed = []
        for job in self._library.jobs_in_states([JobState.PAUSED]):
            job = self._unpause(job)
            self._start(job)
            resumed.append(job)
        return resumed

    def _unpause(self, job: JobRecord) -> JobRecord:
        # With a request id the server has the job: poll it. Without one it was never accepted.
        state = JobState.QUEUED if job.request_id else JobState.WAITING
        return self._update(job, state=state, error=None)

    async def wait_for(self, job_id: int) -> JobRecord:
        """Until the job stops moving: terminal, paused, or its download failed."""
        task = self._tasks.get(job_id)
        if task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        return self._require(job_id)

    async def wait_idle(self) -> None:
        while tasks := [t for t in self._tasks.values() if not t.done()]:
            await asyncio.gather(*tasks, return_exceptions=True)

    async def shutdown(self) -> None:
        """Stop working; every job stays in a state the next start resumes from.

        A submit in flight is waited for (up to ``SUBMIT_GRACE`` seconds) so its request id is
        recorded: cancelling it could leave a charged job we can never find again.
        """
        self._closing = True
        if self._posts:
            log.info("Waiting for %d submit(s) to be confirmed before stopping", len(self._posts))
            await asyncio.wait(self._posts, timeout=SUBMIT_GRACE)
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
        task = asyncio.get_running_loop().create_task(self._run(job.id), name=f"job-{job.id}")
        self._tasks[job.id] = task

    async def _run(self, job_id: int) -> None:
        try:
            async with self._slots.slot():
                job = self._require(job_id)
                if job.state is JobState.WAITING:
                    job = await self._submit(job)
                if job.state in (JobState.QUEUED, JobState.RUNNING):
                    job = await self._poll(job)
                if job.state is JobState.DOWNLOADING:
                    await self._download_all(job)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            # Not an expected failure (a bug, or the library's disk): keep the job resumable,
            # log the trace, store its kind and one clean line.
            log.exception("Job %s stopped on an unexpected error", job_id)
            job = self._require(job_id)
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
            self._fail(job, fallback, failure_of(exc))

    # ---- submit ----------------------------------------------------------------------------

    async def _submit(self, job: JobRecord) -> JobRecord:
        for attempt in range(1, SUBMIT_BUSY_ATTEMPTS + 1):
            job = self._update(job, state=JobState.SUBMITTING, error=None)
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
                if attempt == SUBMIT_BUSY_ATTEMPTS:
                    return self._fail(job, JobState.FAILED, failure_of(exc))
                job = self._problem(job, failure_of(exc), state=JobState.WAITING)
                wait = getattr(exc, "retry_after", None) or 5.0 * attempt
                await self._sleep(min(wait, 60.0))
                continue
            except SubmitOutcomeUnknownError as exc:
                return self._fail(job, JobState.OUTCOME_UNKNOWN, failure_of(exc))
            except TokenRejectedError as exc:
                return self._fail(job, JobState.PAUSED, failure_of(exc))
            except NetworkError as exc:
                if exc.request_sent:
                    unknown = Failure(ErrorKind.OUTCOME_UNKNOWN, exc.user_message)
                    return self._fail(job, JobState.OUTCOME_UNKNOWN, unknown)
                return self._fail(job, JobState.FAILED, failure_of(exc))
            except ApiError as exc:
                return self._fail(job, JobState.FAILED, failure_of(exc))
        raise AssertionError("unreachable")

    async def _post(self, job: JobRecord) -> JobRecord:
        answer = await self._client.submit(job.params)
        # In the log first: should the write below fail, the id of a paid job is still on record.
        log.info("Job %s accepted as request %s", job.id, answer.request_id)
        return self._update(
            job,
            state=JobState.QUEUED,
            request_id=answer.request_id,
            submitted_at=_now(),
            error=None,
        )

    # ---- poll ------------------------------------------------------------------------------

    async def _ask(
        self, job: JobRecord, question: Callable[[str], Awaitable[Answer]]
    ) -> tuple[JobRecord, Answer | None]:
        """Ask the server about a submitted job until it answers; ``None`` if the job ended."""
        assert job.request_id is not None
        while True:
            try:
                return job, await question(job.request_id)
            except TokenRejectedError as exc:
                return self._fail(job, JobState.PAUSED, failure_of(exc)), None
            except (NotFoundError, PermissionDeniedError) as exc:
                return self._fail(job, JobState.FAILED, failure_of(exc)), None
            except ApiError as exc:
                # Already retried by the client: the service or network is down for a while.
                # Say so on the job and keep trying; nothing is lost by waiting.
                job = self._problem(job, failure_of(exc))
                await self._sleep(self._options.poll.after_error)

    async def _poll(self, job: JobRecord) -> JobRecord:
        interval: float | None = None
        last_seen: tuple[RemoteStatus, int | None] | None = None
        while True:
            job, status = await self._ask(job, self._client.status)
            if status is None:
                return job
            if status.status is RemoteStatus.UNKNOWN and last_seen is None:
                log.info("Job %s: unknown status %r, polling on", job.id, status.raw_status)
            if status.status.is_terminal:
                return await self._fetch_result(job)
            seen = (status.status, status.queue_position)
            if seen != last_seen or _has_problem(job):
                queued = status.status is RemoteStatus.QUEUED
                job = self._update(
                    job,
                    state=_LOCAL_STATE.get(status.status, job.state),
                    queue_position=status.queue_position if queued else None,
                    error=None,
                )
            if last_seen is None or status.status is not last_seen[0]:
                interval = None  # a new phase: look again soon
            last_seen = seen
            interval = self._options.poll.next_interval(interval)
            await self._sleep(interval)

    async def _fetch_result(self, job: JobRecord) -> JobRecord:
        interval: float | None = None
        asked = 0
        while True:
            job, result = await self._ask(job, self._client.result)
            if result is None:
                return job
            if result.status in (RemoteStatus.SUCCEEDED, RemoteStatus.COMPLETED) and (
                result.image_urls or result.status is RemoteStatus.SUCCEEDED
            ):
                return self._accept_result(job, result)
            if result.status is RemoteStatus.FAILED:
                failure = Failure(ErrorKind.MODEL_FAILED, one_line(result.error))
                return self._fail(job, JobState.FAILED, failure, cost=result.cost)
            if result.status is RemoteStatus.CANCELLED:
                return self._cancelled(job)
            # Status said finished but the result is not ready yet: ask again, and say so once
            # the wait is no longer a blink, so the job never sits silently on "Running".
            asked += 1
            if asked == RESULT_PATIENCE:
                job = self._problem(job, Failure(ErrorKind.RESULT_PENDING))
            interval = self._options.poll.next_interval(interval)
            await self._sleep(interval)

    def _accept_result(self, job: JobRecord, result: ResultResponse) -> JobRecord:
        urls = result.image_urls
        if not urls:
            return self._fail(job, JobState.FAILED, Failure(ErrorKind.NO_IMAGES), cost=result.cost)
        note = None
        if len(urls) < job.params.count:
            note = f"{len(urls)} of {job.params.count} images: the model returned fewer than asked."
        return self._update(
            job,
            state=JobState.DOWNLOADING,
            result_urls=urls,
            cost=result.cost,
            note=note,
            queue_position=None,
            error=None,
        )

    # ---- download --------------------------------------------------------------------------

    async def _download_all(self, job: JobRecord) -> None:
        have = {image.index for image in self._library.images_of_job(job.id)}
        missing = [i for i in range(len(job.result_urls)) if i not in have]
        job = self._update(job, images_done=len(have))
        gate = asyncio.Semaphore(PARALLEL_DOWNLOADS)
        refresh: asyncio.Task[None] | None = None
        errors: dict[int, Failure] = {}

        async def fetch(index: int) -> None:
            nonlocal refresh
            async with gate:
                for attempt in range(1, self._options.download_attempts + 1):
                    current = self._require(job.id)
                    if index >= len(current.result_urls):
                        errors[index] = Failure(
                            ErrorKind.DOWNLOAD, "The server no longer lists this image."
                        )
                        return
                    try:
                        image = await self._download_one(current, index)
                    except DownloadExpiredError as exc:
                        errors[index] = failure_of(exc)
                        # CDN links expire: one request for fresh links per job, which every
                        # download that hit an expired link waits for before trying again.
                        if refresh is None and current.request_id:
                            refresh = asyncio.get_running_loop().create_task(
                                self._refresh_urls(current)
                            )
                        if refresh is not None:
                            await refresh
                        continue
                    except (ApiError, ImageCheckError, OSError) as exc:
                        errors[index] = failure_of(exc)
                        if attempt < self._options.download_attempts:
                            await self._sleep(self._options.download_retry_delay * attempt)
                        continue
                    errors.pop(index, None)
                    self._on_image_stored(image)
                    return

        # A TaskGroup, so that a bug in one download stops the others instead of leaving them
        # writing to the library after the job has ended.
        async with asyncio.TaskGroup() as downloads:
            for index in missing:
                downloads.create_task(fetch(index))
        job = self._require(job.id)
        if errors:
            # The words count the images still missing (see wording.job_problem).
            first = next(iter(errors.values()))
            self._fail(job, JobState.DOWNLOAD_FAILED, first)
            return
        self._update(job, state=JobState.DONE, error=None, finished_at=_now())

    async def _download_one(self, job: JobRecord, index: int) -> ImageRecord:
        target = self._library.image_path_for(job.id, index, "")
        adopted = await self._adopt_existing(job, index, target)
        if adopted is not None:
            return adopted
        downloaded = await self._client.download(job.result_urls[index], target.parent, target.name)
        try:
            info = await verify_with_thumbnail(
                self._library.paths,
                downloaded.path,
                downloaded.sha256,
                self._options.thumbnail_size,
            )
        except ImageCheckError:
            downloaded.path.unlink(missing_ok=True)  # never leave a broken file under its name
            raise
        return self._library.add_image(
            job.id,
            index,
            downloaded.path,
            downloaded.format,
            info.width,
            info.height,
            downloaded.byte_size,
            downloaded.sha256,
        )

    async def _adopt_existing(self, job: JobRecord, index: int, target: Path) -> ImageRecord | None:
        """An image renamed into place just before a crash, but never recorded: keep it.

        Its link may have expired since, so fetching it again is not always possible.
        """
        for fmt in ImageFormat:
            path = target.with_name(target.name + fmt.extension)
            if not path.is_file():
                continue
            try:
                digest, size = await asyncio.to_thread(_sha256_and_size, path)
                info = await verify_with_thumbnail(
                    self._library.paths, path, digest, self._options.thumbnail_size
                )
            except (ImageCheckError, OSError):
                path.unlink(missing_ok=True)  # a broken leftover: fetch it again
                continue
            log.info("Job %s: kept image %s found on disk from an earlier run", job.id, index)
            return self._library.add_image(
                job.id, index, path, info.format, info.width, info.height, size, digest
            )
        return None

    async def _refresh_urls(self, job: JobRecord) -> None:
        assert job.request_id is not None
        try:
            result = await self._client.result(job.request_id)
        except ApiError as exc:
            log.info("Job %s: could not refresh image links: %s", job.id, exc.user_message)
            return
        if result.image_urls:
            self._update(job, result_urls=result.image_urls)

    def _on_image_stored(self, image: ImageRecord) -> None:
        job = self._require(image.job_id)
        done = len(self._library.images_of_job(job.id))
        job = self._update(job, images_done=done)
        # Published after the thumbnail is on disk, so the grid reads it instead of decoding
        # the full image a second time.
        self._events.publish(JobEvent(EventKind.IMAGE_ADDED, job, image))

    # ---- helpers ---------------------------------------------------------------------------

    def _sweep_partial_files(self, job: JobRecord) -> None:
        folder = self._library.image_path_for(job.id, 0, "").parent
        if not folder.is_dir():
            return
        # Only this job's temp files: another process may be downloading into the same folder.
        for leftover in folder.glob(f".job-{job.id}-*.part"):
            with contextlib.suppress(OSError):
                leftover.unlink()

    def _require(self, job_id: int) -> JobRecord:
        job = self._library.get_job(job_id)
        if job is None:
            raise KeyError(f"No job {job_id} in the library")
        return job

    def _fail(
        self, job: JobRecord, state: JobState, failure: Failure, **changes: object
    ) -> JobRecord:
        """Stop the job in ``state`` with the failure's kind and detail stored beside it."""
        if state.is_terminal:
            changes["finished_at"] = _now()
        return self._problem(job, failure, state=state, **changes)

    def _problem(self, job: JobRecord, failure: Failure, **changes: object) -> JobRecord:
        """Store a problem on the job (a failure, or one it waits out and keeps trying)."""
        return self._update(job, error=failure.detail, error_kind=failure.kind, **changes)

    def _cancelled(self, job: JobRecord) -> JobRecord:
        return self._update(
            job,
            state=JobState.CANCELLED,
            queue_position=None,
            error=None,
            error_kind=ErrorKind.CANCELLED,
            finished_at=_now(),
        )

    def _update(self, job: JobRecord, **changes: object) -> JobRecord:
        updated = self._library.update_job(job.id, **changes)
        self._publish(updated)
        return updated

    def _publish(self, job: JobRecord) -> None:
        self._events.publish(JobEvent(EventKind.JOB_CHANGED, job))


def _sha256_and_size(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _has_problem(job: JobRecord) -> bool:
    return job.error is not None or job.error_kind is not None
