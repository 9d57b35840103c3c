"""Assembles library, API client and job runner — the same engine for the window and the CLI.

Demo mode swaps the network for the built-in emulator served in-process (no port is opened) and
keeps its library apart from the real one.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QLockFile

from seedream_desktop.api.client import RunComfyClient
from seedream_desktop.api.urls import BASE_URL_ENV, DEFAULT_BASE_URL, validate_base_url
from seedream_desktop.core.jobs.runner import JobRunner, RunnerOptions
from seedream_desktop.core.library import Library, LibraryError
from seedream_desktop.core.models import JobRecord
from seedream_desktop.core.paths import LibraryPaths, data_dir
from seedream_desktop.core.qt_warmup import warm_up_image_types
from seedream_desktop.emulator import Emulator, EmulatorConfig
from seedream_desktop.emulator.config import DEMO_TOKEN

#: The emulator answers on this name in demo mode; traffic never leaves the process.
DEMO_API_URL = "http://127.0.0.1"
DEMO_JOBS_END_MESSAGE = "Stopped when the app quit: demo jobs do not continue (nothing is charged)."


class LibraryBusyError(LibraryError):
    """Another process is already resuming this library's unfinished jobs."""


@dataclass(frozen=True, slots=True)
class EngineConfig:
    data_dir: Path | None = None  # --data-dir / SEEDREAM_DATA_DIR / per-OS default
    base_url: str | None = None  # --base-url, beats SEEDREAM_API_BASE_URL
    base_url_setting: str | None = None  # the settings' value, used when neither is given
    demo: bool = False
    runner: RunnerOptions = field(default_factory=RunnerOptions)
    #: Demo only: how the emulator behaves (tests pass a faster one).
    emulator_config: EmulatorConfig | None = field(default=None, compare=False)


def resolve_base_url(flag: str | None, setting: str | None = None) -> str:
    """``--base-url`` beats the environment, which beats the setting; validated either way."""
    chosen = flag or os.environ.get(BASE_URL_ENV) or setting or DEFAULT_BASE_URL
    return validate_base_url(chosen)


class Engine:
    """Owns the long-lived pieces; ``aclose()`` releases them (the runner first)."""

    def __init__(
        self,
        config: EngineConfig,
        token: Callable[[], str | None],
    ) -> None:
        self.config = config
        self.paths = LibraryPaths.in_data_dir(data_dir(config.data_dir), demo=config.demo)
        self.paths.ensure()
        warm_up_image_types()  # downloads are checked and thumbnailed in worker threads
        self.library = Library.open(self.paths)
        self._jobs_lock = QLockFile(str(self.paths.root / "unfinished-jobs.lock"))
        self.emulator: Emulator | None = None
        if config.demo:
            self.emulator = Emulator(config.emulator_config or EmulatorConfig())
            self.client = RunComfyClient(
                lambda: DEMO_TOKEN,
                base_url=DEMO_API_URL,
                transport=self.emulator.api_transport(),
                download_transport=self.emulator.image_transport(),
                retry=config.runner.retry,
                sleep=config.runner.sleep,
            )
        else:
            self.client = RunComfyClient(
                token,
                base_url=resolve_base_url(config.base_url, config.base_url_setting),
                retry=config.runner.retry,
                sleep=config.runner.sleep,
            )
        self.runner = JobRunner(self.library, self.client, config.runner)

    @property
    def demo(self) -> bool:
        return self.config.demo

    def resume_unfinished(self) -> list[JobRecord]:
        """Start again where the last run stopped (see ``JobRunner.resume_unfinished``).

        Only one process may do this per library (the window, or ``seedream-desktop resume``):
        two would poll, download and maybe submit the same jobs. Raises ``LibraryBusyError``.
        """
        if not self._jobs_lock.tryLock(0):
            raise LibraryBusyError(
                "Another Seedream Desktop (a window or `resume`) is already finishing the "
                "unfinished jobs of this library."
            )
        if self.demo:
            # The in-process emulator starts empty: last run's demo jobs do not exist on it.
            self.runner.abandon_unfinished(DEMO_JOBS_END_MESSAGE)
            return []
        return self.runner.resume_unfinished()

    async def aclose(self) -> None:
        await self.runner.shutdown()
        await self.client.aclose()
        if self.emulator is not None:
            self.emulator.close()
        self.library.close()
        if self._jobs_lock.isLocked():
            self._jobs_lock.unlock()
