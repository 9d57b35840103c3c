"""The series view as a designer uses it: each job under its header, folded, switched, acted on."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from seedream_desktop.core.models import ImageQuery, JobState
from seedream_desktop.core.settings import LibraryLayout
from seedream_desktop.emulator import Emulator
from seedream_desktop.emulator.faults import Endpoint, Fault, FaultSpec
from seedream_desktop.ui.grid.model import HeaderRole, ImageRole
from seedream_desktop.ui.grid.series_header import SeriesHeader, arrow_rect, menu_rect
from seedream_desktop.ui.main_window import MainWindow
from seedream_desktop.ui.money_status import money_text
from tests.support.waiting import until
from tests.window.sessions import FAST_EMULATOR
from tests.window.test_main_window import thumbs_ready

SERIES = LibraryLayout.SERIES


def shown(window: MainWindow) -> list[tuple[str, int]]:
    """The grid top to bottom: ("header", job id) or ("image", image id)."""
    model = window.grid_model
    rows = []
    for row in range(model.rowCount()):
        header = model.index(row).data(HeaderRole)
        if isinstance(header, SeriesHeader):
            rows.append(("header", header.series.job.id))
        else:
            rows.append(("image", model.index(row).data(ImageRole).id))
    return rows


def header_row(window: MainWindow, job_id: int) -> int:
    return shown(window).index(("header", job_id))


def ready(window: MainWindow, images: int) -> bool:
    return not window.engine.runner.active_job_ids and thumbs_ready(window, images)


async def series_made(window: MainWindow, qtbot: QtBot, prompt: str, count: int) -> int:
    """Generate a series from the panel; returns its job id once its tiles show."""
    total = window.grid_model.image_count() + count
    panel = window.generate_panel
    panel.prompt.clear()
    qtbot.keyClicks(panel.prompt, prompt)
    panel.count.setValue(count)
    panel.generate.click()
    await until(lambda: ready(window, total))
    return window.engine.library.recent_jobs(1)[0].id


def click_header(
    window: MainWindow, qtbot: QtBot, job_id: int, where: Callable[..., object]
) -> None:
    index = window.grid_model.index(header_row(window, job_id))
    rect = where(window.grid.visualRect(index))
    qtbot.mouseClick(window.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def visible_menu(window: MainWindow) -> QMenu:
    return next(m for m in window.findChildren(QMenu) if m.isVisible())


def choose(menu: QMenu, text: str) -> None:
    next(a for a in menu.actions() if a.text() == text).trigger()
    menu.close()


async def test_two_series_each_under_its_header_with_its_images_in_order(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window(layout=SERIES)
    assert window.series_button.isChecked()
    fox = await series_made(window, qtbot, "a fox in four seasons", 4)
    resets: list[int] = []
    window.grid_model.modelReset.connect(lambda: resets.append(1))
    owl = await series_made(window, qtbot, "an owl at dusk", 3)
    # Each image went in where it belongs, a new header first: nothing was re-read.
    assert resets == []

    library = window.engine.library
    owl_ids = [i.id for i in library.images_page(ImageQuery(job_id=owl), 0, 10)]
    fox_ids = [i.id for i in library.images_page(ImageQuery(job_id=fox), 0, 10)]
    assert shown(window) == [
        ("header", owl),
        *(("image", i) for i in owl_ids),
        ("header", fox),
        *(("image", i) for i in fox_ids),
    ]
    header = window.grid_model.index(0)
    tooltip = header.data(Qt.ItemDataRole.ToolTipRole)
    job = library.get_job(owl)
    assert job is not None and job.cost is not None
    assert tooltip.splitlines()[0] == "an owl at dusk"
    facts = tooltip.splitlines()[1]
    assert facts.startswith("3 of 3 images · 16:9 · ")
    assert money_text(job.cost) in facts  # what the job cost, in the header
    assert "collapsed" not in header.data(Qt.ItemDataRole.AccessibleTextRole)
    # The count is of images, not rows: headers are no images.
    assert window.count_label.text() == "7 images"


async def test_a_header_folds_and_unfolds_by_click_and_by_keyboard(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window(layout=SERIES)
    fox = await series_made(window, qtbot, "a fox", 3)
    owl = await series_made(window, qtbot, "an owl", 2)
    fox_first = shown(window)[header_row(window, fox) + 1]
    window.grid.selectionModel().select(
        window.grid_model.index(header_row(window, fox) + 1),
        window.grid.selectionModel().SelectionFlag.ClearAndSelect,
    )

    click_header(window, qtbot, owl, arrow_rect)
    assert shown(window)[:2] == [("header", owl), ("header", fox)]
    header = window.grid_model.index(0).data(HeaderRole)
    assert header.collapsed
    assert "collapsed" in window.grid_model.index(0).data(Qt.ItemDataRole.AccessibleTextRole)
    # The rest of the grid keeps its selection: nothing was re-read.
    assert [i.id for i in window.grid.selected_records()] == [fox_first[1]]
    assert window.count_label.text() == "5 images"

    window.grid.setCurrentIndex(window.grid_model.index(0))
    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_Space)
    assert len(shown(window)) == 7
    qtbot.keyClick(window.grid, Qt.Key.Key_Return)
    assert len(shown(window)) == 5
    click_header(window, qtbot, owl, arrow_rect)
    assert len(shown(window)) == 7


async def test_series_or_all_images_and_the_choice_is_remembered(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window(layout=SERIES)
    await series_made(window, qtbot, "a fox", 2)
    await series_made(window, qtbot, "an owl", 2)
    assert len(shown(window)) == 6

    window.all_button.click()
    assert [kind for kind, _ in shown(window)] == ["image"] * 4
    assert window.count_label.text() == "4 images"
    window.close_without_asking()
    await window.engine.aclose()

    again = make_window(layout=None)  # what the last window chose
    assert again.all_button.isChecked() and not again.grid_model.in_series
    again.series_button.click()
    assert [kind for kind, _ in shown(again)].count("header") == 2


async def test_the_header_menu_sends_variations_and_runs_again(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window(layout=SERIES)
    panel = window.generate_panel
    panel.set_controls(seed=4242, seed_fixed=True)
    fox = await series_made(window, qtbot, "a fox in the snow", 2)

    click_header(window, qtbot, fox, menu_rect)
    choose(visible_menu(window), "Variations (New Seed)")
    await until(lambda: ready(window, 4))
    click_header(window, qtbot, fox, menu_rect)
    choose(visible_menu(window), "Run Again (Same Seed)")
    await until(lambda: ready(window, 6))

    library = window.engine.library
    original, variation, again = (library.get_job(j) for j in (fox, fox + 1, fox + 2))
    assert original and variation and again
    for job in (variation, again):
        assert job.params.prompt == original.params.prompt
        assert (job.params.count, job.params.aspect) == (2, original.params.aspect)
    assert variation.params.seed != 4242
    assert again.params.seed == 4242
    # Three series now, newest first.
    assert [v for kind, v in shown(window) if kind == "header"] == [fox + 2, fox + 1, fox]


async def test_reuse_asks_before_it_replaces_an_unsent_prompt(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window(layout=SERIES)
    fox = await series_made(window, qtbot, "a fox in the snow", 2)
    panel = window.generate_panel

    def reuse() -> None:
        # The Menu key on the header (as the platform delivers it: a keyboard context menu).
        window.grid.setCurrentIndex(window.grid_model.index(header_row(window, fox)))
        event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, QPoint(0, 0), QPoint(0, 0))
        QApplication.sendEvent(window.grid.viewport(), event)
        choose(visible_menu(window), "Reuse Prompt && Settings")

    panel.prompt.setPlainText("a heron, half written")
    reuse()
    box = next(b for b in window.findChildren(QMessageBox) if b.isVisible())
    assert box.windowTitle() == "Replace Unsent Prompt?"
    box.reject()
    assert panel.prompt.toPlainText() == "a heron, half written"

    reuse()
    box = next(b for b in window.findChildren(QMessageBox) if b.isVisible())
    next(b for b in box.buttons() if b.text() == "Replace").click()
    job = window.engine.library.get_job(fox)
    assert job is not None
    assert panel.sent_prompt() == job.params.prompt  # the series' text, exactly as it was sent
    assert panel.count.value() == 2

    # What was just reused (or sent) is no unsent work: reusing again asks nothing.
    reuse()
    assert not any(b.isVisible() for b in window.findChildren(QMessageBox))


async def test_delete_series_asks_then_removes_the_job_and_its_files(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window(layout=SERIES)
    fox = await series_made(window, qtbot, "a fox", 2)
    owl = await series_made(window, qtbot, "an owl", 3)
    library = window.engine.library
    owl_files = [i.path for i in library.images_page(ImageQuery(job_id=owl), 0, 10)]

    def delete() -> QMessageBox:
        click_header(window, qtbot, owl, menu_rect)
        choose(visible_menu(window), "Delete Series…")
        return next(b for b in window.findChildren(QMessageBox) if b.isVisible())

    box = delete()
    assert f"Delete series {owl} and its 3 images?" in box.text()
    box.reject()
    assert library.get_job(owl) is not None

    box = delete()
    next(b for b in box.buttons() if b.text() == "Delete Series").click()
    await until(lambda: library.get_job(owl) is None)
    assert not any(path.exists() for path in owl_files)
    assert [v for kind, v in shown(window) if kind == "header"] == [fox]
    assert owl not in window.jobs_panel.job_ids()
    assert window.statusBar().currentMessage() == f"Deleted series {owl}: 3 images."


async def test_a_series_that_came_back_short_says_so_on_its_header(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    emulator = Emulator(FAST_EMULATOR)
    emulator.faults.arm(Endpoint.SUBMIT, FaultSpec(Fault.FEWER_IMAGES, images=1))
    window = make_window(emulator, layout=SERIES)
    job_id = await series_made_short(window, qtbot)

    header = window.grid_model.index(header_row(window, job_id))
    tooltip = header.data(Qt.ItemDataRole.ToolTipRole)
    assert "One image for 4 asked: the views may be panels of one picture." in tooltip
    assert tooltip.splitlines()[1].startswith("1 of 4 images")


async def series_made_short(window: MainWindow, qtbot: QtBot) -> int:
    panel = window.generate_panel
    qtbot.keyClicks(panel.prompt, "a crane folding, four steps")
    panel.count.setValue(4)
    panel.generate.click()
    await until(lambda: window.engine.library.recent_jobs(1))
    job_id = window.engine.library.recent_jobs(1)[0].id
    await until(lambda: window.engine.library.get_job(job_id).state is JobState.DONE)  # type: ignore[union-attr]
    await until(lambda: ready(window, 1))
    return job_id


async def test_right_click_on_a_header_offers_the_series_actions(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window(layout=SERIES)
    fox = await series_made(window, qtbot, "a fox", 2)
    rect = window.grid.visualRect(window.grid_model.index(header_row(window, fox)))
    pos = rect.center() + QPoint(0, 8)
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, pos, window.grid.viewport().mapToGlobal(pos)
    )
    QApplication.sendEvent(window.grid.viewport(), event)
    menu = visible_menu(window)
    assert [a.text() for a in menu.actions() if a.text()] == [
        "Variations (New Seed)",
        "Run Again (Same Seed)",
        "Reuse Prompt && Settings",
        "Export Series…",
        "Export Picked of This Series…",
        "Contact Sheet of This Series…",
        "Delete Series…",
    ]
    menu.close()


async def test_in_series_two_picked_with_p_picked_only_shows_those_and_three_compare(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    """The issue's walk in the series view: two series, two picks with P, Picked only, C."""
    from seedream_desktop.ui.compare import CompareWindow

    window = make_window(layout=SERIES)
    fox = await series_made(window, qtbot, "a fox in four seasons", 4)
    owl = await series_made(window, qtbot, "an owl at dusk", 3)
    grid, model = window.grid, window.grid_model
    picks = [header_row(window, owl) + 2, header_row(window, fox) + 1]
    grid.setFocus()
    for row in picks:
        grid.setCurrentIndex(model.index(row))
        qtbot.keyClick(grid, Qt.Key.Key_P)
    picked = [model.index(row).data(ImageRole).id for row in picks]

    window.filter_bar.picked_only.click()
    await until(lambda: window.grid_model.image_count() == 2)
    assert shown(window) == [
        ("header", owl),
        ("image", picked[0]),
        ("header", fox),
        ("image", picked[1]),
    ]
    # The header still counts the whole series, and says how many the filter shows.
    assert "3 of 3 images · 1 shown" in model.index(0).data(Qt.ItemDataRole.ToolTipRole)
    assert window.count_label.text() == "2 of 7 images"

    window.filter_bar.picked_only.click()
    await until(lambda: window.grid_model.image_count() == 7)
    first = header_row(window, fox) + 1
    selection = grid.selectionModel()
    selection.clearSelection()
    for row in (first, first + 1, first + 2):
        selection.select(model.index(row), selection.SelectionFlag.Select)
    qtbot.keyClick(grid, Qt.Key.Key_C)
    compare = next(
        w for w in QApplication.topLevelWidgets() if isinstance(w, CompareWindow) and w.isVisible()
    )
    assert len(compare.shown_images()) == 3
    assert {image.job_id for image in compare.shown_images()} == {fox}
    compare.close()


