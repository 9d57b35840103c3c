"""``RunComfyClient``: the four Model API calls, the catalog price, the balance and the download.

Two httpx clients: one for the API and the balance host (bearer token via ``BearerAuth``, which
lets it reach exactly those two origins) and one for images, with no credentials at all,
connecting only where the ``AddressPolicy`` allows. Every API exchange has a total deadline, so a
server dripping its answer byte by byte cannot hold a call open: a per-read timeout alone never
fires while bytes keep trickling in.

Reads (status, result, catalog, balance) and cancel, which the server treats as idempotent, are
retried on transient failures. A submit is retried only when the request provably never left
this machine: a re-sent submit could be charged twice.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import Any, TypeVar

import httpx

from seedream_desktop import __version__
from seedream_desktop.api.address_policy import AddressPolicy
from seedream_desktop.api.auth import BearerAuth, TokenSource
from seedream_desktop.api.body import ACCEPT_ENCODING, read_capped
from seedream_desktop.api.download import download_image, new_download_client
from seedream_desktop.api.download_target import DownloadTarget
from seedream_desktop.api.errors import (
    ApiError,
    InvalidRequestError,
    NetworkError,
    ProtocolError,
    ServerError,
    SubmitOutcomeUnknownError,
)
from seedream_desktop.api.models import (
    CancelOutcome,
    DownloadedImage,
    ResultResponse,
    StatusResponse,
    SubmitResponse,
)
from seedream_desktop.api.money import Balance, CatalogEntry
from seedream_desktop.api.network import NetworkMessages, network_error
from seedream_desktop.api.params import GenerationParams
from seedream_desktop.api.responses import (
    is_valid_request_id,
    parse_balance,
    parse_cancel,
    parse_catalog_entry,
    parse_result,
    parse_status,
    parse_submit,
)
from seedream_desktop.api.retry import RetryPolicies, Sleep, with_retries
from seedream_desktop.api.urls import (
    BALANCE_PATH,
    CATALOG_PATH,
    DEFAULT_BALANCE_BASE_URL,
    DEFAULT_BASE_URL,
    SUBMIT_PATH,
    is_loopback_host,
    request_path,
    validate_base_url,
)

logger = logging.getLogger(__name__)

T = TypeVar("T")
Parser = Callable[[int, Mapping[str, str], bytes], T]

MSG_OUTCOME_UNKNOWN = "The server did not confirm the request — it may have been charged."
MSG_BAD_REQUEST_ID = "This job's server id is not valid — please report this."
# API answers are a few hundred bytes; a far larger body is a misrouted or broken server.
MAX_API_BODY_BYTES = 1024 * 1024
TOKEN_MASK = "•••"
_NETWORK_MESSAGES = NetworkMessages(
    unreachable="Cannot reach RunComfy — check the internet connection.",
    timed_out="RunComfy did not answer in time.",
    broke_off="The connection to RunComfy broke off.",
)


@dataclass(frozen=True, slots=True)
class ClientTimeouts:
    """Seconds. ``read`` is per read of the socket; ``request_total`` bounds one API exchange
    (RunComfy's own CLI allows 60 s), ``download_total`` a whole image with its retries."""

    connect: float = 10.0
    read: float = 30.0
    write: float = 30.0
    pool: float = 10.0
    request_total: float = 60.0
    download_total: float = 180.0

    def to_httpx(self) -> httpx.Timeout:
        return httpx.Timeout(connect=self.connect, read=self.read, write=self.write, pool=self.pool)


class RunComfyClient:
    """One instance for the app's life; close it with ``aclose()`` or ``async with``."""

    def __init__(
        self,
        token: TokenSource,
        *,
        base_url: str = DEFAULT_BASE_URL,
        balance_base_url: str = DEFAULT_BALANCE_BASE_URL,
        transport: httpx.AsyncBaseTransport | None = None,
        balance_transport: httpx.AsyncBaseTransport | None = None,
        download_transport: httpx.AsyncBaseTransport | None = None,
        retry: RetryPolicies | None = None,
        timeouts: ClientTimeouts | None = None,
        max_image_bytes: int = 50 * 1024 * 1024,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._base_url = validate_base_url(base_url)
        self._balance_url = validate_base_url(balance_base_url, example=DEFAULT_BALANCE_BASE_URL)
        self._retry = retry or RetryPolicies()
        self._timeouts = timeouts or ClientTimeouts()
        self._max_image_bytes = max_image_bytes
        self._sleep = sleep
        # Loopback image hosts (and http to them) are acceptable only when the whole
        # conversation stays on this machine: the emulator in demo mode and tests.
        self._address_policy = AddressPolicy(
            allow_loopback=is_loopback_host(httpx.URL(self._base_url).host)
        )
        balance_origin = httpx.URL(self._balance_url).copy_with(path="/")
        self._api = httpx.AsyncClient(
            base_url=self._base_url,
            auth=BearerAuth(token, self._base_url, self._balance_url),
            timeout=self._timeouts.to_httpx(),
            transport=transport,
            mounts=(
                None
                if balance_transport is None
                else {str(balance_origin).rstrip("/"): balance_transport}
            ),
            follow_redirects=False,
            headers={
                "User-Agent": f"seedream-desktop/{__version__}",
                "Accept-Encoding": ACCEPT_ENCODING,
            },
        )
        self._downloads = new_download_client(
            timeout=self._timeouts.to_httpx(),
            policy=self._address_policy,
            transport=download_transport,
        )

    @property
    def base_url(self) -> str:
        return self._base_url

    @property
    def balance_base_url(self) -> str:
        return self._balance_url

    async def __aenter__(self) -> RunComfyClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        try:
            await self._api.aclose()
        finally:
            await self._downloads.aclose()

    async def submit(self, params: GenerationParams) -> SubmitResponse:
        """Start a job. Never re-sent once it may have reached the server.

        Raises ``SubmitOutcomeUnknownError`` when the request may have been accepted but no
        usable answer came back — any 5xx included: a proxy may answer 503 after forwarding it.
        Only ``RateLimitedError`` (429) says the server provably refused it.
        """
        body = params.to_json()

        async def once() -> SubmitResponse:
            return await self._exchange("POST", SUBMIT_PATH, parse_submit, json=body)

        try:
            return await with_retries(
                once,
                policy=self._retry.submit_unsent,
                sleep=self._sleep,
                what=f"POST {SUBMIT_PATH}",
                should_retry=_never_sent,
            )
        except NetworkError as error:
            if not error.request_sent:
                raise
            raise SubmitOutcomeUnknownError(MSG_OUTCOME_UNKNOWN) from error
        except (ServerError, ProtocolError) as error:
            # Anything but a clear refusal may hide an accepted (and charged) job.
            raise SubmitOutcomeUnknownError(
                MSG_OUTCOME_UNKNOWN, status_code=error.status_code
            ) from error

    async def status(self, request_id: str) -> StatusResponse:
        return await self._idempotent(
            "GET", request_path(_checked(request_id), "status"), _bind(parse_status, request_id)
        )

    async def result(self, request_id: str, *, include_cost: bool = True) -> ResultResponse:
        query = {"include_cost": "true"} if include_cost else None
        return await self._idempotent(
            "GET",
            request_path(_checked(request_id), "result"),
            _bind(parse_result, request_id),
            params=query,
        )

    async def cancel(self, request_id: str) -> CancelOutcome:
        # Retried like a read: repeating a cancel does no harm. But when the first one's answer
        # was lost, the retry may find the job already cancelled and answer not_cancellable, so
        # that outcome alone does not prove the job is still running.
        return await self._idempotent(
            "POST", request_path(_checked(request_id), "cancel"), _bind(parse_cancel, request_id)
        )

    async def catalog_entry(self) -> CatalogEntry:
        """The model's catalog entry: its live price, when the catalog states one."""
        return await self._idempotent("GET", CATALOG_PATH, parse_catalog_entry)

    async def balance(self) -> Balance:
        """The account balance, from the balance host (not the Model API's)."""
        return await self._idempotent("GET", self._balance_url + BALANCE_PATH, parse_balance)

    async def download(self, url: str, target: DownloadTarget) -> DownloadedImage:
        """Fetch a result image into ``target`` (``<stem>.png|.jpg|.webp``)."""
        return await download_image(
            self._downloads,
            url,
            target,
            policy=self._address_policy,
            max_bytes=self._max_image_bytes,
            deadline=self._timeouts.download_total,
            retry=self._retry.image_get,
            sleep=self._sleep,
        )

    async def _idempotent(
        self, method: str, path: str, parse: Parser[T], *, params: dict[str, str] | None = None
    ) -> T:
        return await with_retries(
            lambda: self._exchange(method, path, parse, params=params),
            policy=self._retry.api_read,
            sleep=self._sleep,
            what=f"{method} {path}",
        )

    async def _exchange(
        self,
        method: str,
        path: str,
        parse: Parser[T],
        *,
        params: dict[str, str] | None = None,
        json: dict[str, Any] | None = None,
    ) -> T:
        """One HTTP exchange, its failures mapped to ``ApiError``s and its answer parsed."""
        started = time.monotonic()
        try:
            async with (
                asyncio.timeout(self._timeouts.request_total),
                self._api.stream(method, path, params=params, json=json) as response,
            ):
                body = await read_capped(response, MAX_API_BODY_BYTES)
        except httpx.HTTPError as exc:
            logger.warning("%s %s failed (%s)", method, path, type(exc).__name__)
            raise network_error(exc, _NETWORK_MESSAGES) from exc
        except TimeoutError:
            logger.warning(
                "%s %s gave no whole answer within %g s", method, path, self._timeouts.request_total
            )
            raise NetworkError(_NETWORK_MESSAGES.timed_out) from None
        logger.debug(
            "%s %s -> %d (%.0f ms)",
            method,
            path,
            response.status_code,
            (time.monotonic() - started) * 1000,
        )
        return _parse_with_masked_words(
            parse, response.status_code, response.headers, body, _sent_token(response.request)
        )


def _never_sent(error: ApiError) -> bool:
    return isinstance(error, NetworkError) and not error.request_sent


def _checked(request_id: str) -> str:
    """A request id safe to put into a URL path (it came from a submit answer or the library)."""
    if not is_valid_request_id(request_id):
        raise InvalidRequestError(MSG_BAD_REQUEST_ID)
    return request_id


def _bind(parse: Callable[..., T], request_id: str) -> Parser[T]:
    def parse_for(status_code: int, headers: Mapping[str, str], body: bytes) -> T:
        return parse(status_code, headers, body, request_id=request_id)

    return parse_for


def _sent_token(request: httpx.Request) -> str:
    return request.headers.get("Authorization", "").removeprefix("Bearer ").strip()


def _parse_with_masked_words(
    parse: Parser[T], status_code: int, headers: Mapping[str, str], body: bytes, token: str
) -> T:
    """Decisions from the answer as it came; the words a user reads from a token-masked copy.

    A server may quote the Authorization header back, and those words are shown, logged and
    stored (an error message, a failed job's reason). Masking the body before parsing once
    rewrote answers themselves: a short token turned an accepted submit into a protocol error.
    The words are taken from a parse of the masked copy because messages are shortened, and a
    cut-off piece of a quoted token would no longer match the token afterwards.
    """
    try:
        answer = parse(status_code, headers, body)
    except ApiError as error:
        if token:
            words = _masked_parse(parse, status_code, headers, body, token)
            shown = words.user_message if isinstance(words, ApiError) else error.user_message
            error.user_message = shown.replace(token, TOKEN_MASK)
            error.args = (error.user_message,)
        raise
    if token and isinstance(answer, ResultResponse) and answer.error:
        words = _masked_parse(parse, status_code, headers, body, token)
        shown = words.error if isinstance(words, ResultResponse) and words.error else answer.error
        answer = dataclasses.replace(answer, error=shown.replace(token, TOKEN_MASK))
    return answer


def _masked_parse(
    parse: Parser[T], status_code: int, headers: Mapping[str, str], body: bytes, token: str
) -> T | ApiError:
    masked = body
    # The escaped form first: it is the longer one and may contain the raw form's pieces.
    for form in sorted({json.dumps(token)[1:-1], token}, key=len, reverse=True):
        masked = masked.replace(form.encode(), TOKEN_MASK.encode())
    try:
        return parse(status_code, headers, masked)
    except ApiError as error:
        return error
