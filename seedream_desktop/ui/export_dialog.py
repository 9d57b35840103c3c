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

from seedream_desktop.core.export.exporter import ExportProgress, ExportReport
from seedream_desktop.core.export.naming import TOKENS, TemplateError, plan_names, validate_template
from seedream_desktop.core.export.options import (
    QUALITY_MAX,
    QUALITY_MIN,
    ExportFormat,
    ExportOptions,
)
from seedream_desktop.core.models import ImageRecord
from seedream_desktop.ui.export_progress import ExportThread

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
        noun = "image" if len(self._images) == 1 else "images"
        self.setWindowTitle(f"Export {len(self._images)} {noun}")
        self._build()
        self._load(initial)
        self._set_stage(_Stage.EDITING)

    # building

    def _build(self) -> None:
        self.folder_edit = QLineEdit()
        self.folder_edit.setAccessibleName("Destination folder")
        self.choose_button = QPushButton("C&hoose…")
        self.choose_button.setAccessibleName("Choose destination folder")
        self.choose_button.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.choose_button)

        self.format_combo = QComboBox()
        self.format_combo.setAccessibleName("File format")
        for fmt in ExportFormat:
            self.format_combo.addItem(fmt.label, fmt)

        self.quality_slider = QSlider(Qt.Orientation.Horizontal)
        self.quality_slider.setAccessibleName("Quality")
        self.quality_spin = QSpinBox()
        self.quality_spin.setAccessibleName("Quality value")
        for control in (self.quality_slider, self.quality_spin):
            control.setRange(QUALITY_MIN, QUALITY_MAX)
        self.quality_slider.valueChanged.connect(self.quality_spin.setValue)
        self.quality_spin.valueChanged.connect(self.quality_slider.setValue)
        self.quality_row = QWidget()
        quality_layout = QHBoxLayout(self.quality_row)
        quality_layout.setContentsMargins(0, 0, 0, 0)
        quality_layout.addWidget(self.quality_slider, 1)
        quality_layout.addWidget(self.quality_spin)

        self.sidecar_check = QCheckBox("Write a .json file with the prompt beside WebP images")
        self.sidecar_check.setAccessibleName("Write JSON sidecar files")
        self.sidecar_check.setToolTip("WebP files cannot hold the prompt and settings themselves.")

        self.template_edit = QLineEdit()
        self.template_edit.setAccessibleName("File name template")
        tokens = " ".join(f"{{{token}}}" for token in TOKENS)
        self.token_help = QLabel(f"Tokens: {tokens}")
        self.token_help.setWordWrap(True)
        self.token_help.setToolTip("\n".join(f"{{{t}}} — {help}" for t, help in TOKENS.items()))
        self.template_edit.setToolTip(self.token_help.toolTip())
        self.template_error = QLabel()
        self.template_error.setAccessibleName("Template problem")
        self.template_error.setWordWrap(True)

        self.preview_list = QListWidget()
        self.preview_list.setAccessibleName("Preview of file names")
        rows = PREVIEW_COUNT + 1  # the names and the "… and N more" line
        self.preview_list.setMinimumHeight(
            self.preview_list.fontMetrics().lineSpacing() * rows + 12
        )

        self.form = QFormLayout()
        self.form.addRow(self._label("&Folder:", self.folder_edit), folder_row)
        self.form.addRow(self._label("F&ormat:", self.format_combo), self.format_combo)
        self.form.addRow(self._label("&Quality:", self.quality_spin), self.quality_row)
        self.form.addRow("", self.sidecar_check)
        self.form.addRow(self._label("&Names:", self.template_edit), self.template_edit)
        self.form.addRow("", self.token_help)
        self.form.addRow("", self.template_error)
        self.form.addRow(self._label("&Preview:", self.preview_list), self.preview_list)

        self.progress_bar = QProgressBar()
        self.progress_bar.setAccessibleName("Export progress")
        self.progress_bar.setRange(0, max(1, len(self._images)))
        self.status_label = QLabel()
        self.status_label.setAccessibleName("Export status")
        self.status_label.setWordWrap(True)
        self.summary_label = QLabel()
        self.summary_label.setAccessibleName("Export summary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_list = QListWidget()
        self.error_list.setAccessibleName("Export problems")
        self.open_folder_button = QPushButton("Open fo&lder")
        self.open_folder_button.setAccessibleName("Open the destination folder")
        self.open_folder_button.clicked.connect(self._open_folder)

        self.export_button = QPushButton("&Export")
        self.export_button.setAccessibleName("Export")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)
        self.close_button = QPushButton("Cancel")
        self.close_button.setAccessibleName("Cancel")
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
            problem = "Choose a folder to export to."
        try:
            planned = plan_names(self._images, self._current(), limit=PREVIEW_COUNT)
        except TemplateError as err:
            problem = str(err)
            planned = []
        self.preview_list.addItems([p.name for p in planned])
        hidden = len(self._images) - len(planned)
        if planned and hidden > 0:
            self.preview_list.addItem(f"… and {hidden} more")
        self.template_error.setText(problem)
        self.template_error.setVisible(bool(problem))
        self.export_button.setEnabled(not problem and bool(self._images) and self._thread is None)

    def _choose_folder(self) -> None:
        # open(), not exec(): a nested event loop would stall the app's asyncio tasks.
        chooser = QFileDialog(self, "Export to folder", self.folder_edit.text())
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
        self.close_button.setText("Close" if stage is _Stage.DONE else "Cancel")
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
        self.status_label.setText(f"Exporting 1 of {len(self._images)}…")
        self._thread = ExportThread(self._images, options, self)
        self._thread.progressed.connect(self._on_progress)
        self._thread.done.connect(self._on_done)
        self._thread.finished.connect(self._thread.deleteLater)
        self._set_stage(_Stage.RUNNING)
        self._thread.start()

    def _on_progress(self, update: ExportProgress) -> None:
        self.progress_bar.setValue(update.done)
        if update.done < update.total:
            self.status_label.setText(f"Exporting {update.done + 1} of {update.total}…")

    def _on_done(self, report: ExportReport) -> None:
        self._thread = None
        self.report = report
        self.summary_label.setText(report.summary)
        self.error_list.clear()
        self.error_list.addItems([failure.message for failure in report.errors])
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
            self.status_label.setText("Cancelling after the current file…")
            self.close_button.setEnabled(False)
            self._thread.cancel()
            return
        super().reject()

    def done(self, result: int) -> None:
        if self._thread is not None:  # e.g. the window closing: never orphan a running thread
            self._thread.cancel()
            self._thread.wait()
        super().done(result)
