"""Small presentation helpers the panels share: file sizes in words, tints between two colours."""

from __future__ import annotations

from PySide6.QtGui import QColor

_MB = 1024 * 1024


def human_bytes(size: int) -> str:
    """``2.4 MB`` from a mebibyte on, else whole KB (at least 1, so no file reads "0 KB")."""
    if size >= _MB:
        return f"{size / _MB:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """``a`` moved ``amount`` of the way towards ``b`` (tints that work in light and dark)."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
    )
