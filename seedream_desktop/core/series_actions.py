"""What a series' actions do, apart from their buttons: the request to send again, the picked
images to hand over, and where a contact sheet's images come from.

Every request goes through ``new_request`` (api/params.py), the one builder the editor and the
command line use, so a series run again is exactly what typing it again would send.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from enum import Enum

from seedream_desktop.api.params import GenerationParams, ParamsError, new_request, random_seed
from seedream_desktop.core.contact_sheet import SheetSection, sections_of
from seedream_desktop.core.export.exporter import ExportReport, ProgressCallback, export_images
from seedream_desktop.core.export.options import ExportOptions
from seedream_desktop.core.library import Library
from seedream_desktop.core.models import ImageQuery, ImageRecord, JobRecord

_PAGE = 1_000  # images read per query while collecting a selection


class Rerun(Enum):
    """How a series' settings are sent again."""

    VARIATIONS = "variations"  # same prompt and settings, a new random seed
    SAME_SEED = "same_seed"  # "Run again", and "Reuse prompt & settings" into the editor


def rerun_request(
    job: JobRecord, how: Rerun, *, draw_seed: Callable[[], int] = random_seed
) -> GenerationParams:
    """The request for ``job``'s prompt, count, aspect and mode, with the seed ``how`` says.

    Raises ``ParamsError`` for the same seed when the job has none recorded (an old row).
    """
    params = job.params
    seed = params.seed
    if how is Rerun.SAME_SEED and seed is None:
        raise ParamsError("seed", f"Job {job.id} has no recorded seed to run again with.")
    # The text as sent recomposes to itself (frames and styles included); what the designer
    # wrote and the styles' names are recorded as the series had them.
    request = new_request(
        params.prompt,
        count=params.count,
        aspect=params.aspect,
        mode=params.mode,
        seed=None if how is Rerun.VARIATIONS else seed,
        draw_seed=draw_seed,
    )
    return dataclasses.replace(request, description=params.description, styles=params.styles)


def matching_images(library: Library, query: ImageQuery) -> list[ImageRecord]:
    """Every image ``query`` matches, in the library's order (a series in its own order)."""
    found: list[ImageRecord] = []
    while page := library.images_page(query, len(found), _PAGE):
        found.extend(page)
        if len(page) < _PAGE:
            break
    return found


def picked_query(query: ImageQuery) -> ImageQuery:
    """``query`` narrowed to the picked images: of one series (``job_id``) or of a filter."""
    return dataclasses.replace(query, picked_only=True)


def export_picked(
    library: Library,
    query: ImageQuery,
    options: ExportOptions,
    *,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> ExportReport:
    """Export the picked images of ``query`` in one step (``ImageQuery(job_id=N)``: a series).

    Everything runs on the calling thread, which must be the library's: a window reads
    :func:`matching_images` on its loop and runs :func:`export_images` in its worker instead.
    """
    images = matching_images(library, picked_query(query))
    return export_images(images, options, progress=progress, cancel=cancel)


def sheet_sections(library: Library, query: ImageQuery) -> list[SheetSection]:
    """A contact sheet's series: ``ImageQuery(job_id=N)`` for one, ``picked_only`` for picks."""
    return sections_of(matching_images(library, query))
