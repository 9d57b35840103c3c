"""Process start → main window first painted: ``seedream-desktop --demo`` against a bare window.

Both are spawned as fresh processes, in turn, several times: the app with
``SEEDREAM_REPORT_FIRST_PAINT`` set (``seedream_desktop/ui/first_paint.py`` prints the moment its
window's first frame is done), and a bare PySide6 ``QMainWindow`` + ``QLabel`` that reports its
first frame the same way. Time is from just before spawning to that report; memory is the
process's peak RSS (``VmHWM``) read at the report. Each gets fresh settings and data folders,
then runs once untimed (so both start with the files in the page cache); the printed figures
are medians. Prints figures only; there is no pass or fail.

    .venv/bin/python benchmarks/bench_startup.py [--repeats N] [--platform offscreen|xcb]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from seedream_desktop.ui.first_paint import ENV_VAR, MARKER  # noqa: E402 (after the path)

TIMEOUT_S = 60.0

# The baseline: the same report from a window that is nothing but plain PySide6.
BARE_WINDOW = f"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, lambda: print("{MARKER}", time.monotonic(), flush=True))
        return False

app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QLabel("Hello"))
window.installEventFilter(FirstPaint(window))
window.resize(1280, 820)
window.show()
app.exec()
"""


@dataclass(frozen=True, slots=True)
class Start:
    seconds: float
    peak_rss: int  # bytes; 0 where /proc is missing


def start_once(command: Sequence[str], env: dict[str, str]) -> Start:
    """Spawn ``command``, wait for its first-paint report, then end it like a logout would."""
    started = time.monotonic()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith(MARKER):
                painted = float(line.split()[1])
                return Start(painted - started, _peak_rss(process.pid))
        raise RuntimeError(f"{command[-1]} exited ({process.wait()}) without painting")
    finally:
        process.terminate()
        try:
            process.wait(TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _peak_rss(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def environment(folder: Path, platform: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            ENV_VAR: "1",
            "QT_QPA_PLATFORM": platform,
            "XDG_CONFIG_HOME": str(folder / "config"),  # fresh settings: no saved geometry
            "SEEDREAM_DATA_DIR": str(folder / "data"),
        }
    )
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    args = parser.parse_args()
    commands = {
        "app": [sys.executable, "-m", "seedream_desktop", "--demo"],
        "bare": [sys.executable, "-c", BARE_WINDOW],
    }
    runs: dict[str, list[Start]] = {name: [] for name in commands}
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        env = environment(Path(tmp), args.platform)
        for command in commands.values():
            start_once(command, env)  # untimed: page cache, demo library created
        for _ in range(args.repeats):
            for name, command in commands.items():  # alternating, so both see the same load
                runs[name].append(start_once(command, env))

    print(f"platform {args.platform}, {args.repeats} starts each, medians:")
    medians = {}
    for name, starts in runs.items():
        seconds = statistics.median(s.seconds for s in starts)
        rss = statistics.median(s.peak_rss for s in starts)
        medians[name] = (seconds, rss)
        spread = ", ".join(f"{s.seconds:.3f}" for s in starts)
        print(f"  {name:<4} {seconds:.3f} s  {rss / 2**20:.0f} MiB peak RSS   ({spread})")
    (app_s, app_rss), (bare_s, bare_rss) = medians["app"], medians["bare"]
    rss_ratio = f"{app_rss / bare_rss:.2f}×" if bare_rss else "n/a"
    print(
        f"startup --demo → first paint: app {app_s:.3f} s / {app_rss / 2**20:.0f} MiB, "
        f"bare QMainWindow+QLabel {bare_s:.3f} s / {bare_rss / 2**20:.0f} MiB, "
        f"ratio {app_s / bare_s:.2f}× time, {rss_ratio} RSS"
    )


if __name__ == "__main__":
    main()
