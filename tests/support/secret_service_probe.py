"""Drives the app's TokenStore against whatever keyring this process finds, prints one JSON line.

Run by ``tests/core/test_keyring_secret_service.py`` inside a private D-Bus session. Modes:

- ``roundtrip FIRST SECOND``: save, read back through fresh stores, replace, remove.
- ``save-only TOKEN``: one save, to see where the token ends up when the keyring refuses it.

Tokens arrive as arguments and are never printed: only whether what came back matched.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import keyring

from seedream_desktop.core.token_store import ACCOUNT, SERVICE, TokenStore


def _backend(store: TokenStore) -> dict[str, Any]:
    backend = keyring.get_keyring()
    return {
        "backend_class": f"{type(backend).__module__}.{type(backend).__qualname__}",
        "backend_name": store.backend_name,
        "backend_available": store.backend_available,
    }


def roundtrip(first: str, second: str) -> dict[str, Any]:
    store = TokenStore()
    report = _backend(store)
    report["initial_source"] = store.source.value
    saved = store.save(first)
    report["save_source"] = saved.source.value
    # Fresh stores have no cache: what they read came from the Secret Service.
    reader = TokenStore()
    report["fresh_source"] = reader.source.value
    report["fresh_matches_first"] = reader.get() == first
    report["raw_matches_first"] = keyring.get_password(SERVICE, ACCOUNT) == first
    store.save(second)
    report["replaced_matches_second"] = TokenStore().get() == second
    store.remove()
    after = TokenStore()
    report["after_remove_source"] = after.source.value
    report["after_remove_raw_is_none"] = keyring.get_password(SERVICE, ACCOUNT) is None
    report["repr_leaks"] = first in repr(store) or second in repr(store)
    return report


def save_only(token: str) -> dict[str, Any]:
    store = TokenStore()
    report = _backend(store)
    saved = store.save(token)
    report["save_source"] = saved.source.value
    report["save_message"] = saved.message
    report["source_after_save"] = store.source.value
    report["get_matches"] = store.get() == token
    report["backend_available_after_save"] = store.backend_available
    return report


def main(argv: list[str]) -> int:
    mode, *tokens = argv
    report = roundtrip(*tokens) if mode == "roundtrip" else save_only(*tokens)
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
