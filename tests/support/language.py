"""The window's language in tests: English unless a test asks for another, as the app installs
its language before the first window (English plural forms, "1 image" / "2 images", come from
its English translation)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QLocale

from seedream_desktop.core.settings import Language
from seedream_desktop.ui.i18n import install_language


def use_language(app: QCoreApplication, language: Language = Language.ENGLISH) -> QLocale:
    return install_language(app, language)


@contextmanager
def language(app: QCoreApplication, chosen: Language) -> Iterator[QLocale]:
    """``chosen`` for the block, English again after it."""
    try:
        yield use_language(app, chosen)
    finally:
        use_language(app)
