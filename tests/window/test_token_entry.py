"""The token field's Verify when the check itself goes wrong, or outlives its dialog."""

from __future__ import annotations

import asyncio
import logging

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from pytestqt.qtbot import QtBot

from seedream_desktop.core.token_check import TokenCheck
from seedream_desktop.ui.token_entry import TokenEntry
from tests.support.waiting import until
from tests.window.sessions import verify_says

TOKEN = "rc-secret-Ab12Cd34Ef56"


def shown_entry(qtbot: QtBot, entry: TokenEntry) -> TokenEntry:
    qtbot.addWidget(entry)
    entry.show()
    return entry


async def test_a_check_that_breaks_says_so_instead_of_checking_forever(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(token: str) -> TokenCheck:
        raise RuntimeError(f"illegal header value b'Bearer {token}'\nin the request")

    entry = shown_entry(qtbot, TokenEntry(broken))
    with caplog.at_level(logging.ERROR):
        answer = await verify_says(entry, qtbot, TOKEN)

    assert answer.startswith("⚠ Could not check the token: illegal header value")
    assert entry.verify_button.isEnabled()
    assert TOKEN not in answer  # the reason may quote the token; the user sees it masked
    assert "RuntimeError" in caplog.text
    assert TOKEN not in caplog.text


async def test_closing_the_dialog_stops_a_check_still_running(qtbot: QtBot) -> None:
    started = asyncio.Event()
    stopped: list[bool] = []

    async def slow(_token: str) -> TokenCheck:
        started.set()
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            stopped.append(True)
            raise
        raise AssertionError("never answers")

    entry = TokenEntry(slow)
    entry.show()
    entry.field.setText(TOKEN)
    entry.verify_button.click()
    await started.wait()

    entry.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    await until(lambda: stopped, within=2.0)
