"""The price before Generate: catalog or setting (said which), cached a day, refreshed on demand."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from seedream_desktop.api.client import RunComfyClient
from seedream_desktop.api.money import CatalogEntry
from seedream_desktop.api.retry import RetryPolicies, RetryPolicy
from seedream_desktop.core.pricing import (
    CACHE_FILE,
    PriceBook,
    PriceQuote,
    PriceSource,
    SettingReason,
    quote_from,
    setting_price,
)

SETTING = Decimal("0.03")
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            CatalogEntry(None, Decimal("0.027"), "output"),
            PriceQuote(Decimal("0.027"), PriceSource.CATALOG, T0, "output"),
        ),
        (
            CatalogEntry(None, None, None),
            PriceQuote(SETTING, PriceSource.SETTING, T0, None, SettingReason.NO_PRICE),
        ),
        (
            CatalogEntry(None, Decimal("0.5"), "second"),
            PriceQuote(SETTING, PriceSource.SETTING, T0, "second", SettingReason.OTHER_UNIT),
        ),
        (
            CatalogEntry(None, Decimal("0.5"), None),
            PriceQuote(SETTING, PriceSource.SETTING, T0, None, SettingReason.OTHER_UNIT),
        ),
    ],
)
def test_the_quote_uses_the_catalog_only_for_a_price_per_image(
    entry: CatalogEntry, expected: PriceQuote
) -> None:
    assert quote_from(entry, SETTING, fetched_at=T0) == expected


def test_without_a_catalog_entry_the_quote_says_whether_asking_failed() -> None:
    assert quote_from(None, SETTING).reason is SettingReason.NOT_ASKED
    assert quote_from(None, SETTING, failed=True).reason is SettingReason.UNREACHABLE


def test_the_estimate_is_the_count_asked_times_the_price_in_exact_cents() -> None:
    quote = PriceQuote(Decimal("0.03"), PriceSource.CATALOG)
    assert quote.estimate(3) == Decimal("0.09")  # not 0.09000000000000001
    assert setting_price(0.045) == Decimal("0.045")


class Catalog:
    """The API's catalog: answers with ``answer`` (a body, or an exception), counts the GETs."""

    def __init__(self, answer: dict[str, Any] | Exception) -> None:
        self.answer = answer
        self.gets = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.gets += 1
        if isinstance(self.answer, Exception):
            raise self.answer
        return httpx.Response(200, json=self.answer)


def names(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir()]


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
async def catalog() -> AsyncIterator[tuple[Catalog, RunComfyClient]]:
    server = Catalog({"base_price_usd": 0.027, "price_unit": "output"})
    client = RunComfyClient(
        lambda: "tok",
        transport=httpx.MockTransport(server),
        retry=RetryPolicies.uniform(RetryPolicy(attempts=1)),
    )
    yield server, client
    await client.aclose()


async def test_the_catalog_is_asked_once_a_day_and_the_answer_survives_a_restart(
    catalog: tuple[Catalog, RunComfyClient], tmp_path: Path
) -> None:
    server, client = catalog
    clock = Clock()
    book = PriceBook(client, tmp_path / CACHE_FILE, clock=clock)
    assert book.quote(SETTING).reason is SettingReason.NOT_ASKED

    first = await book.refresh(SETTING)
    clock.now += timedelta(hours=23)
    again = await PriceBook(client, tmp_path / CACHE_FILE, clock=clock).refresh(SETTING)

    assert first == again == PriceQuote(Decimal("0.027"), PriceSource.CATALOG, T0, "output")
    assert server.gets == 1  # the restarted book read the file, not the catalog

    server.answer = {"base_price_usd": 0.025, "price_unit": "output"}
    clock.now += timedelta(hours=1)
    assert book.quote(SETTING).source is PriceSource.SETTING  # a day old: not shown as live
    assert (await book.refresh(SETTING)).per_image == Decimal("0.025")
    assert server.gets == 2


async def test_refresh_on_demand_asks_even_when_the_cache_is_fresh(
    catalog: tuple[Catalog, RunComfyClient], tmp_path: Path
) -> None:
    server, client = catalog
    book = PriceBook(client, tmp_path / CACHE_FILE, clock=Clock())
    await book.refresh(SETTING)
    server.answer = {"price_unit": "output"}
    quote = await book.refresh(SETTING, force=True)
    assert (quote.source, quote.reason) == (PriceSource.SETTING, SettingReason.NO_PRICE)
    assert server.gets == 2


async def test_an_unreachable_catalog_falls_back_to_the_setting_and_says_so(
    catalog: tuple[Catalog, RunComfyClient], tmp_path: Path
) -> None:
    server, client = catalog
    server.answer = httpx.ConnectError("down")
    quote = await PriceBook(client, tmp_path / CACHE_FILE, clock=Clock()).refresh(SETTING)
    assert quote == PriceQuote(SETTING, PriceSource.SETTING, reason=SettingReason.UNREACHABLE)
    assert not (tmp_path / CACHE_FILE).exists()


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        json.dumps(["a list"]),
        json.dumps({"base_url": "https://other.example", "model_id": "x", "fetched_at": "x"}),
    ],
)
async def test_a_damaged_or_foreign_cache_is_ignored_and_replaced(
    catalog: tuple[Catalog, RunComfyClient], tmp_path: Path, content: str
) -> None:
    _, client = catalog
    (tmp_path / CACHE_FILE).write_text(content)
    book = PriceBook(client, tmp_path / CACHE_FILE, clock=Clock())
    assert book.quote(SETTING).source is PriceSource.SETTING
    assert (await book.refresh(SETTING)).source is PriceSource.CATALOG
    assert json.loads((tmp_path / CACHE_FILE).read_text())["base_price_usd"] == "0.027"
    assert names(tmp_path) == [CACHE_FILE]  # no temp file left behind
