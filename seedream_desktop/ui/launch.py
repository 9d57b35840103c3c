"""Starting the window: arguments, QApplication, the qasync loop, first run, clean shutdown."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from seedream_desktop import APP_ID, APP_NAME, __version__


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="seedream-desktop",
        description=f"{APP_NAME}. Subcommands generate, history, resume run without a window.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("--demo", action="store_true", help="run against the built-in emulator")
    parser.add_argument("--data-dir", type=Path, help="library folder (env SEEDREAM_DATA_DIR)")
    parser.add_argument("--base-url", help="API base URL (env SEEDREAM_API_BASE_URL)")
    parser.add_argument(
        "--self-test", action="store_true", help="check this installation, print a report, exit"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    return parser


def run_gui(argv: Sequence[str]) -> int:
    args, qt_args = _parser().parse_known_args(list(argv))
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

    import qasync
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from seedream_desktop.ui.crash_dialog import install_excepthook

    app = QApplication([sys.argv[0], *qt_args])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("Seedream")
    app.setDesktopFileName(APP_ID)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resources.files("seedream_desktop") / "resources" / "icon.svg")))
    # Closing the last window must not stop the loop before we have shut down cleanly.
    app.setQuitOnLastWindowClosed(False)
    install_excepthook()
    from seedream_desktop.ui.app_session import run_session

    try:
        return qasync.run(run_session(app, args))
    except asyncio.CancelledError:
        return 0
