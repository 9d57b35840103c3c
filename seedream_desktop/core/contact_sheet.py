"""Contact sheets: a series or a selection laid out for a client, as a PDF or one PNG.

Each series starts with its full prompt and date, then its images in order, each captioned
with its number, seed and rating (and its pick). A PDF is landscape on the locale's paper (Letter
where it is the norm, else A4) and flows onto as many pages as it needs; a PNG is one tall sheet.
The file appears complete or not at all, and never replaces an existing one.

QtGui only (QPdfWriter, QPainter, QImage): runs without a window, in any thread.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QBuffer,
    QByteArray,
    QCoreApplication,
    QDateTime,
    QIODevice,
    QLocale,
    QMarginsF,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QImageReader,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)

from seedream_desktop.core.export.writer import write_new
from seedream_desktop.core.images import prepare_image_decoding
from seedream_desktop.core.models import Flag, ImageRecord, stars

#: The context the sheet's words are translated in; lupdate reads the literals marked below.
CONTEXT = "ContactSheet"
_WORDS = {
    "series": QT_TRANSLATE_NOOP("ContactSheet", "Series %1"),
    "continued": QT_TRANSLATE_NOOP("ContactSheet", "Series %1, continued"),
    "seed": QT_TRANSLATE_NOOP("ContactSheet", "seed %1"),
    "picked": QT_TRANSLATE_NOOP("ContactSheet", "picked"),
    "rejected": QT_TRANSLATE_NOOP("ContactSheet", "rejected"),
    "missing": QT_TRANSLATE_NOOP("ContactSheet", "image file missing"),
}

PDF_DPI = 200  # sharp enough to judge an image on paper, small enough to mail
PNG_WIDTH = 2400
COLUMNS = 4
# Countries that use Letter though their measurement system is metric.
_LETTER_COUNTRIES = frozenset(
    {QLocale.Country.Canada, QLocale.Country.Mexico, QLocale.Country.Philippines}
)


class SheetFormat(Enum):
    PDF = ".pdf"
    PNG = ".png"

    @classmethod
    def for_path(cls, path: Path) -> SheetFormat:
        for fmt in cls:
            if path.suffix.lower() == fmt.value:
                return fmt
        raise ContactSheetError(
            f"A contact sheet is a .pdf or a .png file, not {path.name!r}.",
            SheetProblem.NOT_PDF_OR_PNG,
        )


class SheetProblem(Enum):
    """Why a sheet was not written; the window words each kind in its language."""

    NOT_PDF_OR_PNG = "not_pdf_or_png"
    NO_IMAGES = "no_images"
    EXISTS = "exists"
    NO_FOLDER = "no_folder"
    NOT_ENCODED = "not_encoded"


class ContactSheetError(Exception):
    """A sheet that cannot be written, in words for the person who asked for it (English, as
    the command line speaks) and by ``problem``."""

    def __init__(self, message: str, problem: SheetProblem) -> None:
        super().__init__(message)
        self.problem = problem


@dataclass(frozen=True, slots=True)
class SheetSection:
    """One series on the sheet: its header and the images shown of it, in order."""

    job_id: int
    prompt: str
    created_at: datetime
    images: tuple[ImageRecord, ...]


def sections_of(images: Sequence[ImageRecord]) -> list[SheetSection]:
    """``images`` grouped by series, each in the order given (a selection keeps its order)."""
    groups: dict[int, list[ImageRecord]] = {}
    for image in images:
        groups.setdefault(image.job_id, []).append(image)
    return [
        SheetSection(job_id, group[0].prompt, group[0].created_at, tuple(group))
        for job_id, group in groups.items()
    ]


def page_size_for(locale: QLocale) -> QPageSize:
    """Letter where people print on it (the US system, and a few metric countries), else A4."""
    letter = (
        locale.measurementSystem() is QLocale.MeasurementSystem.ImperialUSSystem
        or locale.territory() in _LETTER_COUNTRIES
    )
    return QPageSize(QPageSize.PageSizeId.Letter if letter else QPageSize.PageSizeId.A4)


def write_contact_sheet(
    sections: Sequence[SheetSection], out: Path, *, locale: QLocale | None = None
) -> Path:
    """Write the sheet to ``out`` (its suffix says PDF or PNG) and return ``out``.

    Raises ``ContactSheetError`` for nothing to show, a wrong suffix or an existing ``out``,
    and ``OSError`` when the folder cannot be written; no partial file is left either way.
    """
    fmt = SheetFormat.for_path(out)
    if not any(section.images for section in sections):
        raise ContactSheetError(
            "There are no images to put on a contact sheet.", SheetProblem.NO_IMAGES
        )
    locale = locale or QLocale()
    prepare_image_decoding()
    data = _pdf(sections, locale) if fmt is SheetFormat.PDF else _png(sections, locale)

    def names_for(k: int) -> list[str]:
        if k > 1:
            raise ContactSheetError(
                f"{out} exists already: choose another name.", SheetProblem.EXISTS
            )
        return [out.name]

    folder = out.parent
    if not folder.is_dir():
        raise ContactSheetError(f"The folder {folder} does not exist.", SheetProblem.NO_FOLDER)
    return write_new(folder, names_for, [data])[0]


# Layout


@dataclass(frozen=True, slots=True)
class _Metrics:
    """Sizes in the paint device's pixels, from its width."""

    width: int

    @property
    def gap(self) -> int:
        return self.width // 80

    @property
    def cell(self) -> int:
        return (self.width - (COLUMNS - 1) * self.gap) // COLUMNS

    @property
    def caption(self) -> int:
        return self.width // 45

    def box(self, row: Sequence[ImageRecord]) -> int:
        """The height of a row's images: its tallest, fitted to the cell's width."""
        return max(_fitted(QSize(image.width, image.height), self.cell).height() for image in row)

    def row(self, row: Sequence[ImageRecord]) -> int:
        return self.box(row) + self.caption + self.gap


