"""Thumbnails: right size, cached by content, rendered off the loop, never half-written."""

from __future__ import annotations

import os
import threading
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtGui import QColor, QImage, QImageReader

from seedream_desktop.api.models import ImageFormat
from seedream_desktop.api.params import AspectRatio, PromptMode
from seedream_desktop.core import thumbnails
from seedream_desktop.core.imagecheck import ImageCheckError, ImageInfo
from seedream_desktop.core.models import ImageRecord
from seedream_desktop.core.paths import LibraryPaths
from seedream_desktop.core.thumbnails import (
    ThumbnailError,
    cached_thumbnail,
    make_thumbnail,
    remove_thumbnails,
    thumbnail_path,
    verify_with_thumbnail,
)
from tests.core.test_imagecheck import write_image


@pytest.fixture
def paths(tmp_path: Path) -> LibraryPaths:
    library = LibraryPaths.for_root(tmp_path / "library")
    library.ensure()
    return library


def _size_and_format(path: Path) -> tuple[int, int, str]:
    reader = QImageReader(str(path))
    size = reader.size()
    return size.width(), size.height(), bytes(reader.format().data()).decode()


@pytest.mark.parametrize(
    ("name", "qt_format", "size", "expected"),
    [
        ("wide.jpg", "JPEG", (1600, 900), (512, 288)),
        ("tall.png", "PNG", (300, 1200), (128, 512)),
        ("small.png", "PNG", (100, 50), (100, 50)),  # never enlarged
    ],
)
def test_thumbnail_fits_max_side_keeping_aspect(
    tmp_path: Path,
    name: str,
    qt_format: str,
    size: tuple[int, int],
    expected: tuple[int, int],
) -> None:
    src = write_image(tmp_path / name, *size, qt_format)
    dest = make_thumbnail(src, tmp_path / "new" / "thumb.jpg", 512)
    assert _size_and_format(dest) == (*expected, "jpeg")
    assert [p.name for p in dest.parent.iterdir()] == ["thumb.jpg"]  # no temp file left


def test_png_destination_keeps_png(tmp_path: Path) -> None:
    src = write_image(tmp_path / "a.jpg", 400, 200, "JPEG")
    assert _size_and_format(make_thumbnail(src, tmp_path / "t.png", 100)) == (100, 50, "png")


def test_transparent_image_turns_white_not_black_in_jpeg(tmp_path: Path) -> None:
    src = write_image(tmp_path / "clear.png", 64, 64, "PNG", transparent=True)
    thumb = QImage(str(make_thumbnail(src, tmp_path / "t.jpg", 32)))
    assert thumb.pixelColor(5, 5).lightness() > 245


def test_corrupt_source_fails_cleanly_without_leaving_files(tmp_path: Path) -> None:
    src = tmp_path / "broken.png"
    src.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ThumbnailError, match=r"broken\.png"):
        make_thumbnail(src, out / "t.jpg", 128)
    assert list(out.iterdir()) == []


def test_thumbnail_path_is_keyed_by_content_and_size(paths: LibraryPaths) -> None:
    sha = "ab" + "0" * 62
    assert thumbnail_path(paths, sha, 256) == paths.thumbs_dir / "ab" / f"{sha}-256.jpg"
    with pytest.raises(ValueError, match="SHA-256"):
        thumbnail_path(paths, "../../etc/passwd", 256)


async def test_new_download_is_verified_and_thumbnailed_from_one_decode_off_the_loop(
    paths: LibraryPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = write_image(tmp_path / "photo.png", 1024, 768, "PNG")
    sha = "12" * 32
    decode_threads: list[int] = []
    real_decode = thumbnails.decode_image

    def spy(path: Path) -> tuple[ImageInfo, QImage]:
        decode_threads.append(threading.get_ident())
        return real_decode(path)

    monkeypatch.setattr(thumbnails, "decode_image", spy)

    verified = await verify_with_thumbnail(paths, src, sha, 256)

    info = verified.info
    assert (info.format, info.width, info.height) == (ImageFormat.PNG, 1024, 768)
    assert _size_and_format(thumbnail_path(paths, sha, 256)) == (256, 192, "jpeg")
    assert verified.thumbnail is not None
    assert verified.thumbnail.size().toTuple() == (256, 192)  # the grid gets what was written
    assert len(decode_threads) == 1  # one decode serves the check and the thumbnail
    assert decode_threads[0] != threading.get_ident()  # not on the event loop's thread


async def test_a_broken_download_fails_the_check_and_leaves_no_thumbnail(
    paths: LibraryPaths, tmp_path: Path
) -> None:
    src = write_image(tmp_path / "cut.png", 400, 300, "PNG")
    src.write_bytes(src.read_bytes()[:200])
    sha = "34" * 32
    with pytest.raises(ImageCheckError):
        await verify_with_thumbnail(paths, src, sha, 128)
    assert not thumbnail_path(paths, sha, 128).exists()


def test_remove_thumbnails_deletes_every_size(paths: LibraryPaths) -> None:
    sha = "cd" * 32
    other = "ef" * 32
    for size in (128, 512):
        target = thumbnail_path(paths, sha, size)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"x")
    keep = thumbnail_path(paths, other, 512)
    keep.parent.mkdir(parents=True, exist_ok=True)
    keep.write_bytes(b"x")

    remove_thumbnails(paths, sha)

    assert not thumbnail_path(paths, sha, 128).exists()
    assert not thumbnail_path(paths, sha, 512).exists()
    assert keep.exists()


def test_color_survives_thumbnailing(tmp_path: Path) -> None:
    src = tmp_path / "red.png"
    red = QImage(300, 300, QImage.Format.Format_RGB32)
    red.fill(QColor(220, 20, 20))
    assert red.save(str(src))
    thumb = QImage(str(make_thumbnail(src, tmp_path / "t.jpg", 64)))
    color = thumb.pixelColor(32, 32)
    assert color.red() > 200
    assert max(color.green(), color.blue()) < 40


def test_cached_thumbnail_is_made_once_then_served_from_the_cache(
    paths: LibraryPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = write_image(tmp_path / "photo.jpg", 1024, 768, "JPEG")
    image = ImageRecord(
        id=1,
        job_id=1,
        index=0,
        path=src,
        format=ImageFormat.JPEG,
        width=1024,
        height=768,
        byte_size=src.stat().st_size,
        sha256="56" * 32,
        created_at=datetime.now(UTC),
        prompt="Generate 1 image of a lighthouse",
        aspect=AspectRatio.SQUARE,
        mode=PromptMode.FAST,
        seed=None,
        request_id="req-1",
    )
    renders: list[Path] = []
    real_make = thumbnails.make_thumbnail

    def counting(src: Path, dest: Path, max_side: int) -> Path:
        renders.append(dest)
        return real_make(src, dest, max_side)

    monkeypatch.setattr(thumbnails, "make_thumbnail", counting)

    first = cached_thumbnail(paths, image, 256)
    again = cached_thumbnail(paths, image, 256)

    assert first == again == thumbnail_path(paths, image.sha256, 256)
    assert _size_and_format(first) == (256, 192, "jpeg")
    assert len(renders) == 1
