"""The grid's delegate: how one tile (thumbnail, caption, series card, badges) is painted.

A tile is painted from one ``Tile`` look-up and pixmaps that need no work per paint: the
thumbnail is already at display size (the loader makes it so off the GUI thread), and the
antialiased shapes (cards, placeholders, badges) are rendered once per look into small sprites.
What remains per paint is copying pixels and one line of text.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from seedream_desktop.core.models import Flag, stars
from seedream_desktop.core.placeholders import arg
from seedream_desktop.core.settings import spec
from seedream_desktop.ui.formatting import mix
from seedream_desktop.ui.grid.model import HeaderRole, ImageGridModel, Tile, TileRole
from seedream_desktop.ui.grid.series_header import SeriesHeader, header_height, paint_header
from seedream_desktop.ui.thumbnail_loader import ThumbState

# The zoom is a setting: its range and default are declared there, once.
MIN_THUMB, MAX_THUMB = spec("grid_zoom").bounds
DEFAULT_THUMB: int = spec("grid_zoom").default
_SPRITE_LIMIT = 256  # looks kept (cards × states, placeholder shapes, badges of jobs on screen)
_HEADERS_KEPT = 48  # a few screens of series headers
_PALETTES_KEPT = 4  # a palette or two at a time (a theme change is a new one)

Draw = Callable[[QPainter, QRectF], None]
_SELECTED = QStyle.StateFlag.State_Selected.value
_HOVERED = QStyle.StateFlag.State_MouseOver.value
_FOCUSED = QStyle.StateFlag.State_HasFocus.value


def _fit(size: QSize, box: QRect) -> QRect:
    scaled = size.scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
    return _centred(scaled, box)


def _centred(size: QSize, box: QRect) -> QRect:
    rect = QRect(QPoint(0, 0), size)
    rect.moveCenter(box.center())
    return rect


@functools.lru_cache(maxsize=64)
def _card_colour(
    base: int, text: int, highlight: int, tinted: bool, selected: bool, hovered: bool
) -> QColor:
    """A tile's card, opaque: every other job tinted, then the highlight laid over it."""
    colour = QColor.fromRgba(base)
    if tinted:
        colour = mix(colour, QColor.fromRgba(text), 0.05)
    if selected or hovered:
        colour = mix(colour, QColor.fromRgba(highlight), 0.30 if selected else 0.12)
    return colour


@functools.lru_cache(maxsize=8)
def _placeholder_colour(base: int, text: int) -> QColor:
    return mix(QColor.fromRgba(base), QColor.fromRgba(text), 0.10)


@functools.lru_cache(maxsize=32)
def _frame_colour(under: int, text: int) -> QColor:
    return mix(QColor.fromRgba(under), QColor.fromRgba(text), 0.15)


@functools.lru_cache(maxsize=8)
def _veil_colour(under: int) -> QColor:
    """Laid over a rejected image: the card's colour, two thirds opaque."""
    colour = QColor.fromRgba(under)
    colour.setAlpha(170)
    return colour


@functools.lru_cache(maxsize=8)
def _chip_colour(base: int) -> QColor:
    """Behind the stars: the base colour, nearly opaque, so they read on any picture."""
    colour = QColor.fromRgba(base)
    colour.setAlpha(225)
    return colour


_REJECT_FILL = QColor(198, 40, 40)  # a red that white reads on, in light and dark palettes
_REJECT_INK = QColor(255, 255, 255)


def _frame(painter: QPainter, picture: QRect, colour: QColor) -> None:
    """A hairline around the picture, on the card: the text colour at 15 % over the card, mixed
    beforehand, so four opaque fills (translucent thin fills, or a stroked rectangle, cost ten
    to a hundred times as much)."""
    rect = picture.adjusted(-1, -1, 1, 1)
    x, y, w, h = rect.x(), rect.y(), rect.width(), rect.height()
    painter.fillRect(x, y, w, 1, colour)
    painter.fillRect(x, y + h - 1, w, 1, colour)
    painter.fillRect(x, y + 1, 1, h - 2, colour)
    painter.fillRect(x + w - 1, y + 1, 1, h - 2, colour)


