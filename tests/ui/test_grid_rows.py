"""Where the grid's rows come from: flat, and in series with headers and folded series."""

from __future__ import annotations

from seedream_desktop.ui.grid.rows import FlatRows, RowPlace, SeriesRows

# Three series, newest first: job 9 with 3 images, job 7 with 1, job 4 with 2.
COUNTS = [(9, 3), (7, 1), (4, 2)]


def test_flat_rows_are_the_library_order() -> None:
    rows = FlatRows(5)
    assert (rows.row_count, rows.image_count) == (5, 5)
    assert rows.place(3) == RowPlace(None, 3)
    assert (rows.row_of(4), rows.row_of(5)) == (4, None)
    assert not rows.is_header(0)


def test_each_series_is_its_header_then_its_images() -> None:
    rows = SeriesRows(COUNTS)
    assert (rows.row_count, rows.image_count) == (9, 6)
    places = [rows.place(r) for r in range(rows.row_count)]
    assert places == [
        RowPlace(0, None),
        RowPlace(0, 0),
        RowPlace(0, 1),
        RowPlace(0, 2),
        RowPlace(1, None),
        RowPlace(1, 3),
        RowPlace(2, None),
        RowPlace(2, 4),
        RowPlace(2, 5),
    ]
    assert [r for r in range(9) if rows.is_header(r)] == [0, 4, 6]
    assert [rows.row_of(flat) for flat in range(6)] == [1, 2, 3, 5, 7, 8]


def test_a_folded_series_keeps_only_its_header() -> None:
    rows = SeriesRows(COUNTS, collapsed={9, 123})  # a job no longer shown is forgotten
    assert rows.collapsed == {9}
    assert rows.row_count == 6
    assert [rows.place(r) for r in range(3)] == [
        RowPlace(0, None),
        RowPlace(1, None),
        RowPlace(1, 3),
    ]
    assert [rows.row_of(flat) for flat in range(6)] == [None, None, None, 2, 4, 5]
    assert rows.series_of_job(4) == 2 and rows.series_of_job(5) is None


def test_a_selection_goes_from_rows_to_images_and_back_in_either_layout() -> None:
    rows = SeriesRows(COUNTS)
    # Rows 2…7 hold images 1, 2 (job 9), 3 (job 7), 4 (job 4): one run of images.
    assert rows.flat_ranges(2, 7) == [(1, 4)]
    assert rows.flat_ranges(0, 0) == []  # a header alone holds no image
    assert rows.row_ranges(1, 4) == [(2, 3), (5, 5), (7, 7)]
    folded = SeriesRows(COUNTS, collapsed={7})
    assert folded.row_ranges(1, 4) == [(2, 3), (6, 6)]
    assert folded.flat_ranges(0, folded.row_count - 1) == [(0, 2), (4, 5)]
    flat = FlatRows(6)
    assert flat.flat_ranges(2, 3) == [(2, 3)] and flat.row_ranges(2, 3) == [(2, 3)]


def test_an_empty_library_has_no_rows() -> None:
    rows = SeriesRows([])
    assert (rows.row_count, rows.image_count) == (0, 0)
    assert not rows.is_header(0)
    assert rows.row_of(0) is None
