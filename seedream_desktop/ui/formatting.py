"""Small presentation helpers the panels share: numbers, sizes and times as the window's language
writes them ("2.560 × 1.440", "02.12.2026 04:38", "2,4 MB"), through the default ``QLocale`` that
``i18n`` sets, and tints between two colours. Amounts of money: ``money_status.money_text``.

Only for what the window shows: file names and embedded metadata stay language-neutral.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QLocale
from PySide6.QtGui import QColor

_MB = 1024 * 1024


def number(value: int) -> str:
    return QLocale().toString(value)


def dimensions(width: int, height: int) -> str:
    return f"{number(width)} × {number(height)}"


def human_bytes(size: int) -> str:
    """``2.4 MB`` from a mebibyte on, else whole KB (at least 1, so no file reads "0 KB")."""
    locale = QLocale()
    if size >= _MB:
        return f"{locale.toString(size / _MB, 'f', 1)} MB"
    return f"{locale.toString(max(1, round(size / 1024)))} KB"


def short_date_format() -> str:
    """The language's short date format with a four-digit year (``dd.MM.yyyy``, ``M/d/yyyy``):
    "2/12/26" reads as a day of 1926 or 2026 alike."""
    date_format = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in date_format:
        date_format = date_format.replace("yy", "yyyy")
    return date_format


def date_time(moment: datetime) -> str:
    """The local date and time, short, with a four-digit year (``02.12.2026 04:38``)."""
    locale = QLocale()
    local = moment.astimezone() if moment.tzinfo else moment
    time_format = locale.timeFormat(QLocale.FormatType.ShortFormat)
    return locale.toString(QDateTime(local), f"{short_date_format()} {time_format}")


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """``a`` moved ``amount`` of the way towards ``b`` (tints that work in light and dark)."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
    )
