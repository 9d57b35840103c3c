"""File sizes read the same in the grid's tooltip and the viewer's title."""

from __future__ import annotations

import pytest

from seedream_desktop.ui.formatting import human_bytes


@pytest.mark.parametrize(
    ("size", "shown"),
    [(200, "1 KB"), (1536, "2 KB"), (1023 * 1024, "1023 KB"), (1024 * 1024, "1.0 MB")],
)
def test_a_file_size_in_words(size: int, shown: str) -> None:
    assert human_bytes(size) == shown
