"""Every job state and every error kind reads in German in the window, English on the CLI."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtWidgets import QApplication

from seedream_desktop.api.params import GenerationParams
from seedream_desktop.core.jobs.wording import ENGLISH, JobWording
from seedream_desktop.core.models import ErrorKind, JobRecord, JobState
from seedream_desktop.core.paths import LibraryError
from seedream_desktop.core.settings import Language
from seedream_desktop.ui.job_wording import TranslatedJobWording
from seedream_desktop.ui.words import words
from tests.support.language import language

T0 = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
DETAIL = "connection refused by model-api.runcomfy.net"
#: Kinds whose detail is the server's own words, which no translation can change.
SERVER_DETAIL = {ErrorKind.MODEL_FAILED, ErrorKind.UNEXPECTED}


@pytest.fixture
def german(qapp: QApplication) -> Iterator[JobWording]:
    with language(qapp, Language.GERMAN):
        yield TranslatedJobWording()


def job(state: JobState, **fields: object) -> JobRecord:
    params = GenerationParams.from_description("a red fox in snow", count=4)
    values: dict[str, object] = {"created_at": T0, "submitted_at": T0}
    values.update(fields)
    return JobRecord(id=1, params=params, state=state, **values)  # type: ignore[arg-type]


@pytest.mark.parametrize("state", list(JobState))
def test_every_state_reads_in_german(german: JobWording, state: JobState) -> None:
    record = job(state, images_done=1, finished_at=T0 + timedelta(seconds=75))
    assert german.state(state) != ENGLISH.state(state)
    assert german.describe_job(record) != ENGLISH.describe_job(record)
    now = T0 + timedelta(seconds=75)
    assert german.elapsed_text(record, now) != ENGLISH.elapsed_text(record, now)


@pytest.mark.parametrize("kind", list(ErrorKind))
def test_every_error_kind_reads_in_german(german: JobWording, kind: ErrorKind) -> None:
    assert german.error_text(kind, None) != ENGLISH.error_text(kind, None)
    with_detail = german.error_text(kind, DETAIL)
    assert with_detail != ENGLISH.error_text(kind, DETAIL)
    # The app's English prose stays out of the German; the server's own words are kept.
    assert (DETAIL in with_detail) is (kind in SERVER_DETAIL)


def test_a_failed_job_reads_like_german(german: JobWording) -> None:
    failed = job(JobState.FAILED, error=DETAIL, error_kind=ErrorKind.NETWORK)
    assert german.describe_job(failed) == "Fehlgeschlagen. Die Verbindung ist fehlgeschlagen."
    done = job(JobState.DONE, images_done=4)
    assert german.describe_job(done) == "Fertig – 4 Bilder"
    assert ENGLISH.describe_job(done) == "Done — 4 images"


def test_a_full_disk_is_said_in_german(german: JobWording) -> None:
    try:
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError as cause:
            raise LibraryError("The disk is full: could not write the library database.") from cause
    except LibraryError as error:
        shown = words.problem(error)
    assert shown == "Der Datenträger ist voll: In die Bibliothek kann nicht geschrieben werden."
