"""Assembles an engine for the window and the CLI: real or demo, base URLs, transports, folders.

The only module besides the tests (and ``--self-test``, which runs a quick demo job) that knows
the emulator: demo mode swaps the network for the built-in emulator served in-process (no port
is opened) and keeps its library apart from the real one. ``core`` receives what it runs on and
never chooses it.

The client (httpx) and the emulator (starlette) are imported and made when the engine first
needs the network, not when it opens: the window paints first (``core.engine``).
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from seedream_desktop.api.urls import (
    BALANCE_BASE_URL_ENV,
    BASE_URL_ENV,
    DEFAULT_BALANCE_BASE_URL,
    DEFAULT_BASE_URL,
    validate_base_url,
)
from seedream_desktop.core.engine import Engine
from seedream_desktop.core.paths import LibraryPaths
from seedream_desktop.core.settings import Settings

if TYPE_CHECKING:
    import httpx

    from seedream_desktop.api.client import RunComfyClient
    from seedream_desktop.core.jobs.runner import RunnerOptions
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
    runner: RunnerOptions | None = None  # the runner's timings and limits; None: the defaults
    jobs_at_once: int | None = None  # the settings' choice; beats ``runner.jobs_at_once``

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
            jobs_at_once=settings.jobs_at_once,
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

    In demo mode it runs on ``emulator`` (tests pass a faster one), else on a default one made
    when the engine first needs it; the engine closes it either way.
    """
    paths = LibraryPaths.chosen(config.data_dir, demo=config.demo)
    if not config.demo:
        base_url = resolve_base_url(config.base_url, config.base_url_setting)
        balance_url = resolve_balance_url(config.balance_url)
        return Engine(
            paths,
            lambda options: _client(token, base_url, options, balance_url=balance_url),
            config.runner,
            jobs_at_once=config.jobs_at_once,
        )
    demo = _DemoNetwork(emulator)
    try:
        return Engine(
            paths,
            demo.connect,
            config.runner,
            jobs_at_once=config.jobs_at_once,
            demo=True,
            on_close=demo.close,
        )
    except BaseException:
        demo.close()
        raise


class _DemoNetwork:
    """The in-process emulator and a client on it, both made on first use."""

    def __init__(self, emulator: Emulator | None) -> None:
        self._emulator = emulator

    def connect(self, options: RunnerOptions) -> RunComfyClient:
        # Imported here: starlette (~100 ms) loads after the window's first paint.
        from seedream_desktop.emulator import Emulator, EmulatorConfig
        from seedream_desktop.emulator.config import DEMO_TOKEN

        if self._emulator is None:
            self._emulator = Emulator(EmulatorConfig())
        return _client(
            lambda: DEMO_TOKEN,
            DEMO_API_URL,
            options,
            balance_url=DEMO_BALANCE_URL,
            transport=self._emulator.api_transport(),
            balance_transport=self._emulator.balance_transport(),
            download_transport=self._emulator.image_transport(),
        )

    def close(self) -> None:
        if self._emulator is not None:
            self._emulator.close()


def _client(
    token: Callable[[], str | None],
    base_url: str,
    options: RunnerOptions | None = None,
    *,
    balance_url: str = DEFAULT_BALANCE_BASE_URL,
    transport: httpx.AsyncBaseTransport | None = None,
    balance_transport: httpx.AsyncBaseTransport | None = None,
    download_transport: httpx.AsyncBaseTransport | None = None,
) -> RunComfyClient:
    """A client with the runner's retry policies and waits (``options``), else the defaults."""
    # Imported here: httpx (~100 ms) loads after the window's first paint.
    from seedream_desktop.api.client import RunComfyClient

    retry, sleep = (options.retry, options.sleep) if options else (None, asyncio.sleep)
    return RunComfyClient(
        token,
        base_url=base_url,
        balance_base_url=balance_url,
        transport=transport,
        balance_transport=balance_transport,
        download_transport=download_transport,
        retry=retry,
        sleep=sleep,
    )


def token_check_client(config: EngineConfig, token: str) -> RunComfyClient:
    """A short-lived client that asks the configured server about ``token`` (Verify buttons).

    Raises ``ValueError`` for a refused base URL.
    """
    return _client(lambda: token, resolve_base_url(config.base_url, config.base_url_setting))
