"""One run of the window on the qasync loop: first run, the engine, the window, clean exit.

The start path does what the window's first frame needs (settings, the library, the window);
the runner, the network, resuming jobs and the dialogs' modules come after that frame.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from seedream_desktop.core.engine import Engine, LibraryBusyError
from seedream_desktop.core.library import LibraryError
from seedream_desktop.core.placeholders import arg
from seedream_desktop.core.settings import Settings, SettingsStore
from seedream_desktop.core.token_store import TokenStore
from seedream_desktop.ui.async_dialogs import run_dialog
from seedream_desktop.ui.crash_dialog import show_unexpected_error
from seedream_desktop.ui.first_paint import first_painted
from seedream_desktop.ui.i18n import install_language
from seedream_desktop.ui.main_window import MainWindow
from seedream_desktop.ui.tasks import TaskSet
from seedream_desktop.ui.theme import apply_theme
from seedream_desktop.ui.words import words
from seedream_desktop.wiring import EngineConfig, open_engine, token_check_client

if TYPE_CHECKING:
    from seedream_desktop.core.token_check import TokenCheck

log = logging.getLogger(__name__)

# A window that is never painted (started minimised, on a hidden workspace) still gets its
# jobs resumed after this long.
FIRST_PAINT_WAIT_S = 1.0


class AppSession:
    """Holds what lives as long as the window: settings, token store, engine."""

    def __init__(
        self, app: QApplication, args: argparse.Namespace, tokens: TokenStore | None = None
    ) -> None:
        self.app = app
        self.args = args
        self.settings_store = SettingsStore()
        self.settings: Settings = self.settings_store.load()
        install_language(app, self.settings.language)
        self.tokens = tokens if tokens is not None else TokenStore()
        self.engine: Engine | None = None
        self.window: MainWindow | None = None
        self._tasks = TaskSet()

    def _engine_config(self, *, demo: bool) -> EngineConfig:
        return EngineConfig.from_settings(
            self.settings, demo=demo, data_dir=self.args.data_dir, base_url=self.args.base_url
        )

    async def verify(self, token: str) -> TokenCheck:
        # Imported here: it loads the API client and httpx, which the first paint does without.
        from seedream_desktop.core.token_check import TokenCheck, check_token

        if self.engine is not None and self.engine.demo:
            return TokenCheck(
                None,
                QCoreApplication.translate(
                    "AppSession", "Demo mode: the token is checked when you leave the demo."
                ),
            )
        try:
            client = token_check_client(self._engine_config(demo=False), token)
        except ValueError as exc:  # the base URL: the dialog's check said why when it was set
            log.warning("Cannot check the token: %s", exc)
            return TokenCheck(
                None,
                QCoreApplication.translate(
                    "AppSession",
                    "Could not check the token: the API base URL in Settings → Advanced is not "
                    "valid.",
                ),
            )
        async with client:
            return await check_token(client)

    async def run(self) -> int:
        asyncio.get_running_loop().set_exception_handler(_report_loop_error)
        apply_theme(self.app, self.settings.theme)
        demo = bool(self.args.demo)
        first_message = ""
        if not demo and self.tokens.get() is None:
            # Imported here, like SettingsDialog: their token entry loads httpx (~100 ms).
            from seedream_desktop.ui.welcome_dialog import WelcomeChoice, WelcomeDialog

            welcome = WelcomeDialog(self.verify)
            await run_dialog(welcome)
            if welcome.choice is WelcomeChoice.QUIT:
                return 0
            if welcome.choice is WelcomeChoice.DEMO:
                demo = True
            else:
                try:
                    saved = self.tokens.save(welcome.entry.token())
                    first_message = words.token_saved(
                        saved, self.tokens.env_override, self.tokens.backend_name
                    )
                except ValueError:
                    first_message = words.token_unusable(welcome.entry.token())
        try:
            self.engine = open_engine(self._engine_config(demo=demo), self.tokens.get)
        except (LibraryError, ValueError) as exc:
            box = QMessageBox(
                QMessageBox.Icon.Critical,
                QCoreApplication.translate("AppSession", "Cannot Start"),
                words.problem(exc),
            )
            await run_dialog(box)
            return 1
        self.window = MainWindow(self.engine, self.settings_store, self.settings, watch_jobs=False)
        spawn = self._tasks.spawn
        self.window.settingsRequested.connect(lambda: spawn(self.open_settings()))
        self.window.tokenRejected.connect(lambda: spawn(self.open_settings(account=True)))
        closed: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.app.lastWindowClosed.connect(lambda: closed.done() or closed.set_result(None))
        if first_message:
            self.window.show_message(first_message)
        painted = first_painted(self.window)
        self.window.show()
        self._close_on_signals()
        log.info("Main window shown%s", " (demo)" if self.engine.demo else "")
        await asyncio.wait({painted, closed}, timeout=FIRST_PAINT_WAIT_S)
        if not closed.done():
            self._start_jobs()
        await closed
        await self.shutdown()
        return 0

    def _start_jobs(self) -> None:
        """Follow the runner in the window and resume what the last run left unfinished."""
        assert self.window is not None and self.engine is not None
        self.window.watch_jobs()
        try:
            resumed = self.engine.resume_unfinished()
        except LibraryBusyError as exc:  # the window says so, with the jobs left alone
            log.info("%s", exc)
            resumed = []
        if resumed or self.engine.runner.left_alone:
            self.window.show_resumed(len(resumed), self.engine.runner.left_alone)

    def _close_on_signals(self) -> None:
        """SIGTERM/SIGINT (logout, Ctrl+C in a terminal) close the window like the user would,
        without the "jobs still running" question: unfinished jobs resume on the next start."""
        if sys.platform == "win32":
            return
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(sig, self._close_now)

    def _close_now(self) -> None:
        if self.window is not None:
            self.window.close_without_asking()

    async def open_settings(self, *, account: bool = False) -> None:
        window = self.window
        assert window is not None
        from seedream_desktop.ui.settings_dialog import SettingsDialog, SettingsPage  # see run()

        # The window's settings, not this session's copy: it remembers more as it runs (the
        # last export folder, the controls), and that must show here and survive OK.
        dialog = SettingsDialog(window.settings, self.tokens, self.verify, window)
        dialog.tokenChanged.connect(window.token_replaced)
        if account:
            dialog.show_page(SettingsPage.ACCOUNT)
            dialog.token_message.setText(
                QCoreApplication.translate(
                    "AppSession",
                    "RunComfy rejected the token. Paste a new one: paused jobs continue with it.",
                )
            )
        try:
            accepted = await run_dialog(dialog)
            chosen = dialog.chosen()
        finally:
            dialog.deleteLater()  # closed = freed, however the wait ended
        if account:
            # Asked once per rejection: a later rejection (say, after Cancel) asks again.
            window.token_prompt_closed()
        if accepted:
            new = replace(window.settings, **chosen)
            try:
                self.settings_store.save(new)
            except (OSError, ValueError) as exc:
                window.show_message(
                    arg(
                        QCoreApplication.translate("AppSession", "Settings not saved: %1"),
                        words.settings_problem(exc),
                    )
                )
                return
            self.settings = new
            apply_theme(self.app, new.theme)
            window.apply_settings(new)

    async def shutdown(self) -> None:
        """Stop every task the session and the window started, then the engine they use."""
        await self._tasks.cancel_and_wait()
        if self.window is not None:
            await self.window.tasks.cancel_and_wait()
        if self.engine is not None:
            await self.engine.aclose()


def _report_loop_error(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    """A task failed and nobody awaited it: a bug, so log it and show the short dialog."""
    exc = context.get("exception")
    if isinstance(exc, BaseException):
        show_unexpected_error(type(exc), exc, exc.__traceback__)
    else:
        loop.default_exception_handler(context)


async def run_session(app: QApplication, args: argparse.Namespace, tokens: TokenStore) -> int:
    return await AppSession(app, args, tokens).run()
