"""Prompt history and styles: kept in the library, so they survive closing and reopening it."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from seedream_desktop.api.models import ImageFormat
from seedream_desktop.api.params import GenerationParams, Style
from seedream_desktop.core.export.metadata import image_metadata
from seedream_desktop.core.library import Library
from seedream_desktop.core.library.schema import MIGRATIONS, migrate
from seedream_desktop.core.paths import LibraryPaths


def _job(lib: Library, description: str, styles: tuple[Style, ...] = ()) -> int:
    return lib.create_job(GenerationParams.from_description(description, 2, styles=styles)).id


def test_history_is_newest_first_each_once_and_survives_a_reopen(tmp_path: Path) -> None:
    paths = LibraryPaths.for_root(tmp_path / "library")
    with Library.open(paths) as lib:
        for description in ("a fox", "a crane", "a fox", "  ", "a lighthouse"):
            if description.strip():
                _job(lib, description)
    with Library.open(paths) as lib:
        assert lib.composer.prompt_history() == ["a lighthouse", "a fox", "a crane"]
        assert lib.composer.prompt_history(limit=1) == ["a lighthouse"]


def test_styles_and_whether_they_are_on_survive_a_reopen(tmp_path: Path) -> None:
    paths = LibraryPaths.for_root(tmp_path / "library")
    with Library.open(paths) as lib:
        lib.composer.save_style(Style(" Watercolour ", "soft watercolour, paper texture"))
        lib.composer.save_style(Style("Ink", "ink lines"), active=False)
        lib.composer.save_style(Style("Neon", "neon"))
        lib.composer.delete_style("Neon")
        lib.composer.save_style(Style("Ink", "bold ink lines"), active=True)  # same name: edit
        lib.composer.set_style_active("Watercolour", False)
    with Library.open(paths) as lib:
        assert lib.composer.styles() == [
            (Style("Watercolour", "soft watercolour, paper texture"), False),
            (Style("Ink", "bold ink lines"), True),
        ]


def test_a_job_records_its_styles_and_exports_them(tmp_path: Path) -> None:
    with Library.open(LibraryPaths.for_root(tmp_path / "library")) as lib:
        styled = _job(lib, "a fox", (Style("Watercolour", "soft watercolour"), Style("Ink", "ink")))
        plain = _job(lib, "a crane")
        images = [
            lib.add_image(
                job, 0, lib.image_path_for(job, 0, ".png"), ImageFormat.PNG, 9, 9, 1, "a" * 64
            )
            for job in (styled, plain)
        ]
    assert images[0].styles == ("Watercolour", "Ink")
    fields = image_metadata(images[0])
    assert fields["styles"] == "Watercolour; Ink"
    assert "Styles: Watercolour; Ink" in fields["parameters"]
    assert "styles" not in image_metadata(images[1])
    assert "Styles" not in image_metadata(images[1])["parameters"]


def test_older_libraries_offer_their_sent_texts_as_history(tmp_path: Path) -> None:
    paths = LibraryPaths.for_root(tmp_path / "library")
    paths.ensure()
    conn = sqlite3.connect(paths.db_file, isolation_level=None)
    migrate(conn, MIGRATIONS[:3])
    conn.execute(
        "INSERT INTO jobs (prompt, count, aspect, mode, state, created_at) "
        "VALUES ('Generate 2 images of a fox', 2, '2048:2048 (1:1)', 'fast', 'done', "
        "'2026-01-01T00:00:00.000000Z')"
    )
    conn.close()
    with Library.open(paths) as lib:
        assert lib.composer.prompt_history() == ["Generate 2 images of a fox"]
        job = lib.recent_jobs()[0]
        assert job.params.styles == () and job.params.description == "Generate 2 images of a fox"


def test_history_of_ten_thousand_jobs_is_cheap_enough_for_the_gui_thread(tmp_path: Path) -> None:
    """Not a pass/fail on time: prints the figure the module docstring quotes."""
    with Library.open(LibraryPaths.for_root(tmp_path / "library")) as lib:
        conn = lib._conn
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO jobs (prompt, description, count, aspect, mode, state, created_at) "
            "VALUES (?, ?, 2, '2048:2048 (1:1)', 'fast', 'done', '2026-01-01T00:00:00.000000Z')",
            [(f"Generate 2 images of fox {i}", f"fox {i}") for i in range(10_000)],
        )
        conn.execute("COMMIT")
        started = time.perf_counter()
        history = lib.composer.prompt_history()
        print(f"history of 10,000 jobs: {(time.perf_counter() - started) * 1000:.1f} ms")
        assert history[0] == "fox 9999" and len(history) == 500
