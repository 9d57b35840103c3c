"""Frame by frame: one line per image of the series, added, removed and moved by keyboard too.

Keys in a frame: Enter goes to the next frame when it is still empty, else adds one below;
Ctrl+Backspace or Ctrl+Delete in an empty frame removes it; Alt+↑/↓ moves it; ↑/↓ go to the
frame above or below.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from seedream_desktop.api.params import COUNT_MAX

_ALT = Qt.KeyboardModifier.AltModifier
_ROWS_SHOWN = 6  # past these the frames scroll, so the controls below stay in view
_CTRL = Qt.KeyboardModifier.ControlModifier


class _FrameRow(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.number = QLabel(self)
        self.number.setMinimumWidth(18)
        self.number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.edit = QLineEdit(self)
        self.edit.setClearButtonEnabled(False)
        style = self.style()
        self.up = self._button(style.standardIcon(QStyle.StandardPixmap.SP_ArrowUp))
        self.down = self._button(style.standardIcon(QStyle.StandardPixmap.SP_ArrowDown))
        self.remove = self._button(style.standardIcon(QStyle.StandardPixmap.SP_DialogCloseButton))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.number)
        layout.addWidget(self.edit, 1)
        for button in (self.up, self.down, self.remove):
            layout.addWidget(button)

    def _button(self, icon: object) -> QToolButton:
        button = QToolButton(self)
        button.setIcon(icon)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys do it; Tab stays on the frames
        return button


class FrameEditor(QWidget):
    #: The frames' texts or their number changed.
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[_FrameRow] = []
        self._scroll = QScrollArea(self)
        self._scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self._scroll.setWidgetResizable(True)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        holder = QWidget(self._scroll)
        self._list = QVBoxLayout(holder)
        self._list.setContentsMargins(0, 0, 0, 0)
        self._list.setSpacing(6)
        self._list.addStretch(1)
        self._scroll.setWidget(holder)
        # A frame just added is placed (and the range grows) only after it got the focus.
        self._scroll.verticalScrollBar().rangeChanged.connect(self._show_focused)
        self.add_button = QPushButton(self.tr("Add frame"), self)
        self.add_button.setAccessibleName(self.tr("Add a frame at the end"))
        self.add_button.setToolTip(self.tr("Add a frame (Enter in a frame adds one below it)"))
        self.add_button.clicked.connect(lambda: self.insert_frame(len(self._rows)))
        footer = QHBoxLayout()
        footer.addWidget(self.add_button)
        footer.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._scroll)
        layout.addLayout(footer)

    # ---- state -----------------------------------------------------------------------------

    def frames(self) -> list[str]:
        return [row.edit.text() for row in self._rows]

    def set_frames(self, frames: list[str]) -> None:
        while len(self._rows) > len(frames):
            self._drop_row(len(self._rows) - 1)
        while len(self._rows) < len(frames):
            self._add_row(len(self._rows))
        for row, text in zip(self._rows, frames, strict=True):
            row.edit.setText(text)
        self._renumber()

    def resize_to(self, count: int) -> bool:
        """Make it ``count`` frames by adding empty ones or removing empty ones from the end;
        False (and nothing changed) when that would remove a frame someone wrote."""
        frames = self.frames()
        while len(frames) > count and not frames[-1].strip():
            frames.pop()
        if len(frames) > count:
            return False
        self.set_frames(frames + [""] * (count - len(frames)))
        return True

    def frame_edit(self, index: int) -> QLineEdit:
        return self._rows[index].edit

    # ---- editing ---------------------------------------------------------------------------

    def insert_frame(self, index: int) -> None:
        if len(self._rows) >= COUNT_MAX:
            return
        self._add_row(index)
        self._renumber()
        self._rows[index].edit.setFocus()

    def remove_frame(self, index: int) -> None:
        if len(self._rows) <= 1:
            self._rows[0].edit.clear()  # a series has at least one frame: empty it instead
            return
        self._drop_row(index)
        self._renumber()
        self._rows[max(0, index - 1)].edit.setFocus()

    def move_frame(self, index: int, step: int) -> None:
        target = index + step
        if not 0 <= target < len(self._rows):
            return
        here, there = self._rows[index].edit, self._rows[target].edit
        text = here.text()
        here.setText(there.text())
        there.setText(text)
        there.setFocus()
        self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            self._show_focused()
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            index = next((i for i, r in enumerate(self._rows) if r.edit is watched), None)
            if index is not None and self._key(index, event):
                return True
        return super().eventFilter(watched, event)

    def _key(self, index: int, event: QKeyEvent) -> bool:
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not mods & (_CTRL | _ALT):
            following = self._rows[index + 1].edit if index + 1 < len(self._rows) else None
            if following is not None and not following.text():
                following.setFocus()
            else:
                self.insert_frame(index + 1)
            return True
        if (
            key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete)
            and mods & _CTRL
            and not self._rows[index].edit.text()
        ):
            self.remove_frame(index)
            return True
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = -1 if key == Qt.Key.Key_Up else 1
            if mods & _ALT:
                self.move_frame(index, step)
                return True
            if not mods and 0 <= index + step < len(self._rows):
                self._rows[index + step].edit.setFocus()
                return True
        return False

    def _show_focused(self) -> None:
        focused = next((row.edit for row in self._rows if row.edit.hasFocus()), None)
        if focused is not None:
            self._scroll.ensureWidgetVisible(focused)

    def _add_row(self, index: int) -> None:
        row = _FrameRow(self._scroll.widget())
        row.edit.installEventFilter(self)
        row.edit.textChanged.connect(self.changed)
        row.up.clicked.connect(lambda: self.move_frame(self._rows.index(row), -1))
        row.down.clicked.connect(lambda: self.move_frame(self._rows.index(row), 1))
        row.remove.clicked.connect(lambda: self.remove_frame(self._rows.index(row)))
        self._rows.insert(index, row)
        self._list.insertWidget(index, row)

    def _drop_row(self, index: int) -> None:
        row = self._rows.pop(index)
        self._list.removeWidget(row)
        row.edit.removeEventFilter(self)
        row.hide()
        row.deleteLater()

    def _renumber(self) -> None:
        total = len(self._rows)
        for i, row in enumerate(self._rows, 1):
            row.number.setText(f"{i}")
            row.edit.setAccessibleName(self.tr("Frame {n}").format(n=i))
            row.edit.setPlaceholderText(self.tr("What image {n} shows").format(n=i))
            row.up.setAccessibleName(self.tr("Move frame {n} up").format(n=i))
            row.up.setToolTip(self.tr("Move up (Alt+↑)"))
            row.down.setAccessibleName(self.tr("Move frame {n} down").format(n=i))
            row.down.setToolTip(self.tr("Move down (Alt+↓)"))
            row.remove.setAccessibleName(self.tr("Remove frame {n}").format(n=i))
            row.remove.setToolTip(self.tr("Remove (Ctrl+Backspace in an empty frame)"))
            row.up.setEnabled(i > 1)
            row.down.setEnabled(i < total)
            row.remove.setEnabled(total > 1)
        self.add_button.setEnabled(total < COUNT_MAX)
        pitch = self._rows[0].sizeHint().height() + self._list.spacing() if self._rows else 0
        self._scroll.setFixedHeight(min(total, _ROWS_SHOWN) * pitch)
        self.changed.emit()
