"""The .deb and the .tar.gz of Seedream Desktop from PyInstaller's one-folder build.

    python packaging/linux/build_packages.py [--dist packaging/out/dist/seedream-desktop]
                                             [--out packaging/out]

The .tar.gz is the folder as PyInstaller made it: it carries the system libraries of the build
machine and runs on any distribution with as new a glibc.

The .deb installs the folder to /opt/seedream-desktop with /usr/bin/seedream-desktop, the menu
entry, hicolor icons and AppStream metainfo. There the bundled copies of Debian's own libraries
(libxcb-*, libxkbcommon, fontconfig, OpenSSL …) are left out and depended on instead, so they get
Debian's security updates and match the host's configuration files; dpkg-shlibdeps derives the
Depends (with minimum versions) from every ELF file that stays.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import stat
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
PACKAGE = "seedream-desktop"
METAINFO_ID = "com.seedream.desktop"
INSTALL_DIR = Path("opt") / PACKAGE
MAINTAINER = "Seedream Desktop team <seedream-desktop@users.noreply.github.com>"
ELF_MAGIC = b"\x7fELF"


class PackagingError(RuntimeError):
    """A tool failed or the build folder is not what PyInstaller makes."""


@dataclass(frozen=True)
class Release:
    version: str
    date: str  # ISO date of the release, for the AppStream metainfo
    arch: str  # Debian architecture, e.g. amd64


def read_release() -> Release:
    sys.path.insert(0, str(ROOT))
    from seedream_desktop import __version__

    arch = run(["dpkg", "--print-architecture"]).strip()
    # Reproducible builds set SOURCE_DATE_EPOCH; otherwise the day of the build.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    day = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return Release(version=__version__, date=day.date().isoformat(), arch=arch)


def run(command: Sequence[str], cwd: Path | None = None) -> str:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise PackagingError(f"{command[0]} failed ({result.returncode}): {result.stderr.strip()}")
    return result.stdout


def elf_files(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as file:
                if file.read(4) == ELF_MAGIC:
                    yield path


def normalise_modes(folder: Path) -> None:
    """0755 for folders and anything executable, 0644 for the rest, whatever the umask was."""
    for path in [folder, *folder.rglob("*")]:
        if path.is_symlink():
            continue
        mode = path.stat().st_mode
        executable = path.is_dir() or mode & (stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        path.chmod(0o755 if executable else 0o644)


def debian_libraries(names: Sequence[str]) -> set[str]:
    """Those of the library file names that a Debian package installs in the system library
    folder of this architecture (/usr/lib/<multiarch>, /lib/<multiarch>)."""
    multiarch = sysconfig.get_config_var("MULTIARCH")
    # dpkg-query exits 1 when some pattern matches nothing: that is an answer, not a failure.
    result = subprocess.run(
        ["dpkg-query", "-S", *(f"*/{name}" for name in names)],
        capture_output=True,
        text=True,
        check=False,
    )
    owned = set()
    for line in result.stdout.splitlines():
        path = PurePosixPath(line.partition(": ")[2])
        if path.parent.name == multiarch and path.parent.parent.name == "lib":
            owned.add(path.name)
    return owned & set(names)


def needed_libraries(elves: Sequence[Path]) -> set[str]:
    """Every library name the ELF files link (DT_NEEDED)."""
    output = run(["readelf", "--dynamic", "--wide", *map(str, elves)])
    return {
        line.rsplit("[", 1)[1].rstrip("]")
        for line in output.splitlines()
        if "(NEEDED)" in line and "[" in line
    }


def unbundle_debian_libraries(internal: Path) -> list[str]:
    """Delete the bundled copies of Debian's libraries (PyInstaller puts them at the top of
    _internal) and links left dangling; returns the file names deleted.

    Only libraries that something links by name go: the dynamic loader then finds Debian's copy
    and dpkg-shlibdeps sees the dependency. libpython stays, as the bootloader opens its own.
    """
    linked = needed_libraries(list(elf_files(internal)))
    candidates = [
        path.name
        for path in internal.iterdir()
        if path.name in linked and path.is_file() and not path.is_symlink()
    ]
    deleted = sorted(debian_libraries(candidates))
    for name in deleted:
        (internal / name).unlink()
    for link in [path for path in internal.rglob("*") if path.is_symlink()]:
        if not link.exists():
            link.unlink()
    return deleted


def stage(dist: Path, icons: Path, root: Path, release: Release) -> list[str]:
    """Lay out the installed file tree of the .deb under ``root``; returns the libraries
    left to Debian."""
    if not (dist / PACKAGE).is_file():
        raise PackagingError(f"no {PACKAGE} executable in {dist}: run PyInstaller first")
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(dist, root / INSTALL_DIR, symlinks=True)
    unbundled = unbundle_debian_libraries(root / INSTALL_DIR / "_internal")
    launcher = root / "usr" / "bin" / PACKAGE
    launcher.parent.mkdir(parents=True)
    # Relative, so the launcher also works from a tree unpacked anywhere (the packaging test).
    launcher.symlink_to(Path("..", "..", INSTALL_DIR, PACKAGE))
    share = root / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    shutil.copyfile(LINUX / f"{PACKAGE}.desktop", share / "applications" / f"{PACKAGE}.desktop")
    shutil.copytree(icons / "hicolor", share / "icons" / "hicolor")
    metainfo = (LINUX / f"{METAINFO_ID}.metainfo.xml").read_text(encoding="utf-8")
    metainfo = metainfo.replace("@VERSION@", release.version).replace("@DATE@", release.date)
    (share / "metainfo").mkdir(parents=True)
    (share / "metainfo" / f"{METAINFO_ID}.metainfo.xml").write_text(metainfo, encoding="utf-8")
    normalise_modes(root)
    return unbundled


def shlib_depends(install_root: Path) -> list[str]:
    """Debian packages (with minimum versions) of the system libraries the bundle links."""
    elves = list(elf_files(install_root))
    private_dirs = sorted({str(path.parent) for path in elves})
    with tempfile.TemporaryDirectory() as scratch:
        # dpkg-shlibdeps insists on running in a source tree with a control file.
        debian = Path(scratch, "debian")
        debian.mkdir()
        (debian / "control").write_text(
            f"Source: {PACKAGE}\n\nPackage: {PACKAGE}\nArchitecture: any\n"
        )
        output = run(
            [
                "dpkg-shlibdeps",
                "-O",
                "--ignore-missing-info",
                "--warnings=0",
                # Libraries of the bundle (Qt, libpython) resolve to their bundled copies.
                *(f"-l{directory}" for directory in private_dirs),
                *(f"-e{path}" for path in elves),
            ],
            cwd=Path(scratch),
        )
    for line in output.splitlines():
        if line.startswith("shlibs:Depends="):
            return [dep.strip() for dep in line.split("=", 1)[1].split(",") if dep.strip()]
    raise PackagingError("dpkg-shlibdeps printed no shlibs:Depends")


def installed_size_kib(root: Path) -> int:
    """Installed-Size as dpkg computes it: each file rounded up to a whole KiB."""
    return sum(
        -(-path.lstat().st_size // 1024) if not path.is_dir() else 1 for path in root.rglob("*")
    )


def control_text(release: Release, depends: Sequence[str], size_kib: int) -> str:
    return (
        f"Package: {PACKAGE}\n"
        f"Version: {release.version}\n"
        f"Architecture: {release.arch}\n"
        f"Maintainer: {MAINTAINER}\n"
        f"Installed-Size: {size_kib}\n"
        f"Depends: {', '.join(depends)}\n"
        "Section: graphics\n"
        "Priority: optional\n"
        "Description: image series with ByteDance Seedream 4.0 on RunComfy\n"
        " Seedream Desktop makes image series with the Seedream 4.0 sequential model on\n"
        " RunComfy's Model API: write a prompt, follow the job, browse the results and\n"
        " export the ones you like. Every image paid for is kept, even after a crash.\n"
        " The API token is kept in the system keyring.\n"
    )


def build_deb(root: Path, target: Path, release: Release) -> None:
    depends = shlib_depends(root / INSTALL_DIR)
    size_kib = installed_size_kib(root)
    control = root / "DEBIAN" / "control"
    control.parent.mkdir()
    control.write_text(control_text(release, depends, size_kib))
    normalise_modes(control.parent)
    run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(root), str(target)])


def build_tarball(dist: Path, target: Path, top: str) -> None:
    def owned_by_root(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        return info

    with tarfile.open(target, "w:gz", compresslevel=6) as archive:
        archive.add(dist, arcname=top, filter=owned_by_root)


def main(argv: Sequence[str] | None = None) -> int:
    out_default = ROOT / "packaging" / "out"
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--dist", type=Path, default=out_default / "dist" / PACKAGE)
    parser.add_argument("--icons", type=Path, default=out_default / "icons")
    parser.add_argument("--out", type=Path, default=out_default)
    args = parser.parse_args(argv)
    try:
        release = read_release()
        deb_root = args.out / "deb-root"
        unbundled = stage(args.dist, args.icons, deb_root, release)
        print(f"build_packages: left to Debian: {', '.join(unbundled)}")
        deb = args.out / f"{PACKAGE}_{release.version}_{release.arch}.deb"
        build_deb(deb_root, deb, release)
        shutil.rmtree(deb_root)
        tarball = args.out / f"{PACKAGE}-{release.version}-linux-{platform.machine()}.tar.gz"
        build_tarball(args.dist, tarball, f"{PACKAGE}-{release.version}")
    except PackagingError as error:
        print(f"build_packages: {error}", file=sys.stderr)
        return 1
    for artefact in (deb, tarball):
        print(f"build_packages: {artefact} ({artefact.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
