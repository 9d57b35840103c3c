"""PNG text chunks in a byte stream: insert and read, leaving every other chunk byte-identical."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator, Mapping

from seedream_desktop.api.image_format import PNG_MAGIC as SIGNATURE

_TEXT_TYPES = (b"tEXt", b"zTXt", b"iTXt")
_MAX_DECOMPRESSED = 1 << 20  # a text chunk is a prompt, not a zip bomb


class PngFormatError(ValueError):
    """The bytes are not a well-formed PNG."""


def _chunks(data: bytes) -> Iterator[tuple[bytes, int, int]]:
    """(type, start of chunk, end of chunk) for every chunk, checking lengths only."""
    if not data.startswith(SIGNATURE):
        raise PngFormatError("The file is not a PNG image.")
    pos = len(SIGNATURE)
    while pos < len(data):
        if pos + 12 > len(data):
            raise PngFormatError("The PNG image is cut short.")
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > len(data):
            raise PngFormatError("The PNG image is cut short.")
        yield kind, pos, end
        if kind == b"IEND":
            return
        pos = end
    raise PngFormatError("The PNG image has no end chunk.")


def _chunk(kind: bytes, body: bytes) -> bytes:
    crc = zlib.crc32(kind + body) & 0xFFFFFFFF
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)


def text_chunk(key: str, value: str) -> bytes:
    """tEXt when the value is Latin-1 (what most tools read), iTXt (UTF-8) otherwise."""
    keyword = key.encode("latin-1")
    if not 1 <= len(keyword) <= 79:
        raise ValueError(f"PNG text keyword must be 1–79 characters: {key!r}")
    try:
        return _chunk(b"tEXt", keyword + b"\0" + value.encode("latin-1"))
    except UnicodeEncodeError:
        # no compression, empty language tag and translated keyword
        return _chunk(b"iTXt", keyword + b"\0\0\0\0\0" + value.encode("utf-8"))


def insert_text(data: bytes, fields: Mapping[str, str]) -> bytes:
    """``data`` with one text chunk per field after IHDR; older chunks with those keys dropped."""
    keys = {k.encode("latin-1") for k in fields}
    parts = [SIGNATURE]
    for kind, start, end in _chunks(data):
        if kind in _TEXT_TYPES and data[start + 8 : end - 4].split(b"\0", 1)[0] in keys:
            continue
        parts.append(data[start:end])
        if kind == b"IHDR":
            parts.extend(text_chunk(k, v) for k, v in fields.items())
    return b"".join(parts)


def read_text(data: bytes) -> dict[str, str]:
    """Every tEXt, zTXt and iTXt chunk as key → value (the last wins if a key repeats)."""
    found: dict[str, str] = {}
    for kind, start, end in _chunks(data):
        if kind == b"IDAT":
            continue
        if kind in _TEXT_TYPES:
            body = data[start + 8 : end - 4]
            key, _, rest = body.partition(b"\0")
            value = _decode(kind, rest)
            if value is not None:
                found[key.decode("latin-1")] = value
    return found


def _decode(kind: bytes, rest: bytes) -> str | None:
    try:
        if kind == b"tEXt":
            return rest.decode("latin-1")
        if kind == b"zTXt":
            return _inflate(rest[1:]).decode("latin-1")
        compressed, _method = rest[0], rest[1]
        _lang, _, rest = rest[2:].partition(b"\0")
        _translated, _, text = rest.partition(b"\0")
        return (_inflate(text) if compressed else text).decode("utf-8")
    except (IndexError, UnicodeDecodeError, zlib.error):
        return None  # a damaged text chunk should not hide the others


def _inflate(data: bytes) -> bytes:
    inflater = zlib.decompressobj()
    out = inflater.decompress(data, _MAX_DECOMPRESSED)
    if inflater.unconsumed_tail:
        raise zlib.error("text chunk too large")
    return out
