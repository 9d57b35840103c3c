"""Domain values of the library and the job runner (no Qt, no I/O)."""

from __future__ import annotations

from dataclasses import dataclass, replace
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


class Flag(Enum):
    """A designer's verdict on one image. ``value`` is what the library stores: never rename."""

    NONE = "none"
    PICKED = "picked"
    REJECTED = "rejected"


RATING_MIN = 0  # no stars: not rated
RATING_MAX = 5


def stars(rating: int) -> str:
    """★★★☆☆ for 3: a rating as the tiles, the viewer and the contact sheet show it."""
    return "★" * rating + "☆" * (RATING_MAX - rating)


def validate_rating(rating: int) -> int:
    """``rating`` if it is a whole number of stars from 0 to 5, else ``ValueError``."""
    if isinstance(rating, bool) or not isinstance(rating, int):
        raise ValueError(f"A rating is a whole number of stars, not {rating!r}.")
    if not RATING_MIN <= rating <= RATING_MAX:
        raise ValueError(f"A rating is {RATING_MIN} to {RATING_MAX} stars, not {rating}.")
    return rating


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
    flag: Flag = Flag.NONE
    rating: int = 0  # stars, 0 (not rated) to 5
    job_cost: Decimal | None = None  # what its whole job was charged, once the server said


@dataclass(frozen=True, slots=True)
class ImageQuery:
    """A filter over the library. Empty fields match everything.

    ``since`` is inclusive and ``until`` exclusive; naive datetimes are local time.
    """

    text: str = ""  # words searched in the prompt; a whole word also matches a seed or request id
    aspect: AspectRatio | None = None
    mode: PromptMode | None = None
    since: datetime | None = None
    until: datetime | None = None
    job_id: int | None = None
    picked_only: bool = False
    hide_rejected: bool = False
    min_rating: int = 0

    def __post_init__(self) -> None:
        validate_rating(self.min_rating)


class ChangeKind(Enum):
    CURATED = "curated"  # the flag or rating of ``image_ids`` changed
    JOB_DELETED = "job_deleted"  # job ``job_id`` and its images ``image_ids`` are gone


@dataclass(frozen=True, slots=True)
class LibraryChange:
    """What the library announces after a change it did not get from the job runner."""

    kind: ChangeKind
    image_ids: tuple[int, ...]
    flag: Flag | None = None  # CURATED: the new flag, if the flag was set
    rating: int | None = None  # CURATED: the new rating, if the rating was set
    job_id: int | None = None

    def applied_to(self, image: ImageRecord) -> ImageRecord:
        """``image`` as it is after this change (unchanged if the change is not about it)."""
        if self.kind is not ChangeKind.CURATED or image.id not in self.image_ids:
            return image
        if self.flag is not None:
            image = replace(image, flag=self.flag)
        if self.rating is not None:
            image = replace(image, rating=self.rating)
        return image


class SeriesProblem(Enum):
    """Why a finished series looks wrong; the window words each kind."""

    FEWER_THAN_ASKED = "fewer_than_asked"  # e.g. 3 of 4: the model returned fewer
    ONE_FOR_MANY = "one_for_many"  # one image for several asked: likely all views as panels
    OFF_PRESET_SIZE = "off_preset_size"  # an image's pixel size is not the preset's


@dataclass(frozen=True, slots=True)
class Series:
    """One job as a section of the library: the header's facts and its images in order."""

    job: JobRecord
    images: tuple[ImageRecord, ...]  # those that match the query, in series order
    returned: int  # every image of the job in the library, matching or not
    off_preset: int  # how many of those differ from the aspect preset's pixel size

    @classmethod
    def of(
        cls, job: JobRecord, images: tuple[ImageRecord, ...], sizes: list[tuple[int, int]]
    ) -> Series:
        """``sizes``: (width, height) of every image of the job."""
        preset = job.params.aspect.pixel_size
        return cls(job, images, len(sizes), sum(1 for size in sizes if size != preset))

    @property
    def asked(self) -> int:
        return self.job.params.count

    @property
    def problems(self) -> tuple[SeriesProblem, ...]:
        """What looks wrong, once the job is done (a running job is still filling in)."""
        if self.job.state is not JobState.DONE:
            return ()
        found = []
        if self.returned == 1 and self.asked > 1:
            found.append(SeriesProblem.ONE_FOR_MANY)
        elif self.returned < self.asked:
            found.append(SeriesProblem.FEWER_THAN_ASKED)
        if self.off_preset:
            found.append(SeriesProblem.OFF_PRESET_SIZE)
        return tuple(found)
