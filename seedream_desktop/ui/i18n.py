"""The window's language: translators installed before the first window, and a QLocale to match.

The app's own texts come from ``seedream_<code>.qm`` (package data, compiled from
``resources/i18n/*.ts`` by ``make translations``), Qt's own (standard buttons, file dialog, the
context menu of text fields) from ``qtbase_<code>.qm`` of the PySide6 installation, which the
packaged app bundles. English has a ``.qm`` too: it holds only the plural forms ("1 image",
"2 images") of the ``%Ln`` texts.

The language is chosen once per run, before any widget exists: a change in Settings applies at
the next start (the dialog says so), because every open widget would otherwise have to rebuild
its texts. ``QLocale.setDefault`` makes numbers, dates, sizes and prices follow the same choice.
"""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from seedream_desktop.core.settings import Language

log = logging.getLogger(__name__)

SUPPORTED = tuple(language.value for language in Language if language is not Language.SYSTEM)
FALLBACK = Language.ENGLISH.value
_LANGUAGE = "seedream_language"  # the code of the translators installed, on the application


def translations_dir() -> Path:
    return Path(str(resources.files("seedream_desktop") / "resources" / "i18n"))


def language_code(language: Language, system: QLocale | None = None) -> str:
    """``language`` as a code: for System, the first of the user's languages the app speaks."""
    if language is not Language.SYSTEM:
        return language.value
    for tag in (system or QLocale.system()).uiLanguages():
        code = tag.replace("_", "-").split("-")[0].lower()
        if code in SUPPORTED:
            return code
    return FALLBACK


def formatting_locale(code: str, system: QLocale | None = None) -> QLocale:
    """The system's region when it speaks ``code`` (de_AT stays Austrian), else ``code``'s main
    one (de → de_DE, en → en_US).

    Built from the name, not the system locale itself: with ``LANGUAGE=de`` and ``LANG=C`` that
    one says German but formats numbers the C way ("2,560").
    """
    system = system or QLocale.system()
    if QLocale.languageToCode(system.language()) == code:
        return QLocale(system.name())
    return QLocale(code)


def load_translators(code: str, parent: QCoreApplication) -> list[QTranslator]:
    """The app's and Qt's translators for ``code``, owned by ``parent``; the ones found."""
    wanted = [(f"seedream_{code}", translations_dir())]
    if code != FALLBACK:
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        wanted.append((f"qtbase_{code}", Path(qt_dir)))
    loaded = []
    for name, folder in wanted:
        translator = QTranslator(parent)
        if translator.load(name, str(folder)):
            loaded.append(translator)
        else:
            log.warning("No translation %s.qm in %s: those texts stay English.", name, folder)
            translator.deleteLater()
    return loaded


def install_language(app: QCoreApplication, language: Language) -> QLocale:
    """Translate the app into ``language`` and format with it; returns the locale in use."""
    code = language_code(language)
    locale = formatting_locale(code)
    QLocale.setDefault(locale)
    # A second session in one process (the tests) changes translators only for a new language:
    # every change makes Qt send each widget a LanguageChange event.
    if app.property(_LANGUAGE) == code:
        return locale
    for old in app.findChildren(QTranslator):
        app.removeTranslator(old)
        old.deleteLater()
    for translator in load_translators(code, app):
        app.installTranslator(translator)
    app.setProperty(_LANGUAGE, code)
    return locale


def is_english() -> bool:
    """Whether the window speaks English: then the English the layers below write for the log
    and the command line is the best wording there is, details and all."""
    return QLocale().language() == QLocale.Language.English
