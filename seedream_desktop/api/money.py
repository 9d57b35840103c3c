"""Money on the wire: amounts, the model's catalog price and the account balance (no Qt).

Parsing of the answers that carry them is in ``responses.py`` with every other answer.

Amounts are ``Decimal``, made from the JSON number's shortest text (``str(float)``): the cents a
server sent are the cents shown and summed, with no binary-float drift in a month's total. A
value that is not a finite number ≥ 0 is no amount at all (``None``) — RunComfy's own nodes
ignore such a cost or price the same way.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

#: The ``price_unit`` meaning "per output": for this model, per image asked.
UNIT_OUTPUT = "output"


def amount(value: Any) -> Decimal | None:
    """A finite, non-negative number (JSON number or numeric string) as ``Decimal``, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value) if 0 <= value < 10**300 else None
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        text = str(value)
    elif isinstance(value, str):
        text = value.strip()
    else:
        return None
    try:
        number = Decimal(text)
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or number < 0 or number.adjusted() > 300:
        return None
    return number


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    """What the model catalog says about the model's price; either field may be unknown."""

    model_id: str | None
    base_price_usd: Decimal | None
    price_unit: str | None


@dataclass(frozen=True, slots=True)
class Balance:
    """The account's wallet, shared by every RunComfy product."""

    amount: Decimal
    currency: str = "USD"
