"""The metadata that travels with an exported image, and how each format carries it.

PNG: one text chunk per field plus an A1111-style ``parameters`` chunk. JPEG: one COM segment per
field plus ``parameters`` in EXIF UserComment. WebP: nothing inside the file; a JSON sidecar
``name.webp.json`` holds the same fields.
"""

from __future__ import annotations

import json
from pathlib import Path

from seedream_desktop import APP_NAME, __version__
from seedream_desktop.api.image_format import sniff_format
from seedream_desktop.api.models import ImageFormat
from seedream_desktop.api.params import MODEL_ID
from seedream_desktop.core.export import jpeg_text, png_text
from seedream_desktop.core.models import Flag, ImageRecord

SIDECAR_SUFFIX = ".json"
PARAMETERS_KEY = "parameters"


def image_metadata(image: ImageRecord) -> dict[str, str]:
    """Field → text, in a stable order. Unknown values (no seed, no request id) are left out."""
    fields = {
        "prompt": image.prompt,
        "seed": None if image.seed is None else str(image.seed),
        "model": MODEL_ID,
        "aspect": image.aspect.label,
        "mode": image.mode.value,
        "styles": styles_text(image),
        "request_id": image.request_id,
        "created_at": image.created_at.isoformat(),
        "width": str(image.width),
        "height": str(image.height),
        "job_id": str(image.job_id),
        "index": str(image.index),
        "rating": _rating(image),
        "pick": _pick(image),
        "Software": f"{APP_NAME} {__version__}",  # the PNG spec's own keyword
        PARAMETERS_KEY: a1111_parameters(image),
    }
    return {key: value for key, value in fields.items() if value is not None}


def a1111_parameters(image: ImageRecord) -> str:
    """``<prompt>\\n<Key: value, …>`` as AUTOMATIC1111 writes it, so image browsers show it.

    Seedream has no steps, sampler or CFG scale: those keys are left out rather than invented.
    """
    pairs = {
        "Seed": None if image.seed is None else str(image.seed),
        "Size": f"{image.width}x{image.height}",
        "Model": MODEL_ID,
        "Aspect": image.aspect.label,
        "Mode": image.mode.value,
        "Styles": styles_text(image),
        "Request id": image.request_id,
        "Created": image.created_at.isoformat(),
        "Rating": _rating(image),
        "Pick": _pick(image),
        "Version": f"{APP_NAME} {__version__}",
    }
    line = ", ".join(f"{k}: {_quote(v)}" for k, v in pairs.items() if v is not None)
    return f"{image.prompt}\n{line}"


def styles_text(image: ImageRecord) -> str | None:
    """The names of the styles that were on for the image's job; None when there were none."""
    return "; ".join(image.styles) if image.styles else None


def _rating(image: ImageRecord) -> str | None:
    """Stars as a digit, as XMP's Rating; left out when not rated."""
    return str(image.rating) if image.rating else None


def _pick(image: ImageRecord) -> str | None:
    """``picked`` or ``rejected``, the stored Flag value (never translated); left out if none."""
    return None if image.flag is Flag.NONE else image.flag.value


def _quote(value: str) -> str:
    # A1111's rule: a value holding a separator is written as a JSON string.
    if any(ch in value for ch in ",:\n"):
        return json.dumps(value, ensure_ascii=False)
    return value


def can_embed(fmt: ImageFormat) -> bool:
    return fmt in (ImageFormat.PNG, ImageFormat.JPEG)


def embed(data: bytes, fmt: ImageFormat, fields: dict[str, str]) -> bytes:
    """``data`` with ``fields`` written inside; unchanged for formats that cannot hold them."""
    if fmt is ImageFormat.PNG:
        return png_text.insert_text(data, fields)
    if fmt is ImageFormat.JPEG:
        return jpeg_text.insert_text(data, fields, user_comment=fields.get(PARAMETERS_KEY))
    return data


def sidecar_bytes(fields: dict[str, str]) -> bytes:
    return (json.dumps(fields, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def sidecar_path(image_path: Path) -> Path:
    return image_path.with_name(image_path.name + SIDECAR_SUFFIX)


def read_metadata(path: Path) -> dict[str, str]:
    """What an export wrote for ``path``: text inside the image, else its JSON sidecar.

    Raises ``OSError`` if the image cannot be read, ``ValueError`` if it is damaged.
    """
    data = Path(path).read_bytes()
    fmt = sniff_format(data)
    found: dict[str, str] = {}
    if fmt is ImageFormat.PNG:
        found = png_text.read_text(data)
    elif fmt is ImageFormat.JPEG:
        found = jpeg_text.read_text(data)
    if found:
        return found
    sidecar = sidecar_path(Path(path))
    if sidecar.is_file():
        loaded = json.loads(sidecar.read_text(encoding="utf-8"))
        if isinstance(loaded, dict):
            return {str(k): str(v) for k, v in loaded.items()}
    return {}
