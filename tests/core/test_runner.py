"""The job runner against the emulator over real sockets: every job ends where a designer expects.

Each test drives a real ``Engine`` (library on disk, API client, runner) at an emulator served
on 127.0.0.1 / 127.0.0.2 with sub-second timings.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import sqlite3
from collections.abc import AsyncIterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtGui import QImageReader

from seedream_desktop.api.params import AspectRatio, GenerationParams, PromptMode
from seedream_desktop.api.retry import IMAGE_FETCH, IMAGE_GET, SUBMIT_BUSY
from seedream_desktop.core.engine import DEMO_JOBS_END_MESSAGE, Engine, LibraryBusyError
from seedream_desktop.core.jobs.events import EventKind, JobEvent
from seedream_desktop.core.jobs.polling import PollSchedule
from seedream_desktop.core.jobs.runner import CancelResult, RunnerOptions
from seedream_desktop.core.jobs.wording import job_problem
from seedream_desktop.core.library import Library, LibraryError
from seedream_desktop.core.models import ErrorKind, JobState
from seedream_desktop.core.thumbnails import thumbnail_path
from seedream_desktop.emulator import Emulator, EmulatorConfig
from seedream_desktop.emulator.faults import Endpoint, Fault, FaultSpec
from seedream_desktop.emulator.journal import Origin
from seedream_desktop.wiring import EngineConfig, open_engine
from tests.support.emulator_server import ServedEmulator, serve_emulator
from tests.support.fixtures import TEST_TOKEN
from tests.support.sleeping import QuickSleep
from tests.support.waiting import until

# Every wait of the runner and the client goes through one QuickSleep: no real Retry-After.
FAST_RUNNER = RunnerOptions(
    poll=PollSchedule(initial=0.02, factor=1.5, maximum=0.1), sleep=QuickSleep()
)


class TokenHolder:
    def __init__(self, token: str) -> None:
        self.token = token

    def __call__(self) -> str:
        return self.token


@pytest.fixture
def token() -> TokenHolder:
    return TokenHolder(TEST_TOKEN)


@pytest.fixture
def sleep() -> QuickSleep:
    return QuickSleep()


@pytest.fixture
async def engine(
    served_emulator: ServedEmulator, tmp_path: Path, token: TokenHolder, sleep: QuickSleep
) -> AsyncIterator[Engine]:
    runner = replace(FAST_RUNNER, sleep=sleep)
    engine = open_engine(
        EngineConfig(data_dir=tmp_path, base_url=served_emulator.base_url, runner=runner), token
    )
    yield engine
    await engine.aclose()


def params(
    count: int = 2, aspect: AspectRatio = AspectRatio.WIDE_16_9, **kw: object
) -> GenerationParams:
    return GenerationParams.from_description(
        "a lighthouse at dusk, watercolour", count=count, aspect=aspect, seed=7, **kw
    )


@pytest.mark.parametrize(
    ("count", "aspect"),
    [(1, AspectRatio.SQUARE), (4, AspectRatio.TALL_9_16), (3, AspectRatio.CINEMA_21_9)],
)
async def test_job_end_to_end_stores_decodable_images_of_the_preset_size(
    engine: Engine, count: int, aspect: AspectRatio
) -> None:
    events: list[JobEvent] = []
    thumbs_ready_when_announced: list[bool] = []
    engine.runner.subscribe(events.append)

    def check_thumbnail(event: JobEvent) -> None:
        if event.image is not None:
            thumb = thumbnail_path(
                engine.paths, event.image.sha256, FAST_RUNNER.stored_thumbnail_side
            )
            thumbs_ready_when_announced.append(thumb.is_file())

    engine.runner.subscribe(check_thumbnail)

    job = engine.runner.enqueue(params(count, aspect, mode=PromptMode.STANDARD))
    final = await engine.runner.wait_for(job.id)

    assert final.state is JobState.DONE, final.error
    assert final.request_id and final.submitted_at and final.finished_at
    assert final.images_done == count and final.note is None
    assert final.cost == Decimal("0.03") * count
    images = engine.library.images_of_job(job.id)
    assert [i.index for i in images] == list(range(count))
    for image in images:
        reader = QImageReader(str(image.path))
        size = reader.size()
        assert (size.width(), size.height()) == aspect.pixel_size
        assert not reader.read().isNull()
        assert image.sha256 == hashlib.sha256(image.path.read_bytes()).hexdigest()
        assert image.byte_size == image.path.stat().st_size
        assert image.seed == 7 and image.aspect is aspect
    seen_states = [e.job.state for e in events if e.kind is EventKind.JOB_CHANGED]
    for state in (JobState.SUBMITTING, JobState.QUEUED, JobState.DOWNLOADING, JobState.DONE):
        assert state in seen_states
    assert sum(e.kind is EventKind.IMAGE_ADDED for e in events) == count
    # The grid reads the small thumbnail the moment an image lands, never the full image again.
    assert thumbs_ready_when_announced == [True] * count
    assert not list(engine.paths.root.rglob("*.part"))


async def test_library_row_is_written_before_the_submit_reaches_the_server(
    engine: Engine, served_emulator: ServedEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    emulator = served_emulator.emulator
    seen_by_the_server: list[tuple[str, str | None]] = []
    real_take = emulator.faults.take

    def take(endpoint: Endpoint, token: str | None = None) -> FaultSpec | None:
        # Inside the emulator's submit handler, before it answers: what is on disk right now?
        if endpoint is Endpoint.SUBMIT:
            with contextlib.closing(sqlite3.connect(engine.paths.db_file)) as db:
                seen_by_the_server.extend(db.execute("SELECT state, request_id FROM jobs"))
        return real_take(endpoint, token)

    monkeypatch.setattr(emulator.faults, "take", take)
    job = engine.runner.enqueue(params(1))
    final = await engine.runner.wait_for(job.id)

    assert final.state is JobState.DONE
    assert seen_by_the_server == [(JobState.SUBMITTING.value, None)]


async def test_fewer_images_than_asked_is_a_success_with_a_note(
    engine: Engine, served_emulator: ServedEmulator
) -> None:
    served_emulator.emulator.faults.arm(Endpoint.SUBMIT, Fault.FEWER_IMAGES)
    final = await engine.runner.wait_for(engine.runner.enqueue(params(4)).id)
    assert final.state is JobState.DONE
    assert final.note is not None and "fewer than asked" in final.note
    assert 0 < len(engine.library.images_of_job(final.id)) < 4


@pytest.mark.parametrize("fault", [Fault.FAILED_RUN, Fault.FAILED_RUN_OBJECT])
async def test_failed_run_shows_the_models_reason(
    engine: Engine, served_emulator: ServedEmulator, fault: Fault
) -> None:
    served_emulator.emulator.faults.arm(Endpoint.SUBMIT, fault)
    final = await engine.runner.wait_for(engine.runner.enqueue(params(2)).id)
    assert final.state is JobState.FAILED and final.error_kind is ErrorKind.MODEL_FAILED
    assert job_problem(final).startswith("The model failed")
    assert "Traceback" not in job_problem(final)


async def test_balance_exhausted_fails_with_top_up_message(
    engine: Engine, served_emulator: ServedEmulator
) -> None:
    served_emulator.emulator.faults.arm(Endpoint.SUBMIT, Fault.BALANCE)
    final = await engine.runner.wait_for(engine.runner.enqueue(params(2)).id)
    assert final.state is JobState.FAILED
    assert "top up" in (final.error or "")
    assert final.error_kind is ErrorKind.BALANCE


@pytest.mark.parametrize("fault", [Fault.SERVER_ERROR, Fault.UNAVAILABLE, Fault.DROP])
async def test_submit_that_may_have_reached_the_server_is_outcome_unknown_and_not_resent(
    engine: Engine, served_emulator: ServedEmulator, fault: Fault
) -> None:
    served_emulator.emulator.faults.arm(Endpoint.SUBMIT, fault)
    final = await engine.runner.wait_for(engine.runner.enqueue(params(2)).id)
    assert final.state is JobState.OUTCOME_UNKNOWN
    assert "charged" in (final.error or "")
    submits = [r for r in served_emulator.emulator.requests() if r.method == "POST"]
    assert len(submits) == 1


async def test_rate_limited_submit_is_waited_out_and_sent_again(
    engine: Engine, served_emulator: ServedEmulator, sleep: QuickSleep
) -> None:
    served_emulator.emulator.faults.arm(
        Endpoint.SUBMIT, FaultSpec(Fault.RATE_LIMITED, seconds=7), times=2
    )
    final = await engine.runner.wait_for(engine.runner.enqueue(params(1)).id)
    assert final.state is JobState.DONE and final.error_kind is None
    submits = [r.status for r in served_emulator.emulator.requests() if r.method == "POST"]
    assert submits == [429, 429, 200]  # refused twice, then sent a third time and accepted
    assert sleep.asked.count(7.0) == 2  # each time after the server's Retry-After


async def test_a_submit_refused_every_time_fails_after_three_tries(
    engine: Engine, served_emulator: ServedEmulator, sleep: QuickSleep
) -> None:
    served_emulator.emulator.faults.arm(Endpoint.SUBMIT, Fault.RATE_LIMITED, times=10)
    final = await engine.runner.wait_for(engine.runner.enqueue(params(1)).id)
    assert final.state is JobState.FAILED and final.error_kind is ErrorKind.RATE_LIMITED
    submits = [r for r in served_emulator.emulator.requests() if r.method == "POST"]
    assert len(submits) == SUBMIT_BUSY.attempts == 3


@pytest.mark.parametrize(
    ("endpoint", "fault"),
    [
        (Endpoint.STATUS, Fault.RATE_LIMITED),
        (Endpoint.STATUS, Fault.UNAVAILABLE),
        (Endpoint.STATUS, Fault.UNKNOWN_STATUS),
        (Endpoint.STATUS, Fault.SLOW),
        (Endpoint.RESULT, Fault.SERVER_ERROR),
        (Endpoint.IMAGE, Fault.TRUNCATED_IMAGE),
        (Endpoint.IMAGE, Fault.CORRUPT_IMAGE),
        (Endpoint.IMAGE, Fault.EXPIRED_URL),
        (Endpoint.IMAGE, Fault.DROP),
    ],
)
async def test_passing_faults_are_recovered_and_every_image_arrives_once(
    engine: Engine, served_emulator: ServedEmulator, endpoint: Endpoint, fault: Fault
) -> None:
    served_emulator.emulator.faults.arm(endpoint, fault)
    final = await engine.runner.wait_for(engine.runner.enqueue(params(3)).id)
    assert final.state is JobState.DONE, final.error
    images = engine.library.images_of_job(final.id)
    assert sorted(i.index for i in images) == [0, 1, 2]
    assert not list(engine.paths.root.rglob("*.part"))


async def test_token_rejected_while_polling_pauses_then_resumes_with_a_new_token(
    engine: Engine, served_emulator: ServedEmulator, token: TokenHolder
) -> None:
    def revoke_once_queued(event: JobEvent) -> None:
        if event.job.state is JobState.QUEUED:
            token.token = "rc-wrong-token-0000"

    unsubscribe = engine.runner.subscribe(revoke_once_queued)
    job = engine.runner.enqueue(params(2))
    paused = await engine.runner.wait_for(job.id)
    unsubscribe()
    assert paused.state is JobState.PAUSED and paused.error_kind is ErrorKind.TOKEN_REJECTED
    assert "rejected" in (paused.error or "")

    token.token = TEST_TOKEN
    engine.runner.resume_paused()
    final = await engine.runner.wait_for(job.id)
    assert final.state is JobState.DONE and final.error_kind is None
    assert len(engine.library.images_of_job(job.id)) == 2
    submits = [r for r in served_emulator.emulator.requests() if r.method == "POST"]
    assert len(submits) == 1  # resumed by polling the same request, never submitted again


async def test_cancel_queued_job_and_refuse_running_one(tmp_path: Path) -> None:
    slow = EmulatorConfig(
        tokens=frozenset({TEST_TOKEN}), queue_seconds=0.3, run_seconds=30, per_image_seconds=0
    )
    with Emulator(slow) as emulator, serve_emulator(emulator) as served:
        engine = open_engine(
            EngineConfig(data_dir=tmp_path, base_url=served.base_url, runner=FAST_RUNNER),
            lambda: TEST_TOKEN,
        )
        try:
            running = engine.runner.enqueue(params(1))
            queued = engine.runner.enqueue(params(1))
            await until(
                lambda: engine.library.get_job(running.id).state is JobState.RUNNING,  # type: ignore[union-attr]
                message="the first job never started running",
            )
            first = engine.library.get_job(running.id)
            second = engine.library.get_job(queued.id)
            assert first is not None and second is not None
            assert first.state is JobState.RUNNING and second.state is JobState.QUEUED

            assert await engine.runner.cancel(running.id) is CancelResult.NOT_CANCELLABLE
            assert await engine.runner.cancel(queued.id) is CancelResult.CANCELLED
            cancelled = engine.library.get_job(queued.id)
            assert cancelled is not None and cancelled.state is JobState.CANCELLED
        finally:
            await engine.aclose()


async def test_disk_full_during_download_leaves_the_job_resumable(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    import seedream_desktop.api.download as download

    real_replace = download.os.replace
    # Full for both fetches of both images (IMAGE_FETCH: two per image), then free again.
    failures = {"left": 2 * IMAGE_FETCH.attempts}  # type: ignore[operator]
    renames: list[str] = []

    def full_disk(src: str, dst: str) -> None:
        renames.append(dst)
        if failures["left"] > 0:
            failures["left"] -= 1
            raise OSError(errno.ENOSPC, "No space left on device", dst)
        real_replace(src, dst)

    monkeypatch.setattr(download.os, "replace", full_disk)
    job = engine.runner.enqueue(params(2))
    failed = await engine.runner.wait_for(job.id)
    assert len(renames) == 4 and failures["left"] == 0
    assert failed.state is JobState.DOWNLOAD_FAILED and failed.error_kind is ErrorKind.LIBRARY
    assert "disk is full" in (failed.error or "").lower()
    assert job_problem(failed).startswith("2 of 2 images could not be saved (The disk is full")
    assert not list(engine.paths.root.rglob("*.part"))

    engine.runner.retry_download(job.id)
    final = await engine.runner.wait_for(job.id)
    assert final.state is JobState.DONE
    assert len(engine.library.images_of_job(job.id)) == 2


def test_unwritable_data_folder_gives_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the library folder should be")
    with pytest.raises(LibraryError, match="Cannot write to the library folder"):
        open_engine(EngineConfig(data_dir=blocker, demo=True), lambda: None)


async def test_job_found_mid_submit_after_a_crash_is_kept_as_outcome_unknown(
    engine: Engine,
) -> None:
    job = engine.library.create_job(params(2))
    engine.library.update_job(job.id, state=JobState.SUBMITTING)

    resumed = engine.runner.resume_unfinished()

    assert resumed == []
    stored = engine.library.get_job(job.id)
    assert stored is not None and stored.state is JobState.OUTCOME_UNKNOWN
    assert stored.error_kind is ErrorKind.OUTCOME_UNKNOWN
    assert "charged" in (stored.error or "")


async def test_on_start_paused_jobs_and_failed_downloads_are_tried_again(engine: Engine) -> None:
    paused = engine.library.create_job(params(1))
    engine.library.update_job(paused.id, state=JobState.PAUSED, error="token rejected")
    failed = engine.runner.enqueue(params(2))
    done = await engine.runner.wait_for(failed.id)
    assert done.state is JobState.DONE
    for image in engine.library.images_of_job(failed.id)[1:]:
        image.path.unlink()  # as if the second download never landed
    engine.library.delete_images([i.id for i in engine.library.images_of_job(failed.id)[1:]])
    engine.library.update_job(failed.id, state=JobState.DOWNLOAD_FAILED, error="disk full")

    resumed = {job.id for job in engine.runner.resume_unfinished()}

    assert resumed == {paused.id, failed.id}
    assert (await engine.runner.wait_for(paused.id)).state is JobState.DONE
    final = await engine.runner.wait_for(failed.id)
    assert final.state is JobState.DONE and final.error is None
    assert len(engine.library.images_of_job(failed.id)) == 2


async def test_demo_jobs_left_unfinished_end_with_a_clear_reason_on_the_next_start(
    tmp_path: Path,
) -> None:
    first = open_engine(EngineConfig(data_dir=tmp_path, demo=True), lambda: None)
    job = first.library.create_job(params(2))
    first.library.update_job(job.id, state=JobState.QUEUED, request_id="gone-with-the-emulator")
    await first.aclose()

    second = open_engine(EngineConfig(data_dir=tmp_path, demo=True), lambda: None)
    try:
        assert second.resume_unfinished() == []
        ended = second.library.get_job(job.id)
        assert ended is not None and ended.state is JobState.FAILED
        assert ended.error == DEMO_JOBS_END_MESSAGE
    finally:
        await second.aclose()


async def test_every_expired_link_is_fetched_again_after_one_refresh(
    engine: Engine, served_emulator: ServedEmulator
) -> None:
    served_emulator.emulator.faults.arm(Endpoint.IMAGE, Fault.EXPIRED_URL, times=4)
    final = await engine.runner.wait_for(engine.runner.enqueue(params(4)).id)
    assert final.state is JobState.DONE, final.error
    assert len(engine.library.images_of_job(final.id)) == 4
    results = [r for r in served_emulator.emulator.requests() if r.path.endswith("/result")]
    assert len(results) == 2  # the first result, then one refresh shared by all four downloads


async def test_an_image_renamed_into_place_before_a_crash_is_kept_not_fetched_again(
    engine: Engine, served_emulator: ServedEmulator
) -> None:
    job = engine.runner.enqueue(params(2))
    done = await engine.runner.wait_for(job.id)
    first = engine.library.images_of_job(job.id)[0]
    # As if the app died between the rename and the library row: the row is gone, the file not.
    kept = first.path.read_bytes()
    engine.library.delete_images([first.id])
    first.path.write_bytes(kept)
    engine.library.update_job(job.id, state=JobState.DOWNLOADING)
    served_emulator.emulator.faults.arm(Endpoint.IMAGE, Fault.EXPIRED_URL, times=10)
    image_requests = len(served_emulator.emulator.requests(Origin.IMAGE))

    engine.runner.resume_unfinished()
    final = await engine.runner.wait_for(job.id)

    assert done.state is final.state is JobState.DONE
    assert [i.index for i in engine.library.images_of_job(job.id)] == [0, 1]
    assert engine.library.images_of_job(job.id)[0].path.read_bytes() == kept
    assert len(served_emulator.emulator.requests(Origin.IMAGE)) == image_requests


async def test_quitting_during_a_submit_still_records_its_request_id(
    engine: Engine, served_emulator: ServedEmulator
) -> None:
    served_emulator.emulator.faults.arm(Endpoint.SUBMIT, FaultSpec(Fault.SLOW, seconds=0.5))
    job = engine.runner.enqueue(params(1))
    await until(lambda: engine.library.get_job(job.id).state is JobState.SUBMITTING)  # type: ignore[union-attr]

    await engine.runner.shutdown()

    stored = engine.library.get_job(job.id)
    assert stored is not None and stored.state is JobState.QUEUED
    assert stored.request_id  # the next start polls it instead of calling it "outcome unknown"


async def test_a_job_another_engine_runs_is_left_alone_until_it_lets_go(
    served_emulator: ServedEmulator, tmp_path: Path, token: TokenHolder
) -> None:
    config = EngineConfig(data_dir=tmp_path, base_url=served_emulator.base_url, runner=FAST_RUNNER)
    served_emulator.emulator.faults.arm(Endpoint.STATUS, FaultSpec(Fault.SLOW, seconds=0.3))
    first, second = open_engine(config, token), open_engine(config, token)
    try:
        job = first.runner.enqueue(params(1))
        await until(lambda: first.library.get_job(job.id).request_id)  # type: ignore[union-attr]
        with pytest.raises(LibraryBusyError, match=f"Job {job.id} is being run by another"):
            second.resume_unfinished()
        await first.aclose()  # quits mid-job: the job stays resumable, its lock is let go

        assert [j.id for j in second.resume_unfinished()] == [job.id]
        assert (await second.runner.wait_for(job.id)).state is JobState.DONE
    finally:
        await second.aclose()
    submits = [r for r in served_emulator.emulator.requests() if r.method == "POST"]
    assert len(submits) == 1


async def test_a_bug_stops_the_job_with_its_kind_and_one_clean_line(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(request_id: str) -> None:
        raise RuntimeError("status parser fell over\nTraceback (most recent call last): …")

    monkeypatch.setattr(engine.client, "status", broken)
    final = await engine.runner.wait_for(engine.runner.enqueue(params(1)).id)

    assert final.state is JobState.PAUSED  # resumable: the server still has the job
    assert final.error_kind is ErrorKind.UNEXPECTED
    assert final.error == "status parser fell over Traceback (most recent call last): …"
    assert job_problem(final).startswith("Unexpected error: status parser fell over")


async def test_the_kind_is_stored_with_the_job(
    engine: Engine, served_emulator: ServedEmulator
) -> None:
    served_emulator.emulator.faults.arm(Endpoint.SUBMIT, Fault.BALANCE)
    job = engine.runner.enqueue(params(1))
    await engine.runner.wait_for(job.id)

    with Library.open(engine.paths) as fresh:  # what the next start reads
        stored = fresh.get_job(job.id)
    assert stored is not None and stored.error_kind is ErrorKind.BALANCE
    assert stored.error and "top up" in stored.error


@pytest.mark.parametrize(
    ("fault", "gets", "kind"),
    [
        # Expired: fresh links once, one more fetch, given up (IMAGE_FETCH, two GETs).
        (Fault.EXPIRED_URL, 2, ErrorKind.DOWNLOAD),
        # Cut short: one more whole fetch after a pause, then given up.
        (Fault.TRUNCATED_IMAGE, 2, ErrorKind.DOWNLOAD),
        # Passing trouble that does not pass: the client's GETs only (IMAGE_GET), no more fetches.
        (Fault.SERVER_ERROR, IMAGE_GET.attempts, ErrorKind.SERVER),
    ],
)
async def test_an_image_that_never_arrives_costs_a_bounded_number_of_gets(
    engine: Engine, served_emulator: ServedEmulator, fault: Fault, gets: int, kind: ErrorKind
) -> None:
    served_emulator.emulator.faults.arm(Endpoint.IMAGE, fault, times=1000)
    final = await engine.runner.wait_for(engine.runner.enqueue(params(1)).id)
    assert final.state is JobState.DOWNLOAD_FAILED and final.error_kind is kind
    assert len(served_emulator.emulator.requests(Origin.IMAGE)) == gets
    assert job_problem(final).startswith("1 of 1 image could not be saved")
