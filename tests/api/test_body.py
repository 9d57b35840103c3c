"""API answers are read within a cap on their inflated size, compressed or not."""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import AsyncIterator

import httpx
import pytest

from seedream_desktop.api.body import read_capped
from seedream_desktop.api.errors import ProtocolError

ANSWER = json.dumps({"request_id": "r1", "status": "completed", "pad": "x" * 5000}).encode()


class Chunks(httpx.AsyncByteStream):
    def __init__(self, body: bytes, size: int = 700) -> None:
        self._body = body
        self._size = size

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for start in range(0, len(self._body), self._size):
            yield self._body[start : start + self._size]


async def read(body: bytes, encoding: str | None, limit: int = 1 << 20) -> bytes:
    headers = {"Content-Encoding": encoding} if encoding else {}
    transport = httpx.MockTransport(
        lambda r: httpx.Response(200, headers=headers, stream=Chunks(body))
    )
    async with (
        httpx.AsyncClient(transport=transport) as client,
        client.stream("GET", "https://api.test/x") as response,
    ):
        return await read_capped(response, limit)


@pytest.mark.parametrize(
    ("encoding", "encode"),
    [
        (None, lambda b: b),
        ("identity", lambda b: b),
        ("gzip", gzip.compress),
        ("deflate", zlib.compress),
    ],
)
async def test_an_answer_within_the_cap_arrives_whole(encoding: str | None, encode) -> None:  # type: ignore[no-untyped-def]
    assert await read(encode(ANSWER), encoding) == ANSWER


@pytest.mark.parametrize(("encoding", "encode"), [(None, lambda b: b), ("gzip", gzip.compress)])
async def test_one_byte_past_the_cap_is_refused(encoding: str | None, encode) -> None:  # type: ignore[no-untyped-def]
    assert await read(encode(ANSWER), encoding, limit=len(ANSWER)) == ANSWER
    with pytest.raises(ProtocolError, match="far larger"):
        await read(encode(ANSWER), encoding, limit=len(ANSWER) - 1)


@pytest.mark.parametrize(("encoding", "body"), [("br", b"\x00\x01"), ("gzip", b"not gzip at all")])
async def test_an_encoding_that_cannot_be_read_is_a_protocol_error(
    encoding: str, body: bytes
) -> None:
    with pytest.raises(ProtocolError, match="encoding"):
        await read(body, encoding)
