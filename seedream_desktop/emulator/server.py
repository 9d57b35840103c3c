"""The emulator's origins on real loopback sockets, served by uvicorn in one event loop.

The API and the balance host listen on the same address with different ports: two origins,
as ``model-api.runcomfy.net`` and ``api.runcomfy.net`` are, so the token's host check is real.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import threading

import uvicorn
from starlette.types import ASGIApp

from seedream_desktop.emulator.api_app import BALANCE_PREFIX
from seedream_desktop.emulator.emulator import Emulator
from seedream_desktop.emulator.responses import ConnectionDropped

# Answers must not wait for a slow client forever when the server stops.
GRACEFUL_SHUTDOWN_SECONDS = 2


class EmulatorServer:
    """Binds both sockets at construction (so URLs are known at once), serves on ``serve()``.

    ``serve()`` runs until ``stop()`` — callable from any thread — or until it is cancelled
    (Ctrl+C under ``asyncio.run``). Port 0 picks a free port.
    """

    def __init__(
        self,
        emulator: Emulator,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        image_host: str = "127.0.0.2",
        image_port: int = 0,
    ) -> None:
        self._emulator = emulator
        self._api_socket = _listen(host, port)
        try:
            self._image_socket = _listen(image_host, image_port)
            try:
                self._balance_socket = _listen(host, 0)
            except OSError:
                self._image_socket.close()
                raise
        except OSError:
            self._api_socket.close()
            raise
        self.base_url = _url(self._api_socket)
        self.image_base_url = _url(self._image_socket)
        self.balance_base_url = _url(self._balance_socket) + BALANCE_PREFIX
        emulator.image_base_url = self.image_base_url
        self._stop_requested = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopped: asyncio.Event | None = None

    async def serve(self) -> None:
        _hide_dropped_connection_tracebacks()
        servers = [
            (_server(self._emulator.api_app), self._api_socket),
            (_server(self._emulator.image_app), self._image_socket),
            (_server(self._emulator.balance_app), self._balance_socket),
        ]
        self._stopped = asyncio.Event()
        self._loop = asyncio.get_running_loop()
        # stop() sets the flag before reading _loop; here _loop is set before reading the flag,
        # so a stop() racing with start-up is never lost.
        if self._stop_requested.is_set():
            self._stopped.set()
        started: list[tuple[uvicorn.Server, socket.socket]] = []
        try:
            for server, sock in servers:
                await server.startup(sockets=[sock])
                started.append((server, sock))
            await self._stopped.wait()
        finally:
            await asyncio.gather(*(server.shutdown(sockets=[sock]) for server, sock in started))
            for sock in (self._api_socket, self._image_socket, self._balance_socket):
                sock.close()

    def stop(self) -> None:
        self._stop_requested.set()
        loop, stopped = self._loop, self._stopped
        if loop is not None and stopped is not None and not loop.is_closed():
            loop.call_soon_threadsafe(stopped.set)


def _listen(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        # Listening before uvicorn starts lets clients connect at once: the kernel queues them.
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    return sock


def _url(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://{host}:{port}"


def _server(app: ASGIApp) -> uvicorn.Server:
    """A server to drive with ``startup``/``shutdown`` directly instead of ``serve()``.

    ``serve()`` polls for exit every 0.1 s and installs signal handlers; two of them in one loop
    would fight over SIGINT. What ``serve()`` prepares before ``startup`` is done here.
    """
    config = uvicorn.Config(
        app,
        lifespan="off",
        access_log=False,
        # The caller's logging stays as it is (pytest's caplog must see everything).
        log_config=None,
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
    )
    config.load()
    server = uvicorn.Server(config)
    server.lifespan = config.lifespan_class(config)
    return server


class _DroppedConnectionFilter(logging.Filter):
    """A dropped connection is an injected fault, not a crash worth a traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], ConnectionDropped))


def _hide_dropped_connection_tracebacks() -> None:
    logger = logging.getLogger("uvicorn.error")
    if not any(isinstance(f, _DroppedConnectionFilter) for f in logger.filters):
        logger.addFilter(_DroppedConnectionFilter())
