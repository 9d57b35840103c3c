"""Export 15 images of 2560x1440 to PNG and JPEG: our exporter against a plain QImageWriter loop.

Both read the same library files and write to fresh folders in the same run; only the export is
timed. The plain loop uses the same PNG compression level and JPEG quality as ours; one more line
shows the plain loop at Qt's default PNG compression, which the exporter does not use. Ours also
adds metadata, writes through temp files with fsync and never overwrites, and
encodes two images at a time. Prints times and the ratio ours / plain; there is no pass or fail.

    .venv/bin/python benchmarks/bench_export.py
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QImageReader, QImageWriter

from seedream_desktop.api.models import ImageFormat
from seedream_desktop.api.params import AspectRatio, PromptMode
from seedream_desktop.core.export.encode import PNG_WRITE_QUALITY
from seedream_desktop.core.export.exporter import export_images
from seedream_desktop.core.export.options import ExportFormat, ExportOptions
from seedream_desktop.core.models import ImageRecord

COUNT = 15
WIDTH, HEIGHT = AspectRatio.WIDE_16_9.pixel_size
QUALITY = 92
ROUNDS = 2  # best of: the first round also warms the page cache and Qt's plugins


def make_sources(folder: Path) -> list[ImageRecord]:
    """Photo-like content: random colour blobs scaled up smoothly (noise alone would be unfair to
    PNG, flat colour unfair the other way)."""
    records = []
    for i in range(COUNT):
        tile = QImage(os.urandom(64 * 36 * 4), 64, 36, 64 * 4, QImage.Format.Format_RGB32).copy()
        image = tile.scaled(
            WIDTH,
            HEIGHT,
            Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        path = folder / f"source-{i:02d}.png"
        if not image.save(str(path), "PNG", PNG_WRITE_QUALITY):
            sys.exit(f"could not write {path}")
        records.append(
            ImageRecord(
                id=i,
                job_id=1,
                index=i,
                path=path,
                format=ImageFormat.PNG,
                width=WIDTH,
                height=HEIGHT,
                byte_size=path.stat().st_size,
                sha256="",
                created_at=datetime.now(UTC),
                prompt="Generate 15 images of a lighthouse on a cliff at dusk, storm clouds",
                aspect=AspectRatio.WIDE_16_9,
                mode=PromptMode.FAST,
                seed=1000 + i,
                request_id="bench-0000",
            )
        )
    return records


def plain_loop(
    records: list[ImageRecord], folder: Path, fmt: ExportFormat, png_quality: int | None
) -> None:
    """``png_quality`` None keeps Qt's default PNG compression."""
    suffix = ImageFormat(fmt.value).extension
    for record in records:
        image = QImageReader(str(record.path)).read()
        writer = QImageWriter(str(folder / f"{record.path.stem}{suffix}"), fmt.value.encode())
        if fmt.has_quality:
            writer.setQuality(QUALITY)
        elif png_quality is not None:
            writer.setQuality(png_quality)
        if not writer.write(image):
            sys.exit(f"plain write failed: {writer.errorString()}")


def ours(records: list[ImageRecord], folder: Path, fmt: ExportFormat) -> None:
    options = ExportOptions(destination=folder, format=fmt, quality=QUALITY)
    report = export_images(records, options)
    if report.errors:
        sys.exit(f"export failed: {report.errors[0].message}")


def best_time(run: Callable[[Path], None], scratch: Path, rounds: int = ROUNDS) -> float:
    best = float("inf")
    for _ in range(rounds):
        folder = Path(tempfile.mkdtemp(dir=scratch))
        start = time.perf_counter()
        run(folder)
        best = min(best, time.perf_counter() - start)
        shutil.rmtree(folder)
    return best


def main() -> None:
    scratch = Path(tempfile.mkdtemp(prefix="bench-export-"))
    try:
        records = make_sources(scratch)
        size_mb = sum(r.byte_size for r in records) / 1e6
        print(f"{COUNT} sources {WIDTH}x{HEIGHT} PNG, {size_mb:.1f} MB, {os.cpu_count()} CPUs")
        for fmt in (ExportFormat.PNG, ExportFormat.JPEG):
            plain = best_time(
                lambda f, fmt=fmt: plain_loop(records, f, fmt, PNG_WRITE_QUALITY), scratch
            )
            mine = best_time(lambda f, fmt=fmt: ours(records, f, fmt), scratch)
            print(
                f"{fmt.name:5} plain QImageWriter loop {plain:6.2f} s   export_images {mine:6.2f} s"
                f"   ratio ours/plain {mine / plain:4.2f}"
            )
        qt_default = best_time(
            lambda f: plain_loop(records, f, ExportFormat.PNG, None), scratch, rounds=1
        )
        print(f"PNG   plain loop at Qt's default (slowest) compression {qt_default:6.2f} s")
        original = best_time(lambda f: ours(records, f, ExportFormat.ORIGINAL), scratch)
        print(f"ORIGINAL (copy bytes + metadata)    export_images {original:6.2f} s")
    finally:
        shutil.rmtree(scratch)


if __name__ == "__main__":
    main()
