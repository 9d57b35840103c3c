"""The bearer token reaches the API origin and nothing else."""

from __future__ import annotations

import httpx
import pytest

from seedream_desktop.api.auth import MSG_NO_TOKEN, BearerAuth
from seedream_desktop.api.errors import TokenRejectedError

from .conftest import TOKEN, Recorder


async def send(auth: BearerAuth, url: str) -> httpx.Request:
    recorder = Recorder(httpx.Response(200))
    async with httpx.AsyncClient(transport=httpx.MockTransport(recorder), auth=auth) as client:
        await client.get(url)
    return recorder.requests[0]


@pytest.mark.parametrize(
    "url",
    [
        "https://model-api.runcomfy.net/v1/requests/x/status",
        "https://MODEL-API.runcomfy.net:443/v1/requests/x/status",
    ],
)
async def test_token_is_sent_to_the_api_origin(url: str) -> None:
    request = await send(BearerAuth(lambda: TOKEN, "https://model-api.runcomfy.net"), url)
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"


@pytest.mark.parametrize(
    "url",
    [
        "https://serverless-api-storage.runcomfy.net/out/a.png",
        "https://model-api.runcomfy.net.evil.com/v1/requests/x/status",
        "https://model-api.runcomfy.net:8443/v1/requests/x/status",
        "http://model-api.runcomfy.net/v1/requests/x/status",
    ],
)
async def test_token_is_not_sent_elsewhere(url: str) -> None:
    request = await send(BearerAuth(lambda: TOKEN, "https://model-api.runcomfy.net"), url)
    assert "Authorization" not in request.headers


async def test_loopback_api_port_must_match() -> None:
    auth = BearerAuth(lambda: TOKEN, "http://127.0.0.1:8765")
    assert "Authorization" in (await send(auth, "http://127.0.0.1:8765/v1/x")).headers
    assert "Authorization" not in (await send(auth, "http://127.0.0.1:9999/img.png")).headers


async def test_surrounding_whitespace_of_a_pasted_token_is_dropped() -> None:
    auth = BearerAuth(lambda: f"  {TOKEN}\n", "https://model-api.runcomfy.net")
    request = await send(auth, "https://model-api.runcomfy.net/a")
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"


async def test_a_replaced_token_applies_to_the_next_request() -> None:
    tokens = iter(["tok-old", "tok-new"])
    auth = BearerAuth(lambda: next(tokens), "https://model-api.runcomfy.net")
    first = await send(auth, "https://model-api.runcomfy.net/a")
    second = await send(auth, "https://model-api.runcomfy.net/b")
    assert first.headers["Authorization"] == "Bearer tok-old"
    assert second.headers["Authorization"] == "Bearer tok-new"


@pytest.mark.parametrize("token", [None, "", "   "])
async def test_missing_token_is_refused_before_sending(token: str | None) -> None:
    recorder = Recorder(httpx.Response(200))
    auth = BearerAuth(lambda: token, "https://model-api.runcomfy.net")
    async with httpx.AsyncClient(transport=httpx.MockTransport(recorder), auth=auth) as client:
        with pytest.raises(TokenRejectedError) as caught:
            await client.get("https://model-api.runcomfy.net/v1/requests/x/status")
    assert str(caught.value) == MSG_NO_TOKEN
    assert recorder.requests == []


@pytest.mark.parametrize(
    "token", [f"{TOKEN[:8]}\n{TOKEN[8:]}", f"{TOKEN}\r\nX-Evil: 1", "tök-123", "a b"]
)
async def test_token_with_impossible_characters_is_refused_without_echo(token: str) -> None:
    recorder = Recorder(httpx.Response(200))
    auth = BearerAuth(lambda: token, "https://model-api.runcomfy.net")
    async with httpx.AsyncClient(transport=httpx.MockTransport(recorder), auth=auth) as client:
        with pytest.raises(TokenRejectedError) as caught:
            await client.get("https://model-api.runcomfy.net/v1/requests/x/status")
    assert token.strip() not in str(caught.value)
    assert token.strip() not in repr(caught.value)
    assert recorder.requests == []


BALANCE = "https://api.runcomfy.net/prod/v2"


async def test_token_goes_to_exactly_the_api_and_the_balance_origins() -> None:
    auth = BearerAuth(lambda: TOKEN, "https://model-api.runcomfy.net", BALANCE)
    assert "Authorization" in (await send(auth, f"{BALANCE}/balance")).headers
    assert "Authorization" in (await send(auth, "https://model-api.runcomfy.net/v1/x")).headers
    for elsewhere in (
        "https://files.runcomfy.net/a.png",
        "https://api.runcomfy.net:8443/prod/v2/balance",
        "http://api.runcomfy.net/prod/v2/balance",
        "https://runcomfy.net/prod/v2/balance",
    ):
        assert "Authorization" not in (await send(auth, elsewhere)).headers, elsewhere


def test_an_auth_without_any_origin_is_refused() -> None:
    with pytest.raises(ValueError):
        BearerAuth(lambda: TOKEN)
