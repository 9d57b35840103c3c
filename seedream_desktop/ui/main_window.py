"""The main window: generate on the left, jobs below it, the library grid on the right."""

from __future__ import annotations

import functools
import logging
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QImage, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSlider,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from seedream_desktop import APP_NAME
from seedream_desktop.api.errors import ApiError
from seedream_desktop.api.params import GenerationParams
from seedream_desktop.core.engine import Engine
from seedream_desktop.core.export.options import ExportOptions, default_destination
from seedream_desktop.core.library import LibraryError
from seedream_desktop.core.library.signals import LibrarySignals
from seedream_desktop.core.models import (
    ErrorKind,
    ImageQuery,
    ImageRecord,
    JobRecord,
    JobState,
    LibraryChange,
)
from seedream_desktop.core.placeholders import arg
from seedream_desktop.core.pricing import setting_price
from seedream_desktop.core.settings import LibraryLayout, Settings, SettingsStore, spec
from seedream_desktop.core.thumbnails import cached_thumbnail
from seedream_desktop.ui.async_dialogs import confirm
from seedream_desktop.ui.curation import CurationActions, Curator
from seedream_desktop.ui.filter_bar import FilterBar
from seedream_desktop.ui.formatting import number
from seedream_desktop.ui.generate_panel import GeneratePanel
from seedream_desktop.ui.grid.model import ImageGridModel
from seedream_desktop.ui.grid.view import ImageGridView
from seedream_desktop.ui.image_copier import ImageCopier
from seedream_desktop.ui.job_wording import TranslatedJobWording
from seedream_desktop.ui.jobs_panel import JobsPanel
from seedream_desktop.ui.money_status import MoneyStatus
from seedream_desktop.ui.series_menu import SeriesActions
from seedream_desktop.ui.tasks import TaskSet
from seedream_desktop.ui.words import words

if TYPE_CHECKING:
    from seedream_desktop.core.jobs.qt_bridge import JobSignals
    from seedream_desktop.ui.export_dialog import ExportDialog
    from seedream_desktop.ui.sheet_saver import SheetSaver

log = logging.getLogger(__name__)

# Rows either side of the opened image that the viewer can step to (a copy, read at open).
VIEWER_REACH = 500
# How many selected images the compare window takes side by side.
COMPARED = range(2, 5)


