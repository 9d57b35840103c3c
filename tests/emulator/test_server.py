"""Both origins over real loopback sockets, in a thread and as ``python -m``."""

from __future__ import annotations

import signal
import subprocess
import sys

import httpx
import pytest

from seedream_desktop.emulator import Emulator, Endpoint, Fault
from tests.emulator.conftest import AUTH, SUBMIT_PATH, body
from tests.support.emulator_server import ServedEmulator


async def test_served_origins_answer_on_their_own_loopback_addresses(
    served_emulator: ServedEmulator,
) -> None:
    assert served_emulator.base_url.startswith("http://127.0.0.1:")
    assert served_emulator.image_base_url.startswith("http://127.0.0.2:")
    async with httpx.AsyncClient(base_url=served_emulator.base_url) as api:
        submitted = (await api.post(SUBMIT_PATH, json=body(), headers=AUTH)).json()
        status = await api.get(submitted["status_url"], headers=AUTH)

    assert submitted["status_url"].startswith(served_emulator.base_url + "/v1/requests/")
    assert status.json()["status"] in {"in_queue", "in_progress", "completed"}


async def test_a_dropped_answer_reaches_a_real_client_as_an_incomplete_read(
    served_emulator: ServedEmulator, emulator: Emulator
) -> None:
    emulator.faults.arm(Endpoint.SUBMIT, Fault.DROP)
    async with httpx.AsyncClient(base_url=served_emulator.base_url) as api:
        with pytest.raises(httpx.RemoteProtocolError):
            await api.post(SUBMIT_PATH, json=body(), headers=AUTH)
        # The server survives the fault and keeps answering.
        assert (await api.post(SUBMIT_PATH, json=body(), headers=AUTH)).status_code == 200
    assert len(emulator.jobs()) == 2


def test_the_command_line_serves_until_interrupted() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "seedream_desktop.emulator", "--port", "0", "--queue-seconds", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        api_line = process.stdout.readline() if process.stdout else ""
        base_url = api_line.split()[-1]
        answer = httpx.get(
            f"{base_url}/v1/requests/x/status", headers={"Authorization": "Bearer demo-token"}
        )
        process.send_signal(signal.SIGINT)
        process.wait(timeout=15)
    finally:
        process.kill()
    assert base_url.startswith("http://127.0.0.1:")
    assert answer.json()["error_code"] == 404001
    assert process.returncode == 0


def test_the_command_line_refuses_a_non_loopback_host() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "seedream_desktop.emulator", "--host", "0.0.0.0"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 2
    assert "not a loopback address" in done.stderr


def test_the_in_process_emulator_does_not_load_the_socket_server() -> None:
    probe = (
        "import sys\n"
        "import seedream_desktop.emulator as emulator\n"
        "assert 'uvicorn' not in sys.modules, 'uvicorn imported eagerly'\n"
        "assert emulator.EmulatorServer.__name__ == 'EmulatorServer'\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
