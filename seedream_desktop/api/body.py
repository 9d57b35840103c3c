"""Reading an API answer's body within a size cap that counts decompressed bytes as they arrive.

httpx decodes each received chunk in one go, so a few KB of gzip can become hundreds of MB in
memory before any cap on the decoded bytes is looked at. Here the raw bytes are inflated with
zlib's ``max_length``: never more than the cap's worth of output exists at once.
"""

from __future__ import annotations

import zlib

import httpx

from seedream_desktop.api.errors import ProtocolError
from seedream_desktop.api.responses import header

#: What the API client asks for: zlib reads both (brotli or zstd would need their own bound).
ACCEPT_ENCODING = "gzip, deflate"
MSG_TOO_LARGE = "RunComfy sent an answer far larger than expected."
MSG_ENCODING = "RunComfy sent an answer in an encoding this app does not read."
# zlib's wbits: 16 + MAX_WBITS reads a gzip wrapper, 32 + MAX_WBITS a zlib wrapper or gzip.
_WBITS = {
    "gzip": 16 + zlib.MAX_WBITS,
    "x-gzip": 16 + zlib.MAX_WBITS,
    "deflate": 32 + zlib.MAX_WBITS,
}


class _Inflater:
    def __init__(self, wbits: int, status_code: int) -> None:
        self._zlib = zlib.decompressobj(wbits)
        self._status_code = status_code

    def feed(self, data: bytes, room: int) -> bytes:
        out = self._zlib.decompress(data, room + 1)
        if len(out) > room or self._zlib.unconsumed_tail:
            raise ProtocolError(MSG_TOO_LARGE, status_code=self._status_code)
        return out

    def finish(self) -> bytes:
        return self._zlib.flush()


async def read_capped(response: httpx.Response, limit: int) -> bytes:
    """The decoded body, or ``ProtocolError`` as soon as it would exceed ``limit`` bytes."""
    status = response.status_code
    if response.is_stream_consumed:
        # Built in memory (a test's mock transport), decoded then: no stream left to bound.
        return _within(response.content, limit, status)
    encoding = (header(response.headers, "Content-Encoding") or "identity").strip().lower()
    inflater = None
    if encoding != "identity":
        wbits = _WBITS.get(encoding)
        if wbits is None:
            raise ProtocolError(MSG_ENCODING, status_code=status)
        inflater = _Inflater(wbits, status)
    body = bytearray()
    try:
        async for chunk in response.aiter_raw():
            piece = chunk if inflater is None else inflater.feed(chunk, limit - len(body))
            if len(body) + len(piece) > limit:
                raise ProtocolError(MSG_TOO_LARGE, status_code=status)
            body += piece
        if inflater is not None:
            body += inflater.finish()
    except zlib.error:
        raise ProtocolError(MSG_ENCODING, status_code=status) from None
    return _within(bytes(body), limit, status)


def _within(body: bytes, limit: int, status_code: int) -> bytes:
    if len(body) > limit:
        raise ProtocolError(MSG_TOO_LARGE, status_code=status_code)
    return body
