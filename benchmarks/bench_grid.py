"""The image grid over a big library against a bare QListView over the same items, same run.

Rows of issue #13 measured here, at 10,000 and 100,000 images, for the flat grid ("app") and
the series view ("series": each job under its header, issue #15):

- start → first page of thumbnails painted (a fresh process each: imports, library, window);
- paint time of the grid's viewport while scrolling the whole library, p95 and worst;
- RSS after that scroll;
- search (a prompt word) → its first page painted.

The library is generated in a temp dir: rows as ``bench_library`` writes them and a real
512-side JPEG thumbnail file for every image (hard links to a few dozen distinct pictures, so
100,000 of them cost no disk). The app side is ``ImageGridModel`` + ``ImageGridView`` over a real
``Library``, thumbnails read through ``cached_thumbnail`` like the window does.

The bare baseline is plain PySide6: every row read with one ``sqlite3`` query into a
``QStandardItemModel`` (text + the picture's ``QPixmap`` icon at display size, each distinct
picture decoded once on the GUI thread), shown by a ``QListView`` in IconMode with the same grid,
icon size and layout flags; its search is a ``QSortFilterProxyModel`` over the prompts. Each
variant runs in its own process (so RSS and start are its own), alternating, ``--runs`` times.
Scrolling is one step per frame: the scroll bar moves, then the event loop runs for 16 ms, so
thumbnails land while scrolling as they would under a user's wheel.

Prints figures and ratios only; nothing passes or fails.

    .venv/bin/python benchmarks/bench_grid.py [--runs 3] [--sizes 10000 100000]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DISTINCT_PICTURES = 40
VIEW_SIZE = (1200, 800)
SCROLL_STEPS = 600
FRAME_S = 0.016
SEARCH_WORD = "lighthouse"
SETTLE_TIMEOUT_S = 60.0
VARIANTS = ("bare", "app", "series")


def picture_of(job_id: int, index: int) -> int:
    """Which distinct picture stands for an image (the app and the bare list agree)."""
    return (job_id * 7 + index) % DISTINCT_PICTURES


# ---- the data, made once per size by the parent ------------------------------------------------


def make_library(folder: Path, images: int) -> None:
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QColor, QGuiApplication, QImage, QLinearGradient, QPainter

    from benchmarks.bench_library import PER_JOB, build
    from seedream_desktop.core.library import LibraryPaths
    from seedream_desktop.core.thumbnails import STORED_THUMBNAIL_SIDE, thumbnail_path

    QGuiApplication.instance() or QGuiApplication([])  # QPainter on a QImage wants one
    paths = LibraryPaths.for_root(folder)
    build(paths, jobs=images // PER_JOB)
    masters = folder / "pictures"
    masters.mkdir()
    side = STORED_THUMBNAIL_SIDE
    for k in range(DISTINCT_PICTURES):
        picture = QImage(side, side * 9 // 16, QImage.Format.Format_RGB32)
        painter = QPainter(picture)
        gradient = QLinearGradient(QPointF(0, 0), QPointF(side, side * 9 / 16))
        gradient.setColorAt(0, QColor.fromHsv(k * 360 // DISTINCT_PICTURES, 180, 230))
        gradient.setColorAt(1, QColor.fromHsv((k * 97) % 360, 220, 90))
        painter.fillRect(picture.rect(), gradient)
        painter.setPen(Qt.GlobalColor.white)
        for line in range(0, side, 9):
            painter.drawLine(line, 0, side - line, side)
        painter.end()
        assert picture.save(str(masters / f"{k}.jpg"), "JPEG", 85)
    with contextlib.closing(sqlite3.connect(paths.db_file)) as conn:
        rows = conn.execute("SELECT job_id, idx, sha256 FROM images").fetchall()
    for job_id, index, sha in rows:
        target = thumbnail_path(paths, sha, side)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(masters / f"{picture_of(job_id, index)}.jpg", target)


# ---- one variant in a child process --------------------------------------------------------


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def child(variant: str, folder: Path) -> dict[str, object]:
    from PySide6.QtWidgets import QApplication, QListView

    from benchmarks.qt_warnings import watch_qt_warnings

    warnings = watch_qt_warnings()
    app = QApplication.instance() or QApplication([])
    paint_ms: list[float] = []
    recording = [False]

    def timed(cls: type[QListView]) -> type[QListView]:
        class Timed(cls):  # type: ignore[valid-type, misc]
            def paintEvent(self, event: object) -> None:
                started = time.perf_counter()
                super().paintEvent(event)
                if recording[0]:
                    paint_ms.append((time.perf_counter() - started) * 1000)

        return Timed

    def run_until(done: Callable[[], bool], view: QListView) -> None:
        """Run the loop until ``done``, then paint what it shows (the moment measured)."""
        deadline = time.perf_counter() + SETTLE_TIMEOUT_S
        app.processEvents()
        while not done():
            if time.perf_counter() > deadline:
                raise RuntimeError("the grid did not settle")
            time.sleep(0.001)
            app.processEvents()
        view.viewport().repaint()

    if variant == "bare":
        view, settled, search = _bare(folder, timed(QListView))
    else:
        view, settled, search = _app(folder, timed, in_series=variant == "series")
    view.resize(*VIEW_SIZE)
    view.show()
    run_until(settled, view)
    first_page = time.time()

    bar = view.verticalScrollBar()
    recording[0] = True
    for step in range(1, SCROLL_STEPS + 1):
        bar.setValue(bar.maximum() * step // SCROLL_STEPS)
        frame_end = time.perf_counter() + FRAME_S
        while time.perf_counter() < frame_end:
            app.processEvents()
    recording[0] = False
    run_until(settled, view)
    rss = rss_mib()

    started = time.perf_counter()
    search()
    run_until(settled, view)
    search_s = time.perf_counter() - started
    paint_ms.sort()
    return {
        "first_page": first_page,
        "paint_p95": paint_ms[int(0.95 * (len(paint_ms) - 1))],
        "paint_worst": paint_ms[-1],
        "paints": len(paint_ms),
        "rss": rss,
        "search": search_s,
        "qt_warnings": warnings.messages,
    }


Variant = tuple[Any, Callable[[], bool], Callable[[], None]]  # view, settled, search


def _bare(folder: Path, view_class: type) -> Variant:
    from PySide6.QtCore import QSize, QSortFilterProxyModel, Qt
    from PySide6.QtGui import QImageReader, QPixmap, QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QListView

    from seedream_desktop.ui.grid.delegate import DEFAULT_THUMB

    side = DEFAULT_THUMB
    icons = []
    for k in range(DISTINCT_PICTURES):
        reader = QImageReader(str(folder / "pictures" / f"{k}.jpg"))
        reader.setScaledSize(reader.size().scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio))
        icons.append(QPixmap.fromImage(reader.read()))
    from seedream_desktop.core.library import LibraryPaths

    conn = sqlite3.connect(LibraryPaths.for_root(folder).db_file)
    rows = conn.execute(
        "SELECT i.job_id, i.idx, j.prompt FROM images i JOIN jobs j ON j.id = i.job_id "
        "ORDER BY i.job_id DESC, i.idx"
    ).fetchall()
    conn.close()
    model = QStandardItemModel()
    root = model.invisibleRootItem()
    items = []
    for job_id, index, prompt in rows:
        item = QStandardItem(icons[picture_of(job_id, index)], f"#{index + 1} · 16:9")
        item.setData(prompt, Qt.ItemDataRole.ToolTipRole)
        items.append(item)
    root.appendRows(items)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setFilterRole(Qt.ItemDataRole.ToolTipRole)
    view = view_class()
    view.setViewMode(QListView.ViewMode.IconMode)
    view.setMovement(QListView.Movement.Static)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.setUniformItemSizes(True)
    view.setLayoutMode(QListView.LayoutMode.Batched)
    view.setBatchSize(500)
    view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
    view.setIconSize(QSize(side, side))
    view.setGridSize(QSize(side + 22, side + 22 + view.fontMetrics().height() + 4))
    view.setModel(proxy)
    view._keep = (model, proxy)  # type: ignore[attr-defined]

    def search() -> None:
        proxy.setFilterFixedString(SEARCH_WORD)

    return view, lambda: True, search


def _app(folder: Path, timed: Callable[[type], type], *, in_series: bool) -> Variant:
    import functools

    from seedream_desktop.core.library import Library, LibraryPaths
    from seedream_desktop.core.models import ImageQuery
    from seedream_desktop.core.thumbnails import cached_thumbnail
    from seedream_desktop.ui.grid.model import ImageGridModel, ThumbStateRole
    from seedream_desktop.ui.grid.view import ImageGridView
    from seedream_desktop.ui.thumbnail_loader import ThumbState

    paths = LibraryPaths.for_root(folder)
    library = Library.open(paths)
    model = ImageGridModel(
        library, thumb_for=functools.partial(cached_thumbnail, paths), in_series=in_series
    )
    view = timed(ImageGridView)()
    view.setModel(model)
    view._keep = (library, model)

    def settled() -> bool:
        rows = view.visible_rows()
        return bool(rows) and all(
            model.index(r).data(ThumbStateRole) is not ThumbState.LOADING for r in rows
        )

    def search() -> None:
        model.set_query(ImageQuery(text=SEARCH_WORD))

    return view, settled, search


# ---- the parent: data, runs, table -------------------------------------------------------------


def run_child(variant: str, folder: Path) -> dict[str, Any]:
    started = time.time()
    done = subprocess.run(
        [sys.executable, __file__, "--child", variant, str(folder)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    figures["start"] = figures.pop("first_page") - started
    return figures


ROWS = (
    ("start → first page painted", "start", "s"),
    ("scroll paint p95", "paint_p95", "ms"),
    ("scroll paint worst", "paint_worst", "ms"),
    ("RSS after scrolling all", "rss", "MiB"),
    ("search → first page painted", "search", "s"),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--child", nargs=2, metavar=("VARIANT", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], Path(args.child[1]))))
        return
    print(f"{os.cpu_count()} CPUs; view {VIEW_SIZE[0]}×{VIEW_SIZE[1]}; {SCROLL_STEPS} scroll steps")
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="bench-grid-") as tmp:
            began = time.perf_counter()
            make_library(Path(tmp), size)
            print(f"\n{size:,} images (library made in {time.perf_counter() - began:.1f} s)")
            runs: dict[str, list[dict[str, Any]]] = {v: [] for v in VARIANTS}
            for _ in range(args.runs):
                for variant in VARIANTS:
                    runs[variant].append(run_child(variant, Path(tmp)))
            report(size, runs)


def report(size: int, runs: dict[str, list[dict[str, Any]]]) -> None:
    shown_as = {"MiB": "{:.0f}", "ms": "{:.2f}", "s": "{:.3f}"}
    print(
        f"{'figure':30} {'app runs':>20} {'series runs':>20} {'bare runs':>20} "
        f"{'app':>8} {'series':>8} {'bare':>8} {'app×':>6} {'series×':>7}"
    )
    for label, key, unit in ROWS:
        shown = shown_as[unit].format
        values = {v: [r[key] for r in runs[v]] for v in VARIANTS}
        medians = {v: statistics.median(values[v]) for v in VARIANTS}
        listed = " ".join(
            f"{' '.join(shown(x) for x in values[v]):>20}" for v in ("app", "series", "bare")
        )
        print(
            f"{label:30} {listed} "
            + " ".join(f"{shown(medians[v]):>8}" for v in ("app", "series", "bare"))
            + f" {medians['app'] / medians['bare']:5.2f}×"
            + f" {medians['series'] / medians['bare']:6.2f}×  {unit}"
        )
    paints = {v: statistics.median(r["paints"] for r in runs[v]) for v in VARIANTS}
    print(
        f"{'viewport paints while scrolling':30} app {paints['app']:.0f}, "
        f"series {paints['series']:.0f}, bare {paints['bare']:.0f}"
    )
    start = {v: statistics.median(r["start"] for r in runs[v]) for v in VARIANTS}
    print(
        f"ratio at {size:,}: first page {start['app'] / start['bare']:.2f}× the bare list, "
        f"series view {start['series'] / start['bare']:.2f}×"
    )
    warned = [m for v in VARIANTS for r in runs[v] for m in r["qt_warnings"]]
    print(f"Qt warnings: {len(warned)}" + "".join(f"\n  {m}" for m in dict.fromkeys(warned)))


if __name__ == "__main__":
    main()
