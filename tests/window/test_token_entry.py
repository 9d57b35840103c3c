"""The token field's Verify never leaves a designer looking at "Checking…"."""

from __future__ import annotations

import logging

import pytest
from pytestqt.qtbot import QtBot

from seedream_desktop.core.token_check import TokenCheck
from seedream_desktop.ui.token_entry import TokenEntry
from tests.support.waiting import until

TOKEN = "rc-entry-Qm3Wn8Zp5Lx2"


async def test_a_failing_check_is_reported_and_never_logs_the_token(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(token: str) -> TokenCheck:
        raise RuntimeError(f"illegal header value Bearer {token}")

    entry = TokenEntry(broken)
    qtbot.addWidget(entry)
    entry.field.setText(TOKEN)
    with caplog.at_level(logging.DEBUG):
        entry.start_verify()
        await until(lambda: entry.result.text() != "Checking…")
    assert entry.result.text() == "⚠ Could not check the token (RuntimeError)."
    assert entry.verify_button.isEnabled()
    assert TOKEN not in caplog.text
    assert "RuntimeError" in caplog.text
