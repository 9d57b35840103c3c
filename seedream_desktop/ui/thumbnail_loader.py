"""Image decoding off the GUI thread, and a thumbnail cache that decodes only what is on screen.

QImage and QImageReader are thread-safe; QPixmap is not. Workers therefore return QImages, and the
GUI thread turns them into pixmaps when the queued signal delivers them.
"""

from __future__ import annotations

import contextlib
import logging
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from enum import Enum
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QImage, QImageReader, QPixmap

from seedream_desktop.core.images import prepare_image_decoding
from seedream_desktop.core.models import ImageRecord
from seedream_desktop.core.settings import spec

log = logging.getLogger(__name__)

ThumbSource = Callable[[ImageRecord], Path]


class ImageReadError(Exception):
    """A file could not be decoded; ``str(err)`` says why in words."""


def read_image(path: Path, max_side: int | None = None) -> QImage:
    """Decode ``path`` (safe in any thread), scaled while decoding so no side exceeds ``max_side``.

    Scaling inside the reader is what makes JPEG thumbnails cheap: libjpeg decodes at 1/2, 1/4 or
    1/8 size directly instead of decoding the whole image and shrinking it afterwards.
    """
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    if max_side is not None:
        size = reader.size()
        if size.isValid() and max(size.width(), size.height()) > max_side:
            reader.setScaledSize(
                size.scaled(max_side, max_side, Qt.AspectRatioMode.KeepAspectRatio)
            )
    image = reader.read()
    if image.isNull():
        raise ImageReadError(f"Can't read {path.name}: {reader.errorString()}")
    return image


class _Relay(QObject):
    """Lives in the GUI thread, so a worker's emit becomes a queued call there."""

    done = Signal(object, QImage, str)


class _DecodeTask(QRunnable):
    def __init__(self, key: Hashable, work: Callable[[], QImage], relay: _Relay) -> None:
        super().__init__()
        self._key = key
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            image, error = self._work(), ""
        except Exception as exc:  # a missing, truncated or foreign file must not kill the worker
            image, error = QImage(), str(exc) or type(exc).__name__
        # The relay may already be deleted if the app is shutting down while we decoded.
        with contextlib.suppress(RuntimeError):
            self._relay.done.emit(self._key, image, error)


class DecodePool(QObject):
    """Runs decode callables on a private thread pool and reports on the GUI thread."""

    decoded = Signal(object, QImage)  # key, image
    failed = Signal(object, str)  # key, reason in words

    def __init__(self, max_threads: int = 2, parent: QObject | None = None) -> None:
        super().__init__(parent)
        prepare_image_decoding()  # on the GUI thread, before any worker reads a file
        # A private pool: shutdown can wait for exactly our tasks, and a burst of thumbnails
        # cannot starve other users of the global pool.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max(1, max_threads))
        self._relay = _Relay(self)
        self._relay.done.connect(self._deliver)

    def submit(self, key: Hashable, work: Callable[[], QImage]) -> None:
        self._pool.start(_DecodeTask(key, work, self._relay))

    def shutdown(self) -> None:
        """Forget queued tasks and wait for running ones (call before the owner goes away)."""
        self._pool.clear()
        self._pool.waitForDone()

    @Slot(object, QImage, str)
    def _deliver(self, key: Hashable, image: QImage, error: str) -> None:
        if error:
            self.failed.emit(key, error)
        else:
            self.decoded.emit(key, image)


def _decode_thumbnail(thumb_for: ThumbSource, image: ImageRecord, max_side: int) -> QImage:
    return read_image(thumb_for(image), max_side)


class ThumbState(Enum):
    LOADING = "loading"
    READY = "ready"
    FAILED = "failed"


