"""``history``: the library's jobs, newest first, as a table or JSON.

A read-only command touches the library's SQLite file and nothing else: the settings (for a
library moved in Settings; not read when ``--data-dir`` says where it is; without Qt where the
file can be read so, ``settings_file``) and the library opened read-only; no engine, no network,
no keyring, no Qt beyond ``QSettings`` where that is needed.
``tests/test_cli_history.py`` keeps it so.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from seedream_desktop.cli.output import ExitCode, say
from seedream_desktop.core.jobs.wording import describe_job, elapsed_text, excerpt, job_problem
from seedream_desktop.core.library import LibraryError, LibraryPaths, open_for_reading
from seedream_desktop.core.models import ImageRecord, JobRecord
from seedream_desktop.core.setting_values import folder_problem, parser_for
from seedream_desktop.core.settings_file import ASK_QT, LIBRARY_DIR_KEY, stored_plain_text


def show_history(data_dir: Path | None, *, demo: bool, as_json: bool, limit: int) -> int:
    """Print the ``limit`` newest jobs of the library ``--data-dir`` (else the settings') holds."""
    folder = data_dir if data_dir is not None else data_dir_setting()
    try:
        jobs = _recent_jobs(LibraryPaths.chosen(folder, demo=demo), limit, with_images=as_json)
    except LibraryError as exc:
        say(f"Error: {exc}")
        return ExitCode.LIBRARY
    if as_json:
        json.dump([_job_json(job, images) for job, images in jobs], sys.stdout, indent=2)
        sys.stdout.write("\n")
        return ExitCode.OK
    now = datetime.now(UTC)
    for job, _ in jobs:
        # The first line finds the job, the second says it in the window's words.
        print(
            f"{job.id:>5}  {job.created_at.astimezone():%Y-%m-%d %H:%M}  "
            f"{job.params.aspect.label:<5}  {excerpt(job.params.prompt, 60)}"
        )
        took = elapsed_text(job, now)
        print(f"       {describe_job(job)}" + (f" ({took})" if took else ""))
    return ExitCode.OK


def data_dir_setting() -> Path | None:
    """The data folder chosen in Settings, if any: read from the settings file without Qt where
    that is certain (``settings_file``), else through ``QSettings`` as the app reads it (loading
    QtCore costs more than the rest of ``history``)."""
    stored = stored_plain_text(LIBRARY_DIR_KEY)
    if stored is ASK_QT:
        from seedream_desktop.core.settings import SettingsStore

        return SettingsStore().load().data_dir
    folder = parser_for(Path | None)(stored) if stored else None
    return None if folder_problem("", folder) else folder


def _recent_jobs(
    paths: LibraryPaths, limit: int, *, with_images: bool
) -> list[tuple[JobRecord, list[ImageRecord]]]:
    library = open_for_reading(paths)
    if library is None:  # nothing was ever made here
        return []
    with library:
        return [
            (job, library.images_of_job(job.id) if with_images else [])
            for job in library.recent_jobs(limit)
        ]


def _job_json(job: JobRecord, images: list[ImageRecord]) -> dict[str, object]:
    return {
        "id": job.id,
        "state": job.state.value,
        "prompt": job.params.prompt,
        "count": job.params.count,
        "aspect": job.params.aspect.label,
        "mode": job.params.mode.value,
        "seed": job.params.seed,
        "request_id": job.request_id,
        "error": job_problem(job) or None,
        "error_kind": job.error_kind.value if job.error_kind else None,
        "description": describe_job(job),
        "note": job.note,
        "cost": None if job.cost is None else float(job.cost),
        "created_at": job.created_at.isoformat(),
        "finished_at": job.finished_at.isoformat() if job.finished_at else None,
        "images": [str(image.path) for image in images],
    }
