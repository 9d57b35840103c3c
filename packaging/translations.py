"""Update the translation sources from the code and compile them: ``make translations``.

``resources/i18n/seedream_<code>.ts`` are the sources translators edit (``pyside6-linguist`` or
any text editor); ``pyside6-lupdate`` adds new texts from the window's code to them and drops
texts the code no longer has. English holds plural forms only. ``pyside6-lrelease`` compiles
them into ``seedream_desktop/resources/i18n/*.qm``, the package data the app loads. Both are
committed; ``tests/i18n`` fails when either is behind the code.

Locations are not stored in the ``.ts``: a file changes when its texts change, not whenever a
line moves above a ``tr()`` call.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "resources" / "i18n"
QM_DIR = ROOT / "seedream_desktop" / "resources" / "i18n"
#: The code whose texts are translated: the window, and the job wording it shows.
SOURCES = (ROOT / "seedream_desktop" / "ui", ROOT / "seedream_desktop" / "core")
LANGUAGES = ("en", "de")
_BIN = Path(sys.executable).parent


def ts_file(code: str, folder: Path = TS_DIR) -> Path:
    return folder / f"seedream_{code}.ts"


def lupdate(ts: Path, code: str) -> None:
    """Merge the code's current texts into ``ts`` (created if missing)."""
    options = ["-pluralonly"] if code == "en" else []
    subprocess.run(
        [
            str(_BIN / "pyside6-lupdate"),
            "-silent",
            "-no-obsolete",
            "-locations",
            "none",
            "-extensions",
            "py",
            "-source-language",
            "en",
            "-target-language",
            code,
            *options,
            *map(str, SOURCES),
            "-ts",
            str(ts),
        ],
        check=True,
    )


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([str(_BIN / "pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def main() -> int:
    QM_DIR.mkdir(parents=True, exist_ok=True)
    for code in LANGUAGES:
        lupdate(ts_file(code), code)
        lrelease(ts_file(code), QM_DIR / f"seedream_{code}.qm")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
