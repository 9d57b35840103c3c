"""The Linux artefacts, built by packaging/build_linux.sh, installed the way users get them.

The build is reused only if this test made it from exactly the current sources (a fingerprint
of every source file's path, size and mtime is kept beside it); any edit, new or deleted file
rebuilds. The frozen app then runs from the unpacked .deb, offscreen, with a fresh HOME and,
where installed, a real Secret Service on a private D-Bus session.
"""

from __future__ import annotations

import configparser
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from seedream_desktop import APP_ID, APP_NAME, __version__
from tests.support.isolated_session import (
    SECRET_SERVICE_TOOLS,
    UNLOCK_KEYRING,
    isolated_env,
    run_in_own_group,
)
from tests.support.tools import require_tool

BUILD_TIMEOUT_S = 900
RUN_TIMEOUT_S = 120
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="builds the Linux packages"),
    # The first test also waits for the module's build fixture.
    pytest.mark.timeout(BUILD_TIMEOUT_S + RUN_TIMEOUT_S),
]

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "packaging" / "out"
FINGERPRINT = OUT / "test-build.fingerprint"
SOURCES = ("seedream_desktop", "packaging", "resources", "pyproject.toml", "constraints.txt")
METAINFO_ID = "com.seedream.desktop"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
# What the frozen app must get from Debian for Qt's xcb platform (a sample of the Depends).
XCB_DEPENDS = ("libxcb-cursor0", "libxkbcommon-x11-0", "libegl1", "libfontconfig1", "libdbus-1-3")
# Qt parts the spec leaves out; any of them back in the folder means the size grew for nothing.
UNWANTED_QT = ("libQt6Quick", "libQt6Qml", "libQt6Pdf", "libQt6Network", "libqgtk3")
# Of Qt's translations only the catalogue the app loads, in the languages it speaks besides English.
QT_TRANSLATIONS = {"qtbase_de.qm"}
APP_TRANSLATIONS = {"seedream_de.qm", "seedream_en.qm"}
FOLDER_BUDGET_BYTES = 160 * 1024 * 1024
# The self-test report (seedream_desktop/selftest.py): exit 0, one PASS/FAIL line per check, a
# last line announcing success, and the keyring back-end in use, which shows whether the frozen
# app found keyring's back-ends through their entry points.
SELF_TEST_LAST_LINE_WORDS = ("self-test", "passed")
SECRET_SERVICE_BACKEND = "keyring.backends.SecretService"
UNLOCKED_KEYRING = UNLOCK_KEYRING + 'exec "$APP" "$@"\n'


@dataclass(frozen=True)
class Build:
    folder: Path
    deb: Path
    tarball: Path


def is_source(path: Path) -> bool:
    relative = path.relative_to(REPO)
    return (
        path.is_file()
        and "__pycache__" not in relative.parts
        and relative.parts[:2] != ("packaging", "out")
    )


