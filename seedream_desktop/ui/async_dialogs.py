"""Awaiting a dialog without ``exec()``: a nested event loop would stall every asyncio task."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget


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


def confirm(
    parent: QWidget,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    button: tuple[str, QMessageBox.ButtonRole],
    then: Callable[[], None],
) -> QMessageBox:
    """Ask window-modally with ``open()``: ``then()`` runs only if the designer clicks
    ``button`` (its text and role); Cancel is the default, and the box deletes itself."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Cancel, parent)
    chosen = box.addButton(*button)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)

    def finished() -> None:
        if box.clickedButton() is chosen:
            then()

    box.finished.connect(finished)
    box.finished.connect(box.deleteLater)
    box.open()
    return box
