"""Suite-wide isolation: no test touches the real home, settings, keyring or network.

Set at import time, before Qt or keyring read the environment: Qt runs offscreen, HOME and the
XDG folders point at a throw-away directory, and keyring uses no backend unless a test injects
one (the Secret Service test starts its own private D-Bus session), and a connection to any
address but loopback fails (``tests/support/loopback_only.py``).
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

_HOME = Path(tempfile.mkdtemp(prefix="seedream-test-home-"))
atexit.register(shutil.rmtree, _HOME, ignore_errors=True)
for _name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    (_HOME / _name.lower()).mkdir()
    os.environ[_name] = str(_HOME / _name.lower())
os.environ["HOME"] = str(_HOME)
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
for _name in (
    "RUNCOMFY_API_TOKEN",
    "SEEDREAM_API_BASE_URL",
    "SEEDREAM_BALANCE_BASE_URL",
    "SEEDREAM_DATA_DIR",
):
    os.environ.pop(_name, None)

from tests.support import loopback_only  # noqa: E402

loopback_only.install()

pytest_plugins = ["tests.support.fixtures", "tests.support.library"]


@pytest.fixture(scope="session", autouse=True)
def _messages_routed_before_any_test() -> None:
    """The CLI and the window route Qt's and libpng's messages once per process (the call is
    cached) and swap ``sys.stderr`` as they do. Left to whichever test runs first, the swap hides
    that one test's stderr from ``capsys``: done here, every order of tests sees the same."""
    from seedream_desktop.core.qt_messages import route_messages_to_logging

    captured = sys.stderr
    route_messages_to_logging()
    sys.stderr = captured  # pytest's capture stays in place; it restores fd 2 itself


@pytest.fixture(scope="session")
def qapp(qapp: QApplication) -> QApplication:
    """pytest-qt's application, in English as the app would be (see ``tests.support.language``)."""
    from tests.support.language import use_language

    use_language(qapp)
    return qapp


def pytest_sessionfinish(session: object, exitstatus: int) -> None:
    """Qt's offscreen platform segfaults at exit while the clipboard holds data (seen with
    PySide6 6.11.3 even for plain text; xcb does not): leave it empty, so a green run exits 0."""
    widgets = sys.modules.get("PySide6.QtWidgets")
    app = widgets.QApplication.instance() if widgets is not None else None
    if app is not None:
        app.clipboard().clear()
