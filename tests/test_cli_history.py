"""``seedream-desktop history`` reads the library's SQLite file and nothing else."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from seedream_desktop.api.models import ImageFormat
from seedream_desktop.api.params import AspectRatio, GenerationParams, PromptMode
from seedream_desktop.cli.main import run_cli
from seedream_desktop.core.library import Library, LibraryPaths
from seedream_desktop.core.models import JobState

# What a read-only command must not load: the network, the keyring, the emulator, widgets and
# Qt's image modules.
HEAVY_MODULES = (
    "httpx",
    "keyring",
    "seedream_desktop.emulator",
    "PySide6.QtWidgets",
    "PySide6.QtGui",
)

# Runs the installed entry point and reports, on stderr, every module it loaded.
_REPORT_MODULES = """
import json, sys
from seedream_desktop.__main__ import main
code = main(sys.argv[1:])
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
sys.exit(code)
"""


def _make_library(data_dir: Path) -> list[int]:
    """Two jobs, the second with an image; their ids, newest first."""
    with Library.open(LibraryPaths.in_data_dir(data_dir)) as library:
        first = library.create_job(
            GenerationParams.from_description("a red fox in snow", 2, AspectRatio.SQUARE)
        )
        second = library.create_job(
            GenerationParams.from_description(
                "a lighthouse at dusk", 1, AspectRatio.WIDE_16_9, PromptMode.STANDARD, 7
            )
        )
        path = library.image_path_for(second.id, 0, ".png")
        path.write_bytes(b"\x89PNG\r\n\x1a\n")
        library.add_image(second.id, 0, path, ImageFormat.PNG, 16, 9, 8, "ab" * 32)
        library.update_job(second.id, state=JobState.DONE, images_done=1)
        return [second.id, first.id]


def _history(data_dir: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _REPORT_MODULES, "history", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "RUNCOMFY_API_TOKEN": "rc-not-needed"},
    )
    modules = json.loads(done.stderr.strip().splitlines()[-1])
    return done, modules


def test_history_lists_the_jobs_and_loads_no_network_keyring_emulator_or_widgets(
    tmp_path: Path,
) -> None:
    ids = _make_library(tmp_path)
    done, modules = _history(tmp_path, "--json")
    assert done.returncode == 0
    jobs = json.loads(done.stdout)
    assert [job["id"] for job in jobs] == ids
    assert jobs[0]["prompt"] == "Generate 1 image of a lighthouse at dusk"
    assert (jobs[0]["state"], jobs[0]["aspect"], jobs[0]["seed"]) == ("done", "16:9", 7)
    assert jobs[0]["images"][0].endswith(".png")
    assert jobs[1]["images"] == []
    loaded = [m for m in modules if m.startswith(HEAVY_MODULES)]
    assert loaded == []


def test_history_of_a_folder_without_a_library_is_empty_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(["history", "--json", "--data-dir", str(tmp_path / "none")]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert not (tmp_path / "none").exists()


def test_history_writes_nothing_to_the_library(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _make_library(tmp_path)
    db = LibraryPaths.in_data_dir(tmp_path).db_file
    before = db.read_bytes()
    assert run_cli(["history", "--data-dir", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4  # two a job: where to find it, then what it did
    assert "Generate 1 image of a lighthouse at dusk" in lines[0]
    assert "Done" in lines[1]
    assert db.read_bytes() == before


def test_history_of_a_damaged_library_is_a_library_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = LibraryPaths.in_data_dir(tmp_path).db_file
    db.parent.mkdir(parents=True)
    db.write_bytes(b"not a database" * 100)
    assert run_cli(["history", "--data-dir", str(tmp_path)]) == 9
    assert "Error:" in capsys.readouterr().err


def test_history_finds_the_library_moved_in_settings_without_loading_qt(tmp_path: Path) -> None:
    library = tmp_path / "moved library"
    ids = _make_library(library)
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "RUNCOMFY_API_TOKEN": "rc-not-needed",
    }
    env.pop("SEEDREAM_DATA_DIR", None)
    # The app saves the choice (QSettings, native format) in a process of its own.
    save = (
        "import sys; from dataclasses import replace; from pathlib import Path;"
        "from seedream_desktop.core.settings import SettingsStore;"
        "store = SettingsStore(); store.save(replace(store.load(), data_dir=Path(sys.argv[1])))"
    )
    subprocess.run([sys.executable, "-c", save, str(library)], env=env, check=True, timeout=60)
    done = subprocess.run(
        [sys.executable, "-c", _REPORT_MODULES, "history", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert [job["id"] for job in json.loads(done.stdout)] == ids
    modules = json.loads(done.stderr.strip().splitlines()[-1])
    assert [m for m in modules if m.startswith(("PySide6.QtCore", *HEAVY_MODULES))] == []