@dataclass(frozen=True, slots=True)
class _Colours:
    """The palette's colours a tile uses, read once per palette rather than once per tile."""

    base: QColor
    text: QColor
    highlight: QColor
    highlighted_text: QColor

    @classmethod
    def of(cls, palette: QPalette) -> _Colours:
        role = QPalette.ColorRole
        return cls(
            palette.color(role.Base),
            palette.color(role.Text),
            palette.color(role.Highlight),
            palette.color(role.HighlightedText),
        )


class _Sprites:
    """Antialiased shapes rendered once per look (key) into pixmaps: on their known opaque
    background where there is one (then drawing them is a plain copy), else transparent."""

    def __init__(self, limit: int = _SPRITE_LIMIT) -> None:
        self._cache: dict[Hashable, QPixmap] = {}
        self._limit = limit

    def clear(self) -> None:
        self._cache.clear()

    def cached(self, key: Hashable) -> QPixmap | None:
        return self._cache.get(key)

    def get(
        self, key: Hashable, size: QSize, ratio: float, draw: Draw, under: QColor | None = None
    ) -> QPixmap:
        sprite = self._cache.get(key)
        if sprite is None:
            if len(self._cache) >= self._limit:
                self._cache.clear()
            sprite = QPixmap(QSize(round(size.width() * ratio), round(size.height() * ratio)))
            sprite.setDevicePixelRatio(ratio)
            sprite.fill(Qt.GlobalColor.transparent if under is None else under)
            painter = QPainter(sprite)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            draw(painter, QRectF(0, 0, size.width(), size.height()))
            painter.end()
            self._cache[key] = sprite
        return sprite


