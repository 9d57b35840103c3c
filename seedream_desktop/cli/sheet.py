"""``seedream-desktop contact-sheet (--job N | --picked) --out FILE.pdf|.png``."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtGui import QGuiApplication

from seedream_desktop.cli.history import data_dir_setting
from seedream_desktop.cli.output import ExitCode, say
from seedream_desktop.core.contact_sheet import ContactSheetError, write_contact_sheet
from seedream_desktop.core.library import Library, LibraryError, LibraryPaths
from seedream_desktop.core.models import ImageQuery
from seedream_desktop.core.series_actions import sheet_sections


def contact_sheet(data_dir: Path | None, *, demo: bool, job_id: int | None, out: Path) -> int:
    """Write the sheet of job ``job_id`` (``None``: of every picked image) of the library
    ``--data-dir`` (else the settings') holds; print its path.

    Needs no engine, network or token. Exit 2 for an unknown job, nothing to show, a wrong
    suffix or an existing file; 9 when the library cannot be read or the file not written.
    """
    folder = data_dir if data_dir is not None else data_dir_setting()
    try:
        with Library.open(LibraryPaths.chosen(folder, demo=demo)) as library:
            return _write(library, job_id, out)
    except LibraryError as exc:
        say(f"Error: {exc}")
        return ExitCode.LIBRARY


def _write(library: Library, job_id: int | None, out: Path) -> int:
    if job_id is not None and library.get_job(job_id) is None:
        say(f"Error: there is no job {job_id} in the library (`seedream-desktop history`).")
        return ExitCode.BAD_INPUT
    query = ImageQuery(picked_only=True) if job_id is None else ImageQuery(job_id=job_id)
    # Fonts and painting need a QGuiApplication (held until the sheet is written), not a
    # screen: a server has none.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication.instance() or QGuiApplication([])
    sections = sheet_sections(library, query)
    if not sections:
        say(
            "Error: no image is picked yet (P in the window picks one)."
            if job_id is None
            else f"Error: job {job_id} has no images."
        )
        return ExitCode.BAD_INPUT
    try:
        written = write_contact_sheet(sections, out)
    except ContactSheetError as exc:
        say(f"Error: {exc}")
        return ExitCode.BAD_INPUT
    except OSError as exc:
        say(f"Error: cannot write {out}: {exc.strerror or exc}.")
        return ExitCode.LIBRARY
    print(written, flush=True)
    return ExitCode.OK
