"""Qt's messages, and what native libraries print on their own, go to logging — not raw to stderr.

Qt hands its warnings to ``qInstallMessageHandler``. libpng does not: Qt's PNG reader leaves
libpng's default error handler in place, which writes "libpng error: Not enough image data"
straight to file descriptor 2 whenever a damaged PNG is checked. On POSIX, descriptor 2 is
therefore a pipe whose lines are logged (at INFO: the failure itself is reported in words by
whoever decoded the image), and Python's own ``sys.stderr`` keeps the real terminal.

Call once, first thing, before logging is configured (its handler must write to the new
``sys.stderr``).
"""

from __future__ import annotations

import functools
import logging
import os
import sys
import threading

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}
_native = logging.getLogger("native")
# The offscreen platform (tests, benchmarks, CI) has no window manager to hand size hints to and
# says so for every dialog with a minimum size: a limit of that platform, not a fault of ours.
_PLATFORM_NOISE = frozenset({"This plugin does not support propagateSizeHints()"})


def log_qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    name = f"qt.{context.category}" if context.category else "qt"
    level = logging.DEBUG if message in _PLATFORM_NOISE else _LEVELS.get(kind, logging.WARNING)
    logging.getLogger(name).log(level, "%s", message)


@functools.cache
def route_messages_to_logging() -> None:
    qInstallMessageHandler(log_qt_message)
    if os.name != "posix":
        return
    terminal = os.dup(2)
    encoding = getattr(sys.stderr, "encoding", None) or "utf-8"
    # The process's stderr for the rest of its life, hence never closed.
    sys.stderr = os.fdopen(terminal, "w", buffering=1, encoding=encoding, errors="backslashreplace")
    read_end, write_end = os.pipe()
    os.dup2(write_end, 2)
    os.close(write_end)
    threading.Thread(target=_forward, args=(read_end,), name="native-stderr", daemon=True).start()


def _forward(read_end: int) -> None:
    with os.fdopen(read_end, "rb") as pipe:
        for line in pipe:
            _native.info("%s", line.decode("utf-8", "backslashreplace").rstrip())
