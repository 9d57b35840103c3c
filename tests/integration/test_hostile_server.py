"""``seedream-desktop generate`` / ``resume`` against a server that tries to hurt the client.

Each case runs the real command line in a subprocess (``recording_cli.py``: every connect is
recorded, and any to a non-loopback address refused before it leaves the machine) and checks
what the user would notice: exit code and message, the files and rows in the library, how many
submits and image fetches the server saw, and the child's peak memory where memory is the point.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import struct
import subprocess
import sys
import time
import tracemalloc
import zlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from subprocess import PIPE

import httpx
import pytest

from seedream_desktop.api.client import ClientTimeouts, RunComfyClient
from seedream_desktop.api.errors import NetworkError, ProtocolError
from seedream_desktop.api.retry import RetryPolicies, RetryPolicy
from tests.integration.hostile_server import (
    API_HOST,
    REQUEST_ID,
    HostileServer,
    Script,
    serve_hostile,
)
from tests.support.fixtures import TEST_TOKEN

RECORDER = Path(__file__).with_name("recording_cli.py")
METADATA = "169.254.169.254"
PEAK_LIMIT_MB = 300
CLI_TIMEOUT = 120.0

pytestmark = pytest.mark.slow


@dataclass(frozen=True, slots=True)
class Run:
    code: int
    stdout: list[str]
    stderr: str
    connects: list[str]  # every address a socket was asked to connect to
    peak_mb: float


@dataclass(frozen=True, slots=True)
class Started:
    proc: subprocess.Popen[str]
    connect_log: Path
    peak_file: Path

    def finish(self) -> Run:
        out, err = self.proc.communicate(timeout=CLI_TIMEOUT)
        log, peak = self.connect_log, self.peak_file
        return Run(
            code=self.proc.returncode,
            stdout=out.splitlines(),
            stderr=err,
            connects=log.read_text().split() if log.exists() else [],
            peak_mb=int(peak.read_text()) / 1024 if peak.exists() else float("nan"),
        )


def start_cli(
    server: HostileServer,
    data: Path,
    *args: str,
    token: str = TEST_TOKEN,
    names: dict[str, str] | None = None,
    wrap: tuple[str, ...] = (),
    records: Path | None = None,
) -> Started:
    """Start one command on the library in ``data``; ``wrap`` goes in front of it."""
    records = records or data.parent
    records.mkdir(parents=True, exist_ok=True)
    tag = f"{args[0]}-{time.monotonic_ns()}"
    connect_log, peak_file = records / f"{tag}.connects", records / f"{tag}.peak"
    env = {
        **os.environ,
        "RUNCOMFY_API_TOKEN": token,
        "HOSTILE_CONNECT_LOG": str(connect_log),
        "HOSTILE_NAMES": json.dumps(names or {}),
        "HOSTILE_PEAK_FILE": str(peak_file),
    }
    command = [*wrap, sys.executable, str(RECORDER), *args]
    command += ["--data-dir", str(data), "--base-url", server.base_url]
    proc = subprocess.Popen(command, stdout=PIPE, stderr=PIPE, text=True, env=env)
    return Started(proc, connect_log, peak_file)


def run_cli(server: HostileServer, data: Path, *args: str, **kw: object) -> Run:
    return start_cli(server, data, *args, **kw).finish()  # type: ignore[arg-type]


def generate(server: HostileServer, data: Path, count: int, **kw: object) -> Run:
    return run_cli(server, data, "generate", "a lighthouse at dusk", "--count", str(count), **kw)  # type: ignore[arg-type]


def image_files(data: Path) -> list[Path]:
    return sorted(p for p in (data / "library" / "images").rglob("*") if p.is_file())


def library_rows(data: Path, query: str) -> list[tuple[object, ...]]:
    db = sqlite3.connect(data / "library" / "library.sqlite3")
    try:
        return db.execute(query).fetchall()
    finally:
        db.close()


def png(width: int, height: int, shade: int = 0x80, *, cut_idat: bool = False) -> bytes:
    """A solid RGB PNG, compressed row by row (a 64 MP one is ~190 KB)."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        crc = zlib.crc32(kind + payload)
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)

    squeeze = zlib.compressobj(9)
    row = b"\x00" + bytes([shade]) * (width * 3)
    idat = b"".join(squeeze.compress(row) for _ in range(height)) + squeeze.flush()
    if cut_idat:
        idat = idat[: len(idat) // 2]
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def image_links(count: int) -> Callable[[str], list[str]]:
    return lambda base: [f"{base}/img/{n}.png" for n in range(count)]


def the_same_four_times(body: bytes) -> Script:
    return Script(image_urls=image_links(4), image=lambda n, k: body)


def small_png(n: int, k: int = 0) -> bytes:
    return png(8 + n % 7, 8, shade=(n * 37 + k * 101) % 256)


def loopback_only(connects: list[str]) -> bool:
    return all(host.startswith("127.") or host == "::1" for host in connects)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


# ---- link-local, loopback and private result links ---------------------------------------

LINK_CASES: dict[str, tuple[Callable[[str], list[str]], Callable[[int], str], dict[str, str]]] = {
    "literal": (lambda base: [f"https://{METADATA}/latest/{n}.png" for n in range(2)], str, {}),
    "302 from the image host": (
        lambda base: [f"{base}/redirect/{n}" for n in range(2)],
        lambda n: f"https://{METADATA}/latest/{n}.png",
        {},
    ),
    "name resolving to it": (
        lambda base: [f"https://metadata.hostile.test/{n}.png" for n in range(2)],
        str,
        {"metadata.hostile.test": METADATA},
    ),
    "302 to such a name": (
        lambda base: [f"{base}/redirect/{n}" for n in range(2)],
        lambda n: f"https://metadata.hostile.test/{n}.png",
        {"metadata.hostile.test": METADATA},
    ),
    "name resolving to a private address": (
        lambda base: [f"https://cdn.hostile.test/{n}.png" for n in range(2)],
        str,
        {"cdn.hostile.test": "10.1.2.3"},
    ),
}


@pytest.mark.parametrize("case", list(LINK_CASES))
def test_a_link_to_a_refused_address_is_never_connected_to(data: Path, case: str) -> None:
    urls, redirect_to, names = LINK_CASES[case]
    with serve_hostile(Script(image_urls=urls, redirect_to=redirect_to)) as server:
        first = generate(server, data, 2, names=names)
        again = run_cli(server, data, "resume", names=names)

        # The recording layer works: it saw the connections to the API.
        assert API_HOST in first.connects
        for run in (first, again):
            assert run.code == 8, run.stderr
            assert "private or local network address" in run.stderr
            assert "Traceback" not in run.stderr
            # Refused before connecting: no socket was ever asked to go anywhere else.
            assert loopback_only(run.connects), run.connects
        assert server.submits == 1
        assert image_files(data) == []
        print(f"{case}: connection attempts to non-loopback addresses: 0")


# ---- more links than asked ----------------------------------------------------------------


@pytest.mark.parametrize("listed", [16, 300])
def test_at_most_fifteen_links_are_ever_fetched(data: Path, listed: int) -> None:
    script = Script(
        image_urls=image_links(listed),
        image=small_png,
    )
    with serve_hostile(script) as server:
        run = generate(server, data, 4)

        assert run.code == 0, run.stderr
        assert len(run.stdout) == 15
        assert len(image_files(data)) == 15
        assert len(server.image_fetches) == 15
        (note,) = library_rows(data, "SELECT note FROM jobs")[0]
        assert (
            note
            == f"The server listed {listed} images for 4 asked; only the first 15 were fetched."
        )
        assert note in run.stderr


# ---- memory: pixel bombs and gzip bombs ---------------------------------------------------


@pytest.fixture(scope="module")
def under_old_cap() -> bytes:
    return png(8000, 7999)  # 63.99 MP: just under the old 64 MP cap


@pytest.fixture(scope="module")
def under_new_cap() -> bytes:
    return png(4096, 4096)  # the model's documented maximum, ~16.8 MP


def test_four_pngs_just_under_the_old_64_mp_cap_are_refused_in_little_memory(
    data: Path, under_old_cap: bytes
) -> None:
    with serve_hostile(the_same_four_times(under_old_cap)) as server:
        run = generate(server, data, 4)

        assert run.code == 8, run.stderr
        assert "too large to open safely (8000 × 7999 pixels)" in run.stderr
        assert image_files(data) == []
        assert run.peak_mb <= PEAK_LIMIT_MB
        print(f"4 PNGs of 8000×7999: peak {run.peak_mb:.0f} MB")


def test_four_pngs_at_the_models_maximum_are_kept_in_bounded_memory(
    data: Path, under_new_cap: bytes
) -> None:
    with serve_hostile(the_same_four_times(under_new_cap)) as server:
        run = generate(server, data, 4)

        assert run.code == 0, run.stderr
        assert len(image_files(data)) == 4
        assert run.peak_mb <= PEAK_LIMIT_MB
        print(f"4 PNGs of 4096×4096: peak {run.peak_mb:.0f} MB")


@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    """500 MB of zeros, gzip-compressed (about 0.5 MB)."""
    squeeze = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1 << 20)
    return b"".join(squeeze.compress(block) for _ in range(500)) + squeeze.flush()


