"""Qt's messages reach logging at their level; the offscreen platform's size-hint notice does not
count as a warning (tests and benchmarks run offscreen and fail or report on warnings)."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import qWarning

from seedream_desktop.core.qt_messages import route_messages_to_logging


def test_warnings_are_logged_as_warnings_and_platform_noise_as_debug(
    caplog: pytest.LogCaptureFixture,
) -> None:
    route_messages_to_logging()
    with caplog.at_level(logging.DEBUG, logger="qt"):
        qWarning("QPixmap: something real went wrong")
        qWarning("This plugin does not support propagateSizeHints()")
    levels = {r.getMessage(): r.levelno for r in caplog.records if r.name.startswith("qt")}
    assert levels == {
        "QPixmap: something real went wrong": logging.WARNING,
        "This plugin does not support propagateSizeHints()": logging.DEBUG,
    }
