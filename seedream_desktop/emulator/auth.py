"""Reading the bearer token, and the only form in which the emulator keeps it: a digest."""

from __future__ import annotations

import hashlib

from starlette.datastructures import Headers


def bearer_token(headers: Headers) -> str | None:
    scheme, _, token = headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def token_digest(token: str) -> str:
    """Jobs and fault bindings remember their token by this, so no repr or dump can leak it."""
    return hashlib.sha256(token.encode()).hexdigest()
