"""``seedream-desktop balance``, and the estimate ``generate`` checks against the balance.

``generate`` refuses a job whose estimate is above the known balance unless ``--yes`` is given.
The window asks in that case; a command line cannot ask (it runs in scripts), so it answers as
the window's default button does — don't send — and says how to send anyway. ``--yes`` is for
the designer who knows better: the balance was just topped up, or the estimate is pessimistic
(the model may return fewer images; the price per image is an estimate). An unreadable balance
never stops a job: the server refuses, without charging, a job the account cannot pay for.
"""

from __future__ import annotations

import logging
from decimal import Decimal

from seedream_desktop.api.client import RunComfyClient
from seedream_desktop.api.errors import (
    ApiError,
    BalanceExhaustedError,
    TokenRejectedError,
    TransientError,
)
from seedream_desktop.api.money import Balance
from seedream_desktop.cli.output import ExitCode, say
from seedream_desktop.core.pricing import PriceBook, PriceQuote, PriceSource, SettingReason
from seedream_desktop.core.spending import exceeds_balance

log = logging.getLogger(__name__)

#: How each quote names its price, for the estimate line.
_SOURCES = {
    PriceSource.CATALOG: "RunComfy's price list",
    SettingReason.NOT_ASKED: "the price setting",
    SettingReason.UNREACHABLE: "the price setting: RunComfy's price list could not be read",
    SettingReason.NO_PRICE: "the price setting: RunComfy's price list gives no price",
    SettingReason.OTHER_UNIT: "the price setting: RunComfy's price is not per image",
}


def usd(value: Decimal) -> str:
    """US$ with cents; a price per image keeps its third decimal (US$0.027)."""
    places = Decimal("0.01") if value == value.quantize(Decimal("0.01")) else Decimal("0.001")
    return f"US${value.quantize(places):,}"


def money(balance: Balance) -> str:
    return (
        usd(balance.amount) if balance.currency == "USD" else f"{balance.amount} {balance.currency}"
    )


def describe_estimate(quote: PriceQuote, count: int) -> str:
    """``Estimate: US$0.12 (4 × US$0.03, from RunComfy's price list)``."""
    source = _SOURCES[quote.reason or quote.source]
    return (
        f"Estimate: {usd(quote.estimate(count))} ({count} × {usd(quote.per_image)}, from {source})"
    )


async def print_balance(client: RunComfyClient) -> int:
    """Print the balance to stdout; an exit code as the README's table has it."""
    try:
        balance = await client.balance()
    except ApiError as error:
        say(f"Error: {error.user_message}")
        return _exit_code(error)
    print(f"Balance: {money(balance)}", flush=True)
    return ExitCode.OK


async def check_funds(
    client: RunComfyClient, prices: PriceBook, setting: Decimal, count: int, *, yes: bool
) -> int | None:
    """Say the estimate; None to go on, else the exit code of a job not sent."""
    quote = await prices.refresh(setting)
    say(describe_estimate(quote, count))
    if yes:
        return None
    try:
        balance: Balance | None = await client.balance()
    except ApiError as error:
        log.warning("The balance could not be read: %s", error.user_message)
        balance = None
    if balance is None or not exceeds_balance(quote.estimate(count), balance):
        return None
    say(
        f"Not sent: the estimate is more than the balance ({money(balance)}). Top up your "
        "RunComfy balance, or pass --yes to send it anyway."
    )
    return ExitCode.BALANCE_EXHAUSTED


def _exit_code(error: ApiError) -> int:
    if isinstance(error, TokenRejectedError):
        return ExitCode.TOKEN_REJECTED
    if isinstance(error, BalanceExhaustedError):
        return ExitCode.BALANCE_EXHAUSTED
    if isinstance(error, TransientError):
        return ExitCode.NETWORK
    return ExitCode.UNEXPECTED
