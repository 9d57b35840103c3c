"""The app's settings and the window state it restores, stored per user the platform's way.

``QSettings`` in native format: an ini file under ``~/.config/Seedream/`` on Linux, a plist on
macOS, the registry on Windows. It needs no ``QCoreApplication``, so the CLI reads the same
settings as the app. Every value is stored as a string (bytes as base64) so that all three
formats read back the same way.

Versioned by ``schema_version``. Version 1 (before this module) kept ``price`` as a string in US
cents and ``concurrency`` for the jobs run at once; loading migrates them and deletes the old keys.
A stored value that cannot be read falls back to its default with a log line; loading never fails.
The API token is never stored here (see ``token_store``).
"""

from __future__ import annotations

import base64
import binascii
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass, fields
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QSettings

from seedream_desktop import APP_NAME, ORGANIZATION
from seedream_desktop.api.params import (
    COUNT_MAX,
    COUNT_MIN,
    DEFAULT_ASPECT,
    SEED_MAX,
    SEED_MIN,
    AspectRatio,
    PromptMode,
)
from seedream_desktop.api.urls import DEFAULT_BASE_URL, validate_base_url
from seedream_desktop.core.export.naming import validate_template
from seedream_desktop.core.export.options import (
    DEFAULT_QUALITY,
    DEFAULT_TEMPLATE,
    QUALITY_MAX,
    QUALITY_MIN,
    ExportFormat,
)

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2

PRICE_MIN, PRICE_MAX = 0.0, 10.0
JOBS_MIN, JOBS_MAX = 1, 8
THUMBNAIL_MIN, THUMBNAIL_MAX = 64, 512

_VERSION_KEY = "schema_version"
_V1_PRICE_CENTS = "price"
_V1_CONCURRENCY = "concurrency"

E = TypeVar("E", bound=Enum)


