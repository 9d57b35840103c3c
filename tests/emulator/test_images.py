"""Result images and the image origin: real pictures, deterministic, never served to a token."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable

import httpx
import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImageReader

from seedream_desktop.api.models import ImageFormat
from seedream_desktop.emulator import (
    Emulator,
    EmulatorConfig,
    Endpoint,
    Fault,
    FaultSpec,
    ManualClock,
    images,
)
from seedream_desktop.emulator.images import ImageCache, ImageKey, render_encoded
from tests.emulator.conftest import AUTH, QUEUE_SECONDS, RUN_SECONDS, SUBMIT_PATH, body

SMALL = (320, 180)


def decode(data: bytes) -> tuple[bytes, tuple[int, int]]:
    """The format Qt detects and the pixel size, read from memory."""
    array = QByteArray(data)
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    fmt = bytes(reader.format().data())
    image = reader.read()
    assert not image.isNull(), reader.errorString()
    return fmt, (image.width(), image.height())


def key(seed: int = 7, index: int = 0, fmt: ImageFormat = ImageFormat.PNG) -> ImageKey:
    return ImageKey(seed, index, *SMALL, fmt)


@pytest.mark.parametrize(
    ("fmt", "qt_name"), [(ImageFormat.PNG, b"png"), (ImageFormat.JPEG, b"jpeg")]
)
def test_images_decode_at_the_asked_size_in_the_asked_format(
    fmt: ImageFormat, qt_name: bytes
) -> None:
    assert decode(render_encoded(key(fmt=fmt))) == (qt_name, SMALL)


def test_images_are_deterministic_per_seed_and_distinct_per_index() -> None:
    assert render_encoded(key()) == render_encoded(key())
    others = {render_encoded(key(index=1)), render_encoded(key(seed=8)), render_encoded(key())}
    assert len(others) == 3


def _colours(pixels: bytes) -> set[bytes]:
    return {pixels[i : i + 3] for i in range(0, len(pixels), 3)}


def _first_digit(key: ImageKey) -> bytes:
    """The pixels of the plate's first digit in the bottom-right corner (4 px a dot at 320×180)."""
    pixels = images.render_pixels(key)
    row = key.width * 3
    digits = len(str(key.index + 1))
    left = key.width - 8 - 4 * (4 * digits + 1)  # the plate is right-aligned, 8 px in
    return b"".join(
        pixels[y * row + left * 3 : y * row + (left + 20) * 3]
        for y in range(key.height - 36, key.height - 8)
    )


def test_the_images_of_one_job_share_a_scene_and_another_job_has_its_own() -> None:
    """One subject colour in every image of a seed, absent from another seed's images."""
    series = [_colours(images.render_pixels(key(seed=7, index=i))) for i in range(4)]
    other = _colours(images.render_pixels(key(seed=8)))
    shared = set.intersection(*series)
    assert shared - other
    assert len({frozenset(c) for c in series}) == 4  # yet no two images are the same


def test_each_image_carries_its_number_in_the_corner() -> None:
    # The same number looks the same in any job; another number does not.
    assert _first_digit(key(seed=7, index=2)) == _first_digit(key(seed=8, index=2))
    assert _first_digit(key(seed=7, index=2)) != _first_digit(key(seed=7, index=3))
    assert _first_digit(key(seed=7, index=11)) != _first_digit(key(seed=7, index=1))  # 12, 2


async def test_the_cache_renders_each_image_once_even_when_asked_concurrently() -> None:
    cache = ImageCache(max_items=4, threads=2)
    try:
        cache.prefetch([key(index=0), key(index=1)])
        first = await cache.get(key(index=0))
        again = await cache.get(key(index=0))
        await cache.get(key(index=1))
    finally:
        cache.close()
    assert first == again
    assert cache.renders == 2


