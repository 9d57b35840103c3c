"""Compare from the real window: C on two to four selected images, the image menu's entry."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from seedream_desktop.core.models import Flag
from seedream_desktop.ui.compare import CompareWindow
from seedream_desktop.ui.main_window import MainWindow
from tests.support.waiting import until
from tests.window.test_curation import context_menu, select_rows, series_made, stored, tile


def compare_windows() -> list[CompareWindow]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, CompareWindow) and w.isVisible()
    ]


async def test_c_on_three_selected_images_compares_them(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    await series_made(window, qtbot, "a kite over the dunes", 4)
    ids = select_rows(window, 0, 1, 2)

    qtbot.keyClick(window.grid, Qt.Key.Key_C)

    [compare] = compare_windows()
    assert len(compare._panes) == 3
    assert [image.id for image in compare.shown_images()] == ids
    await until(compare.isActiveWindow)
    qtbot.keyClick(compare, Qt.Key.Key_P)
    assert stored(window, ids[0]).flag is Flag.PICKED
    assert tile(window, 0).image.flag is Flag.PICKED  # the grid hears of it
    assert window.statusBar().currentMessage() == "1 image picked"
    qtbot.keyClick(compare, Qt.Key.Key_Right)  # the one image of the series not on screen
    assert compare.active_image().id == tile(window, 3).image.id

    compare.close()
    await until(lambda: not shiboken6.isValid(compare))
    assert window._image_windows == []


async def test_c_with_one_image_selected_says_how_many_to_select(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    await series_made(window, qtbot, "a kite over the dunes", 5)
    select_rows(window, 0)
    qtbot.keyClick(window.grid, Qt.Key.Key_C)
    assert compare_windows() == []
    assert window.statusBar().currentMessage() == (
        "Select 2 to 4 images to compare them side by side."
    )
    select_rows(window, 0, 1)
    window.search.setFocus()
    qtbot.keyClicks(window.search, "c")  # a letter in the search box, not the shortcut
    assert compare_windows() == []
    assert window.search.text() == "c"


async def test_the_image_menu_offers_compare_for_two_to_four(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    await series_made(window, qtbot, "a kite over the dunes", 5)
    for count, enabled in ((1, False), (2, True), (4, True), (5, False)):
        records = window.grid_model.images_at(range(count))
        menu = context_menu(window, records)
        entry = next(a for a in menu.actions() if a.text().startswith("Compare"))
        assert entry.isEnabled() is enabled, count
        if count == 2:
            assert entry.text() == "Compare 2 Images"
            entry.trigger()
        menu.close()
    [compare] = compare_windows()
    assert len(compare._panes) == 2
    compare.close()
