"""The estimate under the composer: what a job of this many images will cost, and which price
it used (RunComfy's price list, or the price setting and why)."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QLocale
from PySide6.QtWidgets import QLabel, QWidget

from seedream_desktop.core.pricing import PriceQuote, PriceSource, SettingReason
from seedream_desktop.ui.money_status import money_text


class CostEstimate(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Estimated cost"))
        # Wraps rather than widening the panel: the estimate names its price source, and in
        # German that line is longer than the panel.
        self.setWordWrap(True)

    def show_estimate(self, quote: PriceQuote, count: int) -> None:
        self.setText(
            self.tr("Estimated cost ≈ {estimate} ({count} × {price}, {source})").format(
                estimate=money_text(quote.estimate(count)),
                count=count,
                price=money_text(quote.per_image),
                source=self._price_source(quote),
            )
        )
        read = quote.fetched_at
        self.setToolTip(
            self.tr("Price list read {when}").format(
                when=QLocale().toString(
                    QDateTime.fromSecsSinceEpoch(int(read.timestamp())),
                    QLocale.FormatType.ShortFormat,
                )
            )
            if read is not None and quote.source is PriceSource.CATALOG
            else ""
        )

    def _price_source(self, quote: PriceQuote) -> str:
        """Where the price per image comes from, in a few words."""
        if quote.source is PriceSource.CATALOG:
            return self.tr("RunComfy's price list")
        return {
            SettingReason.NOT_ASKED: self.tr("your price setting"),
            SettingReason.UNREACHABLE: self.tr(
                "your price setting: RunComfy's price list could not be read"
            ),
            SettingReason.NO_PRICE: self.tr("your price setting: RunComfy's price list has none"),
            SettingReason.OTHER_UNIT: self.tr(
                "your price setting: RunComfy's price is not per image"
            ),
            None: self.tr("your price setting"),
        }[quote.reason]
