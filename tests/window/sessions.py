"""Running the whole ``AppSession`` in a window test, and the steps a user takes in it."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from seedream_desktop.core.engine import Engine
from seedream_desktop.core.jobs.polling import PollSchedule
from seedream_desktop.core.jobs.runner import RunnerOptions
from seedream_desktop.core.models import JobRecord, JobState
from seedream_desktop.core.token_store import TokenStore
from seedream_desktop.emulator import Emulator, EmulatorConfig
from seedream_desktop.ui import app_session
from seedream_desktop.ui.app_session import AppSession
from seedream_desktop.ui.main_window import MainWindow
from seedream_desktop.ui.settings_dialog import SettingsDialog
from seedream_desktop.ui.token_entry import TokenEntry
from seedream_desktop.ui.welcome_dialog import WelcomeDialog
from seedream_desktop.wiring import EngineConfig, open_engine
from tests.support.sleeping import QuickSleep
from tests.support.waiting import until

# No wait of the runner or the client (a Retry-After, the pause after an error) is longer.
FAST_RUNNER = RunnerOptions(
    poll=PollSchedule(initial=0.02, factor=1.5, maximum=0.1), sleep=QuickSleep(cap=0.1)
)
FAST_EMULATOR = EmulatorConfig(queue_seconds=0.05, run_seconds=0.1, per_image_seconds=0.0)

W = TypeVar("W", bound=QWidget)

SESSION_END_SECONDS = 10.0


def session_args(
    data_dir: Path, base_url: str | None = None, *, demo: bool = False
) -> argparse.Namespace:
    """What ``seedream-desktop [--demo] --data-dir … --base-url …`` parses to."""
    return argparse.Namespace(
        demo=demo, data_dir=data_dir, base_url=base_url, self_test=False, verbose=False
    )


async def shown(kind: type[W]) -> W:
    """The visible top-level window of ``kind``, once it appears."""

    def find() -> W | None:
        return next(
            (w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()),
            None,
        )

    await until(find, within=5.0, message=f"no {kind.__name__} was shown")
    found = find()
    assert found is not None
    return found


def only_job(window: MainWindow) -> JobRecord:
    jobs = window.engine.library.recent_jobs(10)
    assert len(jobs) == 1
    return jobs[0]


async def generate(qtbot: QtBot, window: MainWindow, prompt: str, count: int) -> None:
    panel = window.generate_panel
    qtbot.keyClicks(panel.prompt, prompt)
    panel.count.setValue(count)
    qtbot.mouseClick(panel.generate, Qt.MouseButton.LeftButton)
    await until(lambda: window.jobs_panel.job_ids(), within=2.0)


async def images_arrive(window: MainWindow, count: int) -> JobRecord:
    """The job finishes, every image file is on disk and in the grid: what the user waited for."""
    await until(lambda: only_job(window).state is JobState.DONE, within=8.0)
    job = only_job(window)
    images = window.engine.library.images_of_job(job.id)
    assert len(images) == count
    assert all(image.path.is_file() and image.path.stat().st_size > 0 for image in images)
    await until(lambda: window.grid_model.image_count() == count, within=2.0)
    row = window.jobs_panel.row(job.id)
    assert row is not None
    assert row.state_label.text().startswith(f"Done — {count} image")
    return job


async def verify_says(entry: TokenEntry, qtbot: QtBot, token: str) -> str:
    """Type (or paste over) the token, press Verify, and read what the dialog answers."""
    entry.field.selectAll()
    qtbot.keyClicks(entry.field, token)
    qtbot.mouseClick(entry.verify_button, Qt.MouseButton.LeftButton)
    await until(lambda: entry.result.text() not in ("", "Checking…"), within=5.0)
    return entry.result.text()


def show_button(entry: TokenEntry) -> QToolButton:
    """The button that shows the Show/Hide toggle, wherever the entry places it."""
    return next(
        b for b in entry.findChildren(QToolButton) if b.defaultAction() is entry.show_action
    )


@dataclass
class Running:
    session: AppSession
    task: asyncio.Future[int]

    async def finish(self) -> int:
        """Close the main window as the user would (no question) and wait for the exit code."""
        assert self.session.window is not None
        self.session.window.close_without_asking()
        return await asyncio.wait_for(self.task, SESSION_END_SECONDS)


def use_test_timings(
    monkeypatch: pytest.MonkeyPatch, emulator_config: EmulatorConfig = FAST_EMULATOR
) -> None:
    """Sessions build their engine with the fast emulator and fast polling; all else is real."""

    def engine(config: EngineConfig, token: Callable[[], str | None]) -> Engine:
        emulator = Emulator(emulator_config) if config.demo else None
        return open_engine(replace(config, runner=FAST_RUNNER), token, emulator=emulator)

    monkeypatch.setattr(app_session, "open_engine", engine)


@contextlib.asynccontextmanager
async def running_session(
    args: argparse.Namespace, tokens: TokenStore | None = None
) -> AsyncIterator[Running]:
    """``AppSession.run()`` started as ``launch.run_gui`` starts it; whatever the test leaves
    open is closed on the way out, so no session outlives its test."""
    session = AppSession(QApplication.instance(), args)
    if tokens is not None:
        session.tokens = tokens
    running = Running(session, asyncio.ensure_future(session.run()))
    try:
        yield running
    finally:
        if not running.task.done():
            for widget in QApplication.topLevelWidgets():
                if isinstance(widget, WelcomeDialog | SettingsDialog) and widget.isVisible():
                    widget.reject()
            if session.window is not None:
                session.window.close_without_asking()
            try:
                await asyncio.wait_for(running.task, SESSION_END_SECONDS)
            except TimeoutError:
                running.task.cancel()
