"""``seedream-desktop``: the window by default; ``generate``, ``history``, ``resume``, ``balance``
on the command line."""

from __future__ import annotations

import sys

from seedream_desktop.cli import Command


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in set(Command):
        from seedream_desktop.cli.main import run_cli

        return run_cli(args)
    from seedream_desktop.ui.launch import run_gui

    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
