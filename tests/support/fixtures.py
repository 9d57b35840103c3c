"""Fixtures for the API emulator and the Qt-message check; registered with ``pytest_plugins``.

``emulator`` answers in a fraction of a second (jobs finish ~0.15 s after submit) and accepts
``TEST_TOKEN``; ``served_emulator`` serves that same emulator on 127.0.0.1 / 127.0.0.2.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from seedream_desktop.api.urls import BALANCE_BASE_URL_ENV
from seedream_desktop.emulator import Emulator, EmulatorConfig
from tests.support.emulator_server import ServedEmulator, serve_emulator

#: Distinctive, so a test can search logs and messages for any trace of it.
TEST_TOKEN = "rc-test-Zq8Xw2Lk5Vn7"

FAST_CONFIG = EmulatorConfig(
    tokens=frozenset({TEST_TOKEN}),
    queue_seconds=0.05,
    run_seconds=0.1,
    per_image_seconds=0.0,
)


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    with Emulator(FAST_CONFIG) as emu:
        yield emu


@pytest.fixture
def served_emulator(
    emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> Iterator[ServedEmulator]:
    """The emulator on real sockets. Its balance host is the environment's too: a window or
    command a test starts without ``--balance-url`` asks it, not RunComfy's default."""
    with serve_emulator(emulator) as served:
        monkeypatch.setenv(BALANCE_BASE_URL_ENV, served.balance_base_url)
        yield served


#: Qt messages that mean an object was used from the wrong thread or after it was freed: each
#: is a crash waiting for a different timing, so any of them fails the test that caused it.
#: Not every warning: the offscreen platform's "This plugin does not support …" is harmless.
SERIOUS_QT_MESSAGES = re.compile(
    r"Timers cannot be (?:started|stopped) from another thread"
    r"|QObject::(?:startTimer|killTimer)"
    r"|Cannot create children for a parent that is in a different thread"
    r"|QBackingStore::endPaint\(\) called with active painter"
    r"|has been deleted"
    r"|QThread: Destroyed while thread .* is still running"
    r"|QObject::connect: Cannot queue arguments"
    r"|QSocketNotifier: (?:Socket notifiers|Can only be used)"
)


@pytest.fixture(autouse=True)
def no_serious_qt_messages(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    capture = getattr(request.node, "qt_log_capture", None)  # pytest-qt's, per test
    records = capture.records if capture is not None else []
    serious = [r.message for r in records if SERIOUS_QT_MESSAGES.search(r.message)]
    assert serious == [], f"Qt warned: {serious}"
