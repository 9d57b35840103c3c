"""Which image format a file is, from its first bytes: for downloads, checks and export.

The one sniffer of the app. It lives in ``api`` because downloads check the bytes as they arrive
and ``api`` has no Qt; ``core.images`` holds what needs Qt (decoding limits, flattening).
"""

from __future__ import annotations

from seedream_desktop.api.models import ImageFormat

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
#: Enough of the head for every signature (WebP's "WEBP" ends at byte 12).
SNIFF_BYTES = 12


def sniff_format(head: bytes) -> ImageFormat | None:
    """The format the first bytes announce, or ``None`` when they are no PNG, JPEG or WebP."""
    if head.startswith(PNG_MAGIC):
        return ImageFormat.PNG
    if head.startswith(JPEG_MAGIC):
        return ImageFormat.JPEG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":  # "RIFF", a 4-byte length, "WEBP"
        return ImageFormat.WEBP
    return None
