"""Freed full-size images give their memory back to the system (glibc).

A decoded 2560×1440 image is a ~15 MB block. glibc maps such blocks separately and unmaps them
on free, but after the first free it raises its threshold (up to 32 MB) so the next ones come
from the heap, where freeing leaves holes the process keeps: 50 viewer opens grew RSS by ~225 MB
although every viewer and pixmap was gone. A fixed threshold turns that adjustment off.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

_M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter number
MMAP_THRESHOLD_BYTES = 1024 * 1024  # blocks this big are mapped (and unmapped) on their own


def map_big_blocks_separately() -> bool:
    """Fix glibc's mmap threshold; a no-op (False) on other C libraries and platforms."""
    if not sys.platform.startswith("linux"):
        return False
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        mallopt = ctypes.CDLL(name).mallopt
    except (OSError, AttributeError):  # musl has no mallopt
        return False
    return bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES))
