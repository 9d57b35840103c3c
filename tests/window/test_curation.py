"""Curating in the real window: the Lightroom keys on the grid and in the viewer, the filter bar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from seedream_desktop.api.params import AspectRatio
from seedream_desktop.core.models import Flag, ImageRecord
from seedream_desktop.ui import filter_bar
from seedream_desktop.ui.grid.model import ImageRole, Tile, TileRole
from seedream_desktop.ui.main_window import MainWindow
from seedream_desktop.ui.viewer import ImageViewer
from tests.support.waiting import until
from tests.window.test_main_window import thumbs_ready

STAR_TEXTS = ["★☆☆☆☆", "★★☆☆☆", "★★★☆☆", "★★★★☆", "★★★★★"]
FLAG_KEYS = [
    (Qt.Key.Key_P, Flag.PICKED, "2 images picked"),
    (Qt.Key.Key_X, Flag.REJECTED, "2 images rejected"),
]


async def series_made(window: MainWindow, qtbot: QtBot, prompt: str, count: int) -> None:
    """Generate a series of ``count`` from the panel; wait until all the grid's tiles show."""
    total = window.grid_model.rowCount() + count
    window.generate_panel.prompt.clear()
    qtbot.keyClicks(window.generate_panel.prompt, prompt)
    window.generate_panel.count.setValue(count)
    window.generate_panel.generate.click()
    await until(lambda: thumbs_ready(window, total))


def stored(window: MainWindow, image_id: int) -> ImageRecord:
    image = window.engine.library.image_by_id(image_id)
    assert image is not None
    return image


def tile(window: MainWindow, row: int) -> Tile:
    shown = window.grid_model.index(row).data(TileRole)
    assert isinstance(shown, Tile)
    return shown


def select_rows(window: MainWindow, *rows: int) -> list[int]:
    """Select ``rows`` in the grid (the first becomes current) and give it the focus."""
    model, selection = window.grid_model, window.grid.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(model.index(row), QItemSelectionModel.SelectionFlag.Select)
    selection.setCurrentIndex(model.index(rows[0]), QItemSelectionModel.SelectionFlag.NoUpdate)
    window.grid.setFocus()
    return [model.index(row).data(ImageRole).id for row in rows]


def context_menu(window: MainWindow, records: list[ImageRecord]) -> QMenu:
    """The image menu for ``records``, open."""
    window._context_menu(records, window.grid.mapToGlobal(window.pos()))
    return next(m for m in window.findChildren(QMenu) if m.isVisible())


def shown_ids(window: MainWindow) -> set[int]:
    model = window.grid_model
    return {model.index(row).data(ImageRole).id for row in range(model.rowCount())}


