"""A tile's picture with its hairline frame, made once per zoom and palette in a worker thread.

The thumbnail workers call ``compose`` right after decoding, so the GUI thread copies one block of
pixels for a plain tile's picture instead of scaling it and stroking a frame each frame. What
``compose`` needs is in a ``TileFace`` of plain values (a worker thread must not touch the widgets'
palette); the rest of a tile (card, caption, selection, the ✓/✕/stars, the "Job 12" badge) is
drawn around it by the delegate from sprites.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPalette

from seedream_desktop.core.models import ImageRecord
from seedream_desktop.ui.formatting import mix

PADDING = 8  # card edge → picture box
GAP = 3  # cell edge → card
RADIUS = 6  # the card's corners


def short_label(image: ImageRecord) -> str:
    """The caption under a tile's picture: "#3 · 16:9"."""
    return f"#{image.index + 1} · {image.aspect.label}"


@functools.lru_cache(maxsize=64)
def card_colour(
    base: int, text: int, highlight: int, tinted: bool, selected: bool, hovered: bool
) -> QColor:
    """A tile's card, opaque: every other job tinted, then the highlight laid over it."""
    colour = QColor.fromRgba(base)
    if tinted:
        colour = mix(colour, QColor.fromRgba(text), 0.05)
    if selected or hovered:
        colour = mix(colour, QColor.fromRgba(highlight), 0.30 if selected else 0.12)
    return colour


@functools.lru_cache(maxsize=32)
def frame_colour(under: int, text: int) -> QColor:
    return mix(QColor.fromRgba(under), QColor.fromRgba(text), 0.15)


def is_tinted(image: ImageRecord) -> bool:
    """Tiles of every other job sit on a faintly tinted card, so series read as groups."""
    return image.job_id % 2 == 1


def centred(size: QSize, box: QRect) -> QRect:
    rect = QRect(QPoint(0, 0), size)
    rect.moveCenter(box.center())
    return rect


def fitted(size: QSize, box: QRect) -> QRect:
    return centred(size.scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio), box)


def frame_edges(picture: QRect) -> tuple[QRect, QRect, QRect, QRect]:
    """The hairline around a picture as four one-pixel rectangles, to be filled opaque with the
    text colour mixed over the card beforehand (translucent thin fills, or a stroked rectangle,
    cost ten to a hundred times as much)."""
    rect = picture.adjusted(-1, -1, 1, 1)
    x, y, w, h = rect.x(), rect.y(), rect.width(), rect.height()
    return (
        QRect(x, y, w, 1),
        QRect(x, y + h - 1, w, 1),
        QRect(x, y + 1, 1, h - 2),
        QRect(x + w - 1, y + 1, 1, h - 2),
    )


@dataclass(frozen=True, slots=True)
class TileFace:
    """How tiles look at this zoom, on this screen, in this palette and font."""

    side: int  # the picture box, logical pixels (the zoom)
    ratio: float  # the screen's device pixel ratio
    font_height: int
    base: int  # the palette's colours as RGBA
    text: int
    highlight: int

    @classmethod
    def of(cls, side: int, ratio: float, palette: QPalette, font: QFont) -> TileFace:
        role = QPalette.ColorRole
        return cls(
            side,
            ratio,
            QFontMetrics(font).height(),
            palette.color(role.Base).rgba(),
            palette.color(role.Text).rgba(),
            palette.color(role.Highlight).rgba(),
        )

    @property
    def device_side(self) -> int:
        """The side thumbnails are decoded to fit, in device pixels."""
        return round(self.side * self.ratio)

    @property
    def cell(self) -> QSize:
        """One tile of the grid, margins included (the view's grid size)."""
        side = self.side + 2 * (PADDING + GAP)
        return QSize(side, side + self.font_height + 4)

    def card(self, cell: QRect) -> QRect:
        return cell.adjusted(GAP, GAP, -GAP, -GAP)

    def box(self, cell: QRect) -> QRect:
        """Where the picture is fitted: a square of the zoom's side."""
        return QRect(cell.left() + GAP + PADDING, cell.top() + GAP + PADDING, self.side, self.side)

    def caption(self, cell: QRect) -> QRect:
        box = self.box(cell)
        return QRect(box.left(), box.bottom() + 3, self.side, self.font_height)

    def picture(self, size: QSize, cell: QRect) -> QRect:
        """Where a thumbnail of ``size`` (logical pixels) shows: centred at its own size when it
        was made for this zoom (give or take rounding), else fitted (a previous zoom's)."""
        box = self.box(cell)
        longest = max(size.width(), size.height())
        if self.side - 1 <= longest <= self.side:
            return centred(size, box)
        return fitted(size, box)


@dataclass(frozen=True, slots=True)
class TileImage:
    """A thumbnail in its one-pixel frame, and where the thumbnail goes in a cell at the origin
    (logical pixels; the framed image goes one pixel up and left of it)."""

    image: QImage
    picture: QRect


def compose(face: TileFace, image: ImageRecord, thumbnail: QImage) -> TileImage:
    """``thumbnail`` at its place in the tile of ``image``, in the frame a plain (non-selected)
    tile has. Safe in a worker thread: only QImage painting, from values."""
    ratio = face.ratio
    thumbnail.setDevicePixelRatio(ratio)
    picture = face.picture(
        thumbnail.deviceIndependentSize().toSize(), QRect(QPoint(0, 0), face.cell)
    )
    framed = picture.adjusted(-1, -1, 1, 1)
    canvas = QImage(
        round(framed.width() * ratio), round(framed.height() * ratio), QImage.Format.Format_RGB32
    )
    canvas.setDevicePixelRatio(ratio)
    under = card_colour(face.base, face.text, face.highlight, is_tinted(image), False, False)
    canvas.fill(frame_colour(under.rgba(), face.text))  # the frame: what the picture leaves
    painter = QPainter(canvas)
    if picture.size() == thumbnail.deviceIndependentSize().toSize():
        painter.drawImage(QPoint(1, 1), thumbnail)  # pixel for pixel: decoded to this size
    else:  # an image smaller than the box, shown as big as the box
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(QRect(QPoint(1, 1), picture.size()), thumbnail)
    painter.end()
    return TileImage(canvas, picture)
