"""``seedream-desktop contact-sheet`` as typed, against the demo library."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from pypdf import PdfReader

from seedream_desktop.cli.output import ExitCode
from seedream_desktop.core.library import Library, LibraryPaths
from seedream_desktop.core.models import Flag
from seedream_desktop.core.paths import DEMO_LIBRARY_FOLDER
from tests.support.command import run_app


def _demo(tmp_path: Path, *args: str) -> tuple[int, str, str]:
    done = run_app(*args, "--demo", "--data-dir", str(tmp_path / "data"))
    return done.returncode, done.stdout, done.stderr


def test_the_sheet_of_a_demo_series_holds_its_images_and_prompt(tmp_path: Path) -> None:
    code, _, err = _demo(tmp_path, "generate", "a lighthouse at dusk", "--count", "3")
    assert code == ExitCode.OK, err
    _demo(tmp_path, "generate", "an owl at night", "--count", "2")
    out = tmp_path / "sheet.pdf"

    code, printed, err = _demo(tmp_path, "contact-sheet", "--job", "1", "--out", str(out))

    assert (code, printed.strip()) == (ExitCode.OK, str(out)), err
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    assert len(reader.pages[0].images) == 3
    text = " ".join(unicodedata.normalize("NFKC", reader.pages[0].extract_text()).split())
    assert "Generate 3 images of a lighthouse at dusk" in text
    assert "owl" not in text
    assert "#3 · seed" in text

    # Picks made in the window (here straight in the library) make the --picked sheet.
    code, _, err = _demo(tmp_path, "contact-sheet", "--picked", "--out", str(tmp_path / "p.png"))
    assert code == ExitCode.BAD_INPUT and "no image is picked" in err
    paths = LibraryPaths.for_root(tmp_path / "data" / DEMO_LIBRARY_FOLDER)
    with Library.open(paths) as lib:
        owl = lib.images_of_job(2)
        lib.set_flag([owl[0].id], Flag.PICKED)
    picked = tmp_path / "picked.png"
    code, printed, err = _demo(tmp_path, "contact-sheet", "--picked", "--out", str(picked))
    assert (code, printed.strip()) == (ExitCode.OK, str(picked)), err
    assert picked.read_bytes().startswith(b"\x89PNG")


def test_bad_requests_exit_2_and_write_nothing(tmp_path: Path) -> None:
    out = tmp_path / "sheet.pdf"
    code, _, err = _demo(tmp_path, "contact-sheet", "--job", "9", "--out", str(out))
    assert code == ExitCode.BAD_INPUT and "no job 9" in err
    code, _, err = _demo(tmp_path, "contact-sheet", "--out", str(out))
    assert code == ExitCode.BAD_INPUT and "--job" in err
    code, _, err = _demo(tmp_path, "contact-sheet", "--job", "1", "--picked", "--out", str(out))
    assert code == ExitCode.BAD_INPUT and "not allowed with" in err
    assert not out.exists()
    out.write_bytes(b"kept")
    _demo(tmp_path, "generate", "a kite", "--count", "1")
    code, _, err = _demo(tmp_path, "contact-sheet", "--job", "1", "--out", str(out))
    assert code == ExitCode.BAD_INPUT and "exists already" in err
    assert out.read_bytes() == b"kept"
    code, _, err = _demo(tmp_path, "contact-sheet", "--job", "1", "--out", str(tmp_path / "s.jpg"))
    assert code == ExitCode.BAD_INPUT and ".pdf or a .png" in err
