"""``seedream-desktop …`` as its own process, as typed: no token in its environment."""

from __future__ import annotations

import os
import subprocess
import sys


def run_app(*args: str) -> subprocess.CompletedProcess[str]:
    """``python -m seedream_desktop *args`` without ``RUNCOMFY_API_TOKEN``; text output."""
    env = {k: v for k, v in os.environ.items() if k != "RUNCOMFY_API_TOKEN"}
    return subprocess.run(
        [sys.executable, "-m", "seedream_desktop", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
