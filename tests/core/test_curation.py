"""Pick, reject and rate images; the filter bar's queries; the library as series."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from seedream_desktop.api.params import AspectRatio, PromptMode
from seedream_desktop.core.library import Library, LibraryError, LibraryPaths, schema
from seedream_desktop.core.library.signals import LibrarySignals
from seedream_desktop.core.models import (
    ChangeKind,
    Flag,
    ImageQuery,
    JobState,
    LibraryChange,
    Series,
    SeriesProblem,
)
from tests.support.library import add_series


def _ids(lib: Library, query: ImageQuery) -> list[int]:
    return [image.id for image in lib.images_page(query, 0, 1000)]


# Curate


def test_picks_rejects_and_ratings_are_kept_across_a_restart(lib_paths: LibraryPaths) -> None:
    with Library.open(lib_paths) as lib:
        fox = add_series(lib, "a red fox", 4)
        lib.set_flag([fox[0].id, fox[2].id], Flag.PICKED)
        lib.set_flag([fox[3].id], Flag.REJECTED)
        lib.set_rating([fox[0].id, fox[1].id], 4)
    with Library.open(lib_paths) as lib:
        stored = lib.images_of_job(fox[0].job_id)
    assert [(im.flag, im.rating) for im in stored] == [
        (Flag.PICKED, 4),
        (Flag.NONE, 4),
        (Flag.PICKED, 0),
        (Flag.REJECTED, 0),
    ]


def test_unflag_and_zero_stars_undo_a_verdict(lib: Library) -> None:
    (image,) = add_series(lib, "a kite", 1)
    lib.set_flag([image.id], Flag.PICKED)
    lib.set_rating([image.id], 5)
    lib.set_flag([image.id], Flag.NONE)
    lib.set_rating([image.id], 0)
    stored = lib.image_by_id(image.id)
    assert stored is not None and (stored.flag, stored.rating) == (Flag.NONE, 0)


@pytest.mark.parametrize("bad", [-1, 6, 2.5, True, "3"])
def test_a_rating_outside_0_to_5_stars_is_refused_and_nothing_changes(
    lib: Library, bad: object
) -> None:
    (image,) = add_series(lib, "a kite", 1)
    lib.set_rating([image.id], 2)
    with pytest.raises(ValueError, match="stars"):
        lib.set_rating([image.id], bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="stars"):
        ImageQuery(min_rating=bad)  # type: ignore[arg-type]
    stored = lib.image_by_id(image.id)
    assert stored is not None and stored.rating == 2


def test_the_database_refuses_a_rating_written_past_the_app(lib_paths: LibraryPaths) -> None:
    with Library.open(lib_paths) as lib:
        (image,) = add_series(lib, "a kite", 1)
    conn = sqlite3.connect(lib_paths.db_file)
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE images SET rating = 9 WHERE id = ?", (image.id,))
    conn.close()


def test_a_selection_is_curated_in_one_transaction(lib: Library) -> None:
    """More ids than one statement takes: all change together or none do."""
    images = add_series(lib, "a kite", 15)
    ids = [im.id for im in images] + list(range(10_000, 10_600))  # unknown ids are ignored
    lib.set_flag(ids, Flag.PICKED)
    assert lib.count_images(ImageQuery(picked_only=True)) == 15


def test_listeners_hear_what_was_curated(lib: Library) -> None:
    images = add_series(lib, "a kite", 2)
    heard: list[LibraryChange] = []
    lib.changes.subscribe(heard.append)
    lib.set_flag([images[1].id], Flag.REJECTED)
    lib.set_rating([images[0].id, images[1].id], 3)
    lib.set_rating([], 3)  # nothing selected: nothing to announce
    assert heard == [
        LibraryChange(ChangeKind.CURATED, (images[1].id,), flag=Flag.REJECTED),
        LibraryChange(ChangeKind.CURATED, (images[0].id, images[1].id), rating=3),
    ]


def test_a_change_applied_to_records_already_read(lib: Library) -> None:
    """What the grid and an open viewer do with the records they hold, instead of reading again."""
    first, second = add_series(lib, "a kite", 2)
    heard: list[LibraryChange] = []
    lib.changes.subscribe(heard.append)
    lib.set_flag([second.id], Flag.PICKED)
    lib.set_rating([second.id], 4)
    held = [first, second]
    for change in heard:
        held = [change.applied_to(image) for image in held]
    assert held == lib.images_of_job(first.job_id)
    assert (held[0], (held[1].flag, held[1].rating)) == (first, (Flag.PICKED, 4))


def test_a_version_4_library_gains_curation_with_every_image_unflagged(
    lib_paths: LibraryPaths,
) -> None:
    lib_paths.ensure()
    conn = sqlite3.connect(lib_paths.db_file, isolation_level=None)
    schema.migrate(conn, schema.MIGRATIONS[:4])
    conn.execute(
        "INSERT INTO jobs (id, prompt, count, aspect, mode, state, created_at) VALUES "
        "(1, 'Generate 1 image of a kite', 1, '2048:2048 (1:1)', 'fast', 'done', "
        "'2024-01-02T03:04:05.000000Z')"
    )
    conn.execute(
        "INSERT INTO images (job_id, idx, path, format, width, height, byte_size, sha256, "
        "created_at) VALUES (1, 0, 'images/a.png', 'png', 2048, 2048, 3, 'ab', "
        "'2024-01-02T03:04:05.000000Z')"
    )
    conn.close()
    with Library.open(lib_paths) as lib:
        (image,) = lib.images_of_job(1)
        assert (image.flag, image.rating) == (Flag.NONE, 0)
        lib.set_flag([image.id], Flag.PICKED)
        assert lib.count_images(ImageQuery(picked_only=True)) == 1


# Filters


def test_picked_only_shows_exactly_the_picked_images(lib: Library) -> None:
    fox = add_series(lib, "a red fox", 4)
    owl = add_series(lib, "an owl", 3)
    lib.set_flag([fox[1].id, owl[2].id], Flag.PICKED)
    lib.set_flag([fox[0].id], Flag.REJECTED)
    picked = ImageQuery(picked_only=True)
    assert _ids(lib, picked) == [owl[2].id, fox[1].id]
    assert lib.count_images(picked) == 2


def test_hide_rejected_and_minimum_rating(lib: Library) -> None:
    fox = add_series(lib, "a red fox", 4)
    lib.set_flag([fox[0].id], Flag.REJECTED)
    lib.set_rating([fox[0].id], 5)
    lib.set_rating([fox[1].id], 3)
    lib.set_rating([fox[2].id], 2)
    assert _ids(lib, ImageQuery(hide_rejected=True)) == [fox[1].id, fox[2].id, fox[3].id]
    assert _ids(lib, ImageQuery(min_rating=3)) == [fox[0].id, fox[1].id]
    assert _ids(lib, ImageQuery(min_rating=3, hide_rejected=True)) == [fox[1].id]
    assert lib.count_images(ImageQuery(min_rating=1)) == 3


def test_mode_aspect_and_dates_narrow_the_matches(lib: Library) -> None:
    fast = add_series(lib, "a red fox", 2)
    standard = add_series(lib, "an owl", 2, mode=PromptMode.STANDARD)
    assert _ids(lib, ImageQuery(mode=PromptMode.STANDARD)) == [im.id for im in standard]
    assert _ids(lib, ImageQuery(mode=PromptMode.FAST, aspect=AspectRatio.SQUARE)) == [
        im.id for im in fast
    ]
    assert _ids(lib, ImageQuery(aspect=AspectRatio.WIDE_16_9)) == []
    moment = fast[0].created_at
    assert lib.count_images(ImageQuery(since=moment - timedelta(days=1))) == 4
    assert lib.count_images(ImageQuery(until=moment - timedelta(days=1))) == 0
    assert lib.count_images(ImageQuery(since=datetime.now().astimezone() + timedelta(1))) == 0


def test_search_finds_a_seed_or_a_request_id_as_well_as_prompt_words(lib: Library) -> None:
    fox = add_series(lib, "a red fox", 2, seed=424242)
    owl = add_series(lib, "an owl", 1, seed=7)
    assert _ids(lib, ImageQuery(text="424242")) == [im.id for im in fox]
    assert _ids(lib, ImageQuery(text=" req-owl ")) == [owl[0].id]
    assert _ids(lib, ImageQuery(text="owl")) == [owl[0].id]
    assert _ids(lib, ImageQuery(text="4242")) == []  # a seed matches whole, not in part


def test_the_curation_filters_are_answered_from_their_indexes(lib: Library) -> None:
    """At 100,000 images "Picked only" must not read every row (see benchmarks/)."""
    add_series(lib, "a red fox", 2)
    conn = lib._conn
    for where, index in (
        ("i.flag = 'picked'", "images_picked"),
        ("i.rating > 0 AND i.rating >= 3", "images_rated"),
    ):
        plan = " ".join(
            str(row[3])
            for row in conn.execute(f"EXPLAIN QUERY PLAN SELECT i.id FROM images i WHERE {where}")
        )
        assert index in plan


# Series


def all_series(lib: Library, query: ImageQuery) -> list[Series]:
    """Every series ``query`` matches, read as the grid reads them: outline, then by job."""
    return lib.series_of_jobs(query, [job_id for job_id, _ in lib.series_counts(query)])


def test_series_are_jobs_newest_first_with_their_images_in_order(lib: Library) -> None:
    fox = add_series(lib, "a red fox", 4)
    owl = add_series(lib, "an owl", 2)
    page = all_series(lib, ImageQuery())
    assert [(s.job.id, [im.index for im in s.images]) for s in page] == [
        (owl[0].job_id, [0, 1]),
        (fox[0].job_id, [0, 1, 2, 3]),
    ]
    assert [(s.returned, s.asked, s.problems) for s in page] == [(2, 2, ()), (4, 4, ())]
    assert len(lib.series_counts()) == 2


def test_a_filter_shows_only_series_with_a_match_but_counts_every_image(lib: Library) -> None:
    fox = add_series(lib, "a red fox", 4)
    add_series(lib, "an owl", 2)
    lib.set_flag([fox[2].id], Flag.PICKED)
    picked = ImageQuery(picked_only=True)
    (series,) = all_series(lib, picked)
    assert [im.id for im in series.images] == [fox[2].id]
    assert (series.returned, series.asked) == (4, 4)
    assert len(lib.series_counts(picked)) == 1


def test_the_series_outline_and_series_read_by_job(lib: Library) -> None:
    fox = add_series(lib, "a red fox", 4)
    owl = add_series(lib, "an owl", 2)
    lib.set_flag([fox[1].id, fox[3].id], Flag.PICKED)
    fox_id, owl_id = fox[0].job_id, owl[0].job_id
    assert lib.series_counts() == [(owl_id, 2), (fox_id, 4)]
    picked = ImageQuery(picked_only=True)
    assert lib.series_counts(picked) == [(fox_id, 2)]
    # In the order asked, the query's images only, a job that is gone left out.
    series = lib.series_of_jobs(picked, [fox_id, 999, owl_id])
    assert [(s.job.id, [im.id for im in s.images]) for s in series] == [
        (fox_id, [fox[1].id, fox[3].id]),
        (owl_id, []),
    ]
    assert series[0].returned == 4


def test_a_result_that_looks_wrong_is_flagged_on_its_series(lib: Library) -> None:
    add_series(lib, "a collage", 4, returned=1)
    add_series(lib, "a short one", 4, returned=3)
    add_series(lib, "an odd size", 2, size=(1024, 1024))
    add_series(lib, "still running", 4, returned=1, state=JobState.DOWNLOADING)
    problems = {s.job.params.prompt.split()[-1]: s.problems for s in all_series(lib, ImageQuery())}
    assert problems == {
        "collage": (SeriesProblem.ONE_FOR_MANY,),
        "one": (SeriesProblem.FEWER_THAN_ASKED,),
        "size": (SeriesProblem.OFF_PRESET_SIZE,),
        "running": (),
    }


def test_deleting_a_series_removes_the_job_its_images_and_files(lib: Library) -> None:
    fox = add_series(lib, "a red fox", 3)
    owl = add_series(lib, "an owl", 1)
    heard: list[LibraryChange] = []
    lib.changes.subscribe(heard.append)
    deleted = lib.delete_job(fox[0].job_id)
    assert sorted(deleted) == [im.id for im in fox]
    assert lib.get_job(fox[0].job_id) is None
    assert not any(im.path.exists() for im in fox)
    assert _ids(lib, ImageQuery()) == [owl[0].id]
    assert lib.count_images(ImageQuery(text="fox")) == 0  # gone from the search index too
    assert heard == [LibraryChange(ChangeKind.JOB_DELETED, deleted, job_id=fox[0].job_id)]


def test_a_series_whose_file_cannot_be_moved_is_kept_whole(
    lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    fox = add_series(lib, "a red fox", 3)
    real_replace = Path.replace

    def locked(self: Path, target: Path) -> Path:
        if self == fox[2].path:
            raise PermissionError(13, "Permission denied")
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", locked)
    with pytest.raises(LibraryError, match="not deleted"):
        lib.delete_job(fox[0].job_id)
    assert lib.get_job(fox[0].job_id) is not None
    assert [im.id for im in lib.images_of_job(fox[0].job_id)] == [im.id for im in fox]
    assert all(im.path.exists() for im in fox)


def test_a_running_series_cannot_be_deleted(lib: Library) -> None:
    running = add_series(lib, "a red fox", 2, state=JobState.RUNNING)
    with pytest.raises(LibraryError, match="still running"):
        lib.delete_job(running[0].job_id)
    assert len(lib.images_of_job(running[0].job_id)) == 2


def test_the_window_hears_curation_and_deletes_as_qt_signals(qtbot: QtBot, lib: Library) -> None:
    images = add_series(lib, "a kite", 2)
    signals = LibrarySignals(lib)
    with qtbot.waitSignal(signals.curated) as curated:
        lib.set_flag([images[0].id], Flag.PICKED)
    with qtbot.waitSignal(signals.jobDeleted) as deleted:
        lib.delete_job(images[0].job_id)
    assert curated.args == [LibraryChange(ChangeKind.CURATED, (images[0].id,), flag=Flag.PICKED)]
    assert deleted.args[0].job_id == images[0].job_id
    signals.deleteLater()
    qtbot.waitUntil(lambda: not lib.changes._listeners)
