"""Runs an export off the GUI thread and reports back through queued Qt signals."""

from __future__ import annotations

import threading
from collections.abc import Sequence

from PySide6.QtCore import QObject, QThread, Signal

from seedream_desktop.core.export.exporter import export_images
from seedream_desktop.core.export.options import ExportOptions
from seedream_desktop.core.models import ImageRecord


class ExportThread(QThread):
    """``progressed(ExportProgress)`` after each file, ``done(ExportReport)`` at the end.

    The signals are emitted from the worker thread; receivers in the GUI thread get them queued.
    """

    progressed = Signal(object)
    done = Signal(object)

    def __init__(
        self,
        images: Sequence[ImageRecord],
        options: ExportOptions,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._images = list(images)
        self._options = options
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Stop after the file being written; it is finished, never cut short."""
        self._cancel.set()

    def run(self) -> None:
        report = export_images(
            self._images, self._options, progress=self.progressed.emit, cancel=self._cancel
        )
        self.done.emit(report)
