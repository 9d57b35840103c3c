"""Parsing of every answer RunComfy's documentation allows, into typed values or typed errors.

Each ``parse_*`` function takes the raw HTTP answer (status code, headers, body bytes) and returns
a value from ``models.py`` or raises an ``ApiError`` subclass — never any other exception, whatever
the server sends (the property tests feed arbitrary bytes and JSON to prove it). Where the
documentation is unconfirmed (error body field names, the shape of ``error``), every known variant
is accepted.
"""

from __future__ import annotations

import functools
import json
import logging
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

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
    shorten,
)
from seedream_desktop.api.models import (
    CancelOutcome,
    RemoteStatus,
    ResultResponse,
    StatusResponse,
    SubmitResponse,
)
from seedream_desktop.api.money import Balance, CatalogEntry, amount
from seedream_desktop.api.params import COUNT_MAX

logger = logging.getLogger(__name__)

REQUEST_ID_RE = re.compile(r"[A-Za-z0-9_-]{1,128}")

MSG_INTERNAL = "The server refused the request (internal error) — please report this."
MSG_BALANCE = "Your RunComfy balance is used up — top up to keep generating."
MSG_TOKEN = "RunComfy rejected the API token — check it in Settings → Account."
MSG_PERMISSION = "This job belongs to another RunComfy account."
MSG_NOT_FOUND = "This job is expired or unknown on the server."
MSG_RATE_LIMITED = "RunComfy is receiving too many requests — try again in a moment."
MSG_NO_BALANCE_HERE = (
    "There is no RunComfy balance at this address (HTTP 404) — check --balance-url or "
    "SEEDREAM_BALANCE_BASE_URL."
)

_STATUS_WORDS: dict[str, RemoteStatus] = {
    "in_queue": RemoteStatus.QUEUED,
    "pending": RemoteStatus.QUEUED,
    "waiting": RemoteStatus.QUEUED,
    "in_progress": RemoteStatus.RUNNING,
    "starting": RemoteStatus.RUNNING,
    "processing": RemoteStatus.RUNNING,
    "completed": RemoteStatus.COMPLETED,
    "succeeded": RemoteStatus.SUCCEEDED,
    "failed": RemoteStatus.FAILED,
    "cancelled": RemoteStatus.CANCELLED,
    "canceled": RemoteStatus.CANCELLED,
}

_OUTCOMES: dict[str, CancelOutcome] = {
    "cancelled": CancelOutcome.CANCELLED,
    "canceled": CancelOutcome.CANCELLED,
    "not_cancellable": CancelOutcome.NOT_CANCELLABLE,
    "not_cancelable": CancelOutcome.NOT_CANCELLABLE,
}

# The documented error codes, checked before the HTTP status because they are more specific.
_CODE_ERRORS: dict[int, tuple[type[ApiError], str]] = {
    400001: (InvalidRequestError, MSG_INTERNAL),
    400002: (BalanceExhaustedError, MSG_BALANCE),
    400004: (TokenRejectedError, MSG_TOKEN),
    403001: (PermissionDeniedError, MSG_PERMISSION),
    404001: (NotFoundError, MSG_NOT_FOUND),
}
_HTTP_ERRORS: dict[int, tuple[type[ApiError], str]] = {
    401: (TokenRejectedError, MSG_TOKEN),
    402: (BalanceExhaustedError, MSG_BALANCE),
    403: (PermissionDeniedError, MSG_PERMISSION),
    404: (NotFoundError, MSG_NOT_FOUND),
}


def is_valid_request_id(value: object) -> bool:
    return isinstance(value, str) and REQUEST_ID_RE.fullmatch(value) is not None


