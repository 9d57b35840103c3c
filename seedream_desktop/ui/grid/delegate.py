"""The grid's delegate: how one tile (thumbnail, caption, series card, badges) is painted.

A tile is painted from one ``Tile`` look-up and pixmaps that need no work per paint: its picture
comes framed and at display size from the thumbnail workers (``tile_face``), and the antialiased
shapes around it (cards, outlines, placeholders, captions, badges) are rendered once per look
into small sprites. How a tile is drawn is worked out once per look as a plan of those copies,
so what remains per paint is replaying it.
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

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
from seedream_desktop.ui.grid.tile_face import (
    RADIUS,
    TileFace,
    card_colour,
    fitted,
    frame_colour,
    frame_edges,
    is_tinted,
)
from seedream_desktop.ui.thumbnail_loader import ThumbState

# The zoom is a setting: its range and default are declared there, once.
MIN_THUMB, MAX_THUMB = spec("grid_zoom").bounds
DEFAULT_THUMB: int = spec("grid_zoom").default
_SPRITE_LIMIT = 256  # looks kept (cards × states, placeholder shapes, badges of jobs on screen)
_HEADERS_KEPT = 48  # a few screens of series headers
_JOB_BADGES_KEPT = 64  # "Job 12" badges: one per series, a few screens of them
# Plans of a few screens of tiles; each holds its picture, so this also bounds the pictures kept
# alive beyond the loader's cache.
_PLANS_KEPT = 96
_PALETTES_KEPT = 4  # a palette or two at a time (a theme change is a new one)

Draw = Callable[[QPainter, QRectF], None]
V = TypeVar("V")
_SELECTED = QStyle.StateFlag.State_Selected.value
_HOVERED = QStyle.StateFlag.State_MouseOver.value
_FOCUSED = QStyle.StateFlag.State_HasFocus.value
_LOOKS = _SELECTED | _HOVERED | _FOCUSED  # what of a tile's state changes how it is drawn


@functools.lru_cache(maxsize=8)
def _placeholder_colour(base: int, text: int) -> QColor:
    return mix(QColor.fromRgba(base), QColor.fromRgba(text), 0.10)


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


class _Plan:
    """A tile's drawing as steps relative to its cell, worked out once per look and replayed
    on every paint: mostly copies of pixmaps, a few fills, rarely a line of text."""

    __slots__ = ("_steps",)

    def __init__(self) -> None:
        self._steps: list[tuple[Callable[..., None], tuple[Any, ...]]] = []

    def pixmap(self, x: int, y: int, pixmap: QPixmap) -> None:
        self._steps.append((QPainter.drawPixmap, (x, y, pixmap)))

    def scaled(self, target: QRectF, pixmap: QPixmap, source: QRectF) -> None:
        self._steps.append((QPainter.drawPixmap, (target, pixmap, source)))

    def fill(self, rect: QRect, colour: QColor) -> None:
        self._steps.append((QPainter.fillRect, (rect, colour)))

    def text(self, rect: QRect, text: str, colour: QColor) -> None:
        self._steps.append((QPainter.setPen, (colour,)))
        self._steps.append((QPainter.drawText, (rect, Qt.AlignmentFlag.AlignCenter, text)))

    def play(self, painter: QPainter, cell: QRect) -> None:
        x, y = cell.x(), cell.y()
        painter.translate(x, y)
        for step, args in self._steps:
            step(painter, *args)
        painter.translate(-x, -y)


class _Recent(Generic[V]):
    """Values by key, at most ``limit`` of them: the least recently used go first."""

    def __init__(self, limit: int) -> None:
        self._values: OrderedDict[Hashable, V] = OrderedDict()
        self._limit = limit

    def cached(self, key: Hashable) -> V | None:
        value = self._values.get(key)
        if value is not None:
            self._values.move_to_end(key)
        return value

    def keep(self, key: Hashable, value: V) -> None:
        if len(self._values) >= self._limit:
            self._values.popitem(last=False)
        self._values[key] = value

    def clear(self) -> None:
        self._values.clear()


class _Sprites(_Recent[QPixmap]):
    """Antialiased shapes rendered once per look (key) into pixmaps: on their known opaque
    background where there is one (then drawing them is a plain copy), else transparent."""

    def __init__(self, limit: int = _SPRITE_LIMIT) -> None:
        super().__init__(limit)

    def get(
        self, key: Hashable, size: QSize, ratio: float, draw: Draw, under: QColor | None = None
    ) -> QPixmap:
        sprite = self.cached(key)
        if sprite is None:
            sprite = QPixmap(QSize(round(size.width() * ratio), round(size.height() * ratio)))
            sprite.setDevicePixelRatio(ratio)
            sprite.fill(Qt.GlobalColor.transparent if under is None else under)
            painter = QPainter(sprite)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            draw(painter, QRectF(0, 0, size.width(), size.height()))
            painter.end()
            self.keep(key, sprite)
        return sprite


class ImageGridDelegate(QStyledItemDelegate):
    """A tile: the thumbnail centred and aspect-correct, a caption, and the series it belongs to.

    Series read as groups twice over: tiles of every other job sit on a faintly tinted card, and
    the first image of each job carries a "Job 12" badge. The designer's verdict shows on the
    picture: a ✓ when picked, a veil and an ✕ when rejected, the stars below left.

    A tile's picture framed by the workers for today's zoom and palette is copied as it is
    onto a plain card; on a selected or hovered card, or from another zoom, the picture is cut
    out of its frame and framed here.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._face = TileFace(DEFAULT_THUMB, 1.0, 16, 0, 0, 0)  # the view gives the real one
        self._sprites = _Sprites()
        # Headers apart: each is unique, and a scroll past thousands of series must not push
        # out the few dozen shapes every tile is drawn from.
        self._headers = _Sprites(_HEADERS_KEPT)
        self._job_badges = _Sprites(_JOB_BADGES_KEPT)  # likewise, one per series
        self._plans: _Recent[_Plan] = _Recent(_PLANS_KEPT)  # see _PLANS_KEPT
        self._colours: dict[int, _Colours] = {}  # by QPalette.cacheKey()
        self._header_width = 0  # a series' header spans the view: its viewport's width

    def set_header_width(self, width: int) -> None:
        self._header_width = width

    @property
    def face(self) -> TileFace:
        return self._face

    @property
    def thumbnail_size(self) -> int:
        return self._face.side

    def set_face(self, face: TileFace) -> None:
        """Paint tiles of ``face``: the sprites of another zoom or palette go."""
        if face != self._face:
            self._face = face
            self.font_changed()
            self._colours.clear()

    def font_changed(self) -> None:
        """Captions, badges and headers are pre-rendered in the view's font: render them again."""
        for drawn in (self._sprites, self._headers, self._job_badges, self._plans):
            drawn.clear()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        model = index.model()
        if isinstance(model, ImageGridModel) and model.is_header(index.row()):
            return QSize(self._header_width, header_height(option.fontMetrics.height()))
        return self._face.cell

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
        image, made = tile.image, tile.made
        palette = option.palette
        key = (
            image.id,
            image.flag,
            image.rating,
            tile.series_start,
            tile.state,
            0 if made is None else made.pixmap.cacheKey(),
            option.state.value & _LOOKS,
            palette.cacheKey(),
            ratio := painter.device().devicePixelRatioF(),
        )
        plan = self._plans.cached(key)
        if plan is None:
            plan = self._plan(tile, option, ratio)
            self._plans.keep(key, plan)
        plan.play(painter, option.rect)

    def _plan(self, tile: Tile, option: QStyleOptionViewItem, ratio: float) -> _Plan:
        """How ``tile`` is drawn in this look: card, picture, caption and marks, worked out for
        a cell at the origin."""
        plan = _Plan()
        colours = self._colours_of(option.palette)
        state = option.state.value
        selected, hovered = bool(state & _SELECTED), bool(state & _HOVERED)
        image, face = tile.image, self._face
        cell = QRect(QPoint(0, 0), face.cell)
        base, text, highlight = colours.base, colours.text, colours.highlight
        under = card_colour(
            base.rgba(), text.rgba(), highlight.rgba(), is_tinted(image), selected, hovered
        )
        card = face.card(cell)
        if under != base:
            plan.pixmap(card.x(), card.y(), self._rounded(card.size(), under, base, RADIUS, ratio))
        if selected or state & _FOCUSED:
            plan.pixmap(card.x(), card.y(), self._card_outline(card.size(), highlight, selected))
        made = tile.made
        if made is not None and made.face is face and not (selected or hovered):
            # The workers' framed picture, made for this very card: one copy of pixels.
            picture = made.picture
            plan.pixmap(picture.x() - 1, picture.y() - 1, made.pixmap)
        else:
            picture = self._plan_picture(plan, tile, cell, colours, under, ratio)
        caption = face.caption(cell)
        plan.pixmap(caption.x(), caption.y(), self._caption(tile.label, option, text, ratio))
        self._plan_marks(plan, tile, picture, option, colours, under, ratio)
        return plan

    def _colours_of(self, palette: QPalette) -> _Colours:
        colours = self._colours.get(palette.cacheKey())
        if colours is None:
            if len(self._colours) >= _PALETTES_KEPT:
                self._colours.clear()
            colours = self._colours[palette.cacheKey()] = _Colours.of(palette)
        return colours

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

    def _plan_marks(
        self,
        plan: _Plan,
        tile: Tile,
        picture: QRect,
        option: QStyleOptionViewItem,
        colours: _Colours,
        under: QColor,
        ratio: float,
    ) -> None:
        """What the designer's clicks change, over the picture: a rejected image is veiled with
        an ✕, a picked one gets a ✓, stars sit below left; a job's first image says "Job 12"."""
        image = tile.image
        if image.flag is Flag.REJECTED:
            plan.fill(picture, _veil_colour(under.rgba()))
            mark = self._badge("✕", option, _REJECT_FILL, _REJECT_INK, ratio)
        elif image.flag is Flag.PICKED:
            mark = self._badge("✓", option, colours.highlight, colours.highlighted_text, ratio)
        else:
            mark = None
        if mark is not None:
            width = round(mark.width() / ratio)
            plan.pixmap(picture.right() - 3 - width, picture.top() + 4, mark)
        if image.rating:
            chip = self._badge(
                stars(image.rating), option, _chip_colour(colours.base.rgba()), colours.text, ratio
            )
            height = round(chip.height() / ratio)
            plan.pixmap(picture.left() + 4, picture.bottom() - 3 - height, chip)
        if tile.series_start:
            label = arg(QCoreApplication.translate("ImageGrid", "Job %1"), image.job_id)
            badge = self._badge(
                label, option, colours.highlight, colours.highlighted_text, ratio, self._job_badges
            )
            plan.pixmap(picture.left() + 4, picture.top() + 4, badge)

    def _plan_picture(
        self,
        plan: _Plan,
        tile: Tile,
        cell: QRect,
        colours: _Colours,
        under: QColor,
        ratio: float,
    ) -> QRect:
        """The picture on a card of another colour (selected, hovered) or of another zoom, or
        its placeholder while it loads."""
        text = colours.text
        made = tile.made
        if made is not None:
            # The picture alone, cut from inside its frame: at its size, or scaled (fast) from
            # another zoom's until this zoom's lands.
            target = self._face.picture(made.picture.size(), cell)
            plan.scaled(QRectF(target), made.pixmap, made.source)
            frame = frame_colour(under.rgba(), text.rgba())
            for edge in frame_edges(target):
                plan.fill(edge, frame)
            return target
        # The placeholder already has the image's shape, so nothing jumps when it lands.
        image = tile.image
        target = fitted(QSize(max(1, image.width), max(1, image.height)), self._face.box(cell))
        fill = _placeholder_colour(colours.base.rgba(), text.rgba())
        plan.pixmap(target.x(), target.y(), self._rounded(target.size(), fill, under, 3, ratio))
        if tile.state is ThumbState.FAILED:
            unreadable = QCoreApplication.translate("ImageGrid", "Can't read\nthis image")
            plan.text(target, unreadable, mix(colours.base, text, 0.65))
        return target

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

    def _card_outline(self, size: QSize, highlight: QColor, selected: bool) -> QPixmap:
        """The selected (solid) or current (dashed) tile's outline: only those few tiles blend."""
        radius = RADIUS

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
        self,
        label: str,
        option: QStyleOptionViewItem,
        fill: QColor,
        ink: QColor,
        ratio: float,
        sprites: _Sprites | None = None,
    ) -> QPixmap:
        sprites = sprites or self._sprites
        key = ("badge", label, fill.rgba(), ink.rgba(), ratio)
        if (sprite := sprites.cached(key)) is not None:
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

        return sprites.get(key, size, ratio, draw)

    def _caption(
        self, label: str, option: QStyleOptionViewItem, ink: QColor, ratio: float
    ) -> QPixmap:
        """The line under the picture; a grid holds a few dozen distinct ones ("#3 · 16:9")."""
        key = ("caption", label, ink.rgba(), ratio)
        if (sprite := self._sprites.cached(key)) is not None:
            return sprite
        metrics = option.fontMetrics
        size = QSize(self._face.side, metrics.height())

        def draw(p: QPainter, caption: QRectF) -> None:
            p.setFont(option.font)  # drawn at once, while the option is still ours
            p.setPen(ink)
            elided = metrics.elidedText(label, Qt.TextElideMode.ElideRight, size.width())
            p.drawText(caption, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, elided)

        return self._sprites.get(key, size, ratio, draw)
