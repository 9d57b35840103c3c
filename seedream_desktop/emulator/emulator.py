"""The emulator: configuration and state shared by the API origin and the image origin."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from types import TracebackType

import httpx
from starlette.applications import Starlette

from seedream_desktop.emulator.api_app import build_api_app, build_balance_app
from seedream_desktop.emulator.clock import Clock, MonotonicClock
from seedream_desktop.emulator.config import EmulatorConfig
from seedream_desktop.emulator.faults import FaultPlan
from seedream_desktop.emulator.image_app import build_image_app
from seedream_desktop.emulator.images import ImageCache, ImageKey
from seedream_desktop.emulator.jobs import Job, JobQueue, JobSnapshot, JobView, Phase
from seedream_desktop.emulator.journal import Journal, Origin, RequestRecord
from seedream_desktop.emulator.money import Wallet
from seedream_desktop.emulator.transport import EmulatorTransport


class Emulator:
    """One emulated RunComfy account world. Use in-process through the transports, or serve it.

    ``image_base_url`` is where result URLs point; a server that binds a real port sets it.
    """

    def __init__(self, config: EmulatorConfig | None = None, *, clock: Clock | None = None) -> None:
        self.config = config or EmulatorConfig()
        self.clock: Clock = clock or MonotonicClock()
        self.faults = FaultPlan(fault_tokens=self.config.fault_tokens)
        self.queue = JobQueue(
            self.clock, queue_seconds=self.config.queue_seconds, workers=self.config.workers
        )
        self.journal = Journal()
        self.wallet = Wallet(self.config.balance_usd)
        self.images = ImageCache(
            max_items=self.config.image_cache_size, threads=self.config.render_threads
        )
        self.image_base_url = self.config.image_base_url
        self._wall_offset = time.time() - self.clock.now()
        self._rendering: set[str] = set()
        self._rendering_lock = threading.Lock()
        self.api_app: Starlette = build_api_app(self)
        self.image_app: Starlette = build_image_app(self)
        self.balance_app: Starlette = build_balance_app(self)

    # -- for clients ---------------------------------------------------------------------------

    def api_transport(self) -> httpx.AsyncBaseTransport:
        """For the API client (base URL ``http://127.0.0.1``); no socket is opened."""
        return EmulatorTransport(app=self.api_app)

    def image_transport(self) -> httpx.AsyncBaseTransport:
        """For the download client: ASGITransport ignores the host, so images need their own."""
        return EmulatorTransport(app=self.image_app)

    def balance_transport(self) -> httpx.AsyncBaseTransport:
        """For the balance host (``{any origin}/prod/v2``), mounted beside the API's."""
        return EmulatorTransport(app=self.balance_app)

    # -- for tests -----------------------------------------------------------------------------

    def jobs(self) -> list[JobSnapshot]:
        return [JobSnapshot.of(job, view) for job, view in self.queue.views()]

    def requests(self, origin: Origin | None = None) -> list[RequestRecord]:
        return self.journal.requests(origin)

    def auth_violations(self) -> list[RequestRecord]:
        return self.journal.auth_violations()

    def close(self) -> None:
        self.images.close()

    def __enter__(self) -> Emulator:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- for the apps --------------------------------------------------------------------------

    def accepts(self, token: str) -> bool:
        return token in self.config.tokens or self.faults.is_fault_token(token)

    def observe(self, job: Job) -> JobView:
        """The job now; once it runs, its images start rendering so downloads find them ready."""
        view = self.queue.view(job)
        if view.phase in (Phase.RUNNING, Phase.FINISHED) and not job.outcome.failed:
            with self._rendering_lock:
                start = job.request_id not in self._rendering
                self._rendering.add(job.request_id)
            if start:
                self.images.prefetch(self.image_keys(job))
        return view

    def image_keys(self, job: Job) -> list[ImageKey]:
        aspect, fmt = job.params.aspect, self.config.image_format
        return [
            ImageKey(job.seed, i, aspect.width, aspect.height, fmt)
            for i in range(job.outcome.images)
        ]

    def image_urls(self, job: Job) -> list[str]:
        extension = self.config.image_format.extension
        base = self.image_base_url.rstrip("/")
        return [f"{base}/files/{job.request_id}/{i}{extension}" for i in range(job.outcome.images)]

    async def image_bytes(self, job: Job, index: int) -> bytes:
        return await self.images.get(self.image_keys(job)[index])

    def wall_time(self, instant: float) -> str:
        """An instant of the emulator's clock as an ISO 8601 UTC timestamp, as the API gives."""
        stamp = datetime.fromtimestamp(self._wall_offset + instant, UTC)
        return stamp.isoformat(timespec="seconds").replace("+00:00", "Z")
