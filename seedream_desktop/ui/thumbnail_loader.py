"""Image decoding off the GUI thread, and a thumbnail cache that decodes only what is on screen.

QImage and QImageReader are thread-safe; QPixmap is not. Workers therefore return QImages (for the
grid, framed: ``tile_face``), and the GUI thread turns them into pixmaps when the queued signal
delivers them.
"""

from __future__ import annotations

import contextlib
import logging
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from enum import Enum
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, QRect, QRectF, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QGuiApplication, QImage, QImageReader, QPixmap

from seedream_desktop.core.images import lower_worker_priority, prepare_image_decoding
from seedream_desktop.core.models import ImageRecord
from seedream_desktop.core.settings import spec
from seedream_desktop.ui.grid.tile_face import TileFace, TileImage, compose

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

    done = Signal(object, object, str)


def _decode(key: Hashable, work: Callable[[], object], relay: _Relay) -> None:
    """One decode, run on a pool thread; the result reaches the GUI thread through ``relay``."""
    lower_worker_priority()  # a pool thread of ours: cheap to say again for each task
    try:
        result, error = work(), ""
    except Exception as exc:  # a missing, truncated or foreign file must not kill the worker
        result, error = None, str(exc) or type(exc).__name__
    # The relay may already be deleted if the app is shutting down while we decoded.
    with contextlib.suppress(RuntimeError):
        relay.done.emit(key, result, error)


class DecodePool(QObject):
    """Runs decode callables on a private thread pool and reports on the GUI thread."""

    decoded = Signal(object, object)  # key, what the work returned (a QImage, a TileImage)
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

    def submit(self, key: Hashable, work: Callable[[], object]) -> None:
        # A plain callable, not a Python QRunnable subclass: PySide6 kept such runnables (and the
        # images their work held) alive after they ran, ~1 MB a job over a day of landings.
        self._pool.start(partial(_decode, key, work, self._relay))

    def shutdown(self) -> None:
        """Forget queued tasks and wait for running ones (call before the owner goes away)."""
        self._pool.clear()
        self._pool.waitForDone()

    @Slot(object, object, str)
    def _deliver(self, key: Hashable, result: object, error: str) -> None:
        if error:
            self.failed.emit(key, error)
        else:
            self.decoded.emit(key, result)


