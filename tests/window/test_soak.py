"""A day's work in one window, in a few minutes: nothing grows, nothing crashes.

The real session in demo mode on a fast emulator: 60 jobs of random counts and aspects, with the
viewer, the export and settings dialogs, searching, choosing jobs and deleting in between (seeded,
so a failure replays). pytest's faulthandler prints every thread's stack if the process dies.
"""

from __future__ import annotations

import asyncio
import gc
import hashlib
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QItemSelectionModel, QObject, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from seedream_desktop.api.params import AspectRatio
from seedream_desktop.core.models import ImageQuery, JobState
from seedream_desktop.core.settings import SettingsStore
from seedream_desktop.ui import app_session
from seedream_desktop.ui.export_dialog import ExportDialog
from seedream_desktop.ui.main_window import MainWindow
from seedream_desktop.ui.native_memory import map_big_blocks_separately
from seedream_desktop.ui.settings_dialog import SettingsDialog
from seedream_desktop.ui.viewer import ImageViewer
from tests.support.waiting import until
from tests.window.sessions import (
    FAST_EMULATOR,
    running_session,
    session_args,
    shown,
    use_test_timings,
)

pytestmark = [pytest.mark.slow, pytest.mark.timeout(480)]

JOBS = 60
WARM_UP_JOBS = 5
RSS_GROWTH_LIMIT_MB = 80
SEED = 11
SUBJECTS = ("fox", "heron", "lighthouse", "teapot", "violin", "glacier")
PLACES = ("at dawn", "in fog", "under neon", "on paper", "in the rain")

# The demo's $5 would run out after ~160 images; the day goes on past that.
SOAK_EMULATOR = replace(FAST_EMULATOR, balance_usd=Decimal("1000"))


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS in /proc/self/status")


async def settle() -> None:
    """Let deferred deletions and queued results run, then collect what Python still holds."""
    for _ in range(3):
        await asyncio.sleep(0.05)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


async def live(window: MainWindow) -> tuple[int, int]:
    """Top-level widgets and QObjects under the window, once the deletions due have run."""
    await settle()
    return len(QApplication.topLevelWidgets()), len(window.findChildren(QObject))


