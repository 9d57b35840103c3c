"""Numbers of images a description states in words a designer writes, English and German.

The model wants one count, stated once, equal to ``sequential_image_generation_options``. A
description that says "four steps" or "zwölf Motive" while the count is 3 asks for two different
series; :func:`count_conflict` finds the first such number so the window can offer to set the
count to it or to drop the words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ENGLISH_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15,
}  # fmt: skip
# Umlauts also as designers type them without a German keyboard ("fuenf", "zwoelf", "funf").
GERMAN_NUMBERS = {
    "eins": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "fuenf": 5, "funf": 5, "sechs": 6,
    "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "zwoelf": 12,
    "zwolf": 12, "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15, "fuenfzehn": 15,
    "funfzehn": 15,
}  # fmt: skip
_NUMBERS = {**ENGLISH_NUMBERS, **GERMAN_NUMBERS}

_ENGLISH_NOUNS = (
    "images?|pictures?|frames?|panels?|steps?|shots?|variations?|views?|scenes?|photos?"
    "|illustrations?|stages?|versions?|poses?|angles?|variants?"
)
# German nouns also end compounds ("Einzelbilder", "Produktfotos", "Zwischenschritte").
_GERMAN_NOUNS = (
    r"\w*(?:bilder|bild|motive|motiv|fotos|foto|ansichten|ansicht|varianten|variante"
    r"|schritte|schritt|szenen|szene|aufnahmen|stufen|phasen|panels)"
)
_NUMBER = rf"(?P<n>\d{{1,2}}|{'|'.join(sorted(_NUMBERS, key=len, reverse=True))})"
# A number, at most two words between ("four small steps", "vier kleine Bilder"), a noun.
_STATED = re.compile(
    rf"\b{_NUMBER}(?:[\s-]+[^\W\d]+){{0,2}}?[\s-]+(?P<noun>{_ENGLISH_NOUNS}|{_GERMAN_NOUNS})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class StatedCount:
    """A number of images the text states, and where (``start``/``end`` of the words)."""

    number: int
    start: int
    end: int


def number_value(token: str) -> int:
    """``"4"``, ``"four"`` or ``"vier"`` → 4."""
    return int(token) if token.isdigit() else _NUMBERS[token.lower()]


def stated_numbers(text: str) -> list[StatedCount]:
    """Every "number + image noun" in ``text``, in order."""
    return [
        StatedCount(number_value(m.group("n")), m.start(), m.end()) for m in _STATED.finditer(text)
    ]


def count_conflict(text: str, count: int) -> StatedCount | None:
    """The first number of images ``text`` states that is not ``count``; None when they agree."""
    return next((found for found in stated_numbers(text) if found.number != count), None)


# A count statement's own verb and "of" go with it: "Generate 4 images of a fox" → "a fox".
_VERB_BEFORE = re.compile(
    r"\b(?:generate|create|make|render|draw|produce|erstelle|erzeuge|generiere|zeichne)\s+$",
    re.IGNORECASE,
)
_OF_AFTER = re.compile(r"^\s+(?:of|von)\b", re.IGNORECASE)


def drop_stated(text: str, found: StatedCount) -> str:
    """``text`` without the words of ``found`` and the separator they leave dangling."""
    before, after = text[: found.start], text[found.end :]
    if verb := _VERB_BEFORE.search(before):
        before = before[: verb.start()]
        after = _OF_AFTER.sub("", after, count=1)
    before = re.sub(r"[\s,;:]+$", "", before) if not after.strip(" ,;:") else before.rstrip()
    after = re.sub(r"^[\s,;:]+", " " if before and after.strip(" ,;:") else "", after)
    return (before + after).strip()
