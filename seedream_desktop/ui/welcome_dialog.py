"""First run with no token: paste one (and verify it), or try the demo."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from seedream_desktop import APP_NAME
from seedream_desktop.core.placeholders import arg
from seedream_desktop.ui.token_entry import PROFILE_URL, TokenEntry, Verifier


class WelcomeChoice(Enum):
    TOKEN = "token"
    DEMO = "demo"
    QUIT = "quit"


class WelcomeDialog(QDialog):
    def __init__(self, verify: Verifier, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        welcome = arg(self.tr("Welcome to %1"), APP_NAME)
        self.setWindowTitle(welcome)
        self.choice = WelcomeChoice.QUIT
        intro = QLabel(
            f"<h2>{welcome}</h2><p>"
            + arg(
                self.tr(
                    "To generate images with Seedream 4.0 you need a RunComfy API token. You find "
                    'it on your <a href="%1">RunComfy profile page</a> (API keys). It is kept in '
                    "your system keyring, never in a file."
                ),
                PROFILE_URL,
            )
            + "</p>"
        )
        intro.setWordWrap(True)
        intro.setOpenExternalLinks(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.entry = TokenEntry(verify)
        self.demo_button = QPushButton(self.tr("Try the Demo"))
        self.demo_button.setToolTip(
            self.tr("Explore the whole app against a built-in emulator: free")
        )
        self.continue_button = QPushButton(self.tr("Save Token && Continue"))
        self.continue_button.setDefault(True)
        self.continue_button.setEnabled(False)
        self.entry.field.textChanged.connect(
            lambda text: self.continue_button.setEnabled(bool(text.strip()))
        )
        # A token RunComfy just rejected is not saved; a new paste enables the button again.
        self.entry.checked.connect(
            lambda check: self.continue_button.setEnabled(check.valid is not False)
        )
        self.demo_button.clicked.connect(self._demo)
        self.continue_button.clicked.connect(self._continue)
        buttons = QHBoxLayout()
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.continue_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.entry)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.resize(560, 300)

    def _demo(self) -> None:
        self.choice = WelcomeChoice.DEMO
        self.accept()

    def _continue(self) -> None:
        self.choice = WelcomeChoice.TOKEN
        self.accept()
