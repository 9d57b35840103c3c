"""What is sent when a series is written frame by frame or with styles, and numbers it states."""

from __future__ import annotations

import pytest

from seedream_desktop.api.count_words import count_conflict, drop_stated, stated_numbers
from seedream_desktop.api.params import (
    PROMPT_MAX_CHARS,
    ParamsError,
    Style,
    compose_prompt,
    new_request,
    without_styles,
)

CRANE = ["a flat square of paper", "folded in half", "wings appear", "a swallow takes off"]


def test_frames_are_sent_as_one_text_that_states_their_number_and_lists_them() -> None:
    params = new_request("A paper crane, studio light", count=4, frames=CRANE, seed=1)
    assert params.prompt == (
        "Generate 4 images of a paper crane, studio light: image 1: a flat square of paper; "
        "image 2: folded in half; image 3: wings appear; image 4: a swallow takes off"
    )
    assert (params.count, params.description) == (4, "A paper crane, studio light")
    assert params.to_json()["sequential_image_generation_options"] == 4


def test_frames_without_a_shared_description() -> None:
    assert compose_prompt("", 2, frames=[" a fox asleep ", "a fox awake."]) == (
        "Generate 2 images: image 1: a fox asleep; image 2: a fox awake."
    )


def test_styles_that_are_on_close_the_text_and_are_recorded_by_name() -> None:
    styles = [Style("Watercolour", "soft watercolour, paper texture"), Style("Ink", "ink lines")]
    params = new_request("a fox.", count=2, styles=styles, seed=1)
    assert params.prompt == (
        "Generate 2 images of a fox. Style: soft watercolour, paper texture; ink lines"
    )
    assert params.styles == ("Watercolour", "Ink")
    assert "styles" not in params.to_json() and "description" not in params.to_json()


def test_the_styles_closing_comes_off_only_as_it_was_written() -> None:
    ink = Style("Ink", "ink lines")
    sent = compose_prompt("a fox", 2, styles=[ink])
    assert without_styles(sent, [ink]) == "Generate 2 images of a fox"
    assert without_styles(sent, [Style("Ink", "bold ink")]) is None
    assert without_styles(sent, []) == sent


def test_frame_count_must_match_and_no_frame_may_be_empty() -> None:
    with pytest.raises(ParamsError, match="3 frames but the count is 4"):
        new_request("a fox", count=4, frames=["a", "b", "c"])
    with pytest.raises(ParamsError, match="Frame 2 is empty"):
        new_request("a fox", count=3, frames=["a", " ", "c"])


def test_the_600_limit_is_on_the_compiled_text() -> None:
    # Each frame is short, but the numbered list they make crosses the limit.
    frames = ["x" * 30] * 15
    text = compose_prompt("a fox", 15, frames=frames)
    assert len(text) > PROMPT_MAX_CHARS
    with pytest.raises(ParamsError, match=f"{len(text)} characters; the limit is 600"):
        new_request("a fox", count=15, frames=frames)
    fits = ["x" * 20] * 15
    assert len(new_request("a fox", count=15, frames=fits).prompt) <= PROMPT_MAX_CHARS


@pytest.mark.parametrize(
    ("text", "stated"),
    [
        ("a paper crane unfolding into a swallow, four steps", 4),
        ("a fox, 5 cinematic images", 5),
        ("twelve panels of a comic", 12),
        ("eine Katze, vier Bilder", 4),
        ("zwölf Motive für einen Kalender", 12),
        ("zwoelf Fotos", 12),
        ("fünfzehn Ansichten eines Hauses", 15),
        ("dreizehn Varianten", 13),
        ("vierzehn Schritte", 14),
        ("sechs kleine Einzelbilder", 6),
        ("acht Produktfotos", 8),
        ("sieben Szenen", 7),
        ("two views of a chair", 2),
        ("eleven variations", 11),
        ("one shot", 1),
    ],
)
def test_numbers_of_images_in_english_and_german(text: str, stated: int) -> None:
    assert [found.number for found in stated_numbers(text)] == [stated]


@pytest.mark.parametrize(
    "text",
    ["a staircase with steep stairs", "four friends at a table", "Bild von vier Katzen", ""],
)
def test_numbers_not_of_images_are_not_a_count(text: str) -> None:
    assert stated_numbers(text) == []


def test_a_conflict_is_the_first_number_that_differs_from_the_count() -> None:
    found = count_conflict("a paper crane unfolding into a swallow, four steps", 3)
    assert found is not None and found.number == 4
    assert count_conflict("a paper crane, four steps", 4) is None
    assert count_conflict("drei Bilder, dann fünf Motive", 3).number == 5  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "dropped"),
    [
        (
            "a paper crane unfolding into a swallow, four steps",
            "a paper crane unfolding into a swallow",
        ),
        ("a crane, four steps, watercolour", "a crane, watercolour"),
        ("Generate 4 images of a fox", "a fox"),
        ("vier Bilder: eine Katze", "eine Katze"),
    ],
)
def test_dropping_the_words_leaves_a_clean_description(text: str, dropped: str) -> None:
    found = count_conflict(text, 3)
    assert found is not None
    assert drop_stated(text, found) == dropped
