"""Cost and balance end to end: the real client, runner and library against the emulator served
on loopback sockets — the API on one origin, the balance host on another, images on a third."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

import pytest

from seedream_desktop.api.client import RunComfyClient
from seedream_desktop.api.errors import BalanceExhaustedError
from seedream_desktop.api.money import Balance
from seedream_desktop.api.params import GenerationParams
from seedream_desktop.core.jobs.polling import PollSchedule
from seedream_desktop.core.jobs.runner import JobRunner, RunnerOptions
from seedream_desktop.core.jobs.wording import job_problem
from seedream_desktop.core.library import Library, LibraryPaths
from seedream_desktop.core.models import ErrorKind, JobState
from seedream_desktop.core.pricing import CACHE_FILE, PriceBook, PriceSource, SettingReason
from seedream_desktop.core.spending import exceeds_balance
from seedream_desktop.emulator import Emulator, Origin
from seedream_desktop.emulator.config import AmountReport, Refusal
from tests.support.emulator_server import ServedEmulator, serve_emulator
from tests.support.fixtures import FAST_CONFIG, TEST_TOKEN
from tests.support.sleeping import QuickSleep

SETTING = Decimal("0.03")
RUNNER = RunnerOptions(poll=PollSchedule(initial=0.02, factor=1.5, maximum=0.1))


@dataclass
class World:
    served: ServedEmulator
    client: RunComfyClient
    library: Library
    runner: JobRunner
    prices: PriceBook


@pytest.fixture
def config_changes() -> dict[str, object]:
    return {}


@pytest.fixture
def served(config_changes: dict[str, object]) -> Iterator[ServedEmulator]:
    with Emulator(replace(FAST_CONFIG, **config_changes)) as emu, serve_emulator(emu) as served:
        yield served


@pytest.fixture
async def world(served: ServedEmulator, tmp_path: Path) -> AsyncIterator[World]:
    sleep = QuickSleep()
    client = RunComfyClient(
        lambda: TEST_TOKEN,
        base_url=served.base_url,
        balance_base_url=served.balance_base_url,
        sleep=sleep,
    )
    library = Library.open(LibraryPaths.for_root(tmp_path / "library"))
    library.paths.ensure()
    runner = JobRunner(library, client, replace(RUNNER, sleep=sleep))
    yield World(served, client, library, runner, PriceBook(client, tmp_path / CACHE_FILE))
    await runner.shutdown()
    await client.aclose()
    library.close()


def params(count: int) -> GenerationParams:
    return GenerationParams.from_description("a paper crane", count, seed=5)


async def test_a_job_costs_its_estimate_and_the_balance_goes_down_by_it(world: World) -> None:
    quote = await world.prices.refresh(SETTING)
    before = await world.client.balance()

    job = await world.runner.wait_for(world.runner.enqueue(params(4)).id)
    after = await world.client.balance()

    assert (quote.source, quote.per_image) == (PriceSource.CATALOG, Decimal("0.03"))
    assert job.state is JobState.DONE
    assert job.cost == quote.estimate(4) == Decimal("0.12")
    assert before == Balance(Decimal("5.0"))
    assert after.amount == before.amount - job.cost
    assert world.library.get_job(job.id).cost == Decimal("0.12")  # type: ignore[union-attr]


async def test_the_token_reaches_the_api_and_the_balance_host_and_never_the_images(
    world: World,
) -> None:
    await world.client.balance()
    await world.runner.wait_for(world.runner.enqueue(params(2)).id)

    emulator = world.served.emulator
    assert emulator.auth_violations() == []
    assert [r.had_auth for r in emulator.requests(Origin.BALANCE)] == [True]
    assert all(r.had_auth for r in emulator.requests(Origin.API))
    assert len(emulator.requests(Origin.IMAGE)) == 2


@pytest.mark.parametrize(
    "config_changes",
    [{"catalog_price": AmountReport.MISSING}, {"catalog_price": AmountReport.NON_FINITE}],
)
async def test_a_catalog_without_a_usable_price_falls_back_to_the_setting(world: World) -> None:
    quote = await world.prices.refresh(SETTING)
    assert (quote.source, quote.reason) == (PriceSource.SETTING, SettingReason.NO_PRICE)
    assert quote.estimate(3) == Decimal("0.09")


@pytest.mark.parametrize(
    "config_changes",
    [{"cost_report": AmountReport.NON_FINITE}, {"cost_report": AmountReport.NEGATIVE}],
)
async def test_a_cost_no_server_should_send_is_kept_as_unknown(world: World) -> None:
    job = await world.runner.wait_for(world.runner.enqueue(params(2)).id)
    assert job.state is JobState.DONE  # the images were paid for: they are kept
    assert job.cost is None
    assert world.library.spent_since(job.created_at) == 0


@pytest.mark.parametrize(
    "config_changes",
    [
        {"balance_usd": Decimal("0.10"), "refusal": Refusal.HTTP_402},
        {"balance_usd": Decimal("0.10"), "refusal": Refusal.ERROR_CODE},
    ],
)
async def test_a_balance_too_low_for_the_job_is_known_before_and_refused_after(
    world: World,
) -> None:
    quote = await world.prices.refresh(SETTING)
    balance = await world.client.balance()
    assert exceeds_balance(quote.estimate(4), balance)  # 0.12 > 0.10: the window asks first
    assert not exceeds_balance(quote.estimate(3), balance)

    job = await world.runner.wait_for(world.runner.enqueue(params(4)).id)

    assert (job.state, job.error_kind) == (JobState.FAILED, ErrorKind.BALANCE)
    assert re.search(r"balance .*top (it )?up", job_problem(job))
    assert world.served.emulator.jobs() == []  # refused: nothing ran, nothing was charged
    assert await world.client.balance() == balance


@pytest.mark.parametrize("config_changes", [{"refusal": Refusal.HTTP_402}])
async def test_a_bare_402_from_the_client_reads_as_top_up(world: World) -> None:
    world.served.emulator.wallet.charge("someone-else", Decimal("5.00"))
    with pytest.raises(BalanceExhaustedError, match="top up"):
        await world.client.submit(params(1))
