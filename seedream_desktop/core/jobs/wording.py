"""A job in words: its state, its problem, its elapsed time — the same in the window and CLI.

Problems are stored as a kind and a one-line detail (``failures.py``); :meth:`JobWording.errors`
is the one table that turns a kind into words. Every text here is a ``self.tr(...)`` call, so
``pyside6-lupdate`` collects it (context ``JobWording``) into the window's translations, while
this layer stays free of Qt's translation: :class:`JobWording` answers with the English source —
the command line's language — and the window's subclass (``ui/job_wording.py``) looks each text
up in the installed translation. Plural forms are written ``%Ln image(s)``, as Qt expects.

Where a kind's detail is the server's own text (a model's failure reason, a bug's message) its
words keep ``%1`` for it; elsewhere the detail is the app's English prose, shown as it is in
English and left out of a translation, which says the kind's plain words instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from seedream_desktop.core.models import ErrorKind, JobRecord, JobState
from seedream_desktop.core.placeholders import arg, english

ERROR_MAX_CHARS = 240
PROMPT_EXCERPT = 90

#: States whose error is the job's headline (shown in red in the window).
PROBLEM_STATES = frozenset(
    {JobState.FAILED, JobState.PAUSED, JobState.OUTCOME_UNKNOWN, JobState.DOWNLOAD_FAILED}
)


@dataclass(frozen=True, slots=True)
class Wording:
    """How one kind reads: ``plain`` alone, or ``detailed`` with the detail for its ``%1``."""

    plain: str
    detailed: str | None = None


class JobWording:
    """The words for jobs; in English unless a subclass translates :meth:`tr`."""

    #: Whether a detail in the app's English prose is shown (it is in English, not translated).
    english_details = True

    def tr(self, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        return english(source, n)

    def errors(self) -> Mapping[ErrorKind, Wording]:
        return {
            ErrorKind.TOKEN_REJECTED: Wording(self.tr("RunComfy rejected the API token.")),
            ErrorKind.BALANCE: Wording(
                self.tr("The RunComfy balance is used up — top it up to continue.")
            ),
            ErrorKind.RATE_LIMITED: Wording(self.tr("RunComfy is busy with too many requests.")),
            ErrorKind.NETWORK: Wording(self.tr("The connection failed.")),
            ErrorKind.SERVER: Wording(self.tr("RunComfy had a server problem.")),
            ErrorKind.NOT_FOUND: Wording(self.tr("RunComfy does not know this job (any more).")),
            ErrorKind.PERMISSION: Wording(self.tr("This job belongs to another RunComfy account.")),
            ErrorKind.INVALID_REQUEST: Wording(self.tr("The server refused the request.")),
            ErrorKind.PROTOCOL: Wording(
                self.tr("RunComfy sent an answer the app does not understand.")
            ),
            ErrorKind.OUTCOME_UNKNOWN: Wording(
                self.tr("The server did not confirm the request — it may have been charged.")
            ),
            ErrorKind.MODEL_FAILED: Wording(
                self.tr("The model failed without giving a reason."),
                self.tr("The model failed: %1"),
            ),
            ErrorKind.NO_IMAGES: Wording(
                self.tr("The job finished but the server returned no images.")
            ),
            ErrorKind.RESULT_PENDING: Wording(
                self.tr("Finished on the server; waiting for its result…")
            ),
            ErrorKind.DOWNLOAD: Wording(self.tr("The image could not be downloaded.")),
            ErrorKind.LIBRARY: Wording(self.tr("The image could not be saved in the library.")),
            ErrorKind.CANCELLED: Wording(self.tr("The job was cancelled.")),
            ErrorKind.ABANDONED: Wording(self.tr("The job was ended without finishing.")),
            ErrorKind.UNEXPECTED: Wording(
                self.tr("An unexpected error happened."), self.tr("Unexpected error: %1")
            ),
        }

    def state(self, state: JobState) -> str:
        return {
            JobState.WAITING: self.tr("Waiting to submit"),
            JobState.SUBMITTING: self.tr("Submitting"),
            JobState.QUEUED: self.tr("Queued"),
            JobState.RUNNING: self.tr("Running"),
            JobState.DOWNLOADING: self.tr("Downloading"),
            JobState.DONE: self.tr("Done"),
            JobState.CANCELLED: self.tr("Cancelled"),
            JobState.FAILED: self.tr("Failed"),
            JobState.OUTCOME_UNKNOWN: self.tr("Outcome unknown — may have been charged"),
            JobState.PAUSED: self.tr("Paused"),
            JobState.DOWNLOAD_FAILED: self.tr("Download failed — retry download"),
        }[state]

    def error_text(self, kind: ErrorKind | None, detail: str | None) -> str:
        """A stored problem in words; a row from before kinds were kept shows its text as it is."""
        if kind is None:
            return sentence(detail)
        words = self.errors()[kind]
        if detail and words.detailed is not None:
            return sentence(arg(words.detailed, detail))
        if detail and self.english_details:
            return sentence(detail)
        return sentence(words.plain)

    def job_problem(self, job: JobRecord) -> str:
        """The job's problem as one or two sentences, framed by its state; "" when it has none."""
        if job.error is None and job.error_kind is None:
            return ""
        words = self.error_text(job.error_kind, job.error)
        if job.state is JobState.DOWNLOAD_FAILED and job.error_kind is not None:
            total = len(job.result_urls) or job.params.count
            failed = max(1, total - job.images_done)
            return arg(
                self.tr(
                    "%1 of %Ln image(s) could not be saved (%2). Use Retry download.", "", total
                ),
                failed,
                words,
            )
        if job.state.is_active and job.error_kind not in (None, ErrorKind.RESULT_PENDING):
            return arg(self.tr("%1 Still trying…"), words)
        return words

    def describe_job(self, job: JobRecord) -> str:
        """The job's state as a designer would say it."""
        state = job.state
        expected = job.images_expected
        if state is JobState.QUEUED:
            text = self._queued(job.queue_position)
        elif state is JobState.RUNNING:
            text = self.tr("Running — generating %Ln image(s)", "", expected)
        elif state is JobState.DOWNLOADING:
            text = arg(self.tr("Downloading %1 of %2"), job.images_done, expected)
        elif state is JobState.DONE:
            text = self.tr("Done — %Ln image(s)", "", job.images_done or expected)
        elif state is JobState.DOWNLOAD_FAILED:
            text = arg(self.tr("%1 (%2 of %3 saved)"), self.state(state), job.images_done, expected)
        else:
            text = self.state(state)
        if state in PROBLEM_STATES and (problem := self.job_problem(job)):
            text = f"{text}. {problem}"
        if note := self._note(job):
            text = f"{text}. {note}"
        return text

    def elapsed_text(self, job: JobRecord, now: datetime) -> str:
        """``12 s`` while the job runs, ``took 1 min 02 s`` once it ended, "" when unknown."""
        seconds = elapsed_seconds(job, now)
        if seconds is None:
            return ""
        took = self.format_elapsed(seconds)
        return took if job.state.is_active else arg(self.tr("took %1"), took)

    def format_elapsed(self, seconds: float) -> str:
        hours, rest = divmod(int(seconds), 3600)
        minutes, secs = divmod(rest, 60)
        if hours:
            return arg(self.tr("%1 h %2 min"), hours, f"{minutes:02d}")
        if minutes:
            return arg(self.tr("%1 min %2 s"), minutes, f"{secs:02d}")
        return arg(self.tr("%1 s"), secs)

    def _queued(self, position: int | None) -> str:
        # Position 0 means nothing is ahead (the API documentation does not say where counting
        # starts; the emulator starts at 0), so it reads as "next", not a puzzling "position 0".
        if position is None:
            return self.state(JobState.QUEUED)
        if position == 0:
            return self.tr("Queued — next in line")
        return arg(self.tr("Queued — position %1 in queue"), position)

    def _note(self, job: JobRecord) -> str:
        # The one note the runner writes: the model returned fewer images than asked.
        fewer = bool(job.result_urls) and len(job.result_urls) < job.params.count
        if job.note and fewer:
            return arg(
                self.tr(
                    "%1 of %Ln image(s): the model returned fewer than asked.", "", job.params.count
                ),
                len(job.result_urls),
            )
        return sentence(job.note)


ENGLISH = JobWording()
#: The English words of every kind (the command line's, and the source of every translation).
ERROR_WORDING = ENGLISH.errors()
describe_job = ENGLISH.describe_job
job_problem = ENGLISH.job_problem
error_text = ENGLISH.error_text
elapsed_text = ENGLISH.elapsed_text


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
