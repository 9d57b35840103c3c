"""The filter bar above the grid: picked only, minimum rating, hide rejected, aspect, mode, date
(a recent span, or the days between two dates).

It only gathers choices; the window combines them with the search text and "showing job N" into
the one ``ImageQuery`` the grid shows.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from enum import Enum

from PySide6.QtCore import QDate, QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QWidget,
)

from seedream_desktop.api.params import AspectRatio, PromptMode
from seedream_desktop.core.models import RATING_MAX, ImageQuery, stars
from seedream_desktop.ui.formatting import short_date_format
from seedream_desktop.ui.words import words


class DateRange(Enum):
    ANY = "any"
    TODAY = "today"
    LAST_7_DAYS = "7"
    LAST_30_DAYS = "30"
    BETWEEN = "between"  # the days of the bar's From and To edits

    def since(self, now: datetime) -> datetime | None:
        """Local midnight of a recent span's first day (the library reads naive times as local);
        ``None`` for any date and for ``BETWEEN``, whose days only the bar's edits know."""
        if self not in _DAYS_BACK:
            return None
        return datetime.combine(now.date() - timedelta(days=_DAYS_BACK[self]), time())


# How many days before today each recent span starts (today counts as one of its days).
_DAYS_BACK = {DateRange.TODAY: 0, DateRange.LAST_7_DAYS: 6, DateRange.LAST_30_DAYS: 29}


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
        self.date.addItem(self.tr("Between…"), DateRange.BETWEEN)

        # "From [date] To [date]", shown only for "Between…".
        self.between = QWidget(self)
        today = QDate.currentDate()
        # Starts as "Last 30 days" does, so choosing "Between…" from it changes nothing yet.
        first = today.addDays(-_DAYS_BACK[DateRange.LAST_30_DAYS])
        self.from_date = self._date_edit(self.tr("From date"), first)
        self.to_date = self._date_edit(self.tr("To date"), today)
        self.to_date.setMinimumDate(self.from_date.date())
        self.from_date.dateChanged.connect(self._from_date_changed)
        self.to_date.dateChanged.connect(self.changed)
        between = QHBoxLayout(self.between)
        between.setContentsMargins(0, 0, 0, 0)
        for text, edit in ((self.tr("From"), self.from_date), (self.tr("To"), self.to_date)):
            label = QLabel(text, self.between)
            label.setBuddy(edit)
            between.addWidget(label)
            between.addWidget(edit)
        between.addStretch(1)
        self.between.hide()
        self.date.currentIndexChanged.connect(self._date_range_chosen)

        # Two rows of three, and the From and To edits in a third under them: in one row (and
        # in German) the bar would decide how narrow the grid's pane may get.
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
        layout.addWidget(self.between, 2, 0, 1, 3)
        layout.setColumnStretch(3, 1)

    def _date_edit(self, name: str, day: QDate) -> QDateEdit:
        edit = QDateEdit(day, self.between)
        edit.setAccessibleName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(short_date_format())
        # Filter once a typed date is whole (Enter, Tab, the arrows or the calendar): while a
        # year is typed digit by digit, each keystroke would show some other year's images.
        edit.setKeyboardTracking(False)
        return edit

    def _date_range_chosen(self) -> None:
        self.between.setVisible(self.date.currentData() is DateRange.BETWEEN)

    def _from_date_changed(self, day: QDate) -> None:
        # The range never runs backwards: a From past To takes To along with it, as a booking
        # form's departure follows its arrival. One ``changed`` for both, not one each.
        with QSignalBlocker(self.to_date):
            self.to_date.setMinimumDate(day)
        self.changed.emit()

    def date_bounds(self) -> tuple[datetime | None, datetime | None]:
        """The chosen days as ``ImageQuery.since`` (inclusive) and ``until`` (exclusive)."""
        date: DateRange = self.date.currentData()
        if date is not DateRange.BETWEEN:
            return date.since(datetime.now()), None
        first, last = self.from_date.date().toPython(), self.to_date.date().toPython()
        # Local midnights, up to and including the To day.
        return datetime.combine(first, time()), datetime.combine(last + timedelta(days=1), time())

    def set_curation(self, *, picked_only: bool, hide_rejected: bool, min_rating: int) -> None:
        """Restore the choices the settings keep (``changed`` follows, as for a click)."""
        self.picked_only.setChecked(picked_only)
        self.hide_rejected.setChecked(hide_rejected)
        self.min_rating.setCurrentIndex(max(0, self.min_rating.findData(min_rating)))

    def query(self, text: str = "", job_id: int | None = None) -> ImageQuery:
        """The bar's choices with the search ``text`` and the job shown, as one query."""
        since, until = self.date_bounds()
        return ImageQuery(
            text=text,
            aspect=self.aspect.currentData(),
            mode=self.mode.currentData(),
            since=since,
            until=until,
            job_id=job_id,
            picked_only=self.picked_only.isChecked(),
            hide_rejected=self.hide_rejected.isChecked(),
            min_rating=self.min_rating.currentData(),
        )
