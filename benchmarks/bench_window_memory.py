"""Memory a day of opening and closing costs: RSS after N viewers / dialogs against after 1.

A real ``MainWindow`` (offscreen, demo engine) with one 2560×1440 image. The viewer is opened on
it, waits for the full-size decode and is closed, 50 times; then the export dialog and the
settings dialog are opened and cancelled 20 times each. Each figure is the RSS after the run
against the RSS after the first one (the baseline, measured in this same run), with the number
of QObjects under the window, which must return to where it was. Prints figures only.

    .venv/bin/python benchmarks/bench_window_memory.py
"""

from __future__ import annotations

import asyncio
import gc
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests' fast timings

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings
from PySide6.QtWidgets import QApplication

from benchmarks.qt_warnings import watch_qt_warnings
from seedream_desktop.api.params import AspectRatio, GenerationParams
from seedream_desktop.core.models import ImageRecord
from seedream_desktop.core.settings import SettingsStore
from seedream_desktop.core.token_store import TokenStore
from seedream_desktop.emulator import Emulator
from seedream_desktop.ui.event_loop import ClosingEventLoop
from seedream_desktop.ui.export_dialog import ExportDialog
from seedream_desktop.ui.main_window import MainWindow
from seedream_desktop.ui.native_memory import map_big_blocks_separately
from seedream_desktop.ui.settings_dialog import SettingsDialog
from seedream_desktop.ui.viewer import ImageViewer
from seedream_desktop.wiring import EngineConfig, open_engine
from tests.window.sessions import FAST_EMULATOR, FAST_RUNNER

VIEWER_OPENS = 50
DIALOG_OPENS = 20


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def settle() -> None:
    for _ in range(3):
        await asyncio.sleep(0.05)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


async def until(condition: Callable[[], object], within: float = 20.0) -> None:
    async with asyncio.timeout(within):
        while not condition():  # noqa: ASYNC110 - widgets signal nothing we could await
            await asyncio.sleep(0.02)


def shown(kind: type[QObject]) -> QObject | None:
    return next(
        (w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()), None
    )


def first_image(window: MainWindow) -> ImageRecord:
    """The grid's first image (in the series view, row 0 is its series' header)."""
    model = window.grid_model
    return model.images_at(range(model.rowCount()))[0]


async def open_viewer(window: MainWindow) -> None:
    window.grid.activated.emit(first_image(window))
    await until(lambda: shown(ImageViewer))
    viewer = shown(ImageViewer)
    assert isinstance(viewer, ImageViewer)
    await until(lambda: viewer.findChildren(QObject) and not viewer._view.item.pixmap().isNull())
    # The full-size decode, not the stand-in thumbnail.
    await until(lambda: viewer._view.item.pixmap().width() == 2560)
    viewer.close()


async def open_export(window: MainWindow) -> None:
    window.export([first_image(window)])
    await until(lambda: shown(ExportDialog))
    dialog = shown(ExportDialog)
    assert isinstance(dialog, ExportDialog)
    dialog.reject()


async def open_settings(window: MainWindow, tokens: TokenStore) -> None:
    async def verify(_token: str) -> object:
        raise AssertionError("not asked")

    dialog = SettingsDialog(window.settings, tokens, verify, window)
    dialog.finished.connect(dialog.deleteLater)  # as AppSession.open_settings does
    dialog.open()
    await until(dialog.isVisible)
    dialog.reject()


async def series(
    name: str, times: int, step: Callable[[], object], window: MainWindow
) -> tuple[str, float, float, int, int]:
    await step()  # type: ignore[misc]
    await settle()
    after_one, objects_one = rss_mb(), len(window.findChildren(QObject))
    for _ in range(times - 1):
        await step()  # type: ignore[misc]
    await settle()
    kinds = ImageViewer | ExportDialog | SettingsDialog
    wrappers = sum(isinstance(o, kinds) for o in gc.get_objects())
    print(f"  {name}: Python wrappers of closed windows still alive: {wrappers}")
    return name, after_one, rss_mb(), objects_one, len(window.findChildren(QObject))


async def bench(data: Path) -> None:
    store = SettingsStore(QSettings(str(data / "settings.ini"), QSettings.Format.IniFormat))
    engine = open_engine(
        EngineConfig(data_dir=data / "library", demo=True, runner=FAST_RUNNER),
        lambda: None,
        emulator=Emulator(FAST_EMULATOR),
    )
    window = MainWindow(engine, store, store.load())
    window.show()
    tokens = TokenStore()
    try:
        prompt = "Generate 1 image of a lighthouse at dusk"
        engine.runner.enqueue(GenerationParams(prompt, 1, AspectRatio.WIDE_16_9))
        await until(lambda: window.grid_model.image_count() == 1)
        image = first_image(window)
        print(f"image: {image.width}×{image.height}; start RSS {rss_mb():.0f} MB")
        rows = [
            await series("viewer open/close", VIEWER_OPENS, lambda: open_viewer(window), window),
            await series("export dialog", DIALOG_OPENS, lambda: open_export(window), window),
            await series(
                "settings dialog", DIALOG_OPENS, lambda: open_settings(window, tokens), window
            ),
        ]
        runs = {"viewer open/close": VIEWER_OPENS}
        print(f"{'series':20} {'RSS after 1':>12} {'after N':>9} {'growth':>8}  QObjects 1 → N")
        for name, one, many, objects_one, objects_many in rows:
            n = runs.get(name, DIALOG_OPENS)
            print(
                f"{name + f' ×{n}':20} {one:10.0f} MB {many:6.0f} MB {many - one:+6.1f} MB"
                f"  {objects_one} → {objects_many}"
            )
    finally:
        window.close_without_asking()
        await engine.aclose()


def main() -> None:
    map_big_blocks_separately()  # as the app does at start
    warnings = watch_qt_warnings()
    app = QApplication.instance() or QApplication([])
    app.setQuitOnLastWindowClosed(False)
    with (
        tempfile.TemporaryDirectory(prefix="bench-window-memory-") as tmp,
        asyncio.Runner(loop_factory=lambda: ClosingEventLoop(app)) as runner,
    ):
        runner.run(bench(Path(tmp)))
    warnings.report()


if __name__ == "__main__":
    main()
