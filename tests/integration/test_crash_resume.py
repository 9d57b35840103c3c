"""Kill the command line with SIGKILL while queued, while running and mid-download; ``resume``
finishes the job: every paid image arrives, none twice, no temp file is left behind."""

from __future__ import annotations

import os
import queue
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImageReader

from seedream_desktop.emulator import Emulator, EmulatorConfig
from seedream_desktop.emulator.faults import Endpoint, Fault, FaultSpec
from tests.support.command import run_app
from tests.support.emulator_server import ServedEmulator, serve_emulator
from tests.support.fixtures import TEST_TOKEN

CLI = (sys.executable, "-m", "seedream_desktop")
COUNT = 3
LINE_TIMEOUT = 30.0


class Cli:
    """One ``seedream-desktop`` process whose stderr lines can be awaited."""

    def __init__(self, *args: str, data_dir: Path, base_url: str) -> None:
        env = {**os.environ, "RUNCOMFY_API_TOKEN": TEST_TOKEN}
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "seedream_desktop",
                *args,
                "--data-dir",
                str(data_dir),
                "--base-url",
                base_url,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.put(line.rstrip("\n"))

    def wait_for_line(self, needle: str) -> str:
        deadline = time.monotonic() + LINE_TIMEOUT
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                if self.proc.poll() is not None and self.lines.empty():
                    break
                continue
            self.seen.append(line)
            if needle in line:
                return line
        raise AssertionError(f"never printed {needle!r}; printed: {self.seen}")

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def finish(self) -> tuple[int, list[str]]:
        out, _ = self.proc.communicate(timeout=60)
        return self.proc.returncode, out.splitlines()


@pytest.fixture
def slow_emulator() -> Iterator[ServedEmulator]:
    config = EmulatorConfig(
        tokens=frozenset({TEST_TOKEN}), queue_seconds=2.0, run_seconds=2.5, per_image_seconds=0
    )
    with Emulator(config) as emulator, serve_emulator(emulator) as served:
        yield served


def test_sigkill_while_queued_running_and_downloading_then_resume_loses_nothing(
    slow_emulator: ServedEmulator, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    base = slow_emulator.base_url
    # The first two image downloads hang long enough to kill the process in the middle of them.
    slow_emulator.emulator.faults.arm(Endpoint.IMAGE, FaultSpec(Fault.SLOW, seconds=20), times=2)

    gen = Cli(
        "generate", "a lighthouse at dusk", "--count", str(COUNT), data_dir=data, base_url=base
    )
    gen.wait_for_line("Queued")
    gen.kill()

    resume = Cli("resume", data_dir=data, base_url=base)
    resume.wait_for_line("Running")
    resume.kill()

    resume = Cli("resume", data_dir=data, base_url=base)
    resume.wait_for_line(f"Downloading 1 of {COUNT}")
    resume.kill()

    final = Cli("resume", data_dir=data, base_url=base)
    code, printed = final.finish()
    assert code == 0, final.seen + list(final.lines.queue)

    submits = [r for r in slow_emulator.emulator.requests() if r.method == "POST"]
    assert len(submits) == 1, "a resumed job must never be submitted again"

    db = sqlite3.connect(data / "library" / "library.sqlite3")
    states = db.execute("SELECT state FROM jobs").fetchall()
    rows = db.execute("SELECT idx, path FROM images ORDER BY idx").fetchall()
    db.close()
    assert states == [("done",)]
    assert [idx for idx, _ in rows] == list(range(COUNT))
    library = data / "library"
    files = sorted(p for p in (library / "images").rglob("*") if p.is_file())
    assert len(files) == COUNT, files
    for path in files:
        assert not QImageReader(str(path)).read().isNull()
    assert not [p for p in library.rglob("*") if p.name.endswith(".part")]
    # The last resume printed the paths of the images it finished.
    assert printed and all(Path(line).exists() for line in printed)


def test_generate_exit_codes_for_bad_input_and_missing_token(tmp_path: Path) -> None:
    too_long = run_app("generate", "x" * 700, "--demo", "--data-dir", str(tmp_path))
    assert too_long.returncode == 2
    assert "the limit is 600" in too_long.stderr
    assert "Traceback" not in too_long.stderr

    no_token = run_app("generate", "a fox", "--data-dir", str(tmp_path))
    assert no_token.returncode == 3
    assert "No API token" in no_token.stderr
