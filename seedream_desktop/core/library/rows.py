"""Conversions between database rows and the domain records."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime

from seedream_desktop.api.models import ImageFormat
from seedream_desktop.api.params import AspectRatio, GenerationParams, PromptMode
from seedream_desktop.core.models import ImageRecord, JobRecord, JobState
from seedream_desktop.core.paths import LibraryPaths

# Fixed width (microseconds always written) so that text order equals time order in indexes.
_TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"

JOB_COLUMNS = (
    "id, prompt, count, aspect, mode, seed, state, request_id, queue_position, error, note, "
    "cost, created_at, submitted_at, finished_at, result_urls, images_done"
)
# For ``FROM images i JOIN jobs j``: what an ImageRecord shows beside the image.
IMAGE_COLUMNS = (
    "i.id, i.job_id, i.idx, i.path, i.format, i.width, i.height, i.byte_size, i.sha256, "
    "i.created_at, j.prompt, j.aspect, j.mode, j.seed, j.request_id"
)


def now() -> datetime:
    return datetime.now(UTC)


def to_db_time(moment: datetime) -> str:
    """UTC text for the database; a naive ``moment`` is taken as local time."""
    return moment.astimezone(UTC).strftime(_TIME_FORMAT)


def from_db_time(text: str) -> datetime:
    # fromisoformat reads the trailing "Z" as UTC (Python 3.11+) and is 100× faster than strptime.
    return datetime.fromisoformat(text)


def optional_time(text: str | None) -> datetime | None:
    return None if text is None else from_db_time(text)


def urls_to_db(urls: Sequence[str]) -> str:
    return json.dumps(list(urls))


def job_from_row(row: sqlite3.Row) -> JobRecord:
    return JobRecord(
        id=row["id"],
        params=_stored_params(row),
        state=JobState(row["state"]),
        created_at=from_db_time(row["created_at"]),
        request_id=row["request_id"],
        queue_position=row["queue_position"],
        error=row["error"],
        note=row["note"],
        cost=row["cost"],
        submitted_at=optional_time(row["submitted_at"]),
        finished_at=optional_time(row["finished_at"]),
        result_urls=tuple(json.loads(row["result_urls"])),
        images_done=row["images_done"],
    )


def image_from_row(row: sqlite3.Row, paths: LibraryPaths) -> ImageRecord:
    return ImageRecord(
        id=row["id"],
        job_id=row["job_id"],
        index=row["idx"],
        path=paths.absolute(row["path"]),
        format=ImageFormat(row["format"]),
        width=row["width"],
        height=row["height"],
        byte_size=row["byte_size"],
        sha256=row["sha256"],
        created_at=from_db_time(row["created_at"]),
        prompt=row["prompt"],
        aspect=AspectRatio(row["aspect"]),
        mode=PromptMode(row["mode"]),
        seed=row["seed"],
        request_id=row["request_id"],
    )


def _stored_params(row: sqlite3.Row) -> GenerationParams:
    """The parameters exactly as they were sent, without validating them again.

    They passed validation when the job was made; a stricter rule in a later version (a new
    prompt limit, a smarter count check) must not make the jobs someone paid for unreadable.
    """
    params = object.__new__(GenerationParams)
    for name, value in (
        ("prompt", row["prompt"]),
        ("count", row["count"]),
        ("aspect", AspectRatio(row["aspect"])),
        ("mode", PromptMode(row["mode"])),
        ("seed", row["seed"]),
    ):
        object.__setattr__(params, name, value)
    return params
