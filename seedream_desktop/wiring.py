"""Assembles an engine for the window and the CLI: real or demo, base URLs, transports, folders.

The only module besides the tests (and ``--self-test``, which runs a quick demo job) that knows
the emulator: demo mode swaps the network for the built-in emulator served in-process (no port
is opened) and keeps its library apart from the real one. ``core`` receives what it runs on and
never chooses it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from seedream_desktop.api.client import RunComfyClient
from seedream_desktop.api.urls import (
    BALANCE_BASE_URL_ENV,
    BASE_URL_ENV,
    DEFAULT_BALANCE_BASE_URL,
    DEFAULT_BASE_URL,
    validate_base_url,
)
from seedream_desktop.core.engine import Engine
from seedream_desktop.core.jobs.runner import RunnerOptions
from seedream_desktop.core.paths import LibraryPaths, data_dir
from seedream_desktop.core.settings import Settings

if TYPE_CHECKING:
    from seedream_desktop.emulator import Emulator

#: The emulator answers on this name in demo mode; traffic never leaves the process.
DEMO_API_URL = "http://127.0.0.1"
#: The demo's balance host: a name of its own, so the token's host check is the real one.
DEMO_BALANCE_URL = "http://127.0.0.3/prod/v2"


@dataclass(frozen=True, slots=True)
class EngineConfig:
    data_dir: Path | None = None  # --data-dir, else the settings' data folder, else the default
    base_url: str | None = None  # --base-url, beats SEEDREAM_API_BASE_URL
    base_url_setting: str | None = None  # the settings' value, used when neither is given
    balance_url: str | None = None  # --balance-url, beats SEEDREAM_BALANCE_BASE_URL
    demo: bool = False
    runner: RunnerOptions = field(default_factory=RunnerOptions)

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        *,
        demo: bool,
        data_dir: Path | None = None,
        base_url: str | None = None,
        balance_url: str | None = None,
    ) -> EngineConfig:
        """What the command line gave, falling back to what the user chose in Settings."""
        return cls(
            data_dir=data_dir or settings.data_dir,
            base_url=base_url,
            base_url_setting=settings.base_url,
            balance_url=balance_url,
            demo=demo,
            runner=RunnerOptions(jobs_at_once=settings.jobs_at_once),
        )


def resolve_base_url(flag: str | None, setting: str | None = None) -> str:
    """``--base-url`` beats the environment, which beats the setting; validated either way."""
    return _resolve(flag, BASE_URL_ENV, setting, DEFAULT_BASE_URL)


def resolve_balance_url(flag: str | None) -> str:
    """``--balance-url`` beats ``SEEDREAM_BALANCE_BASE_URL``, which beats RunComfy's own."""
    return _resolve(flag, BALANCE_BASE_URL_ENV, None, DEFAULT_BALANCE_BASE_URL)


def _resolve(flag: str | None, env: str, setting: str | None, default: str) -> str:
    chosen = flag or os.environ.get(env) or setting or default
    return validate_base_url(chosen, example=default)


def open_engine(
    config: EngineConfig,
    token: Callable[[], str | None],
    *,
    emulator: Emulator | None = None,
) -> Engine:
    """The engine ``config`` asks for; ``aclose()`` it. Raises ``LibraryError`` or, for a
    refused base URL, ``ValueError``.

    In demo mode it runs on ``emulator`` (tests pass a faster one), else on a default one; the
    engine closes it either way.
    """
    paths = LibraryPaths.in_data_dir(data_dir(config.data_dir), demo=config.demo)
    if not config.demo:
        client = RunComfyClient(
            token,
            base_url=resolve_base_url(config.base_url, config.base_url_setting),
            balance_base_url=resolve_balance_url(config.balance_url),
            retry=config.runner.retry,
            sleep=config.runner.sleep,
        )
        return Engine(paths, client, config.runner)
    # Imported here: a real run (and the CLI's `history`) never loads the emulator and starlette.
    from seedream_desktop.emulator import Emulator, EmulatorConfig
    from seedream_desktop.emulator.config import DEMO_TOKEN

    demo = emulator if emulator is not None else Emulator(EmulatorConfig())
    client = RunComfyClient(
        lambda: DEMO_TOKEN,
        base_url=DEMO_API_URL,
        balance_base_url=DEMO_BALANCE_URL,
        transport=demo.api_transport(),
        balance_transport=demo.balance_transport(),
        download_transport=demo.image_transport(),
        retry=config.runner.retry,
        sleep=config.runner.sleep,
    )
    try:
        return Engine(paths, client, config.runner, demo=True, on_close=demo.close)
    except BaseException:
        demo.close()
        raise


def token_check_client(config: EngineConfig, token: str) -> RunComfyClient:
    """A short-lived client that asks the configured server about ``token`` (Verify buttons).

    Raises ``ValueError`` for a refused base URL.
    """
    return RunComfyClient(
        lambda: token, base_url=resolve_base_url(config.base_url, config.base_url_setting)
    )
