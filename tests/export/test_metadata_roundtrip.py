"""Metadata travels with the exported image and reads back identical, in every format."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from seedream_desktop.api.models import ImageFormat
from seedream_desktop.api.params import MODEL_ID
from seedream_desktop.core.export.exporter import export_images
from seedream_desktop.core.export.metadata import image_metadata, read_metadata
from seedream_desktop.core.export.options import ExportFormat, ExportOptions
from seedream_desktop.core.models import Flag
from tests.export.conftest import HEIGHT, WIDTH, MakeRecord

PROMPT = "Generate 3 images of a fox — 狐 🦊 at dawn, 35mm"

CASES = [
    (ExportFormat.ORIGINAL, ImageFormat.PNG, ".png"),
    (ExportFormat.ORIGINAL, ImageFormat.JPEG, ".jpg"),
    (ExportFormat.PNG, ImageFormat.JPEG, ".png"),
    (ExportFormat.JPEG, ImageFormat.PNG, ".jpg"),
    (ExportFormat.WEBP, ImageFormat.PNG, ".webp"),
]


@pytest.mark.parametrize(("export_as", "source_format", "suffix"), CASES)
def test_metadata_round_trips(
    make_record: MakeRecord,
    destination: Path,
    export_as: ExportFormat,
    source_format: ImageFormat,
    suffix: str,
) -> None:
    record = dataclasses.replace(
        make_record(prompt=PROMPT, fmt=source_format, seed=2_147_483_647),
        flag=Flag.PICKED,
        rating=4,
    )
    report = export_images([record], ExportOptions(destination=destination, format=export_as))

    assert report.errors == ()
    (written,) = report.exported
    assert written.suffix == suffix
    meta = read_metadata(written)
    assert meta == image_metadata(record)
    assert meta["prompt"] == PROMPT
    assert meta["seed"] == "2147483647"
    assert meta["model"] == MODEL_ID
    assert meta["aspect"] == "16:9"
    assert meta["mode"] == "standard"
    assert meta["request_id"] == record.request_id
    assert meta["created_at"] == "2025-03-14T15:09:26+00:00"
    assert (meta["rating"], meta["pick"]) == ("4", "picked")
    assert "Rating: 4, Pick: picked" in meta["parameters"]
    image = QImage(str(written))
    assert (image.width(), image.height()) == (WIDTH, HEIGHT)


def test_an_uncurated_image_carries_no_pick_or_rating(
    make_record: MakeRecord, destination: Path
) -> None:
    report = export_images([make_record()], ExportOptions(destination=destination))

    meta = read_metadata(report.exported[0])
    assert "rating" not in meta and "pick" not in meta
    assert "Rating:" not in meta["parameters"] and "Pick:" not in meta["parameters"]


def test_a1111_parameters_chunk_names_prompt_seed_size_model(
    make_record: MakeRecord, destination: Path
) -> None:
    record = make_record(prompt="Generate 1 image of a lighthouse", seed=42)
    report = export_images(
        [record], ExportOptions(destination=destination, format=ExportFormat.PNG)
    )

    prompt_line, settings = read_metadata(report.exported[0])["parameters"].split("\n")
    assert prompt_line == "Generate 1 image of a lighthouse"
    assert settings.startswith(f"Seed: 42, Size: {WIDTH}x{HEIGHT}, Model: {MODEL_ID}, ")
    assert 'Aspect: "16:9"' in settings  # A1111 quotes values holding ':'


def test_original_keeps_pixel_bytes_and_only_adds_metadata(
    make_record: MakeRecord, destination: Path
) -> None:
    record = make_record(fmt=ImageFormat.PNG)
    source = record.path.read_bytes()
    report = export_images([record], ExportOptions(destination=destination))

    exported = report.exported[0].read_bytes()
    assert len(exported) > len(source)
    idat_at = source.index(b"IDAT") - 4
    assert exported.endswith(source[idat_at:])  # image data and end chunk untouched


def test_webp_sidecar_is_skipped_when_not_wanted(
    make_record: MakeRecord, destination: Path
) -> None:
    record = make_record()
    options = ExportOptions(destination=destination, format=ExportFormat.WEBP, sidecar=False)
    report = export_images([record], options)

    assert report.sidecars == ()
    assert [p.name for p in destination.iterdir()] == [report.exported[0].name]
    assert read_metadata(report.exported[0]) == {}


def test_record_without_seed_or_request_leaves_them_out(
    make_record: MakeRecord, destination: Path
) -> None:
    record = make_record(seed=None, request_id=None)
    report = export_images(
        [record], ExportOptions(destination=destination, format=ExportFormat.JPEG)
    )

    meta = read_metadata(report.exported[0])
    assert "seed" not in meta
    assert "request_id" not in meta
    assert "Seed:" not in meta["parameters"]
