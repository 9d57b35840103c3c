"""How a setting's value is written as text and read back, chosen by the field's declared type.

Parsers take what QSettings hands back: a string from a file written by another process, or the
native value (int, float, bool) from one this process wrote or a plist/registry holds.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from seedream_desktop.api.params import AspectRatio

E = TypeVar("E", bound=Enum)


def _parse_float(raw: object) -> float:
    if isinstance(raw, bool):
        raise TypeError("not a number")
    return float(str(raw))


def _parse_int(raw: object) -> int:
    if isinstance(raw, bool):
        raise TypeError("not a whole number")
    return int(str(raw).strip())


def _parse_optional_int(raw: object) -> int | None:
    return None if str(raw).strip() == "" else _parse_int(raw)


def _parse_bool(raw: object) -> bool:
    text = str(raw).strip().lower()
    if text in ("true", "1"):
        return True
    if text in ("false", "0"):
        return False
    raise ValueError("not true or false")


def _parse_path(raw: object) -> Path | None:
    text = str(raw)
    return Path(text) if text else None


def folder_problem(label: str, value: object) -> str | None:
    """What is wrong with a folder setting's value, if anything: it must be a full path."""
    if value is None or (isinstance(value, Path) and value.is_absolute()):
        return None
    return f"{label} must be a full path, not “{value}”."


def _parse_bytes(raw: object) -> bytes:
    try:
        return base64.b64decode(str(raw), validate=True)
    except binascii.Error as error:
        raise ValueError("not base64") from error


def _parse_str(raw: object) -> str:
    if not isinstance(raw, str):
        raise TypeError("not text")
    return raw


def _parse_enum(enum: type[E]) -> Callable[[object], E]:
    def parse(raw: object) -> E:
        return enum(str(raw))

    return parse


def _parse_aspect(raw: object) -> AspectRatio:
    return AspectRatio.from_label(str(raw))


def dump(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, AspectRatio):
        return value.label
    if isinstance(value, Enum):
        return str(value.value)
    if value is None:
        return ""
    return str(value)


_PLAIN_PARSERS: dict[object, Callable[[object], Any]] = {
    float: _parse_float,
    int: _parse_int,
    int | None: _parse_optional_int,
    bool: _parse_bool,
    Path | None: _parse_path,
    bytes: _parse_bytes,
    str: _parse_str,
    AspectRatio: _parse_aspect,
}


def parser_for(kind: object) -> Callable[[object], Any]:
    """The parser for a field's declared type: the type is the declaration, not a table."""
    if kind in _PLAIN_PARSERS:
        return _PLAIN_PARSERS[kind]
    if isinstance(kind, type) and issubclass(kind, Enum):
        return _parse_enum(kind)
    raise TypeError(f"No parser for settings of type {kind}")
