"""Request parameters: what a designer types either becomes a sendable body or a ParamsError."""

from __future__ import annotations

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from seedream_desktop.api.params import GenerationParams, ParamsError


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
