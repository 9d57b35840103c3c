"""Typed request parameters for ``bytedance/seedream-4-0/sequential``.

The model's schema (RunComfy's Model API documentation) is small but strict: the prompt must say
how many images to make, and that number must equal ``sequential_image_generation_options``. This
module validates in words a designer understands and serialises to the exact JSON body.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from seedream_desktop.api.count_words import ENGLISH_NUMBERS

MODEL_ID = "bytedance/seedream-4-0/sequential"
PROMPT_MAX_CHARS = 600
COUNT_MIN = 1
COUNT_MAX = 15
# The schema gives no bounds for the seed. Upstream Seedream accepts -1 (random) … 2^31-1; we only
# send explicit non-negative seeds, so the documented range is 0 … 2^31-1.
SEED_MIN = 0
SEED_MAX = 2**31 - 1


class ParamsError(ValueError):
    """A parameter a designer chose is not acceptable; ``str(err)`` is the message to show."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class AspectRatio(Enum):
    """The 8 presets of the schema. ``value`` is the exact enum string the API expects."""

    SQUARE = "2048:2048 (1:1)"
    LANDSCAPE_4_3 = "2304:1728 (4:3)"
    PORTRAIT_3_4 = "1728:2304 (3:4)"
    WIDE_16_9 = "2560:1440 (16:9)"
    TALL_9_16 = "1440:2560 (9:16)"
    LANDSCAPE_3_2 = "2496:1664 (3:2)"
    PORTRAIT_2_3 = "1664:2496 (2:3)"
    CINEMA_21_9 = "3024:1296 (21:9)"

    @property
    def width(self) -> int:
        return int(self.value.split(":", 1)[0])

    @property
    def height(self) -> int:
        return int(self.value.split(":", 1)[1].split(" ", 1)[0])

    @property
    def label(self) -> str:
        """The ratio as designers say it, e.g. ``16:9``."""
        return self.value.split("(", 1)[1].rstrip(")")

    @property
    def pixel_size(self) -> tuple[int, int]:
        return (self.width, self.height)

    @classmethod
    def from_label(cls, text: str) -> AspectRatio:
        """Accept ``16:9`` or the full API value ``2560:1440 (16:9)``."""
        wanted = text.strip()
        for ratio in cls:
            if wanted in (ratio.label, ratio.value):
                return ratio
        labels = ", ".join(r.label for r in cls)
        raise ParamsError("aspect", f"Unknown aspect ratio “{text}”. Choose one of {labels}.")


DEFAULT_ASPECT = AspectRatio.WIDE_16_9


class PromptMode(Enum):
    """``optimize_prompt_options``: how the service rewrites the prompt before generating."""

    FAST = "fast"
    STANDARD = "standard"

    @classmethod
    def parse(cls, text: str) -> PromptMode:
        try:
            return cls(text.strip().lower())
        except ValueError:
            raise ParamsError("mode", f"Unknown mode “{text}”. Choose fast or standard.") from None


_COUNT_WORDS = ENGLISH_NUMBERS
_NOUNS = r"(?:images?|pictures?|variations?|frames?|panels?|shots?|illustrations?|photos?)"
_VERBS = r"(?:generate|create|make|render|draw|produce)"
# "Generate 4 cinematic images", "create twelve photos": a number, up to three words, a noun.
_COUNT_RE = re.compile(
    rf"\b{_VERBS}\s+(?P<n>\d{{1,3}}|{'|'.join(_COUNT_WORDS)})\s+(?:[\w-]+\s+){{0,3}}?{_NOUNS}\b",
    re.IGNORECASE,
)
# "Generate an image of …", "make a single picture": exactly one.
_SINGLE_RE = re.compile(
    rf"\b{_VERBS}\s+(?:an?|a\s+single|one)\s+(?:[\w-]+\s+)?(?:image|picture|photo)\b",
    re.IGNORECASE,
)
# A count statement the designer typed at the start, replaced by the app's own.
_LEAD_RE = re.compile(
    rf"^\s*{_VERBS}\s+(?:\d{{1,3}}|an?|{'|'.join(_COUNT_WORDS)})\s+{_NOUNS}(?:\s+of)?[\s:,-]*",
    re.IGNORECASE,
)


