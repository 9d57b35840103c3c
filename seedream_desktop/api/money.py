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
#: No price, cost or balance comes near this; a larger value is a broken answer, and keeping it
#: out keeps every sum and rounding of amounts within Decimal's default precision.
AMOUNT_LIMIT = Decimal(10**12)
TINY = Decimal("1e-12")


def amount(value: Any) -> Decimal | None:
    """A finite, non-negative number (JSON number or numeric string) as ``Decimal``, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value) if 0 <= value < AMOUNT_LIMIT else None
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
    if not number.is_finite() or not 0 <= number < AMOUNT_LIMIT:
        return None
    # At most 12 decimals: "1e-999999" is a number, but not one worth carrying around.
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -12:
        number = number.quantize(TINY)
    # A zero prints without a sign or exponent ("-0.0", "0E-12").
    return Decimal(0) if number.is_zero() else number


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
