"""Window tests run their coroutines on a qasync loop, the loop the app itself runs on."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import replace
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from seedream_desktop.core.settings import LibraryLayout, SettingsStore
from seedream_desktop.emulator import Emulator
from seedream_desktop.ui import app_session
from seedream_desktop.ui.event_loop import ClosingEventLoop
from seedream_desktop.ui.main_window import MainWindow
from seedream_desktop.wiring import EngineConfig, open_engine
from tests.support.language import use_language
from tests.window.sessions import FAST_EMULATOR, FAST_RUNNER, use_test_timings


def _qt_loop() -> qasync.QEventLoop:
    app = QApplication.instance() or QApplication([])
    # As in the app: closing the last window must not quit (and so close) the running loop.
    app.setQuitOnLastWindowClosed(False)
    use_language(app)
    # One loop per test: each must leave no Qt timer behind when it closes (see event_loop).
    return ClosingEventLoop(app)


def pytest_asyncio_loop_factories(
    config: pytest.Config, item: pytest.Item
) -> Mapping[str, Callable[[], qasync.QEventLoop]]:
    return {"qt": _qt_loop}


@pytest.fixture
def settings_store(tmp_path: Path) -> SettingsStore:
    return SettingsStore(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
async def make_window(
    qtbot: object, tmp_path: Path, settings_store: SettingsStore
) -> AsyncIterator[Callable[..., MainWindow]]:
    windows: list[MainWindow] = []

    def make(
        emulator: Emulator | None = None,
        *,
        watch_jobs: bool = True,
        layout: LibraryLayout | None = LibraryLayout.ALL,
    ) -> MainWindow:
        """A demo window on ``emulator`` (the window's engine closes it), else a fast one.

        Most window tests drive the flat grid, where a row is an image; the series view's tests
        ask for ``LibraryLayout.SERIES`` (the app's default); None keeps what was saved.
        """
        if layout is not None:
            settings_store.save(replace(settings_store.load(), library_layout=layout))
        engine = open_engine(
            EngineConfig(data_dir=tmp_path / "data", demo=True, runner=FAST_RUNNER),
            lambda: None,
            emulator=emulator or Emulator(FAST_EMULATOR),
        )
        window = MainWindow(engine, settings_store, settings_store.load(), watch_jobs=watch_jobs)
        window.show()
        window.activateWindow()  # shortcuts such as Ctrl+Enter only reach the active window
        windows.append(window)
        return window

    yield make
    for window in windows:
        window._close_confirmed = True  # the test decides; no "jobs still running" question
        window.close()
        await window.engine.aclose()


@pytest.fixture
def fast_sessions(monkeypatch: pytest.MonkeyPatch, settings_store: SettingsStore) -> None:
    use_test_timings(monkeypatch)
    # Each test starts from fresh settings instead of what an earlier test left behind.
    monkeypatch.setattr(app_session, "SettingsStore", lambda: settings_store)
