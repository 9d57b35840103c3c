"""Styles as chips under the editor: saved snippets the designer turns on and off.

A chip that is on adds its text to the end of what is sent. Styles live in the library
(:class:`~seedream_desktop.core.library.composer_store.ComposerStore`), so they and whether
they are on survive a restart.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from seedream_desktop.api.params import Style
from seedream_desktop.core.library.composer_store import ComposerStore
from seedream_desktop.ui.composer.flow_layout import FlowLayout

_CHIP_STYLE = (
    "QToolButton { border: 1px solid palette(mid); border-radius: 11px; padding: 2px 10px; }"
    "QToolButton:checked { background: palette(highlight); color: palette(highlighted-text);"
    " border-color: palette(highlight); }"
)

# The chip that makes a chip: outlined dashed, so it reads as "add" rather than as a style.
_NEW_CHIP_STYLE = (
    "QToolButton { border: 1px dashed palette(mid); border-radius: 11px; padding: 2px 10px; }"
)


class StyleChips(QWidget):
    #: A style was turned on or off, saved or deleted.
    changed = Signal()

    def __init__(self, store: ComposerStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._chips: dict[str, QToolButton] = {}
        self._styles: list[Style] = []
        self._flow_host = QWidget(self)
        self._flow = FlowLayout(self._flow_host)
        self.new_button = QToolButton(self._flow_host)
        self.new_button.setText(self.tr("+ Style"))
        self.new_button.setAccessibleName(self.tr("Save a new style"))
        self.new_button.setToolTip(
            self.tr("Save a snippet such as “soft watercolour, paper texture” to add to any prompt")
        )
        self.new_button.setStyleSheet(_NEW_CHIP_STYLE)
        self.new_button.clicked.connect(lambda: self._open_editor())

        self._editor = QWidget(self)
        self.name_edit = QLineEdit(self._editor)
        self.name_edit.setPlaceholderText(self.tr("Name, e.g. Watercolour"))
        self.name_edit.setAccessibleName(self.tr("Style name"))
        self.text_edit = QLineEdit(self._editor)
        self.text_edit.setPlaceholderText(
            self.tr("Text added, e.g. soft watercolour, paper texture")
        )
        self.text_edit.setAccessibleName(self.tr("Style text"))
        self.save_button = QPushButton(self.tr("Save style"), self._editor)
        self.cancel_button = QPushButton(self.tr("Cancel"), self._editor)
        editor_row = QHBoxLayout(self._editor)
        editor_row.setContentsMargins(0, 0, 0, 0)
        editor_row.addWidget(self.name_edit, 1)
        editor_row.addWidget(self.text_edit, 2)
        editor_row.addWidget(self.save_button)
        editor_row.addWidget(self.cancel_button)
        self._editor.hide()
        self.save_button.clicked.connect(self._save)
        self.text_edit.returnPressed.connect(self._save)
        self.name_edit.returnPressed.connect(self.text_edit.setFocus)
        self.cancel_button.clicked.connect(self._close_editor)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._flow_host)
        layout.addWidget(self._editor)
        self.reload()

    def active_styles(self) -> list[Style]:
        return [style for style in self._styles if self._chips[style.name].isChecked()]

    def saved_styles(self) -> list[Style]:
        return list(self._styles)

    def set_active(self, names: tuple[str, ...]) -> None:
        """Turn on exactly the styles named (those still saved), the others off."""
        for name, chip in self._chips.items():
            chip.setChecked(name in names)

    def chip(self, name: str) -> QToolButton:
        return self._chips[name]

    def reload(self) -> None:
        """Show the styles the library holds, on or off as they were left."""
        for chip in self._chips.values():
            self._flow.removeWidget(chip)
            chip.deleteLater()
        self._flow.removeWidget(self.new_button)
        self._chips.clear()
        self._styles = []
        for style, active in self._store.styles():
            chip = QToolButton(self._flow_host)
            chip.setText(style.name)
            chip.setToolTip(self.tr("Adds: {text}").format(text=style.text))
            chip.setAccessibleName(self.tr("Style {name}").format(name=style.name))
            chip.setCheckable(True)
            chip.setChecked(active)
            chip.setStyleSheet(_CHIP_STYLE)
            chip.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            chip.toggled.connect(lambda on, name=style.name: self._toggle(name, on))
            chip.customContextMenuRequested.connect(
                lambda pos, name=style.name: self._chip_menu(name, pos)
            )
            self._flow.addWidget(chip)
            self._chips[style.name] = chip
            self._styles.append(style)
        self._flow.addWidget(self.new_button)
        self.changed.emit()

    def _toggle(self, name: str, on: bool) -> None:
        self._store.set_style_active(name, on)
        self.changed.emit()

    def _chip_menu(self, name: str, pos: QPoint) -> None:
        chip = self._chips[name]
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(self.tr("Edit style"), lambda: self._open_editor(name))
        menu.addAction(self.tr("Delete style"), lambda: self.delete_style(name))
        menu.popup(chip.mapToGlobal(pos))

    def delete_style(self, name: str) -> None:
        self._store.delete_style(name)
        self.reload()

    def _open_editor(self, name: str | None = None) -> None:
        style = next((s for s in self._styles if s.name == name), None)
        self.name_edit.setText(style.name if style else "")
        self.text_edit.setText(style.text if style else "")
        self._editor.show()
        (self.text_edit if style else self.name_edit).setFocus()

    def _close_editor(self) -> None:
        self._editor.hide()
        self.new_button.setFocus()

    def _save(self) -> None:
        name, text = self.name_edit.text().strip(), self.text_edit.text().strip()
        if not name or not text:
            (self.text_edit if name else self.name_edit).setFocus()
            return
        self._store.save_style(Style(name, text), active=True)
        self._close_editor()
        self.reload()
