"""A contact sheet of the selection from the window: the file asked for, written off the GUI
thread, the outcome said in the window's language.

The sheet itself (layout, PDF or PNG, never a half-written or replaced file) is
``core.contact_sheet``; the command line's ``contact-sheet`` writes the same sheets.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFileDialog, QWidget

from seedream_desktop.core.contact_sheet import (
    ContactSheetError,
    SheetProblem,
    sections_of,
    write_contact_sheet,
)
from seedream_desktop.core.models import ImageRecord
from seedream_desktop.core.placeholders import arg
from seedream_desktop.ui.tasks import TaskSet

log = logging.getLogger(__name__)

DEFAULT_NAME = "contact-sheet.pdf"


class SheetSaver(QObject):
    """Asks where, then writes; ``say`` shows the outcome (the window's status bar)."""

    def __init__(
        self,
        window: QWidget,
        tasks: TaskSet,
        folder: Callable[[], Path],
        say: Callable[[str], None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._tasks = tasks
        self._folder = folder
        self._say = say

    def ask(self, images: Sequence[ImageRecord]) -> None:
        chosen = list(images)
        # open(), not exec(): a nested event loop would stall the app's asyncio tasks.
        dialog = QFileDialog(
            self._window, self.tr("Save Contact Sheet"), str(self._folder() / DEFAULT_NAME)
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters([self.tr("PDF document (*.pdf)"), self.tr("PNG image (*.png)")])
        dialog.setDefaultSuffix("pdf")
        # A sheet never replaces a file (core refuses, and says so): no overwrite question.
        dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, True)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self.write(chosen, Path(path)))
        dialog.open()

    def write(self, images: Sequence[ImageRecord], out: Path) -> asyncio.Task[None]:
        self._say(self.tr("Making the contact sheet…"))
        return self._tasks.spawn(self._write(list(images), out))

    async def _write(self, images: list[ImageRecord], out: Path) -> None:
        try:
            written = await asyncio.to_thread(write_contact_sheet, sections_of(images), out)
        except ContactSheetError as exc:
            log.info("No contact sheet: %s", exc)
            self._say(self._problem(exc.problem, out))
        except OSError as exc:
            log.info("No contact sheet: %s", exc)
            self._say(arg(self.tr("Could not write %1: %2"), out.name, exc.strerror or str(exc)))
        else:
            self._say(arg(self.tr("Contact sheet saved: %1"), str(written)))

    def _problem(self, problem: SheetProblem, out: Path) -> str:
        return {
            SheetProblem.NOT_PDF_OR_PNG: arg(
                self.tr("A contact sheet is a .pdf or a .png file, not %1."), out.name
            ),
            SheetProblem.NO_IMAGES: self.tr("There are no images to put on a contact sheet."),
            SheetProblem.EXISTS: arg(self.tr("%1 exists already: choose another name."), out.name),
            SheetProblem.NO_FOLDER: arg(self.tr("The folder %1 does not exist."), str(out.parent)),
            SheetProblem.NOT_ENCODED: self.tr("The contact sheet could not be written."),
        }[problem]
