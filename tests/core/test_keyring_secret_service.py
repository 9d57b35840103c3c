"""The token store against a real Secret Service (gnome-keyring) on a private D-Bus session.

Each test starts ``dbus-run-session`` with a fresh HOME, so nothing touches the developer's own
keyring, and runs ``tests/support/secret_service_probe.py`` in it. Skipped where the binaries are
missing, except under CI (``CI`` set), which must never skip this silently.
"""

from __future__ import annotations

import json
import secrets
import sys
from pathlib import Path
from typing import Any

import pytest

from seedream_desktop.core.token_store import SESSION_ONLY_MESSAGE
from tests.support.isolated_session import (
    SECRET_SERVICE_TOOLS,
    UNLOCK_KEYRING,
    isolated_env,
    run_in_own_group,
)
from tests.support.tools import require_tool

PROBE = Path(__file__).resolve().parents[1] / "support" / "secret_service_probe.py"
REPO = Path(__file__).resolve().parents[2]
TIMEOUT_S = 20

UNLOCKED = UNLOCK_KEYRING + 'exec "$PYTHON" "$PROBE" "$@"\n'
# No unlock: the first use activates gnome-keyring through D-Bus, which cannot create the
# default collection without a prompter, so the keyring refuses like a dismissed unlock dialog.
LOCKED = 'exec "$PYTHON" "$PROBE" "$@"\n'


@pytest.fixture
def tools() -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("the Secret Service exists on Linux only")
    for name, package in SECRET_SERVICE_TOOLS.items():
        require_tool(name, package)


def fresh_home(root: Path) -> dict[str, str]:
    return isolated_env(
        root / "home",
        root / "runtime",
        PYTHON=sys.executable,
        PROBE=str(PROBE),
        PYTHONPATH=str(REPO),
    )


def run_probe(script: str, env: dict[str, str], *args: str) -> dict[str, Any]:
    command = ["dbus-run-session", "--", "sh", "-c", script, "probe", *args]
    result = run_in_own_group(command, env, TIMEOUT_S, cwd=REPO)
    assert result.returncode == 0, f"probe failed:\n{result.stderr}"
    return json.loads(result.stdout.strip().splitlines()[-1])


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
