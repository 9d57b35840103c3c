"""Light, dark, or whatever the system uses."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from seedream_desktop.core.settings import Theme

_SCHEMES = {
    Theme.SYSTEM: Qt.ColorScheme.Unknown,  # Unknown = follow the platform
    Theme.LIGHT: Qt.ColorScheme.Light,
    Theme.DARK: Qt.ColorScheme.Dark,
}


def apply_theme(app: QApplication, theme: Theme) -> None:
    app.styleHints().setColorScheme(_SCHEMES[theme])
