"""The translation sources keep up with the code, every text is translated, and the .qm files
the app loads are compiled from exactly those sources."""

from __future__ import annotations

import importlib.util
import re
import shutil
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]


def _translations_tool() -> ModuleType:
    path = REPO / "packaging" / "translations.py"
    spec = importlib.util.spec_from_file_location("translations", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


tool = _translations_tool()
FIX = "run `make translations`, translate what it marks unfinished, and commit both"
# What a translation must carry over from its source: arguments, plural counts, the {detail}
# the job wording fills in, markup and line breaks.
PLACEHOLDERS = re.compile(r"%L?n|%[1-9]|\{\w+\}|<[^>]+>|\n")
MNEMONIC = re.compile(r"(?<!&)&(?!&)")


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    numerus: bool
    kind: str | None  # the translation's type: None when finished
    forms: tuple[str, ...]


def messages(ts: Path) -> list[Message]:
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            forms = [f.text or "" for f in translation.iter("numerusform")]
            found.append(
                Message(
                    name,
                    message.findtext("source") or "",
                    message.get("numerus") == "yes",
                    translation.get("type"),
                    tuple(forms) if forms else (translation.text or "",),
                )
            )
    return found


@pytest.mark.parametrize("code", tool.LANGUAGES)
def test_the_sources_list_exactly_the_texts_of_the_code(code: str, tmp_path: Path) -> None:
    committed = tool.ts_file(code)
    updated = tool.ts_file(code, tmp_path)
    shutil.copy(committed, updated)
    tool.lupdate(updated, code)
    assert updated.read_text("utf-8") == committed.read_text("utf-8"), (
        f"{committed.name} is behind the code (new, changed or removed texts): {FIX}"
    )


@pytest.mark.parametrize("code", tool.LANGUAGES)
def test_every_text_is_translated(code: str) -> None:
    found = messages(tool.ts_file(code))
    assert found
    unfinished = [m for m in found if m.kind is not None or not all(f.strip() for f in m.forms)]
    assert not unfinished, f"not translated in {code}: " + "; ".join(
        f"{m.context}: {m.source!r}" for m in unfinished
    )
    for message in found:
        # German and English have two plural forms: one, and everything else.
        assert len(message.forms) == (2 if message.numerus else 1), message


@pytest.mark.parametrize("code", tool.LANGUAGES)
def test_translations_keep_the_placeholders_and_the_mnemonic(code: str) -> None:
    for message in messages(tool.ts_file(code)):
        wanted = sorted(PLACEHOLDERS.findall(message.source))
        for form in message.forms:
            assert sorted(PLACEHOLDERS.findall(form)) == wanted, (message.source, form)
            has_mnemonic = bool(MNEMONIC.search(message.source))
            assert bool(MNEMONIC.search(form)) == has_mnemonic, (message.source, form)


def test_plural_texts_count_with_the_locale() -> None:
    """``%Ln``, not ``%n``: 10,000 images read "10.000 Bilder" in German."""
    sources = [m.source for m in messages(tool.ts_file("de")) if m.numerus]
    assert sources
    assert all("%Ln" in source for source in sources), [s for s in sources if "%Ln" not in s]


@pytest.mark.parametrize("code", tool.LANGUAGES)
def test_the_compiled_files_match_the_sources(code: str, tmp_path: Path) -> None:
    compiled = tool.QM_DIR / f"seedream_{code}.qm"
    fresh = tmp_path / compiled.name
    tool.lrelease(tool.ts_file(code), fresh)
    assert compiled.read_bytes() == fresh.read_bytes(), f"{compiled.name} is stale: {FIX}"
