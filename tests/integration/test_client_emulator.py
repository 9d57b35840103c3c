"""The real client against the emulator over real sockets: the happy path and every fault.

Each fault must end in the typed error a designer gets a sensible message from, or in the
recovery the API documentation allows (GETs retried, a submit never re-sent).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from PySide6.QtGui import QImageReader

from seedream_desktop.api.client import ClientTimeouts, RunComfyClient
from seedream_desktop.api.download_target import DownloadTarget
from seedream_desktop.api.errors import (
    ApiError,
    BalanceExhaustedError,
    DownloadExpiredError,
    InvalidRequestError,
    NetworkError,
    NotAnImageError,
    NotFoundError,
    PermissionDeniedError,
    ProtocolError,
    RateLimitedError,
    ServerError,
    SubmitOutcomeUnknownError,
    TokenRejectedError,
)
from seedream_desktop.api.models import CancelOutcome, ImageFormat, RemoteStatus, StatusResponse
from seedream_desktop.api.params import AspectRatio, GenerationParams
from seedream_desktop.api.retry import RetryPolicies, RetryPolicy
from seedream_desktop.emulator import (
    Clock,
    Emulator,
    EmulatorConfig,
    Endpoint,
    ErrorShape,
    Fault,
    FaultSpec,
    ManualClock,
    Origin,
)
from tests.support.emulator_server import ServedEmulator, serve_emulator
from tests.support.fixtures import FAST_CONFIG, TEST_TOKEN

FAST_RETRY = RetryPolicies.uniform(
    RetryPolicy(attempts=4, base_delay=0.001, max_delay=0.01, retry_after_cap=0.01, jitter=False)
)
NO_RETRY = RetryPolicies.uniform(RetryPolicy(attempts=1))
OTHER_TOKEN = "rc-test-other-account"
POLL_SECONDS = 0.02
MAX_POLLS = 500


def params(count: int = 2, aspect: AspectRatio = AspectRatio.WIDE_16_9) -> GenerationParams:
    return GenerationParams.from_description("a lighthouse at dusk", count, aspect, seed=11)


def new_client(
    served: ServedEmulator,
    *,
    retry: RetryPolicies = FAST_RETRY,
    token: Callable[[], str | None] = lambda: TEST_TOKEN,
    timeouts: ClientTimeouts | None = None,
) -> RunComfyClient:
    return RunComfyClient(token, base_url=served.base_url, retry=retry, timeouts=timeouts)


@contextmanager
def serve(
    config: EmulatorConfig = FAST_CONFIG, clock: Clock | None = None
) -> Iterator[ServedEmulator]:
    with Emulator(config, clock=clock) as emulator, serve_emulator(emulator) as served:
        yield served


@pytest.fixture
async def client(served_emulator: ServedEmulator) -> AsyncIterator[RunComfyClient]:
    async with new_client(served_emulator) as api:
        yield api


@pytest.fixture
async def once(served_emulator: ServedEmulator) -> AsyncIterator[RunComfyClient]:
    """A client that never retries, to see the first failure as it is."""
    async with new_client(served_emulator, retry=NO_RETRY) as api:
        yield api


async def poll_until_finished(client: RunComfyClient, request_id: str) -> list[StatusResponse]:
    seen = []
    for _ in range(MAX_POLLS):
        status = await client.status(request_id)
        seen.append(status)
        if status.status.is_terminal:
            return seen
        await asyncio.sleep(POLL_SECONDS)
    raise AssertionError(f"job never finished: {seen[-1]}")


async def finished_urls(client: RunComfyClient, count: int = 2) -> tuple[str, ...]:
    submitted = await client.submit(params(count))
    await poll_until_finished(client, submitted.request_id)
    return (await client.result(submitted.request_id)).image_urls


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def image_info(path: Path) -> tuple[bytes, tuple[int, int]]:
    reader = QImageReader(str(path))
    fmt = bytes(reader.format().data())
    image = reader.read()
    assert not image.isNull(), reader.errorString()
    return fmt, (image.width(), image.height())


# --- the happy path ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("aspect", "fmt", "count"),
    [
        (AspectRatio.WIDE_16_9, ImageFormat.PNG, 2),
        (AspectRatio.TALL_9_16, ImageFormat.JPEG, 2),
        (AspectRatio.CINEMA_21_9, ImageFormat.PNG, 1),
    ],
)
async def test_submit_poll_result_download(
    tmp_path: Path, aspect: AspectRatio, fmt: ImageFormat, count: int
) -> None:
    with serve(replace(FAST_CONFIG, image_format=fmt)) as served:
        async with new_client(served) as client:
            submitted = await client.submit(params(count, aspect))
            seen = await poll_until_finished(client, submitted.request_id)
            result = await client.result(submitted.request_id)
            images = [
                await client.download(url, DownloadTarget(tmp_path, f"image-{i}"))
                for i, url in enumerate(result.image_urls)
            ]

    assert submitted.status_url == f"{served.base_url}/v1/requests/{submitted.request_id}/status"
    assert seen[0].status in (RemoteStatus.QUEUED, RemoteStatus.RUNNING)
    assert seen[-1].status is RemoteStatus.COMPLETED
    assert result.status is RemoteStatus.SUCCEEDED
    assert result.cost == Decimal("0.03") * count
    assert len(result.image_urls) == count
    assert all(url.startswith(served.image_base_url + "/files/") for url in result.image_urls)
    assert [img.format for img in images] == [fmt] * count
    qt_name = b"jpeg" if fmt is ImageFormat.JPEG else b"png"
    assert [image_info(img.path) for img in images] == [(qt_name, aspect.pixel_size)] * count
    assert len({img.sha256 for img in images}) == count
    assert files_in(tmp_path) == sorted(img.path.name for img in images)


async def test_the_in_process_transports_serve_the_demo_without_a_socket(tmp_path: Path) -> None:
    with Emulator(FAST_CONFIG) as emulator:
        async with RunComfyClient(
            lambda: TEST_TOKEN,
            base_url="http://127.0.0.1",
            transport=emulator.api_transport(),
            download_transport=emulator.image_transport(),
            retry=FAST_RETRY,
        ) as client:
            submitted = await client.submit(params(1))
            await poll_until_finished(client, submitted.request_id)
            result = await client.result(submitted.request_id)
            image = await client.download(result.image_urls[0], DownloadTarget(tmp_path, "demo"))
            emulator.faults.arm(Endpoint.IMAGE, Fault.DROP, times=FAST_RETRY.api_read.attempts)
            with pytest.raises(NetworkError):
                await client.download(result.image_urls[0], DownloadTarget(tmp_path, "dropped"))

    assert result.image_urls[0].startswith("http://127.0.0.2/files/")
    assert image_info(image.path) == (b"png", (2560, 1440))
    assert files_in(tmp_path) == ["demo.png"]


async def test_queue_positions_count_down_and_only_queued_jobs_cancel() -> None:
    clock = ManualClock()
    config = replace(FAST_CONFIG, queue_seconds=1.0, run_seconds=2.0)
    with serve(config, clock) as served:
        async with new_client(served) as client:
            first, second, third = [(await client.submit(params())).request_id for _ in range(3)]
            positions = [
                (await client.status(rid)).queue_position for rid in (first, second, third)
            ]
            clock.advance(1.0)
            running = await client.status(first)
            moved_up = await client.status(third)
            refused = await client.cancel(first)
            cancelled = await client.cancel(second)
            after_cancel = await client.status(second)
            clock.advance(2.0)
            third_now = await client.status(third)

    assert positions == [0, 1, 2]
    assert (running.status, moved_up.queue_position) == (RemoteStatus.RUNNING, 1)
    assert (refused, cancelled) == (CancelOutcome.NOT_CANCELLABLE, CancelOutcome.CANCELLED)
    assert after_cancel.status is RemoteStatus.CANCELLED
    assert third_now.status is RemoteStatus.RUNNING


# --- where the token may go (the API) and where it never goes (images, errors, logs) ---


async def test_a_wrong_or_missing_token_is_rejected(served_emulator: ServedEmulator) -> None:
    async with new_client(served_emulator, token=lambda: "rc-wrong") as wrong:
        with pytest.raises(TokenRejectedError):
            await wrong.submit(params())
    async with new_client(served_emulator, token=lambda: None) as missing:
        with pytest.raises(TokenRejectedError):
            await missing.status("abc")
    assert [r.had_auth for r in served_emulator.emulator.requests()] == [True]


async def test_a_job_of_another_account_and_an_unknown_job() -> None:
    with serve(replace(FAST_CONFIG, tokens=frozenset({TEST_TOKEN, OTHER_TOKEN}))) as served:
        async with (
            new_client(served) as mine,
            new_client(served, token=lambda: OTHER_TOKEN) as theirs,
        ):
            rid = (await mine.submit(params())).request_id
            with pytest.raises(PermissionDeniedError):
                await theirs.result(rid)
            with pytest.raises(NotFoundError):
                await mine.status("0123456789abcdef")


async def test_the_token_never_reaches_the_image_origin_nor_any_message_or_log(
    served_emulator: ServedEmulator, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    emulator = served_emulator.emulator
    errors: list[ApiError] = []
    async with new_client(served_emulator) as client:
        urls = await finished_urls(client)
        for i, url in enumerate(urls):
            await client.download(url, DownloadTarget(tmp_path, f"ok-{i}"))
        emulator.faults.arm(Endpoint.STATUS, FaultSpec(Fault.RATE_LIMITED, seconds=0))
        await client.status(urls[0].split("/")[-2])
        for endpoint, fault in [
            (Endpoint.SUBMIT, Fault.DROP),
            (Endpoint.SUBMIT, Fault.TOKEN_REJECTED),
            (Endpoint.SUBMIT, Fault.SERVER_ERROR),
            (Endpoint.IMAGE, Fault.EXPIRED_URL),
        ]:
            emulator.faults.arm(endpoint, fault)
            try:
                if endpoint is Endpoint.IMAGE:
                    await client.download(urls[0], DownloadTarget(tmp_path, "expired"))
                else:
                    await client.submit(params())
            except ApiError as error:
                errors.append(error)

    assert len(errors) == 4
    assert emulator.auth_violations() == []
    assert {r.had_auth for r in emulator.requests(Origin.IMAGE)} == {False}
    assert {r.had_auth for r in emulator.requests(Origin.API)} == {True}
    assert caplog.records, "the client logs its calls at DEBUG"
    visible = caplog.text + "".join(f"{e} {e!r} {e.__cause__!r}" for e in errors)
    assert TEST_TOKEN not in visible


# --- error codes and error bodies ----------------------------------------------------------------


@pytest.mark.parametrize("shape", list(ErrorShape))
@pytest.mark.parametrize(
    ("endpoint", "fault", "error"),
    [
        (Endpoint.SUBMIT, Fault.INVALID_RESOURCE, InvalidRequestError),
        (Endpoint.SUBMIT, Fault.BALANCE, BalanceExhaustedError),
        (Endpoint.STATUS, Fault.TOKEN_REJECTED, TokenRejectedError),
        (Endpoint.RESULT, Fault.PERMISSION_DENIED, PermissionDeniedError),
        (Endpoint.CANCEL, Fault.NOT_FOUND, NotFoundError),
        (Endpoint.STATUS, Fault.UNAUTHORIZED, TokenRejectedError),
        (Endpoint.RESULT, Fault.OK_WITH_ERROR_CODE, BalanceExhaustedError),
    ],
)
async def test_error_answers_become_typed_errors(
    client: RunComfyClient,
    served_emulator: ServedEmulator,
    endpoint: Endpoint,
    fault: Fault,
    error: type[ApiError],
    shape: ErrorShape,
) -> None:
    if fault is Fault.OK_WITH_ERROR_CODE and shape is ErrorShape.CODE:
        # The documentation knows 200s carrying ``error_code`` only; a 200 with ``code`` is still no
        # success: the client must not read it as one.
        error = ProtocolError
    rid = (await client.submit(params())).request_id
    served_emulator.emulator.faults.arm(endpoint, FaultSpec(fault, shape=shape))
    call = {
        Endpoint.SUBMIT: lambda: client.submit(params()),
        Endpoint.STATUS: lambda: client.status(rid),
        Endpoint.RESULT: lambda: client.result(rid),
        Endpoint.CANCEL: lambda: client.cancel(rid),
    }[endpoint]
    with pytest.raises(error):
        await call()
    # Refusals are final: nothing was retried or re-sent.
    assert len([r for r in served_emulator.emulator.requests() if r.fault is fault]) == 1


async def test_a_200_carrying_error_code_404001_is_not_found(
    client: RunComfyClient, served_emulator: ServedEmulator
) -> None:
    rid = (await client.submit(params())).request_id
    spec = FaultSpec(
        Fault.OK_WITH_ERROR_CODE, error_code=404001, shape=ErrorShape.ERROR_CODE_MESSAGE
    )
    served_emulator.emulator.faults.arm(Endpoint.STATUS, spec)
    with pytest.raises(NotFoundError):
        await client.status(rid)


async def test_faults_named_by_the_token(served_emulator: ServedEmulator, tmp_path: Path) -> None:
    async with new_client(served_emulator, token=lambda: "fault-balance") as broke:
        with pytest.raises(BalanceExhaustedError):
            await broke.submit(params())
    async with new_client(served_emulator, token=lambda: "fault-truncated-image") as unlucky:
        urls = await finished_urls(unlucky, count=1)
        with pytest.raises(NotAnImageError):
            await unlucky.download(urls[0], DownloadTarget(tmp_path, "cut"))
    assert files_in(tmp_path) == []


async def test_faults_armed_from_another_process_over_http(
    client: RunComfyClient, served_emulator: ServedEmulator
) -> None:
    async with httpx.AsyncClient(base_url=served_emulator.base_url) as admin:
        armed = await admin.post(
            "/__emulator/faults", json={"endpoint": "submit", "fault": "balance"}
        )
    assert armed.status_code == 200
    with pytest.raises(BalanceExhaustedError):
        await client.submit(params())


# --- transient failures: retried for GETs, never for a submit ------------------------------------


def fault_statuses(served: ServedEmulator, path_end: str) -> list[int]:
    return [r.status for r in served.emulator.requests() if r.path.endswith(path_end)]


async def test_429_then_success_is_retried_transparently(
    client: RunComfyClient, served_emulator: ServedEmulator
) -> None:
    rid = (await client.submit(params())).request_id
    served_emulator.emulator.faults.arm(Endpoint.STATUS, Fault.RATE_LIMITED)
    status = await client.status(rid)
    assert status.request_id == rid
    assert fault_statuses(served_emulator, "/status") == [429, 200]


async def test_429_reports_the_servers_wait_when_retries_run_out(
    once: RunComfyClient, served_emulator: ServedEmulator
) -> None:
    rid = (await once.submit(params())).request_id
    served_emulator.emulator.faults.arm(Endpoint.RESULT, FaultSpec(Fault.RATE_LIMITED, seconds=7))
    with pytest.raises(RateLimitedError) as caught:
        await once.result(rid)
    assert caught.value.retry_after == 7


async def test_503_twice_then_ok(client: RunComfyClient, served_emulator: ServedEmulator) -> None:
    rid = (await client.submit(params())).request_id
    served_emulator.emulator.faults.arm(Endpoint.RESULT, Fault.UNAVAILABLE, times=2)
    result = await client.result(rid)
    assert result.request_id == rid
    assert fault_statuses(served_emulator, "/result") == [503, 503, 200]


async def test_500_on_every_try_ends_as_a_server_error(
    client: RunComfyClient, served_emulator: ServedEmulator
) -> None:
    rid = (await client.submit(params())).request_id
    served_emulator.emulator.faults.arm(
        Endpoint.STATUS, Fault.SERVER_ERROR, times=FAST_RETRY.api_read.attempts
    )
    with pytest.raises(ServerError):
        await client.status(rid)
    assert fault_statuses(served_emulator, "/status") == [500] * FAST_RETRY.api_read.attempts


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        (Fault.RATE_LIMITED, RateLimitedError),
        # A 503 may come from a proxy that already forwarded the submit: outcome unknown.
        (Fault.UNAVAILABLE, SubmitOutcomeUnknownError),
        (Fault.SERVER_ERROR, SubmitOutcomeUnknownError),
        (Fault.DROP, SubmitOutcomeUnknownError),
    ],
)
async def test_a_failed_submit_is_never_sent_again(
    client: RunComfyClient, served_emulator: ServedEmulator, fault: Fault, error: type[ApiError]
) -> None:
    served_emulator.emulator.faults.arm(Endpoint.SUBMIT, fault)
    with pytest.raises(error):
        await client.submit(params())
    assert len(fault_statuses(served_emulator, "/sequential")) == 1
    # A dropped answer hides a job the server did create (and would charge).
    assert len(served_emulator.emulator.jobs()) == (1 if fault is Fault.DROP else 0)


async def test_a_dropped_status_answer_is_retried(
    client: RunComfyClient, served_emulator: ServedEmulator
) -> None:
    rid = (await client.submit(params())).request_id
    served_emulator.emulator.faults.arm(Endpoint.STATUS, Fault.DROP)
    assert (await client.status(rid)).request_id == rid


async def test_a_dropped_status_answer_without_retries_is_a_network_error(
    once: RunComfyClient, served_emulator: ServedEmulator
) -> None:
    rid = (await once.submit(params())).request_id
    served_emulator.emulator.faults.arm(Endpoint.STATUS, Fault.DROP)
    with pytest.raises(NetworkError):
        await once.status(rid)


async def test_slow_answers_within_and_beyond_the_timeout(served_emulator: ServedEmulator) -> None:
    faults = served_emulator.emulator.faults
    timeouts = ClientTimeouts(read=0.15)
    async with new_client(served_emulator, retry=NO_RETRY, timeouts=timeouts) as client:
        rid = (await client.submit(params())).request_id
        faults.arm(Endpoint.STATUS, FaultSpec(Fault.SLOW, seconds=0.05))
        assert (await client.status(rid)).request_id == rid
        faults.arm(Endpoint.STATUS, FaultSpec(Fault.SLOW, seconds=0.4))
        with pytest.raises(NetworkError):
            await client.status(rid)


# --- what the run produces -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        (Fault.FAILED_RUN, "Generation failed: the model could not produce images."),
        (Fault.FAILED_RUN_OBJECT, "Content policy violation detected in the prompt."),
    ],
)
async def test_a_failed_run(
    client: RunComfyClient, served_emulator: ServedEmulator, fault: Fault, message: str
) -> None:
    served_emulator.emulator.faults.arm(Endpoint.SUBMIT, fault)
    rid = (await client.submit(params())).request_id
    seen = await poll_until_finished(client, rid)
    result = await client.result(rid)

    assert seen[-1].status is RemoteStatus.COMPLETED
    assert (result.status, result.image_urls) == (RemoteStatus.FAILED, ())
    assert result.error is not None and message in result.error
    assert result.cost == 0


async def test_fewer_images_than_asked(
    client: RunComfyClient, served_emulator: ServedEmulator, tmp_path: Path
) -> None:
    served_emulator.emulator.faults.arm(Endpoint.SUBMIT, FaultSpec(Fault.FEWER_IMAGES, images=2))
    urls = await finished_urls(client, count=4)
    assert len(urls) == 2
    image = await client.download(urls[1], DownloadTarget(tmp_path, "second"))
    assert image_info(image.path)[1] == (2560, 1440)


@pytest.mark.parametrize("endpoint", [Endpoint.STATUS, Endpoint.RESULT])
async def test_an_unknown_status_value(
    client: RunComfyClient, served_emulator: ServedEmulator, endpoint: Endpoint
) -> None:
    rid = (await client.submit(params())).request_id
    served_emulator.emulator.faults.arm(endpoint, Fault.UNKNOWN_STATUS)
    answer = await (client.status(rid) if endpoint is Endpoint.STATUS else client.result(rid))
    assert (answer.status, answer.raw_status) == (RemoteStatus.UNKNOWN, "warming_up")
    assert (await client.status(rid)).status is not RemoteStatus.UNKNOWN


# --- downloads -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        (Fault.DROP, NetworkError),
        (Fault.TRUNCATED_IMAGE, NotAnImageError),
        (Fault.CORRUPT_IMAGE, NotAnImageError),
        (Fault.EXPIRED_URL, DownloadExpiredError),
        (FaultSpec(Fault.EXPIRED_URL, status=404), DownloadExpiredError),
    ],
)
async def test_a_bad_download_leaves_no_file(
    once: RunComfyClient,
    served_emulator: ServedEmulator,
    tmp_path: Path,
    fault: Fault | FaultSpec,
    error: type[ApiError],
) -> None:
    urls = await finished_urls(once, count=1)
    served_emulator.emulator.faults.arm(Endpoint.IMAGE, fault)
    with pytest.raises(error):
        await once.download(urls[0], DownloadTarget(tmp_path, "image"))
    assert files_in(tmp_path) == []  # no image, no .part


@pytest.mark.parametrize("fault", [Fault.DROP, Fault.UNAVAILABLE, Fault.RATE_LIMITED])
async def test_a_transient_download_failure_is_retried(
    client: RunComfyClient, served_emulator: ServedEmulator, tmp_path: Path, fault: Fault
) -> None:
    urls = await finished_urls(client, count=1)
    served_emulator.emulator.faults.arm(Endpoint.IMAGE, fault)
    image = await client.download(urls[0], DownloadTarget(tmp_path, "image"))
    assert image_info(image.path) == (b"png", (2560, 1440))
    assert files_in(tmp_path) == ["image.png"]
