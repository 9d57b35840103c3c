"""The test suite may only ever talk to this machine: a connect to any other address fails.

Installed for the whole session by ``tests/conftest.py``. It guards the Python side of every
connection (httpx, asyncio, uvicorn clients all connect through ``socket.socket.connect`` or
``connect_ex``), so a default URL that slipped into a test (RunComfy's API or balance host)
fails loudly here instead of sending traffic off the machine. Unix-domain sockets (D-Bus, the
Secret Service) are not network traffic and pass.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex


class OffMachineConnectError(ConnectionRefusedError):
    """A test tried to reach an address that is not this machine's loopback."""


def _check(sock: socket.socket, address: Any) -> None:
    if sock.family not in (socket.AF_INET, socket.AF_INET6):
        return
    host = address[0]
    try:
        loopback = ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:  # a name: only "localhost" is this machine for certain
        loopback = host == "localhost"
    if not loopback:
        raise OffMachineConnectError(f"tests may only connect to loopback, not to {host!r}")


def _guarded_connect(self: socket.socket, address: Any) -> None:
    _check(self, address)
    _connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> int:
    _check(self, address)
    return _connect_ex(self, address)


def install() -> None:
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]
