"""A series' actions in the window: the ⋯ of its header, a right-click on it, and the image menu's
Series submenu — one list, built in one place.

What each action sends or hands over is decided in ``core/series_actions.py``; this module puts
them into words, asks before anything is lost (an unsent prompt, a whole series deleted) and
hands the rest to the window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QPoint
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from seedream_desktop.api.params import GenerationParams, ParamsError
from seedream_desktop.core.library import Library, LibraryError
from seedream_desktop.core.models import ImageQuery, ImageRecord, JobRecord
from seedream_desktop.core.placeholders import arg
from seedream_desktop.ui.async_dialogs import confirm
from seedream_desktop.ui.words import words

if TYPE_CHECKING:  # the module brings the exporters: loaded on first use, not at start
    from seedream_desktop.core.series_actions import Rerun


class SeriesHost(Protocol):
    """What the series' actions need of the main window."""

    def generate(self, params: GenerationParams) -> None: ...

    def unsent_prompt(self) -> bool: ...

    def fill_editor(self, params: GenerationParams) -> None: ...

    def export(self, records: list[ImageRecord]) -> None: ...

    def export_picked(self, query: ImageQuery) -> None: ...

    def contact_sheet(self, records: list[ImageRecord]) -> None: ...

    def show_message(self, text: str) -> None: ...


class SeriesActions(QObject):
    """Builds a series' menu and carries out what is chosen from it."""

    def __init__(self, library: Library, host: SeriesHost, parent: QWidget) -> None:
        super().__init__(parent)
        self._library = library
        self._host = host
        self._window = parent

    def popup(self, job: JobRecord, pos: QPoint) -> None:
        menu = QMenu(self._window)
        self.add_to(menu, job)
        # After the chosen action has run: Qt triggers it once the menu has hidden.
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(pos)

    def add_to(self, menu: QMenu, job: JobRecord) -> None:
        """The series' actions, at the end of ``menu``."""
        # Imported on first use: the exporters and the contact sheet are not on the start path.
        from seedream_desktop.core.series_actions import Rerun

        menu.addAction(self.tr("Variations (New Seed)"), lambda: self._rerun(job, Rerun.VARIATIONS))
        menu.addAction(
            self.tr("Run Again (Same Seed)"), lambda: self._rerun(job, Rerun.SAME_SEED)
        ).setEnabled(job.params.seed is not None)
        menu.addAction(self.tr("Reuse Prompt && Settings"), lambda: self.reuse(job.params))
        menu.addSeparator()
        menu.addAction(self.tr("Export Series…"), lambda: self._with_images(job, self._host.export))
        menu.addAction(
            self.tr("Export Picked of This Series…"),
            lambda: self._host.export_picked(ImageQuery(job_id=job.id)),
        )
        menu.addAction(
            self.tr("Contact Sheet of This Series…"),
            lambda: self._with_images(job, self._host.contact_sheet),
        )
        menu.addSeparator()
        menu.addAction(self.tr("Delete Series…"), lambda: self.confirm_delete(job))

    def reuse(self, params: GenerationParams) -> None:
        """Fill the editor from a series — after asking, if that would replace unsent words."""
        if not self._host.unsent_prompt():
            self._host.fill_editor(params)
            return
        confirm(
            self._window,
            QMessageBox.Icon.Question,
            self.tr("Replace Unsent Prompt?"),
            self.tr(
                "The prompt editor holds text you have not generated yet. Replace it with this "
                "series' prompt and settings?"
            ),
            (self.tr("Replace"), QMessageBox.ButtonRole.AcceptRole),
            lambda: self._host.fill_editor(params),
        )

    def _rerun(self, job: JobRecord, how: Rerun) -> None:
        from seedream_desktop.core.series_actions import rerun_request

        try:
            params = rerun_request(job, how)
        except ParamsError:
            self._host.show_message(
                arg(self.tr("Series %1 has no recorded seed to run again with."), str(job.id))
            )
            return
        self._host.generate(params)

    def _with_images(self, job: JobRecord, then: Callable[[list[ImageRecord]], None]) -> None:
        from seedream_desktop.core.series_actions import matching_images

        images = matching_images(self._library, ImageQuery(job_id=job.id))
        if not images:
            self._host.show_message(
                arg(self.tr("Series %1 has no images in the library."), str(job.id))
            )
            return
        then(images)

    def confirm_delete(self, job: JobRecord) -> None:
        current = self._library.get_job(job.id)
        if current is not None and current.state.is_active:
            self._host.show_message(
                arg(
                    self.tr("Series %1 is still running: cancel it before deleting it."),
                    str(job.id),
                )
            )
            return

        def delete() -> None:
            # The library announces the deletion: the window redraws from that, as for any.
            try:
                self._library.delete_job(job.id)
            except LibraryError as exc:
                self._host.show_message(words.problem(exc))

        question = self.tr(
            "Delete series %1 and its %Ln image(s)? The files are removed from disk.",
            "",
            self._library.count_images(ImageQuery(job_id=job.id)),
        )
        confirm(
            self._window,
            QMessageBox.Icon.Warning,
            self.tr("Delete Series"),
            arg(question, str(job.id)),
            (self.tr("Delete Series"), QMessageBox.ButtonRole.DestructiveRole),
            delete,
        )