def stated_counts(prompt: str) -> list[int]:
    """Every image count the prompt states (``Generate 3 images of …`` → [3]), in order."""
    counts = []
    for match in _COUNT_RE.finditer(prompt):
        token = match.group("n").lower()
        counts.append(int(token) if token.isdigit() else _COUNT_WORDS[token])
    if _SINGLE_RE.search(prompt):
        counts.append(1)
    return counts


@dataclass(frozen=True, slots=True)
class Style:
    """A named snippet the designer saved ("soft watercolour, paper texture"), sent last."""

    name: str
    text: str


def compose_prompt(
    description: str,
    count: int,
    *,
    frames: Sequence[str] = (),
    styles: Sequence[Style] = (),
) -> str:
    """The exact text sent: the designer's description led by ``Generate N images of``.

    A leading count statement the designer typed (``Generate 5 images of``) is replaced, so the
    number always equals the count and is never stated twice. With ``frames`` (one line per
    image; ``count`` is then their number) the frames follow, numbered as the model reads a
    series: ``Generate 2 images of a fox: image 1: asleep; image 2: awake``. The texts of
    ``styles`` close the text.
    """
    body = _LEAD_RE.sub("", description.strip(), count=1).strip()
    noun = "image" if count == 1 else "images"
    first, sep, rest = body.partition(" ")
    if first in {"A", "An", "The"}:
        body = first.lower() + sep + rest
    text = f"Generate {count} {noun} of {body}" if body else f"Generate {count} {noun}"
    if frames:
        listed = "; ".join(f"image {i}: {frame.strip()}" for i, frame in enumerate(frames, 1))
        text = f"{text.rstrip(' .,;:')}: {listed}"
    closing = _styles_closing(styles)
    if closing:
        text = text.rstrip(" .,;:") + closing
    elif not body and not frames:
        text += "."
    return text


def _styles_closing(styles: Sequence[Style]) -> str:
    texts = [style.text.strip() for style in styles if style.text.strip()]
    return f". Style: {'; '.join(texts)}" if texts else ""


def without_styles(prompt: str, styles: Sequence[Style]) -> str | None:
    """``prompt`` without the closing ``compose_prompt`` wrote for ``styles``; None if it does
    not end with it (a style's text changed since)."""
    closing = _styles_closing(styles)
    if not closing:
        return prompt
    return prompt[: -len(closing)] if prompt.endswith(closing) else None


