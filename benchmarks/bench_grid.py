"""How the image grid copes with a big library: rows read, decodes started, time per screen.

Run: ``.venv/bin/python benchmarks/bench_grid.py`` (offscreen unless QT_QPA_PLATFORM is set).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication

from seedream_desktop.ui.grid.model import ImageGridModel
from seedream_desktop.ui.grid.view import ImageGridView
from seedream_desktop.ui.thumbnail_loader import ThumbnailLoader
from tests.ui.conftest import DecodeLog, FakeSource, series

IMAGES = 10_000


def main() -> None:
    app = QApplication.instance() or QApplication([])
    source = FakeSource(
        [img for job in range(IMAGES // 5, 0, -1) for img in series(job * 10, job, 5)]
    )
    log = DecodeLog()
    loader = ThumbnailLoader(log.thumb_for)
    model = ImageGridModel(source, loader)
    view = ImageGridView()
    view.setModel(model)
    view.resize(1200, 800)
    started = time.perf_counter()
    view.show()
    while view.verticalScrollBar().maximum() < 100_000:
        app.processEvents()
    print(f"show + full layout of {IMAGES} items: {time.perf_counter() - started:.3f} s")

    bar = view.verticalScrollBar()
    steps = 200
    started = time.perf_counter()
    for step in range(1, steps + 1):
        bar.setValue(bar.maximum() * step // steps)
        view.viewport().repaint()
        app.processEvents()
    elapsed = time.perf_counter() - started
    print(f"fling top to bottom in {steps} screens: {elapsed * 1000 / steps:.1f} ms per screen")
    while loader.pending_count():
        app.processEvents()
    print(f"rows read from the source: {source.rows_served} in {source.pages_served} pages")
    print(f"thumbnails decoded: {log.calls} (visible at the end: {len(view.visible_rows())})")
    loader.shutdown()


if __name__ == "__main__":
    main()
