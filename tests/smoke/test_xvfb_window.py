"""The real app, as a separate process, on a real X server (Xvfb, xcb platform): it starts in
demo mode, shows its window, is photographed, and exits cleanly on SIGTERM."""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.support.tools import require_tool

SUPPORT = Path(__file__).parents[1] / "support"
SCREENSHOT_ENV = "SEEDREAM_SCREENSHOT"  # set to a path to keep the screenshot (README image)


@pytest.fixture
def xvfb() -> Iterator[str]:
    require_tool("Xvfb", "xvfb")
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1440x900x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    try:
        assert number, "Xvfb did not report its display"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


def test_real_window_starts_shows_and_quits_cleanly(xvfb: str, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DISPLAY": xvfb,
        "QT_QPA_PLATFORM": "xcb",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    app = subprocess.Popen(
        [sys.executable, "-m", "seedream_desktop", "--demo", "--data-dir", str(tmp_path / "data")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    output: list[str] = []
    assert app.stdout is not None
    stream = app.stdout
    threading.Thread(target=lambda: [lines.put(line) for line in stream], daemon=True).start()
    try:
        deadline = time.monotonic() + 60
        while not any("Main window shown (demo)" in line for line in output):
            assert time.monotonic() < deadline, f"window never shown: {output}"
            assert app.poll() is None, f"app exited: {output}"
            with contextlib.suppress(queue.Empty):
                output.append(lines.get(timeout=0.5))
        time.sleep(1.0)  # let the window paint before the photo

        shot = tmp_path / "screenshot.png"
        subprocess.run(
            [sys.executable, str(SUPPORT / "grab_screen.py"), str(shot)],
            env=env,
            check=True,
            timeout=60,
        )
        image = QImage(str(shot))
        assert (image.width(), image.height()) == (1440, 900)
        # A painted window, not a black screen: many distinct colours in a sample of pixels.
        colours = {image.pixel(x, y) for x in range(0, 1440, 37) for y in range(0, 900, 29)}
        assert len(colours) > 5
        if keep := os.environ.get(SCREENSHOT_ENV):
            shutil.copy(shot, keep)

        app.send_signal(signal.SIGTERM)
        code = app.wait(30)
    finally:
        if app.poll() is None:
            app.kill()
    while not lines.empty():
        output.append(lines.get())
    assert code == 0, output
    assert not any("Traceback" in line for line in output), output
