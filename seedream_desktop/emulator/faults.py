"""Fault injection: which faults exist, where they apply, and the plan that hands them out.

The scheme (queued per endpoint, or bound to a token / ``fault-<name>`` tokens) is described in
the package docstring, ``seedream_desktop/emulator/__init__.py``.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import asdict, dataclass
from enum import Enum
from typing import Any

from seedream_desktop.emulator.auth import token_digest
from seedream_desktop.emulator.bodies import ErrorCode, ErrorShape

TOKEN_PREFIX = "fault-"


class Endpoint(Enum):
    SUBMIT = "submit"
    STATUS = "status"
    RESULT = "result"
    CANCEL = "cancel"
    CATALOG = "catalog"
    BALANCE = "balance"
    IMAGE = "image"


_API = frozenset(
    {
        Endpoint.SUBMIT,
        Endpoint.STATUS,
        Endpoint.RESULT,
        Endpoint.CANCEL,
        Endpoint.CATALOG,
        Endpoint.BALANCE,
    }
)
_ANY = _API | {Endpoint.IMAGE}


class Fault(Enum):
    # A documented error code in the body (HTTP status: the code's first three digits).
    INVALID_RESOURCE = "invalid-resource"  # 400001
    BALANCE = "balance"  # 400002
    TOKEN_REJECTED = "token-rejected"  # 400004
    PERMISSION_DENIED = "permission-denied"  # 403001
    NOT_FOUND = "not-found"  # 404001
    # Bare HTTP failures, bodies as gateways send them.
    UNAUTHORIZED = "unauthorized"  # 401, plain text
    RATE_LIMITED = "rate-limited"  # 429 + Retry-After
    SERVER_ERROR = "server-error"  # 500
    UNAVAILABLE = "unavailable"  # 503
    OK_WITH_ERROR_CODE = "ok-with-error-code"  # HTTP 200 whose body is an error
    # The request is served, but badly.
    SLOW = "slow"  # answer after a delay
    DROP = "drop"  # request processed, then the connection dies mid-body
    UNKNOWN_STATUS = "unknown-status"  # an undocumented status value
    # The job itself goes wrong (armed on submit).
    FAILED_RUN = "failed-run"  # result "failed", error a string
    FAILED_RUN_OBJECT = "failed-run-object"  # result "failed", error an object
    FEWER_IMAGES = "fewer-images"  # fewer images than asked
    # The image origin.
    TRUNCATED_IMAGE = "truncated-image"  # a complete response holding half a file
    CORRUPT_IMAGE = "corrupt-image"  # wrong magic bytes
    EXPIRED_URL = "expired-url"  # 403 (or ``status``) as a CDN answers an expired link

    @property
    def endpoints(self) -> frozenset[Endpoint]:
        """Where this fault can be armed."""
        if self in _RUN_FAULTS:
            return frozenset({Endpoint.SUBMIT})
        if self is Fault.UNKNOWN_STATUS:
            return frozenset({Endpoint.STATUS, Endpoint.RESULT})
        if self in _IMAGE_FAULTS:
            return frozenset({Endpoint.IMAGE})
        if self in _TRANSPORT_FAULTS:
            return _ANY
        return _API

    @property
    def error_code(self) -> ErrorCode | None:
        return _CODES.get(self)


_CODES = {
    Fault.INVALID_RESOURCE: ErrorCode.INVALID_RESOURCE_IDENTIFIER,
    Fault.BALANCE: ErrorCode.INSUFFICIENT_RESOURCES,
    Fault.TOKEN_REJECTED: ErrorCode.USER_ACCOUNT_ERROR,
    Fault.PERMISSION_DENIED: ErrorCode.PERMISSION_DENIED,
    Fault.NOT_FOUND: ErrorCode.RESOURCE_NOT_FOUND,
}
_RUN_FAULTS = frozenset({Fault.FAILED_RUN, Fault.FAILED_RUN_OBJECT, Fault.FEWER_IMAGES})
_IMAGE_FAULTS = frozenset({Fault.TRUNCATED_IMAGE, Fault.CORRUPT_IMAGE, Fault.EXPIRED_URL})
# Failures a CDN produces as readily as an API.
_TRANSPORT_FAULTS = frozenset(
    {Fault.RATE_LIMITED, Fault.SERVER_ERROR, Fault.UNAVAILABLE, Fault.SLOW, Fault.DROP}
)


@dataclass(frozen=True, slots=True)
class FaultSpec:
    """A fault with its knobs; every knob has a default that fits the fault."""

    fault: Fault
    #: Field names of error bodies.
    shape: ErrorShape = ErrorShape.ERROR_CODE
    #: SLOW: the delay (default 1 s); RATE_LIMITED: the Retry-After value (default 1 s).
    seconds: float | None = None
    #: HTTP status instead of the default (error-code faults, EXPIRED_URL: 403).
    status: int | None = None
    #: OK_WITH_ERROR_CODE: the code in the body (default 400002).
    error_code: int | None = None
    #: FEWER_IMAGES: how many images the job delivers (default: one fewer than asked).
    images: int | None = None
    #: UNKNOWN_STATUS: the status value ("warming_up"); FAILED_RUN: the error message.
    text: str | None = None

    @property
    def wait(self) -> float:
        """``seconds``, or one second when unset."""
        return 1.0 if self.seconds is None else self.seconds

    @classmethod
    def of(cls, fault: Fault | FaultSpec) -> FaultSpec:
        return fault if isinstance(fault, FaultSpec) else cls(fault)

    def to_json(self) -> dict[str, Any]:
        body = {k: v for k, v in asdict(self).items() if v is not None}
        body["fault"] = self.fault.value
        body["shape"] = self.shape.value
        return body

    @classmethod
    def from_json(cls, body: dict[str, Any]) -> FaultSpec:
        """Parse ``{"fault": "rate-limited", "seconds": 0, ...}``; raises ValueError."""
        try:
            return cls(
                fault=Fault(body["fault"]),
                shape=ErrorShape(body.get("shape", ErrorShape.ERROR_CODE.value)),
                seconds=_optional(body, "seconds", float),
                status=_optional(body, "status", int),
                error_code=_optional(body, "error_code", int),
                images=_optional(body, "images", int),
                text=_optional(body, "text", str),
            )
        except (KeyError, TypeError) as exc:
            raise ValueError(f"bad fault description: {exc}") from None


def _optional(body: dict[str, Any], key: str, kind: type) -> Any:
    value = body.get(key)
    return None if value is None else kind(value)


def fault_named_by_token(token: str) -> Fault | None:
    """``fault-failed-run-object-2`` → FAILED_RUN_OBJECT (the longest matching name wins)."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    name = token.removeprefix(TOKEN_PREFIX)
    for fault in sorted(Fault, key=lambda f: len(f.value), reverse=True):
        if name == fault.value or name.startswith(fault.value + "-"):
            return fault
    return None


