"""Quitting: what the window still has running stops before the engine under it closes."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from seedream_desktop.ui.main_window import MainWindow
from tests.window.sessions import running_session, session_args, shown


@pytest.mark.usefixtures("fast_sessions")
async def test_quitting_stops_the_windows_tasks_before_the_engine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    order: list[str] = []
    async with running_session(session_args(tmp_path / "data", demo=True)) as running:
        window = await shown(MainWindow)
        engine_aclose = window.engine.aclose

        async def aclose() -> None:
            order.append("engine closed")
            await engine_aclose()

        monkeypatch.setattr(window.engine, "aclose", aclose)

        async def still_running() -> None:  # e.g. a cancel request waiting for the server
            try:
                await asyncio.Event().wait()
            finally:
                order.append("window task stopped")

        window.tasks.spawn(still_running())
        assert await running.finish() == 0

    assert order == ["window task stopped", "engine closed"]
