"""The catalog price and the balance: what is asked, where the token goes, what is read."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import httpx
import pytest

from seedream_desktop.api.errors import BalanceExhaustedError, ProtocolError, TokenRejectedError
from seedream_desktop.api.money import Balance, CatalogEntry, amount
from seedream_desktop.api.params import MODEL_ID
from seedream_desktop.api.responses import parse_balance, parse_catalog_entry
from seedream_desktop.api.urls import DEFAULT_BALANCE_BASE_URL

from .conftest import API, TOKEN, ClientFactory, Recorder, json_response


def body(value: Any) -> bytes:
    return json.dumps(value).encode()


@pytest.mark.parametrize(
    ("answer", "price", "unit"),
    [
        (
            {"model_id": MODEL_ID, "base_price_usd": 0.027, "price_unit": "output"},
            "0.027",
            "output",
        ),
        ({"base_price_usd": "0.03", "price_unit": " Output "}, "0.03", "output"),
        ({"model_id": MODEL_ID}, None, None),
        ({"base_price_usd": None, "price_unit": None}, None, None),
        ({"base_price_usd": float("nan"), "price_unit": "output"}, None, "output"),
        ({"base_price_usd": float("inf"), "price_unit": "output"}, None, "output"),
        ({"base_price_usd": -0.03, "price_unit": "output"}, None, "output"),
        ({"base_price_usd": True, "price_unit": 7}, None, None),
        ({"base_price_usd": 0.5, "price_unit": "second"}, "0.5", "second"),
    ],
)
def test_catalog_entry_keeps_only_a_usable_price(
    answer: dict[str, Any], price: str | None, unit: str | None
) -> None:
    entry = parse_catalog_entry(200, {}, body(answer))
    assert entry.base_price_usd == (None if price is None else Decimal(price))
    assert entry.price_unit == unit


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ({"balance_usd": 4.91, "currency": "USD"}, Balance(Decimal("4.91"))),
        ({"balance_usd": 0}, Balance(Decimal(0))),
        ({"balance_usd": "12.5", "currency": "eur"}, Balance(Decimal("12.5"), "EUR")),
        ({"balance_usd": 1, "currency": "<b>"}, Balance(Decimal(1))),
    ],
)
def test_balance_is_read_as_an_exact_amount(answer: dict[str, Any], expected: Balance) -> None:
    assert parse_balance(200, {}, body(answer)) == expected


@pytest.mark.parametrize(
    "answer",
    [{}, {"balance_usd": None}, {"balance_usd": float("nan")}, {"balance_usd": -1}, [1]],
)
def test_a_balance_answer_without_a_usable_amount_is_a_protocol_error(answer: Any) -> None:
    with pytest.raises(ProtocolError):
        parse_balance(200, {}, body(answer))


def test_a_balance_url_without_a_balance_says_where_to_look() -> None:
    with pytest.raises(ProtocolError, match="--balance-url"):
        parse_balance(404, {}, body({"error_code": 404001}))


@pytest.mark.parametrize("code", [402, 400])
def test_balance_refusals_read_as_top_up(code: int) -> None:
    answer = {"detail": "Insufficient balance"} if code == 402 else {"error_code": 400002}
    with pytest.raises(BalanceExhaustedError, match="top up"):
        parse_balance(code, {}, body(answer))


async def test_catalog_and_balance_go_to_their_own_hosts_with_the_token(
    make_client: ClientFactory,
) -> None:
    api = Recorder(
        json_response(200, {"base_price_usd": 0.03, "price_unit": "output"}),
        json_response(200, {"balance_usd": 3.5, "currency": "USD"}),
    )
    client = make_client(api)
    assert await client.catalog_entry() == CatalogEntry(None, Decimal("0.03"), "output")
    assert await client.balance() == Balance(Decimal("3.5"))
    catalog, balance = api.requests
    assert (catalog.method, str(catalog.url)) == ("GET", f"{API}/v1/models/{MODEL_ID}")
    assert (balance.method, str(balance.url)) == ("GET", f"{DEFAULT_BALANCE_BASE_URL}/balance")
    assert catalog.headers["Authorization"] == balance.headers["Authorization"] == f"Bearer {TOKEN}"


async def test_a_redirect_from_the_balance_host_is_not_followed(make_client: ClientFactory) -> None:
    api = Recorder(httpx.Response(302, headers={"Location": "https://elsewhere.example/steal"}))
    with pytest.raises(ProtocolError):
        await make_client(api).balance()
    assert [r.url.host for r in api.requests] == ["api.runcomfy.net"]


async def test_a_rejected_token_on_the_balance_host_reads_as_a_token_problem(
    make_client: ClientFactory,
) -> None:
    api = Recorder(json_response(401, {"error_code": 400004}))
    with pytest.raises(TokenRejectedError):
        await make_client(api).balance()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0.03, "0.03"),  # the JSON number's text, not the binary float's 0.0299999…
        (-0.0, "0"),
        ("1e-999999", "0"),
        ("0.1234567890123456", "0.123456789012"),
        (10**12, None),  # no price, cost or balance is that large: a broken answer
        (1e13, None),
    ],
)
def test_an_amount_stays_within_what_can_be_shown_and_summed(
    value: object, expected: str | None
) -> None:
    assert amount(value) == (None if expected is None else Decimal(expected))
