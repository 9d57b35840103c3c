"""What the designer chose for one export: folder, format, quality, name template, sidecar."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QStandardPaths

DEFAULT_TEMPLATE = "{date}_{prompt}_{index}"
DEFAULT_QUALITY = 92
QUALITY_MIN = 1
QUALITY_MAX = 100


class ExportFormat(Enum):
    """``value`` is what settings store: never rename a value."""

    ORIGINAL = "original"  # the downloaded bytes, pixels untouched, metadata inserted
    PNG = "png"
    JPEG = "jpeg"
    WEBP = "webp"

    @property
    def has_quality(self) -> bool:
        return self in (ExportFormat.JPEG, ExportFormat.WEBP)


def default_destination() -> Path:
    pictures = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
    return Path(pictures) if pictures else Path.home()


@dataclass(frozen=True, slots=True)
class ExportOptions:
    destination: Path = field(default_factory=default_destination)
    format: ExportFormat = ExportFormat.ORIGINAL
    quality: int = DEFAULT_QUALITY  # JPEG / WebP only
    template: str = DEFAULT_TEMPLATE
    # WebP cannot carry text metadata here: a ``name.webp.json`` beside it keeps the prompt.
    sidecar: bool = True

    def __post_init__(self) -> None:
        if not QUALITY_MIN <= self.quality <= QUALITY_MAX:
            raise ValueError(
                f"Quality must be from {QUALITY_MIN} to {QUALITY_MAX}, not {self.quality}."
            )
