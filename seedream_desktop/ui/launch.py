"""Starting the window: arguments, QApplication, the qasync loop, first run, clean shutdown."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from seedream_desktop import APP_ID, APP_NAME, ORGANIZATION, __version__
from seedream_desktop.cli import Command, nearest, unknown_option

# Qt's own options (QGuiApplication and QApplication) pass through to the window; Qt also takes
# them with two dashes. Any other argument this parser does not know is an error.
_QT_VALUED = frozenset(
    {
        "-platform",
        "-platformpluginpath",
        "-platformtheme",
        "-plugin",
        "-qwindowgeometry",
        "-qwindowicon",
        "-qwindowtitle",
        "-session",
        "-display",
        "-geometry",
        "-style",
        "-stylesheet",
        "-qmljsdebugger",
        "-dialogs",
        "-fontengine",
    }
)
_QT_FLAGS = frozenset({"-reverse", "-widgetcount", "-nograb", "-dograb"})


def _parser() -> tuple[argparse.ArgumentParser, list[str]]:
    """The window's parser and its option strings (for "did you mean")."""
    parser = argparse.ArgumentParser(
        prog="seedream-desktop",
        description=f"{APP_NAME}. Subcommands generate, history, resume run without a window.",
    )
    actions = [
        parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}"),
        parser.add_argument(
            "--demo", action="store_true", help="run against the built-in emulator"
        ),
        parser.add_argument("--data-dir", type=Path, help="library folder (env SEEDREAM_DATA_DIR)"),
        parser.add_argument("--base-url", help="API base URL (env SEEDREAM_API_BASE_URL)"),
        parser.add_argument(
            "--self-test", action="store_true", help="check this installation, print a report, exit"
        ),
        parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr"),
    ]
    return parser, ["-h", "--help", *(o for action in actions for o in action.option_strings)]


def split_qt_options(argv: Sequence[str]) -> tuple[list[str], list[str]]:
    """(the app's arguments, Qt's), each in the order given."""
    own: list[str] = []
    qt: list[str] = []
    tokens = iter(argv)
    for token in tokens:
        name = token[1:] if token.startswith("--") else token
        if name in _QT_FLAGS:
            qt.append(token)
        elif name in _QT_VALUED:
            qt.append(token)
            value = next(tokens, None)
            if value is not None:
                qt.append(value)
        elif name.partition("=")[0] in _QT_VALUED:
            qt.append(token)
        else:
            own.append(token)
    return own, qt


def parse_command_line(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    """The window's options and Qt's; anything else exits 2 with the usage and a suggestion."""
    parser, options = _parser()
    own, qt_args = split_qt_options(argv)
    args, unknown = parser.parse_known_args(own)
    if unknown:
        parser.error(_unknown_argument(unknown[0], options))
    return args, qt_args


def _unknown_argument(given: str, options: list[str]) -> str:
    if given.startswith("-"):
        return unknown_option(given, options)
    commands = [command.value for command in Command]
    if given in commands:
        return f"the command {given!r} must come first: seedream-desktop {given} …"
    close = nearest(given, commands)
    if close:
        return f"unknown command {given!r} (did you mean {close!r}?)"
    return f"unknown command {given!r} (the commands are {', '.join(commands)})"


def run_gui(argv: Sequence[str]) -> int:
    try:
        args, qt_args = parse_command_line(argv)
    except SystemExit as stop:  # argparse printed the usage (or --help, --version)
        return stop.code if isinstance(stop.code, int) else 2
    from seedream_desktop.core.qt_messages import route_messages_to_logging

    route_messages_to_logging()  # before logging is set up: it writes to the new sys.stderr
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if not args.verbose:
        # httpx logs every request at INFO; the app's own log says what matters.
        logging.getLogger("httpx").setLevel(logging.WARNING)
    if args.self_test:
        from seedream_desktop.selftest import run_self_test

        return run_self_test()

    from seedream_desktop.core.token_store import TokenStore

    tokens = TokenStore()
    if not args.demo:  # the token decides between the welcome dialog and the window
        tokens.look_up_in_background()  # keyring's discovery overlaps loading Qt
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from seedream_desktop.ui.crash_dialog import install_excepthook
    from seedream_desktop.ui.event_loop import ClosingEventLoop
    from seedream_desktop.ui.native_memory import map_big_blocks_separately

    map_big_blocks_separately()

    app = QApplication([sys.argv[0], *qt_args])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    app.setDesktopFileName(APP_ID)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resources.files("seedream_desktop") / "resources" / "icon.svg")))
    # Closing the last window must not stop the loop before we have shut down cleanly.
    app.setQuitOnLastWindowClosed(False)
    install_excepthook()
    from seedream_desktop.ui.app_session import run_session

    try:
        # qasync.run's loop, but one that takes its Qt timers with it when it closes.
        with asyncio.Runner(loop_factory=lambda: ClosingEventLoop(app)) as runner:
            return runner.run(run_session(app, args, tokens))
    except asyncio.CancelledError:
        return 0
