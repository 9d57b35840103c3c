"""The large viewer: stepping, zooming, closing and handing a seed back."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QPalette, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from seedream_desktop.core.models import ImageRecord
from seedream_desktop.ui.grid.model import ImageGridModel
from seedream_desktop.ui.viewer import ImageViewer

from .conftest import FakeSource, dark_palette, make_record


@pytest.fixture
def images(image_files: Callable[[int], list[Path]]) -> list[ImageRecord]:
    paths = image_files(3)
    return [
        make_record(i + 1, job_id=7, index=i, path=p, width=320, height=180, seed=100 + i)
        for i, p in enumerate(paths)
    ]


@pytest.fixture
def viewer(qtbot: QtBot, images: list[ImageRecord]) -> Iterator[ImageViewer]:
    window = ImageViewer(images, 1)
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    yield window
    window.close()


def test_opens_on_the_chosen_image_fitted(viewer: ImageViewer, images: list[ImageRecord]) -> None:
    assert viewer.windowTitle() == "Image 2 of 3"
    assert viewer.current_image() == images[1]
    assert viewer.is_fit()


def test_full_image_is_decoded_and_shown(viewer: ImageViewer, qtbot: QtBot) -> None:
    item = viewer._view.item
    qtbot.waitUntil(lambda: not item.pixmap().isNull())
    assert (item.pixmap().width(), item.pixmap().height()) == (320, 180)


def test_arrow_keys_step_through_the_series(
    viewer: ImageViewer, images: list[ImageRecord], qtbot: QtBot
) -> None:
    with qtbot.waitSignal(viewer.currentChanged) as blocker:
        QTest.keyClick(viewer, Qt.Key.Key_Right)
    assert blocker.args == [images[2]]
    assert viewer.windowTitle() == "Image 3 of 3"

    QTest.keyClick(viewer, Qt.Key.Key_Right)  # already the last: stays
    assert viewer.windowTitle() == "Image 3 of 3"

    QTest.keyClick(viewer, Qt.Key.Key_Left)
    QTest.keyClick(viewer, Qt.Key.Key_Left)
    assert viewer.windowTitle() == "Image 1 of 3"


def test_z_gives_actual_size_and_f_fits_again(viewer: ImageViewer) -> None:
    # Not 1 and 0, as before: in the viewer the digits are star ratings, as in Lightroom.
    fitted = viewer.zoom_factor()
    assert fitted != pytest.approx(1.0)
    QTest.keyClick(viewer, Qt.Key.Key_Z)
    assert viewer.zoom_factor() == pytest.approx(1.0)
    assert not viewer.is_fit()
    QTest.keyClick(viewer, Qt.Key.Key_F)
    assert viewer.zoom_factor() == pytest.approx(fitted)
    QTest.keyClick(viewer, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert viewer.zoom_factor() == pytest.approx(1.0)
    QTest.keyClick(viewer, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert viewer.zoom_factor() == pytest.approx(fitted)


def test_wheel_and_plus_minus_zoom(viewer: ImageViewer) -> None:
    start = viewer.zoom_factor()
    viewport = viewer._view.viewport()
    center = QPointF(viewport.rect().center())
    wheel = QWheelEvent(
        center,
        QPointF(viewport.mapToGlobal(center.toPoint())),
        QPoint(),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, wheel)
    assert viewer.zoom_factor() == pytest.approx(start * 1.25)

    QTest.keyClick(viewer, Qt.Key.Key_Minus)
    QTest.keyClick(viewer, Qt.Key.Key_Minus)
    assert viewer.zoom_factor() == pytest.approx(start / 1.25)


def test_escape_closes(viewer: ImageViewer, qtbot: QtBot) -> None:
    with qtbot.waitSignal(viewer.rejected):
        QTest.keyClick(viewer._view, Qt.Key.Key_Escape)
    assert not viewer.isVisible()


def test_use_this_seed_hands_the_seed_back(
    viewer: ImageViewer, images: list[ImageRecord], qtbot: QtBot
) -> None:
    with qtbot.waitSignal(viewer.reuseSeed) as blocker:
        viewer._seed_button.click()
    assert blocker.args == [101]
    with qtbot.waitSignal(viewer.reuseSettings) as blocker:
        viewer._reuse_button.click()
    assert blocker.args == [images[1]]


def test_unreadable_file_says_so_in_words(qtbot: QtBot) -> None:
    window = ImageViewer([make_record(1, path=Path("/nonexistent/gone.png"))])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(window._message.isVisible)
    assert window._message.text().startswith("This image can't be shown.")
    assert "Traceback" not in window._message.text()
    window.close()


def test_what_is_shown_stays_what_the_buttons_act_on(
    viewer: ImageViewer, images: list[ImageRecord], qtbot: QtBot
) -> None:
    images.insert(0, make_record(99, path=images[0].path))  # the caller's list changes later
    del images[2]
    assert viewer.windowTitle() == "Image 2 of 3"
    with qtbot.waitSignal(viewer.reuseSettings) as blocker:
        viewer._reuse_button.click()
    assert blocker.args[0].id == 2
    QTest.keyClick(viewer, Qt.Key.Key_Right)
    assert viewer.current_image().id == 3


def test_steps_through_rows_around_the_start_in_a_big_library(
    qtbot: QtBot, big_source: FakeSource
) -> None:
    model = ImageGridModel(big_source)
    images, start = model.images_around(model.image_at(5_000), 500)
    window = ImageViewer(images, start, thumbnails=model.loader)
    qtbot.addWidget(window)
    assert window.windowTitle() == "Image 501 of 1,001"
    window.next()
    assert window.current_image() == big_source.images[5_001]
    assert big_source.rows_served <= 1_600
    window.close()
    model.loader.shutdown()


def test_the_details_name_the_styles_that_were_on(qtbot: QtBot, images: list[ImageRecord]) -> None:
    styled = dataclasses.replace(images[0], styles=("Watercolour", "Ink lines"))
    window = ImageViewer([styled, images[1]], 0)
    qtbot.addWidget(window)
    window.show()
    assert window._fields["styles"].text() == "Watercolour; Ink lines"
    window.next()
    assert window._fields["styles"].text() == "None"
    window.close()


def test_the_backdrop_follows_a_live_switch_to_dark_and_back(
    viewer: ImageViewer, light_palette: QPalette, qtbot: QtBot
) -> None:
    def backdrop() -> int:
        return viewer._view.backgroundBrush().color().lightness()

    light = backdrop()
    assert light > 150

    QApplication.setPalette(dark_palette())  # the widgets hear of it through posted events
    # A shade off the dark window, not a light slab around the picture.
    qtbot.waitUntil(lambda: backdrop() < 60)

    QApplication.setPalette(light_palette)
    qtbot.waitUntil(lambda: backdrop() == light)


def test_the_details_say_what_the_job_cost(qtbot: QtBot, images: list[ImageRecord]) -> None:
    charged = dataclasses.replace(images[0], job_cost=Decimal("0.12"))
    window = ImageViewer([charged, images[1]], 0)
    qtbot.addWidget(window)
    window.show()
    assert window._fields["cost"].text() == "US$0.12"
    window.next()  # its job still running, or a server that never said
    assert window._fields["cost"].text() == "Not known yet"
    window.close()
