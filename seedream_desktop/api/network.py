"""How a failed httpx exchange becomes a ``NetworkError``, for the API and the image server."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from seedream_desktop.api.errors import NetworkError


@dataclass(frozen=True, slots=True)
class NetworkMessages:
    """What the user reads for each kind of failure, naming the server that failed."""

    unreachable: str
    timed_out: str
    broke_off: str


def network_error(exc: httpx.HTTPError, messages: NetworkMessages) -> NetworkError:
    """The error for ``exc``; ``request_sent`` is False only when no connection was ever made."""
    if isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout):
        return NetworkError(messages.unreachable, request_sent=False)
    if isinstance(exc, httpx.TimeoutException):
        return NetworkError(messages.timed_out)
    return NetworkError(messages.broke_off)
