"""A RunComfy look-alike that misbehaves on purpose — not the project's emulator, loopback only.

The API answers on 127.0.0.1 and the images on 127.0.0.2 (each on a free port), both served by
uvicorn from a background thread. A :class:`Script` says what the server does; every request is
recorded so a test can count submits and image fetches and see the headers that came in.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route

REQUEST_ID = "hostile-request-1"
API_HOST = "127.0.0.1"
IMAGE_HOST = "127.0.0.2"
STOP_TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True, slots=True)
class Seen:
    method: str
    host: str
    path: str
    headers: dict[str, str]


@dataclass
class Script:
    """What the server does. ``image_urls`` gets the image origin (``http://127.0.0.2:port``)."""

    image_urls: Callable[[str], list[str]]
    #: The body of image ``n`` for the ``k``-th request of it (``k`` counts from 0).
    image: Callable[[int, int], bytes] = lambda n, k: b""
    image_headers: dict[str, str] = field(default_factory=dict)
    #: ``/redirect/<n>`` answers 302 to this location.
    redirect_to: Callable[[int], str] = lambda n: ""
    #: Seconds the job stays ``in_progress`` after the submit.
    run_seconds: float = 0.0
    #: When set, the status body is sent one byte at a time, this many seconds apart.
    drip_seconds: float | None = None


class HostileServer:
    def __init__(self, script: Script) -> None:
        self.script = script
        self.seen: list[Seen] = []
        self._image_requests: dict[int, int] = {}
        self._submitted_at: float | None = None
        self._sockets = [_listen(API_HOST), _listen(IMAGE_HOST)]
        self.base_url, self.image_base_url = (_url(s) for s in self._sockets)
        config = uvicorn.Config(
            self.app(), log_level="error", lifespan="off", timeout_graceful_shutdown=1
        )
        self._servers = [uvicorn.Server(config) for _ in self._sockets]

    # -- what tests read -------------------------------------------------------------------

    def requests_to(self, host: str, method: str | None = None) -> list[Seen]:
        return [s for s in self.seen if s.host == host and method in (None, s.method)]

    @property
    def submits(self) -> int:
        return len(self.requests_to(API_HOST, "POST"))

    @property
    def image_fetches(self) -> list[Seen]:
        return self.requests_to(IMAGE_HOST)

    # -- the app ---------------------------------------------------------------------------

    def _record(self, request: Request) -> None:
        host = request.scope["server"][0]
        self.seen.append(Seen(request.method, host, request.url.path, dict(request.headers)))

    async def _submit(self, request: Request) -> Response:
        self._record(request)
        self._submitted_at = asyncio.get_running_loop().time()
        base = f"{self.base_url}/v1/requests/{REQUEST_ID}"
        return JSONResponse(
            {
                "request_id": REQUEST_ID,
                "status_url": f"{base}/status",
                "result_url": f"{base}/result",
                "cancel_url": f"{base}/cancel",
            }
        )

    def _running(self) -> bool:
        started = self._submitted_at
        elapsed = asyncio.get_running_loop().time() - (started or 0.0)
        return started is not None and elapsed < self.script.run_seconds

    async def _status(self, request: Request) -> Response:
        self._record(request)
        state = "in_progress" if self._running() else "completed"
        body = f'{{"request_id": "{REQUEST_ID}", "status": "{state}"}}'.encode()
        drip = self.script.drip_seconds
        if drip is None:
            return Response(body, media_type="application/json")

        async def one_byte_at_a_time() -> AsyncIterator[bytes]:
            for byte in body * 1000:
                yield bytes([byte])
                await asyncio.sleep(drip)

        return StreamingResponse(one_byte_at_a_time(), media_type="application/json")

    async def _result(self, request: Request) -> Response:
        self._record(request)
        if self._running():
            return JSONResponse({"request_id": REQUEST_ID, "status": "in_progress"})
        urls = self.script.image_urls(self.image_base_url)
        return JSONResponse(
            {"request_id": REQUEST_ID, "status": "succeeded", "output": {"images": urls}}
        )

    async def _image(self, request: Request) -> Response:
        self._record(request)
        n = int(request.path_params["n"])
        k = self._image_requests.get(n, 0)
        self._image_requests[n] = k + 1
        body = self.script.image(n, k)
        return Response(body, headers=self.script.image_headers, media_type="image/png")

    async def _redirect(self, request: Request) -> Response:
        self._record(request)
        return RedirectResponse(self.script.redirect_to(int(request.path_params["n"])), 302)

    def app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/v1/models/{model:path}", self._submit, methods=["POST"]),
                Route("/v1/requests/{rid}/status", self._status),
                Route("/v1/requests/{rid}/result", self._result),
                Route("/img/{n:int}.png", self._image),
                Route("/redirect/{n:int}", self._redirect),
            ]
        )

    # -- serving ---------------------------------------------------------------------------

    @property
    def started(self) -> bool:
        return all(server.started for server in self._servers)

    async def serve(self) -> None:
        await asyncio.gather(
            *(
                server.serve(sockets=[sock])
                for server, sock in zip(self._servers, self._sockets, strict=True)
            )
        )

    def stop(self) -> None:
        for server in self._servers:
            server.should_exit = True


@contextmanager
def serve_hostile(script: Script) -> Iterator[HostileServer]:
    server = HostileServer(script)
    started = threading.Event()

    def run() -> None:
        async def main() -> None:
            task = asyncio.ensure_future(server.serve())
            while not server.started:  # noqa: ASYNC110
                await asyncio.sleep(0.01)
            started.set()
            await task

        asyncio.run(main())

    thread = threading.Thread(target=run, name="hostile-server", daemon=True)
    thread.start()
    if not started.wait(STOP_TIMEOUT_SECONDS):
        raise RuntimeError("the hostile server did not start")
    try:
        yield server
    finally:
        server.stop()
        thread.join(STOP_TIMEOUT_SECONDS)


def _listen(host: str) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, 0))
    sock.listen(64)
    sock.setblocking(False)
    return sock


def _url(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://{host}:{port}"