class Day:
    """The designer's steps; each leaves the whole library in the grid, as it found it."""

    def __init__(self, window: MainWindow, qtbot: QtBot, rng: random.Random, out: Path) -> None:
        self.window = window
        self.qtbot = qtbot
        self.rng = rng
        self.out = out
        self.library = window.engine.library
        self.exports = 0

    def total(self) -> int:
        return self.library.count_images(ImageQuery())

    def grid_shows(self, count: int) -> bool:
        return self.window.grid_model.image_count() == count

    def image_rows(self) -> list[int]:
        """The grid's rows that are images (the app's default view heads each series)."""
        model = self.window.grid_model
        return [row for row in range(model.rowCount()) if not model.is_header(row)]

    def select(self, rows: list[int]) -> None:
        grid = self.window.grid
        grid.clearSelection()
        grid.setCurrentIndex(self.window.grid_model.index(rows[0]))
        flag = QItemSelectionModel.SelectionFlag.Select
        for row in rows[1:]:
            grid.selectionModel().select(self.window.grid_model.index(row), flag)

    async def generate(self, number: int) -> None:
        panel = self.window.generate_panel
        count = self.rng.randint(1, 15)
        aspect = self.rng.choice(list(AspectRatio))
        before = set(self.window.jobs_panel.job_ids())
        panel.prompt.setPlainText(f"a {self.rng.choice(SUBJECTS)} {self.rng.choice(PLACES)}")
        panel.aspect.setCurrentIndex(panel.aspect.findData(aspect))
        panel.count.setValue(count)
        self.qtbot.mouseClick(panel.generate, Qt.MouseButton.LeftButton)
        await until(lambda: set(self.window.jobs_panel.job_ids()) - before, within=5.0)
        (job_id,) = set(self.window.jobs_panel.job_ids()) - before

        def done() -> bool:
            job = self.library.get_job(job_id)
            return job is not None and job.state is JobState.DONE

        await until(done, within=60.0, message=f"job {number} ({count} images) did not finish")
        images = self.library.images_of_job(job_id)
        assert len(images) == count
        assert {(i.width, i.height) for i in images} == {(aspect.width, aspect.height)}
        await until(lambda: self.grid_shows(self.total()), within=5.0)

    async def view(self) -> None:
        row = self.rng.choice(self.image_rows())
        opened = self.window.grid_model.image_at(row)
        self.select([row])
        QTest.keyClick(self.window.grid, Qt.Key.Key_Return)
        viewer = await shown(ImageViewer)
        assert viewer.current_image() == opened
        await until(lambda: not viewer._view.item.pixmap().isNull())
        for _ in range(self.rng.randint(1, 4)):
            key = self.rng.choice((Qt.Key.Key_Right, Qt.Key.Key_Left))
            QTest.keyClick(viewer, key)
            await until(lambda: not viewer._view.item.pixmap().isNull())
        viewer.close()
        await until(lambda: not viewer.isVisible())

    async def export(self) -> None:
        rows = self.rng.sample(self.image_rows(), min(3, self.total()))
        self.select(rows)
        await until(self.window.export_button.isEnabled)  # announced once per burst
        self.window.export_button.click()
        dialog = await shown(ExportDialog)
        self.exports += 1
        destination = self.out / f"export-{self.exports}"
        destination.mkdir()
        dialog.folder_edit.setText(str(destination))
        dialog.export_button.click()
        await until(lambda: "exported" in dialog.summary_label.text(), within=30.0)
        dialog.close_button.click()
        await until(lambda: not dialog.isVisible())
        assert len(list(destination.iterdir())) == len(rows)

    async def open_settings(self) -> None:
        action = next(a for a in self.window.findChildren(QAction) if a.text() == "&Settings…")
        action.trigger()
        dialog = await shown(SettingsDialog)
        dialog.reject()
        await until(lambda: not dialog.isVisible())

    async def choose_job_then_search(self) -> None:
        panel = self.window.jobs_panel
        # Another job than the one chosen last: choosing that again is no change to the panel.
        job_id = self.rng.choice([j for j in panel.job_ids() if j != panel.selected_job_id()])
        row = panel.row(job_id)
        assert row is not None
        # Beside the card's text, clear of its buttons.
        self.qtbot.mouseClick(row, Qt.MouseButton.LeftButton, pos=QPoint(6, 6))
        await until(lambda: self.grid_shows(len(self.library.images_of_job(job_id))))
        await self.search()

    async def search(self) -> None:
        word = self.rng.choice(SUBJECTS)
        self.qtbot.keyClicks(self.window.search, word)
        # Counted at each look: a job still running may land another match meanwhile.
        await until(lambda: self.grid_shows(self.library.count_images(ImageQuery(text=word))))
        self.window.search.clear()
        await until(lambda: self.grid_shows(self.total()))

    async def delete(self) -> None:
        row = self.rng.choice(self.image_rows())
        image = self.window.grid_model.image_at(row)
        total = self.total()
        self.select([row])
        await until(self.window.export_button.isEnabled)
        next(a for a in self.window.findChildren(QAction) if a.text() == "&Delete…").trigger()
        box = await shown(QMessageBox)
        next(b for b in box.buttons() if b.text() == "Delete").click()
        await until(lambda: self.grid_shows(total - 1))
        assert not image.path.exists()


async def test_a_day_of_work_in_one_window(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    settings_store: SettingsStore,
) -> None:
    use_test_timings(monkeypatch, SOAK_EMULATOR)
    monkeypatch.setattr(app_session, "SettingsStore", lambda: settings_store)
    map_big_blocks_separately()  # as launch does before the app's first image
    rng = random.Random(SEED)
    started = time.monotonic()
    async with running_session(session_args(tmp_path / "data", demo=True)) as running:
        window = await shown(MainWindow)
        day = Day(window, qtbot, rng, tmp_path)
        steps: list[Callable[[], Awaitable[None]]] = [
            day.view,
            day.view,
            day.export,
            day.open_settings,
            day.search,
            day.choose_job_then_search,
            day.delete,
        ]
        rss_warm = 0.0
        for number in range(1, JOBS + 1):
            await day.generate(number)
            for step in rng.sample(steps, 2):
                before = await live(window)
                await step()
                assert await live(window) == before, f"{step.__name__} after job {number}"
            if number == WARM_UP_JOBS:
                rss_warm = rss_mb()
        rss_end = rss_mb()
        total = day.total()
        images = window.engine.library.images_page(ImageQuery(), 0, total)
        assert await running.finish() == 0

    print(
        f"\nsoak: {JOBS} jobs, {len(images)} images kept, {time.monotonic() - started:.0f} s; "
        f"RSS after {WARM_UP_JOBS} jobs {rss_warm:.0f} MB, after the run {rss_end:.0f} MB"
    )
    assert rss_end - rss_warm <= RSS_GROWTH_LIMIT_MB
    assert len(images) == total
    for image in images:
        assert image.path.is_file(), image.path
        assert hashlib.sha256(image.path.read_bytes()).hexdigest() == image.sha256, image.path
