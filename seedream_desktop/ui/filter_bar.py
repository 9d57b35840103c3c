"""The filter bar above the grid: picked only, minimum rating, hide rejected, aspect, mode, date.

It only gathers choices; the window combines them with the search text and "showing job N" into
the one ``ImageQuery`` the grid shows.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from enum import Enum

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QWidget

from seedream_desktop.api.params import AspectRatio, PromptMode
from seedream_desktop.core.models import RATING_MAX, ImageQuery, stars
from seedream_desktop.ui.words import words


class DateRange(Enum):
    ANY = "any"
    TODAY = "today"
    LAST_7_DAYS = "7"
    LAST_30_DAYS = "30"

    def since(self, now: datetime) -> datetime | None:
        """Local midnight of the range's first day (the library reads naive times as local)."""
        days = {DateRange.TODAY: 0, DateRange.LAST_7_DAYS: 6, DateRange.LAST_30_DAYS: 29}
        if self not in days:
            return None
        return datetime.combine(now.date() - timedelta(days=days[self]), time())


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Filters"))
        self.picked_only = QCheckBox(self.tr("Picked only"), self)
        self.picked_only.setAccessibleName(self.tr("Picked only"))
        self.hide_rejected = QCheckBox(self.tr("Hide rejected"), self)
        self.hide_rejected.setAccessibleName(self.tr("Hide rejected"))

        self.min_rating = QComboBox(self)
        self.min_rating.setAccessibleName(self.tr("Minimum rating"))
        self.min_rating.setToolTip(self.tr("Minimum rating"))
        self.min_rating.addItem(self.tr("Any rating"), 0)
        for n in range(1, RATING_MAX + 1):
            self.min_rating.addItem(stars(n) if n == RATING_MAX else f"{stars(n)} +", n)

        self.aspect = QComboBox(self)
        self.aspect.setAccessibleName(self.tr("Aspect"))
        self.aspect.setToolTip(self.tr("Aspect"))
        self.aspect.addItem(self.tr("Any aspect"), None)
        for aspect in AspectRatio:
            self.aspect.addItem(aspect.label, aspect)

        self.mode = QComboBox(self)
        self.mode.setAccessibleName(self.tr("Mode"))
        self.mode.setToolTip(self.tr("Mode"))
        self.mode.addItem(self.tr("Any mode"), None)
        for mode in PromptMode:
            self.mode.addItem(words.mode(mode), mode)

        self.date = QComboBox(self)
        self.date.setAccessibleName(self.tr("Date"))
        self.date.setToolTip(self.tr("Date"))
        self.date.addItem(self.tr("Any date"), DateRange.ANY)
        self.date.addItem(self.tr("Today"), DateRange.TODAY)
        self.date.addItem(self.tr("Last 7 days"), DateRange.LAST_7_DAYS)
        self.date.addItem(self.tr("Last 30 days"), DateRange.LAST_30_DAYS)

        # Two rows of three: in one row (and in German) the bar would decide how narrow the
        # grid's pane may get.
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.picked_only, self.hide_rejected):
            widget.toggled.connect(self.changed)
        for combo in (self.min_rating, self.aspect, self.mode, self.date):
            # As wide as the longest choice: German's "Jede Bewertung" was cut to "Jede Bewe".
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(self.changed)
        layout.addWidget(self.picked_only, 0, 0)
        layout.addWidget(self.hide_rejected, 0, 1)
        layout.addWidget(self.min_rating, 0, 2)
        layout.addWidget(self.aspect, 1, 0)
        layout.addWidget(self.mode, 1, 1)
        layout.addWidget(self.date, 1, 2)
        layout.setColumnStretch(3, 1)

    def set_curation(self, *, picked_only: bool, hide_rejected: bool, min_rating: int) -> None:
        """Restore the choices the settings keep (``changed`` follows, as for a click)."""
        self.picked_only.setChecked(picked_only)
        self.hide_rejected.setChecked(hide_rejected)
        self.min_rating.setCurrentIndex(max(0, self.min_rating.findData(min_rating)))

    def query(self, text: str = "", job_id: int | None = None) -> ImageQuery:
        """The bar's choices with the search ``text`` and the job shown, as one query."""
        date: DateRange = self.date.currentData()
        return ImageQuery(
            text=text,
            aspect=self.aspect.currentData(),
            mode=self.mode.currentData(),
            since=date.since(datetime.now()),
            job_id=job_id,
            picked_only=self.picked_only.isChecked(),
            hide_rejected=self.hide_rejected.isChecked(),
            min_rating=self.min_rating.currentData(),
        )
