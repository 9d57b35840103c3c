"""First run as a new user meets it: the welcome dialog, a token, the demo, a rejected token.

The whole ``AppSession`` runs on the qasync loop against the emulator served over real sockets;
only its timings are shortened (fast emulator, fast polling) so a job takes a fraction of a second.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from seedream_desktop.core.models import JobState
from seedream_desktop.core.token_check import PROBE_REQUEST_ID, TokenCheck
from seedream_desktop.core.token_store import SESSION_ONLY_MESSAGE, TokenStore, mask_token
from seedream_desktop.emulator.faults import Endpoint, Fault
from seedream_desktop.emulator.journal import Origin
from seedream_desktop.ui.main_window import MainWindow
from seedream_desktop.ui.settings_dialog import SettingsDialog
from seedream_desktop.ui.token_entry import PROFILE_URL, TokenEntry
from seedream_desktop.ui.welcome_dialog import WelcomeDialog
from tests.support.emulator_server import ServedEmulator
from tests.support.fixtures import TEST_TOKEN
from tests.support.keyrings import MemoryKeyring
from tests.support.waiting import until
from tests.window.sessions import (
    generate,
    images_arrive,
    only_job,
    running_session,
    session_args,
    show_button,
    shown,
    verify_says,
)

WRONG_TOKEN = "rc-wrong-Hq4Tn8Vb2Kx6"
PROBE_STATUS_PATH = f"/v1/requests/{PROBE_REQUEST_ID}/status"


@pytest.mark.usefixtures("fast_sessions")
async def test_first_run_without_keyring_works_for_the_session(
    qtbot: QtBot, tmp_path: Path, served_emulator: ServedEmulator
) -> None:
    args = session_args(tmp_path / "data", served_emulator.base_url)
    async with running_session(args) as running:
        welcome = await shown(WelcomeDialog)
        entry = welcome.entry

        links = [label for label in welcome.findChildren(QLabel) if PROFILE_URL in label.text()]
        assert len(links) == 1 and links[0].openExternalLinks()
        assert "profile page" in links[0].text()

        qtbot.keyClicks(entry.field, WRONG_TOKEN)
        assert entry.field.echoMode() is QLineEdit.EchoMode.Password
        assert WRONG_TOKEN not in entry.field.displayText()
        toggle = show_button(entry)
        qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
        assert entry.field.echoMode() is QLineEdit.EchoMode.Normal
        assert entry.field.displayText() == WRONG_TOKEN
        assert entry.show_action.text() == "Hide"
        qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
        assert entry.field.echoMode() is QLineEdit.EchoMode.Password

        assert "rejected" in await verify_says(entry, qtbot, WRONG_TOKEN)
        assert not welcome.continue_button.isEnabled()  # a rejected token is not saved
        assert "accepted" in await verify_says(entry, qtbot, TEST_TOKEN)
        assert welcome.continue_button.isEnabled()
        # Verifying costs nothing: status look-ups of an id nobody created, no submission.
        assert [
            (r.method, r.path, r.status) for r in served_emulator.emulator.requests(Origin.API)
        ] == [("GET", PROBE_STATUS_PATH, 401), ("GET", PROBE_STATUS_PATH, 404)]

        qtbot.mouseClick(welcome.continue_button, Qt.MouseButton.LeftButton)
        window = await shown(MainWindow)
        assert not welcome.isVisible()
        message = window.statusBar().currentMessage()
        assert message == SESSION_ONLY_MESSAGE
        assert message.startswith("No system keyring is available")
        settings_action = next(a for a in window.findChildren(QAction) if a.text() == "&Settings…")
        settings_action.trigger()
        account = await shown(SettingsDialog)
        assert "kept for this session only" in account.token_status.text()
        assert mask_token(TEST_TOKEN) in account.token_status.text()
        account.reject()

        await generate(qtbot, window, "a paper boat on a puddle", 2)
        await images_arrive(window, 2)
        submits = [r for r in served_emulator.emulator.requests(Origin.API) if r.method == "POST"]
        assert [(r.had_auth, r.status) for r in submits] == [(True, 200)]

        assert await running.finish() == 0
        assert not window.isVisible()


async def test_show_toggle_is_visible_in_the_token_field(qtbot: QtBot) -> None:
    async def unused(_token: str) -> TokenCheck:
        raise AssertionError("nothing is verified in this test")

    entry = TokenEntry(unused)
    qtbot.addWidget(entry)
    entry.show()
    await until(entry.isVisible)
    image = show_button(entry).grab().toImage()
    colours = {image.pixel(x, y) for x in range(image.width()) for y in range(image.height())}
    assert len(colours) > 1, "the Show toggle draws nothing a user could see or click on"


@pytest.mark.usefixtures("fast_sessions")
async def test_try_the_demo_from_the_welcome_dialog(
    qtbot: QtBot, tmp_path: Path, served_emulator: ServedEmulator
) -> None:
    args = session_args(tmp_path / "data", served_emulator.base_url)
    async with running_session(args) as running:
        welcome = await shown(WelcomeDialog)
        qtbot.mouseClick(welcome.demo_button, Qt.MouseButton.LeftButton)

        window = await shown(MainWindow)
        assert "DEMO" in window.windowTitle()
        assert window.demo_badge.isVisible()
        await generate(qtbot, window, "a lighthouse in fog", 1)
        await images_arrive(window, 1)
        # The demo's emulator lives in the process: nothing reached the configured API address.
        assert served_emulator.emulator.requests() == []

        assert await running.finish() == 0


@pytest.mark.usefixtures("fast_sessions")
async def test_rejected_token_pauses_the_job_and_a_new_one_resumes_it(
    qtbot: QtBot, tmp_path: Path, served_emulator: ServedEmulator
) -> None:
    tokens = TokenStore(MemoryKeyring(), environ={})
    tokens.save(TEST_TOKEN)
    args = session_args(tmp_path / "data", served_emulator.base_url)
    async with running_session(args, tokens) as running:
        window = await shown(MainWindow)
        assert not any(
            isinstance(w, WelcomeDialog) and w.isVisible() for w in QApplication.topLevelWidgets()
        )

        # The job is accepted (and charged), then RunComfy stops accepting the token.
        served_emulator.emulator.faults.arm(Endpoint.STATUS, Fault.TOKEN_REJECTED)
        await generate(qtbot, window, "three cats on a windowsill", 3)

        dialog = await shown(SettingsDialog)
        job = only_job(window)
        assert job.state is JobState.PAUSED and job.request_id is not None
        assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "Account"
        assert "rejected the token" in dialog.token_message.text()
        assert "Paste a new one" in dialog.token_message.text()
        row = window.jobs_panel.row(job.id)
        assert row is not None and row.state_label.text().startswith("Paused")

        assert "accepted" in await verify_says(dialog.entry, qtbot, TEST_TOKEN)
        qtbot.mouseClick(dialog.save_token, Qt.MouseButton.LeftButton)
        assert "saved" in dialog.token_message.text()
        assert "Resumed 1 paused job" in window.statusBar().currentMessage()
        dialog.accept()

        finished = await images_arrive(window, 3)
        assert (finished.id, finished.request_id) == (job.id, job.request_id)
        submits = [r for r in served_emulator.emulator.requests(Origin.API) if r.method == "POST"]
        assert len(submits) == 1  # resumed, not sent (and paid for) a second time
        assert served_emulator.emulator.faults.pending() == {}

        assert await running.finish() == 0
