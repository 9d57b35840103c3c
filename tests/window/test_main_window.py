"""The real main window driven like a designer would, against the in-process emulator."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtGui import QAction, QContextMenuEvent, QGuiApplication, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from seedream_desktop.api.params import AspectRatio
from seedream_desktop.core.export.metadata import read_metadata
from seedream_desktop.core.export.options import ExportFormat
from seedream_desktop.core.models import JobState
from seedream_desktop.emulator import Emulator, EmulatorConfig
from seedream_desktop.emulator.faults import Endpoint, Fault
from seedream_desktop.ui import image_copier
from seedream_desktop.ui.export_dialog import ExportDialog
from seedream_desktop.ui.grid.model import ImageRole, ThumbStateRole
from seedream_desktop.ui.main_window import MainWindow
from seedream_desktop.ui.thumbnail_loader import ThumbState, read_image
from seedream_desktop.ui.viewer import ImageViewer
from tests.support.waiting import until
from tests.window.sessions import FAST_EMULATOR, shown


def thumbs_ready(window: MainWindow, count: int) -> bool:
    """The grid holds ``count`` images and shows every one's thumbnail (headers aside)."""
    model = window.grid_model
    if model.image_count() != count:
        return False
    rows = [r for r in range(model.rowCount()) if not model.is_header(r)]
    return all(model.index(r).data(ThumbStateRole) is ThumbState.READY for r in rows)


async def images_made(window: MainWindow, qtbot: QtBot, prompt: str, count: int) -> None:
    """Generate ``count`` images from the panel and wait until their thumbnails show."""
    qtbot.keyClicks(window.generate_panel.prompt, prompt)
    window.generate_panel.count.setValue(count)
    window.generate_panel.generate.click()
    await until(lambda: thumbs_ready(window, count))


async def test_generate_series_then_browse_in_the_viewer(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    panel = window.generate_panel
    qtbot.keyClicks(panel.prompt, "a lighthouse at dusk, watercolour")
    panel.aspect.setCurrentIndex(panel.aspect.findData(AspectRatio.TALL_9_16))
    panel.count.setValue(4)
    assert "Generate 4 images of a lighthouse at dusk" in panel.sent_text.text()

    qtbot.keyClick(panel.prompt, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    await until(lambda: thumbs_ready(window, 4))
    job_id = window.jobs_panel.job_ids()[0]
    row = window.jobs_panel.row(job_id)
    assert row is not None
    # The job is marked done once all its downloads have ended, a moment after the last image
    # (and the runner's thumbnail of it) reached the grid.
    await until(lambda: "Done" in row.state_label.text())
    for r in range(4):
        image = window.grid_model.index(r).data(ImageRole)
        assert (image.width, image.height) == (1440, 2560)
        pixmap = window.grid_model.index(r).data(Qt.ItemDataRole.DecorationRole)
        assert pixmap.height() > pixmap.width()  # a tall thumbnail for 9:16

    window.grid.setFocus()
    window.grid.setCurrentIndex(window.grid_model.index(0))
    qtbot.keyClick(window.grid, Qt.Key.Key_Return)
    viewer = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ImageViewer))
    assert "1 of 4" in viewer.windowTitle()
    await until(viewer.isActiveWindow)
    qtbot.keyClick(viewer, Qt.Key.Key_Right)
    assert "2 of 4" in viewer.windowTitle()
    qtbot.keyClick(viewer, Qt.Key.Key_Escape)
    await until(lambda: not viewer.isVisible())


async def test_cancel_a_queued_job(qtbot: QtBot, make_window: Callable[..., MainWindow]) -> None:
    slow = EmulatorConfig(queue_seconds=0.1, run_seconds=30.0, per_image_seconds=0.0, workers=1)
    window = make_window(Emulator(slow))
    panel = window.generate_panel
    qtbot.keyClicks(panel.prompt, "first job keeps the only worker busy")
    panel.count.setValue(1)
    panel.generate.click()
    panel.generate.click()
    runner = window.engine.runner
    library = window.engine.library

    def states() -> list[JobState]:
        return [library.get_job(j).state for j in window.jobs_panel.job_ids()]  # type: ignore[union-attr]

    await until(lambda: sorted(s.value for s in states()) == ["queued", "running"])
    queued_id = next(
        j for j in window.jobs_panel.job_ids() if library.get_job(j).state is JobState.QUEUED
    )  # type: ignore[union-attr]
    row = window.jobs_panel.row(queued_id)
    assert row is not None and row.cancel_button.isVisible()
    row.cancel_button.click()
    await until(lambda: library.get_job(queued_id).state is JobState.CANCELLED)  # type: ignore[union-attr]
    await until(lambda: "Cancelled" in row.state_label.text())
    assert "cancelled" in window.statusBar().currentMessage().lower()
    assert runner.active_job_ids  # the running one goes on