class ImageGridDelegate(QStyledItemDelegate):
    """A tile: the thumbnail centred and aspect-correct, a caption, and the series it belongs to.

    Series read as groups twice over: tiles of every other job sit on a faintly tinted card, and
    the first image of each job carries a "Job 12" badge. The designer's verdict shows on the
    picture: a ✓ when picked, a veil and an ✕ when rejected, the stars below left.
    """

    PADDING = 8
    GAP = 3
    RADIUS = 6

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thumb = DEFAULT_THUMB
        self._sprites = _Sprites()
        # Headers apart: each is unique, and a scroll past thousands of series must not push
        # out the few dozen shapes every tile is drawn from.
        self._headers = _Sprites(_HEADERS_KEPT)
        self._colours: dict[int, _Colours] = {}  # by QPalette.cacheKey()
        self._header_width = 0  # a series' header spans the view: its viewport's width

    def set_header_width(self, width: int) -> None:
        self._header_width = width

    @property
    def thumbnail_size(self) -> int:
        return self._thumb

    def set_thumbnail_size(self, px: int) -> None:
        self._thumb = px
        self._sprites.clear()
        self._headers.clear()
        self._colours.clear()

    def font_changed(self) -> None:
        """Captions, badges and headers are pre-rendered in the view's font: render them again."""
        self._sprites.clear()
        self._headers.clear()

    def cell_size(self, font_height: int) -> QSize:
        side = self._thumb + 2 * (self.PADDING + self.GAP)
        return QSize(side, side + font_height + 4)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        model = index.model()
        if isinstance(model, ImageGridModel) and model.is_header(index.row()):
            return QSize(self._header_width, header_height(option.fontMetrics.height()))
        return self.cell_size(option.fontMetrics.height())

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        tile = index.data(TileRole)
        if not isinstance(tile, Tile):
            header = index.data(HeaderRole)
            if isinstance(header, SeriesHeader):
                self._paint_header(painter, option, header)
            return
        palette = option.palette
        colours = self._colours.get(palette.cacheKey())
        if colours is None:
            if len(self._colours) >= _PALETTES_KEPT:
                self._colours.clear()
            colours = self._colours[palette.cacheKey()] = _Colours.of(palette)
        state = option.state.value  # plain ints: enum flag arithmetic is slow in Python
        ratio = painter.device().devicePixelRatioF()
        look = (
            tile.image.job_id % 2 == 1,
            bool(state & _SELECTED),
            bool(state & _HOVERED),
            bool(state & _FOCUSED),
        )
        painter.save()
        card = option.rect.adjusted(self.GAP, self.GAP, -self.GAP, -self.GAP)
        base, text, highlight = colours.base, colours.text, colours.highlight
        under = _card_colour(base.rgba(), text.rgba(), highlight.rgba(), *look[:3])
        if under != base:
            rounded = self._rounded(card.size(), under, base, self.RADIUS, ratio)
            painter.drawPixmap(card.x(), card.y(), rounded)
        if look[1] or look[3]:
            painter.drawPixmap(card.topLeft(), self._card_outline(card.size(), highlight, look))

        inner = option.rect.adjusted(
            self.GAP + self.PADDING, self.GAP + self.PADDING, -self.GAP - self.PADDING, 0
        )
        box = QRect(inner.topLeft(), QSize(self._thumb, self._thumb))
        picture = self._paint_picture(painter, tile, box, colours, under, ratio)
        image = tile.image
        if image.flag is not Flag.NONE or image.rating:
            self._paint_verdict(painter, tile, picture, option, colours, under, ratio)
        if tile.series_start:
            label = arg(QCoreApplication.translate("ImageGrid", "Job %1"), image.job_id)
            badge = self._badge(label, option, colours.highlight, colours.highlighted_text, ratio)
            painter.drawPixmap(picture.left() + 4, picture.top() + 4, badge)
        caption = self._caption(tile.label, option, colours.text, ratio)
        painter.drawPixmap(box.left(), box.bottom() + 3, caption)
        painter.restore()

    def _paint_header(
        self, painter: QPainter, option: QStyleOptionViewItem, header: SeriesHeader
    ) -> None:
        """From a sprite per header and look: its elided lines are laid out once, not per
        frame of a scroll."""
        state = option.state.value
        hovered, focused = bool(state & _HOVERED), bool(state & _FOCUSED)
        series, palette, font = header.series, option.palette, option.font
        job = series.job
        size = option.rect.size()
        ratio = painter.device().devicePixelRatioF()
        key = (
            "header",
            job.id,
            job.state,
            job.cost,
            len(series.images),
            series.returned,
            header.collapsed,
            hovered,
            focused,
            size.toTuple(),
            palette.cacheKey(),
            ratio,
        )

        def draw(p: QPainter, rect: QRectF) -> None:
            # Drawn at once, while the option (its palette and font) is still ours.
            paint_header(p, rect.toRect(), header, palette, font, hovered=hovered, focused=focused)

        base = palette.color(QPalette.ColorRole.Base)
        painter.drawPixmap(option.rect.topLeft(), self._headers.get(key, size, ratio, draw, base))

    def _paint_verdict(
        self,
        painter: QPainter,
        tile: Tile,
        picture: QRect,
        option: QStyleOptionViewItem,
        colours: _Colours,
        under: QColor,
        ratio: float,
    ) -> None:
        """A rejected image is veiled with an ✕, a picked one gets a ✓; stars sit below left."""
        image = tile.image
        if image.flag is Flag.REJECTED:
            painter.fillRect(picture, _veil_colour(under.rgba()))
            mark = self._badge("✕", option, _REJECT_FILL, _REJECT_INK, ratio)
        elif image.flag is Flag.PICKED:
            mark = self._badge("✓", option, colours.highlight, colours.highlighted_text, ratio)
        else:
            mark = None
        if mark is not None:
            width = round(mark.width() / ratio)
            painter.drawPixmap(picture.right() - 3 - width, picture.top() + 4, mark)
        if image.rating:
            chip = self._badge(
                stars(image.rating), option, _chip_colour(colours.base.rgba()), colours.text, ratio
            )
            height = round(chip.height() / ratio)
            painter.drawPixmap(picture.left() + 4, picture.bottom() - 3 - height, chip)

    def _paint_picture(
        self,
        painter: QPainter,
        tile: Tile,
        box: QRect,
        colours: _Colours,
        under: QColor,
        ratio: float,
    ) -> QRect:
        text = colours.text
        pixmap = tile.pixmap
        if tile.state is ThumbState.READY and pixmap is not None:
            size = pixmap.deviceIndependentSize().toSize()
            if self._at_display_size(size):
                target = _centred(size, box)
                painter.drawPixmap(target.topLeft(), pixmap)
            else:  # the previous zoom's, until this zoom's lands: scaled, fast
                target = _fit(size, box)
                painter.drawPixmap(target, pixmap)
            _frame(painter, target, _frame_colour(under.rgba(), text.rgba()))
            return target
        # The placeholder already has the image's shape, so nothing jumps when it lands.
        image = tile.image
        target = _fit(QSize(max(1, image.width), max(1, image.height)), box)
        fill = _placeholder_colour(colours.base.rgba(), text.rgba())
        painter.drawPixmap(
            target.x(), target.y(), self._rounded(target.size(), fill, under, 3, ratio)
        )
        if tile.state is ThumbState.FAILED:
            painter.setPen(mix(colours.base, text, 0.65))
            painter.drawText(
                target,
                Qt.AlignmentFlag.AlignCenter,
                QCoreApplication.translate("ImageGrid", "Can't read\nthis image"),
            )
        return target

    def _at_display_size(self, size: QSize) -> bool:
        """Made for this zoom: fits the box, its long side the box's (give or take rounding)."""
        longest = max(size.width(), size.height())
        return self._thumb - 1 <= longest <= self._thumb

    def _rounded(
        self, size: QSize, colour: QColor, under: QColor, radius: int, ratio: float
    ) -> QPixmap:
        """A rounded rectangle on its opaque background, so drawing it blends no pixel."""

        def draw(p: QPainter, rect: QRectF) -> None:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(colour)
            p.drawRoundedRect(rect, radius, radius)

        key = ("rounded", size.toTuple(), colour.rgba(), under.rgba(), radius, ratio)
        return self._sprites.get(key, size, ratio, draw, under)

    def _card_outline(
        self, size: QSize, highlight: QColor, look: tuple[bool, bool, bool, bool]
    ) -> QPixmap:
        """The selected (solid) or current (dashed) tile's outline: only those few tiles blend."""
        selected = look[1]
        radius = self.RADIUS

        def draw(p: QPainter, card: QRectF) -> None:
            pen = QPen(highlight, 2 if selected else 1)
            if not selected:
                pen.setStyle(Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(card.adjusted(1, 1, -1, -1), radius, radius)

        ratio = 1.0  # a hairline: sharp enough at any ratio, and it keeps the key small
        key = ("outline", size.toTuple(), highlight.rgba(), selected)
        return self._sprites.get(key, size, ratio, draw)

    def _badge(
        self, label: str, option: QStyleOptionViewItem, fill: QColor, ink: QColor, ratio: float
    ) -> QPixmap:
        key = ("badge", label, fill.rgba(), ink.rgba(), ratio)
        if (sprite := self._sprites.cached(key)) is not None:
            return sprite
        metrics = option.fontMetrics
        size = QSize(metrics.horizontalAdvance(label) + 10, metrics.height() + 2)

        def draw(p: QPainter, badge: QRectF) -> None:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(fill)
            p.drawRoundedRect(badge, 4, 4)
            p.setFont(option.font)  # drawn at once, while the option is still ours
            p.setPen(ink)
            p.drawText(badge, Qt.AlignmentFlag.AlignCenter, label)

        return self._sprites.get(key, size, ratio, draw)

    def _caption(
        self, label: str, option: QStyleOptionViewItem, ink: QColor, ratio: float
    ) -> QPixmap:
        """The line under the picture; a grid holds a few dozen distinct ones ("#3 · 16:9")."""
        key = ("caption", label, ink.rgba(), ratio)
        if (sprite := self._sprites.cached(key)) is not None:
            return sprite
        metrics = option.fontMetrics
        size = QSize(self._thumb, metrics.height())

        def draw(p: QPainter, caption: QRectF) -> None:
            p.setFont(option.font)  # drawn at once, while the option is still ours
            p.setPen(ink)
            elided = metrics.elidedText(label, Qt.TextElideMode.ElideRight, size.width())
            p.drawText(caption, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, elided)

        return self._sprites.get(key, size, ratio, draw)
