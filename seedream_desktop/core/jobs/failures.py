"""Which kind of problem an exception is, and the one clean line kept with it on the job.

The one place that maps error types to an :class:`ErrorKind`: the runner stores both with the
job, the window and the CLI read the stored kind (a rejected token opens the token prompt, the
CLI picks its exit code), and ``wording.py`` turns kind and detail into words.
"""

from __future__ import annotations

from dataclasses import dataclass

from seedream_desktop.api.errors import (
    ApiError,
    BalanceExhaustedError,
    DownloadError,
    InvalidRequestError,
    NetworkError,
    NotFoundError,
    PermissionDeniedError,
    ProtocolError,
    RateLimitedError,
    ServerError,
    SubmitOutcomeUnknownError,
    TokenRejectedError,
    shorten,
)
from seedream_desktop.core.fs_errors import describe_os_error
from seedream_desktop.core.imagecheck import ImageCheckError
from seedream_desktop.core.models import ErrorKind
from seedream_desktop.core.paths import LibraryError

# Most specific first: the first type that matches decides.
_API_KINDS: tuple[tuple[type[ApiError], ErrorKind], ...] = (
    (TokenRejectedError, ErrorKind.TOKEN_REJECTED),
    (BalanceExhaustedError, ErrorKind.BALANCE),
    (RateLimitedError, ErrorKind.RATE_LIMITED),
    (SubmitOutcomeUnknownError, ErrorKind.OUTCOME_UNKNOWN),
    (NetworkError, ErrorKind.NETWORK),
    (ServerError, ErrorKind.SERVER),
    (NotFoundError, ErrorKind.NOT_FOUND),
    (PermissionDeniedError, ErrorKind.PERMISSION),
    (InvalidRequestError, ErrorKind.INVALID_REQUEST),
    (ProtocolError, ErrorKind.PROTOCOL),
    (DownloadError, ErrorKind.DOWNLOAD),
)


@dataclass(frozen=True, slots=True)
class Failure:
    """What the library keeps about a problem: its kind and one line a designer can read."""

    kind: ErrorKind
    detail: str | None = None


def failure_of(exc: BaseException) -> Failure:
    """The kind of ``exc`` and its detail: never a traceback, never more than one short line."""
    if isinstance(exc, ApiError):
        kind = next((k for t, k in _API_KINDS if isinstance(exc, t)), ErrorKind.UNEXPECTED)
        return Failure(kind, one_line(exc.user_message))
    if isinstance(exc, ImageCheckError):
        return Failure(ErrorKind.DOWNLOAD, one_line(str(exc)))
    if isinstance(exc, LibraryError):
        return Failure(ErrorKind.LIBRARY, one_line(str(exc)))
    if isinstance(exc, OSError):
        return Failure(ErrorKind.LIBRARY, one_line(describe_os_error(exc)))
    # A bug: the trace goes to the log; the job keeps what the exception said, or its type.
    return Failure(ErrorKind.UNEXPECTED, one_line(str(exc)) or type(exc).__name__)


def one_line(text: str | None) -> str | None:
    """``text`` as one bounded line, ``None`` when nothing is left."""
    if text is None:
        return None
    return shorten(text) or None
