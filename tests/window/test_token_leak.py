"""The API token leaves no trace: not in a file, a log line, stderr or the server's journal.

One session goes through everything that handles a token: Verify in the welcome dialog (rejected),
saving it to the keyring, a job the server refuses for it, Verify in Settings, a replacement token
and a complete job (submit, poll, result, downloads) with it. Then every file the app may write and
every captured log line is searched for both tokens, as UTF-8 and as UTF-16.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.logging import _QtMessageCapture
from pytestqt.qtbot import QtBot

from seedream_desktop.core.models import JobState
from seedream_desktop.core.settings import SettingsStore
from seedream_desktop.core.token_store import TokenSource, TokenStore
from seedream_desktop.emulator.journal import Origin
from seedream_desktop.ui.main_window import MainWindow
from seedream_desktop.ui.settings_dialog import SettingsDialog
from seedream_desktop.ui.welcome_dialog import WelcomeDialog
from tests.support.emulator_server import ServedEmulator
from tests.support.fixtures import TEST_TOKEN
from tests.support.keyrings import MemoryKeyring
from tests.window.sessions import (
    generate,
    images_arrive,
    only_job,
    running_session,
    session_args,
    shown,
    use_test_timings,
    verify_says,
)

LEAK_TOKEN = "rc-LEAKCHECK-7f3a9Qz2"
ENCODINGS = ("utf-8", "utf-16-le")


def capture_every_logger(caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    """DEBUG for the root and every logger that set its own level; none may bypass the root."""
    caplog.set_level(logging.DEBUG)
    for name, logger in list(logging.root.manager.loggerDict.items()):
        if not isinstance(logger, logging.Logger):
            continue
        if logger.level != logging.NOTSET:
            caplog.set_level(logging.DEBUG, logger=name)
        if not logger.propagate:
            monkeypatch.setattr(logger, "propagate", True)


def files_under(roots: Iterable[Path]) -> list[Path]:
    return [path for root in roots for path in root.rglob("*") if path.is_file()]


def files_with(token: str, files: Iterable[Path]) -> list[Path]:
    needles = [token.encode(encoding) for encoding in ENCODINGS]
    return [path for path in files if any(n in path.read_bytes() for n in needles)]


def texts_with(token: str, texts: Iterable[str]) -> list[str]:
    return [text for text in texts if token in text]


async def test_tokens_never_reach_files_logs_or_the_server_journal(
    qtbot: QtBot,
    tmp_path: Path,
    served_emulator: ServedEmulator,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    qtlog: _QtMessageCapture,
) -> None:
    capture_every_logger(caplog, monkeypatch)
    use_test_timings(monkeypatch)  # settings go where the app puts them: XDG_CONFIG_HOME
    data_dir = tmp_path / "data"
    tokens = TokenStore(MemoryKeyring(), environ={})

    async with running_session(session_args(data_dir, served_emulator.base_url), tokens) as run:
        welcome = await shown(WelcomeDialog)
        assert "rejected" in await verify_says(welcome.entry, qtbot, LEAK_TOKEN)
        # Pasting it again is the user insisting: the rejected token is saved and then used.
        welcome.entry.field.selectAll()
        qtbot.keyClicks(welcome.entry.field, LEAK_TOKEN)
        qtbot.mouseClick(welcome.continue_button, Qt.MouseButton.LeftButton)
        window = await shown(MainWindow)
        assert tokens.source is TokenSource.KEYRING

        job_records: list[str] = []  # every state the job went through, its pause included
        window.engine.runner.subscribe(lambda event: job_records.append(repr(event.job)))
        await generate(qtbot, window, "a red kite over the dunes", 2)
        dialog = await shown(SettingsDialog)
        assert only_job(window).state is JobState.PAUSED
        assert "rejected" in await verify_says(dialog.entry, qtbot, LEAK_TOKEN)
        assert "accepted" in await verify_says(dialog.entry, qtbot, TEST_TOKEN)
        qtbot.mouseClick(dialog.save_token, Qt.MouseButton.LeftButton)
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)  # settings are written on OK
        await images_arrive(window, 2)
        assert await run.finish() == 0

    emulator = served_emulator.emulator
    api_calls = emulator.requests(Origin.API)
    # The tokens did travel, in headers, to the API only; both were refused or used at least once.
    assert {r.status for r in api_calls if r.method == "POST"} == {401, 200}
    assert all(r.had_auth for r in api_calls) and emulator.auth_violations() == []

    settings_file = Path(SettingsStore().location)
    config_home = Path(os.environ["XDG_CONFIG_HOME"])
    searched = files_under([data_dir, config_home])
    assert settings_file in searched
    assert any(path.suffix == ".png" for path in searched)  # the job's files are really there
    captured = capfd.readouterr()
    assert any(r.name.startswith("httpx") for r in caplog.records)  # the network layer is heard
    texts = [
        caplog.text,
        *(record.getMessage() for record in caplog.records),
        captured.out,
        captured.err,
        *(record.message for record in qtlog.records),
        *(repr(record.to_json()) for record in emulator.requests()),
        *(repr(snapshot) for snapshot in emulator.jobs()),
        repr(tokens),
        *job_records,
    ]
    for token in (LEAK_TOKEN, TEST_TOKEN):
        assert files_with(token, searched) == []
        assert texts_with(token, texts) == []

    # The search itself works: a token planted in the searched folder, as either encoding, is found.
    for encoding in ENCODINGS:
        planted = data_dir / f"planted-{encoding}.txt"
        planted.write_bytes(f"token={LEAK_TOKEN}\n".encode(encoding))
        assert files_with(LEAK_TOKEN, files_under([data_dir, config_home])) == [planted]
        planted.unlink()
    assert texts_with(LEAK_TOKEN, [*texts, f"Bearer {LEAK_TOKEN}"]) == [f"Bearer {LEAK_TOKEN}"]