class FaultPlan:
    """Thread-safe: a served emulator takes faults on its own thread while a test arms them."""

    def __init__(self, *, fault_tokens: bool = True) -> None:
        self._fault_tokens = fault_tokens
        self._queued: dict[Endpoint, deque[FaultSpec]] = {e: deque() for e in Endpoint}
        self._bound: dict[str, FaultSpec] = {}
        self._lock = threading.Lock()

    def arm(self, endpoint: Endpoint, fault: Fault | FaultSpec, times: int = 1) -> None:
        spec = FaultSpec.of(fault)
        if endpoint not in spec.fault.endpoints:
            raise ValueError(f"fault {spec.fault.value} cannot be armed on {endpoint.value}")
        if times < 1:
            raise ValueError("times must be at least 1")
        with self._lock:
            self._queued[endpoint].extend([spec] * times)

    def bind_token(self, token: str, fault: Fault | FaultSpec) -> None:
        with self._lock:
            self._bound[token_digest(token)] = FaultSpec.of(fault)

    def clear(self) -> None:
        with self._lock:
            for queue in self._queued.values():
                queue.clear()
            self._bound.clear()

    def is_fault_token(self, token: str) -> bool:
        return self._fault_tokens and fault_named_by_token(token) is not None

    def token_fault(self, token: str | None) -> FaultSpec | None:
        if token is None:
            return None
        with self._lock:
            bound = self._bound.get(token_digest(token))
        if bound is not None:
            return bound
        named = fault_named_by_token(token) if self._fault_tokens else None
        return None if named is None else FaultSpec(named)

    def take(self, endpoint: Endpoint, token: str | None = None) -> FaultSpec | None:
        """The fault for this request: the next queued one, else the token's if it applies."""
        with self._lock:
            if self._queued[endpoint]:
                return self._queued[endpoint].popleft()
        spec = self.token_fault(token)
        return spec if spec is not None and endpoint in spec.fault.endpoints else None

    def pending(self) -> dict[str, list[str]]:
        with self._lock:
            return {e.value: [s.fault.value for s in q] for e, q in self._queued.items() if q}
