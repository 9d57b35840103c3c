"""The export dialog's folder: a full path or ``~``, never a folder relative to who knows what."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from seedream_desktop.core.export import ExportOptions
from seedream_desktop.ui.export_dialog import ExportDialog

from .conftest import make_record


def open_dialog(qtbot: QtBot, initial: Path) -> ExportDialog:
    dialog = ExportDialog([make_record(1)], ExportOptions(destination=initial))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_relative_folder_cannot_be_exported_to(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, tmp_path)
    dialog.folder_edit.setText("exports")

    assert not dialog.export_button.isEnabled()
    assert dialog.template_error.isVisible()
    assert "full folder path" in dialog.template_error.text()
    assert dialog.chosen_options().destination == tmp_path  # not remembered either


def test_a_folder_under_home_is_expanded(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, tmp_path)
    dialog.folder_edit.setText("~/Pictures/Seedream")

    assert dialog.export_button.isEnabled()
    assert not dialog.template_error.isVisible()
    assert dialog.chosen_options().destination == Path.home() / "Pictures" / "Seedream"
