"""Failures and cancel leave only complete files, and are reported in words."""

from __future__ import annotations

import errno
import threading
from pathlib import Path

import pytest

from seedream_desktop.core.export import writer
from seedream_desktop.core.export.exporter import ExportProgress, export_images
from seedream_desktop.core.export.metadata import read_metadata
from seedream_desktop.core.export.options import ExportFormat, ExportOptions
from tests.export.conftest import MakeRecord, folder_listing


def fail_on_call(monkeypatch: pytest.MonkeyPatch, name: str, call: int, err: OSError) -> None:
    """Make ``writer.<name>`` raise ``err`` on its ``call``-th use (1-based)."""
    real = getattr(writer, name)
    calls = iter(range(1, 10_000))

    def patched(*args: object) -> object:
        if next(calls) == call:
            raise err
        return real(*args)

    monkeypatch.setattr(writer, name, patched)


def test_disk_full_on_third_of_five_exports_the_rest(
    make_record: MakeRecord, destination: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = [make_record(index=i) for i in range(5)]
    fail_on_call(monkeypatch, "_write_all", 3, OSError(errno.ENOSPC, "No space left on device"))

    report = export_images(records, ExportOptions(destination=destination, template="{index}"))

    assert [p.name for p in report.exported] == ["01.png", "02.png", "04.png", "05.png"]
    assert folder_listing(destination) == ["01.png", "02.png", "04.png", "05.png"]
    (failure,) = report.errors
    assert failure.image == records[2]
    assert failure.message == f"Disk full while writing 03 to {destination}."
    assert report.summary == f"4 of 5 images exported to {destination}; 1 failed."


def test_read_only_folder_reports_every_file_and_leaves_nothing(
    make_record: MakeRecord, destination: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests run as root, where chmod does not stop writes: refuse at the open instead.
    def refuse(path: Path) -> int:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(writer, "_open_new", refuse)
    report = export_images([make_record(), make_record()], ExportOptions(destination=destination))

    assert report.exported == ()
    assert [f.message for f in report.errors] == [
        f"Cannot write to {destination}: the folder is read-only or you lack permission."
    ] * 2
    assert folder_listing(destination) == []


def test_destination_inside_a_file_is_refused_once(make_record: MakeRecord, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")

    report = export_images([make_record()], ExportOptions(destination=blocker / "sub"))

    assert report.exported == ()
    (failure,) = report.errors
    assert failure.image is None
    assert failure.message.startswith(f"Cannot create the folder {blocker / 'sub'}: ")
    assert blocker.read_text() == "x"


def test_failed_sidecar_removes_its_image_too(
    make_record: MakeRecord, destination: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fail_on_call(monkeypatch, "_write_all", 2, OSError(errno.EIO, "Input/output error"))
    options = ExportOptions(destination=destination, format=ExportFormat.WEBP, template="a")

    report = export_images([make_record()], options)

    assert report.exported == ()
    assert report.errors[0].message == f"Could not write a to {destination}: input/output error."
    assert folder_listing(destination) == []


def test_failure_while_naming_removes_the_claimed_image(
    make_record: MakeRecord, destination: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fail_on_call(monkeypatch, "_claim", 2, OSError(errno.ENOSPC, "No space left on device"))
    options = ExportOptions(destination=destination, format=ExportFormat.WEBP, template="a")

    report = export_images([make_record()], options)

    assert "Disk full" in report.errors[0].message
    assert folder_listing(destination) == []


def test_without_hard_links_names_are_still_never_overwritten(
    make_record: MakeRecord, destination: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(src: Path, dst: Path) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")  # what FAT answers

    monkeypatch.setattr(writer.os, "link", no_links)
    (destination / "a.png").write_bytes(b"keep")

    report = export_images([make_record(), make_record()], ExportOptions(destination, template="a"))

    assert [p.name for p in report.exported] == ["a (2).png", "a (3).png"]
    assert (destination / "a.png").read_bytes() == b"keep"
    assert read_metadata(destination / "a (3).png")["seed"] == "123"
    assert folder_listing(destination) == ["a (2).png", "a (3).png", "a.png"]


def test_cancel_midway_leaves_only_complete_files(
    make_record: MakeRecord, destination: Path
) -> None:
    records = [make_record(index=i) for i in range(6)]
    cancel = threading.Event()
    seen: list[ExportProgress] = []

    def on_progress(update: ExportProgress) -> None:
        seen.append(update)
        if update.done == 2:
            cancel.set()

    report = export_images(
        records,
        ExportOptions(destination=destination, format=ExportFormat.JPEG, template="{index}"),
        progress=on_progress,
        cancel=cancel,
    )

    assert report.cancelled
    assert [u.done for u in seen] == [1, 2]
    assert folder_listing(destination) == ["01.jpg", "02.jpg"]
    assert all(read_metadata(p)["prompt"] for p in report.exported)
    assert report.summary == f"Export cancelled: 2 of 6 images exported to {destination}."


def test_missing_source_is_reported_and_others_exported(
    make_record: MakeRecord, destination: Path
) -> None:
    gone, kept = make_record(), make_record()
    gone.path.unlink()

    report = export_images([gone, kept], ExportOptions(destination, format=ExportFormat.PNG))

    assert len(report.exported) == 1
    assert report.errors[0].message.startswith(f"Cannot read {gone.path}")
