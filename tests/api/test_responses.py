"""Every answer variant RunComfy documents, parsed into what the app shows or does."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from seedream_desktop.api.errors import (
    ApiError,
    BalanceExhaustedError,
    InvalidRequestError,
    NotFoundError,
    PermissionDeniedError,
    ProtocolError,
    RateLimitedError,
    ServerError,
    TokenRejectedError,
)
from seedream_desktop.api.models import CancelOutcome, RemoteStatus
from seedream_desktop.api.responses import (
    error_from_response,
    parse_cancel,
    parse_result,
    parse_retry_after,
    parse_status,
    parse_submit,
)

RID = "req_abc-123"


def body(value: Any) -> bytes:
    return json.dumps(value).encode()


# --- submit ---------------------------------------------------------------------------------------


def test_submit_answer_gives_request_id_and_urls() -> None:
    answer = parse_submit(
        200,
        {},
        body(
            {
                "request_id": RID,
                "status_url": f"https://x/v1/requests/{RID}/status",
                "result_url": f"https://x/v1/requests/{RID}/result",
                "cancel_url": f"https://x/v1/requests/{RID}/cancel",
            }
        ),
    )
    assert answer.request_id == RID
    assert answer.status_url == f"https://x/v1/requests/{RID}/status"
    assert answer.cancel_url == f"https://x/v1/requests/{RID}/cancel"


@pytest.mark.parametrize(
    "request_id", ["", "a" * 129, "../etc", "a b", "ä", "id?x=1", 123, None, ["x"]]
)
def test_submit_answer_with_unusable_request_id_is_a_protocol_error(request_id: Any) -> None:
    with pytest.raises(ProtocolError):
        parse_submit(200, {}, body({"request_id": request_id}))


def test_submit_accepts_longest_allowed_request_id() -> None:
    assert parse_submit(200, {}, body({"request_id": "a" * 128})).request_id == "a" * 128


# --- status ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "status"),
    [
        ("in_queue", RemoteStatus.QUEUED),
        ("in_progress", RemoteStatus.RUNNING),
        ("completed", RemoteStatus.COMPLETED),
        ("cancelled", RemoteStatus.CANCELLED),
        ("succeeded", RemoteStatus.SUCCEEDED),
        ("failed", RemoteStatus.FAILED),
        ("canceled", RemoteStatus.CANCELLED),
        ("pending", RemoteStatus.QUEUED),
        ("waiting", RemoteStatus.QUEUED),
        ("starting", RemoteStatus.RUNNING),
        ("processing", RemoteStatus.RUNNING),
        ("IN_PROGRESS", RemoteStatus.RUNNING),
        ("warming_up", RemoteStatus.UNKNOWN),
    ],
)
def test_status_vocabularies(raw: str, status: RemoteStatus) -> None:
    answer = parse_status(200, {}, body({"request_id": RID, "status": raw}))
    assert answer.status is status
    assert answer.raw_status == raw
    assert answer.request_id == RID


def test_status_unknown_value_is_kept_and_not_terminal() -> None:
    answer = parse_status(200, {}, body({"request_id": RID, "status": "warming_up"}))
    assert answer.raw_status == "warming_up"
    assert not answer.status.is_terminal


def test_status_queue_position() -> None:
    queued = parse_status(
        200, {}, body({"request_id": RID, "status": "in_queue", "queue_position": 4})
    )
    assert queued.queue_position == 4
    odd = parse_status(
        200, {}, body({"request_id": RID, "status": "in_queue", "queue_position": "4th"})
    )
    assert odd.queue_position is None


def test_status_fills_missing_request_id_but_refuses_another() -> None:
    answer = parse_status(200, {}, body({"status": "in_queue"}), request_id=RID)
    assert answer.request_id == RID
    with pytest.raises(ProtocolError):
        parse_status(200, {}, body({"request_id": "other", "status": "in_queue"}), request_id=RID)


@pytest.mark.parametrize("data", [{"request_id": RID}, {"request_id": RID, "status": 3}, [], "x"])
def test_status_without_status_is_a_protocol_error(data: Any) -> None:
    with pytest.raises(ProtocolError):
        parse_status(200, {}, body(data))


# --- result ---------------------------------------------------------------------------------------


def test_result_with_images_list_cost_and_times() -> None:
    answer = parse_result(
        200,
        {},
        body(
            {
                "request_id": RID,
                "status": "succeeded",
                "output": {"images": ["https://cdn/a.png", "https://cdn/b.png"]},
                "cost": 0.09,
                "created_at": "2025-01-01T10:00:00Z",
                "finished_at": "2025-01-01T10:00:42Z",
            }
        ),
    )
    assert answer.status is RemoteStatus.SUCCEEDED
    assert answer.image_urls == ("https://cdn/a.png", "https://cdn/b.png")
    assert answer.cost == Decimal("0.09")  # the cents sent, not a binary float's neighbour
    assert answer.created_at == "2025-01-01T10:00:00Z"
    assert answer.finished_at == "2025-01-01T10:00:42Z"
    assert answer.error is None


def test_result_with_single_image_and_video_keeps_only_the_image() -> None:
    answer = parse_result(
        200,
        {},
        body(
            {
                "request_id": RID,
                "status": "succeeded",
                "output": {"image": "https://cdn/one.jpg", "video": "https://cdn/v.mp4"},
            }
        ),
    )
    assert answer.image_urls == ("https://cdn/one.jpg",)


def test_result_keeps_usable_urls_and_drops_duplicates_and_junk() -> None:
    answer = parse_result(
        200,
        {},
        body(
            {
                "request_id": RID,
                "status": "succeeded",
                "output": {
                    "images": ["https://cdn/a", 7, None, "", "https://cdn/a"],
                    "image": "https://cdn/b",
                },
            }
        ),
    )
    assert answer.image_urls == ("https://cdn/a", "https://cdn/b")


def test_result_unfinished_has_no_images() -> None:
    answer = parse_result(200, {}, body({"request_id": RID, "status": "in_progress"}))
    assert answer.status is RemoteStatus.RUNNING
    assert answer.image_urls == ()


@pytest.mark.parametrize(
    ("error", "shown"),
    [
        ("NSFW content detected", "NSFW content detected"),
        ({"message": "Model crashed", "code": 500}, "Model crashed"),
        ({"error_message": "Out of memory"}, "Out of memory"),
        ({"weird": [1, 2]}, '{"weird":[1,2]}'),
        (["a", "b"], '["a","b"]'),
        ("x" * 1000, "x" * 199 + "…"),
    ],
)
def test_result_failure_error_is_shown_shortened(error: Any, shown: str) -> None:
    answer = parse_result(200, {}, body({"request_id": RID, "status": "failed", "error": error}))
    assert answer.status is RemoteStatus.FAILED
    assert answer.error == shown


@pytest.mark.parametrize(
    ("cost", "expected"),
    [
        (1, Decimal(1)),
        ("0.25", Decimal("0.25")),
        (0, Decimal(0)),
        (True, None),
        ("free", None),
        (None, None),
        (10**400, None),
        ("1e999", None),
        (float("nan"), None),
        (float("inf"), None),
        ("NaN", None),
        (-0.03, None),
        ("-1", None),
    ],
)
def test_result_cost_is_a_finite_non_negative_amount_or_unknown(
    cost: Any, expected: Decimal | None
) -> None:
    answer = parse_result(200, {}, body({"request_id": RID, "status": "succeeded", "cost": cost}))
    assert answer.cost == expected


# --- cancel ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [
        ("cancelled", CancelOutcome.CANCELLED),
        ("canceled", CancelOutcome.CANCELLED),
        ("not_cancellable", CancelOutcome.NOT_CANCELLABLE),
    ],
)
def test_cancel_outcomes(outcome: str, expected: CancelOutcome) -> None:
    answer = body({"request_id": RID, "status": "cancelled", "outcome": outcome})
    assert parse_cancel(202, {}, answer, request_id=RID) is expected


def test_cancel_without_outcome_is_a_protocol_error() -> None:
    with pytest.raises(ProtocolError):
        parse_cancel(202, {}, body({"request_id": RID, "status": "cancelled"}))


# --- errors ---------------------------------------------------------------------------------------

TOKEN_MSG = "RunComfy rejected the API token — check it in Settings → Account."
BALANCE_MSG = "Your RunComfy balance is used up — top up to keep generating."


@pytest.mark.parametrize(
    ("status", "data", "error_type", "message_part"),
    [
        (400, {"error_code": 400001, "error_message": "bad model"}, InvalidRequestError, "report"),
        (400, {"error_code": 400002, "message": "no money"}, BalanceExhaustedError, BALANCE_MSG),
        (402, {}, BalanceExhaustedError, BALANCE_MSG),
        (401, {"code": 400004, "error": "token expired"}, TokenRejectedError, TOKEN_MSG),
        (401, b"<html>Unauthorized</html>", TokenRejectedError, TOKEN_MSG),
        (400, {"error_code": "400004"}, TokenRejectedError, TOKEN_MSG),
        (403, {"error_code": 403001}, PermissionDeniedError, "another RunComfy account"),
        (403, None, PermissionDeniedError, "another RunComfy account"),
        (404, {"error_code": 404001}, NotFoundError, "expired or unknown on the server"),
        (404, {"detail": "Not Found"}, NotFoundError, "expired or unknown on the server"),
        (422, {"detail": [{"loc": ["body", "text"], "msg": "too long"}]}, InvalidRequestError,
         "body.text: too long"),
        (400, {"code": 1234, "error": "seed out of range"}, InvalidRequestError,
         "seed out of range"),
        (500, b"", ServerError, "HTTP 500"),
        (502, b"Bad gateway", ServerError, "HTTP 502"),
        (503, {"error": "maintenance"}, ServerError, "try again"),
        (418, {"error": "teapot"}, ProtocolError, "HTTP 418"),
        (301, b"", ProtocolError, "HTTP 301"),
    ],
)  # fmt: skip
def test_error_answers_map_to_typed_errors(
    status: int, data: Any, error_type: type[ApiError], message_part: str
) -> None:
    raw = data if isinstance(data, bytes) else body(data)
    for parse in (parse_submit, parse_status, parse_result, parse_cancel):
        with pytest.raises(error_type) as caught:
            parse(status, {}, raw)
        assert message_part in caught.value.user_message
        assert caught.value.status_code == status


def test_exact_user_messages_for_account_problems() -> None:
    assert str(error_from_response(401, {}, b"")) == TOKEN_MSG
    assert str(error_from_response(402, {}, b"")) == BALANCE_MSG
    assert error_from_response(400, {}, body({"error_code": 400002})).error_code == 400002


@pytest.mark.parametrize(
    ("data", "error_type"),
    [
        ({"error_code": 400004, "error_message": "revoked"}, TokenRejectedError),
        ({"error_code": 400002}, BalanceExhaustedError),
        ({"error_code": 404001, "message": "gone"}, NotFoundError),
        ({"error_code": 999999, "message": "mystery"}, ProtocolError),
    ],
)
def test_http_200_with_error_code_is_an_error(data: dict[str, Any], error_type: type) -> None:
    with pytest.raises(error_type):
        parse_status(200, {}, body({"request_id": RID, "status": "completed", **data}))


def test_http_200_with_zero_error_code_is_success() -> None:
    answer = parse_status(
        200, {}, body({"request_id": RID, "status": "completed", "error_code": 0})
    )
    assert answer.status is RemoteStatus.COMPLETED


def test_unknown_error_code_shows_server_text() -> None:
    error = error_from_response(200, {}, body({"error_code": 999999, "message": "mystery"}))
    assert "999999" in str(error)
    assert "mystery" in str(error)


@pytest.mark.parametrize(
    ("header_value", "seconds"),
    [("7", 7.0), ("0", 0.0), ("-3", 0.0), ("soon", None), ("nan", None), ("inf", None)],
)
def test_rate_limited_reads_retry_after_seconds(header_value: str, seconds: float | None) -> None:
    error = error_from_response(429, {"retry-after": header_value}, b"")
    assert isinstance(error, RateLimitedError)
    assert error.retry_after == seconds


def test_retry_after_http_date_is_relative_to_now() -> None:
    now = datetime(2025, 3, 1, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after("Sat, 01 Mar 2025 12:00:30 GMT", now) == pytest.approx(30.0)
    assert parse_retry_after("Sat, 01 Mar 2025 11:00:00 GMT", now) == 0.0


def test_rate_limited_with_header_in_any_case_and_error_code() -> None:
    error = error_from_response(429, {"Retry-After": "12"}, body({"error_code": 400002}))
    assert isinstance(error, RateLimitedError)
    assert error.retry_after == 12.0


@pytest.mark.parametrize(
    "raw", [b"", b"not json", b"\xff\xfe\x00", b"[1, 2]", b'"text"', b"null", b"[" * 100_000]
)
def test_success_status_with_unusable_body_is_a_protocol_error(raw: bytes) -> None:
    for parse in (parse_submit, parse_status, parse_result, parse_cancel):
        with pytest.raises(ProtocolError):
            parse(200, {}, raw)


def test_unknown_status_is_logged_once(caplog: pytest.LogCaptureFixture) -> None:
    answer = body({"request_id": RID, "status": "thawing"})
    with caplog.at_level("WARNING", logger="seedream_desktop.api.responses"):
        for _ in range(3):
            parse_status(200, {}, answer)
    assert [r.getMessage() for r in caplog.records] == [
        "Unknown remote status 'thawing': treated as still running"
    ]
