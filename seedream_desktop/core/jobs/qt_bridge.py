"""Runner events as Qt signals, so widgets can connect to them like to any other signal."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from seedream_desktop.core.jobs.events import EventKind, JobEvent
from seedream_desktop.core.jobs.runner import JobRunner


class JobSignals(QObject):
    #: A job row changed (state, queue position, progress, error). Carries a ``JobRecord``.
    jobChanged = Signal(object)
    #: An image was verified and stored. Carries an ``ImageRecord`` and the ``QImage`` of its
    #: thumbnail (or ``None``).
    imageAdded = Signal(object, object)

    def __init__(self, runner: JobRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unsubscribe = runner.subscribe(self._forward)
        self.destroyed.connect(self._unsubscribe)

    def _forward(self, event: JobEvent) -> None:
        if event.kind is EventKind.IMAGE_ADDED and event.image is not None:
            self.imageAdded.emit(event.image, event.thumbnail)
        self.jobChanged.emit(event.job)
