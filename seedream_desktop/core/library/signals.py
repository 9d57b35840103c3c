"""The library's own changes (curation, deleted series) as Qt signals, for the window to redraw.

The job runner's changes come through ``core/jobs/qt_bridge.py``; these are the ones the window
itself asks for, so the grid, the series view and an open viewer all hear of a pick made in any
one of them.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from seedream_desktop.core.library.library import Library
from seedream_desktop.core.models import ChangeKind, LibraryChange


class LibrarySignals(QObject):
    #: Flags or ratings of some images changed. Carries the ``LibraryChange``.
    curated = Signal(object)
    #: A series and its images were deleted. Carries the ``LibraryChange``.
    jobDeleted = Signal(object)

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unsubscribe = library.changes.subscribe(self._forward)
        self.destroyed.connect(self._unsubscribe)

    def _forward(self, change: LibraryChange) -> None:
        if change.kind is ChangeKind.CURATED:
            self.curated.emit(change)
        else:
            self.jobDeleted.emit(change)
