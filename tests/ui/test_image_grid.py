"""The thumbnail grid as a designer uses it: scrolling a big library, selecting, opening."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QContextMenuEvent, QImage, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from seedream_desktop.core.models import Flag
from seedream_desktop.core.settings import spec
from seedream_desktop.ui.grid.delegate import DEFAULT_THUMB
from seedream_desktop.ui.grid.model import (
    ImageGridModel,
    ImageRole,
    ThumbStateRole,
    TileRole,
    is_placeholder,
)
from seedream_desktop.ui.grid.view import ImageGridView
from seedream_desktop.ui.thumbnail_loader import ThumbnailLoader, ThumbState

from .conftest import DecodeLog, FakeSource, dark_palette, make_record, series

GridFactory = Callable[..., tuple[ImageGridView, ImageGridModel]]


@pytest.fixture
def make_grid(qtbot: QtBot, decode_log: DecodeLog) -> Iterator[GridFactory]:
    loaders: list[ThumbnailLoader] = []

    def make(source: FakeSource) -> tuple[ImageGridView, ImageGridModel]:
        loader = ThumbnailLoader(decode_log.thumb_for)
        loaders.append(loader)
        model = ImageGridModel(source, loader)
        view = ImageGridView()
        qtbot.addWidget(view)
        view.setModel(model)
        view.resize(900, 700)
        view.show()
        qtbot.waitExposed(view)
        view.setFocus()
        return view, model

    yield make
    for loader in loaders:
        loader.shutdown()


def _wait_for_layout(view: ImageGridView, qtbot: QtBot) -> None:
    """Batched layout places items over several event-loop turns; wait until all are placed."""
    columns = max(1, view.viewport().width() // view.gridSize().width())
    full_height = (view.model().rowCount() // columns - 1) * view.gridSize().height()
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() >= full_height - view.height())


def test_ten_thousand_images_are_read_a_page_at_a_time(
    make_grid: GridFactory, big_source: FakeSource, qtbot: QtBot
) -> None:
    view, model = make_grid(big_source)
    _wait_for_layout(view, qtbot)
    bar = view.verticalScrollBar()
    for fraction in (0.25, 0.5, 0.999, 1.0):
        bar.setValue(int(bar.maximum() * fraction))
        view.viewport().repaint()

    assert model.rowCount() == 10_000
    assert big_source.rows_served < 2_000
    shown = view.indexAt(QPoint(view.gridSize().width() // 2, view.gridSize().height() // 2))
    assert shown.row() > 9_000
    assert shown.data(ImageRole) == big_source.images[shown.row()]


def test_thumbnails_arrive_decoded_off_the_gui_thread_at_display_size(
    make_grid: GridFactory,
    image_files: Callable[[int], list[Path]],
    decode_log: DecodeLog,
    qtbot: QtBot,
) -> None:
    paths = image_files(4)
    source = FakeSource([make_record(i + 1, path=p) for i, p in enumerate(paths)])
    view, model = make_grid(source)
    index = model.index(0)
    assert is_placeholder(index.data(Qt.ItemDataRole.DecorationRole))

    qtbot.waitUntil(lambda: index.data(ThumbStateRole) is ThumbState.READY)

    pixmap = index.data(Qt.ItemDataRole.DecorationRole)
    assert not is_placeholder(pixmap)
    side = view.thumbnail_size()
    assert (pixmap.width(), pixmap.height()) == (side, side * 9 // 16)  # the 320×180 file, shrunk
    assert decode_log.calls >= 1
    assert threading.get_ident() not in decode_log.threads


def test_unreadable_file_shows_as_failed_not_forever_loading(
    make_grid: GridFactory, qtbot: QtBot
) -> None:
    _view, model = make_grid(FakeSource([make_record(1, path=Path("/nonexistent/gone.png"))]))
    qtbot.waitUntil(lambda: model.index(0).data(ThumbStateRole) is ThumbState.FAILED)
    assert is_placeholder(model.index(0).data(Qt.ItemDataRole.DecorationRole))


def test_fast_scrolling_decodes_only_what_stops_on_screen(
    make_grid: GridFactory, big_source: FakeSource, decode_log: DecodeLog, qtbot: QtBot
) -> None:
    view, model = make_grid(big_source)
    _wait_for_layout(view, qtbot)
    bar = view.verticalScrollBar()
    for step in range(1, 101):
        bar.setValue(bar.maximum() * step // 100)
        view.viewport().repaint()
    qtbot.waitUntil(lambda: model.loader.pending_count() == 0)

    assert decode_log.calls < 1_000
    last_screen = view.visible_rows()
    assert all(
        model.index(row).data(ThumbStateRole) is not ThumbState.LOADING for row in last_screen
    )


@pytest.fixture
def small_source() -> FakeSource:
    return FakeSource(series(100, 3, 6) + series(200, 2, 6) + series(300, 1, 8))


def _click(view: ImageGridView, row: int, modifier: Qt.KeyboardModifier | None = None) -> None:
    center = view.visualRect(view.model().index(row)).center()
    QTest.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, modifier or Qt.KeyboardModifier(0), center
    )


def test_keyboard_selection(make_grid: GridFactory, small_source: FakeSource, qtbot: QtBot) -> None:
    view, _model = make_grid(small_source)
    _click(view, 0)
    with qtbot.waitSignal(view.selectionChangedRecords) as blocker:
        QTest.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert blocker.args == [small_source.images[:2]]

    with qtbot.waitSignal(view.selectionChangedRecords) as blocker:
        QTest.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args == [small_source.images]

    _click(view, 5)
    QTest.keyClick(view, Qt.Key.Key_Right)
    assert view.selected_records() == [small_source.images[6]]


def test_shift_and_ctrl_click_extend_the_selection(
    make_grid: GridFactory, small_source: FakeSource
) -> None:
    view, _model = make_grid(small_source)
    _click(view, 1)
    _click(view, 3, Qt.KeyboardModifier.ShiftModifier)
    _click(view, 10, Qt.KeyboardModifier.ControlModifier)
    assert view.selected_records() == [*small_source.images[1:4], small_source.images[10]]


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space])
def test_keys_open_the_current_image(
    make_grid: GridFactory, small_source: FakeSource, qtbot: QtBot, key: Qt.Key
) -> None:
    view, _model = make_grid(small_source)
    _click(view, 4)
    with qtbot.waitSignal(view.activated) as blocker:
        QTest.keyClick(view, key)
    assert blocker.args == [small_source.images[4]]


def test_double_click_opens_the_image(
    make_grid: GridFactory, small_source: FakeSource, qtbot: QtBot
) -> None:
    view, model = make_grid(small_source)
    center = view.visualRect(model.index(7)).center()
    with qtbot.waitSignal(view.activated) as blocker:
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
        QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert blocker.args == [small_source.images[7]]


def test_landed_images_appear_first_in_series_order(
    make_grid: GridFactory, small_source: FakeSource, qtbot: QtBot
) -> None:
    view, model = make_grid(small_source)
    _click(view, 2)
    selected = small_source.images[2]
    new_series = series(400, 4, 2)

    for position, image in enumerate(new_series):
        small_source.images.insert(position, image)
        with qtbot.assertNotEmitted(model.modelReset):
            model.image_added(image)
        assert model.image_at(position) == image

    assert model.rowCount() == 22
    assert [model.image_at(r) for r in range(3)] == [*new_series, small_source.images[2]]
    assert view.selected_records() == [selected]


def test_image_landing_deep_in_the_list_falls_back_to_a_refresh(
    make_grid: GridFactory, big_source: FakeSource, qtbot: QtBot
) -> None:
    _view, model = make_grid(big_source)
    late = make_record(99_999, job_id=1, index=5)
    big_source.images.append(late)
    with qtbot.waitSignal(model.modelReset):
        model.image_added(late)
    assert model.rowCount() == 10_001
    assert model.image_at(10_000) == late


def test_image_outside_the_query_changes_nothing(
    make_grid: GridFactory, small_source: FakeSource, qtbot: QtBot
) -> None:
    _view, model = make_grid(small_source)
    with qtbot.assertNotEmitted(model.modelReset), qtbot.assertNotEmitted(model.rowsInserted):
        model.image_added(make_record(777))
    assert model.rowCount() == 20


def test_refresh_keeps_the_selection_when_images_arrive_on_top(
    make_grid: GridFactory, small_source: FakeSource
) -> None:
    view, model = make_grid(small_source)
    _click(view, 4)
    _click(view, 6, Qt.KeyboardModifier.ShiftModifier)
    before = view.selected_records()

    small_source.images[0:0] = series(500, 5, 3)
    model.refresh()

    assert model.rowCount() == 23
    assert view.selected_records() == before
    assert view.current_image() == small_source.images[9]


def test_dragging_out_gives_the_files(make_grid: GridFactory, small_source: FakeSource) -> None:
    _view, model = make_grid(small_source)
    mime = model.mimeData([model.index(0), model.index(2)])
    assert [url.toLocalFile() for url in mime.urls()] == [
        str(small_source.images[0].path),
        str(small_source.images[2].path),
    ]


def test_context_menu_offers_the_clicked_image(
    make_grid: GridFactory, small_source: FakeSource, qtbot: QtBot
) -> None:
    view, model = make_grid(small_source)
    _click(view, 0)
    center = view.visualRect(model.index(5)).center()
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, center, view.viewport().mapToGlobal(center)
    )
    with qtbot.waitSignal(view.contextMenuRequested) as blocker:
        view.contextMenuEvent(event)
    assert blocker.args == [[small_source.images[5]], view.viewport().mapToGlobal(center)]
    # The right-clicked image is now the selected one, as the menu's actions will act on it.
    assert view.selected_records() == [small_source.images[5]]
    assert view.current_image() == small_source.images[5]


def test_zoom_is_clamped_and_keeps_the_current_image(
    make_grid: GridFactory, small_source: FakeSource
) -> None:
    view, _model = make_grid(small_source)
    _click(view, 3)
    low, high = spec("grid_zoom").bounds
    assert view.set_thumbnail_size(1_000) == high
    large_cell = view.gridSize()
    assert view.iconSize() == QSize(high, high)
    assert view.set_thumbnail_size(10) == low
    assert view.iconSize() == QSize(low, low)
    assert view.gridSize().width() < large_cell.width()
    assert view.current_image() == small_source.images[3]


def test_grid_takes_its_colours_from_the_palette(
    make_grid: GridFactory, small_source: FakeSource
) -> None:
    view, model = make_grid(small_source)
    dark = dark_palette()
    view.setPalette(dark)
    picture = view.viewport().grab().toImage()
    tile = view.visualRect(model.index(1))
    background = picture.pixelColor(tile.left() + 1, tile.top() + 1)
    card = picture.pixelColor(tile.left() + 8, tile.center().y())  # job 3's tinted card
    assert background.lightness() < 80
    assert card.lightness() < 80
    assert card != background


class _PaintCounter(QObject):
    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.paints = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def test_thumbnails_landing_together_cost_one_repaint(
    make_grid: GridFactory, small_source: FakeSource, qtbot: QtBot
) -> None:
    view, model = make_grid(small_source)
    qtbot.waitUntil(
        lambda: all(
            model.index(row).data(ThumbStateRole) is not ThumbState.LOADING
            for row in view.visible_rows()
        )
    )
    qtbot.wait(50)  # the repaint of those first thumbnails
    counter = _PaintCounter(view.viewport())
    changes: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda first, last, _roles: changes.append((first.row(), last.row())))

    for row in view.visible_rows():  # a screenful of thumbnails settling in one event-loop turn
        model.loader.thumbnailReady.emit(model.image_at(row).id)
    qtbot.waitUntil(lambda: bool(changes))
    qtbot.wait(50)

    rows = view.visible_rows()
    assert changes == [(rows.start, rows.stop - 1)]
    assert counter.paints <= 1


def _rows_under_every_point(view: ImageGridView) -> range:
    """The slow, obviously right answer: what ``indexAt`` finds under points 4 px apart."""
    area = view.viewport().rect()
    rows = {
        index.row()
        for y in range(0, area.height(), 4)
        for x in range(0, area.width(), 4)
        if (index := view.indexAt(QPoint(x, y))).isValid()
    }
    return range(min(rows), max(rows) + 1) if rows else range(0)


def test_visible_rows_follow_scrolling_and_zoom(
    make_grid: GridFactory, big_source: FakeSource, qtbot: QtBot
) -> None:
    view, model = make_grid(big_source)
    bar = view.verticalScrollBar()
    last = model.index(model.rowCount() - 1)
    for zoom in (spec("grid_zoom").low, DEFAULT_THUMB, spec("grid_zoom").high):
        view.set_thumbnail_size(zoom)
        qtbot.waitUntil(lambda: view.visualRect(last).isValid())  # batched layout is done
        for fraction in (0.0, 0.3301, 0.5, 1.0):
            bar.setValue(int(bar.maximum() * fraction))
            assert view.visible_rows() == _rows_under_every_point(view), (zoom, fraction)


def test_thumbnail_cache_is_bounded_in_bytes_by_the_screen(
    make_grid: GridFactory, image_files: Callable[[int], list[Path]], qtbot: QtBot
) -> None:
    paths = image_files(4)
    source = FakeSource([make_record(i + 1, path=paths[i % 4]) for i in range(600)])
    view, model = make_grid(source)
    loader = model.loader
    _wait_for_layout(view, qtbot)
    bar = view.verticalScrollBar()
    for step in range(0, 21):
        bar.setValue(bar.maximum() * step // 20)
        qtbot.waitUntil(lambda: loader.pending_count() == 0)
        assert loader.cached_bytes <= loader.cache_bytes

    shown = len(view.visible_rows())
    side = loader.face.device_side
    # What is on screen fits, with room for a margin; the library does not.
    assert shown * side * side * 4 < loader.cache_bytes < 16 * 1024 * 1024
    assert loader.cached_bytes > shown * side * side * 9 // 16 * 4 * 0.9

    bigger = DEFAULT_THUMB + 64
    view.set_thumbnail_size(bigger)
    assert loader.face.side == bigger
    qtbot.waitUntil(lambda: _shown_width(model, view.visible_rows().start) == bigger)


def _shown_width(model: ImageGridModel, row: int) -> int | None:
    made = model.index(row).data(TileRole).made
    return None if made is None else made.picture.width()


def test_a_landed_image_shows_the_runners_thumbnail_without_decoding_again(
    make_grid: GridFactory, decode_log: DecodeLog, qtbot: QtBot
) -> None:
    source = FakeSource([])
    _view, model = make_grid(source)
    image = make_record(1, path=Path("/nonexistent/never-read.png"))
    thumbnail = QImage(512, 288, QImage.Format.Format_RGB32)
    thumbnail.fill(QColor("teal"))
    source.images.append(image)

    model.image_added(image, thumbnail)

    qtbot.waitUntil(lambda: model.index(0).data(ThumbStateRole) is ThumbState.READY)
    assert model.index(0).data(TileRole).made.picture.width() == DEFAULT_THUMB
    assert decode_log.calls == 0


def test_handed_over_thumbnails_are_let_go_once_shown(qtbot: QtBot) -> None:
    """A day of landings must not keep runner thumbnails (~0.6 MB each) alive: a QRunnable
    subclass that held its work outlived its run with PySide6 (the soak test grew ~1 MB a job)."""
    loader = ThumbnailLoader()

    def land(image_id: int) -> None:  # no reference to the thumbnail stays with the test
        thumbnail = QImage(512, 288, QImage.Format.Format_RGB32)
        thumbnail.fill(QColor("teal"))
        loader.offer(make_record(image_id), thumbnail)

    for image_id in range(1, 31):
        land(image_id)
    try:
        qtbot.waitUntil(lambda: loader.pending_count() == 0)
        assert all(loader.state(i) is ThumbState.READY for i in range(1, 31))
    finally:
        loader.shutdown()
    gc.collect()
    held = [o for o in gc.get_objects() if isinstance(o, QImage) and o.width() == 512]
    assert held == []


def _pixels(picture: QImage, rect: QRect, wanted: Callable[[QColor], bool]) -> int:
    return sum(
        wanted(picture.pixelColor(x, y))
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
    )


def _near(colour: QColor) -> Callable[[QColor], bool]:
    def wanted(found: QColor) -> bool:
        pairs = zip(found.getRgb()[:3], colour.getRgb()[:3], strict=True)
        return all(abs(a - b) <= 12 for a, b in pairs)

    return wanted


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_tiles_show_pick_reject_and_stars(make_grid: GridFactory, theme: str) -> None:
    none, picked, rejected, rated, plain = series(1, 1, 5)
    verdicts = [
        none,
        replace(picked, flag=Flag.PICKED),
        replace(rejected, flag=Flag.REJECTED),
        replace(rated, rating=4),
        plain,
    ]
    view, model = make_grid(FakeSource(verdicts))
    palette = dark_palette() if theme == "dark" else QPalette()
    view.setPalette(palette)
    view.setCurrentIndex(model.index(0))  # its outline is drawn in the highlight colour too
    picture = view.viewport().grab().toImage()
    tiles = [view.visualRect(model.index(row)) for row in range(5)]
    highlight = _near(palette.color(QPalette.ColorRole.Highlight))
    red = _near(QColor(198, 40, 40))

    assert _pixels(picture, tiles[1], highlight) > 20 + _pixels(picture, tiles[4], highlight)
    assert _pixels(picture, tiles[2], red) > 20
    assert _pixels(picture, tiles[4], red) == 0
    ink = _near(palette.color(QPalette.ColorRole.Text))
    assert _pixels(picture, tiles[3], ink) > 20 + _pixels(picture, tiles[4], ink)
    assert model.index(1).data(TileRole).image.flag is Flag.PICKED
