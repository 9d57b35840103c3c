"""The main window's first frame: the app starts its jobs after it, and benchmarks time it.

With ``SEEDREAM_REPORT_FIRST_PAINT`` set, the process also prints one line to stdout when the
first frame is done: ``first-painted <time.monotonic()>``. ``benchmarks/bench_startup.py``
compares that clock (system-wide on Linux and macOS) with its own at spawn.
"""

from __future__ import annotations

import asyncio
import os
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

ENV_VAR = "SEEDREAM_REPORT_FIRST_PAINT"
MARKER = "first-painted"


class _FirstPaint(QObject):
    """Watches one widget for its first paint; owned by that widget."""

    def __init__(self, widget: QWidget, done: asyncio.Future[None]) -> None:
        super().__init__(widget)
        self._done = done
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # The rest of the frame (children, the flush) is painted before a zero timer fires.
            QTimer.singleShot(0, self, self._painted)
        return False

    def _painted(self) -> None:
        if os.environ.get(ENV_VAR):
            print(f"{MARKER} {time.monotonic():.6f}", flush=True)
        if not self._done.done():
            self._done.set_result(None)
        self.deleteLater()


def first_painted(widget: QWidget) -> asyncio.Future[None]:
    """Done once ``widget`` (not yet shown) has painted its first frame."""
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    _FirstPaint(widget, done)
    return done
