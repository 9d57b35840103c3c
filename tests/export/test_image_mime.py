"""Copy and drag carry the files, and the pixels of one image for apps that paste pictures."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QGuiApplication, QImage
from pytestqt.qtbot import QtBot

from seedream_desktop.ui.image_mime import copy_images_to_clipboard, mime_for_drag
from seedream_desktop.ui.thumbnail_loader import read_image
from tests.export.conftest import HEIGHT, WIDTH, MakeRecord


def test_drag_carries_file_urls(make_record: MakeRecord) -> None:
    records = [make_record(), make_record()]

    mime = mime_for_drag(records)

    assert mime.urls() == [QUrl.fromLocalFile(str(r.path)) for r in records]


def test_copy_puts_files_and_first_image_on_clipboard(
    qtbot: QtBot, make_record: MakeRecord
) -> None:
    records = [make_record(), make_record()]

    assert copy_images_to_clipboard(records, read_image(records[0].path))

    mime = QGuiApplication.clipboard().mimeData()
    assert [url.toLocalFile() for url in mime.urls()] == [str(r.path) for r in records]
    pasted = QImage(mime.imageData())
    assert (pasted.width(), pasted.height()) == (WIDTH, HEIGHT)
    assert pasted.pixelColor(0, 0) == QImage(str(records[0].path)).pixelColor(0, 0)


def test_copy_of_nothing_leaves_clipboard_alone(qtbot: QtBot) -> None:
    QGuiApplication.clipboard().setText("kept")

    assert not copy_images_to_clipboard([], QImage())
    assert QGuiApplication.clipboard().text() == "kept"
