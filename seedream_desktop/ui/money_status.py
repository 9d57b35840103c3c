"""Money in the window: amounts in the designer's locale, and the status bar's balance and totals.

``MoneyStatus`` reads the balance and the price list (at start, after each job, on a click),
hands the price quote to the estimate, and asks before a job whose estimate is above the balance.
It starts (``start``) once the window has painted its first frame: the price book comes with the
engine's client, and httpx loads after that frame.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QToolButton, QWidget

from seedream_desktop.api.errors import ApiError
from seedream_desktop.api.money import Balance
from seedream_desktop.core.engine import Engine
from seedream_desktop.core.pricing import PriceQuote, quote_from
from seedream_desktop.core.spending import exceeds_balance, spent_totals
from seedream_desktop.ui.async_dialogs import run_dialog
from seedream_desktop.ui.job_wording import TranslatedJobWording
from seedream_desktop.ui.tasks import TaskSet

CENT = Decimal("0.01")


def money_text(value: Decimal, currency: str = "USD") -> str:
    """``US$0.12`` in the locale's way of writing numbers; a price per image keeps a third decimal
    (US$0.027). Decimal to float here only: the amount was summed exactly, this is display."""
    decimals = 2 if value == value.quantize(CENT) else 3
    symbol = "US$" if currency == "USD" else f"{currency} "
    return QLocale().toCurrencyString(float(value), symbol, decimals)


class MoneyStatus(QWidget):
    """The balance (a button: a click reads it and the price list again) and what was spent."""

    #: A new price quote for the estimate.
    quoted = Signal(object)

    def __init__(
        self,
        engine: Engine,
        price_setting: Callable[[], Decimal],
        tasks: TaskSet,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._engine = engine
        self._price_setting = price_setting
        self._tasks = tasks
        self._task: asyncio.Task[None] | None = None
        self._again: bool | None = None  # asked again while reading: None, or force_price
        self._started = False
        self.known_balance: Balance | None = None
        self.spent = QLabel(self)
        self.spent.setAccessibleName(self.tr("Spent"))
        self.balance = QToolButton(self)
        self.balance.setAutoRaise(True)
        self.balance.setAccessibleName(self.tr("RunComfy balance"))
        self.balance.setText(self.tr("Balance: …"))
        self.balance.setToolTip(self._click_tip())
        self.balance.clicked.connect(lambda: self.refresh(force_price=True))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.spent)
        layout.addWidget(self.balance)
        self.update_spent()

    def quote(self) -> PriceQuote:
        """The price to estimate with now (no network); the setting until ``start``."""
        if not self._started:
            return quote_from(None, self._price_setting())
        return self._engine.prices.quote(self._price_setting())

    def start(self) -> None:
        """Quote from the price book (its cached price list) and read the balance; once."""
        if self._started:
            return
        self._started = True
        self.quoted.emit(self.quote())
        self.refresh()

    def refresh(self, *, force_price: bool = False) -> None:
        """Read the balance and (when a day old, or with ``force_price``) the price list again."""
        if not self._started:
            return  # ``start`` reads them
        if self._task is None or self._task.done():
            self._task = self._tasks.spawn(self._refresh(force_price))
        else:
            # A job that just ended may not be in the answer under way: read once more after it.
            self._again = bool(self._again) or force_price

    def stop(self) -> None:
        """Before the window goes: a refresh still running would write to deleted widgets."""
        if self._task is not None:
            self._task.cancel()

    def update_spent(self) -> None:
        totals = spent_totals(self._engine.library, self._engine.started_at)
        self.spent.setText(
            self.tr("Spent: {session} since start · {month} this month").format(
                session=money_text(totals.session), month=money_text(totals.month)
            )
        )

    def exceeds_balance(self, estimate: Decimal) -> bool:
        return exceeds_balance(estimate, self.known_balance)

    async def confirm_above_balance(self, estimate: Decimal) -> bool:
        """Ask whether to send a job estimated above the balance; No is the default."""
        balance = self.known_balance
        assert balance is not None
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("More than the balance"),
            self.tr(
                "This job is estimated at {estimate}, more than your RunComfy balance of "
                "{balance}. RunComfy refuses a job the balance cannot pay for. Send it anyway?"
            ).format(
                estimate=money_text(estimate),
                balance=money_text(balance.amount, balance.currency),
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.window(),
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        try:
            return await run_dialog(box) == QMessageBox.StandardButton.Yes
        finally:
            box.deleteLater()  # not WA_DeleteOnClose: run_dialog disconnects from it after

    async def _refresh(self, force_price: bool) -> None:
        prices = self._engine.prices
        self.quoted.emit(await prices.refresh(self._price_setting(), force=force_price))
        problem = ""
        try:
            self.known_balance = await self._engine.client.balance()
        except ApiError as exc:
            from seedream_desktop.core.jobs.failures import failure_of  # off the start path

            failure = failure_of(exc)
            problem = TranslatedJobWording().error_text(failure.kind, failure.detail)
            self.known_balance = None
        balance = self.known_balance
        if balance is not None:
            shown = money_text(balance.amount, balance.currency)
            self.balance.setText(self.tr("Balance: {balance}").format(balance=shown))
        else:
            self.balance.setText(self.tr("Balance: unknown"))
        self.balance.setToolTip(f"{problem}\n{self._click_tip()}" if problem else self._click_tip())
        self.update_spent()
        if self._again is not None:
            again, self._again = self._again, None
            self._task = self._tasks.spawn(self._refresh(again))

    def _click_tip(self) -> str:
        return self.tr("Click to read the balance and the price list again")
