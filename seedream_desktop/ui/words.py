"""Values from the layers below, in the window's language: prompt modes, token checks, settings.

``api/`` and ``core/`` stay free of Qt's translation (the command line speaks English): they hand
up what happened as values — a mode, whether a token was accepted, which setting is invalid —
and this is where the window puts them into words. The English each layer keeps for the command
line and the log is the fallback for anything not worded here.
"""

from __future__ import annotations

import errno
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from seedream_desktop.api.params import PromptMode
from seedream_desktop.core.paths import LibraryError
from seedream_desktop.core.placeholders import arg
from seedream_desktop.core.token_store import ENV_VAR, SaveResult, TokenSource
from seedream_desktop.ui.i18n import is_english
from seedream_desktop.ui.job_wording import TranslatedJobWording

if TYPE_CHECKING:  # the check itself loads the API client and httpx: not on the start path
    from seedream_desktop.core.token_check import TokenCheck

log = logging.getLogger(__name__)


class Words:
    """``self.tr`` as lupdate reads it: the context is this class's name."""

    def tr(self, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        return QCoreApplication.translate("Words", source, disambiguation, n)

    def mode(self, mode: PromptMode) -> str:
        return self.tr("Standard") if mode is PromptMode.STANDARD else self.tr("Fast")

    def seed(self, seed: int | None) -> str:
        """ "Seed 123", or that the server drew one: a tile's tooltip, a series' header."""
        return arg(self.tr("Seed %1"), seed) if seed is not None else self.tr("Seed: random")

    def star_count(self, rating: int) -> str:
        """The rating in words ("2 stars"), for the viewer's details and screen readers."""
        return self.tr("%Ln star(s)", "", rating)

    def token_check(self, check: TokenCheck) -> str:
        if check.valid is True:
            return self.tr("Token accepted by RunComfy.")
        if check.valid is False:
            return self.tr("RunComfy rejected this token. Copy it again from your profile.")
        if check.failure is not None:
            problem = TranslatedJobWording().error_text(check.failure.kind, check.failure.detail)
            return arg(self.tr("Could not check the token: %1"), problem)
        return check.message  # worded by the window itself where it could not check

    def problem(self, error: Exception) -> str:
        """A library or start-up failure: the layers' English in an English window, else what
        kind of thing failed and what to check (the details go to the log)."""
        if is_english():
            return str(error)
        log.info("Shown in the window's words: %s", error)
        if isinstance(error, LibraryError):
            if isinstance(error.__cause__, OSError) and error.__cause__.errno == errno.ENOSPC:
                return self.tr("The disk is full: the library cannot be written.")
            return self.tr(
                "The library cannot be used. Check that its folder exists and is writable; the "
                "log has the details."
            )
        return self.tr(
            "The API base URL (--base-url, SEEDREAM_API_BASE_URL or Settings → Advanced) is not "
            "valid."
        )

    def settings_problem(self, error: Exception) -> str:
        """Why settings could not be saved (``SettingsStore.save``: OSError or ValueError)."""
        if is_english():
            return str(error)
        log.info("Shown in the window's words: %s", error)
        if isinstance(error, OSError):
            return self.tr("the settings file cannot be written; the log has the details.")
        return self.tr("a value is not allowed; the log has the details.")

    def token_unusable(self, token: str) -> str:
        """Why ``normalize_token`` refused what was pasted."""
        if not token.strip():
            return self.tr("The API token is empty. Paste the token from your RunComfy account.")
        return self.tr(
            "The API token must not contain spaces, line breaks, control or non-ASCII "
            "characters. Copy it again from your RunComfy account."
        )

    def token_saved(self, result: SaveResult, env_override: bool, keyring: str) -> str:
        if result.source is not TokenSource.KEYRING:
            return self.tr(
                "No system keyring is available, so the token is kept only until you quit."
            )
        text = arg(self.tr("The token is saved in %1."), keyring)
        if env_override:
            text += " " + arg(
                self.tr("%1 is set, so that token is used instead until it is unset."), ENV_VAR
            )
        return text

    def token_not_deleted(self, keyring: str) -> str:
        return arg(
            self.tr(
                "The token is forgotten for this session, but %1 could not be reached to delete "
                "the saved copy. Unlock your keyring and try again."
            ),
            keyring,
        )


words = Words()
