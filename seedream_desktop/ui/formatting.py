"""Small helpers for what widgets show: sizes in words and colours blended from the palette."""

from __future__ import annotations

from PySide6.QtGui import QColor


def human_bytes(size: int) -> str:
    """``3.1 MB`` or ``42 KB``; never ``0 KB`` for a file that holds something."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """``a`` moved ``amount`` of the way towards ``b``: tints that work in light and dark themes."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
    )
