"""Domain values of the library and the job runner (no Qt, no I/O)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path

from seedream_desktop.api.models import ImageFormat
from seedream_desktop.api.params import AspectRatio, GenerationParams, PromptMode


class JobState(Enum):
    """What a designer can follow. ``value`` is what the library stores: never rename a value."""

    WAITING = "waiting"  # row written, submit not started (safe to submit after a restart)
    SUBMITTING = "submitting"  # POST in flight: after a crash this becomes OUTCOME_UNKNOWN
    QUEUED = "queued"
    RUNNING = "running"
    DOWNLOADING = "downloading"
    DONE = "done"
    CANCELLED = "cancelled"
    FAILED = "failed"
    OUTCOME_UNKNOWN = "outcome_unknown"  # the POST may have been charged; no request id known
    PAUSED = "paused"  # token rejected while polling: resumes with a new token
    DOWNLOAD_FAILED = "download_failed"  # images paid for but not fetched: "retry download"

    @property
    def is_terminal(self) -> bool:
        return self in _TERMINAL

    @property
    def is_active(self) -> bool:
        """The runner should be working on it (or resume it on start)."""
        return self in _ACTIVE

    @property
    def label(self) -> str:
        return _LABELS[self]


class ErrorKind(Enum):
    """Why a job failed, paused or is waiting, as the library stores it beside the one-line detail.

    ``value`` is what the library stores: never rename a value. The words for each kind are in
    ``core/jobs/wording.py`` (one table, so a translation can go kind by kind); which error
    becomes which kind is decided in ``core/jobs/failures.py``.
    """

    TOKEN_REJECTED = "token_rejected"  # the job pauses; a new token resumes it
    BALANCE = "balance"  # the RunComfy balance is used up
    RATE_LIMITED = "rate_limited"
    NETWORK = "network"  # no usable answer: connection, DNS, TLS, timeout
    SERVER = "server"  # an HTTP 5xx
    NOT_FOUND = "not_found"  # the server does not know the request id (any more)
    PERMISSION = "permission"  # the request id belongs to another account
    INVALID_REQUEST = "invalid_request"  # the server refused the request itself
    PROTOCOL = "protocol"  # an answer that does not fit the documented API
    OUTCOME_UNKNOWN = "outcome_unknown"  # a submit that may have been accepted and charged
    MODEL_FAILED = "model_failed"  # the server ran the job and the model failed
    NO_IMAGES = "no_images"  # finished, but the server returned no image
    RESULT_PENDING = "result_pending"  # finished on the server, its result not there yet
    DOWNLOAD = "download"  # an image could not be fetched, or was no whole image
    LIBRARY = "library"  # the disk or the library database could not be written
    CANCELLED = "cancelled"
    ABANDONED = "abandoned"  # ended by the app without finishing (demo jobs at the next start)
    UNEXPECTED = "unexpected"  # a bug: the log has the trace


_TERMINAL = frozenset(
    {JobState.DONE, JobState.CANCELLED, JobState.FAILED, JobState.OUTCOME_UNKNOWN}
)
_ACTIVE = frozenset(
    {JobState.WAITING, JobState.SUBMITTING, JobState.QUEUED, JobState.RUNNING, JobState.DOWNLOADING}
)
_LABELS = {
    JobState.WAITING: "Waiting to submit",
    JobState.SUBMITTING: "Submitting",
    JobState.QUEUED: "Queued",
    JobState.RUNNING: "Running",
    JobState.DOWNLOADING: "Downloading",
    JobState.DONE: "Done",
    JobState.CANCELLED: "Cancelled",
    JobState.FAILED: "Failed",
    JobState.OUTCOME_UNKNOWN: "Outcome unknown — may have been charged",
    JobState.PAUSED: "Paused",
    JobState.DOWNLOAD_FAILED: "Download failed — retry download",
}


@dataclass(frozen=True, slots=True)
class JobRecord:
    """One generation request as the library keeps it."""

    id: int
    params: GenerationParams  # params.prompt is the exact text sent
    state: JobState
    created_at: datetime
    request_id: str | None = None
    queue_position: int | None = None
    error: str | None = None  # why it failed / paused: one clean line (see ``error_kind``)
    error_kind: ErrorKind | None = None  # None: no problem, or a row from before kinds were kept
    note: str | None = None  # e.g. "3 of 4 images: the model returned fewer than asked"
    cost: Decimal | None = None  # what the server charged, once it said (finite, >= 0)
    submitted_at: datetime | None = None
    finished_at: datetime | None = None
    result_urls: tuple[str, ...] = ()  # kept so downloads can resume after a restart
    images_done: int = 0

    @property
    def images_expected(self) -> int:
        return len(self.result_urls) if self.result_urls else self.params.count


@dataclass(frozen=True, slots=True)
class ImageRecord:
    """One stored image, with the job fields the grid, viewer and export show beside it."""

    id: int
    job_id: int
    index: int  # 0-based position in the series
    path: Path  # absolute
    format: ImageFormat
    width: int
    height: int
    byte_size: int
    sha256: str
    created_at: datetime
    prompt: str
    aspect: AspectRatio
    mode: PromptMode
    seed: int | None
    request_id: str | None
    styles: tuple[str, ...] = ()  # the names of the styles that were on for its job


@dataclass(frozen=True, slots=True)
class ImageQuery:
    """A filter over the library. Empty fields match everything."""

    text: str = ""  # words searched in the prompt
    aspect: AspectRatio | None = None
    since: datetime | None = None
    until: datetime | None = None
    job_id: int | None = None