class MainWindow(QMainWindow):
    #: The token was rejected while jobs were in flight: the app asks for a new one.
    tokenRejected = Signal()
    settingsRequested = Signal()

    def __init__(
        self,
        engine: Engine,
        settings_store: SettingsStore,
        settings: Settings,
        *,
        watch_jobs: bool = True,
    ) -> None:
        """``watch_jobs=False`` leaves following the runner to :meth:`watch_jobs`: the app
        calls it once this window is painted, so the runner and httpx load after that."""
        super().__init__()
        self.engine = engine
        self._settings_store = settings_store
        self.settings = settings
        self.tasks = TaskSet()  # cancels and settings changes started from slots
        self._image_windows: list[QDialog] = []  # open viewers and compare windows
        self._close_confirmed = False
        self._asked_for_token = False
        self._words = TranslatedJobWording()
        self._job_message = ""  # the status line's "Showing job …", while it is there
        self._sheet_saver: SheetSaver | None = None  # made on first use

        title = arg(self.tr("%1 — DEMO"), APP_NAME) if engine.demo else APP_NAME
        self.setWindowTitle(title)
        self.setAccessibleName(title)

        self.money = MoneyStatus(
            engine, lambda: setting_price(self.settings.price_per_image), self.tasks, self
        )
        self.generate_panel = GeneratePanel(self.money.quote(), engine.library.composer)
        self.jobs_panel = JobsPanel()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search prompts…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search prompts"))
        # The way back to the whole library while the grid shows one job or a search.
        self.show_all_button = QToolButton()
        self.show_all_button.setText(self.tr("Show all"))
        self.show_all_button.setAccessibleName(self.tr("Show all"))
        self.show_all_button.setToolTip(self.tr("Show every image in the library again"))
        self.show_all_button.hide()
        # Series / All images: a segmented pair, one of them always on.
        self.series_button = self._layout_button(self.tr("Series"), LibraryLayout.SERIES)
        self.series_button.setToolTip(self.tr("Each job under its header, its images in order"))
        self.all_button = self._layout_button(self.tr("All Images"), LibraryLayout.ALL)
        self.all_button.setToolTip(self.tr("Every image in one grid, newest first"))
        self.layout_buttons = QButtonGroup(self)
        self.layout_buttons.addButton(self.series_button)
        self.layout_buttons.addButton(self.all_button)
        in_series = settings.library_layout is LibraryLayout.SERIES
        (self.series_button if in_series else self.all_button).setChecked(True)
        self.zoom = QSlider(Qt.Orientation.Horizontal)
        self.zoom.setRange(*spec("grid_zoom").bounds)
        self.zoom.setValue(settings.grid_zoom)
        self.zoom.setMaximumWidth(160)
        self.zoom.setAccessibleName(self.tr("Thumbnail size"))
        self.zoom.setToolTip(self.tr("Thumbnail size"))
        self.export_button = QToolButton()
        self.export_button.setText(self.tr("Export…"))
        self.export_button.setToolTip(self.tr("Export the selected images (Ctrl+E)"))
        self.export_button.setEnabled(False)
        self.count_label = QLabel()
        self.copier = ImageCopier(self.show_message, self)

        self.grid_model = ImageGridModel(
            engine.library,
            thumb_for=functools.partial(cached_thumbnail, engine.paths),
            in_series=in_series,
        )
        self.grid = ImageGridView()
        self.grid.setModel(self.grid_model)
        self.grid.setAccessibleName(self.tr("Images"))
        self.grid.set_thumbnail_size(settings.grid_zoom)
        self.library_changes = LibrarySignals(engine.library, self)
        self.curator = Curator(engine.library, self.show_message, self)
        self.curation = CurationActions(self.curator, self.grid.selected_records, self.grid)
        self.filter_bar = FilterBar()
        self.series_actions = SeriesActions(engine.library, self, self)
        self._job_shown: int | None = None  # "showing job N", until the search is changed

        toolbar = QHBoxLayout()
        toolbar.addWidget(self.series_button)
        toolbar.addWidget(self.all_button)
        toolbar.addWidget(self.search, 1)
        toolbar.addWidget(self.show_all_button)
        toolbar.addWidget(self.count_label)
        toolbar.addWidget(QLabel(self.tr("Size")))
        toolbar.addWidget(self.zoom)
        toolbar.addWidget(self.export_button)
        browse = QWidget()
        browse_layout = QVBoxLayout(browse)
        browse_layout.setContentsMargins(0, 0, 0, 0)
        browse_layout.addLayout(toolbar)
        browse_layout.addWidget(self.filter_bar)
        browse_layout.addWidget(self.grid, 1)

        self.left_splitter = QSplitter(Qt.Orientation.Vertical)
        self.left_splitter.addWidget(self.generate_panel)
        self.left_splitter.addWidget(self.jobs_panel)
        self.left_splitter.setStretchFactor(1, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.left_splitter)
        self.splitter.addWidget(browse)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.demo_badge = QLabel(self.tr(" DEMO — nothing is charged "))
        self.demo_badge.setStyleSheet(
            "background: #e8a317; color: black; font-weight: bold; border-radius: 3px;"
        )
        self.statusBar().addPermanentWidget(self.money)
        if engine.demo:
            self.statusBar().addPermanentWidget(self.demo_badge)
        self._build_menus()
        self._signals: JobSignals | None = None
        self._connect()
        self._restore_state()
        self.jobs_panel.set_jobs(engine.library.recent_jobs(200))
        self._update_count()
        if watch_jobs:
            self.watch_jobs()

    # ---- construction ----------------------------------------------------------------------

    def _layout_button(self, text: str, layout: LibraryLayout) -> QToolButton:
        """One half of the Series / All images switch."""
        button = QToolButton()
        button.setText(text)
        button.setAccessibleName(text)
        button.setCheckable(True)
        button.setAutoRaise(True)
        button.setProperty("layout", layout.value)
        return button

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.export_action = QAction(self.tr("&Export Selected…"), self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.setEnabled(False)
        file_menu.addAction(self.export_action)
        export_picked = QAction(self.tr("Export &Picked…"), self)
        export_picked.setToolTip(self.tr("Export every picked image the grid's filters match"))
        export_picked.triggered.connect(lambda: self.export_picked(self.grid_model.query))
        file_menu.addAction(export_picked)
        settings_action = QAction(self.tr("&Settings…"), self)
        settings_action.setShortcut(QKeySequence.StandardKey.Preferences)
        settings_action.triggered.connect(self.settingsRequested)
        file_menu.addAction(settings_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        copy_action = QAction(self.tr("&Copy Image"), self)
        copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        copy_action.triggered.connect(lambda: self.copier.copy(self.grid.selected_records()))
        edit_menu.addAction(copy_action)
        select_all = QAction(self.tr("Select &All"), self)
        select_all.triggered.connect(self.grid.selectAll)
        edit_menu.addAction(select_all)
        find = QAction(self.tr("&Find"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self.search.setFocus)
        edit_menu.addAction(find)
        delete_action = QAction(self.tr("&Delete…"), self)
        delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        delete_action.triggered.connect(lambda: self._delete(self.grid.selected_records()))
        self.grid.addAction(delete_action)
        edit_menu.addAction(delete_action)
        compare = QAction(self.tr("C&ompare"), self)
        compare.setShortcut(QKeySequence(Qt.Key.Key_C))
        # As the curation keys: a "c" typed in the search box or the prompt stays a letter.
        compare.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        compare.triggered.connect(lambda: self._compare(self.grid.selected_records()))
        self.grid.addAction(compare)
        edit_menu.addAction(compare)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def watch_jobs(self) -> None:
        """Show what the runner's jobs do (rows, new images, messages) from now on, and start
        the money status (the price book, the balance)."""
        if self._signals is not None:
            return
        # Imported here: it loads the runner and httpx, which the first paint does without.
        from seedream_desktop.core.jobs.qt_bridge import JobSignals

        self._signals = JobSignals(self.engine.runner, self)
        self._signals.jobChanged.connect(self._on_job_changed)
        self._signals.imageAdded.connect(self._on_image_added)
        self.money.start()

    def _connect(self) -> None:
        self.generate_panel.generateRequested.connect(self.generate)
        self.jobs_panel.cancelRequested.connect(lambda job: self.tasks.spawn(self._cancel(job)))
        self.jobs_panel.retryDownloadRequested.connect(self._retry_download)
        self.jobs_panel.reuseRequested.connect(lambda job: self.series_actions.reuse(job.params))
        self.jobs_panel.jobSelected.connect(self._show_job)
        self.grid.activated.connect(self._open_viewer)
        self.grid.selectionChangedRecords.connect(self._on_selection)
        self.grid.contextMenuRequested.connect(self._context_menu)
        self.grid.seriesMenuRequested.connect(
            lambda series, pos: self.series_actions.popup(series.job, pos)
        )
        self.export_button.clicked.connect(lambda: self.export())
        self.show_all_button.clicked.connect(self._show_all)
        self.export_action.triggered.connect(lambda: self.export())
        self.zoom.valueChanged.connect(self.grid.set_thumbnail_size)
        self.money.quoted.connect(self.generate_panel.set_quote)
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self._apply_search)
        self.search.textChanged.connect(self._search_timer.start)
        self.filter_bar.changed.connect(self._apply_query)
        self.layout_buttons.buttonToggled.connect(self._on_layout_toggled)
        self.library_changes.curated.connect(self._on_curated)
        self.library_changes.jobDeleted.connect(self._on_job_deleted)

    # ---- jobs ------------------------------------------------------------------------------

    def generate(self, params: GenerationParams) -> None:
        self.watch_jobs()  # a click can only come after the first paint, but be sure
        estimate = self.generate_panel.quote.estimate(params.count)
        if self.money.exceeds_balance(estimate):
            self.tasks.spawn(self._generate_if_confirmed(params, estimate))
        else:
            self._enqueue(params)

    async def _generate_if_confirmed(self, params: GenerationParams, estimate: Decimal) -> None:
        if await self.money.confirm_above_balance(estimate):
            self._enqueue(params)

    def _enqueue(self, params: GenerationParams) -> None:
        try:
            job = self.engine.runner.enqueue(params)
        except LibraryError as exc:
            self.show_message(words.problem(exc))
            return
        self.show_message(
            arg(
                self.tr("Job %1 started: %Ln image(s), %2.", "", params.count),
                str(job.id),
                params.aspect.label,
            )
        )
        self._remember_controls(params)
        self.generate_panel.remember(params)

    async def _cancel(self, job_id: int) -> None:
        # Imported on first use, like the dialogs: not on the start path.
        from seedream_desktop.core.jobs.failures import failure_of
        from seedream_desktop.core.jobs.runner import CancelResult

        try:
            result = await self.engine.runner.cancel(job_id)
        except ApiError as exc:
            failure = failure_of(exc)
            problem = self._words.error_text(failure.kind, failure.detail)
            self.show_message(arg(self.tr("Could not cancel: %1"), problem))
            return
        self.show_message(
            {
                CancelResult.CANCELLED: self.tr("Job cancelled."),
                CancelResult.NOT_CANCELLABLE: self.tr(
                    "This job is already running and can't be cancelled."
                ),
                CancelResult.NOT_YET: self.tr(
                    "The job is being submitted — try cancelling again in a moment."
                ),
            }[result]
        )

    def _retry_download(self, job_id: int) -> None:
        self.engine.runner.retry_download(job_id)
        self.show_message(arg(self.tr("Retrying the download of job %1."), str(job_id)))

    def _on_job_changed(self, job: JobRecord) -> None:
        self.jobs_panel.upsert_job(job)
        self.grid_model.job_changed(job)
        if job.state.is_terminal or job.state is JobState.DOWNLOAD_FAILED:
            self.money.refresh()  # what it cost, and what is left
        problem = self._words.job_problem(job)
        token_rejected = job.error_kind is ErrorKind.TOKEN_REJECTED
        if job.state is JobState.PAUSED and token_rejected and not self._asked_for_token:
            self._asked_for_token = True
            self.show_message(problem or self.tr("A job is paused."))
            self.tokenRejected.emit()
        elif job.state is JobState.PAUSED and problem:
            self.show_message(arg(self.tr("Job %1 paused: %2"), str(job.id), problem))
        elif job.state is JobState.FAILED and problem:
            self.show_message(arg(self.tr("Job %1 failed: %2"), str(job.id), problem))
        elif job.state is JobState.DONE:
            note = f" {job.note}" if job.note else ""
            done = self.tr("Job %1 done: %Ln image(s).", "", job.images_done)
            self.show_message(arg(done, str(job.id)) + note)

    def show_resumed(self, count: int, left_alone: list[int]) -> None:
        """Unfinished jobs from last time continue; those another process runs are left alone."""
        parts = (
            [self.tr("Resumed %Ln unfinished job(s) from last time.", "", count)] if count else []
        )
        if left_alone:
            others = self.tr(
                "%Ln job(s) (%1) are being run by another %2 (a window, `generate` or `resume`) "
                "— left alone here.",
                "",
                len(left_alone),
            )
            parts.append(arg(others, ", ".join(map(str, left_alone)), APP_NAME))
        self.show_message(" ".join(parts))

    def token_prompt_closed(self) -> None:
        self._asked_for_token = False

    def token_replaced(self) -> None:
        """A new token was given: paused jobs continue with it.

        The "asked for a token" flag stays set: the account dialog is still open, and a job
        rejected again meanwhile must not stack a second one (``token_prompt_closed`` clears it).
        """
        resumed = self.engine.runner.resume_paused()
        if resumed:
            self.show_message(
                self.tr("Resumed %Ln paused job(s) with the new token.", "", len(resumed))
            )

    def _on_image_added(self, image: ImageRecord, thumbnail: QImage | None) -> None:
        self.grid_model.image_added(image, thumbnail)
        self._update_count()

    def _on_curated(self, change: LibraryChange) -> None:
        self.grid_model.curated(change)
        self._update_count()

    def _on_job_deleted(self, change: LibraryChange) -> None:
        self.grid_model.refresh()
        self.jobs_panel.set_jobs(self.engine.library.recent_jobs(200))
        self._update_count()
        deleted = len(change.image_ids)
        self.show_message(
            arg(self.tr("Deleted series %1: %Ln image(s).", "", deleted), str(change.job_id))
        )

    def _show_job(self, job_id: int) -> None:
        """The grid shows this job until the user types a search or presses Show all."""
        self._clear_search()
        self._job_shown = job_id
        self._apply_query()
        self._job_message = arg(self.tr("Showing job %1."), str(job_id))
        self.show_message(self._job_message)

    # ---- browse ----------------------------------------------------------------------------

    def _apply_search(self) -> None:
        self.jobs_panel.clear_selection()  # what the user typed replaces the chosen job
        self._job_shown = None
        self._apply_query()

    def _show_all(self) -> None:
        self._clear_search()
        self.jobs_panel.clear_selection()
        self._job_shown = None
        self._apply_query()
        if self.statusBar().currentMessage() == self._job_message:
            self.statusBar().clearMessage()

    def _clear_search(self) -> None:
        self.search.clear()
        # Emptying the box is no search the user typed: neither it nor one typed just before
        # may run once the grid shows something else.
        self._search_timer.stop()

    def _on_layout_toggled(self, button: QToolButton, on: bool) -> None:
        if not on:
            return
        layout = LibraryLayout(button.property("layout"))
        self.grid.set_in_series(layout is LibraryLayout.SERIES)
        self._update_count()
        self.settings = replace(self.settings, library_layout=layout)
        self._save_settings()

    def _apply_query(self) -> None:
        text = self.search.text().strip()
        self.grid_model.set_query(self.filter_bar.query(text, self._job_shown))
        # The way back while one job or a search narrows the grid; the filters show themselves.
        self.show_all_button.setVisible(bool(text) or self._job_shown is not None)
        self._update_count()

    def _update_count(self) -> None:
        shown = self.grid_model.image_count()
        if self.grid_model.query == ImageQuery():
            self.count_label.setText(self.tr("%Ln image(s)", "", shown))
            return
        total = self.engine.library.count_images(ImageQuery())
        self.count_label.setText(arg(self.tr("%1 of %Ln image(s)", "", total), number(shown)))

    def _on_selection(self, records: list[ImageRecord]) -> None:
        self.export_button.setEnabled(bool(records))
        self.export_action.setEnabled(bool(records))

    def _open_viewer(self, image: ImageRecord) -> None:
        # Imported on first use: the viewer and the export dialog cost the first paint ~25 ms.
        from seedream_desktop.ui.viewer import ImageViewer

        images, start = self.grid_model.images_around(image, VIEWER_REACH)
        viewer = ImageViewer(
            images,
            start,
            self,
            thumbnails=self.grid_model.loader,
            curator=self.curator,
            changes=self.library_changes,
        )
        viewer.reuseSeed.connect(self.generate_panel.reuse_seed)
        viewer.reuseSettings.connect(self._reuse_image_settings)
        viewer.exportRequested.connect(lambda image: self.export([image]))
        self._show_image_window(viewer)

    def _compare(self, records: list[ImageRecord]) -> None:
        if len(records) not in COMPARED:
            self.show_message(
                arg(
                    self.tr("Select %1 to %2 images to compare them side by side."),
                    number(COMPARED[0]),
                    number(COMPARED[-1]),
                )
            )
            return
        from seedream_desktop.ui.compare import CompareWindow  # on first use, as the viewer

        self._show_image_window(
            CompareWindow(
                records,
                self.engine.library,
                self,
                thumbnails=self.grid_model.loader,
                curator=self.curator,
                changes=self.library_changes,
            )
        )

    def _show_image_window(self, window: QDialog) -> None:
        window.finished.connect(lambda _code: self._image_windows.remove(window))
        # Closed = freed: a closed window would otherwise keep its decoded full-size images.
        window.finished.connect(window.deleteLater)
        self._image_windows.append(window)
        window.show()
        window.activateWindow()

    def _reuse_image_settings(self, image: ImageRecord) -> None:
        job = self.engine.library.get_job(image.job_id)
        if job is not None:
            self.series_actions.reuse(job.params)

    # The series' actions (``SeriesHost``) beyond generate, export and the contact sheet.

    def unsent_prompt(self) -> bool:
        return self.generate_panel.has_unsent_prompt()

    def fill_editor(self, params: GenerationParams) -> None:
        self.generate_panel.reuse(params)

    def _context_menu(self, records: list[ImageRecord], pos: Any) -> None:
        if not records:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Open"), lambda: self._open_viewer(records[0]))
        menu.addAction(self.tr("Copy Image"), lambda: self.copier.copy(records))
        menu.addAction(self.tr("Show in Folder"), lambda: self._show_in_folder(records[0]))
        menu.addAction(
            self.tr("Reuse Prompt && Settings"), lambda: self._reuse_image_settings(records[0])
        )
        menu.addAction(
            self.tr("Use This Seed"),
            lambda: self.generate_panel.reuse_seed(records[0].seed or 0),
        ).setEnabled(records[0].seed is not None)
        menu.addAction(
            self.tr("Compare %Ln Image(s)", "", len(records)), lambda: self._compare(records)
        ).setEnabled(len(records) in COMPARED)
        menu.addSeparator()
        self.curation.add_to(menu)
        job = self.engine.library.get_job(records[0].job_id)
        if job is not None:
            self.series_actions.add_to(menu.addMenu(self.tr("Series", "one image's series")), job)
        menu.addSeparator()
        menu.addAction(
            self.tr("Export %Ln Image(s)…", "", len(records)), lambda: self.export(records)
        )
        menu.addAction(
            self.tr("Contact Sheet of %Ln Image(s)…", "", len(records)),
            lambda: self.contact_sheet(records),
        )
        menu.addSeparator()
        menu.addAction(
            self.tr("Delete %Ln Image(s)…", "", len(records)), lambda: self._delete(records)
        )
        # After the chosen action has run: Qt triggers it once the menu has hidden.
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(pos)

    def _show_in_folder(self, image: ImageRecord) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(image.path.parent)))

    def _delete(self, records: list[ImageRecord]) -> None:
        if not records:
            return

        def delete() -> None:
            try:
                result = self.engine.library.delete_images([r.id for r in records])
            except LibraryError as exc:
                self.show_message(words.problem(exc))
                return
            self.grid_model.refresh()
            self._update_count()
            message = self.tr("Deleted %Ln image(s).", "", len(result.deleted))
            if result.failed:
                message += " " + arg(
                    self.tr("%Ln could not be removed: %1", "", len(result.failed)),
                    result.failed[0].reason,
                )
            self.show_message(message)

        confirm(
            self,
            QMessageBox.Icon.Warning,
            self.tr("Delete Images"),
            self.tr(
                "Delete %Ln image(s) from the library? The files are removed from disk.",
                "",
                len(records),
            ),
            (self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole),
            delete,
        )

    def export(self, records: list[ImageRecord] | None = None) -> None:
        records = records or self.grid.selected_records()
        if not records:
            self.show_message(self.tr("Select images to export first."))
            return
        from seedream_desktop.ui.export_dialog import ExportDialog  # on first use, as the viewer

        dialog = ExportDialog(records, self._export_options(), self)
        dialog.finished.connect(lambda _code: self._remember_export(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def export_picked(self, query: ImageQuery) -> None:
        """The picked images of a series (``job_id``) or of the grid's filter, in one step."""
        # On first use: the module brings the exporters and the contact sheet, which the first
        # frame does not need.
        from seedream_desktop.core.series_actions import matching_images, picked_query

        picked = matching_images(self.engine.library, picked_query(query))
        if not picked:
            self.show_message(self.tr("No picked images here: pick some with P first."))
            return
        self.export(picked)

    def contact_sheet(self, records: list[ImageRecord]) -> None:
        if self._sheet_saver is None:
            # On first use: the sheet's PDF writer and layout are not needed for the first frame.
            from seedream_desktop.ui.sheet_saver import SheetSaver

            self._sheet_saver = SheetSaver(
                self, self.tasks, lambda: self._export_options().destination, self.show_message
            )
        self._sheet_saver.ask(records)

    def _export_options(self) -> ExportOptions:
        s = self.settings
        return ExportOptions(
            destination=s.export_dir or default_destination(),
            format=s.export_format,
            quality=s.export_quality,
            template=s.export_name_template,
            sidecar=s.export_sidecar,
        )

    def _remember_export(self, dialog: ExportDialog) -> None:
        chosen = dialog.chosen_options()
        self.settings = replace(
            self.settings,
            export_dir=chosen.destination,
            export_format=chosen.format,
            export_quality=chosen.quality,
            export_name_template=chosen.template,
            export_sidecar=chosen.sidecar,
        )
        self._save_settings()

    # ---- state -----------------------------------------------------------------------------

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 10_000)

    def apply_settings(self, settings: Settings) -> None:
        self.settings = settings
        self.generate_panel.set_quote(self.money.quote())
        self.tasks.spawn(self.engine.runner.set_jobs_at_once(settings.jobs_at_once))

    def _remember_controls(self, params: GenerationParams) -> None:
        self.settings = replace(
            self.settings,
            last_aspect=params.aspect,
            last_count=params.count,
            last_mode=params.mode,
            last_seed=params.seed,
            seed_fixed=self.generate_panel.seed_fixed.isChecked(),
        )
        self._save_settings()

    def _restore_state(self) -> None:
        s = self.settings
        self.generate_panel.set_controls(
            aspect=s.last_aspect,
            count=s.last_count,
            mode=s.last_mode,
            seed=s.last_seed,
            seed_fixed=s.seed_fixed,
        )
        self.filter_bar.set_curation(
            picked_only=s.filter_picked_only,
            hide_rejected=s.filter_hide_rejected,
            min_rating=s.filter_min_rating,
        )
        if s.window_geometry:
            self.restoreGeometry(QByteArray(s.window_geometry))
        else:
            self.resize(1280, 820)
        if s.window_state:
            self.restoreState(QByteArray(s.window_state))
        self.splitter.setSizes([400, 880])
        self.left_splitter.setSizes([420, 400])
        if s.splitter_state:
            self.splitter.restoreState(QByteArray(s.splitter_state))
        if s.left_splitter_state:
            self.left_splitter.restoreState(QByteArray(s.left_splitter_state))

    def save_state(self) -> None:
        self.settings = replace(
            self.settings,
            window_geometry=bytes(self.saveGeometry().data()),
            window_state=bytes(self.saveState().data()),
            splitter_state=bytes(self.splitter.saveState().data()),
            left_splitter_state=bytes(self.left_splitter.saveState().data()),
            grid_zoom=self.zoom.value(),
            filter_picked_only=self.filter_bar.picked_only.isChecked(),
            filter_hide_rejected=self.filter_bar.hide_rejected.isChecked(),
            filter_min_rating=self.filter_bar.min_rating.currentData(),
        )
        self._save_settings()

    def _save_settings(self) -> None:
        """Remembering choices is a convenience: if it fails (a read-only settings file), say
        so and carry on with the values in memory."""
        try:
            self._settings_store.save(self.settings)
        except (OSError, ValueError) as exc:
            log.warning("Settings not saved: %s", exc)
            self.show_message(arg(self.tr("Settings not saved: %1"), words.settings_problem(exc)))

    def _about(self) -> None:
        from seedream_desktop import __version__

        # Not QMessageBox.about(): its exec() is a nested event loop that stalls asyncio tasks.
        box = QMessageBox(
            QMessageBox.Icon.NoIcon,
            arg(self.tr("About %1"), APP_NAME),
            f"<b>{APP_NAME}</b> {__version__}<br>"
            + self.tr("Image series with ByteDance Seedream 4.0 on RunComfy's Model API."),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setIconPixmap(self.windowIcon().pixmap(64, 64))  # as about() shows: the app's icon
        box.finished.connect(box.deleteLater)
        box.open()

    def close_without_asking(self) -> None:
        self._close_confirmed = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        active = self.engine.runner.active_job_ids
        if active and not self._close_confirmed:
            event.ignore()
            later = (
                self.tr("Demo jobs stop when you quit.")
                if self.engine.demo
                else arg(
                    self.tr(
                        "They continue the next time you open %1; nothing is lost, and images "
                        "already paid for are kept."
                    ),
                    APP_NAME,
                )
            )
            box = QMessageBox(
                QMessageBox.Icon.Information,
                self.tr("Jobs Still Running"),
                self.tr("%Ln job(s) are still running.", "", len(active)) + " " + later,
                QMessageBox.StandardButton.Cancel,
                self,
            )
            quit_button = box.addButton(self.tr("Quit Anyway"), QMessageBox.ButtonRole.AcceptRole)

            def finished() -> None:
                if box.clickedButton() is quit_button:
                    self._close_confirmed = True
                    self.close()

            box.finished.connect(finished)
            box.finished.connect(box.deleteLater)
            box.open()
            return
        self.save_state()
        self.money.stop()
        self._search_timer.stop()  # a search typed just before closing must not read on
        for image_window in list(self._image_windows):
            image_window.close()
        self.grid_model.loader.shutdown()
        self.copier.shutdown()
        event.accept()