def _fonts(width: int) -> tuple[QFont, QFont, QFont]:
    """Title, prompt and caption fonts, sized by pixels so PDF and PNG look alike."""
    title, body, caption = QFont(), QFont(), QFont()
    title.setPixelSize(max(8, width // 55))
    title.setBold(True)
    body.setPixelSize(max(6, width // 80))
    caption.setPixelSize(max(6, width // 95))
    return title, body, caption


def _header(painter: QPainter, section: SheetSection, top: int, width: int, locale: QLocale) -> int:
    """Draw the section's title, date and full prompt at ``top``; return the y below it."""
    title_font, body_font, _ = _fonts(width)
    when = QDateTime.fromSecsSinceEpoch(int(section.created_at.timestamp()))
    date = locale.toString(when, QLocale.FormatType.LongFormat)
    title = f"{_word('series', section.job_id)} · {date}"
    painter.setFont(title_font)
    used = painter.boundingRect(QRect(0, top, width, 10_000), Qt.TextFlag.TextWordWrap, title)
    painter.drawText(used, Qt.TextFlag.TextWordWrap, title)
    painter.setFont(body_font)
    prompt_top = used.bottom() + width // 150
    flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft
    box = painter.boundingRect(QRect(0, prompt_top, width, 100_000), flags, section.prompt)
    painter.drawText(box, flags, section.prompt)
    return box.bottom() + width // 60


def _continued(painter: QPainter, section: SheetSection, top: int, width: int) -> int:
    painter.setFont(_fonts(width)[0])
    text = _word("continued", section.job_id)
    box = painter.boundingRect(QRect(0, top, width, 10_000), 0, text)
    painter.drawText(box, 0, text)
    return box.bottom() + width // 60


def _cell(
    painter: QPainter, image: ImageRecord, left: int, top: int, box: int, m: _Metrics
) -> None:
    """The image fitted into its cell, ``box`` high, its caption right below."""
    picture = _load(image.path, m.cell)
    if picture.isNull():
        painter.setPen(QColor(160, 0, 0))
        painter.drawText(
            QRect(left, top, m.cell, box), Qt.AlignmentFlag.AlignCenter, _word("missing")
        )
    else:
        x = left + (m.cell - picture.width()) // 2
        y = top + (box - picture.height()) // 2
        painter.drawImage(x, y, picture)
    painter.setPen(QColor(0, 0, 0))
    painter.setFont(_fonts(m.width)[2])
    painter.drawText(
        QRect(left, top + box, m.cell, m.caption),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        caption(image),
    )


def caption(image: ImageRecord) -> str:
    """``#3 · seed 42 · ★★★★☆ · picked``: number from 1, as the grid shows it."""
    parts = [f"#{image.index + 1}"]
    if image.seed is not None:
        parts.append(_word("seed", image.seed))
    if image.rating:
        parts.append(stars(image.rating))
    if image.flag is not Flag.NONE:
        parts.append(_word(image.flag.value))
    return " · ".join(parts)


def _load(path: Path, side: int) -> QImage:
    """The image scaled to fit ``side`` pixels, decoded at that size where the format can."""
    reader = QImageReader(str(path))
    size = reader.size()
    if size.isValid():
        reader.setScaledSize(_fitted(size, side))
    return reader.read()


def _fitted(size: QSize, side: int) -> QSize:
    """``size`` scaled to fit a ``side`` square (a square if the size is unknown)."""
    if size.isEmpty():
        return QSize(side, side)
    return size.scaled(QSize(side, side), Qt.AspectRatioMode.KeepAspectRatio)


def _rows(images: Sequence[ImageRecord]) -> Iterator[Sequence[ImageRecord]]:
    for start in range(0, len(images), COLUMNS):
        yield images[start : start + COLUMNS]


def _draw_rows(
    painter: QPainter, rows: Sequence[Sequence[ImageRecord]], top: int, m: _Metrics
) -> int:
    for row in rows:
        box = m.box(row)
        for column, image in enumerate(row):
            _cell(painter, image, column * (m.cell + m.gap), top, box, m)
        top += m.row(row)
    return top


# Devices


def _pdf(sections: Sequence[SheetSection], locale: QLocale) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_DPI)
    writer.setCreator("Seedream Desktop")
    writer.setPageLayout(
        QPageLayout(
            page_size_for(locale),
            QPageLayout.Orientation.Landscape,
            QMarginsF(12, 12, 12, 12),
            QPageLayout.Unit.Millimeter,
        )
    )
    area = writer.pageLayout().paintRectPixels(PDF_DPI)
    m = _Metrics(area.width())
    painter = QPainter(writer)
    try:
        for n, section in enumerate(sections):
            if n:
                _new_page(writer)
            top = _header(painter, section, 0, m.width, locale)
            rows = list(_rows(section.images))
            continued = False
            while rows:
                # A long prompt may fill its first page; a continued page always takes a row.
                fit = int(continued)
                bottom = top + sum(m.row(row) for row in rows[:fit])
                while fit < len(rows) and bottom + m.row(rows[fit]) <= area.height():
                    bottom += m.row(rows[fit])
                    fit += 1
                taken, rows = rows[:fit], rows[fit:]
                _draw_rows(painter, taken, top, m)
                if rows:
                    _new_page(writer)
                    top = _continued(painter, section, 0, m.width)
                    continued = True
    finally:
        painter.end()
    buffer.close()
    return data.data()


def _new_page(device: QPagedPaintDevice) -> None:
    if not device.newPage():
        raise ContactSheetError(
            "The PDF writer could not start a new page.", SheetProblem.NOT_ENCODED
        )


def _png(sections: Sequence[SheetSection], locale: QLocale) -> bytes:
    m = _Metrics(PNG_WIDTH - 2 * (PNG_WIDTH // 40))
    margin = PNG_WIDTH // 40
    # Headers drawn once on a scrap image to measure them: the sheet is as tall as its contents.
    probe = QImage(1, 1, QImage.Format.Format_RGB32)
    height = margin
    painter = QPainter(probe)
    try:
        for section in sections:
            height += _header(painter, section, 0, m.width, locale)
            height += sum(m.row(row) for row in _rows(section.images))
    finally:
        painter.end()
    sheet = QImage(PNG_WIDTH, height + margin, QImage.Format.Format_RGB32)
    sheet.fill(QColor(255, 255, 255))
    painter = QPainter(sheet)
    try:
        painter.translate(margin, 0)
        top = margin
        for section in sections:
            top = _header(painter, section, top, m.width, locale)
            top = _draw_rows(painter, list(_rows(section.images)), top, m)
    finally:
        painter.end()
    return _encode_png(sheet)


def _encode_png(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise ContactSheetError(
            "The contact sheet could not be encoded as PNG.", SheetProblem.NOT_ENCODED
        )
    return data.data()


def _word(key: str, number: int | None = None) -> str:
    text = QCoreApplication.translate(CONTEXT, _WORDS[key])
    return text if number is None else text.replace("%1", str(number))
