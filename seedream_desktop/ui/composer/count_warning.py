"""The warning at the description when it states another number of images than the count.

Two one-click fixes: set the count to the stated number, or drop the words that state it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from seedream_desktop.api.count_words import StatedCount


class CountWarning(QFrame):
    #: "Set count to N" was clicked: carries N.
    setCountRequested = Signal(int)
    #: "Drop …" was clicked: carries the stated count whose words go.
    dropRequested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("countWarning")
        self.setAccessibleName(self.tr("Image count warning"))
        # Amber, as a caution rather than an error: the job can still be sent as it is.
        self.setStyleSheet(
            "#countWarning { background: rgba(240, 173, 78, 40); border: 1px solid #f0ad4e;"
            " border-radius: 4px; }"
        )
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.set_count = QPushButton(self)
        self.drop = QPushButton(self)
        fixes = QHBoxLayout()
        fixes.addWidget(self.set_count)
        fixes.addWidget(self.drop)
        fixes.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addWidget(self.message)
        layout.addLayout(fixes)
        self._found: StatedCount | None = None
        self.set_count.clicked.connect(self._set_count)
        self.drop.clicked.connect(lambda: self.dropRequested.emit(self._found))
        self.hide()

    def show_conflict(
        self, found: StatedCount | None, words: str, count: int, *, can_set: bool
    ) -> None:
        """Show the warning for ``found`` (the ``words`` of the description), hide it for None."""
        self._found = found
        if found is None:
            self.hide()
            return
        self.message.setText(
            self.tr("“{words}” asks for {stated}, but the count is {count}.").format(
                words=words, stated=found.number, count=count
            )
        )
        self.set_count.setText(self.tr("Set count to {n}").format(n=found.number))
        self.set_count.setVisible(can_set)
        self.drop.setText(self.tr("Drop “{words}”").format(words=words))
        self.show()

    def _set_count(self) -> None:
        if self._found is not None:
            self.setCountRequested.emit(self._found.number)
