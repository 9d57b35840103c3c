#!/usr/bin/env bash
# Every Linux artefact, from a checkout, in one command:
#   packaging/build_linux.sh
# → packaging/out/dist/seedream-desktop/                       the one-folder build
#   packaging/out/seedream-desktop_<version>_<arch>.deb
#   packaging/out/seedream-desktop-<version>-linux-<machine>.tar.gz
#
# Needs python3 (3.11+), dpkg-deb, dpkg-shlibdeps (package dpkg-dev) and readelf (binutils).
# PACKAGE_VENV and PYTHON as for packaging/build_app.sh.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${PACKAGE_VENV:-$ROOT/build/package-venv}"
OUT="$ROOT/packaging/out"

started=$SECONDS
"$ROOT/packaging/build_app.sh"
"$VENV/bin/python" "$ROOT/packaging/linux/build_packages.py" \
    --dist "$OUT/dist/seedream-desktop" --icons "$OUT/icons" --out "$OUT"
echo "build_linux.sh: done in $((SECONDS - started)) s"