async def test_an_injected_fault_reads_as_words(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    emulator = Emulator(FAST_EMULATOR)
    window = make_window(emulator)
    emulator.faults.arm(Endpoint.SUBMIT, Fault.BALANCE)
    qtbot.keyClicks(window.generate_panel.prompt, "a fox")
    window.generate_panel.generate.click()
    job_id = window.jobs_panel.job_ids()[0]
    await until(lambda: window.engine.library.get_job(job_id).state is JobState.FAILED)  # type: ignore[union-attr]
    row = window.jobs_panel.row(job_id)
    assert row is not None
    await until(lambda: "top up" in row.state_label.text().lower())
    assert "Traceback" not in row.state_label.text()
    assert "top up" in window.statusBar().currentMessage().lower()


async def test_blank_and_too_long_prompts_are_stopped_at_the_field(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    panel = window.generate_panel
    panel.generate.click()
    assert panel.prompt_error.isVisible() and "empty" in panel.prompt_error.text()
    panel.prompt.setPlainText("x" * 620)
    assert "/ 600" in panel.counter.text()
    panel.generate.click()
    assert "the limit is 600" in panel.prompt_error.text()
    assert window.jobs_panel.job_ids() == []


async def test_window_restores_size_splitters_and_controls(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    first = make_window()
    first.resize(1000, 700)
    first.generate_panel.set_controls(aspect=AspectRatio.CINEMA_21_9, count=7)
    qtbot.keyClicks(first.generate_panel.prompt, "a fox")
    first.generate_panel.generate.click()
    await until(lambda: not first.engine.runner.active_job_ids)
    first.splitter.setSizes(
        [400, 600]
    )  # fits the offscreen 800-pixel screen the window is clamped to
    left_width = first.splitter.sizes()[0]
    first.close()
    assert not first.isVisible()

    second = make_window()
    assert second.generate_panel.current_aspect() is AspectRatio.CINEMA_21_9
    assert second.generate_panel.count.value() == 7
    assert abs(second.splitter.sizes()[0] - left_width) <= 2


async def test_export_selected_images_from_the_grid_and_remember_the_choices(
    qtbot: QtBot, make_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    window = make_window()
    await images_made(window, qtbot, "a fox in the snow", 2)

    window.grid.setFocus()
    window.grid.selectAll()
    await until(window.export_button.isEnabled)  # the selection is announced once per burst
    window.export_button.click()
    dialog = await shown(ExportDialog)
    destination = tmp_path / "exported"
    destination.mkdir()
    dialog.folder_edit.setText(str(destination))
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(ExportFormat.JPEG))
    dialog.export_button.click()
    await until(lambda: "2 images exported" in dialog.summary_label.text())
    dialog.close_button.click()
    await until(lambda: not dialog.isVisible())

    files = sorted(destination.iterdir())
    assert [f.suffix for f in files] == [".jpg", ".jpg"]
    assert read_metadata(files[0])["prompt"] == "Generate 2 images of a fox in the snow"
    remembered = window._settings_store.load()
    assert remembered.export_dir == destination
    assert remembered.export_format is ExportFormat.JPEG


async def test_a_job_paused_by_a_bug_does_not_ask_for_a_new_token(
    qtbot: QtBot, make_window: Callable[..., MainWindow], monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    asked: list[bool] = []
    window.tokenRejected.connect(lambda: asked.append(True))

    async def broken_status(request_id: str) -> None:
        raise RuntimeError("a bug in status handling")

    monkeypatch.setattr(window.engine.client, "status", broken_status)
    qtbot.keyClicks(window.generate_panel.prompt, "a fox")
    window.generate_panel.generate.click()
    job_id = window.jobs_panel.job_ids()[0]
    await until(lambda: window.engine.library.get_job(job_id).state is JobState.PAUSED)  # type: ignore[union-attr]

    assert asked == []
    assert "paused" in window.statusBar().currentMessage()


async def test_settings_that_cannot_be_saved_are_reported_in_words(
    qtbot: QtBot, make_window: Callable[..., MainWindow], monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()

    def refuse(_settings: object) -> None:
        raise OSError("Could not write the settings to /read-only/settings.ini.")

    monkeypatch.setattr(window._settings_store, "save", refuse)
    qtbot.keyClicks(window.generate_panel.prompt, "a fox")
    window.generate_panel.generate.click()  # remembering the controls fails: no crash dialog
    message = window.statusBar().currentMessage()
    assert message == "Settings not saved: Could not write the settings to /read-only/settings.ini."
    assert window.jobs_panel.job_ids()  # the job itself went ahead


async def test_a_four_frame_series_is_sent_as_one_text_stating_four(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    emulator = Emulator(FAST_EMULATOR)
    window = make_window(emulator)
    panel = window.generate_panel
    qtbot.keyClicks(panel.prompt, "a paper crane, origami")
    qtbot.mouseClick(panel.frame_by_frame, Qt.MouseButton.LeftButton)
    frames = ["a flat square of paper", "folded in half", "wings take shape", "it flies"]
    for i, frame in enumerate(frames):
        if i:
            qtbot.keyClick(panel.frames.frame_edit(i - 1), Qt.Key.Key_Return)
        qtbot.keyClicks(panel.frames.frame_edit(i), frame)
    # Three empty frames stood ready for the count of 3; Enter filled them, then added one.
    assert panel.frames.frames() == frames and panel.count.value() == 4

    qtbot.mouseClick(panel.generate, Qt.MouseButton.LeftButton)

    await until(lambda: thumbs_ready(window, 4))
    (job,) = emulator.jobs()
    assert job.count == 4
    assert job.text == (
        "Generate 4 images of a paper crane, origami: image 1: a flat square of paper; "
        "image 2: folded in half; image 3: wings take shape; image 4: it flies"
    )


async def test_closed_viewers_menus_and_dialogs_are_deleted(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    await images_made(window, qtbot, "a fox in the snow", 1)
    for _ in range(3):
        window.grid.setCurrentIndex(window.grid_model.index(0))
        window.grid.activated.emit(window.grid_model.index(0).data(ImageRole))
        viewer = await shown(ImageViewer)
        await until(lambda: not viewer._view.item.pixmap().isNull())  # noqa: B023 - awaited here
        viewer.close()

    window.grid.selectAll()
    await until(window.export_action.isEnabled)  # the selection is announced once per burst
    center = window.grid.viewport().rect().center()
    window.grid.contextMenuEvent(
        QContextMenuEvent(
            QContextMenuEvent.Reason.Keyboard, center, window.grid.viewport().mapToGlobal(center)
        )
    )
    (await shown(QMenu)).close()
    window.export_action.trigger()
    (await shown(ExportDialog)).reject()
    next(a for a in window.findChildren(QAction) if a.text() == "&Delete…").trigger()
    (await shown(QMessageBox)).reject()

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert window.findChildren(ImageViewer) == []
    assert window.findChildren(ExportDialog) == []
    assert window.findChildren(QMessageBox) == []
    assert [menu for menu in window.findChildren(QMenu) if menu.parent() is window] == []
    assert window.grid_model.rowCount() == 1  # Cancel deleted nothing


async def test_the_viewer_acts_on_the_image_it_shows_while_the_grid_changes(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    await images_made(window, qtbot, "a fox in the snow", 3)
    opened = window.grid_model.image_at(2)
    window.grid.activated.emit(opened)
    viewer = await shown(ImageViewer)

    gone = [window.grid_model.image_at(r).id for r in (0, 1)]
    window.engine.library.delete_images(gone)
    window.grid_model.refresh()
    assert window.grid_model.rowCount() == 1

    assert viewer.current_image() == opened
    assert viewer.windowTitle() == "Image 3 of 3"
    QTest.keyClick(viewer, Qt.Key.Key_Right)  # the last of its three: no IndexError, stays
    assert viewer.current_image() == opened
    with qtbot.waitSignal(viewer.exportRequested) as blocker:
        next(a for a in viewer.actions() if a.text() == "Export…").trigger()
    assert blocker.args == [opened]
    (await shown(ExportDialog)).reject()
    viewer.close()


async def test_closed_about_and_still_running_boxes_are_deleted(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window(Emulator(replace(FAST_EMULATOR, run_seconds=30.0)))
    next(a for a in window.findChildren(QAction) if a.text() == "&About").trigger()
    about = await shown(QMessageBox)
    assert "Seedream" in about.text()
    about.accept()

    qtbot.keyClicks(window.generate_panel.prompt, "a fox in the snow")
    window.generate_panel.generate.click()
    await until(lambda: window.engine.runner.active_job_ids)
    window.close()
    still_running = await shown(QMessageBox)
    assert "still running" in still_running.text()
    still_running.reject()  # Cancel: the window stays
    await until(lambda: not still_running.isVisible())
    assert window.isVisible()

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert window.findChildren(QMessageBox) == []


def grid_ids(window: MainWindow) -> list[int]:
    return [image.id for image in window.grid_model.images_at(range(window.grid_model.rowCount()))]


async def test_a_chosen_job_stays_in_the_grid_until_the_user_asks_for_all(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    await images_made(window, qtbot, "a fox in the snow", 2)
    window.generate_panel.prompt.setPlainText("a heron at dawn")
    window.generate_panel.count.setValue(1)
    window.generate_panel.generate.click()
    await until(lambda: thumbs_ready(window, 3))
    library = window.engine.library
    fox = next(j.id for j in library.recent_jobs(10) if "fox" in j.params.prompt)
    fox_images = sorted(image.id for image in library.images_of_job(fox))
    row = window.jobs_panel.row(fox)
    assert row is not None

    qtbot.keyClicks(window.search, "heron")  # a search is due in 250 ms…
    qtbot.mouseClick(row, Qt.MouseButton.LeftButton, pos=QPoint(6, 6))  # …the job is chosen first
    # Nothing to wait for: the point is that nothing happens once the search would have run.
    await asyncio.sleep(2 * window._search_timer.interval() / 1000)
    assert sorted(grid_ids(window)) == fox_images
    assert window.search.text() == ""
    assert "clear the search" not in window.statusBar().currentMessage().lower()

    show_all = next(
        b for b in window.findChildren(QAbstractButton) if b.accessibleName() == "Show all"
    )
    assert show_all.isVisible()
    show_all.click()
    assert window.grid_model.rowCount() == 3
    assert not show_all.isVisible()

    qtbot.mouseClick(row, Qt.MouseButton.LeftButton, pos=QPoint(6, 6))  # the same job again
    assert sorted(grid_ids(window)) == fox_images
    qtbot.keyClicks(window.search, "heron")  # typing leaves the job for the search
    await until(lambda: window.grid_model.rowCount() == 1)
    assert grid_ids(window)[0] not in fox_images
    assert show_all.isVisible()
    show_all.click()
    assert (window.search.text(), window.grid_model.rowCount()) == ("", 3)
    assert not show_all.isVisible()


async def test_copy_decodes_in_a_worker_and_says_so(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    decoded_on: list[int] = []

    def recording_read_image(path: Path, max_side: int | None = None) -> QImage:
        decoded_on.append(threading.get_ident())
        return read_image(path, max_side)

    monkeypatch.setattr(image_copier, "read_image", recording_read_image)
    window = make_window()
    await images_made(window, qtbot, "a fox in the snow", 1)
    image = window.grid_model.image_at(0)
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("before")

    window.grid.setCurrentIndex(window.grid_model.index(0))
    await until(window.export_action.isEnabled)
    next(a for a in window.findChildren(QAction) if a.text() == "&Copy Image").trigger()
    assert window.statusBar().currentMessage() == "Copying…"
    await until(lambda: window.statusBar().currentMessage() == "Copied 1 image.")
    pasted = QImage(clipboard.mimeData().imageData())
    assert (pasted.width(), pasted.height()) == (image.width, image.height)
    assert [url.toLocalFile() for url in clipboard.mimeData().urls()] == [str(image.path)]
    assert decoded_on and threading.get_ident() not in decoded_on

    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n not really")
    clipboard.setText("kept")
    window.copier.copy([replace(image, path=broken)])
    await until(lambda: window.statusBar().currentMessage() != "Copying…")
    message = window.statusBar().currentMessage()
    assert message == "Can't copy broken.png: the file is damaged, missing or not an image."
    assert clipboard.text() == "kept"


async def test_a_copy_still_decoding_when_the_window_closes_is_dropped(
    qtbot: QtBot, make_window: Callable[..., MainWindow], monkeypatch: pytest.MonkeyPatch
) -> None:
    started = threading.Event()

    def slow_read_image(path: Path, max_side: int | None = None) -> QImage:
        started.set()
        threading.Event().wait(0.3)  # a big PNG, still decoding while the user quits
        return read_image(path, max_side)

    monkeypatch.setattr(image_copier, "read_image", slow_read_image)
    window = make_window()
    await images_made(window, qtbot, "a fox in the snow", 1)
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("kept")
    window.copier.copy([window.grid_model.image_at(0)])
    await until(started.is_set)
    window.close()  # waits for the decode; what it made is not put anywhere
    await asyncio.sleep(0.1)  # the finished decode's queued report would be delivered now
    assert clipboard.text() == "kept"
