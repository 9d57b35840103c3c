"""The job runner: persist → submit → poll → result → download → thumbnail, resumable."""

from seedream_desktop.core.jobs.events import EventKind, JobEvent
from seedream_desktop.core.jobs.runner import CancelResult, JobRunner

__all__ = ["CancelResult", "EventKind", "JobEvent", "JobRunner"]
