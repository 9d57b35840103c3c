"""Export a selection of library images: encode, add metadata, write without overwriting.

Runs in whatever thread calls it (the dialog uses a QThread). Encoding, the slow part, is done
``workers`` images ahead in a small thread pool; files are written in order by the caller's thread
so names and progress stay in selection order.
"""

from __future__ import annotations

import errno
import logging
import os
import threading
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from seedream_desktop.api.models import ImageFormat
from seedream_desktop.core.export.encode import SourceError, encode
from seedream_desktop.core.export.metadata import (
    SIDECAR_SUFFIX,
    embed,
    image_metadata,
    sidecar_bytes,
)
from seedream_desktop.core.export.naming import (
    TemplateError,
    numbered,
    render_stem,
    validate_template,
    writes_sidecar,
)
from seedream_desktop.core.export.options import ExportOptions
from seedream_desktop.core.export.writer import write_new
from seedream_desktop.core.images import prepare_image_decoding
from seedream_desktop.core.models import ImageRecord

log = logging.getLogger(__name__)

# Encoding is CPU-bound native code that runs without the GIL; more than 4 at once only adds memory.
DEFAULT_WORKERS = max(1, min(4, os.cpu_count() or 1))


class ExportProblem(Enum):
    """What kind of failure an export hit: the window words it (``message`` is the English)."""

    TEMPLATE = "template"  # the name template cannot be used
    NOT_A_FOLDER = "not_a_folder"
    CANNOT_CREATE_FOLDER = "cannot_create_folder"
    SOURCE = "source"  # the library image cannot be read
    METADATA = "metadata"  # the prompt and settings cannot be embedded
    READ_ONLY = "read_only"  # the folder is read-only or not ours
    DISK_FULL = "disk_full"
    NAME_TOO_LONG = "name_too_long"
    FOLDER_GONE = "folder_gone"
    WRITE_FAILED = "write_failed"
    UNEXPECTED = "unexpected"  # a bug: the log has the trace


@dataclass(frozen=True, slots=True)
class ExportFailure:
    image: ImageRecord | None  # None: the whole export could not start
    message: str  # in English, for the command line and the log
    kind: ExportProblem


@dataclass(frozen=True, slots=True)
class ExportProgress:
    """Sent after each image, written or failed."""

    done: int
    total: int
    image: ImageRecord
    path: Path | None  # the image file written, None if it failed
    error: str | None


@dataclass(frozen=True, slots=True)
class ExportReport:
    destination: Path
    total: int
    exported: tuple[Path, ...]
    sidecars: tuple[Path, ...]
    errors: tuple[ExportFailure, ...]
    cancelled: bool

    @property
    def summary(self) -> str:
        """One sentence for a dialog or the command line."""
        done = len(self.exported)
        noun = "image" if self.total == 1 else "images"
        count = f"{done} {noun}" if done == self.total else f"{done} of {self.total} {noun}"
        text = f"{count} exported to {self.destination}"
        if self.errors:
            text += f"; {len(self.errors)} failed"
        return f"Export cancelled: {text}." if self.cancelled else f"{text}."


ProgressCallback = Callable[[ExportProgress], None]


