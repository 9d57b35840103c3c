"""Totals of what the server said jobs cost, and the balance check before a submit."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from seedream_desktop.api.money import Balance
from seedream_desktop.api.params import GenerationParams
from seedream_desktop.core.library import Library
from seedream_desktop.core.spending import exceeds_balance, month_start, spent_totals


def finished_job(lib: Library, cost: Decimal | None, finished_at: datetime) -> int:
    job = lib.create_job(GenerationParams.from_description("a red fox", 3))
    lib.update_job(job.id, cost=cost, finished_at=finished_at)
    return job.id


def test_totals_add_exact_cents_since_the_start_and_for_the_month(lib: Library) -> None:
    now = datetime(2026, 12, 15, 12, 0).astimezone()
    started = now - timedelta(minutes=5)
    for _ in range(10):
        finished_job(lib, Decimal("0.03"), now)
    finished_job(lib, None, now)  # cost not reported: nothing is made up
    finished_job(lib, Decimal("0.45"), now - timedelta(days=3))
    finished_job(lib, Decimal("9.99"), month_start(now) - timedelta(seconds=1))

    totals = spent_totals(lib, started, now)
    assert totals.session == Decimal("0.30")  # ten floats of 0.03 would not make 0.30
    assert totals.month == Decimal("0.75")


def test_a_stored_cost_no_server_should_send_counts_as_unknown(
    lib: Library, tmp_path: Path
) -> None:
    now = datetime.now(UTC)
    good = finished_job(lib, Decimal("0.06"), now)
    bad = finished_job(lib, Decimal("0.06"), now)
    with sqlite3.connect(tmp_path / "library" / "library.sqlite3") as conn:
        conn.execute("UPDATE jobs SET cost = -1 WHERE id = ?", (bad,))
    assert lib.get_job(bad).cost is None  # type: ignore[union-attr]
    assert lib.get_job(good).cost == Decimal("0.06")  # type: ignore[union-attr]
    assert lib.spent_since(now - timedelta(minutes=1)) == Decimal("0.06")


@pytest.mark.parametrize(
    ("estimate", "balance", "exceeds"),
    [
        (Decimal("0.45"), Balance(Decimal("0.44")), True),
        (Decimal("0.45"), Balance(Decimal("0.45")), False),
        (Decimal("0.45"), None, False),
    ],
)
def test_only_a_known_balance_below_the_estimate_asks_first(
    estimate: Decimal, balance: Balance | None, exceeds: bool
) -> None:
    assert exceeds_balance(estimate, balance) is exceeds
