"""The bearer token, attached only to requests for the origins it was given: RunComfy's Model API
and its balance endpoint, each as configured — no image host, no redirect target, nothing else.

httpx sends client-level headers to every host a client talks to; an ``httpx.Auth`` sees each
request (redirects included) and can check where it goes before adding the token.
"""

from __future__ import annotations

from collections.abc import Callable, Generator

import httpx

from seedream_desktop.api.errors import TokenRejectedError

TokenSource = Callable[[], str | None]

MSG_NO_TOKEN = "No API token set — add one in Settings → Account."
MSG_BAD_TOKEN = (
    "The API token contains characters a token cannot have — paste it again in Settings → Account."
)

_DEFAULT_PORTS = {"http": 80, "https": 443}


def origin(url: httpx.URL) -> tuple[str, str, int | None]:
    """Scheme, host and effective port: the token must not follow a downgrade to http either."""
    return (url.scheme, url.host, url.port or _DEFAULT_PORTS.get(url.scheme))


class BearerAuth(httpx.Auth):
    """``Authorization: Bearer <token>`` for requests to the origins of ``base_urls`` only.

    The token is read from ``token`` for every request, so a token replaced in Settings applies to
    the next call without rebuilding the client.
    """

    def __init__(self, token: TokenSource, *base_urls: str) -> None:
        if not base_urls:
            raise ValueError("BearerAuth needs the origin(s) the token may go to")
        self._token = token
        self._origins = frozenset(origin(httpx.URL(url)) for url in base_urls)

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if origin(request.url) in self._origins:
            request.headers["Authorization"] = f"Bearer {self._current_token()}"
        yield request

    def _current_token(self) -> str:
        token = (self._token() or "").strip()
        if not token:
            raise TokenRejectedError(MSG_NO_TOKEN)
        # A pasted line break or non-ASCII character would make the HTTP layer raise an error
        # that quotes the header value, token included.
        if not token.isascii() or not token.isprintable() or " " in token:
            raise TokenRejectedError(MSG_BAD_TOKEN)
        return token
