"""The runner's record of its jobs: every change is committed to the library, then announced.

Submit, poll and download (``submit.py``, ``poll.py``, ``downloads.py``) change a job only
through here, so a listener never hears of a state the library does not hold, and a problem is
always stored with its kind (``failures.py``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from seedream_desktop.core.jobs.events import EventHub, EventKind, JobEvent
from seedream_desktop.core.jobs.failures import Failure
from seedream_desktop.core.library import Library
from seedream_desktop.core.models import ErrorKind, ImageRecord, JobRecord, JobState

if TYPE_CHECKING:
    from PySide6.QtGui import QImage


def now() -> datetime:
    return datetime.now(UTC)


def has_problem(job: JobRecord) -> bool:
    return job.error is not None or job.error_kind is not None


class JobBook:
    def __init__(self, library: Library, events: EventHub) -> None:
        self.library = library
        self.events = events

    def require(self, job_id: int) -> JobRecord:
        job = self.library.get_job(job_id)
        if job is None:
            raise KeyError(f"No job {job_id} in the library")
        return job

    def update(self, job: JobRecord, **changes: object) -> JobRecord:
        updated = self.library.update_job(job.id, **changes)  # type: ignore[arg-type]
        self.publish(updated)
        return updated

    def publish(self, job: JobRecord) -> None:
        self.events.publish(JobEvent(EventKind.JOB_CHANGED, job))

    def fail(
        self, job: JobRecord, state: JobState, failure: Failure, **changes: object
    ) -> JobRecord:
        """Stop the job in ``state`` with the failure's kind and detail stored beside it."""
        if state.is_terminal:
            changes["finished_at"] = now()
        return self.problem(job, failure, state=state, **changes)

    def problem(self, job: JobRecord, failure: Failure, **changes: object) -> JobRecord:
        """Store a problem on the job (one that stopped it, or one it waits out)."""
        return self.update(job, error=failure.detail, error_kind=failure.kind, **changes)

    def cancelled(self, job: JobRecord) -> JobRecord:
        return self.update(
            job,
            state=JobState.CANCELLED,
            queue_position=None,
            error=None,
            error_kind=ErrorKind.CANCELLED,
            finished_at=now(),
        )

    def image_stored(self, image: ImageRecord, thumbnail: QImage | None = None) -> None:
        # The library counted the job's images in the commit that stored this one.
        job = self.require(image.job_id)
        self.publish(job)
        # With the runner's thumbnail, so the grid neither decodes the full image a second
        # time nor reads back the thumbnail file.
        self.events.publish(JobEvent(EventKind.IMAGE_ADDED, job, image, thumbnail))
