#!/usr/bin/env bash
# The PyInstaller build on Linux or macOS, from a checkout, in one command:
#   packaging/build_app.sh
# → packaging/out/dist/seedream-desktop/          the one-folder build
#   packaging/out/dist/Seedream Desktop.app       on macOS (signed when MACOS_CODESIGN_IDENTITY
#                                                  is set: see packaging/macos/SIGNING.md)
#
# Builds in its own venv (PACKAGE_VENV, default build/package-venv) holding the app's
# dependencies at the versions of constraints.txt plus PyInstaller; the app itself is analysed
# from the working tree, never from an installed copy, so a build cannot pick up stale code.
# Bash 3.2 compatible (macOS).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
VENV="${PACKAGE_VENV:-$ROOT/build/package-venv}"
OUT="$ROOT/packaging/out"
REQUIREMENTS="$VENV/seedream-package-requirements.txt"

if [[ ! -x "$VENV/bin/python" ]]; then
    "$PYTHON" -m venv "$VENV"
fi
if [[ ! -f "$REQUIREMENTS" || pyproject.toml -nt "$REQUIREMENTS" || constraints.txt -nt "$REQUIREMENTS" ]]; then
    # The dependencies and the `package` extra, read from pyproject so they are listed once.
    "$VENV/bin/python" - "$REQUIREMENTS.new" <<'PY'
import sys
import tomllib

with open("pyproject.toml", "rb") as file:
    project = tomllib.load(file)["project"]
requirements = [*project["dependencies"], *project["optional-dependencies"]["package"]]
with open(sys.argv[1], "w") as file:
    file.write("\n".join(requirements) + "\n")
PY
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    "$VENV/bin/python" -m pip install --quiet -c constraints.txt -r "$REQUIREMENTS.new"
    mv "$REQUIREMENTS.new" "$REQUIREMENTS"
fi

# --clean: PyInstaller's cache would otherwise keep binaries of a previous Qt or plugin set.
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$OUT/dist" --workpath "$OUT/build" packaging/seedream-desktop.spec
