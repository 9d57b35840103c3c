"""Money in the window: the estimate names its price source, the balance and what was spent show
in the status bar, and a job above the balance is asked about first — in demo mode."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from decimal import Decimal

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from seedream_desktop.core.models import JobState
from seedream_desktop.core.pricing import PriceSource, SettingReason
from seedream_desktop.emulator import Emulator
from seedream_desktop.emulator.config import AmountReport
from seedream_desktop.ui.main_window import MainWindow
from tests.support.waiting import until
from tests.window.sessions import FAST_EMULATOR


@pytest.fixture(autouse=True)
def us_english() -> Iterator[None]:
    """Amounts are written the locale's way: these tests read them as a US designer does."""
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(before)


def money_read(window: MainWindow) -> bool:
    return "…" not in window.money.balance.text()


def generate(qtbot: QtBot, window: MainWindow, prompt: str, count: int) -> None:
    panel = window.generate_panel
    panel.prompt.clear()
    qtbot.keyClicks(panel.prompt, prompt)
    panel.count.setValue(count)
    panel.generate.click()


def question() -> QMessageBox | None:
    return next(
        (w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()),
        None,
    )


async def test_the_demo_job_costs_its_estimate_and_the_balance_goes_down_by_it(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    await until(lambda: money_read(window))
    panel = window.generate_panel
    panel.count.setValue(4)
    assert panel.quote.source is PriceSource.CATALOG
    assert panel.cost.text() == "Estimated cost ≈ US$0.12 (4 × US$0.03, RunComfy's price list)"
    assert window.money.balance.text() == "Balance: US$5.00"

    generate(qtbot, window, "a paper crane unfolding into a swallow", 4)
    await until(lambda: window.engine.library.recent_jobs(1)[0].state is JobState.DONE)

    (job_id,) = window.jobs_panel.job_ids()
    row = window.jobs_panel.row(job_id)
    assert row is not None
    await until(lambda: window.money.balance.text() == "Balance: US$4.88")
    assert "cost US$0.12" in row.state_label.text()
    assert window.money.spent.text() == "Spent: US$0.12 since start · US$0.12 this month"


async def test_until_the_window_watches_jobs_the_estimate_uses_the_setting_and_reads_nothing(
    make_window: Callable[..., MainWindow],
) -> None:
    window = make_window(watch_jobs=False)  # as the app builds it before the first frame
    panel = window.generate_panel
    assert panel.quote.reason is SettingReason.NOT_ASKED  # the price book comes with the client
    assert window.money.balance.text() == "Balance: …"

    window.watch_jobs()
    await until(lambda: money_read(window))
    assert panel.quote.source is PriceSource.CATALOG
    assert window.money.balance.text() == "Balance: US$5.00"


async def test_without_a_catalog_price_the_estimate_names_the_setting_and_follows_it(
    make_window: Callable[..., MainWindow],
) -> None:
    window = make_window(Emulator(replace(FAST_EMULATOR, catalog_price=AmountReport.MISSING)))
    await until(lambda: money_read(window))
    panel = window.generate_panel
    panel.count.setValue(3)
    assert "(3 × US$0.03, your price setting: RunComfy's price list has none)" in panel.cost.text()

    window.apply_settings(replace(window.settings, price_per_image=0.045))
    assert "≈ US$0.135 (3 × US$0.045, your price setting" in panel.cost.text()


async def test_a_job_above_the_balance_is_asked_about_and_sent_only_when_confirmed(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window(Emulator(replace(FAST_EMULATOR, balance_usd=Decimal("0.10"))))
    await until(lambda: money_read(window))

    generate(qtbot, window, "a fox in four seasons", 4)
    await until(lambda: question() is not None)
    box = question()
    assert box is not None
    assert "estimated at US$0.12, more than your RunComfy balance of US$0.10" in box.text()
    box.button(QMessageBox.StandardButton.No).click()
    await until(lambda: question() is None)
    assert window.engine.library.recent_jobs(5) == []  # nothing was recorded, nothing sent

    generate(qtbot, window, "a fox in four seasons", 4)
    await until(lambda: question() is not None)
    box = question()
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    await until(lambda: bool(window.engine.library.recent_jobs(1)))
    await until(lambda: window.engine.library.recent_jobs(1)[0].state is JobState.FAILED)
    (job,) = window.engine.library.recent_jobs(1)
    row = window.jobs_panel.row(job.id)
    assert row is not None and "top" in row.state_label.text()  # the server refused it

    generate(qtbot, window, "a fox in winter", 3)  # within the balance: sent without a question
    await until(lambda: len(window.engine.library.recent_jobs(5)) == 2)
    assert question() is None