@pytest.mark.parametrize(("key", "flag", "said"), FLAG_KEYS)
async def test_flag_keys_curate_the_grid_selection(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    key: Qt.Key,
    flag: Flag,
    said: str,
) -> None:
    window = make_window()
    await series_made(window, qtbot, "a fox in the snow", 3)
    ids = select_rows(window, 0, 2)

    qtbot.keyClick(window.grid, key)

    assert [stored(window, i).flag for i in ids] == [flag, flag]
    assert stored(window, tile(window, 1).image.id).flag is Flag.NONE
    assert [tile(window, row).image.flag for row in (0, 1, 2)] == [flag, Flag.NONE, flag]
    spoken = window.grid_model.index(0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.endswith(", " + flag.value)  # "Job 1, image 3, 16:9, picked"
    assert window.statusBar().currentMessage() == said

    qtbot.keyClick(window.grid, Qt.Key.Key_U)
    assert [stored(window, i).flag for i in ids] == [Flag.NONE, Flag.NONE]
    assert tile(window, 0).image.flag is Flag.NONE
    assert window.statusBar().currentMessage() == "2 images unflagged"


async def test_digit_keys_rate_the_grid_selection(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    await series_made(window, qtbot, "a fox in the snow", 2)
    ids = select_rows(window, 0, 1)
    for stars in (5, 4, 3, 2, 1, 0):
        qtbot.keyClick(window.grid, Qt.Key(Qt.Key.Key_0.value + stars))
        assert [stored(window, i).rating for i in ids] == [stars, stars]
        assert [tile(window, row).image.rating for row in (0, 1)] == [stars, stars]
    assert window.statusBar().currentMessage() == "Rating of 2 images removed"
    spoken = window.grid_model.index(0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert "star" not in spoken
    qtbot.keyClick(window.grid, Qt.Key.Key_2)
    spoken = window.grid_model.index(0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.endswith(", 2 stars")  # screen readers hear what the tile shows
    select_rows(window, 1)
    qtbot.keyClick(window.grid, Qt.Key.Key_3)
    assert window.statusBar().currentMessage() == "1 image rated ★★★☆☆"


async def test_keys_typed_in_the_search_box_or_prompt_do_not_curate(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    await series_made(window, qtbot, "a fox in the snow", 2)
    ids = select_rows(window, 0, 1)
    window.search.setFocus()
    qtbot.keyClicks(window.search, "px5")
    window.generate_panel.prompt.setFocus()
    qtbot.keyClicks(window.generate_panel.prompt, " p3x")
    # Nor keys meant for other controls: the actions belong to the grid, not the window.
    window.zoom.setFocus()
    qtbot.keyClick(window.zoom, Qt.Key.Key_P)
    qtbot.keyClick(window.zoom, Qt.Key.Key_4)
    assert window.search.text() == "px5"
    assert window.generate_panel.prompt.toPlainText().endswith(" p3x")
    assert [(stored(window, i).flag, stored(window, i).rating) for i in ids] == [
        (Flag.NONE, 0),
        (Flag.NONE, 0),
    ]


async def test_the_context_menu_has_the_same_entries(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    await series_made(window, qtbot, "a fox in the snow", 2)
    ids = select_rows(window, 0, 1)
    menu = context_menu(window, window.grid.selected_records())
    entries = {a.text(): a for a in menu.actions()}
    assert {"Pick", "Reject", "Unflag", "Rating"} <= set(entries)
    rating = entries["Rating"].menu()
    assert [a.text() for a in rating.actions()] == ["No Stars", *STAR_TEXTS]
    assert entries["Pick"].shortcut().toString() == "P"
    rating.actions()[4].trigger()  # ★★★★☆
    menu.close()
    assert [stored(window, i).rating for i in ids] == [4, 4]


async def test_viewer_keys_curate_the_image_shown(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    await series_made(window, qtbot, "a fox in the snow", 3)
    select_rows(window, 0)
    qtbot.keyClick(window.grid, Qt.Key.Key_Return)
    viewer = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ImageViewer))
    await until(viewer.isActiveWindow)
    qtbot.keyClick(viewer, Qt.Key.Key_Right)
    second = viewer.current_image().id
    assert second == tile(window, 1).image.id

    qtbot.keyClick(viewer, Qt.Key.Key_P)
    qtbot.keyClick(viewer, Qt.Key.Key_4)
    assert (stored(window, second).flag, stored(window, second).rating) == (Flag.PICKED, 4)
    assert viewer._fields["flag"].text() == "Picked"
    assert viewer._fields["rating"].text() == "★★★★☆ (4 stars)"
    assert (tile(window, 1).image.flag, tile(window, 1).image.rating) == (Flag.PICKED, 4)
    assert window.statusBar().currentMessage() == "1 image rated ★★★★☆"

    qtbot.keyClick(viewer, Qt.Key.Key_X)
    assert viewer._fields["flag"].text() == "Rejected"
    qtbot.keyClick(viewer, Qt.Key.Key_U)
    qtbot.keyClick(viewer, Qt.Key.Key_0)
    assert (stored(window, second).flag, stored(window, second).rating) == (Flag.NONE, 0)
    assert viewer._fields["rating"].text() == "Not rated"
    # Only the image shown: its neighbours were left alone.
    first = tile(window, 0).image.id
    assert (stored(window, first).flag, stored(window, first).rating) == (Flag.NONE, 0)
    viewer.close()


async def test_two_series_two_picks_picked_only_shows_exactly_those(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    """The issue's window test: generate two series, pick two with `P`, turn on "Picked only"."""
    window = make_window()
    await series_made(window, qtbot, "a lighthouse at dusk", 3)
    await series_made(window, qtbot, "a lighthouse at dawn", 3)
    assert window.count_label.text() == "6 images"
    picked = []
    for row in (1, 4):
        picked += select_rows(window, row)
        qtbot.keyClick(window.grid, Qt.Key.Key_P)
        assert window.statusBar().currentMessage() == "1 image picked"

    bar = window.filter_bar
    toggle = next(
        w for w in bar.findChildren(type(bar.picked_only)) if w.accessibleName() == "Picked only"
    )
    toggle.click()

    assert window.grid_model.rowCount() == 2
    assert shown_ids(window) == set(picked)
    assert window.count_label.text() == "2 of 6 images"
    toggle.click()
    assert window.grid_model.rowCount() == 6


async def test_each_filter_changes_what_the_grid_shows(
    qtbot: QtBot, make_window: Callable[..., MainWindow], monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    panel = window.generate_panel
    panel.aspect.setCurrentIndex(panel.aspect.findData(AspectRatio.TALL_9_16))
    await series_made(window, qtbot, "a heron, standard", 2)
    panel.aspect.setCurrentIndex(panel.aspect.findData(AspectRatio.SQUARE))
    panel.mode_standard.setChecked(True)
    await series_made(window, qtbot, "a heron, square", 3)
    bar = window.filter_bar
    square = {i for i in shown_ids(window) if stored(window, i).aspect is AspectRatio.SQUARE}
    assert len(square) == 3

    def showing(count: int) -> None:
        assert window.grid_model.rowCount() == count
        assert window.count_label.text() == f"{count} of 5 images"

    bar.aspect.setCurrentIndex(bar.aspect.findData(AspectRatio.SQUARE))
    showing(3)
    assert shown_ids(window) == square
    bar.aspect.setCurrentIndex(0)
    bar.mode.setCurrentIndex(bar.mode.findText("Fast"))
    showing(2)
    bar.mode.setCurrentIndex(0)

    select_rows(window, 0, 1)
    qtbot.keyClick(window.grid, Qt.Key.Key_3)
    select_rows(window, 1)
    qtbot.keyClick(window.grid, Qt.Key.Key_5)
    bar.min_rating.setCurrentIndex(3)  # ★★★ and more
    showing(2)
    bar.min_rating.setCurrentIndex(4)
    showing(1)
    bar.min_rating.setCurrentIndex(0)

    select_rows(window, 2)
    qtbot.keyClick(window.grid, Qt.Key.Key_X)
    bar.hide_rejected.click()
    showing(4)
    # Rejecting another while rejected ones are hidden takes its tile away at once.
    select_rows(window, 0)
    qtbot.keyClick(window.grid, Qt.Key.Key_X)
    showing(3)
    bar.hide_rejected.click()

    bar.date.setCurrentIndex(bar.date.findData(filter_bar.DateRange.TODAY))
    showing(5)

    class FortyDaysOn(datetime):
        @classmethod
        def now(cls, tz: object = None) -> FortyDaysOn:  # type: ignore[override]
            moment = datetime.now() + timedelta(days=40)
            return cls.combine(moment.date(), moment.time())

    monkeypatch.setattr(filter_bar, "datetime", FortyDaysOn)
    bar.date.setCurrentIndex(bar.date.findData(filter_bar.DateRange.LAST_30_DAYS))
    showing(0)
    bar.date.setCurrentIndex(bar.date.findData(filter_bar.DateRange.ANY))
    assert window.grid_model.rowCount() == 5
    assert window.count_label.text() == "5 images"


async def test_filters_combine_with_the_search_and_the_job_shown(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    await series_made(window, qtbot, "an owl", 2)
    await series_made(window, qtbot, "a crow", 2)
    owl_job = stored(window, tile(window, 3).image.id).job_id
    select_rows(window, 0, 3)  # one crow, one owl
    qtbot.keyClick(window.grid, Qt.Key.Key_P)
    window.filter_bar.picked_only.click()
    assert window.grid_model.rowCount() == 2

    window._show_job(owl_job)
    assert window.grid_model.rowCount() == 1
    assert window.count_label.text() == "1 of 4 images"

    window.search.setText("crow")
    await until(lambda: window.grid_model.query.text == "crow")
    assert window.grid_model.query.job_id is None
    assert window.grid_model.rowCount() == 1
    assert "a crow" in stored(window, tile(window, 0).image.id).prompt


async def test_the_curation_filters_are_remembered_across_restarts(
    make_window: Callable[..., MainWindow],
) -> None:
    first = make_window()
    bar = first.filter_bar
    bar.picked_only.click()
    bar.hide_rejected.click()
    bar.min_rating.setCurrentIndex(bar.min_rating.findData(2))
    bar.aspect.setCurrentIndex(bar.aspect.findData(AspectRatio.SQUARE))
    first.close()

    second = make_window()
    bar = second.filter_bar
    assert (bar.picked_only.isChecked(), bar.hide_rejected.isChecked()) == (True, True)
    assert bar.min_rating.currentData() == 2
    assert bar.aspect.currentData() is None  # the aspect, mode and date start afresh
    query = second.grid_model.query
    assert (query.picked_only, query.hide_rejected, query.min_rating) == (True, True, 2)
    assert second.count_label.text() == "0 of 0 images"


async def test_export_picked_of_a_series_or_of_the_filter_in_one_step(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    from seedream_desktop.ui.export_dialog import ExportDialog

    window = make_window()
    await series_made(window, qtbot, "a heron in fog", 3)
    await series_made(window, qtbot, "a heron at dawn", 3)
    picked = []
    for row in (0, 2, 4):  # two of the newer series, one of the older
        picked += select_rows(window, row)
        qtbot.keyClick(window.grid, Qt.Key.Key_P)
    newer = window.grid_model.image_at(0).job_id

    def dialog_lists() -> list[int]:
        dialog = next(d for d in window.findChildren(ExportDialog) if d.isVisible())
        listed = [image.id for image in dialog._images]
        assert dialog.windowTitle() == f"Export {len(listed)} Images"
        dialog.reject()
        return listed

    menu = context_menu(window, [window.grid_model.image_at(1)])
    series = next(a.menu() for a in menu.actions() if a.text() == "Series")
    next(a for a in series.actions() if a.text() == "Export Picked of This Series…").trigger()
    menu.close()
    await until(lambda: any(d.isVisible() for d in window.findChildren(ExportDialog)))
    assert sorted(dialog_lists()) == sorted(i for i in picked if stored(window, i).job_id == newer)

    file_menu = window.menuBar().actions()[0].menu()
    export_picked = next(a for a in file_menu.actions() if a.text() == "Export &Picked…")
    export_picked.trigger()
    await until(lambda: any(d.isVisible() for d in window.findChildren(ExportDialog)))
    assert sorted(dialog_lists()) == sorted(picked)

    window.filter_bar.picked_only.click()  # a filter that leaves nothing picked to hand over
    window.filter_bar.mode.setCurrentIndex(window.filter_bar.mode.count() - 1)
    export_picked.trigger()
    assert window.statusBar().currentMessage() == "No picked images here: pick some with P first."


async def test_a_contact_sheet_of_the_selection_from_the_window(
    qtbot: QtBot, make_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    from pypdf import PdfReader
    from PySide6.QtWidgets import QFileDialog

    window = make_window()
    await series_made(window, qtbot, "a paper crane unfolding", 3)
    select_rows(window, 0, 2)
    records = window.grid.selected_records()
    menu = context_menu(window, records)
    next(a for a in menu.actions() if a.text() == "Contact Sheet of 2 Images…").trigger()
    menu.close()
    chooser = next(d for d in window.findChildren(QFileDialog) if d.isVisible())
    assert chooser.acceptMode() is QFileDialog.AcceptMode.AcceptSave
    out = tmp_path / "sheet.pdf"
    chooser.selectFile(str(out))
    chooser.accept()

    await until(lambda: window.statusBar().currentMessage().startswith("Contact sheet saved"))
    assert window.statusBar().currentMessage() == f"Contact sheet saved: {out}"
    pdf = PdfReader(out)
    text = " ".join(pdf.pages[0].extract_text().split())  # pypdf spaces words with tabs
    assert "a paper crane unfolding" in text
    assert len(pdf.pages[0].images) == 2

    # A sheet never replaces a file: asked again for the same name, it says so.
    assert window._sheet_saver is not None
    await window._sheet_saver.write(records, out)
    assert window.statusBar().currentMessage() == "sheet.pdf exists already: choose another name."