async def test_a_caller_cancelled_while_its_render_waits_does_not_poison_the_image(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cache = ImageCache(max_items=4, threads=1)
    release = threading.Event()

    def held(wanted: ImageKey) -> bytes:
        release.wait(10)
        return render_encoded(wanted)

    monkeypatch.setattr(images, "render_encoded", held)
    try:
        cache.prefetch([key(index=0)])  # occupies the only render thread
        waiting = asyncio.create_task(cache.get(key(index=1)))
        await asyncio.sleep(0)
        waiting.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiting
        release.set()
        served = await cache.get(key(index=1))
    finally:
        release.set()
        cache.close()
    assert served == render_encoded(key(index=1))


async def test_a_failed_render_is_tried_again_on_the_next_request(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cache = ImageCache(max_items=4, threads=1)
    outcomes: list[Callable[[ImageKey], bytes]] = [_fail_once, render_encoded]
    monkeypatch.setattr(images, "render_encoded", lambda wanted: outcomes.pop(0)(wanted))
    try:
        with pytest.raises(RuntimeError, match="encoding failed"):
            await cache.get(key())
        served = await cache.get(key())
    finally:
        cache.close()
    assert served == render_encoded(key())
    assert cache.renders == 2


def _fail_once(wanted: ImageKey) -> bytes:
    raise RuntimeError("encoding failed")


@pytest.fixture
async def finished_job(api: httpx.AsyncClient, clock: ManualClock) -> list[str]:
    """The image URLs of a finished 2-image 16:9 job."""
    rid = (await api.post(SUBMIT_PATH, json=body(count=2, seed=42), headers=AUTH)).json()[
        "request_id"
    ]
    clock.advance(QUEUE_SECONDS + RUN_SECONDS)
    result = await api.get(f"/v1/requests/{rid}/result", headers=AUTH)
    return result.json()["output"]["images"]


async def test_the_image_origin_serves_full_size_images(
    finished_job: list[str], cdn: httpx.AsyncClient
) -> None:
    answers = [await cdn.get(url) for url in finished_job]

    assert [a.headers["content-type"] for a in answers] == ["image/png"] * 2
    assert [decode(a.content) for a in answers] == [(b"png", (2560, 1440))] * 2
    assert answers[0].content != answers[1].content


async def test_the_image_origin_refuses_and_records_any_authorization(
    finished_job: list[str], cdn: httpx.AsyncClient, manual_emulator: Emulator
) -> None:
    refused = await cdn.get(finished_job[0], headers=AUTH)
    served = await cdn.get(finished_job[0])

    assert refused.status_code == 401
    assert served.status_code == 200
    violations = manual_emulator.auth_violations()
    assert [(v.path, v.status) for v in violations] == [(httpx.URL(finished_job[0]).path, 401)]
    assert "rc-test" not in repr(violations)


async def test_unknown_or_unfinished_files_are_404(
    api: httpx.AsyncClient, cdn: httpx.AsyncClient, finished_job: list[str]
) -> None:
    rid = (await api.post(SUBMIT_PATH, json=body(), headers=AUTH)).json()["request_id"]
    base = finished_job[0].rsplit("/", 2)[0]
    for url in (
        f"{base}/{rid}/0.png",  # still queued
        finished_job[0].replace("/0.png", "/2.png"),  # only 2 images
        finished_job[0].replace(".png", ".jpg"),
        f"{base}/nope/0.png",
    ):
        assert (await cdn.get(url)).status_code == 404, url


@pytest.mark.parametrize(
    ("fault", "check"),
    [
        (
            Fault.CORRUPT_IMAGE,
            lambda r: r.status_code == 200 and not r.content.startswith(b"\x89PNG"),
        ),
        (
            Fault.TRUNCATED_IMAGE,
            lambda r: r.status_code == 200 and not r.content.endswith(b"\xaeB`\x82"),
        ),
        (Fault.EXPIRED_URL, lambda r: r.status_code == 403 and b"expired" in r.content),
        (FaultSpec(Fault.EXPIRED_URL, status=404), lambda r: r.status_code == 404),
    ],
)
async def test_image_faults(
    finished_job: list[str],
    cdn: httpx.AsyncClient,
    manual_emulator: Emulator,
    fault: Fault | FaultSpec,
    check: Callable[[httpx.Response], bool],
) -> None:
    manual_emulator.faults.arm(Endpoint.IMAGE, fault)
    faulty = await cdn.get(finished_job[0])
    healthy = await cdn.get(finished_job[0])
    assert check(faulty)
    assert decode(healthy.content)[1] == (2560, 1440)


async def test_a_dropped_download_fails_like_a_broken_socket(
    finished_job: list[str], cdn: httpx.AsyncClient, manual_emulator: Emulator
) -> None:
    manual_emulator.faults.arm(Endpoint.IMAGE, Fault.DROP)
    with pytest.raises(httpx.RemoteProtocolError):
        await cdn.get(finished_job[0])


async def test_jpeg_configuration_and_image_faults_bound_to_the_submitting_token() -> None:
    clock = ManualClock()
    config = EmulatorConfig(image_format=ImageFormat.JPEG, queue_seconds=0, run_seconds=1)
    with Emulator(config, clock=clock) as emu:
        async with (
            httpx.AsyncClient(transport=emu.api_transport(), base_url="http://127.0.0.1") as api,
            httpx.AsyncClient(transport=emu.image_transport()) as cdn,
        ):
            jobs = {}
            for token in ("demo-token", "fault-expired-url"):
                headers = {"Authorization": f"Bearer {token}"}
                rid = (await api.post(SUBMIT_PATH, json=body(count=1), headers=headers)).json()
                jobs[token] = (rid["request_id"], headers)
            clock.advance(10)
            urls = {
                token: (await api.get(f"/v1/requests/{rid}/result", headers=h)).json()["output"]
                for token, (rid, h) in jobs.items()
            }
            good = await cdn.get(urls["demo-token"]["images"][0])
            expired = await cdn.get(urls["fault-expired-url"]["images"][0])

    assert urls["demo-token"]["images"][0].endswith("/0.jpg")
    assert (good.headers["content-type"], decode(good.content)[0]) == ("image/jpeg", b"jpeg")
    assert expired.status_code == 403
