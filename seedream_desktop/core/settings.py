"""The app's settings and the window state it restores, stored per user the platform's way.

Each setting is declared once, as a field of :class:`Settings` made by :func:`setting`: its
stored key, default, bounds and label. The store parses and checks by that declaration, and the
settings dialog takes its ranges and labels from it (``spec(name)``).

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

import functools
import logging
import math
import typing
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from enum import Enum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSettings

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
from seedream_desktop.core.models import RATING_MAX, RATING_MIN
from seedream_desktop.core.setting_values import dump, folder_problem, parser_for
from seedream_desktop.core.settings_file import LIBRARY_DIR_KEY

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2
#: The context the labels are translated in (``QCoreApplication.translate(LABELS, label)``);
#: each ``QT_TRANSLATE_NOOP`` below spells it out, because lupdate reads only literals.
LABELS = "Settings"

_VERSION_KEY = "schema_version"
_V1_PRICE_CENTS = "price"
_V1_CONCURRENCY = "concurrency"
_SPEC = "seedream_setting"

#: (label, value) → what is wrong, in a sentence, or ``None``.
Check = Callable[[str, object], str | None]


class Theme(Enum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


class LibraryLayout(Enum):
    """How the library grid shows images: under their series' headers, or all in one grid."""

    SERIES = "series"
    ALL = "all"


class Language(Enum):
    """The window's language; ``value`` is the language code of its translation files."""

    SYSTEM = "system"  # the first of the system's languages the app speaks, else English
    ENGLISH = "en"
    GERMAN = "de"


@dataclass(frozen=True, slots=True)
class SettingSpec:
    """One setting as declared: where it is stored, its default, bounds and label.

    ``label`` is the untranslated source text (marked for ``lupdate``): the window shows it
    through ``QCoreApplication.translate(LABELS, label)``.
    """

    name: str
    key: str
    default: Any
    label: str
    low: Any = None
    high: Any = None
    unit: str = ""
    check: Check | None = None
    parse: Callable[[object], Any] | None = field(default=None, compare=False)

    @property
    def bounds(self) -> tuple[Any, Any]:
        return self.low, self.high


def setting(
    key: str,
    default: Any,
    label: str,
    *,
    low: Any = None,
    high: Any = None,
    unit: str = "",
    check: Check | None = None,
) -> Any:
    """A :class:`Settings` field declared with everything the store and the dialog need."""
    spec = SettingSpec("", key, default, label, low, high, unit, check)
    return field(default=default, metadata={_SPEC: spec})


def _refused_by(validate: Callable[[str], object]) -> Check:
    """A check that reports what ``validate`` says when it raises ``ValueError``."""

    def check(_label: str, value: object) -> str | None:
        try:
            validate(str(value))
        except ValueError as error:
            return str(error)
        return None

    return check


@dataclass(slots=True)
class Settings:
    """Everything the app remembers between runs, one declaration per setting.

    ``None`` paths mean "the app's default". Stored keys never change once released: a renamed
    field keeps its old key, so a user's saved value is still read.
    """

    price_per_image: float = setting(
        "jobs/price_per_image",
        0.03,  # US$, for the cost estimate before Generate
        QT_TRANSLATE_NOOP("Settings", "Price per image"),
        low=0.0,
        high=10.0,
        unit="US$",
    )
    jobs_at_once: int = setting(
        "jobs/jobs_at_once",
        3,
        QT_TRANSLATE_NOOP("Settings", "Jobs at once"),
        low=1,
        high=8,
    )
    # The data folder that holds the library (and the demo library beside it); stored under its
    # first name.
    data_dir: Path | None = setting(
        LIBRARY_DIR_KEY,
        None,
        QT_TRANSLATE_NOOP("Settings", "Library folder"),
        check=folder_problem,
    )
    export_dir: Path | None = setting(
        "paths/export_dir",
        None,
        QT_TRANSLATE_NOOP("Settings", "Default export folder"),
        check=folder_problem,
    )
    theme: Theme = setting("appearance/theme", Theme.SYSTEM, QT_TRANSLATE_NOOP("Settings", "Theme"))
    # Read once at start: a change applies at the next start (the dialog says so).
    language: Language = setting(
        "appearance/language", Language.SYSTEM, QT_TRANSLATE_NOOP("Settings", "Language")
    )
    base_url: str = setting(
        "api/base_url",
        DEFAULT_BASE_URL,
        QT_TRANSLATE_NOOP("Settings", "API base URL"),
        check=_refused_by(validate_base_url),
    )
    last_aspect: AspectRatio = setting(
        "generate/last_aspect", DEFAULT_ASPECT, QT_TRANSLATE_NOOP("Settings", "Aspect ratio")
    )
    last_count: int = setting(
        "generate/last_count",
        3,
        QT_TRANSLATE_NOOP("Settings", "Number of images"),
        low=COUNT_MIN,
        high=COUNT_MAX,
    )
    last_mode: PromptMode = setting(
        "generate/last_mode", PromptMode.FAST, QT_TRANSLATE_NOOP("Settings", "Prompt mode")
    )
    seed_fixed: bool = setting(
        "generate/seed_fixed", False, QT_TRANSLATE_NOOP("Settings", "Fixed seed")
    )
    last_seed: int | None = setting(
        "generate/last_seed",
        None,
        QT_TRANSLATE_NOOP("Settings", "Seed"),
        low=SEED_MIN,
        high=SEED_MAX,
    )
    window_geometry: bytes = setting(  # QWidget.saveGeometry()
        "window/geometry", b"", QT_TRANSLATE_NOOP("Settings", "Window geometry")
    )
    window_state: bytes = setting(  # QMainWindow.saveState()
        "window/state", b"", QT_TRANSLATE_NOOP("Settings", "Window state")
    )
    splitter_state: bytes = setting(  # QSplitter.saveState(): the pane sizes
        "window/splitter_state", b"", QT_TRANSLATE_NOOP("Settings", "Pane sizes")
    )
    left_splitter_state: bytes = setting(  # the generate panel / jobs split
        "window/left_splitter_state", b"", QT_TRANSLATE_NOOP("Settings", "Left pane sizes")
    )
    # The grid's cell size in pixels (its zoom slider); stored under its first name.
    grid_zoom: int = setting(
        "library/thumbnail_size",
        192,
        QT_TRANSLATE_NOOP("Settings", "Thumbnail size"),
        low=96,
        high=320,
        unit="pixels",
    )
    library_layout: LibraryLayout = setting(
        "library/layout", LibraryLayout.SERIES, QT_TRANSLATE_NOOP("Settings", "Library view")
    )
    # The filter bar's curation choices. Its aspect, mode and date are not kept: a "today"
    # remembered until tomorrow would hide images the user never filtered out.
    filter_picked_only: bool = setting(
        "library/picked_only", False, QT_TRANSLATE_NOOP("Settings", "Picked only")
    )
    filter_hide_rejected: bool = setting(
        "library/hide_rejected", False, QT_TRANSLATE_NOOP("Settings", "Hide rejected")
    )
    filter_min_rating: int = setting(
        "library/min_rating",
        RATING_MIN,
        QT_TRANSLATE_NOOP("Settings", "Minimum rating"),
        low=RATING_MIN,
        high=RATING_MAX,
    )
    export_format: ExportFormat = setting(
        "export/format", ExportFormat.ORIGINAL, QT_TRANSLATE_NOOP("Settings", "Export format")
    )
    export_quality: int = setting(  # JPEG and WebP only
        "export/quality",
        DEFAULT_QUALITY,
        QT_TRANSLATE_NOOP("Settings", "Export quality"),
        low=QUALITY_MIN,
        high=QUALITY_MAX,
    )
    export_name_template: str = setting(
        "export/name_template",
        DEFAULT_TEMPLATE,
        QT_TRANSLATE_NOOP("Settings", "File names"),
        check=_refused_by(validate_template),
    )
    export_sidecar: bool = setting(  # a JSON sidecar where the format cannot hold the metadata
        "export/sidecar", True, QT_TRANSLATE_NOOP("Settings", "Metadata sidecar")
    )


