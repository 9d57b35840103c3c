"""Helpers for API client tests: a client on ``httpx.MockTransport``, image bytes, fake sleep."""

from __future__ import annotations

import json
import struct
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest

from seedream_desktop.api.client import ClientTimeouts, RunComfyClient
from seedream_desktop.api.retry import RetryPolicies, RetryPolicy

TOKEN = "tok-SECRET-1234567890"
API = "https://model-api.runcomfy.net"
CDN = "https://serverless-api-storage.runcomfy.net"
REQUEST_ID = "req_abc-123"

Handler = Callable[[httpx.Request], httpx.Response | Awaitable[httpx.Response]]


def json_response(status: int, body: Any, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(status, content=json.dumps(body).encode(), headers=headers)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def png_bytes(width: int = 4, height: int = 4) -> bytes:
    """A real, decodable RGB PNG."""
    rows = b"".join(b"\x00" + b"\x80\x40\x20" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + _png_chunk(b"IDAT", zlib.compress(rows))
        + _png_chunk(b"IEND", b"")
    )


def jpeg_bytes(payload_size: int = 64) -> bytes:
    """SOI, an APP0 marker, filler, EOI: enough for the sniff and end checks."""
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x11" * payload_size + b"\xff\xd9"


def webp_bytes(payload_size: int = 32) -> bytes:
    body = b"WEBPVP8 " + struct.pack("<I", payload_size) + b"\x22" * payload_size
    return b"RIFF" + struct.pack("<I", len(body)) + body


class SleepRecorder:
    """Stands in for ``asyncio.sleep``: records the delays, returns at once."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)


class Recorder:
    """A MockTransport handler that records requests and answers from a script or a function."""

    def __init__(self, *answers: httpx.Response | Exception | Handler) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        if isinstance(answer, httpx.Response):
            return answer
        result = answer(request)
        return await result if isinstance(result, Awaitable) else result


ClientFactory = Callable[..., RunComfyClient]


@pytest.fixture
def sleep() -> SleepRecorder:
    return SleepRecorder()


@pytest.fixture
async def make_client(sleep: SleepRecorder) -> AsyncIterator[ClientFactory]:
    clients: list[RunComfyClient] = []

    def factory(
        api: Handler | None = None,
        downloads: Handler | None = None,
        *,
        token: Callable[[], str | None] = lambda: TOKEN,
        base_url: str = API,
        retry: RetryPolicy | None = None,
        timeouts: ClientTimeouts | None = None,
        max_image_bytes: int = 1024 * 1024,
    ) -> RunComfyClient:
        client = RunComfyClient(
            token,
            base_url=base_url,
            transport=httpx.MockTransport(api) if api else None,
            download_transport=httpx.MockTransport(downloads) if downloads else None,
            retry=RetryPolicies.uniform(
                retry or RetryPolicy(attempts=3, base_delay=1.0, max_delay=8.0, jitter=False)
            ),
            timeouts=timeouts,
            max_image_bytes=max_image_bytes,
            sleep=sleep,
        )
        clients.append(client)
        return client

    yield factory
    for client in clients:
        await client.aclose()