def test_gzip_bombs_as_image_bodies_are_never_inflated(data: Path, gzip_bomb: bytes) -> None:
    assert len(gzip_bomb) < 1 << 20  # small on the wire
    script = Script(
        image_urls=image_links(4),
        image=lambda n, k: gzip_bomb,
        image_headers={"Content-Encoding": "gzip"},
    )
    with serve_hostile(script) as server:
        run = generate(server, data, 4)

        assert run.code == 8, run.stderr
        assert "compressed answer although none was asked for" in run.stderr
        assert {seen.headers.get("accept-encoding") for seen in server.image_fetches} == {
            "identity"
        }
        assert image_files(data) == []
        assert run.peak_mb <= PEAK_LIMIT_MB
        print(f"gzip bombs as 4 image bodies: peak {run.peak_mb:.0f} MB")


# ---- two processes on one library ---------------------------------------------------------


def test_resume_leaves_a_job_that_generate_is_running_alone(data: Path) -> None:
    script = Script(
        image_urls=image_links(3),
        image=small_png,  # different bytes on every request: a second fetch would show
        run_seconds=4.0,
    )
    with serve_hostile(script) as server:
        gen = start_cli(server, data, "generate", "a fox", "--count", "3")
        deadline = time.monotonic() + 30
        while server.submits == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.submits == 1
        resume = run_cli(server, data, "resume")
        generated = gen.finish()

        assert resume.code == 10, resume.stderr
        assert "Job 1 is being run by another Seedream Desktop" in resume.stderr
        assert generated.code == 0, generated.stderr
        assert len(server.image_fetches) == 3  # each image fetched once, by one process
        rows = library_rows(data, "SELECT path, sha256 FROM images")
        assert len(rows) == 3
        for path, digest in rows:
            file = data / "library" / str(path)
            assert hashlib.sha256(file.read_bytes()).hexdigest() == digest
        assert server.submits == 1


