"""A job in words: its state, its problem, its elapsed time — the same in the window and CLI.

Problems are stored as a kind and a one-line detail (``failures.py``); :data:`ERROR_WORDING` is
the one table that turns a kind into words. A translation replaces that table kind by kind: where
the detail is the server's own text (a model's failure reason, a refused request) it keeps
``{detail}``; where the detail is the app's English prose it may leave it out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from seedream_desktop.core.models import ErrorKind, JobRecord, JobState

ERROR_MAX_CHARS = 240
PROMPT_EXCERPT = 90

#: States whose error is the job's headline (shown in red in the window).
PROBLEM_STATES = frozenset(
    {JobState.FAILED, JobState.PAUSED, JobState.OUTCOME_UNKNOWN, JobState.DOWNLOAD_FAILED}
)


@dataclass(frozen=True, slots=True)
class Wording:
    """How one kind reads: ``plain`` without a detail, ``detailed`` with ``{detail}`` filled in."""

    plain: str
    detailed: str = "{detail}"


ERROR_WORDING: Mapping[ErrorKind, Wording] = {
    ErrorKind.TOKEN_REJECTED: Wording("RunComfy rejected the API token."),
    ErrorKind.BALANCE: Wording("The RunComfy balance is used up — top it up to continue."),
    ErrorKind.RATE_LIMITED: Wording("RunComfy is busy with too many requests."),
    ErrorKind.NETWORK: Wording("The connection failed."),
    ErrorKind.SERVER: Wording("RunComfy had a server problem."),
    ErrorKind.NOT_FOUND: Wording("RunComfy does not know this job (any more)."),
    ErrorKind.PERMISSION: Wording("This job belongs to another RunComfy account."),
    ErrorKind.INVALID_REQUEST: Wording("The server refused the request."),
    ErrorKind.PROTOCOL: Wording("RunComfy sent an answer the app does not understand."),
    ErrorKind.OUTCOME_UNKNOWN: Wording(
        "The server did not confirm the request — it may have been charged."
    ),
    ErrorKind.MODEL_FAILED: Wording(
        "The model failed without giving a reason.", "The model failed: {detail}"
    ),
    ErrorKind.NO_IMAGES: Wording("The job finished but the server returned no images."),
    ErrorKind.RESULT_PENDING: Wording("Finished on the server; waiting for its result…"),
    ErrorKind.DOWNLOAD: Wording("The image could not be downloaded."),
    ErrorKind.LIBRARY: Wording("The image could not be saved in the library."),
    ErrorKind.CANCELLED: Wording("The job was cancelled."),
    ErrorKind.ABANDONED: Wording("The job was ended without finishing."),
    ErrorKind.UNEXPECTED: Wording("An unexpected error happened.", "Unexpected error: {detail}"),
}


def error_text(
    kind: ErrorKind | None,
    detail: str | None,
    wording: Mapping[ErrorKind, Wording] = ERROR_WORDING,
) -> str:
    """A stored problem in words; a row from before kinds were kept shows its text as it is."""
    if kind is None:
        return sentence(detail)
    words = wording[kind]
    return sentence(words.detailed.format(detail=detail) if detail else words.plain)


def job_problem(job: JobRecord, wording: Mapping[ErrorKind, Wording] = ERROR_WORDING) -> str:
    """The job's problem as one or two sentences, framed by its state; "" when it has none."""
    if job.error is None and job.error_kind is None:
        return ""
    words = error_text(job.error_kind, job.error, wording)
    if job.state is JobState.DOWNLOAD_FAILED and job.error_kind is not None:
        total = len(job.result_urls) or job.params.count
        failed = max(1, total - job.images_done)
        return f"{failed} of {total} images could not be saved ({words}). Use Retry download."
    if job.state.is_active and job.error_kind not in (None, ErrorKind.RESULT_PENDING):
        return f"{words} Still trying…"
    return words


def describe_job(job: JobRecord, wording: Mapping[ErrorKind, Wording] = ERROR_WORDING) -> str:
    """The job's state as a designer would say it (its problem in ``wording``)."""
    state = job.state
    expected = job.images_expected
    if state is JobState.QUEUED:
        text = _queued_text(job.queue_position)
    elif state is JobState.RUNNING:
        text = f"Running — generating {_plural(expected, 'image')}"
    elif state is JobState.DOWNLOADING:
        text = f"Downloading {job.images_done} of {expected}"
    elif state is JobState.DONE:
        text = f"Done — {_plural(job.images_done or expected, 'image')}"
    elif state is JobState.DOWNLOAD_FAILED:
        text = f"{state.label} ({job.images_done} of {expected} saved)"
    else:
        text = state.label
    if state in PROBLEM_STATES and (problem := job_problem(job, wording)):
        text = f"{text}. {problem}"
    if job.note:
        text = f"{text}. {sentence(job.note)}"
    return text


def sentence(text: str | None) -> str:
    """One bounded line that starts with a capital and ends like a sentence; "" for nothing."""
    message = " ".join((text or "").split())
    if not message:
        return ""
    if len(message) > ERROR_MAX_CHARS:
        message = message[: ERROR_MAX_CHARS - 1].rstrip() + "…"
    message = message[0].upper() + message[1:]
    return message if message[-1] in ".!?…" else message + "."


def excerpt(prompt: str, limit: int = PROMPT_EXCERPT) -> str:
    """The prompt on one line, cut to ``limit`` characters."""
    flat = " ".join(prompt.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _queued_text(position: int | None) -> str:
    # Position 0 means nothing is ahead (the API documentation does not say where counting
    # starts; the emulator starts at 0), so it reads as "next" rather than a puzzling "position 0".
    if position is None:
        return "Queued"
    if position == 0:
        return "Queued — next in line"
    return f"Queued — position {position} in queue"


# ---- elapsed time ---------------------------------------------------------------------------


def aware(moment: datetime) -> datetime:
    """Naive times are local times (``astimezone()`` assumes so); compare everything as aware."""
    return moment if moment.tzinfo is not None else moment.astimezone()


def elapsed_seconds(job: JobRecord, now: datetime) -> float | None:
    """How long the job has run (active) or ran (finished); None when there is nothing to show."""
    start = job.submitted_at or job.created_at
    if job.state.is_active:
        end = now
    elif job.finished_at is not None:
        end = job.finished_at
    else:
        return None
    return max(0.0, (aware(end) - aware(start)).total_seconds())


def format_elapsed(seconds: float) -> str:
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    if minutes:
        return f"{minutes} min {secs:02d} s"
    return f"{secs} s"


def elapsed_text(job: JobRecord, now: datetime) -> str:
    """``12 s`` while the job runs, ``took 1 min 02 s`` once it ended, "" when unknown."""
    seconds = elapsed_seconds(job, now)
    if seconds is None:
        return ""
    return format_elapsed(seconds) if job.state.is_active else f"took {format_elapsed(seconds)}"
