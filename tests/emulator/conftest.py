"""Emulator unit tests: in-process clients on a hand-driven clock."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from seedream_desktop.emulator import Emulator, EmulatorConfig, ManualClock
from tests.support.fixtures import TEST_TOKEN

QUEUE_SECONDS = 1.0
RUN_SECONDS = 2.0
SUBMIT_PATH = "/v1/models/bytedance/seedream-4-0/sequential"
OTHER_TOKEN = "rc-other-account"
AUTH = {"Authorization": f"Bearer {TEST_TOKEN}"}


def body(count: int = 2, **extra: object) -> dict[str, object]:
    noun = "image" if count == 1 else "images"
    return {
        "text": f"Generate {count} {noun} of a lighthouse at dusk.",
        "sequential_image_generation_options": count,
        **extra,
    }


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def manual_emulator(clock: ManualClock) -> Iterator[Emulator]:
    config = EmulatorConfig(
        tokens=frozenset({TEST_TOKEN, OTHER_TOKEN}),
        queue_seconds=QUEUE_SECONDS,
        run_seconds=RUN_SECONDS,
        per_image_seconds=0.0,
    )
    with Emulator(config, clock=clock) as emu:
        yield emu


@pytest.fixture
async def api(manual_emulator: Emulator) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        transport=manual_emulator.api_transport(), base_url="http://127.0.0.1"
    ) as client:
        yield client


@pytest.fixture
async def cdn(manual_emulator: Emulator) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=manual_emulator.image_transport()) as client:
        yield client
