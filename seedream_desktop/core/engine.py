"""The engine: library, API client, job runner and price book, the same for window and CLI.

It runs on what it is given (``seedream_desktop.wiring`` chooses the client, its transports and
the library folder); it owns them from then on and ``aclose()`` releases them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from seedream_desktop.api.client import RunComfyClient
from seedream_desktop.core.images import prepare_image_decoding
from seedream_desktop.core.jobs.runner import JobRunner, RunnerOptions
from seedream_desktop.core.library import Library, LibraryError
from seedream_desktop.core.models import JobRecord
from seedream_desktop.core.paths import LibraryPaths
from seedream_desktop.core.pricing import CACHE_FILE, PriceBook

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

    ``demo`` says the server forgets its jobs when the app quits (the in-process emulator);
    ``on_close`` runs last, for what the client's transports need released.
    """

    def __init__(
        self,
        paths: LibraryPaths,
        client: RunComfyClient,
        runner: RunnerOptions | None = None,
        *,
        demo: bool = False,
        on_close: Callable[[], None] | None = None,
    ) -> None:
        self.paths = paths
        self.paths.ensure()
        prepare_image_decoding()  # downloads are checked and thumbnailed in worker threads
        self.library = Library.open(self.paths)
        self.client = client
        self.runner = JobRunner(self.library, self.client, runner or RunnerOptions())
        self.prices = PriceBook(self.client, self.paths.root / CACHE_FILE)
        #: "Spent since start" counts from here.
        self.started_at = datetime.now(UTC)
        self._demo = demo
        self._on_close = on_close

    @property
    def demo(self) -> bool:
        return self._demo

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
        await self.runner.shutdown()
        await self.client.aclose()
        if self._on_close is not None:
            self._on_close()
        self.library.close()
