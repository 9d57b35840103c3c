"""The suite's own guard: nothing under test can open a connection off this machine."""

from __future__ import annotations

import socket

import httpx
import pytest

from tests.support.loopback_only import OffMachineConnectError


def test_a_connect_to_another_address_fails_before_any_packet() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:  # noqa: SIM117
        with pytest.raises(OffMachineConnectError, match=r"192\.0\.2\.1"):
            sock.connect(("192.0.2.1", 443))  # TEST-NET-1: never routed


async def test_httpx_cannot_reach_runcomfy_from_a_test() -> None:
    async with httpx.AsyncClient() as client:
        with pytest.raises(httpx.ConnectError):
            await client.get("https://203.0.113.7/prod/v2/balance")  # TEST-NET-3


def test_loopback_still_connects() -> None:
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass
