"""The filter bar's "Between…" dates: two date edits whose days, both included, filter the grid."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from seedream_desktop.core.library.rows import to_db_time
from seedream_desktop.ui.filter_bar import DateRange, FilterBar
from seedream_desktop.ui.main_window import MainWindow
from tests.window.test_curation import series_made, shown_ids, stored


def between(bar: FilterBar, first: date, last: date) -> None:
    bar.date.setCurrentIndex(bar.date.findData(DateRange.BETWEEN))
    bar.from_date.setDate(QDate(first))
    bar.to_date.setDate(QDate(last))


def test_the_query_spans_the_days_chosen_both_included(qtbot: QtBot) -> None:
    bar = FilterBar()
    qtbot.addWidget(bar)
    between(bar, date(2026, 3, 2), date(2026, 3, 5))
    query = bar.query()
    assert (query.since, query.until) == (datetime(2026, 3, 2), datetime(2026, 3, 6))
    between(bar, date(2026, 3, 5), date(2026, 3, 5))
    assert (bar.query().since, bar.query().until) == (datetime(2026, 3, 5), datetime(2026, 3, 6))
    bar.date.setCurrentIndex(bar.date.findData(DateRange.ANY))
    assert (bar.query().since, bar.query().until) == (None, None)


def test_the_date_edits_show_only_for_between_and_start_on_the_last_30_days(
    qtbot: QtBot,
) -> None:
    bar = FilterBar()
    qtbot.addWidget(bar)
    bar.show()
    edits = {edit.accessibleName(): edit for edit in (bar.from_date, bar.to_date)}
    assert set(edits) == {"From date", "To date"}
    assert not any(edit.isVisible() for edit in edits.values())
    today = QDate.currentDate()
    assert (bar.from_date.date(), bar.to_date.date()) == (today.addDays(-29), today)
    assert bar.from_date.calendarPopup() and bar.to_date.calendarPopup()
    assert bar.to_date.text() == today.toString("M/d/yyyy")  # English's short date, long year

    with qtbot.waitSignal(bar.changed):
        bar.date.setCurrentIndex(bar.date.findData(DateRange.BETWEEN))
    assert all(edit.isVisible() for edit in edits.values())
    bar.date.setCurrentIndex(bar.date.findData(DateRange.TODAY))
    assert not any(edit.isVisible() for edit in edits.values())


def test_a_from_after_to_takes_to_along_and_refilters_once(qtbot: QtBot) -> None:
    bar = FilterBar()
    qtbot.addWidget(bar)
    between(bar, date(2026, 3, 2), date(2026, 3, 5))
    emitted: list[None] = []
    bar.changed.connect(lambda: emitted.append(None))

    bar.from_date.setDate(QDate(2026, 3, 9))
    assert bar.to_date.date() == QDate(2026, 3, 9)
    assert len(emitted) == 1
    bar.to_date.setDate(QDate(2026, 3, 1))  # To cannot go back before From
    assert bar.to_date.date() == QDate(2026, 3, 9)
    assert (bar.query().since, bar.query().until) == (datetime(2026, 3, 9), datetime(2026, 3, 10))

    # An earlier From leaves To where it was, and each edit's change refilters.
    bar.from_date.setDate(QDate(2026, 3, 4))
    bar.to_date.setDate(QDate(2026, 3, 6))
    assert bar.to_date.date() == QDate(2026, 3, 6)
    assert len(emitted) == 3


async def test_between_shows_exactly_the_series_made_on_those_days(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    await series_made(window, qtbot, "a kite over the dunes", 2)
    await series_made(window, qtbot, "a kite over the sea", 3)
    old = {i for i in shown_ids(window) if "dunes" in stored(window, i).prompt}
    new = shown_ids(window) - old
    assert (len(old), len(new)) == (2, 3)
    # The first series, as if made ten days ago: the date filter reads the images' times.
    job_id = stored(window, next(iter(old))).job_id
    moment = to_db_time(datetime.now() - timedelta(days=10))
    conn = window.engine.library._conn
    conn.execute("UPDATE images SET created_at = ? WHERE job_id = ?", (moment, job_id))
    conn.execute("UPDATE jobs SET created_at = ? WHERE id = ?", (moment, job_id))
    bar, today = window.filter_bar, date.today()

    between(bar, today - timedelta(days=12), today - timedelta(days=8))
    assert shown_ids(window) == old
    assert window.count_label.text() == "2 of 5 images"

    bar.to_date.setDate(QDate(today))
    assert shown_ids(window) == old | new
    assert window.count_label.text() == "5 of 5 images"  # a filter is on, if it hides none
    bar.from_date.setDate(QDate(today))
    assert shown_ids(window) == new
    assert window.count_label.text() == "3 of 5 images"
    # To the day before: both days are included, so the old series' day must be To itself.
    between(bar, today - timedelta(days=30), today - timedelta(days=11))
    assert window.grid_model.rowCount() == 0
    assert window.count_label.text() == "0 of 5 images"
    bar.to_date.setDate(QDate(today - timedelta(days=10)))
    assert shown_ids(window) == old
