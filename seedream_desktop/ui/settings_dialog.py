"""One settings dialog: General, Library, Account (the token) and Advanced."""

from __future__ import annotations

from dataclasses import replace
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from seedream_desktop.core.settings import LABELS, Settings, SettingsStore, Theme, spec
from seedream_desktop.core.token_store import (
    ENV_VAR,
    TokenSource,
    TokenStore,
    TokenStoreError,
    mask_token,
)
from seedream_desktop.ui.token_entry import TokenEntry, Verifier

_SOURCE_TEXT = {
    TokenSource.ENV: f"from the environment variable {ENV_VAR} (overrides the saved one, never "
    "stored)",
    TokenSource.KEYRING: "saved in the system keyring",
    TokenSource.SESSION: "kept for this session only (no system keyring available)",
    TokenSource.NONE: "no token set",
}


class SettingsPage(Enum):
    """The dialog's pages, in the order of their tabs."""

    GENERAL = "General"
    LIBRARY = "Library"
    ACCOUNT = "Account"
    ADVANCED = "Advanced"


def label(name: str) -> str:
    """The translated label the settings declare for ``name``."""
    return QCoreApplication.translate(LABELS, spec(name).label)


class SettingsDialog(QDialog):
    #: The saved token changed (replaced or removed): paused jobs may resume.
    tokenChanged = Signal()

    def __init__(
        self,
        settings: Settings,
        tokens: TokenStore,
        verify: Verifier,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self._settings = settings
        self._tokens = tokens
        self.tabs = QTabWidget()
        pages = {
            SettingsPage.GENERAL: self._general_page(),
            SettingsPage.LIBRARY: self._library_page(),
            SettingsPage.ACCOUNT: self._account_page(verify),
            SettingsPage.ADVANCED: self._advanced_page(),
        }
        for page in SettingsPage:
            self.tabs.addTab(pages[page], page.value)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #d9534f;")
        self.problems.setAccessibleName("Settings problems")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self._refresh_account()
        self.resize(560, 380)

    def show_page(self, page: SettingsPage) -> None:
        self.tabs.setCurrentIndex(list(SettingsPage).index(page))

    def current_page(self) -> SettingsPage:
        return list(SettingsPage)[self.tabs.currentIndex()]

    # ---- pages -----------------------------------------------------------------------------

    def _general_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        price = spec("price_per_image")
        self.price = QDoubleSpinBox()
        self.price.setRange(*price.bounds)
        self.price.setDecimals(3)
        self.price.setSingleStep(0.005)
        self.price.setPrefix(f"{price.unit} ")
        self.price.setValue(self._settings.price_per_image)
        self.price.setAccessibleName(label("price_per_image"))
        self.jobs = QSpinBox()
        self.jobs.setRange(*spec("jobs_at_once").bounds)
        self.jobs.setValue(self._settings.jobs_at_once)
        self.jobs.setAccessibleName(label("jobs_at_once"))
        self.theme = QComboBox()
        for theme in Theme:
            self.theme.addItem(theme.value.capitalize(), theme)
        self.theme.setCurrentIndex(self.theme.findData(self._settings.theme))
        self.theme.setAccessibleName(label("theme"))
        form.addRow(label("price_per_image"), self.price)
        form.addRow(label("jobs_at_once"), self.jobs)
        form.addRow(label("theme"), self.theme)
        return page

    def _folder_row(
        self, value: Path | None, placeholder: str, name: str
    ) -> tuple[QWidget, QLineEdit]:
        edit = QLineEdit(str(value) if value else "")
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(name)
        browse = QPushButton("Choose…")
        browse.setAccessibleName(f"Choose {name.lower()}")

        def choose() -> None:
            folder = QFileDialog.getExistingDirectory(self, name, edit.text())
            if folder:
                edit.setText(folder)

        browse.clicked.connect(choose)
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(edit, 1)
        layout.addWidget(browse)
        return row, edit

    def _library_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        row, self.data_dir = self._folder_row(
            self._settings.data_dir, "Default (the app's data folder)", label("data_dir")
        )
        form.addRow(label("data_dir"), row)
        row, self.export_dir = self._folder_row(
            self._settings.export_dir, "Ask each time (remembers the last)", "Export folder"
        )
        form.addRow(label("export_dir"), row)
        note = QLabel("A new library folder is used from the next start.")
        note.setWordWrap(True)
        form.addRow(note)
        return page

    def _account_page(self, verify: Verifier) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.token_status = QLabel()
        self.token_status.setWordWrap(True)
        self.token_status.setAccessibleName("Token status")
        self.entry = TokenEntry(verify)
        self.save_token = QPushButton("Save Token")
        self.remove_token = QPushButton("Remove Token")
        self.save_token.clicked.connect(self._save_token)
        self.remove_token.clicked.connect(self._remove_token)
        self.token_message = QLabel()
        self.token_message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_token)
        buttons.addWidget(self.remove_token)
        buttons.addStretch(1)
        layout.addWidget(self.token_status)
        layout.addWidget(QLabel("Replace the token:"))
        layout.addWidget(self.entry)
        layout.addLayout(buttons)
        layout.addWidget(self.token_message)
        layout.addStretch(1)
        return page

    def _advanced_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.base_url = QLineEdit(self._settings.base_url)
        self.base_url.setAccessibleName(label("base_url"))
        self.base_url.setToolTip("https only; http is allowed for loopback addresses (testing)")
        form.addRow(label("base_url"), self.base_url)
        return page

    # ---- account ---------------------------------------------------------------------------

    def _refresh_account(self) -> None:
        token = self._tokens.get()
        source = self._tokens.source
        shown = mask_token(token) if token else "—"
        self.token_status.setText(
            f"Current token: <b>{shown}</b><br>Source: {_SOURCE_TEXT[source]}<br>"
            f"Keyring: {self._tokens.backend_name}"
        )
        self.remove_token.setEnabled(source in (TokenSource.KEYRING, TokenSource.SESSION))

    def _save_token(self) -> None:
        try:
            result = self._tokens.save(self.entry.token())
        except ValueError as exc:
            self.token_message.setText(str(exc))
            return
        self.entry.field.clear()
        self.token_message.setText(result.message)
        self._refresh_account()
        self.tokenChanged.emit()

    def _remove_token(self) -> None:
        try:
            self._tokens.remove()
            self.token_message.setText("The saved token was removed.")
        except TokenStoreError as exc:
            self.token_message.setText(str(exc))
        self._refresh_account()
        self.tokenChanged.emit()

    # ---- result ----------------------------------------------------------------------------

    def chosen(self) -> dict[str, object]:
        """The settings this dialog edits, as the user left them (the window owns the rest,
        e.g. its geometry, and may have changed them while the dialog was open)."""

        def folder(edit: QLineEdit) -> Path | None:
            text = edit.text().strip()
            return Path(text).expanduser() if text else None

        return {
            "price_per_image": self.price.value(),
            "jobs_at_once": self.jobs.value(),
            "theme": self.theme.currentData(),
            "data_dir": folder(self.data_dir),
            "export_dir": folder(self.export_dir),
            "base_url": self.base_url.text().strip(),
        }

    def _accept(self) -> None:
        problems = SettingsStore.validate(replace(self._settings, **self.chosen()))
        if problems:
            self.problems.setText(" ".join(problems))
            return
        self.accept()