# ---- what is parsed is what the server said -----------------------------------------------


def test_a_one_letter_token_does_not_change_the_answers(data: Path) -> None:
    script = Script(image_urls=image_links(2), image=small_png)
    with serve_hostile(script) as server:
        run = generate(server, data, 2, token="t")

        assert run.code == 0, run.stderr
        assert library_rows(data, "SELECT request_id, state FROM jobs") == [(REQUEST_ID, "done")]
        assert len(image_files(data)) == 2
        assert server.submits == 1


# ---- a damaged PNG: libpng's words stay out of the terminal --------------------------------


def test_a_damaged_png_is_reported_without_raw_libpng_output(data: Path) -> None:
    script = Script(
        image_urls=image_links(1),
        image=lambda n, k: png(64, 64, cut_idat=True),
    )
    with serve_hostile(script) as server:
        run = generate(server, data, 1)

        assert run.code == 8, run.stderr
        assert "damaged or incomplete" in run.stderr
        assert "libpng" not in run.stderr
        assert image_files(data) == []


# ---- a full disk --------------------------------------------------------------------------


def _can_mount_tmpfs() -> bool:
    if sys.platform != "linux" or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "--mount", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
        capture_output=True,
    )
    return probe.returncode == 0


@pytest.mark.skipif(not _can_mount_tmpfs(), reason="needs a private mount namespace (unshare)")
@pytest.mark.parametrize("library", ["new", "existing"])
def test_a_disk_already_full_before_generate_says_so(tmp_path: Path, library: str) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    data = disk / "data"
    make = f'"{sys.executable}" -m seedream_desktop history --data-dir "{data}" >/dev/null; '
    fill = f'dd if=/dev/zero of="{disk}/fill" bs=4k >/dev/null 2>&1; '
    # A tmpfs of its own in a private mount namespace: it vanishes with the process.
    prepare = f'mount -t tmpfs -o size=512k tmpfs "{disk}" && mkdir "{data}" && '
    prepare += (make if library == "existing" else "") + fill + 'exec "$@"'
    wrap = ("unshare", "--mount", "sh", "-c", prepare, "sh")
    script = Script(image_urls=image_links(1), image=small_png)
    with serve_hostile(script) as server:
        started = start_cli(
            server, data, "generate", "a fox", "--count", "1", wrap=wrap, records=tmp_path
        )
        run = started.finish()

        assert run.code == 9, run.stderr
        assert "The disk is full" in run.stderr
        assert "damaged" not in run.stderr
        assert server.submits == 0


