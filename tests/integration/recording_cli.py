"""``seedream-desktop`` with every name look-up and socket connect recorded, for hostile tests.

Run as ``python tests/integration/recording_cli.py generate …``. Each connect appends its
address to ``$HOSTILE_CONNECT_LOG``, and one to anything but loopback is refused right here, so
no test traffic ever reaches a network, even when the client is wrong. Names in
``$HOSTILE_NAMES`` (JSON, name → address) resolve as given; any other name that is not an
address fails to resolve (no DNS query leaves the machine). At exit the process's peak memory
(KiB) is written to ``$HOSTILE_PEAK_FILE``: ``VmHWM`` from ``/proc/self/status`` where there is
one, because ``getrusage``'s ``ru_maxrss`` keeps the peak of the forked parent from before
``exec`` (a pytest process of 400 MB made every child look 400 MB big).
"""

from __future__ import annotations

import atexit
import ipaddress
import json
import os
import resource
import socket
import sys
from pathlib import Path
from typing import Any

_LOG = Path(os.environ["HOSTILE_CONNECT_LOG"])
_NAMES: dict[str, str] = json.loads(os.environ.get("HOSTILE_NAMES", "{}"))
_PEAK = os.environ.get("HOSTILE_PEAK_FILE")
_connect = socket.socket.connect
_getaddrinfo = socket.getaddrinfo


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:
        return False


def recording_connect(self: socket.socket, address: Any) -> None:
    host = str(address[0]) if isinstance(address, tuple) else str(address)
    with _LOG.open("a") as log:
        log.write(host + "\n")
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(host):
        raise ConnectionRefusedError(f"test guard: no connection to {host}")
    _connect(self, address)


def recording_getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
    name = host.decode() if isinstance(host, bytes) else host
    if name in _NAMES:
        return _getaddrinfo(_NAMES[name], port, *args, **kwargs)
    try:
        ipaddress.ip_address(str(name).split("%", 1)[0])
    except ValueError:
        if name != "localhost":
            raise socket.gaierror(socket.EAI_NONAME, f"test guard: {name} unresolved") from None
    return _getaddrinfo(host, port, *args, **kwargs)


def _peak_kib() -> int:
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _write_peak() -> None:
    if _PEAK:
        Path(_PEAK).write_text(str(_peak_kib()))


socket.socket.connect = recording_connect  # type: ignore[method-assign]
socket.getaddrinfo = recording_getaddrinfo
atexit.register(_write_peak)

if __name__ == "__main__":
    from seedream_desktop.__main__ import main

    sys.exit(main(sys.argv[1:]))