class Theme(Enum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


@dataclass(slots=True)
class Settings:
    """Everything the app remembers between runs. ``None`` paths mean "the app's default"."""

    price_per_image: float = 0.03  # US$, for the cost estimate before Generate
    jobs_at_once: int = 3
    library_dir: Path | None = None
    export_dir: Path | None = None
    theme: Theme = Theme.SYSTEM
    base_url: str = DEFAULT_BASE_URL
    last_aspect: AspectRatio = DEFAULT_ASPECT
    last_count: int = 3
    last_mode: PromptMode = PromptMode.FAST
    seed_fixed: bool = False
    last_seed: int | None = None
    window_geometry: bytes = b""  # QWidget.saveGeometry()
    window_state: bytes = b""  # QMainWindow.saveState()
    splitter_state: bytes = b""  # QSplitter.saveState(): the pane sizes
    left_splitter_state: bytes = b""  # the generate panel / jobs split
    thumbnail_size: int = 192
    export_format: ExportFormat = ExportFormat.ORIGINAL
    export_quality: int = DEFAULT_QUALITY  # JPEG and WebP only
    export_name_template: str = DEFAULT_TEMPLATE
    export_sidecar: bool = True  # a JSON sidecar where the format cannot hold the metadata


def _check_price(value: object) -> str | None:
    valid = (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and PRICE_MIN <= value <= PRICE_MAX
    )
    return (
        None if valid else f"Price per image must be between {PRICE_MIN:g} and {PRICE_MAX:g} US$."
    )


def _check_int(low: int, high: int, message: str) -> Callable[[object], str | None]:
    def check(value: object) -> str | None:
        valid = isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
        return None if valid else message

    return check


def _check_folder(label: str) -> Callable[[object], str | None]:
    def check(value: object) -> str | None:
        if value is None or (isinstance(value, Path) and value.is_absolute()):
            return None
        return f"{label} folder must be a full path, not “{value}”."

    return check


def _check_base_url(value: object) -> str | None:
    try:
        validate_base_url(str(value))
    except ValueError as error:
        return str(error)
    return None


_check_seed_value = _check_int(
    SEED_MIN, SEED_MAX, f"Seed must be a whole number from {SEED_MIN} to {SEED_MAX:,}."
)


def _check_seed(value: object) -> str | None:
    return None if value is None else _check_seed_value(value)


def _check_name_template(value: object) -> str | None:
    try:
        validate_template(str(value))
    except ValueError as error:
        return str(error)
    return None


# Fields not listed are valid whenever they have their declared type.
_CHECKS: dict[str, Callable[[object], str | None]] = {
    "price_per_image": _check_price,
    "jobs_at_once": _check_int(
        JOBS_MIN, JOBS_MAX, f"Jobs at once must be a whole number from {JOBS_MIN} to {JOBS_MAX}."
    ),
    "library_dir": _check_folder("Library"),
    "export_dir": _check_folder("Export"),
    "base_url": _check_base_url,
    "last_count": _check_int(
        COUNT_MIN, COUNT_MAX, f"Number of images must be from {COUNT_MIN} to {COUNT_MAX}."
    ),
    "last_seed": _check_seed,
    "thumbnail_size": _check_int(
        THUMBNAIL_MIN,
        THUMBNAIL_MAX,
        f"Thumbnail size must be from {THUMBNAIL_MIN} to {THUMBNAIL_MAX} pixels.",
    ),
    "export_quality": _check_int(
        QUALITY_MIN, QUALITY_MAX, f"Export quality must be from {QUALITY_MIN} to {QUALITY_MAX}."
    ),
    "export_name_template": _check_name_template,
}


def _problems(settings: Settings) -> dict[str, str]:
    """Field name → what is wrong with it."""
    found = {}
    for name, check in _CHECKS.items():
        problem = check(getattr(settings, name))
        if problem is not None:
            found[name] = problem
    return found


class SettingsStore:
    """Loads and saves :class:`Settings` through one ``QSettings``.

    Without an argument it uses the per-user native store; tests and tools pass their own, e.g.
    ``QSettings(str(path), QSettings.Format.IniFormat)``.
    """

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._qs = qsettings if qsettings is not None else default_qsettings()

    @property
    def location(self) -> str:
        """The file (or registry path) the settings live in, for messages and support."""
        return self._qs.fileName()

    @staticmethod
    def validate(settings: Settings) -> list[str]:
        """Every problem with ``settings``, one sentence each, for the settings dialog."""
        return list(_problems(settings).values())

    def load(self) -> Settings:
        """The stored settings; anything missing or unreadable is its default (logged)."""
        self._qs.sync()
        if self._qs.status() != QSettings.Status.NoError:
            log.warning(
                "Settings in %s could not be read fully (%s); using defaults where needed.",
                self.location,
                self._qs.status().name,
            )
        self._migrate()
        defaults = Settings()
        settings = Settings()
        for field in fields(Settings):
            key, parse = _FIELDS[field.name]
            raw = self._qs.value(key)
            if raw is None:
                continue
            try:
                setattr(settings, field.name, parse(raw))
            except (ValueError, TypeError) as error:
                log.warning("Ignoring setting %s=%r (%s); using the default.", key, raw, error)
        for name, problem in _problems(settings).items():
            log.warning("Ignoring stored %s: %s Using the default.", name, problem)
            setattr(settings, name, getattr(defaults, name))
        return settings

    def save(self, settings: Settings) -> None:
        """Store every field; ``ValueError`` (with the dialog's messages) if any is invalid."""
        problems = self.validate(settings)
        if problems:
            raise ValueError(" ".join(problems))
        if self._stored_version() <= SCHEMA_VERSION:
            self._qs.setValue(_VERSION_KEY, str(SCHEMA_VERSION))
        for field in fields(Settings):
            key, _ = _FIELDS[field.name]
            self._qs.setValue(key, _dump(getattr(settings, field.name)))
        self._qs.sync()
        if self._qs.status() != QSettings.Status.NoError:
            raise OSError(f"Could not write the settings to {self.location}.")

    def _stored_version(self) -> int:
        raw = self._qs.value(_VERSION_KEY)
        if raw is None:
            # No version: version 1 if it left keys behind, else a fresh store.
            v1 = self._qs.contains(_V1_PRICE_CENTS) or self._qs.contains(_V1_CONCURRENCY)
            return 1 if v1 else SCHEMA_VERSION
        try:
            return int(str(raw))
        except ValueError:
            log.warning("Unreadable settings schema_version %r; treating it as current.", raw)
            return SCHEMA_VERSION

    def _migrate(self) -> None:
        version = self._stored_version()
        if version > SCHEMA_VERSION:
            log.warning(
                "Settings are from a newer version (schema %d); reading what this one knows.",
                version,
            )
        if version >= SCHEMA_VERSION:
            return
        self._migrate_v1_to_v2()
        self._qs.setValue(_VERSION_KEY, str(SCHEMA_VERSION))
        self._qs.sync()

    def _migrate_v1_to_v2(self) -> None:
        cents = self._qs.value(_V1_PRICE_CENTS)
        if cents is not None:
            try:
                self._qs.setValue(_FIELDS["price_per_image"][0], _dump(float(str(cents)) / 100))
            except ValueError:
                log.warning("Dropping unreadable version 1 setting price=%r.", cents)
            self._qs.remove(_V1_PRICE_CENTS)
        concurrency = self._qs.value(_V1_CONCURRENCY)
        if concurrency is not None:
            self._qs.setValue(_FIELDS["jobs_at_once"][0], str(concurrency))
            self._qs.remove(_V1_CONCURRENCY)
        log.info("Migrated settings in %s from schema 1 to 2.", self.location)


def default_qsettings() -> QSettings:
    return QSettings(
        QSettings.Format.NativeFormat, QSettings.Scope.UserScope, ORGANIZATION, APP_NAME
    )


# Parsers take what QSettings hands back: a string from a file written by another process, or
# the native value (int, float, bool) from one this process wrote or a plist/registry holds.
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


def _dump(value: object) -> str:
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


_FIELDS: dict[str, tuple[str, Callable[[object], Any]]] = {
    "price_per_image": ("jobs/price_per_image", _parse_float),
    "jobs_at_once": ("jobs/jobs_at_once", _parse_int),
    "library_dir": ("paths/library_dir", _parse_path),
    "export_dir": ("paths/export_dir", _parse_path),
    "theme": ("appearance/theme", _parse_enum(Theme)),
    "base_url": ("api/base_url", _parse_str),
    "last_aspect": ("generate/last_aspect", _parse_aspect),
    "last_count": ("generate/last_count", _parse_int),
    "last_mode": ("generate/last_mode", _parse_enum(PromptMode)),
    "seed_fixed": ("generate/seed_fixed", _parse_bool),
    "last_seed": ("generate/last_seed", _parse_optional_int),
    "window_geometry": ("window/geometry", _parse_bytes),
    "window_state": ("window/state", _parse_bytes),
    "splitter_state": ("window/splitter_state", _parse_bytes),
    "left_splitter_state": ("window/left_splitter_state", _parse_bytes),
    "thumbnail_size": ("library/thumbnail_size", _parse_int),
    "export_format": ("export/format", _parse_enum(ExportFormat)),
    "export_quality": ("export/quality", _parse_int),
    "export_name_template": ("export/name_template", _parse_str),
    "export_sidecar": ("export/sidecar", _parse_bool),
}
