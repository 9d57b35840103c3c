"""Pick, reject, unflag and star ratings: the keys Lightroom and Bridge users already know.

One definition of the actions (``CurationActions``), made once per place that curates: the grid
(on its selection) and each viewer (on the image it shows). Their shortcuts are scoped to that
widget and its children, so a ``P`` typed in the search box or the prompt editor stays a letter.
What is chosen is stored through the library, which tells every listener (grid, viewers).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar, QWidget

from seedream_desktop.core.library import Library, LibraryError
from seedream_desktop.core.models import RATING_MAX, RATING_MIN, Flag, ImageRecord, stars
from seedream_desktop.ui.words import words

_FLAG_KEYS = {Flag.PICKED: Qt.Key.Key_P, Flag.REJECTED: Qt.Key.Key_X, Flag.NONE: Qt.Key.Key_U}


def flag_text(flag: Flag) -> str:
    return {
        Flag.NONE: QCoreApplication.translate("Curation", "Not flagged"),
        Flag.PICKED: QCoreApplication.translate("Curation", "Picked"),
        Flag.REJECTED: QCoreApplication.translate("Curation", "Rejected"),
    }[flag]


def rating_text(rating: int) -> str:
    """ "★★★☆☆ (3 stars)": the stars as the tiles draw them, and in words for screen readers."""
    if not rating:
        return QCoreApplication.translate("Curation", "Not rated")
    return f"{stars(rating)} ({words.star_count(rating)})"


class Curator(QObject):
    """Stores verdicts in the library and says what happened in a sentence."""

    def __init__(self, library: Library, say: Callable[[str], None], parent: QObject) -> None:
        super().__init__(parent)
        self._library = library
        self._say = say

    def flag(self, images: list[ImageRecord], flag: Flag) -> None:
        if not self._stored(images, lambda ids: self._library.set_flag(ids, flag)):
            return
        n = len(images)
        self._say(
            {
                Flag.PICKED: self.tr("%Ln image(s) picked", "", n),
                Flag.REJECTED: self.tr("%Ln image(s) rejected", "", n),
                Flag.NONE: self.tr("%Ln image(s) unflagged", "", n),
            }[flag]
        )

    def rate(self, images: list[ImageRecord], rating: int) -> None:
        if not self._stored(images, lambda ids: self._library.set_rating(ids, rating)):
            return
        n = len(images)
        if rating:
            rated = self.tr("%Ln image(s) rated", "", n)
            self._say(f"{rated} {stars(rating)}")
        else:
            self._say(self.tr("Rating of %Ln image(s) removed", "", n))

    def _stored(self, images: list[ImageRecord], store: Callable[[list[int]], None]) -> bool:
        """Whether the verdict on ``images`` (if any) went into the library; if not, why."""
        if not images:
            return False
        try:
            store([image.id for image in images])
        except LibraryError as exc:
            self._say(words.problem(exc))
            return False
        return True


class CurationActions(QObject):
    """Pick/Reject/Unflag and 0–5 stars on ``host``, acting on what ``targets`` returns."""

    def __init__(
        self, curator: Curator, targets: Callable[[], list[ImageRecord]], host: QWidget
    ) -> None:
        super().__init__(host)
        self._curator = curator
        self._targets = targets
        names = {
            Flag.PICKED: self.tr("Pick"),
            Flag.REJECTED: self.tr("Reject"),
            Flag.NONE: self.tr("Unflag"),
        }
        self.flag_actions = {
            flag: self._action(host, name, _FLAG_KEYS[flag], lambda *_, f=flag: self._flag(f))
            for flag, name in names.items()
        }
        self.rating_actions = [
            self._action(
                host,
                self.tr("No Stars") if n == 0 else stars(n),
                Qt.Key(Qt.Key.Key_0.value + n),
                lambda *_, n=n: self._rate(n),
            )
            for n in range(RATING_MIN, RATING_MAX + 1)
        ]

    def _action(self, host: QWidget, text: str, key: Qt.Key, slot: Callable[..., None]) -> QAction:
        action = QAction(text, host)
        action.setShortcut(QKeySequence(key))
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{text} ({shortcut})")  # the key is the point: say it on hover
        # Only while the host (grid or viewer) has the focus: typed letters stay letters.
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        host.addAction(action)
        return action

    def add_to(self, menu: QMenu) -> None:
        """The entries of a context menu: the flags, then a "Rating" submenu."""
        menu.addActions(list(self.flag_actions.values()))
        rating = QMenu(self.tr("Rating"), menu)
        rating.addActions(self.rating_actions)
        menu.addMenu(rating)

    def add_flags_to(self, toolbar: QToolBar) -> None:
        """Pick, Reject and Unflag as a window's tool buttons, after a separator."""
        toolbar.addSeparator()
        toolbar.addActions(list(self.flag_actions.values()))

    def _flag(self, flag: Flag) -> None:
        self._curator.flag(self._targets(), flag)

    def _rate(self, rating: int) -> None:
        self._curator.rate(self._targets(), rating)
