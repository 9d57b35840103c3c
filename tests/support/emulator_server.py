"""Serve an ``Emulator`` over real loopback sockets from a background thread, for tests."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from seedream_desktop.emulator import Emulator, EmulatorServer

STOP_TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True, slots=True)
class ServedEmulator:
    emulator: Emulator
    #: The API origin, e.g. ``http://127.0.0.1:41234``.
    base_url: str
    #: The image origin the result URLs point at, e.g. ``http://127.0.0.2:41235``.
    image_base_url: str
    #: The balance host's base, another port of the API's host: ``http://127.0.0.1:41236/prod/v2``.
    balance_base_url: str


@contextmanager
def serve_emulator(
    emulator: Emulator, *, host: str = "127.0.0.1", image_host: str = "127.0.0.2"
) -> Iterator[ServedEmulator]:
    """Every origin on a free port; the sockets listen before this yields, so no wait is needed."""
    server = EmulatorServer(emulator, host=host, image_host=image_host)
    failures: list[BaseException] = []

    def run() -> None:
        try:
            asyncio.run(server.serve())
        except BaseException as exc:  # reported to the test on exit, not lost in the thread
            failures.append(exc)

    thread = threading.Thread(target=run, name="emulator-server", daemon=True)
    thread.start()
    try:
        yield ServedEmulator(
            emulator, server.base_url, server.image_base_url, server.balance_base_url
        )
    finally:
        server.stop()
        thread.join(STOP_TIMEOUT_SECONDS)
        if thread.is_alive():
            raise RuntimeError("the emulator server did not stop")
        if failures:
            raise failures[0]
