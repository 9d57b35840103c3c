"""A child process on a private D-Bus session, cut off from the developer's own desktop.

The child gets a fresh HOME and XDG folders and none of the variables that would lead it to the
real session bus, keyring, display or API token; it runs in its own process group so that, on a
hang, the bus and keyring daemons it started go down with it.
"""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import pytest

SECRET_SERVICE_TOOLS = {"dbus-run-session": "dbus", "gnome-keyring-daemon": "gnome-keyring"}
# An empty unlock password needs a newline: with no input at all, gnome-keyring asks through a
# graphical prompter instead, which fails without a display and leaves the keyring locked.
UNLOCK_KEYRING = (
    "eval \"$(printf '\\n' | gnome-keyring-daemon --unlock --components=secrets --daemonize)\"\n"
)
_DROPPED = ("DBUS_SESSION_BUS_ADDRESS", "PYTHON_KEYRING_BACKEND", "DISPLAY", "WAYLAND_DISPLAY")
_DROPPED_PREFIXES = ("XDG_", "GNOME_KEYRING", "RUNCOMFY", "SEEDREAM")


def isolated_env(home: Path, runtime: Path, **extra: str) -> dict[str, str]:
    """This process's environment with a new, empty ``home`` and ``runtime`` dir, plus ``extra``.

    Creates both folders (private, as XDG_RUNTIME_DIR must be); they must not exist yet.
    """
    for folder in (home, runtime):
        folder.mkdir(mode=0o700)
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in _DROPPED and not name.startswith(_DROPPED_PREFIXES)
    }
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_RUNTIME_DIR=str(runtime),
        **extra,
    )
    return env


def run_in_own_group(
    command: list[str], env: dict[str, str], timeout: float, *, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Runs ``command`` to the end; after ``timeout`` seconds kills its whole group and fails."""
    process = subprocess.Popen(
        command,
        env=env,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"{command} took longer than {timeout} s")
    return subprocess.CompletedProcess(command, process.returncode, out, err)
