"""Qt's messages reach logging at their level; the offscreen platform's size-hint notice does not
count as a warning (tests and benchmarks run offscreen and fail or report on warnings)."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QMessageLogContext, QtMsgType

from seedream_desktop.core.qt_messages import log_qt_message


def test_warnings_are_logged_as_warnings_and_platform_noise_as_debug(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # Called as Qt's handler is: pytest-qt puts its own handler in place during Qt tests.
    with caplog.at_level(logging.DEBUG, logger="qt"):
        for message in (
            "QPixmap: something real went wrong",
            "This plugin does not support propagateSizeHints()",
        ):
            log_qt_message(QtMsgType.QtWarningMsg, QMessageLogContext(), message)
    assert {r.getMessage(): r.levelno for r in caplog.records} == {
        "QPixmap: something real went wrong": logging.WARNING,
        "This plugin does not support propagateSizeHints()": logging.DEBUG,
    }