# ---- a status answer dripped one byte at a time -------------------------------------------


async def test_a_dripped_answer_meets_the_total_deadline_then_the_usual_retries() -> None:
    """Each byte comes well within the 30 s read timeout; only the total deadline ends it.

    The deadline is shortened here (the app's is 60 s) so the test takes seconds, not minutes.
    """
    script = Script(image_urls=lambda base: [], drip_seconds=0.05)
    with serve_hostile(script) as server:
        retry = RetryPolicies.uniform(RetryPolicy(attempts=2, base_delay=0.01, jitter=False))
        timeouts = ClientTimeouts(request_total=1.0)
        client = RunComfyClient(
            lambda: TEST_TOKEN, base_url=server.base_url, retry=retry, timeouts=timeouts
        )
        async with client:
            started = time.monotonic()
            with pytest.raises(NetworkError, match="did not answer in time"):
                await client.status(REQUEST_ID)
            took = time.monotonic() - started
        assert len(server.requests_to(API_HOST)) == 2  # the first try, then one retry
        print(f"dripped status: gave up after {took:.1f} s for 2 tries of a 1 s deadline")


async def test_an_api_answer_that_inflates_past_the_cap_is_cut_off_as_it_streams() -> None:
    """A gzip body of 500 MB of zeros: refused after about 1 MB inflated, never all of it."""
    squeeze = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    bomb = b"".join(squeeze.compress(bytes(1 << 20)) for _ in range(500)) + squeeze.flush()

    class Dribble(httpx.AsyncByteStream):
        async def __aiter__(self) -> AsyncIterator[bytes]:
            for start in range(0, len(bomb), 64 * 1024):
                yield bomb[start : start + 64 * 1024]

    def handler(request: httpx.Request) -> httpx.Response:
        headers = {"Content-Encoding": "gzip", "Content-Type": "application/json"}
        return httpx.Response(200, headers=headers, stream=Dribble())

    client = RunComfyClient(
        lambda: TEST_TOKEN,
        base_url="https://model-api.runcomfy.net",
        transport=httpx.MockTransport(handler),
        retry=RetryPolicies.uniform(RetryPolicy(attempts=1)),
    )
    tracemalloc.start()
    try:
        async with client:
            with pytest.raises(ProtocolError, match="far larger than expected"):
                await client.status(REQUEST_ID)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16 * 1024 * 1024
    print(f"gzip bomb as an API answer: peak {peak / 1_048_576:.1f} MB allocated")
