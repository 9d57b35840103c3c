"""One settings dialog: General, Library, Account (the token) and Advanced."""

from __future__ import annotations

from dataclasses import replace
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
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

from seedream_desktop.api.urls import DEFAULT_BASE_URL
from seedream_desktop.core.placeholders import arg
from seedream_desktop.core.settings import (
    LABELS,
    Language,
    Settings,
    SettingsStore,
    Theme,
    spec,
)
from seedream_desktop.core.token_store import (
    ENV_VAR,
    NO_BACKEND_NAME,
    TokenSource,
    TokenStore,
    TokenStoreError,
    mask_token,
)
from seedream_desktop.ui.i18n import is_english
from seedream_desktop.ui.token_entry import TokenEntry, Verifier
from seedream_desktop.ui.words import words


class SettingsPage(Enum):
    """The dialog's pages, in the order of their tabs; ``value`` is the tab's source text."""

    GENERAL = QT_TRANSLATE_NOOP("SettingsDialog", "General")
    LIBRARY = QT_TRANSLATE_NOOP("SettingsDialog", "Library")
    ACCOUNT = QT_TRANSLATE_NOOP("SettingsDialog", "Account")
    ADVANCED = QT_TRANSLATE_NOOP("SettingsDialog", "Advanced")


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
        self.setWindowTitle(self.tr("Settings"))
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
            self.tabs.addTab(pages[page], self.tr(page.value))
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #d9534f;")
        self.problems.setAccessibleName(self.tr("Settings problems"))
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
        self.price.setSuffix(f" {price.unit}")
        self.price.setValue(self._settings.price_per_image)
        self.price.setAccessibleName(label("price_per_image"))
        self.jobs = QSpinBox()
        self.jobs.setRange(*spec("jobs_at_once").bounds)
        self.jobs.setValue(self._settings.jobs_at_once)
        self.jobs.setAccessibleName(label("jobs_at_once"))
        self.theme = QComboBox()
        for theme, text in self._theme_names().items():
            self.theme.addItem(text, theme)
        self.theme.setCurrentIndex(self.theme.findData(self._settings.theme))
        self.theme.setAccessibleName(label("theme"))
        self.language = QComboBox()
        for language, text in self._language_names().items():
            self.language.addItem(text, language)
        self.language.setCurrentIndex(self.language.findData(self._settings.language))
        self.language.setAccessibleName(label("language"))
        self.language.setToolTip(self.tr("Applies at the next start."))
        form.addRow(label("price_per_image"), self.price)
        form.addRow(label("jobs_at_once"), self.jobs)
        form.addRow(label("theme"), self.theme)
        form.addRow(label("language"), self.language)
        note = QLabel(self.tr("A new language applies at the next start."))
        note.setWordWrap(True)
        form.addRow(note)
        return page

    def _theme_names(self) -> dict[Theme, str]:
        return {
            Theme.SYSTEM: self.tr("As the system"),
            Theme.LIGHT: self.tr("Light"),
            Theme.DARK: self.tr("Dark"),
        }

    def _language_names(self) -> dict[Language, str]:
        # Each language in its own name, so that a user who cannot read the current one still
        # finds theirs.
        return {
            Language.SYSTEM: self.tr("As the system"),
            Language.ENGLISH: "English",
            Language.GERMAN: "Deutsch",
        }

    def _folder_row(
        self, value: Path | None, placeholder: str, name: str
    ) -> tuple[QWidget, QLineEdit]:
        edit = QLineEdit(str(value) if value else "")
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(name)
        browse = QPushButton(self.tr("Choose…"))
        browse.setAccessibleName(arg(self.tr("Choose: %1"), name))

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
            self._settings.data_dir, self.tr("Default (the app's data folder)"), label("data_dir")
        )
        form.addRow(label("data_dir"), row)
        row, self.export_dir = self._folder_row(
            self._settings.export_dir,
            self.tr("Ask each time (remembers the last)"),
            label("export_dir"),
        )
        form.addRow(label("export_dir"), row)
        note = QLabel(self.tr("A new library folder is used from the next start."))
        note.setWordWrap(True)
        form.addRow(note)
        return page

    def _account_page(self, verify: Verifier) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.token_status = QLabel()
        self.token_status.setWordWrap(True)
        self.token_status.setAccessibleName(self.tr("Token status"))
        self.entry = TokenEntry(verify)
        self.save_token = QPushButton(self.tr("Save Token"))
        self.remove_token = QPushButton(self.tr("Remove Token"))
        self.save_token.clicked.connect(self._save_token)
        self.remove_token.clicked.connect(self._remove_token)
        self.token_message = QLabel()
        self.token_message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_token)
        buttons.addWidget(self.remove_token)
        buttons.addStretch(1)
        layout.addWidget(self.token_status)
        layout.addWidget(QLabel(self.tr("Replace the token:")))
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
        self.base_url.setToolTip(
            self.tr("https only; http is allowed for loopback addresses (testing)")
        )
        form.addRow(label("base_url"), self.base_url)
        return page

    # ---- account ---------------------------------------------------------------------------

    def _refresh_account(self) -> None:
        token = self._tokens.get()
        source = self._tokens.source
        shown = mask_token(token) if token else "—"
        self.token_status.setText(
            arg(
                self.tr("Current token: %1<br>Source: %2<br>Keyring: %3"),
                f"<b>{shown}</b>",
                self._source_text(source),
                self._keyring_name(),
            )
        )
        self.remove_token.setEnabled(source in (TokenSource.KEYRING, TokenSource.SESSION))

    def _keyring_name(self) -> str:
        name = self._tokens.backend_name
        return self.tr("none available") if name == NO_BACKEND_NAME else name

    def _source_text(self, source: TokenSource) -> str:
        if source is TokenSource.ENV:
            return arg(
                self.tr("from the environment variable %1 (overrides the saved one, never stored)"),
                ENV_VAR,
            )
        if source is TokenSource.KEYRING:
            return self.tr("saved in the system keyring")
        if source is TokenSource.SESSION:
            return self.tr("kept for this session only (no system keyring available)")
        return self.tr("no token set")

    def _save_token(self) -> None:
        try:
            result = self._tokens.save(self.entry.token())
        except ValueError:
            self.token_message.setText(words.token_unusable(self.entry.token()))
            return
        self.entry.field.clear()
        self.token_message.setText(
            words.token_saved(result, self._tokens.env_override, self._tokens.backend_name)
        )
        self._refresh_account()
        self.tokenChanged.emit()

    def _remove_token(self) -> None:
        try:
            self._tokens.remove()
            self.token_message.setText(self.tr("The saved token was removed."))
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
            "language": self.language.currentData(),
            "data_dir": folder(self.data_dir),
            "export_dir": folder(self.export_dir),
            "base_url": self.base_url.text().strip(),
        }

    def _accept(self) -> None:
        chosen = replace(self._settings, **self.chosen())
        problems = SettingsStore.problems(chosen)
        if problems:
            self.problems.setText(
                " ".join(self._problem(name, chosen, text) for name, text in problems.items())
            )
            return
        self.accept()

    def _problem(self, name: str, chosen: Settings, english: str) -> str:
        """What is wrong with a setting the dialog edits (the others cannot go out of bounds)."""
        if is_english():
            return english
        if name == "data_dir":
            return self.tr("The library folder must be a full path.")
        if name == "export_dir":
            return self.tr("The export folder must be a full path.")
        if name == "base_url":
            return arg(
                self.tr(
                    "“%1” is not a usable API base URL: it must look like %2 (http:// only for "
                    "this computer) without a user name, password, “?” or “#”."
                ),
                chosen.base_url,
                DEFAULT_BASE_URL,
            )
        return english
