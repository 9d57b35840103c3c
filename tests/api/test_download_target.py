"""The names of a downloaded image's files come from its target alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from seedream_desktop.api.download_target import TEMP_SUFFIX, DownloadTarget
from seedream_desktop.api.models import ImageFormat


def test_final_names_follow_the_format_and_temp_files_hide_beside_them(tmp_path: Path) -> None:
    target = DownloadTarget(tmp_path / "2026" / "05", "job-1-1")
    assert target.final_path(ImageFormat.JPEG) == tmp_path / "2026" / "05" / "job-1-1.jpg"
    out, temp = target.open_temp()
    out.close()
    assert temp.parent == target.folder
    assert temp.name.startswith(".job-1-1.") and temp.name.endswith(TEMP_SUFFIX)
    assert list(target.leftover_temps()) == [temp]


def test_leftovers_and_finished_files_are_only_the_targets_own(tmp_path: Path) -> None:
    one, ten = DownloadTarget(tmp_path, "job-1-1"), DownloadTarget(tmp_path, "job-1-10")
    for target in (one, ten):
        target.open_temp()[0].close()
        target.final_path(ImageFormat.PNG).write_bytes(b"png")
    assert [p.name for p in one.finished_files()] == ["job-1-1.png"]
    assert len(list(one.leftover_temps())) == 1
    assert all(p.name.startswith(".job-1-1.") for p in one.leftover_temps())
    assert list(DownloadTarget(tmp_path / "missing", "x").leftover_temps()) == []


@pytest.mark.parametrize("stem", ["", ".hidden", "a/b", "a\\b", "c:d", "nul\0"])
def test_a_path_like_stem_is_a_bug_refused_before_anything_is_written(
    tmp_path: Path, stem: str
) -> None:
    with pytest.raises(ValueError, match="plain file name"):
        DownloadTarget(tmp_path, stem)
    assert list(tmp_path.iterdir()) == []
