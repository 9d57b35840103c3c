"""The settings file read without Qt answers exactly what QSettings would, or defers to it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from seedream_desktop.core.settings_file import ASK_QT, native_ini_path, stored_plain_text

KEY = "paths/library_dir"


def _written_by_qsettings(path: Path, values: dict[str, str]) -> None:
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    for key, value in values.items():
        settings.setValue(key, value)
    settings.sync()
    assert settings.status() == QSettings.Status.NoError


@pytest.mark.parametrize(
    "value",
    ["/home/me/Pictures/Seedream", "/home/me/My Pictures/series (2)", "/srv/a-b_c.d~e+f"],
)
def test_plain_paths_are_read_back_exactly(tmp_path: Path, value: str) -> None:
    ini = tmp_path / "settings.conf"
    _written_by_qsettings(ini, {KEY: value, "appearance/theme": "dark"})
    assert stored_plain_text(KEY, ini) == value
    assert stored_plain_text("appearance/theme", ini) == "dark"


@pytest.mark.parametrize(
    "value",
    [
        "/home/me/Bilder/Überblick",
        "/a;b",
        "/a,b",
        '/a"b',
        "/a\\b",
        "@Variant(x)",
        " /leading space",
        "/a=b",
        "/100%",
    ],
)
def test_values_qsettings_may_have_escaped_are_left_to_it(tmp_path: Path, value: str) -> None:
    ini = tmp_path / "settings.conf"
    _written_by_qsettings(ini, {KEY: value})
    assert stored_plain_text(KEY, ini) in (value, ASK_QT)  # never a wrong path
    assert QSettings(str(ini), QSettings.Format.IniFormat).value(KEY) == value


def test_a_missing_key_or_file_is_the_default(tmp_path: Path) -> None:
    ini = tmp_path / "settings.conf"
    assert stored_plain_text(KEY, ini) is None
    _written_by_qsettings(ini, {"appearance/theme": "dark"})
    assert stored_plain_text(KEY, ini) is None


def test_the_file_is_where_qsettings_keeps_the_apps_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # In a fresh process: QSettings reads XDG_CONFIG_HOME once per process.
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path)}
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from seedream_desktop.core.settings import default_qsettings;"
            "print(default_qsettings().fileName())",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=60,
    )
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert native_ini_path() == Path(done.stdout.strip())


def test_a_key_the_users_file_lacks_is_left_to_qsettings_when_a_fallback_file_exists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "system"))
    ini = tmp_path / "settings.conf"
    _written_by_qsettings(ini, {"appearance/theme": "dark"})
    assert stored_plain_text(KEY, ini) is None
    _written_by_qsettings(tmp_path / "Seedream.conf", {KEY: "/srv/shared library"})
    assert stored_plain_text(KEY, ini) is ASK_QT
    # A key the user's own file holds wins over the fallbacks, for QSettings too.
    _written_by_qsettings(ini, {KEY: "/home/me/library"})
    assert stored_plain_text(KEY, ini) == "/home/me/library"
