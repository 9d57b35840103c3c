"""Result-image downloads: only checked, complete images land in the library folder."""

from __future__ import annotations

import asyncio
import gc
import hashlib
import threading
from collections.abc import AsyncIterator
from pathlib import Path
from typing import BinaryIO

import httpx
import pytest

from seedream_desktop.api import download
from seedream_desktop.api.client import ClientTimeouts
from seedream_desktop.api.download import MSG_CUT_SHORT, MSG_EXPIRED, MSG_NOT_IMAGE
from seedream_desktop.api.download_target import DownloadTarget
from seedream_desktop.api.errors import (
    DownloadError,
    DownloadExpiredError,
    ImageTooLargeError,
    NetworkError,
    NotAnImageError,
    UnsafeUrlError,
)
from seedream_desktop.api.models import ImageFormat

from .conftest import (
    API,
    CDN,
    ClientFactory,
    Recorder,
    SleepRecorder,
    jpeg_bytes,
    png_bytes,
    webp_bytes,
)

URL = f"{CDN}/out/abc/0.png?X-Amz-Signature=deadbeef"


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def image(data: bytes, status: int = 200) -> httpx.Response:
    return httpx.Response(status, content=data)


async def chunks(*parts: bytes) -> AsyncIterator[bytes]:
    for part in parts:
        yield part


@pytest.mark.parametrize(
    ("data", "fmt", "name"),
    [
        (png_bytes(), ImageFormat.PNG, "job1-0.png"),
        (jpeg_bytes(), ImageFormat.JPEG, "job1-0.jpg"),
        (webp_bytes(), ImageFormat.WEBP, "job1-0.webp"),
    ],
)
async def test_image_is_saved_under_its_format_with_checksum(
    make_client: ClientFactory, tmp_path: Path, data: bytes, fmt: ImageFormat, name: str
) -> None:
    cdn = Recorder(image(data))
    saved = await make_client(downloads=cdn).download(URL, DownloadTarget(tmp_path, "job1-0"))
    assert saved.path == tmp_path / name
    assert saved.format is fmt
    assert saved.path.read_bytes() == data
    assert saved.byte_size == len(data)
    assert saved.sha256 == hashlib.sha256(data).hexdigest()
    assert files_in(tmp_path) == [name]


async def test_image_streamed_in_small_chunks_is_reassembled(
    make_client: ClientFactory, tmp_path: Path
) -> None:
    data = png_bytes(64, 64)
    pieces = [data[i : i + 5] for i in range(0, len(data), 5)]
    cdn = Recorder(lambda _: httpx.Response(200, content=chunks(*pieces)))
    saved = await make_client(downloads=cdn).download(URL, DownloadTarget(tmp_path, "s"))
    assert saved.path.read_bytes() == data


async def test_download_carries_no_credentials_even_to_the_api_host(
    make_client: ClientFactory, tmp_path: Path
) -> None:
    cdn = Recorder(image(png_bytes()))
    client = make_client(downloads=cdn)
    await client.download(URL, DownloadTarget(tmp_path, "a"))
    await client.download(f"{API}/files/b.png", DownloadTarget(tmp_path, "b"))
    for request in cdn.requests:
        assert "Authorization" not in request.headers
        assert "Cookie" not in request.headers


async def test_declared_size_over_the_cap_is_refused_up_front(
    make_client: ClientFactory, tmp_path: Path
) -> None:
    body_started = False

    async def body() -> AsyncIterator[bytes]:
        nonlocal body_started
        body_started = True
        yield png_bytes()

    cdn = Recorder(
        lambda _: httpx.Response(200, headers={"Content-Length": "5000000"}, content=body())
    )
    with pytest.raises(ImageTooLargeError, match="1 MB limit"):
        await make_client(downloads=cdn, max_image_bytes=1024 * 1024).download(
            URL, DownloadTarget(tmp_path, "x")
        )
    assert not body_started
    assert files_in(tmp_path) == []


async def test_streamed_size_over_the_cap_is_stopped(
    make_client: ClientFactory, tmp_path: Path
) -> None:
    head = png_bytes()[:16]
    cdn = Recorder(lambda _: httpx.Response(200, content=chunks(head, *[b"\0" * 4096] * 10)))
    with pytest.raises(ImageTooLargeError):
        await make_client(downloads=cdn, max_image_bytes=8192).download(
            URL, DownloadTarget(tmp_path, "x")
        )
    assert files_in(tmp_path) == []


async def test_non_image_is_refused_as_soon_as_it_starts(
    make_client: ClientFactory, tmp_path: Path
) -> None:
    sent = 0

    async def html() -> AsyncIterator[bytes]:
        nonlocal sent
        for _ in range(100):
            sent += 1
            yield b"<html><body>Access denied</body></html>"

    cdn = Recorder(lambda _: httpx.Response(200, content=html()))
    with pytest.raises(NotAnImageError) as caught:
        await make_client(downloads=cdn).download(URL, DownloadTarget(tmp_path, "x"))
    assert str(caught.value) == MSG_NOT_IMAGE
    assert sent < 3
    assert files_in(tmp_path) == []


