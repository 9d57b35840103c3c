"""The token store against a real Secret Service (gnome-keyring) on a private D-Bus session.

Each test starts ``dbus-run-session`` with a fresh HOME, so nothing touches the developer's own
keyring, and runs ``tests/support/secret_service_probe.py`` in it. Skipped where the binaries are
missing, except under CI (``CI`` set), which must never skip this silently.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from seedream_desktop.core.token_store import SESSION_ONLY_MESSAGE

PROBE = Path(__file__).resolve().parents[1] / "support" / "secret_service_probe.py"
REPO = Path(__file__).resolve().parents[2]
TIMEOUT_S = 20

# An empty unlock password needs a newline: with no input at all, gnome-keyring asks through a
# graphical prompter instead, which fails without a display and leaves the keyring locked.
UNLOCKED = """
eval "$(printf '\\n' | gnome-keyring-daemon --unlock --components=secrets --daemonize)"
exec "$PYTHON" "$PROBE" "$@"
"""
# No unlock: the first use activates gnome-keyring through D-Bus, which cannot create the
# default collection without a prompter, so the keyring refuses like a dismissed unlock dialog.
LOCKED = 'exec "$PYTHON" "$PROBE" "$@"\n'


@pytest.fixture
def tools() -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("the Secret Service exists on Linux only")
    missing = [n for n in ("dbus-run-session", "gnome-keyring-daemon") if not shutil.which(n)]
    if missing:
        message = f"{', '.join(missing)} not installed (apt-get install dbus gnome-keyring)"
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the Secret Service test: {message}")
        pytest.skip(message)


def fresh_home(root: Path) -> dict[str, str]:
    home = root / "home"
    runtime = root / "runtime"
    for folder in (home, runtime):
        folder.mkdir(mode=0o700)
    env = {
        name: value
        for name, value in os.environ.items()
        if name
        not in ("DBUS_SESSION_BUS_ADDRESS", "PYTHON_KEYRING_BACKEND", "DISPLAY", "WAYLAND_DISPLAY")
        and not name.startswith(("XDG_", "GNOME_KEYRING", "RUNCOMFY"))
    }
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_RUNTIME_DIR=str(runtime),
        PYTHON=sys.executable,
        PROBE=str(PROBE),
        PYTHONPATH=str(REPO),
    )
    return env


def run_probe(script: str, env: dict[str, str], *args: str) -> dict[str, Any]:
    command = ["dbus-run-session", "--", "sh", "-c", script, "probe", *args]
    # Own process group: on a hang the bus and keyring daemons go down with the probe.
    process = subprocess.Popen(
        command,
        env=env,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        out, err = process.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"the Secret Service probe took longer than {TIMEOUT_S} s")
    assert process.returncode == 0, f"probe failed:\n{err}"
    return json.loads(out.strip().splitlines()[-1])


def files_containing(root: Path, secret: str) -> list[Path]:
    needle = secret.encode()
    return [p for p in root.rglob("*") if p.is_file() and needle in p.read_bytes()]


def test_token_round_trips_through_real_secret_service(tools: None, tmp_path: Path) -> None:
    first = "rc-" + secrets.token_hex(16)
    second = "rc-" + secrets.token_hex(16)

    report = run_probe(UNLOCKED, fresh_home(tmp_path), "roundtrip", first, second)

    assert report["backend_class"] == "keyring.backends.SecretService.Keyring"
    assert report["backend_name"] == "Secret Service"
    assert report["backend_available"] is True
    assert report["initial_source"] == "none"
    assert report["save_source"] == "keyring"
    assert report["fresh_source"] == "keyring"
    assert report["fresh_matches_first"] is True
    assert report["raw_matches_first"] is True
    assert report["replaced_matches_second"] is True
    assert report["after_remove_source"] == "none"
    assert report["after_remove_raw_is_none"] is True
    assert report["repr_leaks"] is False


def test_refusing_secret_service_keeps_token_for_session_only(tools: None, tmp_path: Path) -> None:
    token = "rc-" + secrets.token_hex(16)

    report = run_probe(LOCKED, fresh_home(tmp_path), "save-only", token)

    assert report["backend_name"] == "Secret Service"
    assert report["save_source"] == "session"
    assert report["save_message"] == SESSION_ONLY_MESSAGE
    assert report["source_after_save"] == "session"
    assert report["get_matches"] is True
    assert report["backend_available_after_save"] is False
    assert files_containing(tmp_path, token) == []
