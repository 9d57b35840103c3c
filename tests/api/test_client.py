"""RunComfyClient against httpx.MockTransport: requests sent, answers mapped, retries decided."""

from __future__ import annotations

import json
import logging

import httpx
import pytest

from seedream_desktop.api.client import MSG_OUTCOME_UNKNOWN, TOKEN_MASK, RunComfyClient
from seedream_desktop.api.errors import (
    ApiError,
    BalanceExhaustedError,
    InvalidRequestError,
    NetworkError,
    NotFoundError,
    ProtocolError,
    RateLimitedError,
    ServerError,
    SubmitOutcomeUnknownError,
    TokenRejectedError,
)
from seedream_desktop.api.models import CancelOutcome, RemoteStatus
from seedream_desktop.api.params import MODEL_ID, GenerationParams
from seedream_desktop.api.retry import RetryPolicies, RetryPolicy

from .conftest import API, REQUEST_ID, TOKEN, ClientFactory, Recorder, SleepRecorder, json_response

PARAMS = GenerationParams.from_description("a lighthouse at dusk", count=4, seed=7)
SUBMITTED = {
    "request_id": REQUEST_ID,
    "status_url": f"{API}/v1/requests/{REQUEST_ID}/status",
    "result_url": f"{API}/v1/requests/{REQUEST_ID}/result",
    "cancel_url": f"{API}/v1/requests/{REQUEST_ID}/cancel",
}
STATUS = {"request_id": REQUEST_ID, "status": "in_queue", "queue_position": 2}


def ok(body: dict[str, object] = STATUS) -> httpx.Response:
    return json_response(200, body)


def broken(kind: type[httpx.TransportError]) -> httpx.TransportError:
    return kind("simulated")


# --- what is sent ---------------------------------------------------------------------------------


async def test_submit_posts_the_params_to_the_model_with_the_token(
    make_client: ClientFactory,
) -> None:
    api = Recorder(ok(SUBMITTED))
    answer = await make_client(api).submit(PARAMS)
    assert answer.request_id == REQUEST_ID
    (request,) = api.requests
    assert request.method == "POST"
    assert str(request.url) == f"{API}/v1/models/{MODEL_ID}"
    assert json.loads(request.content) == PARAMS.to_json()
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"


async def test_status_result_and_cancel_use_the_request_paths(make_client: ClientFactory) -> None:
    api = Recorder(
        ok(STATUS),
        ok(
            {"request_id": REQUEST_ID, "status": "succeeded", "output": {"images": ["https://c/a"]}}
        ),
        ok({"request_id": REQUEST_ID, "status": "in_progress"}),
        json_response(
            202, {"request_id": REQUEST_ID, "status": "cancelled", "outcome": "cancelled"}
        ),
    )
    client = make_client(api)
    status = await client.status(REQUEST_ID)
    result = await client.result(REQUEST_ID)
    plain = await client.result(REQUEST_ID, include_cost=False)
    outcome = await client.cancel(REQUEST_ID)

    assert (status.status, status.queue_position) == (RemoteStatus.QUEUED, 2)
    assert result.image_urls == ("https://c/a",)
    assert plain.status is RemoteStatus.RUNNING
    assert outcome is CancelOutcome.CANCELLED
    sent = [(r.method, str(r.url)) for r in api.requests]
    assert sent == [
        ("GET", f"{API}/v1/requests/{REQUEST_ID}/status"),
        ("GET", f"{API}/v1/requests/{REQUEST_ID}/result?include_cost=true"),
        ("GET", f"{API}/v1/requests/{REQUEST_ID}/result"),
        ("POST", f"{API}/v1/requests/{REQUEST_ID}/cancel"),
    ]  # fmt: skip


async def test_base_url_with_path_prefix_is_kept(make_client: ClientFactory) -> None:
    api = Recorder(ok())
    await make_client(api, base_url="http://127.0.0.1:8765/prefix/").status(REQUEST_ID)
    assert (
        str(api.requests[0].url) == f"http://127.0.0.1:8765/prefix/v1/requests/{REQUEST_ID}/status"
    )


@pytest.mark.parametrize("bad_id", ["", "../../v1/models/x", "a/b", "id?x=1", "a" * 129])
async def test_unsafe_request_id_never_reaches_a_url(
    make_client: ClientFactory, bad_id: str
) -> None:
    api = Recorder(ok())
    client = make_client(api)
    for call in (client.status, client.result, client.cancel):
        with pytest.raises(InvalidRequestError):
            await call(bad_id)
    assert api.requests == []


def test_insecure_base_url_is_refused() -> None:
    with pytest.raises(ValueError, match="https://"):
        RunComfyClient(lambda: TOKEN, base_url="http://model-api.runcomfy.net")


async def test_missing_token_fails_before_sending(make_client: ClientFactory) -> None:
    api = Recorder(ok(SUBMITTED))
    with pytest.raises(TokenRejectedError, match="No API token set"):
        await make_client(api, token=lambda: None).submit(PARAMS)
    assert api.requests == []