def selected_ids(window: MainWindow) -> list[int]:
    return sorted(image.id for image in window.grid.selected_records())


def select_images(window: MainWindow, ids: list[int]) -> None:
    model, selection = window.grid_model, window.grid.selectionModel()
    selection.clearSelection()
    for row in range(model.rowCount()):
        if not model.is_header(row) and model.image_at(row).id in ids:
            selection.select(model.index(row), selection.SelectionFlag.Select)


async def test_the_selection_survives_folding_a_refresh_and_switching_views(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window(layout=SERIES)
    fox = await series_made(window, qtbot, "a fox", 3)
    await series_made(window, qtbot, "an owl", 2)
    heron = await series_made(window, qtbot, "a heron", 2)
    fox_ids = [i.id for i in window.engine.library.images_page(ImageQuery(job_id=fox), 0, 9)]
    chosen = sorted(fox_ids[1:])
    select_images(window, chosen)

    click_header(window, qtbot, heron, arrow_rect)  # rows above the selection go
    window.grid_model.refresh()  # as a reject under "Hide rejected" or a delete would
    assert selected_ids(window) == chosen

    window.all_button.click()
    assert selected_ids(window) == chosen
    window.series_button.click()
    assert selected_ids(window) == chosen


async def test_pressing_a_header_and_dragging_selects_nothing_new(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window(layout=SERIES)
    fox = await series_made(window, qtbot, "a fox", 3)
    owl = await series_made(window, qtbot, "an owl", 3)
    viewport = window.grid.viewport()
    first_fox = window.grid.visualRect(window.grid_model.index(header_row(window, fox) + 1))
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=first_fox.center())
    chosen = selected_ids(window)
    assert len(chosen) == 1

    start = window.grid.visualRect(window.grid_model.index(header_row(window, owl))).center()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for step in (40, 80, 160):
        qtbot.mouseMove(viewport, start + QPoint(0, step))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=start + QPoint(0, 160))
    assert selected_ids(window) == chosen
