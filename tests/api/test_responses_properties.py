"""Whatever a server sends, each parser gives a typed value or an ``ApiError`` — nothing else."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import partial
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from seedream_desktop.api.errors import ApiError, RateLimitedError
from seedream_desktop.api.models import (
    CancelOutcome,
    RemoteStatus,
    ResultResponse,
    StatusResponse,
    SubmitResponse,
)
from seedream_desktop.api.responses import (
    error_from_response,
    is_valid_request_id,
    parse_cancel,
    parse_result,
    parse_retry_after,
    parse_status,
    parse_submit,
)

PARSERS: list[tuple[Callable[..., Any], type]] = [
    (parse_submit, SubmitResponse),
    (parse_status, StatusResponse),
    (parse_result, ResultResponse),
    (parse_cancel, CancelOutcome),
]

status_codes = st.one_of(
    st.sampled_from([200, 201, 202, 204, 301, 400, 401, 402, 403, 404, 410, 422, 429, 500, 503]),
    st.integers(min_value=0, max_value=999),
)
headers = st.dictionaries(
    st.sampled_from(["Retry-After", "retry-after", "Content-Type", "X-Other"]),
    st.text(max_size=40),
    max_size=3,
)
json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)
# Answers that are nearly right: the documented fields, each either sensible or arbitrary. Only
# these reach the deep paths (a valid id and status, then odd output, cost, queue position …).
FIELDS = [
    "queue_position", "output", "error", "cost", "created_at", "finished_at", "outcome",
    "error_code", "error_message", "message", "code", "detail", "status_url", "result_url",
]  # fmt: skip
SENSIBLE = [
    "req_1", "in_queue", "completed", "succeeded", "failed", "cancelled", "warming_up",
    "not_cancellable", "https://cdn/x.png", 400004, 404001, 400002, 0, 3, "400004", 0.25,
]  # fmt: skip
contract_values = st.recursive(
    st.one_of(json_scalars, st.sampled_from(SENSIBLE)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(["image", "images", "video", "message", "msg", "loc"]),
                        inner, max_size=4),
    ),
    max_leaves=25,
)  # fmt: skip
contract_objects = st.fixed_dictionaries(
    {
        "request_id": st.one_of(st.just("req_1"), contract_values),
        "status": st.one_of(st.sampled_from(SENSIBLE[1:7]), contract_values),
    },
    optional=dict.fromkeys(FIELDS, contract_values),
)


def check_parser(parse: Callable[..., Any], result_type: type, *args: Any) -> None:
    try:
        value = parse(*args)
    except ApiError as error:
        assert isinstance(error.user_message, str)
        assert error.user_message
        repr(error)
        return
    assert isinstance(value, result_type)
    if isinstance(value, SubmitResponse | StatusResponse | ResultResponse):
        assert is_valid_request_id(value.request_id)
    if isinstance(value, StatusResponse | ResultResponse):
        assert isinstance(value.status, RemoteStatus)
    if isinstance(value, ResultResponse):
        assert all(isinstance(url, str) and url for url in value.image_urls)


@settings(max_examples=150, deadline=None)
@given(status=status_codes, head=headers, body=st.binary(max_size=300))
def test_parsers_survive_arbitrary_bytes(status: int, head: dict[str, str], body: bytes) -> None:
    for parse, result_type in PARSERS:
        check_parser(parse, result_type, status, head, body)


@settings(max_examples=150, deadline=None)
@given(status=status_codes, head=headers, value=json_values)
def test_parsers_survive_arbitrary_json(status: int, head: dict[str, str], value: Any) -> None:
    body = json.dumps(value).encode()
    for parse, result_type in PARSERS:
        check_parser(parse, result_type, status, head, body)


@settings(max_examples=250, deadline=None)
@given(status=st.sampled_from([200, 202]), data=contract_objects)
def test_parsers_survive_contract_shaped_objects(status: int, data: dict[str, Any]) -> None:
    body = json.dumps(data).encode()
    for parse, result_type in PARSERS:
        check_parser(parse, result_type, status, {}, body)
    for parse, result_type in PARSERS[1:]:
        check_parser(partial(parse, request_id="req_1"), result_type, status, {}, body)


@settings(max_examples=150, deadline=None)
@given(status=status_codes, head=headers, body=st.binary(max_size=200))
def test_error_mapping_always_gives_an_api_error(
    status: int, head: dict[str, str], body: bytes
) -> None:
    error = error_from_response(status, head, body)
    assert isinstance(error, ApiError)
    if isinstance(error, RateLimitedError) and error.retry_after is not None:
        assert error.retry_after >= 0


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_retry_after_is_none_or_non_negative(value: str) -> None:
    seconds = parse_retry_after(value)
    assert seconds is None or seconds >= 0
