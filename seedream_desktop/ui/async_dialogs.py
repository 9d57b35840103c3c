"""Dialogs shown with ``open()``, never ``exec()``.

``exec()`` runs a nested Qt event loop. Called from a plain slot, asyncio tasks keep running
under it (qasync's loop is driven by Qt events), but called while a coroutine is executing it
fails outright: the first task the nested loop tries to step raises "Cannot enter into task …
while another task … is being executed". ``open()`` returns at once and works from both, so the
app uses it everywhere: ``run_dialog`` from coroutines, ``finished`` callbacks from slots.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget


async def run_dialog(dialog: QDialog) -> int:
    """Show ``dialog`` window-modally with ``open()`` and wait for its result code."""
    done: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    def finished(code: int) -> None:
        if not done.done():
            done.set_result(code)

    dialog.finished.connect(finished)
    dialog.open()
    try:
        return await done
    finally:
        dialog.finished.disconnect(finished)


def choose_folder(parent: QWidget, title: str, start: str, chosen: Callable[[str], None]) -> None:
    """Ask for a folder window-modally; ``chosen`` gets it, nothing happens on Cancel."""
    chooser = QFileDialog(parent, title, start)
    chooser.setFileMode(QFileDialog.FileMode.Directory)
    chooser.setOption(QFileDialog.Option.ShowDirsOnly, True)
    chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    chooser.fileSelected.connect(chosen)
    chooser.open()
