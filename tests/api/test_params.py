"""Request parameters: what a designer types either becomes a sendable body or a ParamsError."""

from __future__ import annotations

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from seedream_desktop.api.params import (
    SEED_MAX,
    SEED_MIN,
    GenerationParams,
    ParamsError,
    new_request,
)


def test_a_prompt_with_half_an_emoji_is_refused_in_words() -> None:
    with pytest.raises(ParamsError) as caught:
        GenerationParams.from_description("a cat \ud83d")
    assert caught.value.field == "prompt"
    assert "cannot be sent" in str(caught.value)


# Categories include Cs (surrogates), which st.text() leaves out by default.
ANY_TEXT = st.text(st.characters(codec=None, categories=["L", "N", "P", "Zs", "So", "Cs"]))


@given(ANY_TEXT)
def test_any_accepted_prompt_makes_a_request_body_that_can_be_sent(text: str) -> None:
    try:
        params = GenerationParams.from_description(text, count=2)
    except ParamsError:
        return
    request = httpx.Request("POST", "https://model-api.runcomfy.net/x", json=params.to_json())
    assert request.content


def test_a_request_without_a_seed_gets_a_random_one_that_is_sent() -> None:
    drawn = new_request("a fox", count=2, draw_seed=lambda: 1234)
    assert drawn.seed == 1234 and drawn.to_json()["seed"] == 1234
    assert new_request("a fox", count=2, seed=7, draw_seed=lambda: 1234).seed == 7
    assert new_request("a fox", count=2).prompt == "Generate 2 images of a fox"
    seeds = {new_request("a fox", count=1).seed for _ in range(20)}
    assert len(seeds) > 1 and all(SEED_MIN <= s <= SEED_MAX for s in seeds)  # type: ignore[operator]
    with pytest.raises(ParamsError, match="Seed must be"):
        new_request("a fox", count=1, seed=-5)
