"""File names from a template, safe on Windows, macOS and Linux whatever the prompt holds.

Decisions:
- Emoji and other letters of any script are kept: all three systems store them, and a designer's
  prompt in Japanese should give a Japanese name. Limits are counted in UTF-8 bytes (Linux, macOS)
  and characters (a proxy for Windows' 255 UTF-16 units), so emoji cannot push a name over.
- Names never hold a folder: every separator, wherever it comes from, becomes ``_``.
- A name that would be a Windows device (``CON``, ``nul.txt`` …) gets a leading ``_``.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from seedream_desktop.api.models import ImageFormat
from seedream_desktop.core.export.metadata import SIDECAR_SUFFIX, can_embed
from seedream_desktop.core.export.options import ExportFormat, ExportOptions
from seedream_desktop.core.models import ImageRecord

# Room is left under the 255-byte limit of common file systems for " (999)", ".webp" and ".json".
MAX_STEM_BYTES = 180
MAX_STEM_CHARS = 120
PROMPT_TOKEN_CHARS = 60
FALLBACK_STEM = "image"

TOKENS: dict[str, str] = {
    "date": "creation date, 2025-01-31",
    "time": "creation time, 142501",
    "prompt": "the prompt's first words",
    "seed": "the seed (“random” if none was set)",
    "index": "position in its series, 01, 02 …",
    "request": "first 8 characters of the request id",
    "aspect": "aspect ratio, 16x9",
    "mode": "prompt mode, fast or standard",
    "job": "job number",
    "n": "running number in this export, 01, 02 …",
}

_TOKEN_RE = re.compile(r"\{(\w*)\}")
_FORBIDDEN = frozenset('<>:"/\\|?*')
_ZWJ = "\u200d"
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$"}
    | {f"{dev}{digit}" for dev in ("COM", "LPT") for digit in "0123456789¹²³"}
)
# The app sends "Generate 3 images of <description>": the description is what names a file.
_LEAD_RE = re.compile(r"^\s*generate\s+\d+\s+images?(?:\s+of\b)?\s*[.:,-]?\s*", re.IGNORECASE)


class TemplateError(ValueError):
    """The name template cannot be used; ``str(err)`` is the message to show (in English).

    ``unknown`` is the first token the template names that does not exist, ``None`` when the
    template is empty: what the window needs to say the same in its own language.
    """

    def __init__(self, message: str, unknown: str | None = None) -> None:
        super().__init__(message)
        self.unknown = unknown


def validate_template(template: str) -> None:
    if not template.strip():
        raise TemplateError("The name template is empty. Try {date}_{prompt}_{index}.")
    unknown = [t for t in _TOKEN_RE.findall(template) if t not in TOKENS]
    if unknown:
        known = " ".join(f"{{{t}}}" for t in TOKENS)
        raise TemplateError(
            f"Unknown token {{{unknown[0]}}}. Tokens you can use: {known}.", unknown[0]
        )


def render_stem(template: str, image: ImageRecord, n: int = 1, total: int = 1) -> str:
    """The file name without extension for ``image``, the ``n``-th of ``total`` exported."""
    validate_template(template)
    values = _token_values(image, n, total)
    return safe_stem(_TOKEN_RE.sub(lambda m: values[m.group(1)], template))


def _token_values(image: ImageRecord, n: int, total: int) -> dict[str, str]:
    created = image.created_at.astimezone() if image.created_at.tzinfo else image.created_at
    width = max(2, len(str(total)))
    return {
        "date": created.strftime("%Y-%m-%d"),
        "time": created.strftime("%H%M%S"),
        "prompt": _prompt_words(image.prompt),
        "seed": "random" if image.seed is None else str(image.seed),
        "index": f"{image.index + 1:02d}",
        "request": _clean(image.request_id or "norequest")[:8],
        "aspect": image.aspect.label.replace(":", "x"),
        "mode": image.mode.value,
        "job": str(image.job_id),
        "n": f"{n:0{width}d}",
    }


def _prompt_words(prompt: str) -> str:
    # Separators inside a prompt ("red/blue", "snow: night") read best as word breaks.
    text = _LEAD_RE.sub("", prompt, count=1)
    words = _clean("".join(" " if ch in _FORBIDDEN else ch for ch in text)).split()
    kept: list[str] = []
    for word in words:
        if kept and len("-".join([*kept, word])) > PROMPT_TOKEN_CHARS:
            break
        kept.append(word[:PROMPT_TOKEN_CHARS])
    return "-".join(kept) or "untitled"


def _clean(text: str) -> str:
    """Characters no system accepts (or that mislead, like bidi overrides) become ``_`` or space."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        category = unicodedata.category(char)
        if char in _FORBIDDEN:
            out.append("_")
        elif category in ("Cc", "Zl", "Zp", "Zs") or char.isspace():
            out.append(" ")
        elif category in ("Cf", "Cs") and char != _ZWJ:
            continue
        else:
            out.append(char)
    return "".join(out)


