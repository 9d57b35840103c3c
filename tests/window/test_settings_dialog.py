"""The settings dialog as a user drives it: refused input in words, saved values that come back,
and an Account page that never shows the token in full."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from keyring.errors import KeyringLocked
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from seedream_desktop.core.pricing import PriceSource
from seedream_desktop.core.settings import Language, Settings, SettingsStore, Theme, spec
from seedream_desktop.core.token_check import TokenCheck
from seedream_desktop.core.token_store import ENV_VAR, TokenStore, mask_token
from seedream_desktop.ui import app_session
from seedream_desktop.ui.main_window import MainWindow
from seedream_desktop.ui.settings_dialog import SettingsDialog, SettingsPage
from tests.support.keyrings import MemoryKeyring
from tests.support.language import language
from tests.support.waiting import until
from tests.window.sessions import running_session, session_args, shown, use_test_timings

SAVED_TOKEN = "rc-live-Sd4Fg7Hj1Kl3Mn9Pq2"
ENV_TOKEN = "rc-env-Xc5Vb8Nm2Qw4Er6Ty1"


async def unused_verify(_token: str) -> TokenCheck:
    raise AssertionError("nothing is verified in this test")


def ok_button(dialog: SettingsDialog) -> QAbstractButton:
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    return buttons.button(QDialogButtonBox.StandardButton.Ok)


def retype(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    """Select what the field holds and type over it (or delete it)."""
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(edit, text)


def open_dialog(
    qtbot: QtBot, tokens: TokenStore, settings: Settings | None = None
) -> SettingsDialog:
    dialog = SettingsDialog(settings or Settings(), tokens, unused_verify)
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def everything_shown(dialog: QWidget) -> list[str]:
    """Every text the dialog can put in front of a user, on any tab, read or heard."""
    texts = [dialog.windowTitle()]
    for widget in dialog.findChildren(QWidget):
        texts += [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts += [widget.text(), widget.displayText(), widget.placeholderText()]
    return texts


@pytest.fixture
def restore_color_scheme() -> Iterator[None]:
    """A theme chosen in a test must not colour the tests after it (where the platform has
    themes; the offscreen one ignores them, so the scheme itself cannot be checked here)."""
    yield
    QGuiApplication.styleHints().setColorScheme(Qt.ColorScheme.Unknown)


def test_the_dialog_offers_exactly_the_declared_range(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot, TokenStore(MemoryKeyring(), environ={}))
    assert (dialog.jobs.minimum(), dialog.jobs.maximum()) == spec("jobs_at_once").bounds
    assert (dialog.price.minimum(), dialog.price.maximum()) == spec("price_per_image").bounds
    dialog.show_page(SettingsPage.ACCOUNT)
    assert dialog.current_page() is SettingsPage.ACCOUNT
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "Account"


def test_a_plain_http_address_is_refused_in_words(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot, TokenStore(MemoryKeyring(), environ={}))
    dialog.show_page(SettingsPage.ADVANCED)
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "Advanced"
    retype(qtbot, dialog.base_url, "http://example.com")
    dialog.show_page(SettingsPage.LIBRARY)
    retype(qtbot, dialog.data_dir, "pictures/seedream")

    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)

    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    shown_problems = dialog.problems.text()
    assert dialog.problems.isVisible()
    assert "must start with https://" in shown_problems
    assert "plain http is allowed only for this computer" in shown_problems
    assert "Library folder must be a full path" in shown_problems

    retype(qtbot, dialog.data_dir, "")
    dialog.show_page(SettingsPage.ADVANCED)
    retype(qtbot, dialog.base_url, "https://model-api.runcomfy.net")
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()


@pytest.mark.usefixtures("restore_color_scheme")
async def test_changes_are_saved_and_come_back(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ini = str(tmp_path / "settings.ini")

    def reloaded() -> Settings:
        """What the next start of the app reads."""
        return SettingsStore(QSettings(ini, QSettings.Format.IniFormat)).load()

    use_test_timings(monkeypatch)
    monkeypatch.setattr(
        app_session,
        "SettingsStore",
        lambda: SettingsStore(QSettings(ini, QSettings.Format.IniFormat)),
    )
    library, export = tmp_path / "library", tmp_path / "exports"
    async with running_session(session_args(tmp_path / "data", demo=True)) as running:
        window = await shown(MainWindow)
        settings_action = next(a for a in window.findChildren(QAction) if a.text() == "&Settings…")
        settings_action.trigger()
        dialog = await shown(SettingsDialog)
        dialog.price.setValue(0.045)
        dialog.jobs.setValue(5)
        dialog.theme.setCurrentIndex(dialog.theme.findData(Theme.DARK))
        retype(qtbot, dialog.data_dir, str(library))
        retype(qtbot, dialog.export_dir, str(export))
        retype(qtbot, dialog.base_url, "http://127.0.0.1:8765")
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)

        await until(lambda: reloaded().jobs_at_once == 5, within=5.0)
        saved = reloaded()
        assert saved.price_per_image == pytest.approx(0.045)
        assert (saved.theme, saved.data_dir, saved.export_dir) == (Theme.DARK, library, export)
        assert saved.base_url == "http://127.0.0.1:8765"
        # The price list beats the setting, which is the fallback when the list says nothing
        # (tests/window/test_money.py shows it applied at once then).
        await until(lambda: window.generate_panel.quote.source is PriceSource.CATALOG)
        assert window.generate_panel.quote.per_image == Decimal("0.03")
        assert "RunComfy's price list" in window.generate_panel.cost.text()

        settings_action.trigger()
        again = await shown(SettingsDialog)
        assert again is not dialog
        assert again.jobs.value() == 5 and again.price.value() == pytest.approx(0.045)
        assert again.theme.currentData() is Theme.DARK
        assert (again.data_dir.text(), again.export_dir.text()) == (str(library), str(export))
        assert again.base_url.text() == "http://127.0.0.1:8765"
        again.reject()
        assert await running.finish() == 0


def test_account_page_shows_a_saved_token_masked(qtbot: QtBot) -> None:
    keyring = MemoryKeyring()
    tokens = TokenStore(keyring, environ={})
    tokens.save(SAVED_TOKEN)
    dialog = open_dialog(qtbot, tokens)
    dialog.show_page(SettingsPage.ACCOUNT)

    status = dialog.token_status.text()
    assert mask_token(SAVED_TOKEN) in status and SAVED_TOKEN[-4:] in status
    assert "saved in the system keyring" in status
    assert dialog.remove_token.isEnabled()
    assert not any(SAVED_TOKEN in text for text in everything_shown(dialog))

    replacement = "rc-live-Zx1Cv2Bn3Mm4Lk5Jh6"
    qtbot.keyClicks(dialog.entry.field, replacement)
    qtbot.mouseClick(dialog.save_token, Qt.MouseButton.LeftButton)
    assert mask_token(replacement) in dialog.token_status.text()
    assert dialog.entry.field.text() == ""  # the pasted token does not linger in the field
    assert not any(
        secret in text for text in everything_shown(dialog) for secret in (SAVED_TOKEN, replacement)
    )

    qtbot.mouseClick(dialog.remove_token, Qt.MouseButton.LeftButton)
    assert "removed" in dialog.token_message.text()
    assert "no token set" in dialog.token_status.text()
    assert not dialog.remove_token.isEnabled()
    assert keyring.entries == {}


def test_a_token_from_the_environment_is_named_and_cannot_be_removed(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VAR, ENV_TOKEN)
    tokens = TokenStore(MemoryKeyring())  # reads the process environment, as the app does
    dialog = open_dialog(qtbot, tokens)
    dialog.show_page(SettingsPage.ACCOUNT)

    status = dialog.token_status.text()
    assert mask_token(ENV_TOKEN) in status
    assert f"from the environment variable {ENV_VAR}" in status
    assert not dialog.remove_token.isEnabled()
    assert not any(ENV_TOKEN in text for text in everything_shown(dialog))

    qtbot.keyClicks(dialog.entry.field, SAVED_TOKEN)
    qtbot.mouseClick(dialog.save_token, Qt.MouseButton.LeftButton)
    # Saved for later, but the user learns the environment's token still wins.
    assert f"{ENV_VAR} is set, so that token is used instead" in dialog.token_message.text()
    assert "environment variable" in dialog.token_status.text()
    assert not dialog.remove_token.isEnabled()
    assert not any(
        secret in text for text in everything_shown(dialog) for secret in (ENV_TOKEN, SAVED_TOKEN)
    )


async def test_settings_open_with_what_the_window_remembered_and_keep_it_on_ok(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings_store: SettingsStore
) -> None:
    use_test_timings(monkeypatch)
    monkeypatch.setattr(app_session, "SettingsStore", lambda: settings_store)
    args = session_args(tmp_path / "data", demo=True)
    async with running_session(args) as running:
        window = await shown(MainWindow)
        chosen = tmp_path / "chosen-exports"
        window.settings = replace(window.settings, export_dir=chosen)  # remembered by an export
        window.settingsRequested.emit()
        dialog = await shown(SettingsDialog)
        assert dialog.export_dir.text() == str(chosen)
        dialog.price.setValue(0.05)
        dialog.accept()
        await until(lambda: window.settings.price_per_image == 0.05)
        assert window.settings.export_dir == chosen
        assert settings_store.load().export_dir == chosen
        assert await running.finish() == 0


class _LockedOnDelete(MemoryKeyring):
    """Stores and reads, but is locked by the time the user removes the token."""

    def delete_password(self, service: str, username: str) -> None:
        raise KeyringLocked("Failed to unlock the collection!")


def test_a_keyring_that_cannot_delete_says_so_in_german(qtbot: QtBot, qapp: QApplication) -> None:
    tokens = TokenStore(_LockedOnDelete(), environ={})
    tokens.save(SAVED_TOKEN)
    with language(qapp, Language.GERMAN):
        dialog = open_dialog(qtbot, tokens)
        dialog.show_page(SettingsPage.ACCOUNT)
        qtbot.mouseClick(dialog.remove_token, Qt.MouseButton.LeftButton)
        message = dialog.token_message.text()
    assert message.startswith("Der Token ist für diese Sitzung vergessen")
    assert "Schlüsselbund" in message
    assert tokens.get() is None
