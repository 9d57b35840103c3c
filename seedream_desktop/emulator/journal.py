"""What the emulator saw, for tests: every request (never its headers) and auth violations."""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass
from enum import Enum
from typing import Any

from seedream_desktop.emulator.faults import Fault


class Origin(Enum):
    API = "api"
    IMAGE = "image"
    BALANCE = "balance"


@dataclass(frozen=True, slots=True)
class RequestRecord:
    origin: Origin
    method: str
    path: str
    #: Whether an Authorization header came along (its value is never recorded).
    had_auth: bool
    status: int
    fault: Fault | None = None

    def to_json(self) -> dict[str, Any]:
        body = asdict(self)
        body["origin"] = self.origin.value
        body["fault"] = None if self.fault is None else self.fault.value
        return body


class Journal:
    def __init__(self) -> None:
        self._records: list[RequestRecord] = []
        self._lock = threading.Lock()

    def record(self, record: RequestRecord) -> None:
        with self._lock:
            self._records.append(record)

    def requests(self, origin: Origin | None = None) -> list[RequestRecord]:
        with self._lock:
            return [r for r in self._records if origin is None or r.origin is origin]

    def auth_violations(self) -> list[RequestRecord]:
        """Requests that carried an Authorization header to the image origin."""
        return [r for r in self.requests(Origin.IMAGE) if r.had_auth]
