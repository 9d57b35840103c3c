"""A job in words (the jobs panel and the CLI say the same); errors keep their kind."""

from __future__ import annotations

import errno
from datetime import UTC, datetime, timedelta

import pytest

from seedream_desktop.api import errors
from seedream_desktop.api.params import GenerationParams
from seedream_desktop.core.imagecheck import ImageCheckError
from seedream_desktop.core.jobs.failures import Failure, failure_of
from seedream_desktop.core.jobs.wording import (
    ERROR_WORDING,
    describe_job,
    elapsed_text,
    error_text,
    job_problem,
)
from seedream_desktop.core.library import LibraryError
from seedream_desktop.core.models import ErrorKind, JobRecord, JobState

T0 = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


def job(state: JobState, **fields: object) -> JobRecord:
    params = GenerationParams.from_description("a red fox in snow", count=15)
    values: dict[str, object] = {"created_at": T0, "submitted_at": T0}
    values.update(fields)
    return JobRecord(id=1, params=params, state=state, **values)  # type: ignore[arg-type]


def test_states_read_as_words() -> None:
    assert describe_job(job(JobState.QUEUED, queue_position=0)) == "Queued — next in line"
    assert describe_job(job(JobState.QUEUED, queue_position=3)) == "Queued — position 3 in queue"
    assert describe_job(job(JobState.DOWNLOADING, images_done=4)) == "Downloading 4 of 15"
    assert describe_job(job(JobState.RUNNING)) == "Running — generating 15 images"
    assert describe_job(job(JobState.DONE, images_done=15)) == "Done — 15 images"
    fewer = describe_job(
        job(JobState.DONE, images_done=3, note="3 of 4 images: the model returned fewer")
    )
    assert fewer.endswith("3 of 4 images: the model returned fewer.")


def test_a_problem_reads_by_its_kind_with_its_detail() -> None:
    paused = job(
        JobState.PAUSED,
        error="RunComfy rejected the API token.",
        error_kind=ErrorKind.TOKEN_REJECTED,
    )
    assert describe_job(paused) == "Paused. RunComfy rejected the API token."
    model = job(JobState.FAILED, error="NSFW content", error_kind=ErrorKind.MODEL_FAILED)
    assert job_problem(model) == "The model failed: NSFW content."
    silent = job(JobState.FAILED, error_kind=ErrorKind.MODEL_FAILED)
    assert job_problem(silent) == "The model failed without giving a reason."
    bug = job(JobState.FAILED, error="'NoneType' has no len()", error_kind=ErrorKind.UNEXPECTED)
    assert job_problem(bug) == "Unexpected error: 'NoneType' has no len()."
    # A row from before kinds were stored reads as its text.
    assert job_problem(job(JobState.FAILED, error="network unreachable")) == "Network unreachable."


def test_a_failed_download_counts_the_missing_images() -> None:
    urls = tuple(f"https://cdn.example/{i}.png" for i in range(4))
    broken = job(
        JobState.DOWNLOAD_FAILED,
        result_urls=urls,
        images_done=1,
        error="The disk is full: could not save the file.",
        error_kind=ErrorKind.LIBRARY,
    )
    assert job_problem(broken) == (
        "3 of 4 images could not be saved (The disk is full: could not save the file.). "
        "Use Retry download."
    )
    assert describe_job(broken).startswith("Download failed — retry download (1 of 4 saved). 3")


def test_every_kind_has_words_without_and_with_a_detail() -> None:
    assert set(ERROR_WORDING) == set(ErrorKind)
    for kind in ErrorKind:
        plain = error_text(kind, None)
        assert plain and plain[0].isupper() and plain[-1] in ".…", kind
        assert "{" not in error_text(kind, "some detail"), kind


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (errors.TokenRejectedError("rejected"), ErrorKind.TOKEN_REJECTED),
        (errors.BalanceExhaustedError("top up"), ErrorKind.BALANCE),
        (errors.RateLimitedError("busy", retry_after=3), ErrorKind.RATE_LIMITED),
        (errors.NetworkError("offline", request_sent=False), ErrorKind.NETWORK),
        (errors.ServerError("HTTP 502"), ErrorKind.SERVER),
        (errors.NotFoundError("unknown id"), ErrorKind.NOT_FOUND),
        (errors.PermissionDeniedError("not yours"), ErrorKind.PERMISSION),
        (errors.InvalidRequestError("refused"), ErrorKind.INVALID_REQUEST),
        (errors.ProtocolError("odd json"), ErrorKind.PROTOCOL),
        (errors.SubmitOutcomeUnknownError("maybe charged"), ErrorKind.OUTCOME_UNKNOWN),
        (errors.DownloadExpiredError("expired"), ErrorKind.DOWNLOAD),
        (errors.NotAnImageError("not an image"), ErrorKind.DOWNLOAD),
        (ImageCheckError("cannot decode"), ErrorKind.DOWNLOAD),
        (LibraryError("the database failed"), ErrorKind.LIBRARY),
        (OSError(errno.ENOSPC, "No space left on device", "/x"), ErrorKind.LIBRARY),
        (RuntimeError("a bug\nTraceback (most recent call last):\n  …"), ErrorKind.UNEXPECTED),
        (KeyError(), ErrorKind.UNEXPECTED),
    ],
)
def test_every_error_type_has_a_kind_and_one_clean_line(exc: Exception, kind: ErrorKind) -> None:
    failure = failure_of(exc)
    assert failure.kind is kind
    assert failure.detail and "\n" not in failure.detail and len(failure.detail) <= 200


def test_the_disk_full_detail_is_in_words() -> None:
    failure = failure_of(OSError(errno.ENOSPC, "No space left on device", "/x/img.png"))
    assert failure == Failure(
        ErrorKind.LIBRARY, "The disk is full: could not save the file (/x/img.png)."
    )


def test_elapsed_ticks_while_active_and_says_took_when_done() -> None:
    now = T0 + timedelta(seconds=65)
    assert elapsed_text(job(JobState.RUNNING), now) == "1 min 05 s"
    done = job(JobState.DONE, finished_at=T0 + timedelta(hours=1, minutes=2))
    assert elapsed_text(done, now) == "took 1 h 02 min"
    assert elapsed_text(job(JobState.PAUSED), now) == ""
