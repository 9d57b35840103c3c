"""The grid's delegate: how one tile (thumbnail, caption, series card and badge) is painted."""

from __future__ import annotations

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
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from seedream_desktop.core.models import ImageRecord
from seedream_desktop.core.settings import spec
from seedream_desktop.ui.formatting import mix
from seedream_desktop.ui.grid.model import ImageRole, SeriesStartRole, ThumbStateRole, short_label
from seedream_desktop.ui.thumbnail_loader import ThumbState

# The zoom is a setting: its range and default are declared there, once.
MIN_THUMB, MAX_THUMB = spec("grid_zoom").bounds
DEFAULT_THUMB: int = spec("grid_zoom").default


def _fit(size: QSize, box: QRect) -> QRect:
    scaled = size.scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
    rect = QRect(QPoint(0, 0), scaled)
    rect.moveCenter(box.center())
    return rect


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

    @property
    def thumbnail_size(self) -> int:
        return self._thumb

    def set_thumbnail_size(self, px: int) -> None:
        self._thumb = px

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
        image = index.data(ImageRole)
        if not isinstance(image, ImageRecord):
            return
        palette = option.palette
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        hovered = bool(state & QStyle.StateFlag.State_MouseOver)
        focused = bool(state & QStyle.StateFlag.State_HasFocus)
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        highlight = palette.color(QPalette.ColorRole.Highlight)

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        card = QRectF(option.rect.adjusted(self.GAP, self.GAP, -self.GAP, -self.GAP))
        painter.setPen(Qt.PenStyle.NoPen)
        if image.job_id % 2:
            painter.setBrush(mix(base, text, 0.05))
            painter.drawRoundedRect(card, self.RADIUS, self.RADIUS)
        if selected or hovered:
            fill = QColor(highlight)
            fill.setAlphaF(0.30 if selected else 0.12)
            painter.setBrush(fill)
            painter.drawRoundedRect(card, self.RADIUS, self.RADIUS)
        if selected or focused:
            pen = QPen(highlight, 2 if selected else 1)
            if not selected:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(card.adjusted(1, 1, -1, -1), self.RADIUS, self.RADIUS)

        inner = option.rect.adjusted(
            self.GAP + self.PADDING, self.GAP + self.PADDING, -self.GAP - self.PADDING, 0
        )
        box = QRect(inner.topLeft(), QSize(self._thumb, self._thumb))
        picture = self._paint_picture(painter, index, image, box, base, text)
        if index.data(SeriesStartRole):
            self._paint_badge(painter, option, f"Job {image.job_id}", picture)

        caption = QRect(box.left(), box.bottom() + 3, box.width(), option.fontMetrics.height())
        painter.setPen(text)
        elided = option.fontMetrics.elidedText(
            short_label(image), Qt.TextElideMode.ElideRight, caption.width()
        )
        painter.drawText(caption, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, elided)
        painter.restore()

    def _paint_picture(
        self,
        painter: QPainter,
        index: QModelIndex | QPersistentModelIndex,
        image: ImageRecord,
        box: QRect,
        base: QColor,
        text: QColor,
    ) -> QRect:
        state = index.data(ThumbStateRole)
        if state is ThumbState.READY:
            pixmap = index.data(Qt.ItemDataRole.DecorationRole)
            target = _fit(pixmap.size(), box)
            painter.drawPixmap(target, pixmap)
            outline = QColor(text)
            outline.setAlphaF(0.15)
            painter.setPen(QPen(outline, 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(target).adjusted(0.5, 0.5, -0.5, -0.5))
            return target
        # The placeholder already has the image's shape, so nothing jumps when it lands.
        target = _fit(QSize(max(1, image.width), max(1, image.height)), box)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(mix(base, text, 0.10))
        painter.drawRoundedRect(QRectF(target), 3, 3)
        if state is ThumbState.FAILED:
            painter.setPen(mix(base, text, 0.65))
            painter.drawText(target, Qt.AlignmentFlag.AlignCenter, "Can't read\nthis image")
        return target

    def _paint_badge(
        self, painter: QPainter, option: QStyleOptionViewItem, label: str, picture: QRect
    ) -> None:
        metrics = option.fontMetrics
        width = metrics.horizontalAdvance(label) + 10
        badge = QRectF(picture.left() + 4, picture.top() + 4, width, metrics.height() + 2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(option.palette.color(QPalette.ColorRole.Highlight))
        painter.drawRoundedRect(badge, 4, 4)
        painter.setPen(option.palette.color(QPalette.ColorRole.HighlightedText))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, label)