@dataclass(frozen=True, slots=True)
class GenerationParams:
    """One request. ``prompt`` is the exact text sent (already stating the count).

    ``description`` (what the designer wrote, before the app composed it: offered again as
    prompt history) and ``styles`` (the names of the styles that were on) are recorded with
    the job; neither is sent.
    """

    prompt: str
    count: int = 3
    aspect: AspectRatio = DEFAULT_ASPECT
    mode: PromptMode = PromptMode.FAST
    seed: int | None = None
    description: str = ""
    styles: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        validate_prompt(self.prompt)
        validate_count(self.count)
        if not isinstance(self.aspect, AspectRatio):
            raise ParamsError("aspect", "Choose one of the eight aspect ratios.")
        if not isinstance(self.mode, PromptMode):
            raise ParamsError("mode", "Choose fast or standard mode.")
        if self.seed is not None:
            validate_seed(self.seed)
        said = next((n for n in stated_counts(self.prompt) if n != self.count), None)
        if said is not None:
            raise ParamsError(
                "prompt",
                f"The prompt asks for {said} images but the count is {self.count}; "
                "they must match.",
            )

    @classmethod
    def from_description(
        cls,
        description: str,
        count: int = 3,
        aspect: AspectRatio = DEFAULT_ASPECT,
        mode: PromptMode = PromptMode.FAST,
        seed: int | None = None,
        *,
        frames: Sequence[str] = (),
        styles: Sequence[Style] = (),
    ) -> GenerationParams:
        """Build from what a designer typed: the count statement is added or corrected."""
        if not description.strip() and not any(frame.strip() for frame in frames):
            raise ParamsError("prompt", "Write a prompt first: it is empty.")
        validate_count(count)
        if frames and count != len(frames):
            raise ParamsError(
                "count",
                f"There are {len(frames)} frames but the count is {count}; they must match.",
            )
        empty = next((i for i, frame in enumerate(frames, 1) if not frame.strip()), None)
        if empty is not None:
            raise ParamsError("prompt", f"Frame {empty} is empty: describe it or remove it.")
        prompt = compose_prompt(description, count, frames=frames, styles=styles)
        names = tuple(style.name for style in styles)
        return cls(prompt, count, aspect, mode, seed, description.strip(), names)

    def to_json(self) -> dict[str, Any]:
        """The exact request body of the schema."""
        body: dict[str, Any] = {
            "text": self.prompt,
            "sequential_image_generation_options": self.count,
            "image_size": self.aspect.value,
            "optimize_prompt_options": self.mode.value,
            "sequential_image_generation": "auto",
        }
        if self.seed is not None:
            body["seed"] = self.seed
        return body

    @classmethod
    def from_json(cls, body: dict[str, Any]) -> GenerationParams:
        """Parse a request body (used by the emulator and when re-reading a stored job)."""
        try:
            aspect = AspectRatio(body.get("image_size", DEFAULT_ASPECT.value))
        except ValueError:
            raise ParamsError("aspect", f"Unknown image_size {body.get('image_size')!r}.") from None
        text = body.get("text")
        if not isinstance(text, str):
            raise ParamsError("prompt", "The prompt (text) is missing.")
        count = body.get("sequential_image_generation_options", 3)
        if not isinstance(count, int) or isinstance(count, bool):
            raise ParamsError("count", "The image count must be a whole number from 1 to 15.")
        seed = body.get("seed")
        if seed is not None and (not isinstance(seed, int) or isinstance(seed, bool)):
            raise ParamsError("seed", "The seed must be a whole number.")
        return cls(
            prompt=text,
            count=count,
            aspect=aspect,
            mode=PromptMode.parse(str(body.get("optimize_prompt_options", "fast"))),
            seed=seed,
        )


def random_seed() -> int:
    """A seed for a request that names none."""
    import secrets  # here: its hashing modules cost the read-only commands' start ~5 ms

    return SEED_MIN + secrets.randbelow(SEED_MAX - SEED_MIN + 1)


def new_request(
    description: str,
    *,
    count: int,
    aspect: AspectRatio = DEFAULT_ASPECT,
    mode: PromptMode = PromptMode.FAST,
    seed: int | None = None,
    frames: Sequence[str] = (),
    styles: Sequence[Style] = (),
    draw_seed: Callable[[], int] = random_seed,
) -> GenerationParams:
    """The request the window and the CLI send for what a designer typed and chose.

    Seed policy: without a fixed seed, a random one is drawn here and sent, so it is recorded
    with the job and every image can be made again ("Use this seed", ``--seed``).
    """
    return GenerationParams.from_description(
        description,
        count,
        aspect,
        mode,
        draw_seed() if seed is None else seed,
        frames=frames,
        styles=styles,
    )


def validate_prompt(prompt: str) -> None:
    if not isinstance(prompt, str) or not prompt.strip():
        raise ParamsError("prompt", "Write a prompt first: it is empty.")
    if len(prompt) > PROMPT_MAX_CHARS:
        raise ParamsError(
            "prompt", f"Prompt is {len(prompt)} characters; the limit is {PROMPT_MAX_CHARS}."
        )
    try:
        prompt.encode("utf-8")
    except UnicodeEncodeError as exc:
        # A lone surrogate (half an emoji, from a broken paste) cannot go into a UTF-8 body.
        raise ParamsError(
            "prompt",
            f"The prompt contains a character that cannot be sent (at position {exc.start + 1}) "
            "— delete it or type it again.",
        ) from None


def validate_count(count: int) -> None:
    if not isinstance(count, int) or isinstance(count, bool) or not COUNT_MIN <= count <= COUNT_MAX:
        raise ParamsError(
            "count", f"Number of images must be from {COUNT_MIN} to {COUNT_MAX}, not {count}."
        )


def validate_seed(seed: int) -> None:
    if not isinstance(seed, int) or isinstance(seed, bool) or not SEED_MIN <= seed <= SEED_MAX:
        raise ParamsError(
            "seed", f"Seed must be a whole number from {SEED_MIN} to {SEED_MAX:,}, not {seed}."
        )
