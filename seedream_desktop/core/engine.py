"""The engine: library, API client, job runner and price book, the same for window and CLI.

It runs on what it is given (``seedream_desktop.wiring`` chooses the client, its transports and
the library folder); it owns them from then on and ``aclose()`` releases them.

The library opens at once; the client, the runner and the price book are made on first use.
Until then httpx, the runner and (in demo mode) the emulator are not even imported, so the
window paints its first frame from the library alone and starts the jobs right after.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from seedream_desktop.core.images import prepare_image_decoding
from seedream_desktop.core.library import Library, LibraryError
from seedream_desktop.core.models import JobRecord
from seedream_desktop.core.paths import LibraryPaths
from seedream_desktop.core.pricing import CACHE_FILE, PriceBook

if TYPE_CHECKING:
    from seedream_desktop.api.client import RunComfyClient
    from seedream_desktop.core.jobs.runner import JobRunner, RunnerOptions

DEMO_JOBS_END_MESSAGE = "Stopped when the app quit: demo jobs do not continue (nothing is charged)."


class LibraryBusyError(LibraryError):
    """Every unfinished job of this library is being run by another process."""


def left_alone_message(job_ids: list[int]) -> str:
    """What a front end says about jobs another Seedream Desktop process is running."""
    listed = ", ".join(str(job_id) for job_id in job_ids)
    return (
        f"Job {listed} {'is' if len(job_ids) == 1 else 'are'} being run by another "
        "Seedream Desktop (a window, `generate` or `resume`) — left alone here."
    )


class Engine:
    """Owns the long-lived pieces; ``aclose()`` releases them (the runner first).

    ``connect`` makes the API client, with the runner's options, when it is first needed.
    ``runner`` holds the runner's timings, limits and retry policies (None: the defaults);
    ``jobs_at_once``, when given, overrides its limit.
    ``demo`` says the server forgets its jobs when the app quits (the in-process emulator);
    ``on_close`` runs last, for what the client's transports need released.
    """

    def __init__(
        self,
        paths: LibraryPaths,
        connect: Callable[[RunnerOptions], RunComfyClient],
        runner: RunnerOptions | None = None,
        *,
        jobs_at_once: int | None = None,
        demo: bool = False,
        on_close: Callable[[], None] | None = None,
    ) -> None:
        self.paths = paths
        self.paths.ensure()
        prepare_image_decoding()  # thumbnails and downloads are decoded in worker threads
        self.library = Library.open(self.paths)
        self._connect = connect
        self._client: RunComfyClient | None = None
        self._runner_options = runner
        self._jobs_at_once = jobs_at_once
        self._runner: JobRunner | None = None
        self._prices: PriceBook | None = None
        #: "Spent since start" counts from here.
        self.started_at = datetime.now(UTC)
        self._demo = demo
        self._on_close = on_close

    @property
    def demo(self) -> bool:
        return self._demo

    @property
    def client(self) -> RunComfyClient:
        if self._client is None:
            self._client = self._connect(self._options())
        return self._client

    @property
    def runner(self) -> JobRunner:
        if self._runner is None:
            # Imported here: the runner and httpx (~250 ms) are not needed for the first paint.
            from seedream_desktop.core.jobs.runner import JobRunner

            self._runner = JobRunner(self.library, self.client, self._options())
        return self._runner

    @property
    def prices(self) -> PriceBook:
        """The price book over ``client``, made (and its cache file read) on first use."""
        if self._prices is None:
            self._prices = PriceBook(self.client, self.paths.root / CACHE_FILE)
        return self._prices

    def _options(self) -> RunnerOptions:
        from seedream_desktop.core.jobs.runner import RunnerOptions  # as in ``runner``

        options = self._runner_options or RunnerOptions()
        if self._jobs_at_once is not None:
            options = dataclasses.replace(options, jobs_at_once=self._jobs_at_once)
        return options

    def resume_unfinished(self) -> list[JobRecord]:
        """Start again where the last run stopped (see ``JobRunner.resume_unfinished``).

        Jobs another process runs are left alone (``runner.left_alone``); when that is every
        unfinished job, raises ``LibraryBusyError``.
        """
        if self.demo:
            # The in-process emulator starts empty: last run's demo jobs do not exist on it.
            self.runner.abandon_unfinished(DEMO_JOBS_END_MESSAGE)
            resumed = []
        else:
            resumed = self.runner.resume_unfinished()
        if not resumed and self.runner.left_alone:
            raise LibraryBusyError(left_alone_message(self.runner.left_alone))
        return resumed

    async def aclose(self) -> None:
        if self._runner is not None:
            await self._runner.shutdown()
        if self._client is not None:
            await self._client.aclose()
        if self._on_close is not None:
            self._on_close()
        self.library.close()