async def test_oversized_api_answer_is_a_protocol_error(make_client: ClientFactory) -> None:
    api = Recorder(httpx.Response(200, content=b" " * (2 * 1024 * 1024)))
    with pytest.raises(ProtocolError, match="larger than expected"):
        await make_client(api).status(REQUEST_ID)


# --- retries of reads and cancel ------------------------------------------------------------------


@pytest.mark.parametrize(
    "failure",
    [
        json_response(502, {}),
        json_response(500, {"error": "boom"}),
        broken(httpx.ConnectError),
        broken(httpx.ReadTimeout),
        broken(httpx.RemoteProtocolError),
    ],
)
async def test_status_is_retried_with_backoff(
    make_client: ClientFactory, sleep: SleepRecorder, failure: httpx.Response | Exception
) -> None:
    api = Recorder(failure, failure, ok())
    status = await make_client(api).status(REQUEST_ID)
    assert status.status is RemoteStatus.QUEUED
    assert len(api.requests) == 3
    assert sleep.delays == [1.0, 2.0]


async def test_read_gives_up_after_the_last_attempt(
    make_client: ClientFactory, sleep: SleepRecorder
) -> None:
    api = Recorder(json_response(503, {}))
    with pytest.raises(ServerError):
        await make_client(api).result(REQUEST_ID)
    assert len(api.requests) == 3
    assert len(sleep.delays) == 2


@pytest.mark.parametrize(("retry_after", "waited"), [("7", 7.0), ("3600", 60.0)])
async def test_rate_limit_waits_retry_after_capped(
    make_client: ClientFactory, sleep: SleepRecorder, retry_after: str, waited: float
) -> None:
    api = Recorder(json_response(429, {}, {"Retry-After": retry_after}), ok())
    await make_client(api).status(REQUEST_ID)
    assert sleep.delays == [waited]


async def test_rate_limit_with_http_date_retry_after(
    make_client: ClientFactory, sleep: SleepRecorder
) -> None:
    past = "Wed, 01 Jan 2020 00:00:00 GMT"
    api = Recorder(json_response(429, {}, {"Retry-After": past}), ok())
    await make_client(api).status(REQUEST_ID)
    assert sleep.delays == [0.0]


@pytest.mark.parametrize(
    ("status", "error_type"),
    [(404, NotFoundError), (401, TokenRejectedError), (402, BalanceExhaustedError)],
)
async def test_permanent_errors_are_not_retried(
    make_client: ClientFactory, sleep: SleepRecorder, status: int, error_type: type[ApiError]
) -> None:
    api = Recorder(json_response(status, {}))
    with pytest.raises(error_type):
        await make_client(api).status(REQUEST_ID)
    assert len(api.requests) == 1
    assert sleep.delays == []


async def test_cancel_is_retried_like_a_read(
    make_client: ClientFactory, sleep: SleepRecorder
) -> None:
    answer = {"request_id": REQUEST_ID, "status": "in_progress", "outcome": "not_cancellable"}
    api = Recorder(broken(httpx.ReadTimeout), json_response(202, answer))
    assert await make_client(api).cancel(REQUEST_ID) is CancelOutcome.NOT_CANCELLABLE
    assert len(api.requests) == 2


# --- submit is never sent twice once it may have arrived ------------------------------------------


@pytest.mark.parametrize(
    "failure",
    [
        broken(httpx.ReadTimeout),
        broken(httpx.ReadError),
        broken(httpx.RemoteProtocolError),
        broken(httpx.WriteError),
        broken(httpx.WriteTimeout),
        json_response(500, {}),
        json_response(502, {}),
        # A proxy answers 503 also after it forwarded the request to a busy server.
        json_response(503, {}),
        json_response(504, {}),
        httpx.Response(200, content=b"<html>proxy page</html>"),
        json_response(200, {"request_id": "not valid!"}),
    ],
)
async def test_submit_with_unknown_outcome_is_not_resent(
    make_client: ClientFactory, sleep: SleepRecorder, failure: httpx.Response | Exception
) -> None:
    api = Recorder(failure, ok(SUBMITTED))
    with pytest.raises(SubmitOutcomeUnknownError) as caught:
        await make_client(api).submit(PARAMS)
    assert str(caught.value) == MSG_OUTCOME_UNKNOWN
    assert len(api.requests) == 1
    assert sleep.delays == []


@pytest.mark.parametrize("kind", [httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout])
async def test_submit_is_retried_when_it_never_left(
    make_client: ClientFactory, sleep: SleepRecorder, kind: type[httpx.TransportError]
) -> None:
    api = Recorder(broken(kind), ok(SUBMITTED))
    answer = await make_client(api).submit(PARAMS)
    assert answer.request_id == REQUEST_ID
    assert len(api.requests) == 2
    assert sleep.delays == [1.0]


async def test_submit_that_never_connects_reports_a_network_error(
    make_client: ClientFactory,
) -> None:
    api = Recorder(broken(httpx.ConnectError))
    with pytest.raises(NetworkError) as caught:
        await make_client(api).submit(PARAMS)
    assert caught.value.request_sent is False
    assert "Cannot reach RunComfy" in str(caught.value)
    assert len(api.requests) == 3


