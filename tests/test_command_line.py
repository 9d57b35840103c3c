"""``seedream-desktop`` says what it does not know instead of opening the window anyway."""

from __future__ import annotations

import subprocess
import sys

import pytest

from seedream_desktop.__main__ import main
from seedream_desktop.ui.launch import parse_command_line


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["genrate", "a fox"], "unknown command 'genrate' (did you mean 'generate'?)"),
        (["histroy"], "unknown command 'histroy' (did you mean 'history'?)"),
        (
            ["paint"],
            "unknown command 'paint' (the commands are generate, history, resume, balance, "
            "contact-sheet)",
        ),
        (["--bogus"], "unknown option '--bogus'\n"),  # nothing near enough to suggest
        (["--self-tset"], "unknown option '--self-tset' (did you mean '--self-test'?)"),
        (["--demo", "generate", "a fox"], "the command 'generate' must come first"),
    ],
)
def test_an_unknown_command_or_option_is_an_error_with_the_usage(
    argv: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: seedream-desktop")
    assert says in err


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["generate", "a fox", "--cuont", "2"], "unknown option '--cuont' (did you mean '--count'"),
        (["history", "--jsno"], "unknown option '--jsno' (did you mean '--json'?)"),
        (["resume", "--dmeo"], "unknown option '--dmeo' (did you mean '--demo'?)"),
        (["generate", "a fox", "and a hen"], "unexpected argument 'and a hen'"),
    ],
)
def test_an_unknown_option_of_a_command_is_an_error(
    argv: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"usage: seedream-desktop {argv[0]}")
    assert says in err


def test_qt_options_reach_the_window_and_the_apps_own_are_read() -> None:
    qt = ["-platform", "offscreen", "-style", "fusion", "-reverse", "-qwindowgeometry", "8x6+0+0"]
    qt += ["-stylesheet=look.qss", "--display", ":1"]
    args, qt_args = parse_command_line([*qt[:2], "--demo", *qt[2:], "-v"])
    assert args.demo and args.verbose
    assert qt_args == qt


def test_a_typo_never_opens_a_window() -> None:
    """The installed entry point, end to end: it answers at once and exits 2 (no display here,
    so a window that started anyway would abort the process instead)."""
    done = subprocess.run(
        [sys.executable, "-m", "seedream_desktop", "genrate", "a fox"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"QT_QPA_PLATFORM": "xcb", "PATH": ""},
    )
    assert done.returncode == 2
    assert "did you mean 'generate'?" in done.stderr
