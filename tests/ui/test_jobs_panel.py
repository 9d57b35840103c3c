"""The jobs panel: the right actions for each state, a ticking clock (the words: test_wording)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QFocusEvent, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from seedream_desktop.api.params import GenerationParams
from seedream_desktop.core.models import JobRecord, JobState
from seedream_desktop.ui.jobs_panel import JobRow, JobsPanel

from .conftest import T0, dark_palette


def job(job_id: int, state: JobState, **fields: object) -> JobRecord:
    params = GenerationParams.from_description(f"a red fox in snow, take {job_id}", count=15)
    values: dict[str, object] = {
        "created_at": T0 + timedelta(minutes=job_id),
        "submitted_at": T0 + timedelta(minutes=job_id),
    }
    values.update(fields)
    return JobRecord(id=job_id, params=params, state=state, **values)  # type: ignore[arg-type]


class FakeClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0 + timedelta(minutes=30))


@pytest.fixture
def panel(qtbot: QtBot, clock: FakeClock) -> JobsPanel:
    widget = JobsPanel(clock=clock)
    qtbot.addWidget(widget)
    widget.resize(480, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_panel_lists_newest_first_and_updates_in_place(panel: JobsPanel) -> None:
    panel.set_jobs([job(1, JobState.DONE), job(3, JobState.QUEUED), job(2, JobState.FAILED)])
    assert panel.job_ids() == [3, 2, 1]

    panel.upsert_job(job(4, JobState.WAITING))
    panel.upsert_job(job(3, JobState.DOWNLOADING, images_done=4))
    assert panel.job_ids() == [4, 3, 2, 1]
    row = panel.row(3)
    assert row is not None
    assert row.state_label.text() == "Downloading 4 of 15"
    assert row.progress.isVisible()
    assert (row.progress.value(), row.progress.maximum()) == (4, 15)


@pytest.mark.parametrize("state", list(JobState))
def test_actions_offered_only_when_they_apply(panel: JobsPanel, state: JobState) -> None:
    panel.upsert_job(job(1, state, error="network unreachable"))
    row = panel.row(1)
    assert row is not None
    cancellable = state in (JobState.QUEUED, JobState.WAITING, JobState.PAUSED)
    assert row.cancel_button.isVisible() == (cancellable or state is JobState.RUNNING)
    assert row.cancel_button.isEnabled() == cancellable
    if state is JobState.RUNNING:
        assert "can't be cancelled" in row.cancel_button.toolTip()
    assert row.retry_button.isVisible() == (state is JobState.DOWNLOAD_FAILED)
    assert row.reuse_button.isVisible()
    assert "Traceback" not in row.state_label.text()


def test_buttons_emit_the_job(panel: JobsPanel, qtbot: QtBot) -> None:
    queued = job(1, JobState.QUEUED, queue_position=2)
    broken = job(2, JobState.DOWNLOAD_FAILED, images_done=3, error="the CDN timed out")
    panel.set_jobs([queued, broken])
    with qtbot.waitSignal(panel.cancelRequested) as blocker:
        panel.row(1).cancel_button.click()  # type: ignore[union-attr]
    assert blocker.args == [1]
    with qtbot.waitSignal(panel.retryDownloadRequested) as blocker:
        panel.row(2).retry_button.click()  # type: ignore[union-attr]
    assert blocker.args == [2]
    with qtbot.waitSignal(panel.reuseRequested) as blocker:
        panel.row(2).reuse_button.click()  # type: ignore[union-attr]
    assert blocker.args == [broken]


def test_elapsed_time_ticks_for_active_jobs(
    panel: JobsPanel, clock: FakeClock, qtbot: QtBot
) -> None:
    started = clock.now - timedelta(seconds=65)
    panel.set_jobs(
        [
            job(1, JobState.RUNNING, submitted_at=started),
            job(2, JobState.DONE, submitted_at=started, finished_at=started + timedelta(seconds=9)),
        ]
    )
    running, done = panel.row(1), panel.row(2)
    assert running is not None and done is not None
    assert running.elapsed_label.text() == "1 min 05 s"
    assert done.elapsed_label.text() == "took 9 s"

    clock.now += timedelta(seconds=2)
    qtbot.waitUntil(lambda: running.elapsed_label.text() == "1 min 07 s", timeout=3000)
    assert done.elapsed_label.text() == "took 9 s"


def test_clock_stops_when_nothing_is_active(panel: JobsPanel) -> None:
    panel.upsert_job(job(1, JobState.RUNNING))
    assert panel._timer.isActive()
    panel.upsert_job(job(1, JobState.DONE, finished_at=T0 + timedelta(minutes=2)))
    assert not panel._timer.isActive()


def test_keyboard_moves_between_jobs_and_selects(panel: JobsPanel, qtbot: QtBot) -> None:
    panel.set_jobs([job(1, JobState.DONE), job(2, JobState.DONE), job(3, JobState.QUEUED)])
    top = panel.row(3)
    assert top is not None
    with qtbot.waitSignal(panel.jobSelected) as blocker:
        top.setFocus()
    assert blocker.args == [3]

    with qtbot.waitSignal(panel.jobSelected) as blocker:
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    assert blocker.args == [2]
    assert panel.selected_job_id() == 2

    focus = panel.row(2)
    QTest.keyClick(focus, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.row(2).reuse_button  # type: ignore[union-attr]


def test_a_cleared_choice_is_not_made_again_by_returning_to_the_window(
    panel: JobsPanel, qtbot: QtBot
) -> None:
    panel.set_jobs([job(1, JobState.DONE), job(2, JobState.DONE)])
    row = panel.row(2)
    assert row is not None
    with qtbot.waitSignal(panel.jobSelected):
        qtbot.mouseClick(row, Qt.MouseButton.LeftButton)
    panel.clear_selection()  # "Show all"
    assert panel.selected_job_id() is None

    with qtbot.assertNotEmitted(panel.jobSelected):
        back = QFocusEvent(QEvent.Type.FocusIn, Qt.FocusReason.ActiveWindowFocusReason)
        QApplication.sendEvent(row, back)
    with qtbot.waitSignal(panel.jobSelected) as blocker:  # choosing it again does show it
        qtbot.mouseClick(row, Qt.MouseButton.LeftButton)
    assert blocker.args == [2]


def test_empty_panel_says_what_to_do(panel: JobsPanel) -> None:
    assert panel._empty.isVisible()
    panel.upsert_job(job(1, JobState.WAITING))
    assert not panel._empty.isVisible()


def test_keeps_at_most_two_hundred_jobs(panel: JobsPanel) -> None:
    panel.set_jobs([job(i, JobState.DONE) for i in range(1, 206)])
    assert len(panel.job_ids()) == 200
    assert panel.job_ids()[0] == 205
    panel.upsert_job(replace(job(206, JobState.WAITING)))
    assert panel.job_ids()[0] == 206
    assert len(panel.job_ids()) == 200


def test_state_colours_follow_a_live_switch_to_dark_and_back(
    panel: JobsPanel, light_palette: QPalette, qtbot: QtBot
) -> None:
    panel.set_jobs([job(1, JobState.DONE), job(2, JobState.FAILED, error="the server broke")])
    done, failed = panel.row(1), panel.row(2)
    assert done is not None and failed is not None

    def colour(row: JobRow) -> QColor:
        return row.state_label.palette().color(row.state_label.foregroundRole())

    light_done, light_failed = colour(done), colour(failed)
    assert light_done.lightness() < 100  # dark words on a light card

    dark = dark_palette()
    QApplication.setPalette(dark)  # the widgets hear of it through posted events
    qtbot.waitUntil(lambda: colour(done) == dark.color(QPalette.ColorRole.WindowText))
    assert colour(failed).lightness() > 120  # still readable on the dark card…
    assert colour(failed).red() > colour(failed).green() + 30  # …and still says "problem"

    QApplication.setPalette(light_palette)
    qtbot.waitUntil(lambda: (colour(done), colour(failed)) == (light_done, light_failed))
