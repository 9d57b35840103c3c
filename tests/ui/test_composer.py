"""The composer driven like a designer: frames by keyboard, the count warning, styles, history."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from seedream_desktop.api.params import GenerationParams, Style
from seedream_desktop.core.library import Library
from seedream_desktop.core.paths import LibraryPaths
from seedream_desktop.core.pricing import PriceQuote, PriceSource
from seedream_desktop.core.settings import Language
from seedream_desktop.ui.generate_panel import GeneratePanel
from tests.support.language import language

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
CRANE = "a paper crane unfolding into a swallow, four steps"


@pytest.fixture
def library_at(tmp_path: Path) -> Iterator[Callable[[], Library]]:
    """Opens the same library folder again each call, as a restart would."""
    opened: list[Library] = []

    def open_library() -> Library:
        opened.append(Library.open(LibraryPaths.for_root(tmp_path / "library")))
        return opened[-1]

    yield open_library
    for library in opened:
        library.close()


@pytest.fixture
def make_panel(
    qtbot: QtBot, library_at: Callable[[], Library]
) -> Callable[[Library | None], GeneratePanel]:
    def make(library: Library | None = None) -> GeneratePanel:
        store = (library or library_at()).composer
        panel = GeneratePanel(PriceQuote(Decimal("0.03"), PriceSource.SETTING), store)
        qtbot.addWidget(panel)
        panel.show()
        panel.activateWindow()  # focus (where Enter adds a frame, where history is offered)
        qtbot.waitUntil(panel.isActiveWindow)
        return panel

    return make


def sent(panel: GeneratePanel) -> list[GenerationParams]:
    requests: list[GenerationParams] = []
    panel.generateRequested.connect(requests.append)
    panel.generate.click()
    return requests


def test_four_steps_with_count_three_warns_and_sets_the_count_in_one_click(
    qtbot: QtBot, make_panel: Callable[..., GeneratePanel]
) -> None:
    panel = make_panel()
    panel.count.setValue(3)
    qtbot.keyClicks(panel.prompt, CRANE)
    warning = panel.count_warning
    assert warning.isVisible() and "four steps" in warning.message.text()
    assert warning.set_count.text() == "Set count to 4"

    qtbot.mouseClick(warning.set_count, Qt.MouseButton.LeftButton)

    assert panel.count.value() == 4
    assert not warning.isVisible()
    assert panel.sent_prompt() == f"Generate 4 images of {CRANE}"


def test_the_other_fix_drops_the_conflicting_words(
    qtbot: QtBot, make_panel: Callable[..., GeneratePanel]
) -> None:
    panel = make_panel()
    panel.count.setValue(3)
    qtbot.keyClicks(panel.prompt, CRANE)
    assert panel.count_warning.drop.text() == "Drop “four steps”"

    qtbot.mouseClick(panel.count_warning.drop, Qt.MouseButton.LeftButton)

    assert panel.prompt.toPlainText() == "a paper crane unfolding into a swallow"
    assert panel.count.value() == 3
    assert not panel.count_warning.isVisible()
    expected = "Sends: “Generate 3 images of a paper crane unfolding into a swallow”"
    assert panel.sent_text.text() == expected


def test_german_number_words_warn_too(
    qtbot: QtBot, make_panel: Callable[..., GeneratePanel]
) -> None:
    panel = make_panel()
    panel.count.setValue(3)
    # QTest aborts on keys outside ASCII: the umlaut is typed as an input method would.
    qtbot.keyClicks(panel.prompt, "eine Katze im Schnee, zw")
    panel.prompt.insertPlainText("ö")
    qtbot.keyClicks(panel.prompt, "lf Motive")
    assert panel.count_warning.isVisible()
    qtbot.mouseClick(panel.count_warning.set_count, Qt.MouseButton.LeftButton)
    assert panel.count.value() == 12 and not panel.count_warning.isVisible()


def test_frames_by_keyboard_and_the_count_follows_them(
    qtbot: QtBot, make_panel: Callable[..., GeneratePanel]
) -> None:
    panel = make_panel()
    panel.count.setValue(2)
    qtbot.keyClicks(panel.prompt, "a paper crane")
    qtbot.mouseClick(panel.frame_by_frame, Qt.MouseButton.LeftButton)
    frames = panel.frames
    assert frames.frames() == ["", ""] and not panel.count.isEnabled()

    qtbot.keyClicks(frames.frame_edit(0), "flat paper")
    qtbot.keyClick(frames.frame_edit(0), Qt.Key.Key_Return)  # to the empty frame 2
    assert frames.frame_edit(1).hasFocus() and len(frames.frames()) == 2
    qtbot.keyClicks(frames.frame_edit(1), "wings")
    qtbot.keyClick(frames.frame_edit(1), Qt.Key.Key_Return)  # a new frame below, focused
    assert frames.frame_edit(2).hasFocus()
    qtbot.keyClicks(frames.frame_edit(2), "folded")
    assert frames.frames() == ["flat paper", "wings", "folded"] and panel.count.value() == 3

    qtbot.keyClick(frames.frame_edit(2), Qt.Key.Key_Up, ALT)  # "folded" moves up
    assert frames.frames() == ["flat paper", "folded", "wings"]
    assert frames.frame_edit(1).hasFocus()

    qtbot.keyClick(frames.frame_edit(1), Qt.Key.Key_Down, ALT)  # and back down
    assert frames.frames() == ["flat paper", "wings", "folded"]
    qtbot.keyClick(frames.frame_edit(2), Qt.Key.Key_Up)  # plain ↑ goes to the frame above
    assert frames.frame_edit(1).hasFocus()
    qtbot.keyClick(frames.frame_edit(1), Qt.Key.Key_Down, ALT)
    assert frames.frames() == ["flat paper", "folded", "wings"]

    qtbot.keyClick(frames.frame_edit(1), Qt.Key.Key_Return)  # next is written: a new one
    assert frames.frames() == ["flat paper", "folded", "", "wings"]
    qtbot.keyClick(frames.frame_edit(2), Qt.Key.Key_Delete, CTRL)  # empty: removed
    assert frames.frames() == ["flat paper", "folded", "wings"]

    qtbot.keyClick(frames.frame_edit(2), Qt.Key.Key_Return)
    assert panel.count.value() == 4
    qtbot.keyClick(frames.frame_edit(3), Qt.Key.Key_Backspace, CTRL)  # empty: removed
    assert frames.frames() == ["flat paper", "folded", "wings"] and panel.count.value() == 3
    # In a written frame Ctrl+Backspace deletes a word, as in any line; the frame stays.
    qtbot.keyClick(frames.frame_edit(2), Qt.Key.Key_Backspace, CTRL)
    assert frames.frames() == ["flat paper", "folded", ""]
    qtbot.keyClicks(frames.frame_edit(2), "wings")

    remove = frames._rows[0].remove
    assert remove.accessibleName() == "Remove frame 1"
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert frames.frames() == ["folded", "wings"] and panel.count.value() == 2

    expected = "Generate 2 images of a paper crane: image 1: folded; image 2: wings"
    assert panel.sent_text.text() == f"Sends: “{expected}”"
    assert panel.counter.text() == f"{len(expected)} / 600"
    (params,) = sent(panel)
    assert (params.prompt, params.count) == (expected, 2)


def test_switching_modes_keeps_what_was_typed(
    qtbot: QtBot, make_panel: Callable[..., GeneratePanel]
) -> None:
    panel = make_panel()
    qtbot.keyClicks(panel.prompt, "a fox")
    qtbot.mouseClick(panel.frame_by_frame, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(panel.frames.frame_edit(0), "asleep")
    qtbot.mouseClick(panel.one_description, Qt.MouseButton.LeftButton)
    assert not panel.frames.isVisible() and panel.count.isEnabled()
    assert panel.sent_prompt() == "Generate 3 images of a fox"
    qtbot.mouseClick(panel.frame_by_frame, Qt.MouseButton.LeftButton)
    assert panel.prompt.toPlainText() == "a fox"
    assert panel.frames.frames()[0] == "asleep"


def test_an_empty_frame_is_not_sent(qtbot: QtBot, make_panel: Callable[..., GeneratePanel]) -> None:
    panel = make_panel()
    qtbot.keyClicks(panel.prompt, "a fox")
    qtbot.mouseClick(panel.frame_by_frame, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(panel.frames.frame_edit(0), "asleep")
    assert sent(panel) == []
    assert panel.prompt_error.text() == "Frame 2 is empty: describe it or remove it."


def test_styles_are_saved_toggled_sent_and_survive_a_restart(
    qtbot: QtBot,
    make_panel: Callable[..., GeneratePanel],
    library_at: Callable[[], Library],
) -> None:
    first = library_at()
    panel = make_panel(first)
    qtbot.keyClicks(panel.prompt, "a fox")
    qtbot.mouseClick(panel.styles.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(panel.styles.name_edit, "Watercolour")
    qtbot.keyClicks(panel.styles.text_edit, "soft watercolour, paper texture")
    qtbot.keyClick(panel.styles.text_edit, Qt.Key.Key_Return)
    chip = panel.styles.chip("Watercolour")
    assert chip.isChecked()
    assert (
        panel.sent_prompt() == "Generate 3 images of a fox. Style: soft watercolour, paper texture"
    )
    (params,) = sent(panel)
    assert params.styles == ("Watercolour",)

    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)  # off
    assert panel.sent_prompt() == "Generate 3 images of a fox"
    first.close()

    again = make_panel(library_at())
    assert not again.styles.chip("Watercolour").isChecked()
    qtbot.mouseClick(again.styles.chip("Watercolour"), Qt.MouseButton.LeftButton)
    assert again.styles.active_styles() == [Style("Watercolour", "soft watercolour, paper texture")]


def test_history_offers_earlier_descriptions_and_survives_a_restart(
    qtbot: QtBot, make_panel: Callable[..., GeneratePanel], library_at: Callable[[], Library]
) -> None:
    first = library_at()
    for description in ("a paper crane", "a red fox in snow", "a paper lantern"):
        first.create_job(GenerationParams.from_description(description, 2))
    first.close()

    panel = make_panel(library_at())
    panel.prompt.setFocus()
    qtbot.keyClicks(panel.prompt, "paper")
    completer = panel.history.completer
    assert completer.popup().isVisible()
    offered = [completer.completionModel().index(r, 0).data() for r in range(2)]
    assert offered == ["a paper lantern", "a paper crane"]  # newest first
    # The open list has the keyboard: Ctrl+↑ there still steps the history.
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Up, CTRL)
    assert panel.prompt.toPlainText() == "a paper lantern"
    assert not completer.popup().isVisible()
    qtbot.keyClick(panel.prompt, Qt.Key.Key_Down, CTRL)
    assert panel.prompt.toPlainText() == "paper"  # the draft comes back

    panel.prompt.clear()
    qtbot.keyClick(panel.prompt, Qt.Key.Key_Up, CTRL)
    assert panel.prompt.toPlainText() == "a paper lantern"
    qtbot.keyClick(panel.prompt, Qt.Key.Key_Up, CTRL)
    assert panel.prompt.toPlainText() == "a red fox in snow"
    qtbot.keyClick(panel.prompt, Qt.Key.Key_Down, CTRL)
    qtbot.keyClick(panel.prompt, Qt.Key.Key_Down, CTRL)
    assert panel.prompt.toPlainText() == ""  # back to the draft

    qtbot.keyClicks(panel.prompt, "lant")  # choosing from the list takes the whole entry
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)
    assert panel.prompt.toPlainText() == "a paper lantern"
    assert not completer.popup().isVisible()

    panel.prompt.clear()
    qtbot.keyClicks(panel.prompt, "a heron")
    (params,) = sent(panel)
    panel.remember(params)
    panel.prompt.clear()
    qtbot.keyClick(panel.prompt, Qt.Key.Key_Up, CTRL)
    assert panel.prompt.toPlainText() == "a heron"


def test_reusing_a_styled_job_turns_its_styles_on_instead_of_sending_them_twice(
    qtbot: QtBot, make_panel: Callable[..., GeneratePanel], library_at: Callable[[], Library]
) -> None:
    library = library_at()
    watercolour = Style("Watercolour", "soft watercolour")
    library.composer.save_style(watercolour, active=False)
    library.composer.save_style(Style("Ink", "ink lines"), active=True)
    panel = make_panel(library)
    job = GenerationParams.from_description("a fox", 2, styles=[watercolour])

    panel.reuse(job)

    assert panel.styles.active_styles() == [watercolour]
    assert (
        panel.sent_prompt() == job.prompt == "Generate 2 images of a fox. Style: soft watercolour"
    )

    library.composer.save_style(Style("Watercolour", "bold watercolour"))  # edited since
    panel.styles.reload()
    panel.reuse(job)
    assert panel.styles.active_styles() == []
    assert panel.sent_prompt() == job.prompt


def test_a_style_is_deleted_from_its_chip(
    qtbot: QtBot, make_panel: Callable[..., GeneratePanel], library_at: Callable[[], Library]
) -> None:
    library = library_at()
    library.composer.save_style(Style("Ink", "ink lines"))
    panel = make_panel(library)
    panel.styles.delete_style("Ink")
    assert panel.styles.saved_styles() == [] and library.composer.styles() == []
    assert panel.sent_prompt() == "Generate 3 images."


def test_a_series_stops_at_fifteen_frames(
    qtbot: QtBot, make_panel: Callable[..., GeneratePanel]
) -> None:
    panel = make_panel()
    qtbot.mouseClick(panel.frame_by_frame, Qt.MouseButton.LeftButton)
    panel.frames.set_frames([f"pose {i}" for i in range(1, 16)])
    assert panel.count.value() == 15 and not panel.frames.add_button.isEnabled()
    last = panel.frames.frame_edit(14)
    last.setFocus()  # past six frames they scroll: the one being typed in is brought into view
    qtbot.waitUntil(lambda: panel.frames._scroll.verticalScrollBar().value() > 0)
    qtbot.keyClick(last, Qt.Key.Key_Return)
    assert len(panel.frames.frames()) == 15 and last.hasFocus()


def test_the_count_reads_one_image_and_two_images_in_english_and_german(
    qtbot: QtBot, qapp: QApplication, make_panel: Callable[..., GeneratePanel]
) -> None:
    panel = make_panel()
    panel.count.setValue(1)
    assert panel.count.text() == "1 image"
    panel.count.setValue(2)
    assert panel.count.text() == "2 images"
    with language(qapp, Language.GERMAN):
        german = make_panel()
        german.count.setValue(1)
        assert german.count.text() == "1 Bild"
        german.count.setValue(4)
        assert german.count.text() == "4 Bilder"
        german.frame_by_frame.setChecked(True)
        assert german.count.text() == "4 Bilder, eins pro Einzelbild"