def header(headers: Mapping[str, str], name: str) -> str | None:
    """A header value looked up case-insensitively, for plain dicts as well as ``httpx.Headers``."""
    wanted = name.lower()
    for key, value in headers.items():
        if isinstance(key, str) and key.lower() == wanted and isinstance(value, str):
            return value
    return None


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value: delta-seconds or an HTTP-date."""
    if value is None:
        return None
    text = value.strip()
    try:
        seconds = float(text)
    except ValueError:
        try:
            when = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - (now or datetime.now(UTC))).total_seconds()
    if not math.isfinite(seconds):
        return None
    return max(seconds, 0.0)


def error_from_response(status_code: int, headers: Mapping[str, str], body: bytes) -> ApiError:
    """The typed error for an HTTP error answer (or a 200 carrying an error code)."""
    fields = _error_fields(_try_json(body))
    code = fields.code
    if status_code == 429:
        return RateLimitedError(
            MSG_RATE_LIMITED,
            retry_after=parse_retry_after(header(headers, "Retry-After")),
            status_code=status_code,
            error_code=code,
        )
    kind = _CODE_ERRORS.get(code) if code is not None else None
    if kind is None:
        kind = _HTTP_ERRORS.get(status_code)
    if kind is not None:
        error_type, message = kind
        return error_type(message, status_code=status_code, error_code=code)
    said = f": {fields.text}" if fields.text else "."
    if status_code in (400, 422):
        return InvalidRequestError(
            f"The server refused the request{said}", status_code=status_code, error_code=code
        )
    if 500 <= status_code <= 599:
        return ServerError(
            f"RunComfy had a server problem (HTTP {status_code}) — try again in a moment.",
            status_code=status_code,
            error_code=code,
        )
    what = f"error {code}" if code is not None else f"HTTP {status_code}"
    return ProtocolError(
        f"Unexpected answer from RunComfy ({what}){said}", status_code=status_code, error_code=code
    )


def parse_submit(status_code: int, headers: Mapping[str, str], body: bytes) -> SubmitResponse:
    data = _success_object(status_code, headers, body)
    request_id = data.get("request_id")
    if not is_valid_request_id(request_id):
        raise _protocol("the submit answer has no valid request_id", status_code)
    return SubmitResponse(
        request_id=request_id,
        status_url=_optional_str(data.get("status_url")),
        result_url=_optional_str(data.get("result_url")),
        cancel_url=_optional_str(data.get("cancel_url")),
    )


def parse_status(
    status_code: int,
    headers: Mapping[str, str],
    body: bytes,
    *,
    request_id: str | None = None,
) -> StatusResponse:
    """``request_id`` is the id asked about: it fills a missing one and must match a present one."""
    data = _success_object(status_code, headers, body)
    status, raw = _remote_status(data, status_code)
    position = data.get("queue_position")
    return StatusResponse(
        request_id=_answer_request_id(data, request_id, status_code),
        status=status,
        raw_status=raw,
        queue_position=position if _is_int(position) and position >= 0 else None,
    )


def parse_result(
    status_code: int,
    headers: Mapping[str, str],
    body: bytes,
    *,
    request_id: str | None = None,
) -> ResultResponse:
    data = _success_object(status_code, headers, body)
    status, raw = _remote_status(data, status_code)
    urls = _image_urls(data.get("output"))
    return ResultResponse(
        request_id=_answer_request_id(data, request_id, status_code),
        status=status,
        raw_status=raw,
        # The model makes at most COUNT_MAX images: links past that are never fetched.
        image_urls=urls[:COUNT_MAX],
        images_listed=len(urls),
        error=_error_text(data.get("error")),
        cost=amount(data.get("cost")),
        created_at=_timestamp(data.get("created_at")),
        finished_at=_timestamp(data.get("finished_at")),
    )


def parse_cancel(
    status_code: int,
    headers: Mapping[str, str],
    body: bytes,
    *,
    request_id: str | None = None,
) -> CancelOutcome:
    data = _success_object(status_code, headers, body)
    _answer_request_id(data, request_id, status_code)
    outcome = data.get("outcome")
    if not isinstance(outcome, str) or outcome.strip().lower() not in _OUTCOMES:
        raise _protocol("the cancel answer has no known outcome", status_code)
    return _OUTCOMES[outcome.strip().lower()]


def parse_catalog_entry(status_code: int, headers: Mapping[str, str], body: bytes) -> CatalogEntry:
    """``GET /v1/models/{model_id}``: a missing or unusable price is None, never an error."""
    data = _success_object(status_code, headers, body)
    model_id = data.get("model_id")
    unit = data.get("price_unit")
    return CatalogEntry(
        model_id=model_id.strip() if isinstance(model_id, str) and model_id.strip() else None,
        base_price_usd=amount(data.get("base_price_usd")),
        price_unit=unit.strip().lower() if isinstance(unit, str) and unit.strip() else None,
    )


def parse_balance(status_code: int, headers: Mapping[str, str], body: bytes) -> Balance:
    """``GET …/balance`` → ``{"balance_usd", "currency"}``; no usable amount is a protocol error."""
    if status_code == 404:  # not "this job is unknown": no job was asked about
        raise ProtocolError(MSG_NO_BALANCE_HERE, status_code=status_code)
    data = _success_object(status_code, headers, body)
    value = amount(data.get("balance_usd"))
    if value is None:
        raise _protocol("the balance answer has no usable balance_usd", status_code)
    currency = data.get("currency")
    if isinstance(currency, str) and currency.strip().isascii() and currency.strip().isalpha():
        return Balance(value, currency.strip().upper()[:8])
    return Balance(value)


# --- helpers -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _ErrorFields:
    """What an error body says, from either documented shape."""

    code: int | None
    text: str


def _error_fields(data: Any) -> _ErrorFields:
    if not isinstance(data, dict):
        return _ErrorFields(None, "")
    code = _error_code(data.get("error_code"))
    if code is None:
        code = _error_code(data.get("code"))
    message = next(
        (
            data[key]
            for key in ("error_message", "message", "error")
            if isinstance(data.get(key), str) and data[key].strip()
        ),
        "",
    )
    details = data.get("detail")
    parts = [message] if message else []
    if isinstance(details, list):
        parts.extend(_detail_text(item) for item in details[:5])
    elif isinstance(details, str):
        parts.append(details)
    return _ErrorFields(code, shorten("; ".join(p for p in parts if p)))


def _detail_text(item: Any) -> str:
    # FastAPI-style validation details: {"loc": [...], "msg": "..."}; anything else as JSON.
    if isinstance(item, dict) and isinstance(item.get("msg"), str):
        loc = item.get("loc")
        where = (
            ".".join(str(p) for p in loc if isinstance(p, str | int))
            if isinstance(loc, list)
            else ""
        )
        return f"{where}: {item['msg']}" if where else item["msg"]
    return item if isinstance(item, str) else _compact_json(item)


def _error_code(value: Any) -> int | None:
    if _is_int(value):
        return value
    text = value.strip() if isinstance(value, str) else ""
    if text.isascii() and text.isdigit() and len(text) <= 12:
        return int(text)
    return None


def _try_json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        return None


def _success_object(status_code: int, headers: Mapping[str, str], body: bytes) -> dict[str, Any]:
    """The JSON object of a 2xx answer; any other status or a top-level error code raises."""
    if not 200 <= status_code <= 299:
        raise error_from_response(status_code, headers, body)
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        raise _protocol("the answer is not valid JSON", status_code) from None
    if not isinstance(data, dict):
        raise _protocol("the answer is not a JSON object", status_code)
    # Some RunComfy APIs answer 200 with an error code; 0 or empty means no error.
    if data.get("error_code") not in (None, 0, "", "0", False):
        raise error_from_response(status_code, headers, body)
    return data


def _protocol(what: str, status_code: int) -> ProtocolError:
    return ProtocolError(
        f"RunComfy sent an answer this app does not understand ({what}).", status_code=status_code
    )


def _remote_status(data: dict[str, Any], status_code: int) -> tuple[RemoteStatus, str]:
    raw = data.get("status")
    if not isinstance(raw, str) or not raw.strip():
        raise _protocol("the answer has no status", status_code)
    status = _STATUS_WORDS.get(raw.strip().lower(), RemoteStatus.UNKNOWN)
    if status is RemoteStatus.UNKNOWN:
        _warn_unknown_status(shorten(raw, 40))
    return status, raw


@functools.lru_cache(maxsize=64)
def _warn_unknown_status(raw: str) -> None:
    """Once per value (the cache remembers it), not on every poll."""
    logger.warning("Unknown remote status %r: treated as still running", raw)


def _answer_request_id(data: dict[str, Any], asked: str | None, status_code: int) -> str:
    answered = data.get("request_id")
    if answered is None and asked is not None:
        return asked
    if not is_valid_request_id(answered):
        raise _protocol("the answer has no valid request_id", status_code)
    if asked is not None and answered != asked:
        raise _protocol("the answer is about another request", status_code)
    return answered


def _image_urls(output: Any) -> tuple[str, ...]:
    """``output.images`` then ``output.image``, de-duplicated; video outputs are ignored."""
    if not isinstance(output, dict):
        return ()
    candidates: list[Any] = []
    images = output.get("images")
    if isinstance(images, list):
        candidates.extend(images)
    elif images is not None:
        candidates.append(images)
    candidates.append(output.get("image"))
    urls: list[str] = []
    for item in candidates:
        if isinstance(item, str) and item.strip():
            if item.strip() not in urls:
                urls.append(item.strip())
        elif item is not None:
            # Keep the images that are usable rather than failing the whole (paid) job.
            logger.warning("Ignored an output image entry that is not a URL string")
    return tuple(urls)


def _error_text(error: Any) -> str | None:
    if error is None or error == "" or error == {}:
        return None
    if isinstance(error, str):
        return shorten(error)
    if isinstance(error, dict):
        fields = _error_fields(error)
        if fields.text:
            return fields.text
    return shorten(_compact_json(error))


def _timestamp(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    if _is_int(value) or (isinstance(value, float) and math.isfinite(value)):
        return str(value)
    return None


def _optional_str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _compact_json(value: Any) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))[:1000]
    except (TypeError, ValueError, RecursionError):
        return str(type(value).__name__)
