"""Earlier descriptions, offered in the editor as the designer types and with Ctrl+↑/Ctrl+↓.

The entries come from the library once (newest first, each once: see
:meth:`ComposerStore.prompt_history` for what that costs) and grow with each job sent, so
typing never queries the database.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QCompleter, QPlainTextEdit

# Fewer letters than this match too much of the history to be a suggestion.
_MIN_TYPED = 3
_STEP_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down)
_CHOOSE_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class PromptHistory(QObject):
    def __init__(self, editor: QPlainTextEdit, entries: list[str]) -> None:
        super().__init__(editor)
        self._editor = editor
        self._model = QStringListModel(entries, self)
        self.completer = QCompleter(self._model, self)
        self.completer.setWidget(editor)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.setMaxVisibleItems(8)
        self.completer.activated.connect(self._put)
        self._position = -1  # -1: the designer's own draft; else an index into the entries
        self._draft = ""
        self._putting = False
        editor.textChanged.connect(self._typed)
        editor.installEventFilter(self)
        # The open list has the keyboard and hands keys to the editor past the editor's own
        # filters: Ctrl+↑/↓ and Enter are taken from it here (its ↑/↓ still pick an entry).
        self.completer.popup().installEventFilter(self)

    def entries(self) -> list[str]:
        return self._model.stringList()

    def remember(self, description: str) -> None:
        """Put ``description`` first (a job was just sent with it)."""
        text = description.strip()
        if text:
            self._model.setStringList([text, *(e for e in self.entries() if e != text)])
        self._position = -1
        self.completer.popup().hide()

    def step(self, older: bool) -> None:
        """Show the next older (or newer) entry; past the newest, the draft comes back."""
        entries = self.entries()
        if self._position == -1:
            self._draft = self._editor.toPlainText()
        position = self._position + (1 if older else -1)
        if not -1 <= position < len(entries):
            return
        self._position = position
        self._put(self._draft if position == -1 else entries[position])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        popup = self.completer.popup()
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if watched in (self._editor, popup) and ctrl and event.key() in _STEP_KEYS:
            popup.hide()
            self.step(older=event.key() == Qt.Key.Key_Up)
            return True
        # The completer hands Enter to the editor first, which would take it as a line break.
        chosen = popup.currentIndex()
        if watched is popup and not ctrl and event.key() in _CHOOSE_KEYS and chosen.isValid():
            self._put(str(chosen.data()))
            return True
        return super().eventFilter(watched, event)

    def _put(self, text: str) -> None:
        self._putting = True
        try:
            self._editor.setPlainText(text)
            self._editor.moveCursor(QTextCursor.MoveOperation.End)
        finally:
            self._putting = False
        self.completer.popup().hide()

    def _typed(self) -> None:
        if self._putting:
            return
        self._position = -1
        text = self._editor.toPlainText().strip()
        if len(text) < _MIN_TYPED or not self._editor.hasFocus():
            self.completer.popup().hide()
            return
        self.completer.setCompletionPrefix(text)
        exact = self.completer.completionCount() == 1 and self.completer.currentCompletion() == text
        if self.completer.completionCount() == 0 or exact:
            self.completer.popup().hide()
            return
        # Under the line being typed, as wide as the editor: entries are whole descriptions.
        rect = self._editor.cursorRect()
        rect.setLeft(0)
        rect.setRight(self._editor.viewport().width())
        self.completer.complete(rect)
