"""Jobs and the one queue they share; every state is derived from the clock when asked.

Nothing runs in the background: a job's phase is computed from submit times, the queue order
and the clock, so a ``ManualClock`` drives a whole queue deterministically. Jobs start in
submit order (FIFO) on ``workers`` workers, never earlier than ``queue_seconds`` after submit.
"""

from __future__ import annotations

import heapq
import math
import threading
from dataclasses import asdict, dataclass
from enum import Enum
from typing import Any

from seedream_desktop.api.params import GenerationParams
from seedream_desktop.emulator.clock import Clock
from seedream_desktop.emulator.faults import Fault, FaultSpec


class Phase(Enum):
    """``value`` is what the status endpoint says."""

    QUEUED = "in_queue"
    RUNNING = "in_progress"
    FINISHED = "completed"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a run produces once it finishes: ``images`` delivered, or an error."""

    images: int
    error: str | dict[str, Any] | None = None

    @property
    def failed(self) -> bool:
        return self.error is not None


def planned_outcome(count: int, fault: FaultSpec | None) -> Outcome:
    """The outcome of a job asking for ``count`` images under a run fault (if any)."""
    if fault is None:
        return Outcome(count)
    if fault.fault is Fault.FAILED_RUN:
        return Outcome(0, fault.text or "Generation failed: the model could not produce images.")
    if fault.fault is Fault.FAILED_RUN_OBJECT:
        message = fault.text or "Content policy violation detected in the prompt."
        return Outcome(0, {"type": "ModelError", "message": message, "code": "content_policy"})
    if fault.fault is Fault.FEWER_IMAGES:
        delivered = count - 1 if fault.images is None else fault.images
        return Outcome(max(0, min(count, delivered)))
    return Outcome(count)


@dataclass(eq=False, slots=True)
class Job:
    request_id: str
    #: Digest of the submitting token; the token itself is never kept.
    owner: str
    params: GenerationParams
    seed: int
    submitted_at: float
    run_time: float
    outcome: Outcome
    #: A token-bound fault for every download of this job's images.
    image_fault: FaultSpec | None = None
    cancelled_at: float | None = None


@dataclass(frozen=True, slots=True)
class JobView:
    """A job at one instant. ``queue_position`` counts queued jobs ahead (0 = next)."""

    phase: Phase
    queue_position: int | None = None
    started_at: float | None = None
    finished_at: float | None = None


class JobQueue:
    def __init__(self, clock: Clock, *, queue_seconds: float, workers: int) -> None:
        self._clock = clock
        self._queue_seconds = queue_seconds
        self._workers = workers
        self._jobs: dict[str, Job] = {}
        # Served emulators read and cancel on the server thread while tests inspect.
        self._lock = threading.Lock()

    def add(self, job: Job) -> None:
        with self._lock:
            self._jobs[job.request_id] = job

    def get(self, request_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(request_id)

    def jobs(self) -> list[Job]:
        with self._lock:
            return list(self._jobs.values())

    def view(self, job: Job) -> JobView:
        with self._lock:
            return self._views(self._clock.now())[job.request_id]

    def views(self) -> list[tuple[Job, JobView]]:
        with self._lock:
            views = self._views(self._clock.now())
            return [(job, views[job.request_id]) for job in self._jobs.values()]

    def cancel(self, job: Job) -> bool:
        """Cancel a queued job; False when it already runs, finished or was cancelled."""
        with self._lock:
            now = self._clock.now()
            if self._views(now)[job.request_id].phase is not Phase.QUEUED:
                return False
            job.cancelled_at = now
            return True

    def _views(self, now: float) -> dict[str, JobView]:
        free_at = [-math.inf] * self._workers  # a heap of when each worker is next free
        # A cancelled job frees its slot only from the moment it was cancelled; later jobs must
        # not appear to have started before then, or earlier answers would be contradicted.
        floor = -math.inf
        starts: dict[str, float] = {}
        views: dict[str, JobView] = {}
        for job in self._jobs.values():  # dicts keep insertion order: the FIFO
            if job.cancelled_at is not None:
                floor = max(floor, job.cancelled_at)
                views[job.request_id] = JobView(Phase.CANCELLED, finished_at=job.cancelled_at)
                continue
            start = max(job.submitted_at + self._queue_seconds, floor, heapq.heappop(free_at))
            heapq.heappush(free_at, start + job.run_time)
            starts[job.request_id] = start
        queued_ahead = 0
        for request_id, start in starts.items():
            end = start + self._jobs[request_id].run_time
            if now < start:
                views[request_id] = JobView(Phase.QUEUED, queue_position=queued_ahead)
                queued_ahead += 1
            elif now < end:
                views[request_id] = JobView(Phase.RUNNING, started_at=start)
            else:
                views[request_id] = JobView(Phase.FINISHED, started_at=start, finished_at=end)
        return views


@dataclass(frozen=True, slots=True)
class JobSnapshot:
    """A job as tests inspect it (``GET /__emulator/jobs``)."""

    request_id: str
    phase: Phase
    queue_position: int | None
    text: str  # the prompt exactly as it arrived
    count: int
    delivered: int
    failed: bool
    seed: int
    width: int
    height: int

    @classmethod
    def of(cls, job: Job, view: JobView) -> JobSnapshot:
        return cls(
            request_id=job.request_id,
            phase=view.phase,
            queue_position=view.queue_position,
            text=job.params.prompt,
            count=job.params.count,
            delivered=job.outcome.images,
            failed=job.outcome.failed,
            seed=job.seed,
            width=job.params.aspect.width,
            height=job.params.aspect.height,
        )

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "phase": self.phase.value}
