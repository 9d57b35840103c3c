"""The API's address: validation of a configured base URL and the endpoint paths.

Plain http is accepted only for this computer (the emulator in demo mode and tests): anything
that crosses a network must be https, because every API call carries the bearer token.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

from seedream_desktop.api.params import MODEL_ID

DEFAULT_BASE_URL = "https://model-api.runcomfy.net"
BASE_URL_ENV = "SEEDREAM_API_BASE_URL"
SUBMIT_PATH = f"/v1/models/{MODEL_ID}"
#: A GET on the submit path reads the model's catalog entry (its live price).
CATALOG_PATH = SUBMIT_PATH
#: The account balance lives on another host, shared by every RunComfy product.
DEFAULT_BALANCE_BASE_URL = "https://api.runcomfy.net/prod/v2"
BALANCE_BASE_URL_ENV = "SEEDREAM_BALANCE_BASE_URL"
BALANCE_PATH = "/balance"
# One DNS label, as it appears in a URL after IDNA encoding.
_LABEL_RE = re.compile(r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?", re.IGNORECASE)


def request_path(request_id: str, action: str) -> str:
    """``/v1/requests/{id}/{action}``; ``request_id`` must already be validated."""
    return f"/v1/requests/{request_id}/{action}"


def is_loopback_host(host: str) -> bool:
    """True for ``localhost``, 127.0.0.0/8 and ::1 (with or without IPv6 brackets)."""
    name = host.strip().lower().removeprefix("[").removesuffix("]").rstrip(".")
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def validate_base_url(url: str, *, example: str = DEFAULT_BASE_URL) -> str:
    """The normalised base URL (lower-case scheme and host, no trailing slash).

    ``example`` is the address the refusal shows as the expected form.

    Raises ``ValueError`` whose message can be shown to a designer as is.
    """
    text = url.strip()
    if text == DEFAULT_BASE_URL:  # known good; the check below would load httpx (~100 ms)
        return DEFAULT_BASE_URL
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise ValueError(f"“{url}” is not a valid web address.") from None
    scheme = parts.scheme.lower()
    host = parts.hostname or ""
    if scheme not in ("http", "https") or not host:
        raise ValueError(f"“{url}” is not a valid API address: it must look like {example}.")
    if parts.username is not None or parts.password is not None:
        raise ValueError("The API address must not contain a user name or password.")
    if parts.query or parts.fragment:
        raise ValueError("The API address must not contain “?” or “#” parts.")
    if scheme == "http" and not is_loopback_host(host):
        raise ValueError(
            "The API address must start with https:// — plain http is allowed only for this "
            "computer (localhost, 127.0.0.1 or ::1)."
        )
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc = f"{netloc}:{port}"
    result = f"{scheme}://{netloc}{parts.path.rstrip('/')}"
    # urlsplit lets through hosts that httpx then percent-escapes or fails on only at the first
    # request (spaces, invalid IDNA labels): check with the parser the client will use. Imported
    # here: loading the settings (the CLI's `history`, the window's start) must not cost httpx.
    import httpx

    try:
        parsed = httpx.URL(result)
        # ``host`` decodes IDNA labels ("xn--…"), which fails on an invalid one.
        valid_host = bool(parsed.host) and _is_valid_host(parsed.raw_host.decode("ascii"))
    except (httpx.InvalidURL, ValueError):
        valid_host = False
    if not valid_host:
        raise ValueError(f"“{url}” is not a valid web address.")
    return result


def _is_valid_host(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return all(_LABEL_RE.fullmatch(label) for label in host.removesuffix(".").split("."))
    return True
