"""The emulated account: the catalog price, a balance that pays for jobs, refusals, odd amounts."""

from __future__ import annotations

import json
import math
from decimal import Decimal

import httpx
import pytest

from seedream_desktop.emulator import Emulator, EmulatorConfig, ManualClock
from seedream_desktop.emulator.config import AmountReport, Refusal
from tests.emulator.conftest import AUTH, QUEUE_SECONDS, RUN_SECONDS, SUBMIT_PATH, body
from tests.support.fixtures import TEST_TOKEN


def emulator(clock: ManualClock, **config: object) -> Emulator:
    return Emulator(
        EmulatorConfig(
            tokens=frozenset({TEST_TOKEN}),
            queue_seconds=QUEUE_SECONDS,
            run_seconds=RUN_SECONDS,
            per_image_seconds=0.0,
            **config,  # type: ignore[arg-type]
        ),
        clock=clock,
    )


async def get_json(transport: httpx.AsyncBaseTransport, url: str) -> tuple[int, object]:
    async with httpx.AsyncClient(transport=transport) as client:
        response = await client.get(url, headers=AUTH)
    # Python's reader accepts NaN, as the app's does: what a careless server sends arrives.
    return response.status_code, json.loads(response.content)


async def balance_of(emu: Emulator) -> object:
    status, data = await get_json(emu.balance_transport(), "http://127.0.0.3/prod/v2/balance")
    assert status == 200
    return data


async def test_catalog_entry_carries_the_configured_price(clock: ManualClock) -> None:
    with emulator(clock, price_per_image=Decimal("0.027")) as emu:
        status, data = await get_json(emu.api_transport(), f"http://127.0.0.1{SUBMIT_PATH}")
    assert status == 200
    assert isinstance(data, dict)
    assert (data["base_price_usd"], data["price_unit"]) == (0.027, "output")


@pytest.mark.parametrize(
    ("report", "check"),
    [
        (AmountReport.MISSING, lambda d: "base_price_usd" not in d),
        (AmountReport.NON_FINITE, lambda d: math.isnan(d["base_price_usd"])),
        (AmountReport.NEGATIVE, lambda d: d["base_price_usd"] < 0),
    ],
)
async def test_catalog_price_can_be_missing_or_unusable(
    clock: ManualClock, report: AmountReport, check: object
) -> None:
    with emulator(clock, catalog_price=report) as emu:
        _, data = await get_json(emu.api_transport(), f"http://127.0.0.1{SUBMIT_PATH}")
    assert callable(check) and check(data)


async def test_balance_goes_down_by_each_job_and_cost_says_the_same(clock: ManualClock) -> None:
    with emulator(clock, balance_usd=Decimal("1.00")) as emu:
        assert await balance_of(emu) == {"balance_usd": 1.0, "currency": "USD"}
        async with httpx.AsyncClient(
            transport=emu.api_transport(), base_url="http://127.0.0.1"
        ) as api:
            rid = (await api.post(SUBMIT_PATH, json=body(4), headers=AUTH)).json()["request_id"]
            clock.advance(QUEUE_SECONDS + RUN_SECONDS)
            result = await api.get(
                f"/v1/requests/{rid}/result", params={"include_cost": "true"}, headers=AUTH
            )
        assert result.json()["cost"] == 0.12
        assert await balance_of(emu) == {"balance_usd": 0.88, "currency": "USD"}


async def test_a_cancelled_job_gives_its_price_back(clock: ManualClock) -> None:
    with emulator(clock, balance_usd=Decimal("1.00")) as emu:
        async with httpx.AsyncClient(
            transport=emu.api_transport(), base_url="http://127.0.0.1"
        ) as api:
            rid = (await api.post(SUBMIT_PATH, json=body(5), headers=AUTH)).json()["request_id"]
            assert await balance_of(emu) == {"balance_usd": 0.85, "currency": "USD"}
            await api.post(f"/v1/requests/{rid}/cancel", headers=AUTH)
        assert await balance_of(emu) == {"balance_usd": 1.0, "currency": "USD"}


@pytest.mark.parametrize(
    ("refusal", "status", "code"),
    [(Refusal.ERROR_CODE, 400, 400002), (Refusal.HTTP_402, 402, None)],
)
async def test_a_job_the_balance_cannot_pay_for_is_refused_and_not_queued(
    clock: ManualClock, refusal: Refusal, status: int, code: int | None
) -> None:
    with emulator(clock, balance_usd=Decimal("0.05"), refusal=refusal) as emu:
        async with httpx.AsyncClient(
            transport=emu.api_transport(), base_url="http://127.0.0.1"
        ) as api:
            refused = await api.post(SUBMIT_PATH, json=body(2), headers=AUTH)
        assert refused.status_code == status
        assert refused.json().get("error_code") == code
        assert emu.jobs() == []
        assert await balance_of(emu) == {"balance_usd": 0.05, "currency": "USD"}


async def test_the_balance_host_checks_the_token(clock: ManualClock) -> None:
    with emulator(clock) as emu:
        async with httpx.AsyncClient(transport=emu.balance_transport()) as client:
            response = await client.get("http://127.0.0.3/prod/v2/balance")
    assert response.status_code == 401
