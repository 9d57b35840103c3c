"""Sizes in words and palette blends, as the grid's tooltips and the viewer's details show them."""

from __future__ import annotations

from PySide6.QtGui import QColor

from seedream_desktop.ui.formatting import human_bytes, mix


def test_sizes_read_in_megabytes_or_kilobytes_never_zero() -> None:
    assert human_bytes(3_200_000) == "3.1 MB"
    assert human_bytes(700 * 1024) == "700 KB"
    assert human_bytes(100) == "1 KB"


def test_mix_moves_one_colour_towards_another() -> None:
    black, white = QColor(0, 0, 0), QColor(255, 255, 255)
    assert mix(black, white, 0.0) == black
    assert mix(black, white, 1.0) == white
    assert mix(black, white, 0.5).lightness() in range(126, 130)
