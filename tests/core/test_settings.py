"""Settings: round trip, the v1 → v2 migration, bad stored values, validation, default location."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from seedream_desktop.api.params import AspectRatio, PromptMode
from seedream_desktop.core.export.options import ExportFormat
from seedream_desktop.core.settings import (
    DEFAULT_BASE_URL,
    SCHEMA_VERSION,
    Settings,
    SettingsStore,
    Theme,
    all_specs,
    spec,
)

REPO = Path(__file__).resolve().parents[2]


def ini(path: Path) -> QSettings:
    return QSettings(str(path), QSettings.Format.IniFormat)


def write_ini(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


def custom() -> Settings:
    return Settings(
        price_per_image=0.045,
        jobs_at_once=5,
        data_dir=Path("/data/Seedream Library, 2025"),
        export_dir=Path("/exports/clients"),
        theme=Theme.DARK,
        base_url="http://127.0.0.1:8765",
        last_aspect=AspectRatio.CINEMA_21_9,
        last_count=12,
        last_mode=PromptMode.STANDARD,
        seed_fixed=True,
        last_seed=2**31 - 1,
        window_geometry=bytes(range(256)),
        window_state=b"\x00\xff state",
        splitter_state=b"=,/\n",
        grid_zoom=320,
        export_format=ExportFormat.WEBP,
        export_quality=75,
        export_name_template="{date} client, {prompt}_{index}",
    )


def test_fresh_store_gives_defaults(path: Path) -> None:
    settings = SettingsStore(ini(path)).load()

    assert settings == Settings()
    assert settings.price_per_image == 0.03
    assert settings.jobs_at_once == 3
    assert settings.base_url == "https://model-api.runcomfy.net"
    assert not path.exists(), "loading alone should not create a settings file"


def test_round_trip_through_the_file(path: Path) -> None:
    SettingsStore(ini(path)).save(custom())

    assert SettingsStore(ini(path)).load() == custom()


def test_round_trip_in_another_process_reads_the_strings_back(path: Path) -> None:
    """In one process QSettings may hand back cached native values; another reads the text."""
    SettingsStore(ini(path)).save(custom())
    code = f"""
import json
from PySide6.QtCore import QSettings
from seedream_desktop.core.settings import SettingsStore
s = SettingsStore(QSettings({str(path)!r}, QSettings.Format.IniFormat)).load()
print(json.dumps([s.price_per_image, s.last_seed, s.seed_fixed, s.window_geometry.hex(),
                  str(s.data_dir), s.export_name_template, s.last_aspect.label]))
