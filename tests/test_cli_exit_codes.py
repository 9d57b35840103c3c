"""The command line's exit code: from the job's state and the stored kind of what stopped it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from seedream_desktop.api.params import GenerationParams
from seedream_desktop.cli.jobs import _exit_code
from seedream_desktop.cli.output import ExitCode
from seedream_desktop.core.models import ErrorKind, JobRecord, JobState


def job(state: JobState, kind: ErrorKind | None = None) -> JobRecord:
    params = GenerationParams.from_description("a fox", count=1)
    created = datetime(2026, 5, 1, tzinfo=UTC)
    return JobRecord(id=1, params=params, state=state, created_at=created, error_kind=kind)


@pytest.mark.parametrize(
    ("state", "kind", "code"),
    [
        (JobState.DONE, None, ExitCode.OK),
        (JobState.PAUSED, ErrorKind.TOKEN_REJECTED, ExitCode.TOKEN_REJECTED),
        (JobState.FAILED, ErrorKind.TOKEN_REJECTED, ExitCode.TOKEN_REJECTED),
        (JobState.PAUSED, ErrorKind.UNEXPECTED, ExitCode.UNEXPECTED),
        (JobState.FAILED, ErrorKind.BALANCE, ExitCode.BALANCE_EXHAUSTED),
        (JobState.OUTCOME_UNKNOWN, ErrorKind.OUTCOME_UNKNOWN, ExitCode.OUTCOME_UNKNOWN),
        (JobState.DOWNLOAD_FAILED, ErrorKind.LIBRARY, ExitCode.DOWNLOAD_FAILED),
        (JobState.FAILED, ErrorKind.RATE_LIMITED, ExitCode.NETWORK),
        (JobState.FAILED, ErrorKind.SERVER, ExitCode.NETWORK),
        (JobState.FAILED, ErrorKind.MODEL_FAILED, ExitCode.JOB_FAILED),
        (JobState.FAILED, None, ExitCode.JOB_FAILED),  # a row from before kinds were kept
        (JobState.CANCELLED, ErrorKind.CANCELLED, ExitCode.JOB_FAILED),
    ],
)
def test_exit_code_by_state_and_kind(state: JobState, kind: ErrorKind | None, code: int) -> None:
    assert _exit_code(job(state, kind)) == code
