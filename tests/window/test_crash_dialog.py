"""A bug in a background task is logged and shown briefly; the app keeps running."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from seedream_desktop.ui.app_session import _report_loop_error
from tests.window.sessions import shown


async def test_unretrieved_task_error_shows_a_short_dialog_with_details_collapsed(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(_report_loop_error)

    async def buggy() -> None:
        raise ZeroDivisionError("division by zero in a background task")

    try:
        with caplog.at_level(logging.ERROR):
            task = loop.create_task(buggy())
            await asyncio.sleep(0)
            await asyncio.sleep(0)
            assert task.done()
            loop.call_exception_handler({"message": "boom", "exception": task.exception()})
            box = await shown(QMessageBox)
    finally:
        loop.set_exception_handler(None)
    assert box.text().startswith("Seedream Desktop hit an unexpected problem")
    assert "ZeroDivisionError" in box.informativeText()
    assert "Traceback" in box.detailedText()  # there, but collapsed behind "Show Details…"
    assert any("Unexpected error" in r.message for r in caplog.records)
    box.close()
