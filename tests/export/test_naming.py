"""Whatever the prompt holds, files land inside the chosen folder under valid, new names."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from seedream_desktop.core.export.exporter import export_images
from seedream_desktop.core.export.naming import (
    MAX_STEM_BYTES,
    TemplateError,
    plan_names,
    render_stem,
)
from seedream_desktop.core.export.options import ExportFormat, ExportOptions
from tests.export.conftest import MakeRecord, folder_listing

HOSTILE = [
    "../../etc/passwd",
    "CON",
    "a/b\\c",
    "x" * 1000,
    "🦊" * 300,
    "👩‍👩‍👧‍👦" * 40,
    "\x00\x1f",
    "name. . .",
    "nul.txt",
    "lpt1",
    'what<>:"|?*',
    "..",
    "\u202egnp.exe",  # right-to-left override: would show a fake extension
]
RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{d}{i}" for d in ("COM", "LPT") for i in range(10)}
WINDOWS_FORBIDDEN = set('<>:"/\\|?*')


def assert_valid_name(name: str) -> None:
    assert name == unicodedata.normalize("NFC", name)
    assert len(name.encode("utf-8")) <= 200
    assert len(name.encode("utf-16-le")) // 2 <= 255  # Windows counts UTF-16 units
    assert not WINDOWS_FORBIDDEN & set(name)
    assert all(unicodedata.category(ch) not in ("Cc", "Cs") for ch in name)
    assert "\u202e" not in name
    assert not name.startswith(".")
    stem = name.rsplit(".", 1)[0]
    assert stem == stem.rstrip(". ")
    assert name.split(".", 1)[0].rstrip(" ").upper() not in RESERVED


@pytest.mark.parametrize("template", ["{prompt}", "{date}_{prompt}_{index}", "{prompt}/{prompt}"])
def test_hostile_prompts_stay_inside_the_folder(
    make_record: MakeRecord, destination: Path, template: str
) -> None:
    records = [make_record(prompt=prompt) for prompt in HOSTILE]
    report = export_images(records, ExportOptions(destination=destination, template=template))

    assert report.errors == ()
    assert len(report.exported) == len(HOSTILE)
    for path in report.exported:
        assert path.resolve().parent == destination.resolve()
        assert path.is_file()
        assert_valid_name(path.name)
    assert len(folder_listing(destination)) == len(HOSTILE)


def test_emoji_are_kept_and_not_cut_mid_sequence(make_record: MakeRecord) -> None:
    family = "👩‍👩‍👧‍👦"
    stem = render_stem("{prompt}", make_record(prompt=family * 40))

    assert stem.startswith(family)
    assert len(stem.encode("utf-8")) <= MAX_STEM_BYTES
    assert not stem.endswith("\u200d")


def test_prompt_token_drops_the_count_statement(make_record: MakeRecord) -> None:
    record = make_record(prompt="Generate 3 images of a red fox in fresh snow", index=1)

    assert (
        render_stem("{prompt}_{index}_{seed}_{aspect}", record)
        == "a-red-fox-in-fresh-snow_02_123_16x9"
    )


def test_existing_file_is_never_overwritten(make_record: MakeRecord, destination: Path) -> None:
    record = make_record()
    options = ExportOptions(destination=destination, template="fox")
    (destination / "fox.png").write_bytes(b"designer's own file")

    report = export_images([record], options)

    assert (destination / "fox.png").read_bytes() == b"designer's own file"
    assert [p.name for p in report.exported] == ["fox (2).png"]


def test_same_name_twice_in_one_batch_gets_a_suffix(
    make_record: MakeRecord, destination: Path
) -> None:
    first, second = make_record(), make_record()
    options = ExportOptions(destination=destination, template="{prompt}")

    report = export_images([first, second], options)

    names = [p.name for p in report.exported]
    assert names == ["a-red-fox-in-fresh-snow.png", "a-red-fox-in-fresh-snow (2).png"]
    assert report.exported[0].read_bytes() != report.exported[1].read_bytes()
    assert [p.name for p in plan_names([first, second], options)] == [
        "a-red-fox-in-fresh-snow (3).png",
        "a-red-fox-in-fresh-snow (4).png",
    ]


def test_sidecar_name_taken_moves_both_files_to_the_next_number(
    make_record: MakeRecord, destination: Path
) -> None:
    (destination / "fox.webp.json").write_text("{}")
    options = ExportOptions(destination=destination, format=ExportFormat.WEBP, template="fox")

    report = export_images([make_record()], options)

    assert [p.name for p in report.exported] == ["fox (2).webp"]
    assert [p.name for p in report.sidecars] == ["fox (2).webp.json"]
    assert (destination / "fox.webp.json").read_text() == "{}"
    assert not (destination / "fox.webp").exists()


def test_unknown_token_is_refused_in_words(make_record: MakeRecord, destination: Path) -> None:
    report = export_images(
        [make_record()], ExportOptions(destination=destination, template="{date}_{colour}")
    )

    assert report.exported == ()
    assert "Unknown token {colour}" in report.errors[0].message
    assert folder_listing(destination) == []
    with pytest.raises(TemplateError):
        render_stem("  ", make_record())
