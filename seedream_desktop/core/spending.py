"""What has been spent (from the costs the server reported) and whether a job fits the balance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from seedream_desktop.api.money import Balance
from seedream_desktop.core.library import Library


@dataclass(frozen=True, slots=True)
class SpentTotals:
    session: Decimal  # since the app (or the command) started
    month: Decimal  # since the start of this calendar month, local time


def month_start(now: datetime | None = None) -> datetime:
    """Midnight of the first day of ``now``'s month in local time (the designer's calendar)."""
    local = (now or datetime.now()).astimezone()
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def spent_totals(
    library: Library, session_start: datetime, now: datetime | None = None
) -> SpentTotals:
    return SpentTotals(library.spent_since(session_start), library.spent_since(month_start(now)))


def exceeds_balance(estimate: Decimal, balance: Balance | None) -> bool:
    """True when a known balance is lower than the estimate: the designer should decide first.

    An unknown balance (not read, or unreadable) never stops a job: the server refuses, without
    charging, a job the account cannot pay for.
    """
    return balance is not None and estimate > balance.amount
