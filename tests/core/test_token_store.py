"""The API token store: sources, keyring use and failure, masking; the token never leaks."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest
from jeepney.wrappers import DBusAddress, DBusErrorResponse, new_error, new_method_call
from keyring.backends import fail
from keyring.backends.SecretService import Keyring as SecretServiceKeyring
from keyring.errors import (
    InitError,
    KeyringLocked,
    NoKeyringError,
    PasswordSetError,
)
from PySide6.QtCore import QSettings
from secretstorage.exceptions import SecretServiceNotAvailableException

from seedream_desktop.core.settings import Settings, SettingsStore
from seedream_desktop.core.token_store import (
    ACCOUNT,
    ENV_VAR,
    SERVICE,
    SESSION_ONLY_MESSAGE,
    TokenSource,
    TokenStore,
    TokenStoreError,
    backend_display_name,
    mask_token,
)
from tests.support.keyrings import MemoryKeyring, RefusingKeyring

TOKEN = "rc-live-a1b2c3d4e5f6g7h8i9j0"
OTHER = "rc-live-zyxwvutsrqponm7890"
ENV_TOKEN = "rc-env-0123456789abcdef"


@pytest.fixture(autouse=True)
def no_env_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)


@pytest.fixture
def memory() -> MemoryKeyring:
    return MemoryKeyring()


def test_save_stores_under_documented_entry_and_get_returns_it(memory: MemoryKeyring) -> None:
    store = TokenStore(memory)
    assert store.get() is None
    assert store.source is TokenSource.NONE

    result = store.save(f"  {TOKEN}\n")

    assert result.source is TokenSource.KEYRING
    assert memory.entries == {("seedream-desktop", "runcomfy-api-token"): TOKEN}
    assert (SERVICE, ACCOUNT) == ("seedream-desktop", "runcomfy-api-token")
    assert store.get() == TOKEN
    assert store.source is TokenSource.KEYRING


def test_token_saved_earlier_is_found_by_a_new_store(memory: MemoryKeyring) -> None:
    TokenStore(memory).save(TOKEN)

    assert TokenStore(memory).get() == TOKEN


def test_get_reads_keyring_once_however_often_called(memory: MemoryKeyring) -> None:
    memory.entries[(SERVICE, ACCOUNT)] = TOKEN
    store = TokenStore(memory)

    tokens = {store.get() for _ in range(100)}

    assert tokens == {TOKEN}
    assert memory.reads == 1


def test_reload_picks_up_a_token_changed_outside_the_app(memory: MemoryKeyring) -> None:
    store = TokenStore(memory)
    store.save(TOKEN)
    memory.entries[(SERVICE, ACCOUNT)] = OTHER

    store.reload()

    assert store.get() == OTHER


def test_save_replaces_previous_token(memory: MemoryKeyring) -> None:
    store = TokenStore(memory)
    store.save(TOKEN)

    store.save(OTHER)

    assert memory.entries == {(SERVICE, ACCOUNT): OTHER}
    assert store.get() == OTHER
    assert TokenStore(memory).get() == OTHER


def test_remove_deletes_from_keyring(memory: MemoryKeyring) -> None:
    store = TokenStore(memory)
    store.save(TOKEN)

    store.remove()

    assert memory.entries == {}
    assert store.get() is None
    assert store.source is TokenSource.NONE
    store.remove()  # removing when nothing is stored is fine


def test_env_token_overrides_and_is_never_stored(
    memory: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    memory.entries[(SERVICE, ACCOUNT)] = TOKEN
    monkeypatch.setenv(ENV_VAR, f" {ENV_TOKEN} ")
    store = TokenStore(memory)

    assert store.get() == ENV_TOKEN
    assert store.source is TokenSource.ENV
    assert store.env_override
    assert ENV_TOKEN not in memory.entries.values()


def test_saving_while_env_is_set_keeps_env_and_says_so(
    memory: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VAR, ENV_TOKEN)
    store = TokenStore(memory)

    result = store.save(TOKEN)

    assert memory.entries == {(SERVICE, ACCOUNT): TOKEN}
    assert store.get() == ENV_TOKEN
    assert ENV_VAR in result.message
    monkeypatch.delenv(ENV_VAR)
    assert store.get() == TOKEN
    assert store.source is TokenSource.KEYRING


def test_remove_leaves_env_token_in_force(
    memory: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VAR, ENV_TOKEN)
    store = TokenStore(memory)
    store.save(TOKEN)

    store.remove()

    assert memory.entries == {}
    assert store.get() == ENV_TOKEN


def test_unusable_env_token_is_ignored_without_logging_it(
    memory: MemoryKeyring, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv(ENV_VAR, "rc-env bad-token")
    memory.entries[(SERVICE, ACCOUNT)] = TOKEN
    caplog.set_level(logging.DEBUG)

    store = TokenStore(memory)

    assert [store.get() for _ in range(3)] == [TOKEN] * 3
    assert [r.getMessage() for r in caplog.records if ENV_VAR in r.getMessage()] == [
        f"{ENV_VAR} is set but is not a usable token; ignoring it."
    ]
    assert "bad-token" not in caplog.text


def test_without_keyring_token_is_kept_for_session_only_and_written_nowhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    for name, sub in (("HOME", ""), ("XDG_CONFIG_HOME", ".config"), ("XDG_DATA_HOME", "data")):
        monkeypatch.setenv(name, str(home / sub))
    caplog.set_level(logging.DEBUG)
    store = TokenStore(fail.Keyring())
    assert store.backend_name == "none"
    assert not store.backend_available

    result = store.save(TOKEN)
    SettingsStore(QSettings(str(home / "settings.ini"), QSettings.Format.IniFormat)).save(
        Settings()
    )

    assert result.source is TokenSource.SESSION
    assert result.message == (
        "No system keyring is available, so the token is kept only until you quit."
    )
    assert store.get() == TOKEN
    assert store.source is TokenSource.SESSION
    assert TokenStore(fail.Keyring()).get() is None  # gone when the app quits
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert written, "the settings file should exist, or this check proves nothing"
    assert [p for p in written if TOKEN.encode() in p.read_bytes()] == []
    assert TOKEN not in caplog.text


@pytest.mark.parametrize(
    "error",
    [
        NoKeyringError("no backend"),
        KeyringLocked("Failed to unlock the collection!"),
        InitError("Failed to create the collection: Prompt dismissed."),
        PasswordSetError("Can't store password on keychain"),
        SecretServiceNotAvailableException("Environment variable DBUS_SESSION_BUS_ADDRESS unset"),
        DBusErrorResponse(
            new_error(
                new_method_call(
                    DBusAddress("/org/freedesktop/secrets", "org.freedesktop.secrets"), "Ping"
                ),
                "org.freedesktop.DBus.Error.ServiceUnknown",
            )
        ),
    ],
    ids=lambda e: type(e).__name__,
)
def test_refusing_keyring_falls_back_to_session(error: Exception) -> None:
    store = TokenStore(RefusingKeyring(error))

    result = store.save(TOKEN)

    assert result.source is TokenSource.SESSION
    assert result.message == SESSION_ONLY_MESSAGE
    assert store.get() == TOKEN
    assert not store.backend_available


def test_unreadable_keyring_means_no_token_and_is_asked_once() -> None:
    keyring = RefusingKeyring(KeyringLocked("Failed to unlock the item!"))
    calls = 0
    original = keyring.get_password

    def counting(service: str, username: str) -> str | None:
        nonlocal calls
        calls += 1
        return original(service, username)

    keyring.get_password = counting  # type: ignore[method-assign]
    store = TokenStore(keyring)

    assert [store.get() for _ in range(5)] == [None] * 5
    assert store.source is TokenSource.NONE
    assert calls == 1


def test_backend_echoing_the_token_in_its_error_does_not_reach_the_log(
    caplog: pytest.LogCaptureFixture,
) -> None:
    class Echoing(MemoryKeyring):
        def set_password(self, service: str, username: str, password: str) -> None:
            raise PasswordSetError(f"could not store {password}")

    caplog.set_level(logging.DEBUG)

    TokenStore(Echoing()).save(TOKEN)

    assert "could not store" in caplog.text
    assert TOKEN not in caplog.text
    assert mask_token(TOKEN) in caplog.text


def test_remove_failure_is_reported_plainly() -> None:
    store = TokenStore(RefusingKeyring(KeyringLocked("Failed to unlock the collection!")))

    with pytest.raises(TokenStoreError, match="could not be reached to delete"):
        store.remove()

    assert store.get() is None  # forgotten for this session, as the message says


def test_repr_and_errors_never_show_the_token(memory: MemoryKeyring) -> None:
    store = TokenStore(memory)
    store.save(TOKEN)

    assert TOKEN not in repr(store)
    assert TOKEN[-4:] not in repr(store)
    assert store.backend_name in repr(store)
    with pytest.raises(ValueError) as excinfo:
        store.save(TOKEN + " " + TOKEN)
    assert TOKEN not in str(excinfo.value)
    assert TOKEN not in repr(excinfo.value)


@pytest.mark.parametrize(
    ("bad", "says"),
    [
        ("", "empty"),
        ("   \n", "empty"),
        ("rc-live abc", "spaces"),
        ("rc-live\tabc", "spaces"),
        ("rc-live\x00abc", "control"),
        ("rc-live\u200babc", "non-ASCII"),
    ],
)
def test_unusable_tokens_are_refused_with_a_clear_message(
    memory: MemoryKeyring, bad: str, says: str
) -> None:
    store = TokenStore(memory)

    with pytest.raises(ValueError, match=says):
        store.save(bad)

    assert memory.entries == {}


@pytest.mark.parametrize(
    ("token", "shown"),
    [
        ("rc-1234567890", "••••••••7890"),
        ("abcdefghijkl", "••••••••ijkl"),
        ("abcdefghijk", "••••••••"),  # 11 characters: nothing of it is shown
        ("", ""),
        (None, ""),
    ],
)
def test_mask_token(token: str | None, shown: str) -> None:
    assert mask_token(token) == shown


def test_mask_does_not_reveal_length() -> None:
    assert len(mask_token("a" * 12)) == len(mask_token("a" * 80))


def test_backend_names_for_the_account_page(memory: MemoryKeyring) -> None:
    assert backend_display_name(SecretServiceKeyring()) == "Secret Service"
    assert backend_display_name(fail.Keyring()) == "none"
    assert TokenStore(memory).backend_available


def test_a_plaintext_file_keyring_is_never_used_for_the_token() -> None:
    class PlaintextKeyring(MemoryKeyring):
        """Stands in for keyrings.alt's file backend, which writes passwords to a file."""

    PlaintextKeyring.__module__ = "keyrings.alt.file"
    plaintext = PlaintextKeyring()
    store = TokenStore(plaintext, environ={})

    result = store.save("rc-plain-0123456789abcdef")

    assert result.source is TokenSource.SESSION
    assert result.message == SESSION_ONLY_MESSAGE
    assert plaintext.entries == {}  # nothing reached the file-backed "keyring"
    assert store.get() == "rc-plain-0123456789abcdef"
    assert store.backend_name == "none"


class SlowKeyring(MemoryKeyring):
    """Answers once the test lets it: the look-up is still running when the store is used."""

    def __init__(self) -> None:
        super().__init__()
        self.asked = threading.Event()
        self.answer = threading.Event()

    def get_password(self, service: str, username: str) -> str | None:
        self.asked.set()
        assert self.answer.wait(10)
        return super().get_password(service, username)


def test_a_background_look_up_reads_once_and_every_use_waits_for_it() -> None:
    slow = SlowKeyring()
    slow.entries[(SERVICE, ACCOUNT)] = TOKEN
    store = TokenStore(slow, environ={})
    store.look_up_in_background()
    assert slow.asked.wait(10)
    threading.Timer(0.05, slow.answer.set).start()

    assert store.save(OTHER).source is TokenSource.KEYRING  # waited: not overwritten after
    assert store.get() == OTHER
    assert slow.reads == 1
