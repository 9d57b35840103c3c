"""A series' header in the grid: what it says, where its controls sit, and how it is painted.

One place for the header's words (shown, read to screen readers and put in its tooltip) and its
geometry (the delegate paints the ▾ and ⋯ where the view hit-tests them).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen

from seedream_desktop.core.models import JobState, Series, SeriesProblem
from seedream_desktop.core.placeholders import arg
from seedream_desktop.ui.formatting import date_time, dimensions, mix, number
from seedream_desktop.ui.money_status import money_text
from seedream_desktop.ui.words import words

GAP_ABOVE = 10  # between the last line of one series and the next header
PADDING = 8
ARROW = 18  # the ▾ / ▸ that folds the series
MENU = 28  # the ⋯ button that opens the series' actions


@dataclass(frozen=True, slots=True)
class SeriesHeader:
    """What a header row shows: the series and whether it is folded to its header."""

    series: Series
    collapsed: bool


class HeaderWords:
    """The header's words; ``self.tr`` as lupdate reads it (the context is this class's name)."""

    def tr(self, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        return QCoreApplication.translate("HeaderWords", source, disambiguation, n)

    def title(self, series: Series) -> str:
        """What the designer wrote (the text as sent, for rows from before descriptions were
        kept)."""
        params = series.job.params
        return (params.description or params.prompt).strip()

    def count(self, series: Series) -> str:
        """ "4 of 4 images", "3 of 4 — fewer than asked"; how many the filters show, if fewer."""
        asked = series.asked
        if SeriesProblem.FEWER_THAN_ASKED in series.problems:
            said = arg(
                self.tr("%1 of %2 — fewer than asked"), number(series.returned), number(asked)
            )
        else:
            said = arg(self.tr("%1 of %Ln image(s)", "", asked), number(series.returned))
        shown = len(series.images)
        if shown < series.returned:
            said += " · " + arg(self.tr("%1 shown"), number(shown))
        return said

    def facts(self, series: Series) -> str:
        """The line under the title: count, aspect, mode, seed, date and what it cost."""
        job = series.job
        params = job.params
        parts = [
            self.count(series),
            params.aspect.label,
            words.mode(params.mode),
            words.seed(params.seed),
            date_time(job.created_at),
        ]
        if job.cost is not None:
            parts.append(money_text(job.cost))
        elif job.state is JobState.DONE:
            parts.append(self.tr("cost not known"))
        return " · ".join(parts)

    def problems(self, series: Series) -> list[str]:
        """Why the result looks wrong, a sentence each (fewer than asked is in the count)."""
        said = []
        for problem in series.problems:
            if problem is SeriesProblem.ONE_FOR_MANY:
                said.append(
                    arg(
                        self.tr("One image for %1 asked: the views may be panels of one picture."),
                        number(series.asked),
                    )
                )
            elif problem is SeriesProblem.OFF_PRESET_SIZE:
                width, height = series.job.params.aspect.pixel_size
                said.append(
                    arg(
                        self.tr("%Ln image(s) not at the preset's %1.", "", series.off_preset),
                        dimensions(width, height),
                    )
                )
        return said

    def tooltip(self, series: Series) -> str:
        return "\n".join([self.title(series), self.facts(series), *self.problems(series)])

    def accessible(self, header: SeriesHeader) -> str:
        series = header.series
        state = self.tr("collapsed") if header.collapsed else self.tr("expanded")
        job = arg(self.tr("Series, job %1"), series.job.id)
        said = [job, self.title(series), self.facts(series), *self.problems(series), state]
        return ", ".join(said)


header_words = HeaderWords()


def header_height(font_height: int) -> int:
    return GAP_ABOVE + 2 * PADDING + 2 * font_height + 4


def band(rect: QRect) -> QRect:
    """The header's visible band: the row without the gap that separates it from the series
    above."""
    return rect.adjusted(2, GAP_ABOVE, -2, 0)


def arrow_rect(rect: QRect) -> QRect:
    inner = band(rect)
    return QRect(inner.left() + PADDING // 2, inner.top(), ARROW + PADDING, inner.height())


def menu_rect(rect: QRect) -> QRect:
    """The ⋯ button, right in the band."""
    inner = band(rect)
    top = inner.top() + (inner.height() - MENU) // 2
    return QRect(inner.right() - PADDING - MENU, top, MENU, MENU)


def problem_colour(palette: QPalette) -> QColor:
    """Amber-red that reads on light and dark bases alike."""
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    return QColor("#ff9e80") if dark else QColor("#b3261e")


def paint_header(
    painter: QPainter,
    rect: QRect,
    header: SeriesHeader,
    palette: QPalette,
    font: QFont,
    *,
    hovered: bool,
    focused: bool,
) -> None:
    series = header.series
    inner = band(rect)
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    highlight = palette.color(QPalette.ColorRole.Highlight)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(mix(base, text, 0.09 if hovered else 0.05))
    painter.drawRoundedRect(inner, 6, 6)
    if focused:
        painter.setPen(QPen(highlight, 1, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(inner.adjusted(1, 1, -1, -1), 6, 6)

    painter.setPen(text)
    painter.setFont(font)
    painter.drawText(
        arrow_rect(rect), Qt.AlignmentFlag.AlignCenter, "▸" if header.collapsed else "▾"
    )
    menu = menu_rect(rect)
    if hovered:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(mix(base, text, 0.15))
        painter.drawRoundedRect(menu, 4, 4)
        painter.setPen(text)
    painter.drawText(menu, Qt.AlignmentFlag.AlignCenter, "⋯")

    left = arrow_rect(rect).right() + 2
    width = menu.left() - PADDING - left
    bold = QFont(font)
    bold.setBold(True)
    bold_metrics = QFontMetrics(bold)
    metrics = QFontMetrics(font)
    line = max(bold_metrics.height(), metrics.height())
    top = inner.top() + PADDING
    painter.setFont(bold)
    first = bold_metrics.elidedText(
        " ".join(header_words.title(series).split()), Qt.TextElideMode.ElideRight, width
    )
    painter.drawText(QRect(left, top, width, line), Qt.AlignmentFlag.AlignVCenter, first)

    painter.setFont(font)
    second_rect = QRect(left, top + line + 4, width, line)
    facts_text = header_words.facts(series)
    problems = header_words.problems(series)
    painter.setPen(mix(text, base, 0.3))
    if not problems:
        painter.drawText(
            second_rect,
            Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(facts_text, Qt.TextElideMode.ElideRight, width),
        )
    else:
        # The warning first: a narrow window elides the facts, never why the result looks wrong.
        warning = metrics.elidedText("⚠ " + " ".join(problems), Qt.TextElideMode.ElideRight, width)
        warning_width = min(width, metrics.horizontalAdvance(warning))
        rest = width - warning_width - 12
        if rest > 40:
            painter.drawText(
                QRect(left, second_rect.top(), rest, line),
                Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(facts_text, Qt.TextElideMode.ElideRight, rest),
            )
        painter.setPen(problem_colour(palette))
        painter.drawText(
            QRect(left + width - warning_width, second_rect.top(), warning_width, line),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
            warning,
        )
    painter.restore()
