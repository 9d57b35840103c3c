"""The export dialog: choose folder, format, quality and names; watch progress; read a summary."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from enum import Enum
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from seedream_desktop.core.export.exporter import (
    ExportFailure,
    ExportProblem,
    ExportProgress,
    ExportReport,
)
from seedream_desktop.core.export.naming import TOKENS, TemplateError, plan_names, validate_template
from seedream_desktop.core.export.options import (
    QUALITY_MAX,
    QUALITY_MIN,
    ExportFormat,
    ExportOptions,
)
from seedream_desktop.core.models import ImageRecord
from seedream_desktop.core.placeholders import arg
from seedream_desktop.ui.export_progress import ExportThread
from seedream_desktop.ui.formatting import number
from seedream_desktop.ui.i18n import is_english

PREVIEW_COUNT = 5


class _Stage(Enum):
    EDITING = "editing"
    RUNNING = "running"
    DONE = "done"


class ExportDialog(QDialog):
    """Exports ``images``; ``chosen_options()`` gives back what the designer picked."""

    def __init__(
        self,
        images: Sequence[ImageRecord],
        initial: ExportOptions,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._images = list(images)
        self._initial = initial
        self._thread: ExportThread | None = None
        self._close_when_done = False
        self.report: ExportReport | None = None
        self.setWindowTitle(self.tr("Export %Ln Image(s)", "", len(self._images)))
        self._build()
        self._load(initial)
        self._set_stage(_Stage.EDITING)

    # building

    def _build(self) -> None:
        self.folder_edit = QLineEdit()
        self.folder_edit.setAccessibleName(self.tr("Destination folder"))
        self.choose_button = QPushButton(self.tr("C&hoose…"))
        self.choose_button.setAccessibleName(self.tr("Choose destination folder"))
        self.choose_button.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.choose_button)

        self.format_combo = QComboBox()
        self.format_combo.setAccessibleName(self.tr("File format"))
        for fmt, text in self._format_names().items():
            self.format_combo.addItem(text, fmt)

        self.quality_slider = QSlider(Qt.Orientation.Horizontal)
        self.quality_slider.setAccessibleName(self.tr("Quality"))
        self.quality_spin = QSpinBox()
        self.quality_spin.setAccessibleName(self.tr("Quality value"))
        for control in (self.quality_slider, self.quality_spin):
            control.setRange(QUALITY_MIN, QUALITY_MAX)
        self.quality_slider.valueChanged.connect(self.quality_spin.setValue)
        self.quality_spin.valueChanged.connect(self.quality_slider.setValue)
        self.quality_row = QWidget()
        quality_layout = QHBoxLayout(self.quality_row)
        quality_layout.setContentsMargins(0, 0, 0, 0)
        quality_layout.addWidget(self.quality_slider, 1)
        quality_layout.addWidget(self.quality_spin)

        self.sidecar_check = QCheckBox(
            self.tr("Write a .json file with the prompt beside WebP images")
        )
        self.sidecar_check.setAccessibleName(self.tr("Write JSON sidecar files"))
        self.sidecar_check.setToolTip(
            self.tr("WebP files cannot hold the prompt and settings themselves.")
        )

        self.template_edit = QLineEdit()
        self.template_edit.setAccessibleName(self.tr("File name template"))
        tokens = " ".join(f"{{{token}}}" for token in TOKENS)
        self.token_help = QLabel(arg(self.tr("Tokens: %1"), tokens))
        self.token_help.setWordWrap(True)
        help_texts = self._token_help()
        self.token_help.setToolTip(
            "\n".join(f"{{{t}}} — {help_texts.get(t, help)}" for t, help in TOKENS.items())
        )
        self.template_edit.setToolTip(self.token_help.toolTip())
        self.template_error = QLabel()
        self.template_error.setAccessibleName(self.tr("Template problem"))
        self.template_error.setWordWrap(True)

        self.preview_list = QListWidget()
        self.preview_list.setAccessibleName(self.tr("Preview of file names"))
        rows = PREVIEW_COUNT + 1  # the names and the "… and N more" line
        self.preview_list.setMinimumHeight(
            self.preview_list.fontMetrics().lineSpacing() * rows + 12
        )

        self.form = QFormLayout()
        self.form.addRow(self._label(self.tr("&Folder:"), self.folder_edit), folder_row)
        self.form.addRow(self._label(self.tr("F&ormat:"), self.format_combo), self.format_combo)
        self.form.addRow(self._label(self.tr("&Quality:"), self.quality_spin), self.quality_row)
        self.form.addRow("", self.sidecar_check)
        self.form.addRow(self._label(self.tr("&Names:"), self.template_edit), self.template_edit)
        self.form.addRow("", self.token_help)
        self.form.addRow("", self.template_error)
        self.form.addRow(self._label(self.tr("&Preview:"), self.preview_list), self.preview_list)

        self.progress_bar = QProgressBar()
        self.progress_bar.setAccessibleName(self.tr("Export progress"))
        self.progress_bar.setRange(0, max(1, len(self._images)))
        self.status_label = QLabel()
        self.status_label.setAccessibleName(self.tr("Export status"))
        self.status_label.setWordWrap(True)
        self.summary_label = QLabel()
        self.summary_label.setAccessibleName(self.tr("Export summary"))
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_list = QListWidget()
        self.error_list.setAccessibleName(self.tr("Export problems"))
        self.open_folder_button = QPushButton(self.tr("Open fo&lder"))
        self.open_folder_button.setAccessibleName(self.tr("Open the destination folder"))
        self.open_folder_button.clicked.connect(self._open_folder)

        self.export_button = QPushButton(self.tr("&Export"))
        self.export_button.setAccessibleName(self.tr("Export"))
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)
        self.close_button = QPushButton(self.tr("Cancel"))
        self.close_button.setAccessibleName(self.tr("Cancel"))
        self.close_button.clicked.connect(self.reject)
        buttons = QDialogButtonBox()
        buttons.addButton(self.open_folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)

        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status_label)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.error_list)
        layout.addWidget(buttons)

        for signal in (
            self.folder_edit.textChanged,
            self.template_edit.textChanged,
            self.format_combo.currentIndexChanged,
            self.sidecar_check.toggled,
        ):
            signal.connect(self._refresh)

    def _format_names(self) -> dict[ExportFormat, str]:
        return {
            ExportFormat.ORIGINAL: self.tr("Original file (unchanged pixels)"),
            ExportFormat.PNG: self.tr("PNG (lossless)"),
            ExportFormat.JPEG: "JPEG",
            ExportFormat.WEBP: "WebP",
        }

    def _token_help(self) -> dict[str, str]:
        """What each name token stands for; the examples show what lands in the file name,
        which stays language-neutral."""
        return {
            "date": self.tr("creation date, 2025-01-31"),
            "time": self.tr("creation time, 142501"),
            "prompt": self.tr("the prompt's first words"),
            "seed": self.tr("the seed (“random” if none was set)"),
            "index": self.tr("position in its series, 01, 02 …"),
            "request": self.tr("first 8 characters of the request id"),
            "aspect": self.tr("aspect ratio, 16x9"),
            "mode": self.tr("prompt mode, fast or standard"),
            "job": self.tr("job number"),
            "n": self.tr("running number in this export, 01, 02 …"),
        }

    def _template_problem(self, error: TemplateError) -> str:
        if error.unknown is None:
            return arg(self.tr("The name template is empty. Try %1."), "{date}_{prompt}_{index}")
        known = " ".join(f"{{{t}}}" for t in TOKENS)
        return arg(
            self.tr("Unknown token %1. Tokens you can use: %2."), f"{{{error.unknown}}}", known
        )

    def _summary(self, report: ExportReport) -> str:
        done, total = len(report.exported), report.total
        destination = str(report.destination)
        if done == total:
            text = arg(self.tr("%Ln image(s) exported to %1", "", total), destination)
        else:
            text = arg(
                self.tr("%1 of %Ln image(s) exported to %2", "", total), number(done), destination
            )
        if report.errors:
            text += self.tr("; %Ln failed", "", len(report.errors))
        if report.cancelled:
            return arg(self.tr("Export cancelled: %1."), text)
        return text + "."

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _load(self, options: ExportOptions) -> None:
        self.folder_edit.setText(str(options.destination))
        self.format_combo.setCurrentIndex(self.format_combo.findData(options.format))
        self.quality_spin.setValue(options.quality)
        self.sidecar_check.setChecked(options.sidecar)
        self.template_edit.setText(options.template)
        self._refresh()

    # reading the controls

    def _format(self) -> ExportFormat:
        return self.format_combo.currentData()

    def _current(self) -> ExportOptions:
        return ExportOptions(
            destination=Path(self.folder_edit.text().strip()),
            format=self._format(),
            quality=self.quality_spin.value(),
            template=self.template_edit.text(),
            sidecar=self.sidecar_check.isChecked(),
        )

    def chosen_options(self) -> ExportOptions:
        """What to remember for next time; a template that does not work is not remembered."""
        options = self._current()
        if not self.folder_edit.text().strip():
            options = replace(options, destination=self._initial.destination)
        try:
            validate_template(options.template)
        except TemplateError:
            options = replace(options, template=self._initial.template)
        return options

    def preview_names(self) -> list[str]:
        return [self.preview_list.item(i).text() for i in range(self.preview_list.count())]

    # reacting

    def _refresh(self) -> None:
        fmt = self._format()
        self.form.setRowVisible(self.quality_row, fmt.has_quality)
        self.sidecar_check.setEnabled(fmt in (ExportFormat.WEBP, ExportFormat.ORIGINAL))
        self.preview_list.clear()
        problem = ""
        if not self.folder_edit.text().strip():
            problem = self.tr("Choose a folder to export to.")
        try:
            planned = plan_names(self._images, self._current(), limit=PREVIEW_COUNT)
        except TemplateError as err:
            problem = self._template_problem(err)
            planned = []
        self.preview_list.addItems([p.name for p in planned])
        hidden = len(self._images) - len(planned)
        if planned and hidden > 0:
            self.preview_list.addItem(self.tr("… and %Ln more", "", hidden))
        self.template_error.setText(problem)
        self.template_error.setVisible(bool(problem))
        self.export_button.setEnabled(not problem and bool(self._images) and self._thread is None)

    def _choose_folder(self) -> None:
        # open(), not exec(): a nested event loop would stall the app's asyncio tasks.
        chooser = QFileDialog(self, self.tr("Export to Folder"), self.folder_edit.text())
        chooser.setFileMode(QFileDialog.FileMode.Directory)
        chooser.setOption(QFileDialog.Option.ShowDirsOnly, True)
        chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        chooser.fileSelected.connect(self.folder_edit.setText)
        chooser.open()

    def _set_stage(self, stage: _Stage) -> None:
        editing = stage is not _Stage.RUNNING
        for control in (
            self.folder_edit,
            self.choose_button,
            self.format_combo,
            self.quality_row,
            self.template_edit,
        ):
            control.setEnabled(editing)
        self.progress_bar.setVisible(stage is _Stage.RUNNING)
        self.status_label.setVisible(stage is _Stage.RUNNING)
        self.summary_label.setVisible(stage is _Stage.DONE)
        self.open_folder_button.setVisible(stage is _Stage.DONE and bool(self._exported()))
        self.error_list.setVisible(stage is _Stage.DONE and self.error_list.count() > 0)
        self.close_button.setEnabled(True)
        self.close_button.setText(self.tr("Close") if stage is _Stage.DONE else self.tr("Cancel"))
        self.close_button.setAccessibleName(self.close_button.text().replace("&", ""))
        if stage is _Stage.EDITING or stage is _Stage.DONE:
            self._refresh()
        else:
            self.export_button.setEnabled(False)
            self.sidecar_check.setEnabled(False)

    def _exported(self) -> tuple[Path, ...]:
        return self.report.exported if self.report else ()

    def start_export(self) -> None:
        if self._thread is not None or not self.export_button.isEnabled():
            return
        options = self._current()
        self.report = None
        self.error_list.clear()
        self.progress_bar.setValue(0)
        self.status_label.setText(self._exporting(1, len(self._images)))
        self._thread = ExportThread(self._images, options, self)
        self._thread.progressed.connect(self._on_progress)
        self._thread.done.connect(self._on_done)
        self._thread.finished.connect(self._thread.deleteLater)
        self._set_stage(_Stage.RUNNING)
        self._thread.start()

    def _on_progress(self, update: ExportProgress) -> None:
        self.progress_bar.setValue(update.done)
        if update.done < update.total:
            self.status_label.setText(self._exporting(update.done + 1, update.total))

    def _failure(self, failure: ExportFailure) -> str:
        """One failure in the window's words, by its kind (English keeps the exporter's own)."""
        if is_english():
            return failure.message
        folder = str(self._current().destination)
        name = failure.image.path.name if failure.image is not None else ""
        texts = {
            ExportProblem.TEMPLATE: self.tr("The name template cannot be used."),
            ExportProblem.NOT_A_FOLDER: arg(self.tr("%1 is not a folder."), folder),
            ExportProblem.CANNOT_CREATE_FOLDER: arg(
                self.tr("Cannot create the folder %1."), folder
            ),
            ExportProblem.SOURCE: arg(
                self.tr("Cannot read %1 from the library: the file is missing or damaged."), name
            ),
            ExportProblem.METADATA: arg(self.tr("Cannot add the prompt and settings to %1."), name),
            ExportProblem.READ_ONLY: arg(
                self.tr("Cannot write to %1: the folder is read-only or you lack permission."),
                folder,
            ),
            ExportProblem.DISK_FULL: arg(self.tr("The disk is full: %1 was not exported."), name),
            ExportProblem.NAME_TOO_LONG: arg(
                self.tr("The file name for %1 is too long for %2."), name, folder
            ),
            ExportProblem.FOLDER_GONE: arg(
                self.tr("The folder %1 is gone or is not a folder any more."), folder
            ),
            ExportProblem.WRITE_FAILED: arg(self.tr("Could not write %1 to %2."), name, folder),
            ExportProblem.UNEXPECTED: arg(
                self.tr("Could not export %1: an unexpected error happened."), name
            ),
        }
        return texts[failure.kind]

    def _exporting(self, current: int, total: int) -> str:
        return arg(self.tr("Exporting %1 of %Ln…", "", total), number(current))

    def _on_done(self, report: ExportReport) -> None:
        self._thread = None
        self.report = report
        self.summary_label.setText(self._summary(report))
        self.error_list.clear()
        self.error_list.addItems([self._failure(failure) for failure in report.errors])
        self._set_stage(_Stage.DONE)
        if self._close_when_done:
            super().reject()

    def _open_folder(self) -> None:
        if self.report is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.report.destination)))

    def reject(self) -> None:
        """Cancel (or Escape) while exporting stops after the current file, then closes."""
        if self._thread is not None:
            self._close_when_done = True
            self.status_label.setText(self.tr("Cancelling after the current file…"))
            self.close_button.setEnabled(False)
            self._thread.cancel()
            return
        super().reject()

    def done(self, result: int) -> None:
        if self._thread is not None:  # e.g. the window closing: never orphan a running thread
            self._thread.cancel()
            self._thread.wait()
        super().done(result)