def source_fingerprint() -> str:
    digest = hashlib.sha256()
    for name in SOURCES:
        root = REPO / name
        for path in [root] if root.is_file() else sorted(root.rglob("*")):
            if is_source(path):
                stat = path.stat()
                relative = path.relative_to(REPO)
                digest.update(f"{relative}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def artefacts() -> Build:
    machine = os.uname().machine
    arch = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    return Build(
        folder=OUT / "dist" / APP_ID,
        deb=OUT / f"{APP_ID}_{__version__}_{arch}.deb",
        tarball=OUT / f"{APP_ID}-{__version__}-linux-{machine}.tar.gz",
    )


@pytest.fixture(scope="module")
def build() -> Build:
    expected = artefacts()
    fingerprint = source_fingerprint()
    fresh = (
        FINGERPRINT.is_file()
        and FINGERPRINT.read_text() == fingerprint
        and all(path.exists() for path in (expected.folder, expected.deb, expected.tarball))
    )
    if not fresh:
        FINGERPRINT.unlink(missing_ok=True)
        started = time.monotonic()
        result = subprocess.run(
            ["bash", str(REPO / "packaging" / "build_linux.sh")],
            # The suite's conftest already points HOME and XDG folders at a throw-away folder.
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=BUILD_TIMEOUT_S,
            check=False,
        )
        assert result.returncode == 0, (
            f"build_linux.sh failed:\n{result.stdout[-3000:]}\n{result.stderr[-5000:]}"
        )
        print(f"\nbuild_linux.sh took {time.monotonic() - started:.0f} s")
        # Written only now, and from the sources as they were before the build started.
        FINGERPRINT.write_text(fingerprint)
    return expected


@pytest.fixture(scope="module")
def installed(build: Build, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("deb-root")
    subprocess.run(["dpkg-deb", "-x", str(build.deb), str(root)], check=True)
    return root


def deb_field(deb: Path, field: str) -> str:
    return subprocess.run(
        ["dpkg-deb", "-f", str(deb), field], capture_output=True, text=True, check=True
    ).stdout.strip()


def app_env(root: Path) -> dict[str, str]:
    """A first start: empty HOME and data folder, no display, no token, no session bus."""
    return isolated_env(
        root / "home",
        root / "runtime",
        SEEDREAM_DATA_DIR=str(root / "library"),
        QT_QPA_PLATFORM="offscreen",
    )


def run_app(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run_in_own_group(command, env, RUN_TIMEOUT_S)


def test_deb_declares_package_and_the_libraries_qt_needs(build: Build) -> None:
    assert deb_field(build.deb, "Package") == APP_ID
    assert deb_field(build.deb, "Version") == __version__
    assert int(deb_field(build.deb, "Installed-Size")) > 0
    depends = {dep.split()[0] for dep in deb_field(build.deb, "Depends").split(", ")}
    assert set(XCB_DEPENDS) <= depends


def test_deb_installs_menu_entry_icons_and_metainfo(installed: Path) -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(installed / "usr" / "share" / "applications" / f"{APP_ID}.desktop")
    desktop = entry["Desktop Entry"]
    assert desktop["Name"] == APP_NAME
    assert desktop["Exec"] == APP_ID
    assert desktop["Icon"] == APP_ID
    assert (installed / "usr" / "bin" / APP_ID).resolve() == (
        installed / "opt" / APP_ID / APP_ID
    ).resolve()

    hicolor = installed / "usr" / "share" / "icons" / "hicolor"
    for size in ICON_SIZES:
        assert (hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
    assert (hicolor / "scalable" / "apps" / f"{APP_ID}.svg").is_file()

    metainfo = ET.parse(installed / "usr" / "share" / "metainfo" / f"{METAINFO_ID}.metainfo.xml")
    assert metainfo.findtext("id") == METAINFO_ID
    assert metainfo.findtext("launchable") == f"{APP_ID}.desktop"
    assert metainfo.find("releases/release").get("version") == __version__


def test_desktop_entry_passes_desktop_file_validate(installed: Path) -> None:
    require_tool("desktop-file-validate", "desktop-file-utils")
    entry = installed / "usr" / "share" / "applications" / f"{APP_ID}.desktop"
    result = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_metainfo_passes_appstream_validation(installed: Path) -> None:
    require_tool("appstreamcli", "appstream")
    metainfo = installed / "usr" / "share" / "metainfo" / f"{METAINFO_ID}.metainfo.xml"
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(metainfo)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_folder_has_only_the_qt_parts_the_app_uses(build: Build) -> None:
    # Not following links: PyInstaller links the Qt libraries into the top folder.
    files = [path for path in build.folder.rglob("*") if path.is_file() and not path.is_symlink()]
    size = sum(path.stat().st_size for path in files)
    print(f"\none-folder build: {size} bytes in {len(files)} files")
    assert size < FOLDER_BUDGET_BYTES
    names = {path.name for path in build.folder.rglob("*")}
    assert not [name for name in names if name.startswith(UNWANTED_QT)]
    translations = {path.name for path in build.folder.rglob("*.qm")}
    assert translations == QT_TRANSLATIONS | APP_TRANSLATIONS
    assert not [path for path in build.folder.rglob("*") if path.is_symlink() and not path.exists()]


def test_tarball_holds_the_one_folder_build(build: Build) -> None:
    top = f"{APP_ID}-{__version__}"
    with tarfile.open(build.tarball) as archive:
        members = {member.name: member for member in archive.getmembers()}
    assert members[f"{top}/{APP_ID}"].mode & 0o111
    assert f"{top}/_internal/seedream_desktop/resources/icon.svg" in members
    assert all(member.uid == 0 for member in members.values())


def test_installed_launcher_prints_version(installed: Path, tmp_path: Path) -> None:
    result = run_app([str(installed / "usr" / "bin" / APP_ID), "--version"], app_env(tmp_path))

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{APP_NAME} {__version__}"


def test_installed_app_passes_its_self_test(installed: Path, tmp_path: Path) -> None:
    app = installed / "usr" / "bin" / APP_ID
    env = app_env(tmp_path)
    has_secret_service = all(shutil.which(name) for name in SECRET_SERVICE_TOOLS)
    if has_secret_service:
        env["APP"] = str(app)
        command = ["dbus-run-session", "--", "sh", "-c", UNLOCKED_KEYRING, "app", "--self-test"]
    else:
        command = [str(app), "--self-test"]

    result = run_app(command, env)

    assert result.returncode == 0, f"self-test failed:\n{result.stdout}\n{result.stderr[-5000:]}"
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert lines, "the self-test printed no report"
    assert all(word in lines[-1].lower() for word in SELF_TEST_LAST_LINE_WORDS), lines[-1]
    assert not [line for line in lines if line.startswith("FAIL")]
    assert any(line.startswith("PASS  German translation") for line in lines), lines
    if has_secret_service:
        assert SECRET_SERVICE_BACKEND in result.stdout