def safe_stem(text: str) -> str:
    """A valid file name stem on every system, within the byte and character limits."""
    stem = " ".join(_clean(text).split())
    stem = _trim_edges(_truncate(_trim_edges(stem)))
    if not stem:
        return FALLBACK_STEM
    if stem.split(".", 1)[0].rstrip(" ").upper() in _RESERVED:
        stem = "_" + stem
    return stem


def _trim_edges(stem: str) -> str:
    # Leading dots hide a file (and ".." means the parent); trailing dots and spaces are dropped by
    # Windows, which would make two different names the same file.
    return stem.lstrip(". ").rstrip(". ")


def _truncate(stem: str) -> str:
    stem = stem[:MAX_STEM_CHARS]
    while len(stem.encode("utf-8")) > MAX_STEM_BYTES:
        stem = stem[:-1]
    if stem == "":
        return stem
    # A cut may split an emoji sequence: drop what cannot stand alone at the end.
    while stem and (stem[-1] == _ZWJ or unicodedata.category(stem[-1]) in ("Mn", "Me")):
        stem = stem[:-1]
    flags = len(stem) - len(stem.rstrip("".join(map(chr, range(0x1F1E6, 0x1F200)))))
    return stem[:-1] if flags % 2 else stem


def numbered(stem: str, k: int) -> str:
    """The ``k``-th candidate for a stem: ``name``, ``name (2)``, ``name (3)`` …"""
    return stem if k <= 1 else f"{stem} ({k})"


def output_format(fmt: ExportFormat, source: ImageFormat) -> ImageFormat:
    """The format of the written file; ``source`` is what the original bytes are."""
    return source if fmt is ExportFormat.ORIGINAL else ImageFormat(fmt.value)


def writes_sidecar(options: ExportOptions, written: ImageFormat) -> bool:
    return options.sidecar and not can_embed(written)


@dataclass(frozen=True, slots=True)
class PlannedName:
    image: ImageRecord
    name: str  # file name with extension, as it would be written now


def plan_names(
    images: Sequence[ImageRecord], options: ExportOptions, limit: int | None = None
) -> list[PlannedName]:
    """The names an export would write, duplicates and existing files accounted for.

    Used for the live preview; the export itself reserves each name on disk when it writes it, so
    a file appearing in between still never gets overwritten.
    """
    taken: set[str] = set()
    planned = []
    for n, image in enumerate(images[:limit] if limit is not None else images, start=1):
        stem = render_stem(options.template, image, n, len(images))
        fmt = output_format(options.format, image.format)
        extras = (SIDECAR_SUFFIX,) if writes_sidecar(options, fmt) else ()
        name = first_free(options.destination, stem, fmt.extension, extras, taken)
        taken.add(name.casefold())
        taken.update((name + extra).casefold() for extra in extras)
        planned.append(PlannedName(image, name))
    return planned


def first_free(
    folder: Path, stem: str, ext: str, extras: Iterable[str] = (), taken: Iterable[str] = ()
) -> str:
    """The first numbered name whose file (and companions) exist neither on disk nor in ``taken``.

    ``taken`` holds case-folded names: Windows and macOS treat ``A.png`` and ``a.png`` as one file.
    """
    taken_set = set(taken)
    k = 1
    while True:
        name = numbered(stem, k) + ext
        names = [name, *(name + extra for extra in extras)]
        if not any(n.casefold() in taken_set or os.path.lexists(folder / n) for n in names):
            return name
        k += 1