"""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    ).stdout

    expected = custom()
    assert json.loads(out) == [
        0.045,
        2**31 - 1,
        True,
        expected.window_geometry.hex(),
        str(expected.data_dir),
        expected.export_name_template,
        "21:9",
    ]


def test_bytes_are_stored_as_base64(path: Path) -> None:
    SettingsStore(ini(path)).save(replace(Settings(), window_geometry=b"\x01\x02\x03"))

    assert "geometry=AQID" in path.read_text()


def test_no_seed_survives_the_round_trip(path: Path) -> None:
    SettingsStore(ini(path)).save(replace(custom(), last_seed=None, data_dir=None))

    loaded = SettingsStore(ini(path)).load()

    assert loaded.last_seed is None
    assert loaded.data_dir is None


def test_v1_keys_are_migrated_and_removed(path: Path, caplog: pytest.LogCaptureFixture) -> None:
    write_ini(
        path,
        """
        [General]
        price=3.5
        concurrency=6
        """,
    )
    caplog.set_level(logging.INFO)

    settings = SettingsStore(ini(path)).load()

    assert settings.price_per_image == pytest.approx(0.035)
    assert settings.jobs_at_once == 6
    text = path.read_text()
    assert "price=" not in text.replace("price_per_image=", "")
    assert "concurrency" not in text
    assert f"schema_version={SCHEMA_VERSION}" in text
    assert "schema 1 to 2" in caplog.text
    assert SettingsStore(ini(path)).load() == settings


def test_unreadable_v1_values_fall_back_to_defaults(path: Path) -> None:
    write_ini(
        path,
        """
        [General]
        price=three cents
        concurrency=lots
        """,
    )

    settings = SettingsStore(ini(path)).load()

    assert settings.price_per_image == 0.03
    assert settings.jobs_at_once == 3
    assert "three cents" not in path.read_text()


def test_invalid_values_fall_back_to_defaults_with_a_log_line(
    path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write_ini(
        path,
        f"""
        [General]
        schema_version={SCHEMA_VERSION}

        [jobs]
        price_per_image=-1
        jobs_at_once=99

        [appearance]
        theme=purple

        [api]
        base_url=http://example.com

        [generate]
        last_aspect=7:5
        last_count=three
        last_mode=turbo
        seed_fixed=maybe
        last_seed=-5

        [window]
        geometry=!!not base64!!

        [library]
        thumbnail_size=nan

        [export]
        format=bmp
        quality=0
        name_template={{colour}}_{{index}}

        [paths]
        library_dir=relative/folder
        """,
    )
    caplog.set_level(logging.WARNING)

    settings = SettingsStore(ini(path)).load()

    assert settings == Settings()
    for key in ("jobs_at_once", "theme", "last_aspect", "geometry", "format", "base_url", "colour"):
        assert key in caplog.text


def test_unknown_keys_and_extra_garbage_do_not_crash(path: Path) -> None:
    path.write_bytes(b"\xff\xfe\x00garbage\n[jobs]\njobs_at_once=4\n[[[\nfoo/bar=1\n")

    settings = SettingsStore(ini(path)).load()

    assert settings.jobs_at_once == 4


def test_settings_from_a_newer_version_are_read_and_not_downgraded(path: Path) -> None:
    write_ini(
        path,
        """
        [General]
        schema_version=3

        [jobs]
        jobs_at_once=7
        """,
    )
    store = SettingsStore(ini(path))

    settings = store.load()
    store.save(settings)

    assert settings.jobs_at_once == 7
    assert "schema_version=3" in path.read_text()


def test_validate_gives_messages_for_the_dialog() -> None:
    bad = replace(Settings(), price_per_image=11.0, jobs_at_once=9, base_url="http://example.com")

    problems = SettingsStore.validate(bad)

    assert "Price per image must be between 0 and 10 US$." in problems
    assert "Jobs at once must be a whole number from 1 to 8." in problems
    assert any("https" in p for p in problems)
    assert SettingsStore.validate(Settings()) == []
    assert SettingsStore.validate(custom()) == []


def test_save_refuses_invalid_settings_and_writes_nothing(path: Path) -> None:
    with pytest.raises(ValueError, match="Price per image"):
        SettingsStore(ini(path)).save(replace(Settings(), price_per_image=float("nan")))

    assert not path.exists()


@pytest.mark.parametrize(
    "url",
    [
        DEFAULT_BASE_URL,
        "https://model-api.runcomfy.net/",
        "http://127.0.0.1:8000",
        "http://127.0.0.2:9000/prefix",
        "http://localhost:8000",
        "http://[::1]:8000",
    ],
)
def test_base_url_accepted(url: str, path: Path) -> None:
    settings = replace(Settings(), base_url=url)

    assert SettingsStore.validate(settings) == []
    SettingsStore(ini(path)).save(settings)
    assert SettingsStore(ini(path)).load().base_url == url


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com",
        "http://10.0.0.5:8000",
        "http://127.0.0.1.example.com",
        "ftp://model-api.runcomfy.net",
        "model-api.runcomfy.net",
        "https://",
        "https://user:secret@model-api.runcomfy.net",
        "https://model-api.runcomfy.net:99999",
        "",
    ],
)
def test_base_url_refused(url: str) -> None:
    problems = SettingsStore.validate(replace(Settings(), base_url=url))

    assert len(problems) == 1
    assert "address" in problems[0]


def test_default_store_is_per_user_native_and_needs_no_qcoreapplication(tmp_path: Path) -> None:
    """Run where no QCoreApplication exists (as in the CLI), with a fresh config folder."""
    code = """
import json
from PySide6.QtCore import QCoreApplication
from seedream_desktop.core.settings import Settings, SettingsStore
assert QCoreApplication.instance() is None
store = SettingsStore()
store.save(Settings(jobs_at_once=6))
print(json.dumps({"file": store.location, "jobs": SettingsStore().load().jobs_at_once,
                  "app": QCoreApplication.instance() is not None}))
"""
    config = tmp_path / "config"
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(config)}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=REPO
    )

    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result == {
        "file": str(config / "Seedream" / "Seedream Desktop.conf"),
        "jobs": 6,
        "app": False,
    }
    assert "jobs_at_once=6" in (config / "Seedream" / "Seedream Desktop.conf").read_text()


def test_every_setting_is_declared_once_with_its_own_key() -> None:
    specs = all_specs()
    assert [s.name for s in specs] == [f for f in Settings.__dataclass_fields__]
    assert len({s.key for s in specs}) == len(specs)
    assert all(s.label for s in specs)
    assert Settings() == Settings(**{s.name: s.default for s in specs})


def test_a_renamed_setting_still_reads_what_the_user_saved_before(path: Path) -> None:
    """``data_dir`` was ``library_dir`` and ``grid_zoom`` was ``thumbnail_size``: same keys."""
    write_ini(
        path,
        f"""
        [General]
        schema_version={SCHEMA_VERSION}

        [paths]
        library_dir=/home/ann/Seedream

        [library]
        thumbnail_size=250
        """,
    )

    settings = SettingsStore(ini(path)).load()

    assert settings.data_dir == Path("/home/ann/Seedream")
    assert settings.grid_zoom == 250


def test_bounds_come_from_the_declaration() -> None:
    low, high = spec("grid_zoom").bounds
    assert SettingsStore.validate(replace(Settings(), grid_zoom=low)) == []
    [problem] = SettingsStore.validate(replace(Settings(), grid_zoom=high + 1))
    assert problem == f"Thumbnail size must be a whole number from {low} to {high} pixels."
