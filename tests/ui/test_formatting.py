"""File sizes read the same in the grid's tooltip and the viewer's details, in the window's
language."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from seedream_desktop.core.settings import Language
from seedream_desktop.ui.formatting import human_bytes
from tests.support.language import language


@pytest.mark.parametrize(
    ("size", "shown"),
    [(200, "1 KB"), (1536, "2 KB"), (1023 * 1024, "1,023 KB"), (1024 * 1024, "1.0 MB")],
)
def test_a_file_size_in_words(qapp: QApplication, size: int, shown: str) -> None:
    assert human_bytes(size) == shown


def test_a_file_size_in_german(qapp: QApplication) -> None:
    with language(qapp, Language.GERMAN):
        assert (human_bytes(1023 * 1024), human_bytes(2_516_582)) == ("1.023 KB", "2,4 MB")
