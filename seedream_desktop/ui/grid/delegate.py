"""The grid's delegate: how one tile (thumbnail, caption, series card and badge) is painted.

A tile is painted from one ``Tile`` look-up and pixmaps that need no work per paint: the
thumbnail is already at display size (the loader makes it so off the GUI thread), and the
antialiased shapes (cards, placeholders, badges) are rendered once per look into small sprites.
What remains per paint is copying pixels and one line of text.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from seedream_desktop.core.settings import spec
from seedream_desktop.ui.formatting import mix
from seedream_desktop.ui.grid.model import Tile, TileRole
from seedream_desktop.ui.thumbnail_loader import ThumbState

# The zoom is a setting: its range and default are declared there, once.
MIN_THUMB, MAX_THUMB = spec("grid_zoom").bounds
DEFAULT_THUMB: int = spec("grid_zoom").default
_SPRITE_LIMIT = 256  # looks kept (cards × states, placeholder shapes, badges of jobs on screen)

Draw = Callable[[QPainter, QRectF], None]


def _fit(size: QSize, box: QRect) -> QRect:
    scaled = size.scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
    return _centred(scaled, box)


def _centred(size: QSize, box: QRect) -> QRect:
    rect = QRect(QPoint(0, 0), size)
    rect.moveCenter(box.center())
    return rect


class _Sprites:
    """Antialiased shapes rendered once per look (key) into transparent pixmaps."""

    def __init__(self) -> None:
        self._cache: dict[Hashable, QPixmap] = {}

    def clear(self) -> None:
        self._cache.clear()

    def get(self, key: Hashable, size: QSize, ratio: float, draw: Draw) -> QPixmap:
        sprite = self._cache.get(key)
        if sprite is None:
            if len(self._cache) >= _SPRITE_LIMIT:
                self._cache.clear()
            sprite = QPixmap(QSize(round(size.width() * ratio), round(size.height() * ratio)))
            sprite.setDevicePixelRatio(ratio)
            sprite.fill(Qt.GlobalColor.transparent)
            painter = QPainter(sprite)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            draw(painter, QRectF(0, 0, size.width(), size.height()))
            painter.end()
            self._cache[key] = sprite
        return sprite


class ImageGridDelegate(QStyledItemDelegate):
    """A tile: the thumbnail centred and aspect-correct, a caption, and the series it belongs to.

    Series read as groups twice over: tiles of every other job sit on a faintly tinted card, and
    the first image of each job carries a "Job 12" badge.
    """

    PADDING = 8
    GAP = 3
    RADIUS = 6.0

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thumb = DEFAULT_THUMB
        self._sprites = _Sprites()

    @property
    def thumbnail_size(self) -> int:
        return self._thumb

    def set_thumbnail_size(self, px: int) -> None:
        self._thumb = px
        self._sprites.clear()

    def cell_size(self, font_height: int) -> QSize:
        side = self._thumb + 2 * (self.PADDING + self.GAP)
        return QSize(side, side + font_height + 4)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return self.cell_size(option.fontMetrics.height())

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        tile = index.data(TileRole)
        if not isinstance(tile, Tile):
            return
        palette = option.palette
        state = option.state
        ratio = painter.device().devicePixelRatioF()
        look = (
            tile.image.job_id % 2 == 1,
            bool(state & QStyle.StateFlag.State_Selected),
            bool(state & QStyle.StateFlag.State_MouseOver),
            bool(state & QStyle.StateFlag.State_HasFocus),
        )
        painter.save()
        card = option.rect.adjusted(self.GAP, self.GAP, -self.GAP, -self.GAP)
        if any(look):
            painter.drawPixmap(card.topLeft(), self._card(card.size(), palette, look, ratio))

        inner = option.rect.adjusted(
            self.GAP + self.PADDING, self.GAP + self.PADDING, -self.GAP - self.PADDING, 0
        )
        box = QRect(inner.topLeft(), QSize(self._thumb, self._thumb))
        picture = self._paint_picture(painter, tile, box, palette, ratio)
        if tile.series_start:
            badge = self._badge(f"Job {tile.image.job_id}", option, ratio)
            painter.drawPixmap(picture.topLeft() + QPoint(4, 4), badge)

        caption = QRect(box.left(), box.bottom() + 3, box.width(), option.fontMetrics.height())
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        elided = option.fontMetrics.elidedText(
            tile.label, Qt.TextElideMode.ElideRight, caption.width()
        )
        painter.drawText(caption, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, elided)
        painter.restore()

    def _paint_picture(
        self, painter: QPainter, tile: Tile, box: QRect, palette: QPalette, ratio: float
    ) -> QRect:
        text = palette.color(QPalette.ColorRole.Text)
        pixmap = tile.pixmap
        if tile.state is ThumbState.READY and pixmap is not None:
            size = pixmap.deviceIndependentSize().toSize()
            if self._at_display_size(size):
                target = _centred(size, box)
                painter.drawPixmap(target.topLeft(), pixmap)
            else:  # the previous zoom's, until this zoom's lands: scaled, fast
                target = _fit(size, box)
                painter.drawPixmap(target, pixmap)
            outline = QColor(text)
            outline.setAlphaF(0.15)
            painter.setPen(outline)
            painter.drawRect(target.adjusted(0, 0, -1, -1))
            return target
        # The placeholder already has the image's shape, so nothing jumps when it lands.
        image = tile.image
        target = _fit(QSize(max(1, image.width), max(1, image.height)), box)
        fill = mix(palette.color(QPalette.ColorRole.Base), text, 0.10)

        def draw(p: QPainter, rect: QRectF) -> None:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(fill)
            p.drawRoundedRect(rect, 3, 3)

        key = ("placeholder", target.size().toTuple(), fill.rgba(), ratio)
        painter.drawPixmap(target.topLeft(), self._sprites.get(key, target.size(), ratio, draw))
        if tile.state is ThumbState.FAILED:
            painter.setPen(mix(palette.color(QPalette.ColorRole.Base), text, 0.65))
            painter.drawText(target, Qt.AlignmentFlag.AlignCenter, "Can't read\nthis image")
        return target

    def _at_display_size(self, size: QSize) -> bool:
        """Made for this zoom: fits the box, its long side the box's (give or take rounding)."""
        longest = max(size.width(), size.height())
        return self._thumb - 1 <= longest <= self._thumb

    def _card(
        self, size: QSize, palette: QPalette, look: tuple[bool, bool, bool, bool], ratio: float
    ) -> QPixmap:
        tinted, selected, hovered, focused = look
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        radius = self.RADIUS

        def draw(p: QPainter, card: QRectF) -> None:
            p.setPen(Qt.PenStyle.NoPen)
            if tinted:
                p.setBrush(mix(base, text, 0.05))
                p.drawRoundedRect(card, radius, radius)
            if selected or hovered:
                fill = QColor(highlight)
                fill.setAlphaF(0.30 if selected else 0.12)
                p.setBrush(fill)
                p.drawRoundedRect(card, radius, radius)
            if selected or focused:
                pen = QPen(highlight, 2 if selected else 1)
                if not selected:
                    pen.setStyle(Qt.PenStyle.DashLine)
                p.setPen(pen)
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRoundedRect(card.adjusted(1, 1, -1, -1), radius, radius)

        colours = (base.rgba(), text.rgba(), highlight.rgba())
        key = ("card", size.toTuple(), colours, look, ratio)
        return self._sprites.get(key, size, ratio, draw)

    def _badge(self, label: str, option: QStyleOptionViewItem, ratio: float) -> QPixmap:
        metrics = option.fontMetrics
        size = QSize(metrics.horizontalAdvance(label) + 10, metrics.height() + 2)
        font = QFont(option.font)
        fill = option.palette.color(QPalette.ColorRole.Highlight)
        ink = option.palette.color(QPalette.ColorRole.HighlightedText)

        def draw(p: QPainter, badge: QRectF) -> None:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(fill)
            p.drawRoundedRect(badge, 4, 4)
            p.setFont(font)
            p.setPen(ink)
            p.drawText(badge, Qt.AlignmentFlag.AlignCenter, label)

        key = ("badge", label, font.key(), fill.rgba(), ink.rgba(), ratio)
        return self._sprites.get(key, size, ratio, draw)