def export_images(
    images: Sequence[ImageRecord],
    options: ExportOptions,
    *,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    workers: int = DEFAULT_WORKERS,
) -> ExportReport:
    """Export ``images`` as ``options`` say. Never raises for a file: failures are in the report.

    ``cancel`` is checked between files; a file being written is finished, never cut short.
    """
    cancel = cancel or threading.Event()
    folder = options.destination
    exported: list[Path] = []
    sidecars: list[Path] = []
    errors: list[ExportFailure] = []

    def report(cancelled: bool = False) -> ExportReport:
        return ExportReport(
            folder, len(images), tuple(exported), tuple(sidecars), tuple(errors), cancelled
        )

    problem = _check_setup(options)
    if problem:
        errors.append(problem)
        return report()

    prepare_image_decoding()
    upcoming = iter(images)
    pending: deque[Future[tuple[bytes, ImageFormat]]] = deque()
    with ThreadPoolExecutor(max(1, workers), thread_name_prefix="export-encode") as pool:
        try:
            for n, image in enumerate(images, start=1):
                while (
                    len(pending) < max(1, workers) and (ahead := next(upcoming, None)) is not None
                ):
                    pending.append(pool.submit(encode, ahead.path, options))
                encoded = pending.popleft()
                if cancel.is_set():
                    return report(cancelled=True)
                path: Path | None = None
                error: str | None = None
                try:
                    data, fmt = encoded.result()
                    if cancel.is_set():
                        return report(cancelled=True)
                    written = _write(image, n, len(images), data, fmt, options)
                    path = written[0]
                    exported.append(path)
                    sidecars.extend(written[1:])
                except Exception as err:  # one image failing must not stop the others
                    failure = describe_error(err, image, options)
                    errors.append(failure)
                    error = failure.message
                if progress is not None:
                    progress(ExportProgress(n, len(images), image, path, error))
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    return report()


def _check_setup(options: ExportOptions) -> ExportFailure | None:
    try:
        validate_template(options.template)
    except TemplateError as err:
        return ExportFailure(None, str(err), ExportProblem.TEMPLATE)
    folder = options.destination
    not_a_folder = ExportFailure(None, f"{folder} is not a folder.", ExportProblem.NOT_A_FOLDER)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        return not_a_folder
    except OSError as err:
        message = f"Cannot create the folder {folder}: {_reason(err)}."
        return ExportFailure(None, message, ExportProblem.CANNOT_CREATE_FOLDER)
    return None if folder.is_dir() else not_a_folder


def _write(
    image: ImageRecord, n: int, total: int, data: bytes, fmt: ImageFormat, options: ExportOptions
) -> list[Path]:
    fields = image_metadata(image)
    payloads = [embed(data, fmt, fields)]
    if writes_sidecar(options, fmt):
        payloads.append(sidecar_bytes(fields))
    stem = render_stem(options.template, image, n, total)

    def names_for(k: int) -> list[str]:
        name = numbered(stem, k) + fmt.extension
        return [name, name + SIDECAR_SUFFIX][: len(payloads)]

    return write_new(options.destination, names_for, payloads)


def describe_error(err: BaseException, image: ImageRecord, options: ExportOptions) -> ExportFailure:
    """What went wrong with one image: its kind, and English words a designer can act on."""
    kind, message = _problem(err, image, options)
    return ExportFailure(image, message, kind)


def _problem(
    err: BaseException, image: ImageRecord, options: ExportOptions
) -> tuple[ExportProblem, str]:
    folder = options.destination
    if isinstance(err, SourceError):
        return ExportProblem.SOURCE, str(err)
    if isinstance(err, ValueError):
        return ExportProblem.METADATA, f"Cannot add the metadata to {image.path.name}: {err}"
    if isinstance(err, OSError):
        name = render_stem(options.template, image)
        code = err.errno
        if code in (errno.EACCES, errno.EPERM, errno.EROFS):
            return (
                ExportProblem.READ_ONLY,
                f"Cannot write to {folder}: the folder is read-only or you lack permission.",
            )
        if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            return ExportProblem.DISK_FULL, f"Disk full while writing {name} to {folder}."
        if code == errno.ENAMETOOLONG:
            return ExportProblem.NAME_TOO_LONG, f"The name {name} is too long for {folder}."
        if code in (errno.ENOENT, errno.ENOTDIR):
            return (
                ExportProblem.FOLDER_GONE,
                f"The folder {folder} is gone or is not a folder any more.",
            )
        return ExportProblem.WRITE_FAILED, f"Could not write {name} to {folder}: {_reason(err)}."
    log.exception("export of %s failed", image.path, exc_info=err)
    return (
        ExportProblem.UNEXPECTED,
        f"Could not export {image.path.name}: unexpected error ({type(err).__name__}).",
    )


def _reason(err: OSError) -> str:
    return (err.strerror or os.strerror(err.errno or 0) or str(err)).rstrip(".").lower()
