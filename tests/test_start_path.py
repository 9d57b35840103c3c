"""The window's first frame comes before the network, the keyring, the runner and the emulator."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from seedream_desktop.ui.first_paint import ENV_VAR, MARKER

# What the first paint must do without (they load right after it).
AFTER_FIRST_PAINT = (
    "httpx",
    "keyring",
    "starlette",
    "seedream_desktop.emulator",
    "seedream_desktop.core.jobs.runner",
    "seedream_desktop.ui.settings_dialog",
    "seedream_desktop.ui.compare",
)

# The app as `seedream-desktop` starts it, printing the modules loaded when its first frame is
# done, just before the benchmark's marker line.
_REPORT_MODULES = """
import json, sys
from seedream_desktop.ui import first_paint
painted = first_paint._FirstPaint._painted
def report(self):
    print(json.dumps(sorted(sys.modules)), flush=True)
    painted(self)
first_paint._FirstPaint._painted = report
from seedream_desktop.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


def test_the_demo_window_paints_before_loading_network_keyring_runner_or_emulator(
    tmp_path: Path,
) -> None:
    env = {
        **os.environ,
        ENV_VAR: "1",
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    app = subprocess.Popen(
        [sys.executable, "-c", _REPORT_MODULES, "--demo", "--data-dir", str(tmp_path / "data")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert app.stdout is not None
        modules = json.loads(app.stdout.readline())
        assert app.stdout.readline().startswith(MARKER)
    finally:
        app.terminate()  # closes the window as a logout would
        code = app.wait(60)
    assert code == 0
    assert [m for m in modules if m.startswith(AFTER_FIRST_PAINT)] == []
    assert "seedream_desktop.ui.main_window" in modules
