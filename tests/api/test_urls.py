from __future__ import annotations

import pytest

from seedream_desktop.api.urls import DEFAULT_BASE_URL, is_loopback_host, validate_base_url


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (DEFAULT_BASE_URL, "https://model-api.runcomfy.net"),
        ("https://model-api.runcomfy.net/", "https://model-api.runcomfy.net"),
        ("  HTTPS://Model-API.RunComfy.net//  ", "https://model-api.runcomfy.net"),
        ("https://proxy.example.com:8443/runcomfy/", "https://proxy.example.com:8443/runcomfy"),
        ("http://127.0.0.1:8765", "http://127.0.0.1:8765"),
        ("http://127.0.0.2:9000/", "http://127.0.0.2:9000"),
        ("http://localhost:8000", "http://localhost:8000"),
        ("http://[::1]:8000/", "http://[::1]:8000"),
        ("https://xn--bcher-kva.example/api", "https://xn--bcher-kva.example/api"),
    ],
)
def test_accepted_base_urls_are_normalised(given: str, expected: str) -> None:
    assert validate_base_url(given) == expected


@pytest.mark.parametrize(
    ("given", "words"),
    [
        ("http://model-api.runcomfy.net", "https://"),
        ("http://192.168.1.20:8000", "https://"),
        ("http://127.0.0.1.evil.com", "https://"),
        ("ftp://model-api.runcomfy.net", "not a valid API address"),
        ("model-api.runcomfy.net", "not a valid API address"),
        ("", "not a valid API address"),
        ("https://user:pw@model-api.runcomfy.net", "user name or password"),
        ("https://model-api.runcomfy.net/?x=1", "“?” or “#”"),
        ("https://model-api.runcomfy.net:99999", "not a valid web address"),
        ("https://exa mple.com", "not a valid web address"),
        ("https://xn--zz.com", "not a valid web address"),
        ("https://model-api..runcomfy.net", "not a valid web address"),
    ],
)
def test_refused_base_urls_explain_why(given: str, words: str) -> None:
    with pytest.raises(ValueError) as caught:
        validate_base_url(given)
    assert words in str(caught.value)


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("localhost", True),
        ("LOCALHOST.", True),
        ("127.0.0.1", True),
        ("127.255.0.9", True),
        ("::1", True),
        ("[::1]", True),
        ("128.0.0.1", False),
        ("10.0.0.1", False),
        ("localhost.example.com", False),
        ("model-api.runcomfy.net", False),
        ("", False),
    ],
)
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback_host(host) is loopback