@pytest.mark.parametrize("data", [b"", b"\x89PN", b"GIF89a" + b"\0" * 40, b"RIFF\0\0\0\0WAVEfmt "])
async def test_short_or_other_formats_are_not_images(
    make_client: ClientFactory, tmp_path: Path, data: bytes
) -> None:
    with pytest.raises(NotAnImageError, match="not a PNG, JPEG or WebP"):
        await make_client(downloads=Recorder(image(data))).download(
            URL, DownloadTarget(tmp_path, "x")
        )
    assert files_in(tmp_path) == []


@pytest.mark.parametrize(
    "data",
    [
        png_bytes()[:-6],
        png_bytes()[:40],
        jpeg_bytes()[:-2],
        webp_bytes()[:-4],
        webp_bytes() + b"xx",
    ],
)
async def test_image_cut_short_is_refused(
    make_client: ClientFactory, tmp_path: Path, data: bytes
) -> None:
    with pytest.raises(NotAnImageError) as caught:
        await make_client(downloads=Recorder(image(data))).download(
            URL, DownloadTarget(tmp_path, "x")
        )
    assert str(caught.value) == MSG_CUT_SHORT
    assert files_in(tmp_path) == []


@pytest.mark.parametrize("trailer", [b"\x00" * 3, b"\xff" * 1000])
async def test_jpeg_with_bytes_after_its_end_marker_is_saved_whole(
    make_client: ClientFactory, tmp_path: Path, trailer: bytes
) -> None:
    data = jpeg_bytes(payload_size=4000) + trailer
    saved = await make_client(downloads=Recorder(image(data))).download(
        URL, DownloadTarget(tmp_path, "x")
    )
    assert saved.path.read_bytes() == data
    assert files_in(tmp_path) == ["x.jpg"]


async def test_jpeg_whose_end_marker_is_far_from_the_end_is_cut_short(
    make_client: ClientFactory, tmp_path: Path
) -> None:
    data = jpeg_bytes(payload_size=4000)[:-2] + b"\xff\xd9" + b"\x11" * 2000
    with pytest.raises(NotAnImageError, match="cut short"):
        await make_client(downloads=Recorder(image(data))).download(
            URL, DownloadTarget(tmp_path, "x")
        )


@pytest.mark.parametrize("status", [403, 404, 410])
async def test_expired_link_is_reported_and_not_retried(
    make_client: ClientFactory, tmp_path: Path, sleep: SleepRecorder, status: int
) -> None:
    cdn = Recorder(image(b"<Error>AccessDenied</Error>", status))
    with pytest.raises(DownloadExpiredError) as caught:
        await make_client(downloads=cdn).download(URL, DownloadTarget(tmp_path, "x"))
    assert str(caught.value) == MSG_EXPIRED
    assert caught.value.status_code == status
    assert len(cdn.requests) == 1
    assert sleep.delays == []
    assert files_in(tmp_path) == []


async def test_transient_failures_are_retried(
    make_client: ClientFactory, tmp_path: Path, sleep: SleepRecorder
) -> None:
    data = png_bytes()
    cdn = Recorder(image(b"", 502), httpx.ReadError("reset"), image(data))
    saved = await make_client(downloads=cdn).download(URL, DownloadTarget(tmp_path, "x"))
    assert saved.path.read_bytes() == data
    assert len(cdn.requests) == 3
    assert sleep.delays == [1.0, 2.0]
    assert files_in(tmp_path) == ["x.png"]


async def test_other_http_status_is_a_download_error(
    make_client: ClientFactory, tmp_path: Path
) -> None:
    with pytest.raises(DownloadError, match="HTTP 400"):
        await make_client(downloads=Recorder(image(b"", 400))).download(
            URL, DownloadTarget(tmp_path, "x")
        )


async def test_total_deadline_ends_a_stalled_download(
    make_client: ClientFactory, tmp_path: Path
) -> None:
    head_written = asyncio.Event()

    async def stalls() -> AsyncIterator[bytes]:
        yield png_bytes()[:20]
        head_written.set()
        await asyncio.Event().wait()

    cdn = Recorder(lambda _: httpx.Response(200, content=stalls()))
    client = make_client(downloads=cdn, timeouts=ClientTimeouts(download_total=0.2))
    with pytest.raises(NetworkError, match=r"did not finish within 0\.2 seconds"):
        await client.download(URL, DownloadTarget(tmp_path, "x"))
    assert head_written.is_set()
    assert files_in(tmp_path) == []


