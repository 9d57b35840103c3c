"""The export dialog, driven as a designer would: folder, format, names, Export, summary."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from seedream_desktop.core.export.exporter import ExportProgress, export_images
from seedream_desktop.core.export.metadata import read_metadata
from seedream_desktop.core.export.options import ExportFormat, ExportOptions
from seedream_desktop.core.models import ImageRecord
from seedream_desktop.core.settings import Language
from seedream_desktop.ui import export_progress
from seedream_desktop.ui.export_dialog import ExportDialog
from tests.export.conftest import MakeRecord, folder_listing
from tests.support.language import language


@pytest.fixture
def records(make_record: MakeRecord) -> list[ImageRecord]:
    return [make_record(index=i, seed=100 + i) for i in range(7)]


def open_dialog(qtbot: QtBot, records: list[ImageRecord], tmp_path: Path) -> ExportDialog:
    dialog = ExportDialog(records, ExportOptions(destination=tmp_path / "elsewhere"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_export_through_the_dialog(
    qtbot: QtBot,
    records: list[ImageRecord],
    destination: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = open_dialog(qtbot, records, tmp_path)
    assert not dialog.quality_row.isVisible()

    dialog.folder_edit.setText(str(destination))
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(ExportFormat.JPEG))
    assert dialog.quality_row.isVisible()
    dialog.quality_spin.setValue(70)
    assert dialog.quality_slider.value() == 70
    dialog.template_edit.clear()
    qtbot.keyClicks(dialog.template_edit, "fox_{seed}")

    assert dialog.preview_names() == [f"fox_{100 + i}.jpg" for i in range(5)] + ["… and 2 more"]

    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.summary_label.isVisible(), timeout=10_000)

    assert dialog.summary_label.text() == f"7 images exported to {destination}."
    assert folder_listing(destination) == sorted(f"fox_{100 + i}.jpg" for i in range(7))
    assert read_metadata(destination / "fox_103.jpg")["seed"] == "103"
    assert dialog.chosen_options() == ExportOptions(
        destination=destination, format=ExportFormat.JPEG, quality=70, template="fox_{seed}"
    )
    # exporting again would not overwrite: the preview already shows the new names
    assert dialog.preview_names()[0] == "fox_100 (2).jpg"

    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", opened.append)
    qtbot.mouseClick(dialog.open_folder_button, Qt.MouseButton.LeftButton)
    assert opened == [QUrl.fromLocalFile(str(destination))]


def test_bad_template_disables_export_and_says_why(
    qtbot: QtBot, records: list[ImageRecord], tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, records, tmp_path)
    original = dialog.chosen_options().template

    dialog.template_edit.setText("{date}_{colour}")

    assert not dialog.export_button.isEnabled()
    assert "Unknown token {colour}" in dialog.template_error.text()
    assert dialog.preview_names() == []
    assert dialog.chosen_options().template == original


def test_errors_are_listed_in_words(
    qtbot: QtBot, records: list[ImageRecord], destination: Path, tmp_path: Path
) -> None:
    records[1].path.unlink()
    dialog = open_dialog(qtbot, records, tmp_path)
    dialog.folder_edit.setText(str(destination))

    dialog.start_export()
    qtbot.waitUntil(lambda: dialog.summary_label.isVisible(), timeout=10_000)

    assert dialog.summary_label.text() == f"6 of 7 images exported to {destination}; 1 failed."
    assert dialog.error_list.count() == 1
    assert dialog.error_list.item(0).text().startswith(f"Cannot read {records[1].path}")


def test_cancel_during_export_stops_and_closes(
    qtbot: QtBot,
    records: list[ImageRecord],
    destination: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def export_pausing_after_two(*args: Any, progress: Any, cancel: threading.Event) -> Any:
        def report(update: ExportProgress) -> None:
            progress(update)
            if update.done == 2:
                cancel.wait(timeout=10)  # hold the worker here until the designer cancels

        return export_images(*args, progress=report, cancel=cancel)

    monkeypatch.setattr(export_progress, "export_images", export_pausing_after_two)
    dialog = open_dialog(qtbot, records, tmp_path)
    dialog.folder_edit.setText(str(destination))

    with qtbot.waitSignal(dialog.finished, timeout=10_000):
        dialog.start_export()
        assert dialog.progress_bar.isVisible()
        assert not dialog.template_edit.isEnabled()
        qtbot.waitUntil(lambda: dialog.progress_bar.value() == 2, timeout=10_000)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    assert dialog.report is not None
    assert dialog.report.cancelled
    assert len(dialog.report.exported) == 2
    assert folder_listing(destination) == sorted(p.name for p in dialog.report.exported)


def test_a_failed_export_is_reported_in_german(
    qtbot: QtBot, qapp: QApplication, records: list[ImageRecord], tmp_path: Path
) -> None:
    taken = tmp_path / "a-file"
    taken.write_text("not a folder")
    with language(qapp, Language.GERMAN):
        dialog = open_dialog(qtbot, records[:2], tmp_path)
        dialog.folder_edit.setText(str(taken))
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.report is not None)

        assert (
            dialog.summary_label.text()
            == f"0 von 2 Bildern nach {taken} exportiert; 1 fehlgeschlagen."
        )
        assert dialog.error_list.item(0).text() == f"{taken} ist kein Ordner."