@pytest.mark.parametrize(
    ("answer", "error_type"),
    [
        (json_response(429, {}, {"Retry-After": "5"}), RateLimitedError),
        (json_response(401, {"error_code": 400004}), TokenRejectedError),
        (json_response(400, {"error_code": 400002}), BalanceExhaustedError),
        (json_response(422, {"detail": [{"loc": ["body", "text"], "msg": "too long"}]}),
         InvalidRequestError),
    ],
)  # fmt: skip
async def test_submit_refusals_are_reported_not_retried(
    make_client: ClientFactory,
    sleep: SleepRecorder,
    answer: httpx.Response,
    error_type: type[ApiError],
) -> None:
    api = Recorder(answer, ok(SUBMITTED))
    with pytest.raises(error_type):
        await make_client(api).submit(PARAMS)
    assert len(api.requests) == 1
    assert sleep.delays == []


# --- secrets --------------------------------------------------------------------------------------


def echo_auth(status: int) -> Recorder:
    """A server that quotes the request's Authorization header back in its error text."""

    def answer(request: httpx.Request) -> httpx.Response:
        said = f"bad header {request.headers.get('Authorization')}"
        return json_response(status, {"error_message": said, "detail": [said]})

    return Recorder(answer)


SCENARIOS = [
    lambda: echo_auth(422),
    lambda: echo_auth(400),
    lambda: echo_auth(418),
    lambda: Recorder(json_response(200, {"error_code": 777, "message": f"Bearer {TOKEN}"})),
    lambda: Recorder(broken(httpx.ConnectError)),
    lambda: Recorder(broken(httpx.ReadTimeout)),
    lambda: Recorder(json_response(401, {})),
    lambda: Recorder(json_response(500, {"error": TOKEN})),
    lambda: Recorder(httpx.Response(200, content=TOKEN.encode())),
]


@pytest.mark.parametrize("scenario", range(len(SCENARIOS)))
async def test_token_never_appears_in_errors_or_logs(
    make_client: ClientFactory, caplog: pytest.LogCaptureFixture, scenario: int
) -> None:
    caplog.set_level(logging.DEBUG, logger="seedream_desktop")
    client = make_client(SCENARIOS[scenario]())
    errors: list[ApiError] = []
    for call in (
        lambda: client.submit(PARAMS),
        lambda: client.status(REQUEST_ID),
        lambda: client.result(REQUEST_ID),
        lambda: client.cancel(REQUEST_ID),
    ):
        with pytest.raises(ApiError) as caught:
            await call()
        errors.append(caught.value)
    for error in errors:
        assert TOKEN not in str(error)
        assert TOKEN not in repr(error)
        assert TOKEN not in error.user_message
    assert TOKEN not in caplog.text
    assert "Authorization" not in caplog.text


async def test_log_names_method_and_path_without_query(
    make_client: ClientFactory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="seedream_desktop")
    api = Recorder(json_response(502, {}), ok({"request_id": REQUEST_ID, "status": "in_progress"}))
    await make_client(api).result(REQUEST_ID)
    assert f"GET /v1/requests/{REQUEST_ID}/result" in caplog.text
    assert "include_cost" not in caplog.text


async def test_context_manager_closes_both_clients(sleep: SleepRecorder) -> None:
    async with RunComfyClient(
        lambda: TOKEN,
        transport=httpx.MockTransport(Recorder(ok())),
        retry=RetryPolicies.uniform(RetryPolicy(attempts=1)),
        sleep=sleep,
    ) as client:
        await client.status(REQUEST_ID)
    with pytest.raises(RuntimeError):
        await client.status(REQUEST_ID)


def quoting_server(prefix: str = "x" * 170) -> Recorder:
    """A server whose error text is ``prefix`` followed by the token it was sent."""

    def answer(request: httpx.Request) -> httpx.Response:
        token = request.headers["Authorization"].removeprefix("Bearer ")
        return json_response(422, {"error_message": prefix + token})

    return Recorder(answer)


@pytest.mark.parametrize(
    "token",
    [
        "rc_live_0123456789abcdef0123456789abcdef",
        'rc_live_0123456789\\abcdef"0123456789abcdef',
    ],
)
async def test_a_quoted_token_cut_by_the_shortened_message_does_not_leak(
    make_client: ClientFactory, token: str
) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        await make_client(quoting_server(), token=lambda: token).status(REQUEST_ID)
    message = str(caught.value)
    assert "rc_live" not in message
    assert "x" * 170 + TOKEN_MASK in message


async def test_the_token_sent_is_masked_even_if_settings_changed_it_since(
    make_client: ClientFactory,
) -> None:
    tokens = iter(["rc-token-before-the-change", "rc-token-after-the-change"])
    client = make_client(quoting_server(prefix="bad token "), token=lambda: next(tokens))
    with pytest.raises(InvalidRequestError) as caught:
        await client.status(REQUEST_ID)
    assert "rc-token" not in str(caught.value)
