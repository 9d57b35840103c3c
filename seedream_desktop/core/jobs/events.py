"""What the runner tells its listeners (the window through a Qt adapter, the CLI directly)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from seedream_desktop.core.listeners import Listeners
from seedream_desktop.core.models import ImageRecord, JobRecord

if TYPE_CHECKING:  # the CLI reads events without needing QtGui
    from PySide6.QtGui import QImage


class EventKind(Enum):
    JOB_CHANGED = "job_changed"  # any field of the job row changed (state, position, progress…)
    IMAGE_ADDED = "image_added"  # an image was verified and stored; its thumbnail may follow


@dataclass(frozen=True, slots=True)
class JobEvent:
    kind: EventKind
    job: JobRecord
    image: ImageRecord | None = None
    #: With IMAGE_ADDED: the thumbnail the runner made from its decode (None if it could not).
    thumbnail: QImage | None = None


Listener = Callable[[JobEvent], None]


class EventHub(Listeners[JobEvent]):
    """The runner's job events, to the window's Qt adapter and the CLI's progress lines."""
