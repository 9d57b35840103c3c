"""Conversions between database rows and the domain records."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import types
import typing
from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal
from enum import Enum

from seedream_desktop.api.models import ImageFormat
from seedream_desktop.api.money import amount
from seedream_desktop.api.params import AspectRatio, GenerationParams, PromptMode
from seedream_desktop.core.models import ErrorKind, Flag, ImageRecord, JobRecord, JobState
from seedream_desktop.core.paths import LibraryPaths

# Fixed width (microseconds always written) so that text order equals time order in indexes.
_TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"

#: The job columns that hold the request, one per ``GenerationParams`` field and named like it:
#: a field added to the params is stored and read back, or (without its migration) every query
#: fails at once — it is never silently dropped.
PARAM_COLUMNS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(GenerationParams))
_PARAM_TYPES = typing.get_type_hints(GenerationParams)
JOB_COLUMNS = ", ".join(
    (
        "id",
        *PARAM_COLUMNS,
        "state, request_id, queue_position, error, error_kind, note, cost, created_at",
        "submitted_at, finished_at, result_urls, images_done",
    )
)
# For ``FROM images i JOIN jobs j``: what an ImageRecord shows beside the image.
IMAGE_COLUMNS = (
    "i.id, i.job_id, i.idx, i.path, i.format, i.width, i.height, i.byte_size, i.sha256, "
    "i.created_at, j.prompt, j.aspect, j.mode, j.seed, j.request_id, j.styles, i.flag, "
    "i.rating, j.cost"
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


def cost_to_db(cost: Decimal) -> str:
    # The column is REAL: SQLite stores the text as the nearest double, and cost_from_db gives
    # back the same short decimal (the double's shortest repr).
    return str(cost)


def cost_from_db(value: object) -> Decimal | None:
    """A stored cost; a value no server should have sent (negative, not finite) is unknown."""
    return amount(value)


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
        error_kind=_error_kind(row["error_kind"]),
        note=row["note"],
        cost=cost_from_db(row["cost"]),
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
        styles=tuple(json.loads(row["styles"])),
        flag=_flag(row["flag"]),
        rating=row["rating"],
        job_cost=cost_from_db(row["cost"]),
    )


def params_to_db(params: GenerationParams) -> dict[str, object]:
    """The request's columns and values (an enum by its value, a tuple as a JSON list)."""
    return {name: _to_db(getattr(params, name)) for name in PARAM_COLUMNS}


def _to_db(value: object) -> object:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return json.dumps(list(value), ensure_ascii=False)
    return value


def _stored_params(row: sqlite3.Row) -> GenerationParams:
    """The parameters exactly as they were sent, without validating them again.

    They passed validation when the job was made; a stricter rule in a later version (a new
    prompt limit, a smarter count check) must not make the jobs someone paid for unreadable.
    """
    params = object.__new__(GenerationParams)
    for name in PARAM_COLUMNS:
        object.__setattr__(params, name, _from_db(_PARAM_TYPES[name], row[name]))
    return params


def _from_db(annotation: object, value: object) -> object:
    """A stored value as the field's type: an enum from its value, a tuple from its JSON list,
    anything else as it is."""
    if value is None:
        return None
    if typing.get_origin(annotation) is tuple:
        return tuple(json.loads(str(value)))
    options = typing.get_args(annotation) if isinstance(annotation, types.UnionType) else ()
    for candidate in (annotation, *options):
        if isinstance(candidate, type) and issubclass(candidate, Enum):
            return candidate(value)
    return value


def _error_kind(value: str | None) -> ErrorKind | None:
    if value is None:
        return None
    try:
        return ErrorKind(value)
    except ValueError:  # written by a newer version that knows more kinds
        return ErrorKind.UNEXPECTED


def _flag(value: str) -> Flag:
    try:
        return Flag(value)
    except ValueError:  # written by a newer version that knows more verdicts
        return Flag.NONE
