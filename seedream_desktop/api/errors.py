"""Typed errors of the RunComfy client.

Every error carries ``user_message``: one line a designer can read in a status bar or a job row.
No error ever holds the API token, a request header, or a full response body — only what the
server said, shortened.
"""

from __future__ import annotations

MAX_SERVER_TEXT = 200


def shorten(text: str, limit: int = MAX_SERVER_TEXT) -> str:
    """One line of at most ``limit`` characters, for showing server text verbatim but bounded."""
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


class ApiError(Exception):
    """Base of every failure the client reports. ``str()`` is the user message."""

    #: Whether doing the same thing again later may succeed without the user changing anything.
    transient: bool = False

    def __init__(
        self,
        user_message: str,
        *,
        status_code: int | None = None,
        error_code: int | None = None,
    ) -> None:
        super().__init__(user_message)
        self.user_message = user_message
        self.status_code = status_code
        self.error_code = error_code

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}({self.user_message!r}, status_code={self.status_code}, "
            f"error_code={self.error_code})"
        )


class TokenRejectedError(ApiError):
    """400004 / HTTP 401: token missing, expired, revoked, or account inactive."""


class BalanceExhaustedError(ApiError):
    """400002 / HTTP 402: the RunComfy balance is used up."""


class PermissionDeniedError(ApiError):
    """403001 / HTTP 403 on the API: the request id belongs to another account."""


class NotFoundError(ApiError):
    """404001 / HTTP 404: unknown or expired request id."""


class InvalidRequestError(ApiError):
    """400001 / HTTP 400 / 422: the server refused the request itself (a bug on our side)."""


class RateLimitedError(ApiError):
    """HTTP 429. ``retry_after`` is the server's wait in seconds, if it gave one."""

    transient = True

    def __init__(self, user_message: str, *, retry_after: float | None = None, **kw: int) -> None:
        super().__init__(user_message, **kw)
        self.retry_after = retry_after


class TransientError(ApiError):
    """A server error (5xx) or network failure that may pass by itself."""

    transient = True


class ServerError(TransientError):
    """HTTP 5xx from the API."""


class NetworkError(TransientError):
    """No usable answer: connection refused, DNS, TLS, timeout, connection dropped."""

    def __init__(self, user_message: str, *, request_sent: bool = True, **kw: int) -> None:
        super().__init__(user_message, **kw)
        #: False only when the request provably never left this machine (connect failure).
        self.request_sent = request_sent


class SubmitOutcomeUnknownError(ApiError):
    """A submit POST may have reached the server but no usable answer came back.

    It must never be re-sent automatically: the server may have accepted (and charged) it.
    """


class ProtocolError(ApiError):
    """A response that does not fit the documented API (bad JSON, missing fields, wrong types)."""


class DownloadError(ApiError):
    """A result image could not be fetched or is not a valid image."""


class DownloadExpiredError(DownloadError):
    """The image URL answered 403/404/410: the link has expired."""


class ImageTooLargeError(DownloadError):
    """The image exceeds the size cap."""


class NotAnImageError(DownloadError):
    """The bytes are not PNG, JPEG or WebP, or the file is cut short."""


class UnsafeUrlError(DownloadError):
    """An image URL that is neither https nor loopback http (when the API is on loopback)."""
