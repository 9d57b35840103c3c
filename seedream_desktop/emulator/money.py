"""The emulated account's money: a wallet that pays for jobs, and amounts written as configured.

The wallet is charged at submit (a job it cannot pay for is refused there, as RunComfy does) and
gives back what a cancelled job took, so the balance always equals the start minus the costs
the result answers report.
"""

from __future__ import annotations

import json
import threading
from decimal import Decimal
from typing import Any

from starlette.responses import JSONResponse, Response

from seedream_desktop.emulator.bodies import ErrorCode
from seedream_desktop.emulator.config import AmountReport, Refusal
from seedream_desktop.emulator.responses import error_response


class Wallet:
    """Thread-safe: a served emulator charges on its own thread while a test reads it."""

    def __init__(self, balance: Decimal) -> None:
        self._balance = balance
        self._charged: dict[str, Decimal] = {}
        self._lock = threading.Lock()

    @property
    def balance(self) -> Decimal:
        with self._lock:
            return self._balance

    def charge(self, request_id: str, price: Decimal, *, need: Decimal | None = None) -> bool:
        """Take ``price`` for a job, if the balance covers ``need`` (default: the price)."""
        with self._lock:
            if self._balance < (price if need is None else need):
                return False
            self._balance -= price
            self._charged[request_id] = price
            return True

    def refund(self, request_id: str) -> None:
        with self._lock:
            self._balance += self._charged.pop(request_id, Decimal(0))

    def charged(self, request_id: str) -> Decimal:
        with self._lock:
            return self._charged.get(request_id, Decimal(0))


def put_amount(body: dict[str, Any], key: str, value: Decimal, report: AmountReport) -> None:
    """``body[key]`` written the way ``report`` asks (or left out)."""
    if report is AmountReport.EXACT:
        body[key] = float(value)
    elif report is AmountReport.NON_FINITE:
        body[key] = float("nan")
    elif report is AmountReport.NEGATIVE:
        body[key] = -float(value or 1)


class LooseJSONResponse(JSONResponse):
    """JSON that may hold NaN: Starlette's own refuses to write it, a careless server does not."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, allow_nan=True, separators=(",", ":")).encode()


def insufficient_balance(refusal: Refusal) -> Response:
    if refusal is Refusal.HTTP_402:
        return JSONResponse({"detail": "Insufficient balance."}, status_code=402)
    return error_response(ErrorCode.INSUFFICIENT_RESOURCES, status=400)
