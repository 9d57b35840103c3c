"""In-process transport: the ASGI apps without a socket, failing the way a socket would."""

from __future__ import annotations

import httpx

from seedream_desktop.emulator.responses import ConnectionDropped


class EmulatorTransport(httpx.ASGITransport):
    """``httpx.ASGITransport`` that turns a dropped response into httpx's own network error.

    Over a socket the client sees ``RemoteProtocolError`` when the server closes mid-body; a
    plain ASGITransport would surface the app's internal exception instead.
    """

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return await super().handle_async_request(request)
        except ConnectionDropped:
            raise httpx.RemoteProtocolError(
                "peer closed connection without sending complete message body", request=request
            ) from None
