"""A masked token field with show/hide and Verify, shared by the welcome and settings dialogs."""

from __future__ import annotations

import asyncio
import logging
import traceback
from collections.abc import Awaitable, Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from seedream_desktop.core.placeholders import arg
from seedream_desktop.core.token_check import TokenCheck
from seedream_desktop.ui.words import words

log = logging.getLogger(__name__)

PROFILE_URL = "https://www.runcomfy.com/profile"

Verifier = Callable[[str], Awaitable[TokenCheck]]


class TokenEntry(QWidget):
    checked = Signal(object)  # TokenCheck

    def __init__(self, verify: Verifier, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._verify = verify
        self._task: asyncio.Task[None] | None = None
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setPlaceholderText(self.tr("Paste your RunComfy API token"))
        self.field.setAccessibleName(self.tr("API token"))
        self.show_action = QAction(self.tr("Show"), self)
        self.show_action.setCheckable(True)
        self.show_action.setToolTip(self.tr("Show or hide the token"))
        self.show_action.toggled.connect(self._toggle_visible)
        # A button beside the field, not a QLineEdit action: those paint only an icon.
        self.show_button = QToolButton()
        self.show_button.setDefaultAction(self.show_action)
        self.show_button.setAccessibleName(self.tr("Show or hide the token"))
        self.verify_button = QPushButton(self.tr("Verify"))
        self.verify_button.setToolTip(self.tr("Check the token with RunComfy (costs nothing)"))
        self.verify_button.clicked.connect(self.start_verify)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setAccessibleName(self.tr("Verification result"))
        row = QHBoxLayout()
        row.addWidget(self.field, 1)
        row.addWidget(self.show_button)
        row.addWidget(self.verify_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.result)
        self.field.textChanged.connect(lambda _t: self.result.clear())

    def token(self) -> str:
        return self.field.text().strip()

    def _toggle_visible(self, visible: bool) -> None:
        self.field.setEchoMode(
            QLineEdit.EchoMode.Normal if visible else QLineEdit.EchoMode.Password
        )
        self.show_action.setText(self.tr("Hide") if visible else self.tr("Show"))

    def start_verify(self) -> None:
        token = self.token()
        if not token:
            self.result.setText(self.tr("Paste a token first."))
            return
        self.verify_button.setEnabled(False)
        self.result.setText(self.tr("Checking…"))
        self._task = asyncio.ensure_future(self._run(token))

    async def _run(self, token: str) -> None:
        try:
            outcome = await self._verify(token)
        except Exception as exc:  # a bug in the check must not leave "Checking…" up forever
            # The type only: the message of an unexpected error may quote the token.
            log.error(
                "The token check failed unexpectedly (%s):\n%s",
                type(exc).__name__,
                "".join(traceback.format_tb(exc.__traceback__)),
            )
            outcome = TokenCheck(
                None, arg(self.tr("Could not check the token (%1)."), type(exc).__name__)
            )
        finally:
            self.verify_button.setEnabled(True)
        mark = {True: "✔ ", False: "✘ ", None: "⚠ "}[outcome.valid]
        self.result.setText(mark + words.token_check(outcome))
        self.checked.emit(outcome)
