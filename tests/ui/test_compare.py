"""The compare window: panes side by side, zoomed and panned together, curated one at a time."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import shiboken6
from PySide6.QtCore import QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from seedream_desktop.core.library import Library
from seedream_desktop.core.library.signals import LibrarySignals
from seedream_desktop.core.models import Flag, ImageRecord
from seedream_desktop.ui.compare import CompareWindow, _Pane
from seedream_desktop.ui.curation import Curator
from tests.support.library import add_series

OpenCompare = Callable[[list[ImageRecord]], CompareWindow]


@pytest.fixture
def series(lib: Library) -> list[ImageRecord]:
    """Five square images of one job, seed 11, real little PNGs on disk."""
    return add_series(lib, "a lighthouse at dusk", 5)


@pytest.fixture
def said() -> list[str]:
    return []


@pytest.fixture
def open_compare(qtbot: QtBot, lib: Library, said: list[str]) -> Iterator[OpenCompare]:
    owner = QObject()
    changes = LibrarySignals(lib, owner)
    curator = Curator(lib, said.append, owner)
    windows: list[CompareWindow] = []

    def open_(images: list[ImageRecord]) -> CompareWindow:
        window = CompareWindow(images, lib, curator=curator, changes=changes)
        window.resize(1200, 600)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        windows.append(window)
        return window

    yield open_
    for window in windows:
        if shiboken6.isValid(window):
            window.close()
    owner.deleteLater()


def labels(window: CompareWindow) -> list[tuple[str, str]]:
    return [(pane.title.text(), pane.verdict.text()) for pane in window._panes]


def wheel_up(pane: _Pane) -> None:
    viewport = pane.view.viewport()
    center = QPointF(viewport.rect().center())
    QApplication.sendEvent(
        viewport,
        QWheelEvent(
            center,
            QPointF(viewport.mapToGlobal(center.toPoint())),
            QPoint(),
            QPoint(0, 120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        ),
    )


def zooms(window: CompareWindow) -> list[float]:
    return [pane.view.zoom_factor() for pane in window._panes]


def test_three_images_show_three_labelled_panes(
    open_compare: OpenCompare, series: list[ImageRecord], qtbot: QtBot
) -> None:
    window = open_compare(series[:3])
    job = series[0].job_id
    assert window.windowTitle() == "Compare 3 Images"
    assert labels(window) == [
        (f"Job {job} · image {n} · Seed 11", "Not flagged · Not rated") for n in (1, 2, 3)
    ]
    assert [pane.isVisible() for pane in window._panes] == [True, True, True]
    assert window.is_fit()
    # The full images replace the (here absent) thumbnails once decoded, each at its real size.
    qtbot.waitUntil(lambda: all(not p.view.item.pixmap().isNull() for p in window._panes))
    assert {p.view.item.pixmap().width() * p.view.item.scale() for p in window._panes} == {2048}


def test_zooming_one_pane_zooms_all_to_the_same_factor(
    open_compare: OpenCompare, series: list[ImageRecord]
) -> None:
    window = open_compare(series[:3])
    fitted = zooms(window)
    assert fitted == pytest.approx([fitted[0]] * 3)

    wheel_up(window._panes[1])
    assert zooms(window) == pytest.approx([fitted[0] * 1.25] * 3)
    assert not window.is_fit()
    QTest.keyClick(window, Qt.Key.Key_Z)
    assert zooms(window) == pytest.approx([1.0] * 3)
    QTest.keyClick(window, Qt.Key.Key_Minus)
    assert zooms(window) == pytest.approx([0.8] * 3)
    QTest.keyClick(window, Qt.Key.Key_F)
    assert zooms(window) == pytest.approx(fitted)
    assert window.is_fit()


def test_scrolling_one_pane_pans_all(open_compare: OpenCompare, series: list[ImageRecord]) -> None:
    window = open_compare(series[:3])
    QTest.keyClick(window, Qt.Key.Key_Z)  # 2048 px in a pane a third of 1200 wide: scrollable
    first, *others = window._panes
    across, down = first.view.horizontalScrollBar(), first.view.verticalScrollBar()
    assert across.maximum() > 0 and down.maximum() > 0

    across.setValue(across.minimum() + (across.maximum() - across.minimum()) // 4)
    down.setValue(down.maximum())
    for pane in others:
        assert pane.view.horizontalScrollBar().value() == across.value()
        assert pane.view.verticalScrollBar().value() == pane.view.verticalScrollBar().maximum()

    others[1].view.horizontalScrollBar().setValue(0)  # from any pane, not only the first
    assert across.value() == 0


def test_keys_curate_the_active_pane_only(
    open_compare: OpenCompare, series: list[ImageRecord], lib: Library, said: list[str]
) -> None:
    window = open_compare(series[:3])
    second = window._panes[1]
    QTest.mouseClick(second.view.viewport(), Qt.MouseButton.LeftButton)
    assert window.active_image() == series[1]

    QTest.keyClick(window, Qt.Key.Key_P)
    stored = [lib.image_by_id(image.id) for image in series[:3]]
    assert [image.flag for image in stored if image] == [Flag.NONE, Flag.PICKED, Flag.NONE]
    assert second.verdict.text() == "Picked · Not rated"
    assert said == ["1 image picked"]

    QTest.keyClick(window, Qt.Key.Key_3)
    assert lib.image_by_id(series[1].id).rating == 3  # type: ignore[union-attr]
    assert second.verdict.text() == "Picked · ★★★☆☆ (3 stars)"
    assert [pane.verdict.text() for pane in window._panes[::2]] == ["Not flagged · Not rated"] * 2

    # A verdict given elsewhere (the grid, a viewer) shows here too.
    lib.set_flag([series[2].id], Flag.REJECTED)
    assert window._panes[2].verdict.text() == "Rejected · Not rated"


def test_arrows_swap_in_the_images_of_the_series_not_shown(
    open_compare: OpenCompare, series: list[ImageRecord]
) -> None:
    window = open_compare(series[:3])  # images 1, 2 and 3 of 5; the first pane is active

    def shown() -> list[int]:
        return [image.index + 1 for image in window.shown_images()]

    QTest.keyClick(window, Qt.Key.Key_Right)
    assert shown() == [4, 2, 3]
    assert window._panes[0].title.text().endswith("image 4 · Seed 11")
    QTest.keyClick(window, Qt.Key.Key_Right)
    assert shown() == [5, 2, 3]
    QTest.keyClick(window, Qt.Key.Key_Right)  # past the last: round to the first
    assert shown() == [1, 2, 3]
    QTest.keyClick(window, Qt.Key.Key_Left)  # and back round, skipping the ones on screen
    assert shown() == [5, 2, 3]
    assert window.is_fit()


def test_with_the_whole_series_on_screen_the_arrows_say_so(
    open_compare: OpenCompare, lib: Library
) -> None:
    pair = add_series(lib, "two herons", 2)
    window = open_compare(pair)
    QTest.keyClick(window, Qt.Key.Key_Right)
    assert [image.id for image in window.shown_images()] == [image.id for image in pair]
    assert window._message.isVisible()
    assert window._message.text() == f"Every image of series {pair[0].job_id} is shown already."


def test_escape_closes_and_the_closed_window_is_deleted(
    open_compare: OpenCompare, series: list[ImageRecord], qtbot: QtBot
) -> None:
    window = open_compare(series[:2])
    window.finished.connect(window.deleteLater)  # as the main window does
    qtbot.waitUntil(lambda: not window._panes[0].view.item.pixmap().isNull())
    pane_view = window._panes[0].view
    with qtbot.waitSignal(window.destroyed):
        QTest.keyClick(pane_view, Qt.Key.Key_Escape)
    assert not shiboken6.isValid(window)


def test_closing_frees_the_decoded_images(
    open_compare: OpenCompare, series: list[ImageRecord], qtbot: QtBot
) -> None:
    window = open_compare(series[:2])
    qtbot.waitUntil(lambda: all(not p.view.item.pixmap().isNull() for p in window._panes))
    window.close()
    assert [p.view.item.pixmap().isNull() for p in window._panes] == [True, True]
    assert window._full.get(series[0].id) is None
