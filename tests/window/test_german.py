"""The whole window in German: every visible text, tooltip and accessible name is translated.

Each screen is built twice, in English and in German, the same way; the texts are read from
every widget and action in the same order, so the two lists line up. A German text that is
still its English twin fails — unless it is neutral (a number, a ratio, a format name, a word
German shares, or the user's own data such as the prompt and file paths).
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QSpinBox,
    QTabWidget,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from seedream_desktop.api.params import compose_prompt
from seedream_desktop.core.settings import Language, SettingsStore
from seedream_desktop.core.token_check import TokenCheck
from seedream_desktop.core.token_store import TokenStore
from seedream_desktop.emulator import Emulator, EmulatorConfig
from seedream_desktop.ui import crash_dialog
from seedream_desktop.ui.compare import CompareWindow
from seedream_desktop.ui.export_dialog import ExportDialog
from seedream_desktop.ui.main_window import MainWindow
from seedream_desktop.ui.settings_dialog import SettingsDialog
from seedream_desktop.ui.viewer import ImageViewer
from seedream_desktop.ui.welcome_dialog import WelcomeDialog
from seedream_desktop.wiring import EngineConfig, open_engine
from tests.support.language import language
from tests.support.waiting import until
from tests.window.sessions import FAST_EMULATOR, FAST_RUNNER

PROMPT = "a lighthouse at dusk, four moods of the sea, gouache"
#: Words German uses as they are (see resources/i18n/GLOSSARY.md), names and format names.
NEUTRAL_WORDS = frozenset(
    {"Seedream", "Desktop", "DEMO", "RunComfy", "ByteDance", "Prompt", "Seed", "Standard"}
    | {"PNG", "JPEG", "WebP", "JSON", "API", "URL", "https", "http", "px", "KB", "kB", "MB"}
    | {"US", "OK", "Format", "English", "Deutsch"}
)
_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True)
class Text:
    where: str
    text: str


def _shown(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def texts(root: QWidget) -> Iterator[Text]:
    """Every text ``root`` and its children show or announce, in a fixed order."""
    widgets = [root, *root.findChildren(QWidget)]
    # The overflow buttons of menu and tool bars (and their menus) show up only when the
    # texts are too wide for the window at the moment they are read.
    overflow = [b for b in root.findChildren(QToolButton) if b.objectName().endswith("_ext_button")]
    overflow += [button.menu() for button in overflow]
    widgets = [w for w in widgets if w not in overflow]
    for i, widget in enumerate(widgets):
        where = f"{i} {type(widget).__name__}"
        found = [
            ("tooltip", widget.toolTip()),
            ("accessible name", widget.accessibleName()),
            ("accessible description", widget.accessibleDescription()),
        ]
        if widget.isWindow():
            found.append(("title", widget.windowTitle()))
        if isinstance(widget, QLabel | QAbstractButton):
            found.append(("text", widget.text()))
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            found.append(("placeholder", widget.placeholderText()))
        if isinstance(widget, QComboBox):
            found += [("item", widget.itemText(n)) for n in range(widget.count())]
        if isinstance(widget, QTabWidget):
            found += [("tab", widget.tabText(n)) for n in range(widget.count())]
        if isinstance(widget, QGroupBox):
            found.append(("title", widget.title()))
        if isinstance(widget, QSpinBox | QDoubleSpinBox):
            found += [("prefix", widget.prefix()), ("suffix", widget.suffix())]
        if isinstance(widget, QAbstractSpinBox):
            found.append(("special value", widget.specialValueText()))
        if isinstance(widget, QProgressBar):
            found.append(("format", widget.format()))
        if isinstance(widget, QMenu):
            found.append(("menu", widget.title()))
        for action in widget.actions():
            found += [("action", action.text()), ("action tip", action.toolTip())]
        for kind, text in found:
            if text.strip():
                yield Text(f"{where} {kind}", _shown(text))


def status(window: MainWindow) -> Text:
    return Text("status bar message", window.statusBar().currentMessage())


def neutral(text: str, data: tuple[str, ...]) -> bool:
    for value in data:
        text = text.replace(value, " ")
    return all(word in NEUTRAL_WORDS for word in _WORD.findall(text))


def untranslated(english: list[Text], german: list[Text], data: tuple[str, ...]) -> list[str]:
    assert [t.where for t in english] == [t.where for t in german], "screens differ in layout"
    return [
        f"{en.where}: {en.text!r}"
        for en, de in zip(english, german, strict=True)
        if en.text == de.text and not neutral(de.text, data)
    ]


class Screens:
    """Builds each screen in the language currently installed."""

    def __init__(self, qtbot: QtBot, tmp_path: Path) -> None:
        self.qtbot = qtbot
        self.tmp_path = tmp_path
        self.windows: list[MainWindow] = []

    @asynccontextmanager
    async def window(
        self, name: str, emulator: EmulatorConfig = FAST_EMULATOR
    ) -> AsyncIterator[MainWindow]:
        folder = self.tmp_path / name
        store = SettingsStore(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
        engine = open_engine(
            EngineConfig(data_dir=folder / "data", demo=True, runner=FAST_RUNNER),
            lambda: None,
            emulator=Emulator(emulator),
        )
        window = MainWindow(engine, store, store.load())
        window.show()
        try:
            yield window
        finally:
            window.close_without_asking()
            await engine.aclose()

    async def with_a_finished_job(self, window: MainWindow) -> None:
        window.generate_panel.prompt.setPlainText(PROMPT)
        window.generate_panel.count.setValue(2)
        window.generate_panel.request_generate()
        await until(
            lambda: window.grid_model.image_count() == 2 and not window.engine.runner.active_job_ids
        )

    def close(self, widget: QWidget) -> None:
        widget.close()
        widget.deleteLater()


async def nothing(_token: str) -> TokenCheck:
    return TokenCheck(None, "")


async def each_screen(screens: Screens, name: str) -> dict[str, list[Text]]:
    """Every screen of the window, read in the language currently installed."""
    read: dict[str, list[Text]] = {}
    async with screens.window(name) as window:
        read["empty window"] = list(texts(window))
        await screens.with_a_finished_job(window)
        read["window with a job"] = list(texts(window))
        window.jobs_panel.select_job(window.jobs_panel.job_ids()[0])
        assert window.show_all_button.isVisible()
        read["window showing one job"] = [*texts(window), status(window)]
        window.show_all_button.click()
        model = window.grid_model
        assert model.in_series  # the app's default view: the series under their headers
        header = model.index(0)
        read["series header"] = [
            Text("series header", str(header.data(role)))
            for role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole)
        ]
        records = model.images_at(range(model.rowCount()))
        window.copier.copy(records[:1])
        copying = status(window)
        await until(lambda: window.statusBar().currentMessage() != copying.text)
        read["copy"] = [copying, status(window)]

        window._delete(records)
        box = window.findChildren(QMessageBox)[-1]
        read["delete question"] = list(texts(box))
        box.reject()

        settings = SettingsDialog(window.settings, TokenStore(), nothing, window)
        read["settings"] = list(texts(settings))
        screens.close(settings)

        export = ExportDialog(records, window._export_options(), window)
        read["export"] = list(texts(export))
        export.reject()

        window._context_menu(records, window.mapToGlobal(window.rect().center()))
        menu = next(m for m in window.findChildren(QMenu) if m.isVisible())
        submenus = [a.menu() for a in menu.actions() if a.menu() is not None]
        read["image menu"] = list(texts(menu)) + [t for sub in submenus for t in texts(sub)]
        menu.close()

        window.engine.library.set_rating([records[0].id], 3)  # the viewer shows the stars
        records = model.images_at(range(model.rowCount()))
        viewer = ImageViewer(records, 0, window, curator=window.curator)
        viewer.show()
        read["viewer"] = list(texts(viewer))
        screens.close(viewer)

        compare = CompareWindow(records, window.engine.library, window, curator=window.curator)
        compare.show()
        read["compare"] = list(texts(compare))
        screens.close(compare)

        chooser = QFileDialog(window, "", str(screens.tmp_path))
        chooser.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        read["Qt file dialog"] = list(texts(chooser))
        screens.close(chooser)

        field = QLineEdit(window)
        menu = field.createStandardContextMenu()
        read["Qt text field menu"] = list(texts(menu))
        menu.deleteLater()
        field.deleteLater()

    welcome = WelcomeDialog(nothing)
    read["welcome"] = list(texts(welcome))
    screens.close(welcome)

    crash_dialog.show_unexpected_error(ValueError, ValueError("boom"), None)
    box = next(iter(crash_dialog._open_boxes))
    read["crash"] = list(texts(box))
    box.done(0)

    slow = EmulatorConfig(queue_seconds=30.0, run_seconds=30.0, per_image_seconds=0.0)
    async with screens.window(f"{name}-busy", slow) as window:
        window.generate_panel.prompt.setPlainText(PROMPT)
        window.generate_panel.request_generate()
        window.close()  # a job is queued: the window asks first
        box = window.findChildren(QMessageBox)[-1]
        read["quit with running jobs"] = list(texts(box)) + list(texts(window.jobs_panel))
        box.reject()
    return read


@pytest.fixture
def screens(qtbot: QtBot, tmp_path: Path) -> Screens:
    return Screens(qtbot, tmp_path)


async def test_every_screen_is_in_german(screens: Screens, tmp_path: Path) -> None:
    app = QApplication.instance()
    assert app is not None
    english = await each_screen(screens, "en")
    with language(app, Language.GERMAN):
        german = await each_screen(screens, "de")
    # What the user typed, what the model is sent (always English) and the error's own text.
    data = (
        *(compose_prompt(PROMPT, count) for count in (2, 3)),
        PROMPT,
        str(tmp_path),
        "ValueError: boom",
    )

    found = {screen: untranslated(english[screen], german[screen], data) for screen in english}

    left = "\n".join(f"{screen}: {text}" for screen, texts in found.items() for text in texts)
    assert not left, f"still in English:\n{left}"
    german_texts = {t.text for screen in german.values() for t in screen}
    # The walk reads what it should: the app's words and Qt's own, in German.
    samples = {"Datei", "Einstellungen", "Abbrechen", "Rückgängig\tStrg+Z", "Suchen in:"}
    samples |= {"Nur markierte", "Abgelehnte ausblenden", "Markieren", "Bewertung", "Jedes Format"}
    samples |= {"★★★☆☆ (3 Sterne)", "2 Bilder vergleichen", "Nicht markiert · ★★★☆☆ (3 Sterne)"}
    assert samples <= german_texts


def test_system_language_follows_the_environment() -> None:
    from PySide6.QtCore import QLocale

    from seedream_desktop.ui.i18n import formatting_locale, language_code

    assert language_code(Language.SYSTEM, QLocale("de_AT")) == "de"
    assert language_code(Language.SYSTEM, QLocale("fr_FR")) == "en"
    assert language_code(Language.ENGLISH, QLocale("de_DE")) == "en"
    assert formatting_locale("de", QLocale("de_AT")).name() == "de_AT"
    assert formatting_locale("de", QLocale("en_GB")).name() == "de_DE"


def test_numbers_prices_and_dates_follow_the_language(qtbot: QtBot) -> None:
    from datetime import datetime
    from decimal import Decimal

    from seedream_desktop.ui.formatting import date_time, dimensions, human_bytes
    from seedream_desktop.ui.money_status import money_text as price

    app = QApplication.instance()
    assert app is not None
    with language(app, Language.GERMAN):
        german = (
            dimensions(2560, 1440),
            price(Decimal("0.09")),
            date_time(datetime(2026, 12, 2, 4, 38)),
        )
        size = human_bytes(2_516_582)
    assert german == ("2.560 × 1.440", "0,09\u00a0US$", "02.12.2026 04:38")
    assert size == "2,4 MB"
    assert (dimensions(2560, 1440), price(Decimal("0.09"))) == ("2,560 × 1,440", "US$0.09")


async def test_resumed_and_left_alone_jobs_are_said_in_german(
    make_window: Callable[..., MainWindow],
) -> None:
    window = make_window()
    app = QApplication.instance()
    assert app is not None
    with language(app, Language.GERMAN):
        window.show_resumed(2, [7])
        shown = window.statusBar().currentMessage()
    assert shown == (
        "2 unfertige Aufträge vom letzten Mal werden fortgesetzt. 1 Auftrag (7) wird von einem "
        "anderen Seedream Desktop ausgeführt (einem Fenster, `generate` oder `resume`) und hier "
        "nicht angerührt."
    )


def _mnemonics(texts: list[str]) -> list[str]:
    return [m[1].lower() for text in texts if (m := re.search(r"(?<!&)&([^&\s])", text))]


async def test_german_mnemonics_do_not_clash(make_window: Callable[..., MainWindow]) -> None:
    app = QApplication.instance()
    assert app is not None
    with language(app, Language.GERMAN):
        window = make_window()
        groups = [[a.text() for a in window.menuBar().actions()]]
        groups += [[a.text() for a in menu.actions()] for menu in window.findChildren(QMenu)]
        export = ExportDialog([], window._export_options(), window)
        groups.append(
            [w.text() for w in export.findChildren(QLabel) if w.buddy() is not None]
            + [w.text() for w in export.findChildren(QAbstractButton)]
        )
        export.reject()
    for texts in groups:
        letters = _mnemonics(texts)
        assert len(letters) == len(set(letters)), texts


async def test_german_filter_choices_are_not_cut_off(
    make_window: Callable[..., MainWindow], qtbot: QtBot
) -> None:
    """The filter bar's combo boxes are as wide as their longest German choice ("Jede Bewertung"
    was drawn as "Jede Bewe")."""
    app = QApplication.instance()
    assert app is not None
    with language(app, Language.GERMAN):
        window = make_window()
        window.resize(1100, 700)
        window.show()
        await until(window.isVisible)
        cut = []
        for combo in window.filter_bar.findChildren(QComboBox):
            widest = max(
                combo.fontMetrics().horizontalAdvance(combo.itemText(i))
                for i in range(combo.count())
            )
            if combo.width() < widest + combo.iconSize().width():
                cut.append((combo.accessibleName(), combo.width(), widest))
    assert cut == []
