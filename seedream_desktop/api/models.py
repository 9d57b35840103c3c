"""Typed values the API answers with. Parsing lives in ``responses.py``."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from pathlib import Path


class RemoteStatus(Enum):
    """A job's state on the server, with both vocabularies (status and result) folded in."""

    QUEUED = "queued"  # in_queue, pending, waiting
    RUNNING = "running"  # in_progress, starting, processing
    COMPLETED = "completed"  # status endpoint: finished, success or failure unknown until result
    SUCCEEDED = "succeeded"  # result endpoint: images available
    FAILED = "failed"
    CANCELLED = "cancelled"  # cancelled, canceled
    UNKNOWN = "unknown"  # a value the API documentation does not list: keep polling

    @property
    def is_terminal(self) -> bool:
        return self in (
            RemoteStatus.COMPLETED,
            RemoteStatus.SUCCEEDED,
            RemoteStatus.FAILED,
            RemoteStatus.CANCELLED,
        )


class CancelOutcome(Enum):
    CANCELLED = "cancelled"
    NOT_CANCELLABLE = "not_cancellable"


class ImageFormat(Enum):
    PNG = "png"
    JPEG = "jpeg"
    WEBP = "webp"

    @property
    def extension(self) -> str:
        return ".jpg" if self is ImageFormat.JPEG else f".{self.value}"


@dataclass(frozen=True, slots=True)
class SubmitResponse:
    request_id: str
    status_url: str | None = None
    result_url: str | None = None
    cancel_url: str | None = None


@dataclass(frozen=True, slots=True)
class StatusResponse:
    request_id: str
    status: RemoteStatus
    raw_status: str
    queue_position: int | None = None


@dataclass(frozen=True, slots=True)
class ResultResponse:
    request_id: str
    status: RemoteStatus
    raw_status: str
    image_urls: tuple[str, ...] = ()  # at most COUNT_MAX, the model's limit
    images_listed: int = 0  # how many distinct links the answer held, beyond the limit too
    error: str | None = None
    cost: Decimal | None = None  # finite and >= 0, else unknown
    created_at: str | None = None
    finished_at: str | None = None


@dataclass(frozen=True, slots=True)
class DownloadedImage:
    path: Path
    format: ImageFormat
    byte_size: int
    sha256: str
