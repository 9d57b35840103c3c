"""Pytest fixtures for the API emulator; registered with ``pytest_plugins``.

``emulator`` answers in a fraction of a second (jobs finish ~0.15 s after submit) and accepts
``TEST_TOKEN``; ``served_emulator`` serves that same emulator on 127.0.0.1 / 127.0.0.2.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

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
def served_emulator(emulator: Emulator) -> Iterator[ServedEmulator]:
    with serve_emulator(emulator) as served:
        yield served