@functools.cache
def _specs() -> dict[str, SettingSpec]:
    hints = typing.get_type_hints(Settings)
    return {
        f.name: replace(f.metadata[_SPEC], name=f.name, parse=parser_for(hints[f.name]))
        for f in fields(Settings)
    }


def spec(name: str) -> SettingSpec:
    """The declaration of the setting ``name`` (a :class:`Settings` field)."""
    return _specs()[name]


def all_specs() -> list[SettingSpec]:
    return list(_specs().values())


def _problem(s: SettingSpec, value: object) -> str | None:
    return _out_of_bounds(s, value) or (s.check(s.label, value) if s.check else None)


def _out_of_bounds(s: SettingSpec, value: object) -> str | None:
    if s.low is None or (value is None and s.default is None):
        return None
    unit = f" {s.unit}" if s.unit else ""
    number = value if isinstance(value, int | float) and not isinstance(value, bool) else None
    if isinstance(s.low, float):
        if number is not None and math.isfinite(number) and s.low <= number <= s.high:
            return None
        return f"{s.label} must be between {s.low:g} and {s.high:g}{unit}."
    if isinstance(number, int) and s.low <= number <= s.high:
        return None
    return f"{s.label} must be a whole number from {s.low:,} to {s.high:,}{unit}."


def _problems(settings: Settings) -> dict[str, str]:
    """Field name → what is wrong with it."""
    found = {}
    for s in all_specs():
        problem = _problem(s, getattr(settings, s.name))
        if problem is not None:
            found[s.name] = problem
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
        """Every problem with ``settings``, one sentence each (in English)."""
        return list(_problems(settings).values())

    @staticmethod
    def problems(settings: Settings) -> dict[str, str]:
        """Field name → its problem in English: the settings dialog says it in its language."""
        return _problems(settings)

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
        for s in all_specs():
            raw = self._qs.value(s.key)
            if raw is None:
                continue
            try:
                setattr(settings, s.name, s.parse(raw))
            except (ValueError, TypeError) as error:
                log.warning("Ignoring setting %s=%r (%s); using the default.", s.key, raw, error)
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
        for s in all_specs():
            self._qs.setValue(s.key, dump(getattr(settings, s.name)))
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
                self._qs.setValue(spec("price_per_image").key, dump(float(str(cents)) / 100))
            except ValueError:
                log.warning("Dropping unreadable version 1 setting price=%r.", cents)
            self._qs.remove(_V1_PRICE_CENTS)
        concurrency = self._qs.value(_V1_CONCURRENCY)
        if concurrency is not None:
            self._qs.setValue(spec("jobs_at_once").key, str(concurrency))
            self._qs.remove(_V1_CONCURRENCY)
        log.info("Migrated settings in %s from schema 1 to 2.", self.location)


def default_qsettings() -> QSettings:
    return QSettings(
        QSettings.Format.NativeFormat, QSettings.Scope.UserScope, ORGANIZATION, APP_NAME
    )
