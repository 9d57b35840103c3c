"""The grid's model in series over a real library: images landing go where they belong."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from seedream_desktop.core.library import Library
from seedream_desktop.ui.grid.model import HeaderRole, ImageGridModel
from seedream_desktop.ui.grid.series_header import SeriesHeader
from tests.support.library import add_image, add_series


@pytest.fixture
def model(qtbot: QtBot, lib: Library) -> Iterator[ImageGridModel]:
    grid = ImageGridModel(lib, thumb_for=lambda _image: None, in_series=True)
    yield grid
    grid.loader.shutdown()


def rows(model: ImageGridModel) -> list[str]:
    shown = []
    for row in range(model.rowCount()):
        header = model.index(row).data(HeaderRole)
        if isinstance(header, SeriesHeader):
            shown.append(f"job {header.series.job.id}: {header.series.returned}")
        else:
            image = model.image_at(row)
            shown.append(f"{image.job_id}/{image.index}")
    return shown


def test_images_land_in_the_newest_series_and_a_new_one_without_a_reset(
    lib: Library, model: ImageGridModel, qtbot: QtBot
) -> None:
    old = add_series(lib, "an old one", 2)[0].job_id
    new = add_series(lib, "a growing one", 3, returned=1)[0].job_id
    model.refresh()
    assert rows(model) == [f"job {new}: 1", f"{new}/0", f"job {old}: 2", f"{old}/0", f"{old}/1"]
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))

    with qtbot.waitSignal(model.rowsInserted):
        model.image_added(add_image(lib, new, 1))
    assert rows(model)[:3] == [f"job {new}: 2", f"{new}/0", f"{new}/1"]

    model.set_collapsed(new, True)
    model.image_added(add_image(lib, new, 2))  # folded: only its header changes
    assert rows(model)[:2] == [f"job {new}: 3", f"job {old}: 2"]
    model.set_collapsed(new, False)
    assert rows(model)[:4] == [f"job {new}: 3", f"{new}/0", f"{new}/1", f"{new}/2"]

    newest = lib.create_job(lib.get_job(new).params).id  # type: ignore[union-attr]
    with qtbot.waitSignal(model.rowsInserted):
        model.image_added(add_image(lib, newest, 0))
    assert rows(model)[:3] == [f"job {newest}: 1", f"{newest}/0", f"job {new}: 3"]
    assert resets == []
    assert model.image_count() == 6


def test_an_older_series_growing_is_read_again(lib: Library, model: ImageGridModel) -> None:
    old = add_series(lib, "an old one", 2, returned=1)[0].job_id
    new = add_series(lib, "a new one", 2)[0].job_id
    model.refresh()
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    model.image_added(add_image(lib, old, 1))
    assert resets == [1]
    assert rows(model) == [
        f"job {new}: 2",
        f"{new}/0",
        f"{new}/1",
        f"job {old}: 2",
        f"{old}/0",
        f"{old}/1",
    ]
