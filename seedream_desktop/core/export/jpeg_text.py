"""JPEG metadata segments in a byte stream: COM comments (one ``key: value`` per field, the layout
QImage.setText writes) and an EXIF UserComment (where A1111-style tools look for ``parameters``).
Pixel data is never touched."""

from __future__ import annotations

import struct
from collections.abc import Mapping

SOI = b"\xff\xd8"
_SOS = 0xDA
_COM = 0xFE
_APP0 = 0xE0
_APP1 = 0xE1
_APP15 = 0xEF
_EXIF_HEADER = b"Exif\0\0"
_MAX_SEGMENT = 0xFFFF - 2
_UNICODE_PREFIX = b"UNICODE\0"


class JpegFormatError(ValueError):
    """The bytes are not a well-formed JPEG."""


def _header(data: bytes) -> tuple[list[tuple[int, int, int]], int]:
    """(marker, start, end) of each segment before the scan, and where the scan starts."""
    if not data.startswith(SOI):
        raise JpegFormatError("The file is not a JPEG image.")
    segments = []
    pos = 2
    while True:
        while data[pos : pos + 2] == b"\xff\xff":
            pos += 1  # fill bytes
        if pos + 4 > len(data) or data[pos] != 0xFF:
            raise JpegFormatError("The JPEG image is damaged or cut short.")
        marker = data[pos + 1]
        if marker == _SOS:
            return segments, pos
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        end = pos + 2 + length
        if length < 2 or end > len(data):
            raise JpegFormatError("The JPEG image is damaged or cut short.")
        segments.append((marker, pos, end))
        pos = end


def _segment(marker: int, body: bytes) -> bytes:
    if len(body) > _MAX_SEGMENT:
        raise ValueError("The metadata is too large for a JPEG segment (64 KB).")
    return bytes((0xFF, marker)) + struct.pack(">H", len(body) + 2) + body


def _exif_user_comment(text: str) -> bytes:
    """A minimal big-endian TIFF: IFD0 → Exif IFD → UserComment (UNICODE, UTF-16BE)."""
    payload = _UNICODE_PREFIX + text.encode("utf-16-be")
    exif_ifd = 8 + 2 + 12 + 4
    payload_at = exif_ifd + 2 + 12 + 4
    tiff = b"MM\x00\x2a" + struct.pack(">I", 8)
    tiff += struct.pack(">H", 1) + struct.pack(">HHII", 0x8769, 4, 1, exif_ifd) + b"\0" * 4
    tiff += struct.pack(">H", 1) + struct.pack(">HHII", 0x9286, 7, len(payload), payload_at)
    tiff += b"\0" * 4 + payload
    return _EXIF_HEADER + tiff


def insert_text(data: bytes, fields: Mapping[str, str], user_comment: str | None = None) -> bytes:
    """``data`` with a COM per field after the APPn headers; older COMs with those keys dropped.

    The EXIF UserComment is added only when the image has no EXIF yet: a second EXIF block would
    leave readers guessing which one counts.
    """
    prefixes = tuple(f"{key}: ".encode() for key in fields)
    segments, scan_at = _header(data)
    kept: list[bytes] = []
    insert_at = 0
    has_exif = False
    for marker, start, end in segments:
        body = data[start + 4 : end]
        if marker == _COM and body.startswith(prefixes):
            continue
        if marker == _APP1 and body.startswith(_EXIF_HEADER):
            has_exif = True
        kept.append(data[start:end])
        if _APP0 <= marker <= _APP15 and insert_at == len(kept) - 1:
            insert_at = len(kept)
    ours = []
    if user_comment is not None and not has_exif:
        ours.append(_segment(_APP1, _exif_user_comment(user_comment)))
    ours.extend(_segment(_COM, f"{k}: {v}".encode()) for k, v in fields.items())
    return SOI + b"".join(kept[:insert_at] + ours + kept[insert_at:]) + data[scan_at:]


def read_text(data: bytes) -> dict[str, str]:
    """Every ``key: value`` COM segment as key → value."""
    found: dict[str, str] = {}
    for marker, start, end in _header(data)[0]:
        if marker != _COM:
            continue
        text = data[start + 4 : end].decode("utf-8", errors="replace")
        key, sep, value = text.partition(": ")
        if sep and key.isidentifier():
            found[key] = value
    return found