def _fit_image(image: QImage, side: int) -> QImage:
    """A handed-over thumbnail shrunk to the display side (smooth, done once)."""
    if max(image.width(), image.height()) <= side:
        return image
    return image.scaled(
        side, side, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


def _make_tile(thumb_for: ThumbSource, image: ImageRecord, face: TileFace) -> TileImage:
    """Runs on a pool thread: one decode, scaled while reading, put in its frame."""
    return compose(face, image, read_image(thumb_for(image), face.device_side))


def _make_handed_tile(thumbnail: QImage, image: ImageRecord, face: TileFace) -> TileImage:
    return compose(face, image, _fit_image(thumbnail, face.device_side))


class ThumbState(Enum):
    LOADING = "loading"
    READY = "ready"
    FAILED = "failed"


def pixmap_bytes(pixmap: QPixmap) -> int:
    return pixmap.width() * pixmap.height() * max(1, pixmap.depth() // 8)


@dataclass(frozen=True, slots=True)
class CachedTile:
    """A tile's framed picture as the workers composed it (see ``tile_face``), ready to be
    copied to the screen."""

    pixmap: QPixmap
    picture: QRect  # where the thumbnail goes in a cell at the origin, logical pixels
    face: TileFace  # what it was drawn for: a tile of another face is stale (zoom, palette…)

    @property
    def source(self) -> QRectF:
        """The thumbnail inside the frame, in the pixmap's device pixels."""
        ratio = self.pixmap.devicePixelRatio()
        size = self.picture.size()
        return QRectF(ratio, ratio, size.width() * ratio, size.height() * ratio)


def _app_face() -> TileFace:
    return TileFace.of(
        spec("grid_zoom").default, 1.0, QGuiApplication.palette(), QGuiApplication.font()
    )


class ThumbnailLoader(QObject):
    """The grid's thumbnails by image id, framed at display size: an LRU cache bounded in bytes
    in front of a small, newest-first work queue.

    Workers decode a thumbnail straight to the face's size in device pixels (or shrink a
    handed-over image) and put it in its frame, so paint code only copies pixels. After a zoom
    or a palette change, the pictures of the old face are still served (the grid draws them
    scaled, fast) while the new ones are made. ``tile()`` is called from paint code
    for visible items only, so asking is cheap and never blocks. Requests wait in a queue served
    newest first, with only ``max_in_flight`` decodes running; ``retain()`` drops queued requests
    for items that scrolled away, so a fast fling through 10,000 images decodes what the user
    stops on, not everything passed on the way.
    """

    thumbnailReady = Signal(int)  # image id whose state settled (ready or failed)

    def __init__(
        self,
        thumb_for: ThumbSource | None = None,
        *,
        face: TileFace | None = None,
        cache_bytes: int = 32 * 1024 * 1024,
        max_in_flight: int = 2,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._thumb_for = thumb_for or (lambda image: image.path)
        self._face = face or _app_face()
        self._cache_bytes = cache_bytes
        self._max_in_flight = max_in_flight
        self._cache: OrderedDict[int, CachedTile] = OrderedDict()
        self._cached_bytes = 0
        self._queue: OrderedDict[int, Callable[[], TileImage]] = OrderedDict()
        self._in_flight: dict[int, TileFace] = {}  # id → the face being made
        self._failed: set[int] = set()
        self._decoder = DecodePool(max_in_flight, self)
        self._decoder.decoded.connect(self._on_decoded)
        self._decoder.failed.connect(self._on_failed)

    @property
    def face(self) -> TileFace:
        return self._face

    @property
    def cached_bytes(self) -> int:
        return self._cached_bytes

    @property
    def cache_bytes(self) -> int:
        return self._cache_bytes

    def set_face(self, face: TileFace) -> None:
        """Make tiles of ``face`` from now on; queued work for the old one is dropped.

        Faces are told apart by identity, as the delegate does on every paint: the view hands
        the loader and the delegate one object and keeps it while nothing changes."""
        if face is not self._face:
            self._face = face
            self._queue.clear()

    def set_cache_bytes(self, limit: int) -> None:
        """Bound the tiles kept (what is on screen plus a margin: the view works it out)."""
        self._cache_bytes = max(1, limit)
        self._evict()

    def state(self, image_id: int) -> ThumbState:
        if image_id in self._cache:
            return ThumbState.READY
        return ThumbState.FAILED if image_id in self._failed else ThumbState.LOADING

    def cached(self, image_id: int) -> QPixmap | None:
        """The thumbnail alone, cut from its tile if one is in memory (of any face); never
        starts a decode (the viewer's stand-in while the full image decodes)."""
        entry = self._cache.get(image_id)
        if entry is None:
            return None
        self._cache.move_to_end(image_id)
        cut = entry.pixmap.copy(entry.source.toRect())
        cut.setDevicePixelRatio(entry.pixmap.devicePixelRatio())
        return cut

    def tile(self, image: ImageRecord) -> CachedTile | None:
        """The tile if there is one (maybe of the previous face, which is then remade);
        otherwise ``None`` and the image is queued (first in line)."""
        entry = self._cache.get(image.id)
        if entry is not None:
            self._cache.move_to_end(image.id)
            if entry.face is not self._face:
                self.request(image)
            return entry
        if image.id not in self._failed:
            self.request(image)
        return None

    def request(self, image: ImageRecord) -> None:
        if self._in_flight.get(image.id) is self._face or self._is_current(image.id):
            return
        self._enqueue(image.id, partial(_make_tile, self._thumb_for, image, self._face))

    def offer(self, image: ImageRecord, thumbnail: QImage) -> None:
        """A freshly made thumbnail (the runner's, from its one decode of the download): shown
        without reading the file back."""
        if thumbnail.isNull() or self._is_current(image.id):
            return
        self._failed.discard(image.id)
        self._enqueue(image.id, partial(_make_handed_tile, thumbnail, image, self._face))

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

    def _is_current(self, image_id: int) -> bool:
        entry = self._cache.get(image_id)
        return entry is not None and entry.face is self._face

    def _enqueue(self, image_id: int, work: Callable[[], TileImage]) -> None:
        self._queue[image_id] = work
        self._queue.move_to_end(image_id)
        self._dispatch()

    def _dispatch(self) -> None:
        while self._queue and len(self._in_flight) < self._max_in_flight:
            image_id, work = self._queue.popitem(last=True)
            self._in_flight[image_id] = self._face
            self._decoder.submit((image_id, self._face), work)

    def _evict(self) -> None:
        while self._cached_bytes > self._cache_bytes and len(self._cache) > 1:
            _, evicted = self._cache.popitem(last=False)
            self._cached_bytes -= pixmap_bytes(evicted.pixmap)

    @Slot(object, object)
    def _on_decoded(self, key: tuple[int, TileFace], made: TileImage) -> None:
        image_id, face = key
        if self._in_flight.get(image_id) is face:
            del self._in_flight[image_id]
        if face is not self._face and image_id in self._cache:  # made for a face already left
            self._dispatch()
            return
        pixmap = QPixmap.fromImage(made.image)
        pixmap.setDevicePixelRatio(face.ratio)
        old = self._cache.pop(image_id, None)
        if old is not None:
            self._cached_bytes -= pixmap_bytes(old.pixmap)
        self._cache[image_id] = CachedTile(pixmap, made.picture, face)
        self._cached_bytes += pixmap_bytes(pixmap)
        self._evict()
        self.thumbnailReady.emit(image_id)
        self._dispatch()

    @Slot(object, str)
    def _on_failed(self, key: tuple[int, TileFace], reason: str) -> None:
        image_id, face = key
        if self._in_flight.get(image_id) is face:
            del self._in_flight[image_id]
        self._failed.add(image_id)
        log.info("No thumbnail for image %d: %s", image_id, reason)
        self.thumbnailReady.emit(image_id)
        self._dispatch()
