"""The library: schema and migrations, jobs that survive restarts, images paged and searched."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from seedream_desktop.api.models import ImageFormat
from seedream_desktop.api.params import AspectRatio, GenerationParams, PromptMode, Style
from seedream_desktop.core import paths as paths_module
from seedream_desktop.core.library import Library, LibraryError, LibraryPaths, schema
from seedream_desktop.core.library import library as library_module
from seedream_desktop.core.library.rows import PARAM_COLUMNS
from seedream_desktop.core.models import ErrorKind, ImageQuery, JobState
from seedream_desktop.core.paths import DATA_DIR_ENV, data_dir
from seedream_desktop.core.thumbnails import thumbnail_path


def _params(description: str = "a red fox", count: int = 3, **kwargs: object) -> GenerationParams:
    return GenerationParams.from_description(description, count, **kwargs)  # type: ignore[arg-type]


def _add_images(lib: Library, job_id: int, indexes: list[int]) -> None:
    for index in indexes:
        path = lib.image_path_for(job_id, index, ".png")
        path.write_bytes(f"image {job_id}-{index}".encode())
        lib.add_image(
            job_id, index, path, ImageFormat.PNG, 64, 36, 12, f"{job_id:032x}{index:032x}"
        )


_EVERYTHING = ImageQuery()


def _order(lib: Library, query: ImageQuery = _EVERYTHING) -> list[tuple[int, int]]:
    return [(im.job_id, im.index) for im in lib.images_page(query, 0, 1000)]


# Folders


def test_data_dir_prefers_flag_then_environment_then_os_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "from-env"))
    assert data_dir(tmp_path / "from-flag") == tmp_path / "from-flag"
    assert data_dir() == tmp_path / "from-env"
    monkeypatch.delenv(DATA_DIR_ENV)
    monkeypatch.setattr(paths_module.platformdirs, "user_data_dir", lambda *a, **k: "/os/default")
    assert data_dir() == Path("/os/default")


def test_demo_library_is_kept_apart_from_the_real_one(tmp_path: Path) -> None:
    real = LibraryPaths.in_data_dir(tmp_path)
    demo = LibraryPaths.in_data_dir(tmp_path, demo=True)
    assert real.root != demo.root
    assert not demo.root.is_relative_to(real.root)
    assert not real.root.is_relative_to(demo.root)


def test_unwritable_library_folder_gives_a_clear_message(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    paths = LibraryPaths.for_root(blocker / "library")
    with pytest.raises(LibraryError) as caught:
        Library.open(paths)
    assert str(caught.value) == f"Cannot write to the library folder {paths.root}: Not a directory"


def test_damaged_database_file_gives_a_clear_message(lib_paths: LibraryPaths) -> None:
    lib_paths.ensure()
    lib_paths.db_file.write_bytes(b"this is not a database" * 100)
    with pytest.raises(LibraryError, match="damaged or unreadable"):
        Library.open(lib_paths)


# Schema


def test_new_library_is_at_the_latest_version_and_reopening_changes_nothing(
    lib_paths: LibraryPaths,
) -> None:
    with Library.open(lib_paths) as lib:
        job = lib.create_job(_params())
    with Library.open(lib_paths) as lib:
        assert lib.get_job(job.id) == job
    conn = sqlite3.connect(lib_paths.db_file)
    assert schema.user_version(conn) == schema.SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def _old_library(lib_paths: LibraryPaths, version: int, *statements: str) -> None:
    """A library as version ``version`` of the schema left it, with ``statements`` run in it."""
    lib_paths.ensure()
    conn = sqlite3.connect(lib_paths.db_file, isolation_level=None)
    schema.migrate(conn, schema.MIGRATIONS[:version])
    for statement in statements:
        conn.execute(statement)
    conn.close()


def test_version_1_library_is_upgraded_and_keeps_its_jobs(lib_paths: LibraryPaths) -> None:
    _old_library(
        lib_paths,
        1,
        "INSERT INTO jobs (prompt, count, aspect, mode, seed, state, request_id, created_at) "
        "VALUES ('Generate 2 images of an old harbour', 2, '2048:2048 (1:1)', 'standard', 7, "
        "'queued', 'req-old', '2024-01-02T03:04:05.000000Z')",
    )

    with Library.open(lib_paths) as lib:
        (job,) = lib.unfinished_jobs()
        assert (job.request_id, job.params.seed, job.params.mode) == (
            "req-old",
            7,
            PromptMode.STANDARD,
        )
        assert job.created_at == datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
        _add_images(lib, job.id, [0])
        assert lib.count_images(ImageQuery(text="harbour")) == 1  # search index built for old rows

    conn = sqlite3.connect(lib_paths.db_file)
    indexes = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert schema.user_version(conn) == schema.SCHEMA_VERSION
    assert {"images_by_created", "jobs_by_state"} <= indexes
    conn.close()


def test_version_2_library_gains_error_kinds_and_keeps_its_error_texts(
    lib_paths: LibraryPaths,
) -> None:
    _old_library(
        lib_paths,
        2,
        "INSERT INTO jobs (prompt, count, aspect, mode, state, error, created_at) "
        "VALUES ('Generate 1 image of a kite', 1, '2048:2048 (1:1)', 'fast', 'failed', "
        "'Unexpected error: boom', '2024-01-02T03:04:05.000000Z')",
    )

    with Library.open(lib_paths) as lib:
        (job,) = lib.recent_jobs()
        assert (job.error, job.error_kind) == ("Unexpected error: boom", None)


def test_a_failing_migration_leaves_the_library_as_it_was(lib_paths: LibraryPaths) -> None:
    with Library.open(lib_paths) as lib:
        lib.create_job(_params())
    broken = schema.Migration(
        schema.SCHEMA_VERSION + 1,
        "half works",
        ("CREATE TABLE albums (id INTEGER PRIMARY KEY)", "ALTER TABLE nowhere ADD COLUMN x"),
    )
    conn = sqlite3.connect(lib_paths.db_file, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError):
        schema.migrate(conn, (*schema.MIGRATIONS, broken))
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert schema.user_version(conn) == schema.SCHEMA_VERSION
    assert "albums" not in tables
    conn.close()


def test_library_from_a_newer_app_is_refused(lib_paths: LibraryPaths) -> None:
    Library.open(lib_paths).close()
    conn = sqlite3.connect(lib_paths.db_file)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(LibraryError, match=r"newer Seedream Desktop.*Update the app"):
        Library.open(lib_paths)


# Jobs


def test_job_keeps_every_request_parameter_exactly(lib_paths: LibraryPaths) -> None:
    params = GenerationParams(
        "Generate 4 images of “Café” signs — 'quoted', 100% neon\nsecond line",
        count=4,
        aspect=AspectRatio.CINEMA_21_9,
        mode=PromptMode.STANDARD,
        seed=2**31 - 1,
    )
    with Library.open(lib_paths) as lib:
        created = lib.create_job(params)
    with Library.open(lib_paths) as lib:
        stored = lib.get_job(created.id)
    assert stored is not None
    assert stored.params == params
    assert stored.state is JobState.WAITING
    assert stored.created_at.tzinfo is not None


def test_update_changes_only_given_fields_and_none_clears(lib: Library) -> None:
    job = lib.create_job(_params())
    submitted = datetime(2025, 5, 6, 7, 8, 9, 123456, tzinfo=UTC)
    lib.update_job(
        job.id,
        state=JobState.QUEUED,
        request_id="req-1",
        queue_position=3,
        error="temporary",
        submitted_at=submitted,
        result_urls=["https://cdn/a.png", "https://cdn/b.png"],
    )
    updated = lib.update_job(job.id, error=None, cost=Decimal("0.12"), images_done=1)

    assert updated == lib.get_job(job.id)
    assert updated.state is JobState.QUEUED
    assert (updated.request_id, updated.queue_position, updated.error) == ("req-1", 3, None)
    assert (updated.cost, updated.images_done) == (Decimal("0.12"), 1)
    assert updated.submitted_at == submitted
    assert updated.result_urls == ("https://cdn/a.png", "https://cdn/b.png")
    assert updated.params == job.params


def test_an_error_keeps_its_kind_and_a_new_text_without_one_clears_it(lib: Library) -> None:
    job = lib.create_job(_params())
    failed = lib.update_job(
        job.id, state=JobState.PAUSED, error="rejected", error_kind=ErrorKind.TOKEN_REJECTED
    )
    assert (failed.error, failed.error_kind) == ("rejected", ErrorKind.TOKEN_REJECTED)
    assert lib.update_job(job.id, queue_position=2).error_kind is ErrorKind.TOKEN_REJECTED
    cleared = lib.update_job(job.id, error=None)
    assert (cleared.error, cleared.error_kind) == (None, None)
    pending = lib.update_job(job.id, error_kind=ErrorKind.RESULT_PENDING)
    assert (pending.error, pending.error_kind) == (None, ErrorKind.RESULT_PENDING)


def test_every_request_field_is_stored_and_read_back(lib: Library) -> None:
    # Not one field at its default, so a field the library forgot would not compare equal.
    params = GenerationParams.from_description(
        "a red fox",
        5,
        aspect=AspectRatio.CINEMA_21_9,
        mode=PromptMode.STANDARD,
        seed=4242,
        styles=[Style("Watercolour", "soft watercolour, paper texture"), Style("Ink", "ink")],
    )
    defaults = {f.name: f.default for f in dataclasses.fields(GenerationParams)}
    assert all(getattr(params, name) != default for name, default in defaults.items())
    assert set(defaults) == set(PARAM_COLUMNS)  # a column for every field, named like it

    job = lib.create_job(params)
    stored = lib.get_job(job.id)
    assert stored is not None and stored.params == params
    assert dataclasses.asdict(stored.params) == dataclasses.asdict(params)


def test_stored_params_are_not_validated_again(lib: Library, lib_paths: LibraryPaths) -> None:
    job = lib.create_job(_params())
    conn = sqlite3.connect(lib_paths.db_file)
    with conn:  # as a later, stricter version would find it: a prompt over today's limit
        conn.execute("UPDATE jobs SET prompt = ? WHERE id = ?", ("x" * 700, job.id))
    conn.close()
    stored = lib.get_job(job.id)
    assert stored is not None and stored.params.prompt == "x" * 700


def test_request_id_is_on_disk_as_soon_as_update_returns(
    lib: Library, lib_paths: LibraryPaths
) -> None:
    job = lib.create_job(_params())
    lib.update_job(job.id, state=JobState.QUEUED, request_id="req-durable")
    # Another process reading the file sees it: nothing waits in an open transaction.
    other = sqlite3.connect(lib_paths.db_file)
    row = other.execute("SELECT request_id, state FROM jobs WHERE id = ?", (job.id,)).fetchone()
    other.close()
    assert row == ("req-durable", "queued")


def test_an_image_and_its_jobs_count_are_one_commit_and_later_commits_are_durable_again(
    lib: Library, lib_paths: LibraryPaths
) -> None:
    job = lib.create_job(_params(count=3))
    _add_images(lib, job.id, [0, 1])
    assert lib.get_job(job.id).images_done == 2  # type: ignore[union-attr]
    other = sqlite3.connect(lib_paths.db_file)
    assert other.execute("SELECT count(*) FROM images").fetchone() == (2,)
    other.close()
    # The image's relaxed commit leaves the connection durable for the job rows after it.
    assert lib._conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_updating_a_missing_job_says_so(lib: Library) -> None:
    with pytest.raises(LibraryError, match="Job 404 is not in the library"):
        lib.update_job(404, state=JobState.DONE)


def test_jobs_created_under_older_rules_still_load(lib: Library, lib_paths: LibraryPaths) -> None:
    job = lib.create_job(_params(count=2))
    # A later version may check prompts more strictly; a paid job must still open.
    conn = sqlite3.connect(lib_paths.db_file)
    conn.execute("UPDATE jobs SET prompt = 'Generate 5 images of x' WHERE id = ?", (job.id,))
    conn.commit()
    conn.close()
    stored = lib.get_job(job.id)
    assert stored is not None
    assert (stored.params.prompt, stored.params.count) == ("Generate 5 images of x", 2)


def test_unfinished_jobs_are_every_non_terminal_state_oldest_first(lib: Library) -> None:
    ids = {state: lib.create_job(_params()).id for state in JobState}
    for state, job_id in ids.items():
        lib.update_job(job_id, state=state)

    unfinished = lib.unfinished_jobs()

    assert [job.state for job in unfinished] == [s for s in JobState if not s.is_terminal]
    assert {JobState.PAUSED, JobState.DOWNLOAD_FAILED} <= {job.state for job in unfinished}
    assert [j.id for j in lib.jobs_in_states([JobState.DONE])] == [ids[JobState.DONE]]
    assert lib.jobs_in_states([]) == []


def test_recent_jobs_are_newest_first_and_limited(lib: Library) -> None:
    ids = [lib.create_job(_params(f"scene {n}")).id for n in range(5)]
    assert [job.id for job in lib.recent_jobs(limit=3)] == ids[::-1][:3]


# Images


def test_image_files_go_under_year_and_month_of_the_job(
    lib: Library, lib_paths: LibraryPaths
) -> None:
    job = lib.create_job(_params())
    made = job.created_at.astimezone()
    path = lib.image_path_for(job.id, 2, ".jpg")
    expected = lib_paths.images_dir / f"{made:%Y}" / f"{made:%m}" / f"job-{job.id}-2.jpg"
    assert path == expected
    assert path.parent.is_dir()
    assert lib.image_path_for(job.id, 2, "") == expected.with_suffix("")
    # The download writes there: the library names folder and stem, the target the file.
    assert lib.image_target(job.id, 2).final_path(ImageFormat.JPEG) == expected
    with pytest.raises(ValueError, match="extension"):
        lib.image_path_for(job.id, 0, "../../x")


def test_adding_the_same_image_twice_keeps_one_row(lib: Library) -> None:
    job = lib.create_job(_params(count=2))
    path = lib.image_path_for(job.id, 0, ".png")
    first = lib.add_image(job.id, 0, path, ImageFormat.PNG, 10, 20, 30, "a" * 64)
    second = lib.add_image(job.id, 0, path, ImageFormat.PNG, 10, 20, 30, "b" * 64)
    assert second == first
    assert lib.count_images() == 1
    assert lib.images_of_job(job.id) == [first]
    assert first.prompt == job.params.prompt
    assert lib.image_by_id(first.id) == first
    assert lib.image_by_id(first.id + 100) is None


def test_image_outside_the_library_is_refused(lib: Library, tmp_path: Path) -> None:
    job = lib.create_job(_params())
    with pytest.raises(LibraryError, match="outside the library folder"):
        lib.add_image(job.id, 0, tmp_path / "elsewhere.png", ImageFormat.PNG, 1, 1, 1, "c" * 64)


def test_library_folder_can_be_moved(lib_paths: LibraryPaths, tmp_path: Path) -> None:
    with Library.open(lib_paths) as lib:
        job = lib.create_job(_params())
        _add_images(lib, job.id, [0])
    conn = sqlite3.connect(lib_paths.db_file)
    (stored,) = conn.execute("SELECT path FROM images").fetchone()
    conn.close()
    assert not Path(stored).is_absolute()

    moved = LibraryPaths.for_root(tmp_path / "moved")
    lib_paths.root.rename(moved.root)
    with Library.open(moved) as lib:
        (image,) = lib.images_of_job(job.id)
    assert image.path.is_relative_to(moved.root)
    assert image.path.read_bytes() == f"image {job.id}-0".encode()


def test_pages_show_newest_job_first_and_each_series_in_order(lib: Library) -> None:
    jobs = [lib.create_job(_params(f"scene {n}")).id for n in range(3)]
    _add_images(lib, jobs[0], [2, 0, 1])  # downloads finish in any order
    _add_images(lib, jobs[2], [1, 0])
    _add_images(lib, jobs[1], [0])

    expected = [(jobs[2], 0), (jobs[2], 1), (jobs[1], 0), (jobs[0], 0), (jobs[0], 1), (jobs[0], 2)]
    assert _order(lib) == expected
    pages = [lib.images_page(ImageQuery(), offset, 4) for offset in (0, 4, 8)]
    assert [(im.job_id, im.index) for page in pages for im in page] == expected
    assert [len(page) for page in pages] == [4, 2, 0]
    assert lib.count_images() == 6
    assert _order(lib, ImageQuery(job_id=jobs[0])) == expected[3:]


def test_search_finds_prompt_words_in_any_case_and_as_prefixes(lib: Library) -> None:
    foxes = lib.create_job(_params("Two FOXES in the snow", count=2)).id
    fox_den = lib.create_job(_params("a fox den at dawn", count=1)).id
    city = lib.create_job(_params("a neon city", count=1)).id
    _add_images(lib, foxes, [0, 1])
    _add_images(lib, fox_den, [0])
    _add_images(lib, city, [0])

    assert {job for job, _ in _order(lib, ImageQuery(text="fox"))} == {foxes, fox_den}
    assert lib.count_images(ImageQuery(text="fox")) == 3
    assert _order(lib, ImageQuery(text="  Fox   DAWN ")) == [(fox_den, 0)]
    assert _order(lib, ImageQuery(text="fox city")) == []
    for hostile in ('fox"', "NOT", "fox*(", "AND OR", "-", "city:"):
        lib.count_images(ImageQuery(text=hostile))  # search syntax is never passed through


def test_search_without_fts5_falls_back_to_escaped_like(
    lib_paths: LibraryPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Library.open(lib_paths) as lib:
        before = lib.create_job(_params("a 100_percent cotton shirt", count=1)).id
        _add_images(lib, before, [0])

    monkeypatch.setattr(schema, "fts5_available", lambda: False)
    with Library.open(lib_paths) as lib:
        during = lib.create_job(_params("a 100Xpercent wool coat", count=1)).id
        _add_images(lib, during, [0])
        assert _order(lib, ImageQuery(text="100_percent")) == [(before, 0)]  # "_" is literal
        assert _order(lib, ImageQuery(text="wool")) == [(during, 0)]

    monkeypatch.undo()
    with Library.open(lib_paths) as lib:  # the index catches up with rows written without it
        assert _order(lib, ImageQuery(text="wool")) == [(during, 0)]


def test_filter_by_aspect_and_date(lib: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    day = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)
    square = lib.create_job(_params("tiles", count=2, aspect=AspectRatio.SQUARE)).id
    wide = lib.create_job(_params("dunes", count=2, aspect=AspectRatio.WIDE_16_9)).id
    monkeypatch.setattr(library_module, "now", lambda: day)
    _add_images(lib, square, [0])
    _add_images(lib, wide, [0])
    monkeypatch.setattr(library_module, "now", lambda: day + timedelta(days=1))
    _add_images(lib, square, [1])
    _add_images(lib, wide, [1])

    assert _order(lib, ImageQuery(aspect=AspectRatio.SQUARE)) == [(square, 0), (square, 1)]
    first_day = ImageQuery(since=day - timedelta(hours=12), until=day + timedelta(hours=12))
    assert _order(lib, first_day) == [(wide, 0), (square, 0)]
    assert _order(lib, ImageQuery(since=day + timedelta(hours=1))) == [(wide, 1), (square, 1)]
    both = ImageQuery(aspect=AspectRatio.WIDE_16_9, until=day + timedelta(seconds=1))
    assert lib.count_images(both) == 1


def test_delete_removes_files_rows_and_unshared_thumbnails(
    lib: Library, lib_paths: LibraryPaths
) -> None:
    job = lib.create_job(_params(count=3)).id
    _add_images(lib, job, [0, 1, 2])
    images = lib.images_of_job(job)
    for image in images:
        thumb = thumbnail_path(lib_paths, image.sha256, 512)
        thumb.parent.mkdir(parents=True, exist_ok=True)
        thumb.write_bytes(b"thumb")
    images[1].path.unlink()  # already gone: the row must still go

    result = lib.delete_images([images[0].id, images[1].id])

    assert sorted(result.deleted) == [images[0].id, images[1].id]
    assert result.failed == ()
    assert lib.images_of_job(job) == [images[2]]
    assert not images[0].path.exists()
    assert images[2].path.exists()
    assert not thumbnail_path(lib_paths, images[0].sha256, 512).exists()
    assert thumbnail_path(lib_paths, images[2].sha256, 512).exists()
    assert [p.name for p in lib_paths.tmp_dir.iterdir()] == []


def test_delete_keeps_an_image_whose_file_cannot_be_moved(
    lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    job = lib.create_job(_params(count=2)).id
    _add_images(lib, job, [0, 1])
    stuck, free = lib.images_of_job(job)
    real_replace = Path.replace

    def replace(self: Path, target: Path) -> Path:
        if self == stuck.path:
            raise PermissionError(13, "The file is open in another program")
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", replace)
    result = lib.delete_images([stuck.id, free.id])

    assert result.deleted == (free.id,)
    assert [(f.image_id, f.path, f.reason) for f in result.failed] == [
        (stuck.id, stuck.path, "The file is open in another program")
    ]
    assert lib.images_of_job(job) == [stuck]
    assert stuck.path.exists()


def test_interrupted_delete_is_undone_or_finished_on_open(lib_paths: LibraryPaths) -> None:
    with Library.open(lib_paths) as lib:
        job = lib.create_job(_params(count=1)).id
        _add_images(lib, job, [0])
        (image,) = lib.images_of_job(job)
    # Crash after the file was moved aside but before the row was deleted; plus a leftover
    # from a delete that had committed.
    image.path.rename(lib_paths.tmp_dir / f"deleting-{image.id}-abcd1234.png")
    leftover = lib_paths.tmp_dir / "deleting-999-ffff0000.png"
    leftover.write_bytes(b"gone")

    with Library.open(lib_paths) as lib:
        assert lib.images_of_job(job) == [image]
    assert image.path.read_bytes() == f"image {job}-0".encode()
    assert not leftover.exists()


def test_stored_path_cannot_point_outside_the_library(
    lib: Library, lib_paths: LibraryPaths
) -> None:
    job = lib.create_job(_params(count=1)).id
    _add_images(lib, job, [0])
    conn = sqlite3.connect(lib_paths.db_file)
    conn.execute("UPDATE images SET path = '../../home/someone/.ssh/id_rsa'")
    conn.commit()
    conn.close()
    with pytest.raises(LibraryError, match="invalid image path"):
        lib.images_of_job(job)


def test_images_carry_their_jobs_cost_once_the_server_said(lib: Library) -> None:
    job = lib.create_job(_params(count=2))
    _add_images(lib, job.id, [0, 1])
    assert [i.job_cost for i in lib.images_of_job(job.id)] == [None, None]
    lib.update_job(job.id, cost=Decimal("0.06"))
    page = lib.images_page(ImageQuery(), 0, 10)
    assert [i.job_cost for i in page] == [Decimal("0.06")] * 2
