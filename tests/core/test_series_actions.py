"""A series' actions: sending its settings again, handing over its picked images."""

from __future__ import annotations

from pathlib import Path

import pytest

from seedream_desktop.api.params import AspectRatio, ParamsError, PromptMode, Style, new_request
from seedream_desktop.core.export.metadata import read_metadata
from seedream_desktop.core.export.options import ExportOptions
from seedream_desktop.core.library import Library
from seedream_desktop.core.models import Flag, ImageQuery
from seedream_desktop.core.series_actions import Rerun, export_picked, rerun_request
from tests.support.library import add_series


def test_variations_keep_the_settings_and_draw_a_new_seed(lib: Library) -> None:
    (image, *_) = add_series(lib, "a red fox", 4, mode=PromptMode.STANDARD, seed=11)
    job = lib.get_job(image.job_id)
    assert job is not None
    params = rerun_request(job, Rerun.VARIATIONS, draw_seed=lambda: 99)
    assert (params.prompt, params.count, params.aspect, params.mode, params.seed) == (
        "Generate 4 images of a red fox",
        4,
        AspectRatio.SQUARE,
        PromptMode.STANDARD,
        99,
    )


def test_run_again_sends_exactly_what_the_series_sent(lib: Library) -> None:
    (image, *_) = add_series(lib, "a red fox", 3, seed=424242)
    job = lib.get_job(image.job_id)
    assert job is not None
    assert rerun_request(job, Rerun.SAME_SEED, draw_seed=lambda: 1) == job.params


def test_run_again_keeps_frames_and_styles_as_sent(lib: Library) -> None:
    params = new_request(
        "a fox",
        count=2,
        seed=5,
        frames=["a fox in spring", "a fox in winter"],
        styles=[Style("Film", "35 mm film, grain")],
    )
    job = lib.create_job(params)
    assert rerun_request(job, Rerun.SAME_SEED) == params
    variation = rerun_request(job, Rerun.VARIATIONS, draw_seed=lambda: 6)
    assert (variation.prompt, variation.styles, variation.seed) == (params.prompt, ("Film",), 6)


def test_run_again_without_a_recorded_seed_says_so(lib: Library) -> None:
    (image,) = add_series(lib, "a kite", 1)
    lib._conn.execute("UPDATE jobs SET seed = NULL WHERE id = ?", (image.job_id,))
    job = lib.get_job(image.job_id)
    assert job is not None
    with pytest.raises(ParamsError, match="no recorded seed"):
        rerun_request(job, Rerun.SAME_SEED)


def test_export_picked_of_a_series_writes_only_its_picked_images(
    lib: Library, tmp_path: Path
) -> None:
    fox = add_series(lib, "a red fox", 4)
    owl = add_series(lib, "an owl", 2)
    lib.set_flag([fox[1].id, fox[3].id, owl[0].id], Flag.PICKED)
    out = tmp_path / "handover"

    report = export_picked(lib, ImageQuery(job_id=fox[0].job_id), ExportOptions(out))

    assert report.errors == ()
    assert [read_metadata(path)["index"] for path in report.exported] == ["1", "3"]
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in report.exported)


def test_export_picked_of_a_filter_spans_series(lib: Library, tmp_path: Path) -> None:
    fox = add_series(lib, "a red fox", 2)
    owl = add_series(lib, "an owl", 2)
    lib.set_flag([fox[0].id, owl[1].id], Flag.PICKED)
    lib.set_rating([owl[1].id], 5)

    report = export_picked(lib, ImageQuery(), ExportOptions(tmp_path / "all"))
    best = export_picked(lib, ImageQuery(min_rating=5), ExportOptions(tmp_path / "best"))

    assert [read_metadata(p)["job_id"] for p in report.exported] == [
        str(owl[1].job_id),
        str(fox[0].job_id),
    ]
    assert [read_metadata(p)["rating"] for p in best.exported] == ["5"]