async def test_cancelled_download_leaves_no_temp_file(
    make_client: ClientFactory, tmp_path: Path
) -> None:
    head_written = asyncio.Event()

    async def stalls() -> AsyncIterator[bytes]:
        yield png_bytes()[:20]
        head_written.set()
        await asyncio.Event().wait()

    cdn = Recorder(lambda _: httpx.Response(200, content=stalls()))
    task = asyncio.create_task(
        make_client(downloads=cdn).download(URL, DownloadTarget(tmp_path, "x"))
    )
    await head_written.wait()
    assert [name.endswith(".part") and name.startswith(".") for name in files_in(tmp_path)] == [
        True
    ]
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert files_in(tmp_path) == []


# --- where images may come from -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("api", "url"),
    [
        (API, "http://serverless-api-storage.runcomfy.net/a.png"),
        (API, "http://127.0.0.1:8765/a.png"),
        ("http://127.0.0.1:8765", "http://files.example.com/a.png"),
        (API, "ftp://files.runcomfy.net/a.png"),
        (API, "file:///etc/passwd"),
        (API, "https://user:secret@files.runcomfy.net/a.png"),
        (API, "not a url at all"),
        (API, "/relative/a.png"),
    ],
)
async def test_unsafe_image_links_are_refused_without_a_request(
    make_client: ClientFactory, tmp_path: Path, api: str, url: str
) -> None:
    cdn = Recorder(image(png_bytes()))
    with pytest.raises(UnsafeUrlError):
        await make_client(downloads=cdn, base_url=api).download(url, DownloadTarget(tmp_path, "x"))
    assert cdn.requests == []
    assert files_in(tmp_path) == []


async def test_loopback_http_images_are_allowed_with_a_loopback_api(
    make_client: ClientFactory, tmp_path: Path
) -> None:
    cdn = Recorder(image(png_bytes()))
    client = make_client(downloads=cdn, base_url="http://127.0.0.1:8765")
    saved = await client.download("http://127.0.0.2:9000/a.png", DownloadTarget(tmp_path, "x"))
    assert saved.path.exists()


async def test_redirect_to_plain_http_is_refused(
    make_client: ClientFactory, tmp_path: Path
) -> None:
    cdn = Recorder(
        httpx.Response(302, headers={"Location": "http://files.runcomfy.net/a.png"}),
        image(png_bytes()),
    )
    with pytest.raises(UnsafeUrlError):
        await make_client(downloads=cdn).download(URL, DownloadTarget(tmp_path, "x"))
    assert len(cdn.requests) == 1
    assert files_in(tmp_path) == []


async def test_https_redirect_is_followed(make_client: ClientFactory, tmp_path: Path) -> None:
    cdn = Recorder(
        httpx.Response(302, headers={"Location": "https://files.runcomfy.net/a.png"}),
        image(png_bytes()),
    )
    saved = await make_client(downloads=cdn).download(URL, DownloadTarget(tmp_path, "x"))
    assert saved.path.exists()
    assert str(cdn.requests[1].url) == "https://files.runcomfy.net/a.png"


async def test_endless_redirects_end(make_client: ClientFactory, tmp_path: Path) -> None:
    cdn = Recorder(httpx.Response(302, headers={"Location": URL}))
    with pytest.raises(DownloadError, match="redirected too many times"):
        await make_client(downloads=cdn).download(URL, DownloadTarget(tmp_path, "x"))
    assert len(cdn.requests) <= 10
    assert files_in(tmp_path) == []


@pytest.mark.parametrize("stem", ["", ".hidden", "a/b", "..\\x"])
async def test_path_like_stems_are_a_programming_error(
    make_client: ClientFactory, tmp_path: Path, stem: str
) -> None:
    with pytest.raises(ValueError):
        await make_client(downloads=Recorder(image(png_bytes()))).download(
            URL, DownloadTarget(tmp_path, stem)
        )


async def test_a_download_cancelled_twice_while_saving_ends_whole_and_clean(
    make_client: ClientFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    committing = threading.Event()
    release = threading.Event()
    real_commit = download._commit

    def slow_commit(out: BinaryIO, temp: Path, final: Path) -> None:
        committing.set()
        release.wait(10)
        real_commit(out, temp, final)

    monkeypatch.setattr(download, "_commit", slow_commit)
    loop = asyncio.get_running_loop()
    unhandled: list[dict[str, object]] = []
    loop.set_exception_handler(lambda _, context: unhandled.append(context))
    data = png_bytes()
    task = asyncio.create_task(
        make_client(downloads=Recorder(image(data))).download(URL, DownloadTarget(tmp_path, "x"))
    )
    try:
        assert await asyncio.to_thread(committing.wait, 10)
        task.cancel()
        await asyncio.sleep(0)  # the task takes the first cancel and waits for the commit
        task.cancel()
        await asyncio.sleep(0)
        release.set()
        with pytest.raises(asyncio.CancelledError):
            await task
    finally:
        release.set()
        loop.set_exception_handler(None)
    gc.collect()
    assert unhandled == []
    assert (tmp_path / "x.png").read_bytes() == data
    assert files_in(tmp_path) == ["x.png"]
