"""``seedream-desktop generate | history | resume | balance | contact-sheet`` — without a window.

Progress goes to stderr, saved file paths (one per line) to stdout, so the output can be piped.
Jobs land in the same library as the window's, and show in its history.

Arguments are parsed before anything heavy is imported: ``history`` reads SQLite and nothing
else (``cli.history``); ``contact-sheet`` opens the library and paints with QtGui
(``cli.sheet``); only ``generate``, ``resume`` and ``balance`` load the engine (``cli.jobs``;
the balance and the estimate's check in ``cli.money``).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from seedream_desktop.api.params import COUNT_MAX, COUNT_MIN, AspectRatio
from seedream_desktop.cli import Command, unknown_option
from seedream_desktop.cli.output import ExitCode, say


def _parser() -> tuple[
    argparse.ArgumentParser, dict[str, tuple[argparse.ArgumentParser, list[str]]]
]:
    """The parser, and per command its own parser and option strings (for "did you mean")."""
    parser = argparse.ArgumentParser(prog="seedream-desktop", description=__doc__)
    common = argparse.ArgumentParser(add_help=False)
    shared = [
        common.add_argument("--data-dir", type=Path, help="library folder (env SEEDREAM_DATA_DIR)"),
        common.add_argument("--base-url", help="API base URL (env SEEDREAM_API_BASE_URL)"),
        common.add_argument(
            "--balance-url", help="balance base URL (env SEEDREAM_BALANCE_BASE_URL)"
        ),
        common.add_argument("--demo", action="store_true", help="use the built-in API emulator"),
        common.add_argument("-v", "--verbose", action="store_true", help="log details to stderr"),
    ]
    sub = parser.add_subparsers(dest="command", required=True)

    gen = sub.add_parser(Command.GENERATE, parents=[common], help="generate an image series")
    gen.add_argument("prompt", help="what to generate; the image count is stated for you")
    generate_options = [
        gen.add_argument(
            "--count", type=int, default=3, help=f"{COUNT_MIN}–{COUNT_MAX} (default 3)"
        ),
        gen.add_argument(
            "--aspect",
            default="16:9",
            help="one of " + ", ".join(r.label for r in AspectRatio) + " (default 16:9)",
        ),
        gen.add_argument("--mode", default="fast", help="fast or standard (default fast)"),
        gen.add_argument("--seed", type=int, help="fixed seed (default: a random one, recorded)"),
        gen.add_argument("--out", type=Path, help="also copy the images into this folder"),
        gen.add_argument(
            "--yes", action="store_true", help="send even when the estimate exceeds the balance"
        ),
    ]

    hist = sub.add_parser(Command.HISTORY, parents=[common], help="list jobs, newest first")
    history_options = [
        hist.add_argument("--json", action="store_true", help="machine-readable output"),
        hist.add_argument("--limit", type=int, default=50),
    ]

    resume = sub.add_parser(
        Command.RESUME, parents=[common], help="finish jobs a previous run left unfinished"
    )
    balance = sub.add_parser(
        Command.BALANCE, parents=[common], help="print the RunComfy account balance"
    )

    sheet = sub.add_parser(
        Command.CONTACT_SHEET,
        parents=[common],
        help="lay out a series or the picked images as a PDF or PNG contact sheet",
    )
    which = sheet.add_mutually_exclusive_group(required=True)
    sheet_options = [
        which.add_argument("--job", type=int, help="the series of this job (see `history`)"),
        which.add_argument("--picked", action="store_true", help="every picked image"),
        sheet.add_argument(
            "--out", type=Path, required=True, help="FILE.pdf or FILE.png (never overwritten)"
        ),
    ]

    def strings(*groups: list[argparse.Action]) -> list[str]:
        return ["-h", "--help", *(o for group in groups for a in group for o in a.option_strings)]

    commands = {
        Command.GENERATE: (gen, strings(shared, generate_options)),
        Command.HISTORY: (hist, strings(shared, history_options)),
        Command.RESUME: (resume, strings(shared)),
        Command.BALANCE: (balance, strings(shared)),
        Command.CONTACT_SHEET: (sheet, strings(shared, sheet_options)),
    }
    return parser, commands


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    """The arguments, or ``SystemExit`` after the usage (with a "did you mean")."""
    parser, commands = _parser()
    args, unknown = parser.parse_known_args(list(argv))
    if unknown:
        command, options = commands[args.command]
        command.error(
            unknown_option(unknown[0], options)
            if unknown[0].startswith("-")
            else f"unexpected argument {unknown[0]!r}"
        )
    return args


def run_cli(argv: Sequence[str]) -> int:
    try:
        args = _parse(argv)
    except SystemExit as stop:  # argparse already printed the usage problem
        return ExitCode.OK if stop.code == 0 else ExitCode.BAD_INPUT
    if os.name == "nt":  # Windows consoles default to a legacy code page: prompts hold any text
        sys.stderr.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
        sys.stdout.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
    if args.command != Command.HISTORY:  # history decodes no image and needs no QtCore
        from seedream_desktop.core.qt_messages import route_messages_to_logging

        route_messages_to_logging()  # before logging is set up: it writes to the new sys.stderr
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # Each command imports only what it uses: `history` does without the engine, httpx, keyring.
    if args.command == Command.HISTORY:
        from seedream_desktop.cli.history import show_history

        return show_history(args.data_dir, demo=args.demo, as_json=args.json, limit=args.limit)
    if args.command == Command.CONTACT_SHEET:
        from seedream_desktop.cli.sheet import contact_sheet

        return contact_sheet(args.data_dir, demo=args.demo, job_id=args.job, out=args.out)
    from seedream_desktop.cli.jobs import run_job_command

    try:
        return run_job_command(args)
    except KeyboardInterrupt:
        say("Interrupted. Nothing is lost: `seedream-desktop resume` finishes the job.")
        return ExitCode.INTERRUPTED
