"""Contact sheets read back as a client gets them: pages, embedded images, text, paper."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QLocale
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from seedream_desktop.core.contact_sheet import (
    ContactSheetError,
    caption,
    sections_of,
    write_contact_sheet,
)
from seedream_desktop.core.library import Library
from seedream_desktop.core.models import Flag, ImageQuery
from seedream_desktop.core.series_actions import sheet_sections
from tests.support.library import add_series

US = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
GERMANY = QLocale(QLocale.Language.German, QLocale.Country.Germany)
POINTS = 72  # PDF units per inch


def _text(reader: PdfReader) -> str:
    return " ".join(_words(page.extract_text()) for page in reader.pages)


def _words(text: str) -> str:
    # pypdf separates words with tabs or spaces, and gives the font's ligatures (ﬁ): compare
    # the words as typed.
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _page_inches(reader: PdfReader) -> tuple[float, float]:
    box = reader.pages[0].mediabox
    return round(float(box.width) / POINTS, 1), round(float(box.height) / POINTS, 1)


def test_a_series_sheet_holds_every_image_its_prompt_and_captions(
    qapp: QApplication, lib: Library, tmp_path: Path
) -> None:
    images = add_series(lib, "a lighthouse at dusk", 15, seed=4242)
    lib.set_rating([images[2].id], 4)
    lib.set_flag([images[2].id], Flag.PICKED)

    sheet = write_contact_sheet(
        sheet_sections(lib, ImageQuery(job_id=images[0].job_id)), tmp_path / "sheet.pdf", locale=US
    )

    reader = PdfReader(sheet)
    assert len(reader.pages) > 1  # 15 images do not fit one page
    assert sum(len(page.images) for page in reader.pages) == 15
    text = _text(reader)
    assert "Generate 15 images of a lighthouse at dusk" in text
    assert "Series 1" in text
    assert "#1 · seed 4242" in text and "#15 · seed 4242" in text
    assert "#3 · seed 4242 · ★★★★☆ · picked" in text


def test_a_selection_starts_each_series_with_its_own_prompt(
    qapp: QApplication, lib: Library, tmp_path: Path
) -> None:
    fox = add_series(lib, "a red fox", 3)
    owl = add_series(lib, "an owl at night", 2)
    lib.set_flag([fox[0].id, owl[1].id], Flag.PICKED)

    sheet = write_contact_sheet(
        sheet_sections(lib, ImageQuery(picked_only=True)), tmp_path / "picked.pdf", locale=US
    )

    reader = PdfReader(sheet)
    assert [len(page.images) for page in reader.pages] == [1, 1]
    first, second = (_words(page.extract_text()) for page in reader.pages)
    assert "an owl at night" in first and "#2" in first
    assert "a red fox" in second and "#1" in second


@pytest.mark.parametrize(
    ("locale", "inches"),
    [(US, (11.0, 8.5)), (GERMANY, (11.7, 8.3)), (QLocale("en_CA"), (11.0, 8.5))],
)
def test_the_paper_is_the_locales_in_landscape(
    qapp: QApplication, lib: Library, tmp_path: Path, locale: QLocale, inches: tuple[float, float]
) -> None:
    images = add_series(lib, "a kite", 1)
    sheet = write_contact_sheet(sections_of(images), tmp_path / "sheet.pdf", locale=locale)
    assert _page_inches(PdfReader(sheet)) == inches


def test_a_png_sheet_is_one_image_as_tall_as_its_rows(
    qapp: QApplication, lib: Library, tmp_path: Path
) -> None:
    few = write_contact_sheet(sections_of(add_series(lib, "a kite", 4)), tmp_path / "few.png")
    many = write_contact_sheet(sections_of(add_series(lib, "a boat", 12)), tmp_path / "many.png")
    short, tall = QImage(str(few)), QImage(str(many))
    assert not short.isNull() and short.width() == tall.width()
    assert tall.height() > 2 * short.height() * 0.8


def test_an_existing_file_is_never_replaced_and_nothing_is_left_behind(
    qapp: QApplication, lib: Library, tmp_path: Path
) -> None:
    out = tmp_path / "sheet.pdf"
    out.write_bytes(b"the client's copy")
    with pytest.raises(ContactSheetError, match="exists already"):
        write_contact_sheet(sections_of(add_series(lib, "a kite", 2)), out)
    assert out.read_bytes() == b"the client's copy"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["library", "sheet.pdf"]


@pytest.mark.parametrize("name", ["sheet.jpg", "sheet"])
def test_only_pdf_or_png_is_written(
    qapp: QApplication, lib: Library, tmp_path: Path, name: str
) -> None:
    with pytest.raises(ContactSheetError, match=r"\.pdf or a \.png"):
        write_contact_sheet(sections_of(add_series(lib, "a kite", 1)), tmp_path / name)


def test_nothing_to_show_is_refused(qapp: QApplication, tmp_path: Path) -> None:
    with pytest.raises(ContactSheetError, match="no images"):
        write_contact_sheet([], tmp_path / "sheet.pdf")
    assert not (tmp_path / "sheet.pdf").exists()


def test_a_missing_file_is_named_on_the_sheet_instead_of_failing_it(
    qapp: QApplication, lib: Library, tmp_path: Path
) -> None:
    images = add_series(lib, "a kite", 2)
    images[1].path.unlink()
    reader = PdfReader(write_contact_sheet(sections_of(images), tmp_path / "sheet.pdf"))
    assert sum(len(page.images) for page in reader.pages) == 1
    assert "image file missing" in _text(reader)


def test_a_caption_is_number_seed_stars_and_pick(lib: Library) -> None:
    (image,) = add_series(lib, "a kite", 1, seed=7)
    assert caption(image) == "#1 · seed 7"
    lib.set_rating([image.id], 2)
    lib.set_flag([image.id], Flag.REJECTED)
    stored = lib.image_by_id(image.id)
    assert stored is not None and caption(stored) == "#1 · seed 7 · ★★☆☆☆ · rejected"