def _pixmap_bytes(pixmap: QPixmap) -> int:
    return pixmap.width() * pixmap.height() * max(1, pixmap.depth() // 8)


class ThumbnailLoader(QObject):
    """Thumbnail pixmaps by image id: an LRU cache in front of a small, newest-first work queue.

    ``pixmap()`` is called from paint code for visible items only, so asking is cheap and never
    blocks. Requests wait in a queue served newest first, with only ``max_in_flight`` decodes
    running; ``retain()`` drops queued requests for items that scrolled away, so a fast fling
    through 10,000 images decodes what the user stops on, not everything passed on the way.
    """

    thumbnailReady = Signal(int)  # image id whose state settled (ready or failed)

    def __init__(
        self,
        thumb_for: ThumbSource | None = None,
        *,
        max_side: int = spec("grid_zoom").high,  # the largest cell the grid draws
        cache_bytes: int = 128 * 1024 * 1024,
        max_in_flight: int = 2,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._thumb_for = thumb_for or (lambda image: image.path)
        self._max_side = max_side
        self._cache_bytes = cache_bytes
        self._max_in_flight = max_in_flight
        self._cache: OrderedDict[int, QPixmap] = OrderedDict()
        self._cached_bytes = 0
        self._queue: OrderedDict[int, ImageRecord] = OrderedDict()
        self._in_flight: set[int] = set()
        self._failed: set[int] = set()
        self._decoder = DecodePool(max_in_flight, self)
        self._decoder.decoded.connect(self._on_decoded)
        self._decoder.failed.connect(self._on_failed)

    @property
    def max_side(self) -> int:
        return self._max_side

    def state(self, image_id: int) -> ThumbState:
        if image_id in self._cache:
            return ThumbState.READY
        return ThumbState.FAILED if image_id in self._failed else ThumbState.LOADING

    def cached(self, image_id: int) -> QPixmap | None:
        """The thumbnail if it is in memory; never starts a decode."""
        pixmap = self._cache.get(image_id)
        if pixmap is not None:
            self._cache.move_to_end(image_id)
        return pixmap

    def pixmap(self, image: ImageRecord) -> QPixmap | None:
        """The thumbnail if ready; otherwise ``None`` and the image is queued (first in line)."""
        pixmap = self.cached(image.id)
        if pixmap is None and image.id not in self._failed:
            self.request(image)
        return pixmap

    def request(self, image: ImageRecord) -> None:
        if image.id in self._in_flight or image.id in self._cache:
            return
        self._queue[image.id] = image
        self._queue.move_to_end(image.id)
        self._dispatch()

    def retain(self, image_ids: Iterable[int]) -> None:
        """Drop queued requests for every image not in ``image_ids`` (those now on screen)."""
        keep = set(image_ids)
        for image_id in [i for i in self._queue if i not in keep]:
            del self._queue[image_id]

    def pending_count(self) -> int:
        return len(self._queue) + len(self._in_flight)

    def shutdown(self) -> None:
        self._queue.clear()
        self._decoder.shutdown()

    def _dispatch(self) -> None:
        while self._queue and len(self._in_flight) < self._max_in_flight:
            image_id, image = self._queue.popitem(last=True)
            self._in_flight.add(image_id)
            self._decoder.submit(
                image_id, partial(_decode_thumbnail, self._thumb_for, image, self._max_side)
            )

    @Slot(object, QImage)
    def _on_decoded(self, image_id: int, image: QImage) -> None:
        self._in_flight.discard(image_id)
        pixmap = QPixmap.fromImage(image)
        self._cache[image_id] = pixmap
        self._cached_bytes += _pixmap_bytes(pixmap)
        while self._cached_bytes > self._cache_bytes and len(self._cache) > 1:
            _, evicted = self._cache.popitem(last=False)
            self._cached_bytes -= _pixmap_bytes(evicted)
        self.thumbnailReady.emit(image_id)
        self._dispatch()

    @Slot(object, str)
    def _on_failed(self, image_id: int, reason: str) -> None:
        self._in_flight.discard(image_id)
        self._failed.add(image_id)
        log.info("No thumbnail for image %d: %s", image_id, reason)
        self.thumbnailReady.emit(image_id)
        self._dispatch()
