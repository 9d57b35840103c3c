"""Starlette responses for faults: error answers, and a response that dies half-way."""

from __future__ import annotations

import asyncio
import math

from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.types import Receive, Scope, Send

from seedream_desktop.emulator.bodies import ErrorCode, ErrorShape, error_body
from seedream_desktop.emulator.faults import Fault, FaultSpec


class ConnectionDropped(Exception):  # noqa: N818 — names the event, like ConnectionResetError
    """Raised after part of a body was sent: uvicorn then closes the socket mid-response."""


class DroppedResponse(Response):
    """Announces the full length, sends the first half of the body, then aborts."""

    def __init__(self, inner: Response) -> None:
        super().__init__(status_code=inner.status_code)
        self.body = inner.body
        self.raw_headers = inner.raw_headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send(
            {"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers}
        )
        half = bytes(self.body[: max(1, len(self.body) // 2)])
        await send({"type": "http.response.body", "body": half, "more_body": True})
        raise ConnectionDropped("emulator dropped the connection mid-response")


def error_response(
    code: ErrorCode, *, status: int | None = None, shape: ErrorShape = ErrorShape.ERROR_CODE
) -> JSONResponse:
    """The documented error ``code``; the HTTP status defaults to the code's first digits."""
    return JSONResponse(
        error_body(code, code.message, shape), status_code=status or code.http_status
    )


async def apply_fault(spec: FaultSpec | None) -> Response | None:
    """Wait if the fault is SLOW; return the answer that replaces the normal one, if any."""
    if spec is None:
        return None
    if spec.fault is Fault.SLOW:
        await asyncio.sleep(spec.wait)
    return fault_response(spec)


def fault_response(spec: FaultSpec) -> Response | None:
    """The answer that replaces the normal one, or None for faults that alter the normal one."""
    fault = spec.fault
    code = fault.error_code
    if code is not None:
        return error_response(code, status=spec.status, shape=spec.shape)
    if fault is Fault.UNAUTHORIZED:
        return PlainTextResponse("Unauthorized", status_code=401)
    if fault is Fault.RATE_LIMITED:
        return JSONResponse(
            {"detail": "Too many requests"},
            status_code=429,
            headers={"Retry-After": str(math.ceil(spec.wait))},
        )
    if fault is Fault.SERVER_ERROR:
        return PlainTextResponse("Internal Server Error", status_code=500)
    if fault is Fault.UNAVAILABLE:
        return PlainTextResponse(
            "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>",
            status_code=503,
            media_type="text/html",
        )
    if fault is Fault.OK_WITH_ERROR_CODE:
        wanted = spec.error_code or ErrorCode.INSUFFICIENT_RESOURCES
        try:
            message = ErrorCode(wanted).message
        except ValueError:
            message = "Request failed."
        return JSONResponse(error_body(wanted, message, spec.shape), status_code=200)
    if fault is Fault.EXPIRED_URL:
        return Response(
            b"<?xml version='1.0' encoding='UTF-8'?><Error><Code>AccessDenied</Code>"
            b"<Message>Request has expired</Message></Error>",
            status_code=spec.status or 403,
            media_type="application/xml",
        )
    return None
