"""Copy Image: the selection's first image decoded in a worker, then put on the clipboard.

A 2560×1440 PNG takes a good part of a second to decode, which the GUI thread would stand
still for; only the newest copy asked for is put on the clipboard.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QImage

from seedream_desktop.core.models import ImageRecord
from seedream_desktop.core.placeholders import arg
from seedream_desktop.ui.image_mime import copy_images_to_clipboard
from seedream_desktop.ui.thumbnail_loader import DecodePool, read_image

log = logging.getLogger(__name__)


class ImageCopier(QObject):
    """Copies images to the clipboard and says how it went through ``say``."""

    def __init__(self, say: Callable[[str], None], parent: QObject) -> None:
        super().__init__(parent)
        self._say = say
        self._decoder = DecodePool(1, self)
        self._decoder.decoded.connect(self._on_decoded)
        self._decoder.failed.connect(self._on_failed)
        self._copies = 0
        self._copying: tuple[int, list[ImageRecord]] | None = None  # the newest copy, decoding

    def copy(self, records: list[ImageRecord]) -> None:
        if not records:
            return
        self._copies += 1
        self._copying = (self._copies, list(records))
        self._decoder.submit(self._copies, functools.partial(read_image, records[0].path))
        self._say(self.tr("Copying…"))

    def shutdown(self) -> None:
        """The window closes: a copy that finishes decoding now is not wanted any more."""
        self._copying = None
        self._decoder.shutdown()

    def _wanted(self, key: int) -> list[ImageRecord] | None:
        """The records of copy ``key`` if it is still wanted: not replaced by a newer copy, and
        the window not closed meanwhile."""
        if self._copying is None or self._copying[0] != key:
            return None
        records = self._copying[1]
        self._copying = None
        return records

    @Slot(object, object)
    def _on_decoded(self, key: int, pixels: QImage) -> None:
        records = self._wanted(key)
        if records is not None:
            copy_images_to_clipboard(records, pixels)
            self._say(self.tr("Copied %Ln image(s).", "", len(records)))

    @Slot(object, str)
    def _on_failed(self, key: int, reason: str) -> None:
        records = self._wanted(key)
        if records is not None:
            log.info("Not copied: %s", reason)
            self._say(
                arg(
                    self.tr("Can't copy %1: the file is damaged, missing or not an image."),
                    records[0].path.name,
                )
            )
