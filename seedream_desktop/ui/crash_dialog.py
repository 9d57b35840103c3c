"""Unexpected exceptions: logged in full, shown in a short dialog with the details collapsed.

Expected failures (network, token, balance) never get here — they are shown in words in the
status bar or on the job.
"""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from seedream_desktop import APP_NAME
from seedream_desktop.core.placeholders import arg

log = logging.getLogger("seedream_desktop.crash")

# Shown with open(), so nothing else holds the boxes: without this they would be collected.
_open_boxes: set[QMessageBox] = set()


def show_unexpected_error(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    log.error("Unexpected error", exc_info=(exc_type, exc, tb))
    if QApplication.instance() is None:
        return
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        QCoreApplication.translate("CrashDialog", "Something Went Wrong"),
        "",
    )
    box.setText(
        arg(
            QCoreApplication.translate(
                "CrashDialog",
                "%1 hit an unexpected problem. Your images and jobs are safe; "
                "you can keep working.",
            ),
            APP_NAME,
        )
    )
    box.setInformativeText(f"{exc_type.__name__}: {exc}"[:300])
    box.setDetailedText("".join(traceback.format_exception(exc_type, exc, tb)))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    _open_boxes.add(box)
    box.finished.connect(lambda _code: _open_boxes.discard(box))
    box.open()  # non-blocking: a nested event loop here would stall the asyncio tasks


def install_excepthook() -> None:
    """Route uncaught exceptions (including those from qasync's asyncSlot) to the dialog."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        show_unexpected_error(exc_type, exc, tb)

    sys.excepthook = hook
