"""The RunComfy API token: where it comes from, where it is kept, how it is shown.

The token lives in the operating system's keyring (Secret Service on Linux, the macOS Keychain,
the Windows Credential Locker) under one documented entry::

    SERVICE = "seedream-desktop"
    ACCOUNT = "runcomfy-api-token"

Sources, strongest first:

1. The ``RUNCOMFY_API_TOKEN`` environment variable (CI, scripts): used as is, never stored.
2. The keyring entry above.
3. Session memory: when no keyring can store it, the token is kept only until the app quits.

The token is never written to a file, a setting, a log line, an exception message or a repr.
Where it has to be shown, :func:`mask_token` hides all but its last four characters.
"""

from __future__ import annotations

import functools
import logging
import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

log = logging.getLogger(__name__)

SERVICE = "seedream-desktop"
ACCOUNT = "runcomfy-api-token"
ENV_VAR = "RUNCOMFY_API_TOKEN"

MASK = "•" * 8
# Shorter tokens show no characters at all: four of eleven would give too much away.
MASK_REVEAL_MIN_LENGTH = 12
MASK_REVEAL_CHARS = 4

NO_BACKEND_NAME = "none"
SESSION_ONLY_MESSAGE = "No system keyring is available, so the token is kept only until you quit."

_BACKEND_NAMES = {
    "keyring.backends.SecretService": "Secret Service",
    "keyring.backends.libsecret": "Secret Service",
    "keyring.backends.macOS": "macOS Keychain",
    "keyring.backends.Windows": "Windows Credential Locker",
    "keyring.backends.kwallet": "KWallet",
    "keyring.backends.fail": NO_BACKEND_NAME,
    "keyring.backends.null": NO_BACKEND_NAME,
}


# keyrings.alt keeps passwords in files under the home folder: never a place for the token, so
# such a backend counts as no keyring at all (the token then lives for the session only).
_PLAINTEXT_BACKEND_PACKAGES = ("keyrings.alt",)


@functools.cache
def keyring_failures() -> tuple[type[Exception], ...]:
    """Errors meaning "the keyring cannot do this now", as opposed to bugs.

    SecretStorage and jeepney exist only on Linux, and keyring lets their D-Bus errors through
    unwrapped (for example when the daemon dies between calls). Imported on first use: together
    with keyring they take ~100 ms, which the window's first paint and the demo do without.
    """
    from keyring.errors import KeyringError

    failures: list[type[Exception]] = [KeyringError]
    try:
        from secretstorage.exceptions import SecretStorageException

        failures.append(SecretStorageException)
    except ImportError:
        pass
    try:
        from jeepney.wrappers import DBusErrorResponse

        failures.append(DBusErrorResponse)
    except ImportError:
        pass
    return tuple(failures)


class TokenSource(Enum):
    ENV = "env"
    KEYRING = "keyring"
    SESSION = "session"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class SaveResult:
    """What :meth:`TokenStore.save` did, in words for the Account page."""

    source: TokenSource  # where the saved token now lives: KEYRING or SESSION
    message: str


class TokenStoreError(Exception):
    """The keyring refused an operation; ``str()`` is a message for the user (never the token)."""


def mask_token(token: str | None) -> str:
    """``••••••••7890``: at most the last four characters, none for short tokens.

    The mask has a fixed width so it does not reveal the token's length.
    """
    if not token:
        return ""
    if len(token) < MASK_REVEAL_MIN_LENGTH:
        return MASK
    return MASK + token[-MASK_REVEAL_CHARS:]


def normalize_token(token: str) -> str:
    """The token without surrounding whitespace; ``ValueError`` (naming no token) if unusable."""
    cleaned = token.strip() if isinstance(token, str) else ""
    if not cleaned:
        raise ValueError("The API token is empty. Paste the token from your RunComfy account.")
    # The token travels in an HTTP header: only visible ASCII is safe there.
    if not all("!" <= char <= "~" for char in cleaned):
        raise ValueError(
            "The API token must not contain spaces, line breaks, control or non-ASCII "
            "characters. Copy it again from your RunComfy account."
        )
    return cleaned


def backend_display_name(backend: KeyringBackend) -> str:
    """How the Account page names a keyring backend."""
    from keyring.backends.chainer import ChainerBackend

    if isinstance(backend, ChainerBackend):
        # The chainer writes to its first backend, so that is where the token ends up.
        chained = backend.backends
        return backend_display_name(chained[0]) if chained else NO_BACKEND_NAME
    module = type(backend).__module__
    if module.startswith(_PLAINTEXT_BACKEND_PACKAGES):
        return NO_BACKEND_NAME
    return _BACKEND_NAMES.get(module, str(backend.name))


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


def _redacted(error: BaseException, token: str) -> str:
    """An exception's text for a log line, with the token cut out should a backend echo it."""
    return _describe(error).replace(token, mask_token(token))


class TokenStore:
    """Finds, keeps and forgets the API token.

    ``get()`` is cheap enough to call for every request: the keyring is read once, then the
    value is cached until ``save()``, ``remove()`` or ``reload()``. The keyring backend is found
    on first use, not on construction: keyring's discovery (~100 ms, every backend's module
    imported) is not on the window's start path, and a token from the environment never needs it.
    """

    def __init__(
        self,
        backend: KeyringBackend | None = None,
        *,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self._found_backend = backend
        self._environ = os.environ if environ is None else environ
        self._backend_failed = False
        self._session_token: str | None = None
        self._keyring_token: str | None = None
        self._keyring_read = False
        self._env_warned = False
        self._background: threading.Thread | None = None

    def __repr__(self) -> str:
        # No source and no backend search here: either may mean a keyring call, which a repr
        # must not make.
        found = self._found_backend
        name = "not looked up yet" if found is None else backend_display_name(found)
        return f"<TokenStore backend={name!r}>"

    def look_up_in_background(self) -> None:
        """Find the keyring and read the token on a worker thread; the next use waits for it.

        For the window's start: keyring's discovery (~100 ms, much of it waiting on other
        processes and D-Bus) then overlaps loading Qt instead of coming after it.
        """
        if self._background is None:
            self._background = threading.Thread(
                target=self._lookup, name="token look-up", daemon=True
            )
            self._background.start()

    def _settle(self) -> None:
        """Wait for a background look-up: the store is used by one thread at a time."""
        background = self._background
        if background is not None and background is not threading.current_thread():
            background.join()
            self._background = None

    @property
    def _backend(self) -> KeyringBackend:
        self._settle()
        if self._found_backend is None:
            import keyring

            self._found_backend = keyring.get_keyring()
        return self._found_backend

    @property
    def _backend_name(self) -> str:
        return backend_display_name(self._backend)

    @property
    def backend_name(self) -> str:
        """``Secret Service``, ``macOS Keychain``, ``Windows Credential Locker`` or ``none``."""
        return self._backend_name

    @property
    def backend_available(self) -> bool:
        """A keyring exists and has not refused to work in this session."""
        return self._backend_name != NO_BACKEND_NAME and not self._backend_failed

    @property
    def env_override(self) -> bool:
        """``RUNCOMFY_API_TOKEN`` is set, so it wins over whatever is saved."""
        return self._env_token() is not None

    @property
    def source(self) -> TokenSource:
        return self._lookup()[1]

    def get(self) -> str | None:
        return self._lookup()[0]

    def save(self, token: str) -> SaveResult:
        """Keep ``token`` in the keyring, or for this session only if there is none."""
        self._settle()
        token = normalize_token(token)
        if self._backend_name == NO_BACKEND_NAME:
            self._session_token = token
            return SaveResult(TokenSource.SESSION, SESSION_ONLY_MESSAGE)
        try:
            self._backend.set_password(SERVICE, ACCOUNT, token)
        except keyring_failures() as error:
            log.warning(
                "Keyring %s could not store the token: %s",
                self._backend_name,
                _redacted(error, token),
            )
            self._backend_failed = True
            self._session_token = token
            return SaveResult(TokenSource.SESSION, SESSION_ONLY_MESSAGE)
        self._backend_failed = False
        self._session_token = None
        self._keyring_token = token
        self._keyring_read = True
        message = f"The token is saved in {self._backend_name}."
        if self.env_override:
            message += f" {ENV_VAR} is set, so that token is used instead until it is unset."
        return SaveResult(TokenSource.KEYRING, message)

    def remove(self) -> None:
        """Forget the saved token (keyring and session). The environment variable stays.

        Raises :class:`TokenStoreError` if the keyring could not be reached to delete its copy;
        the token is forgotten for this session either way.
        """
        self._settle()
        self._session_token = None
        self._keyring_token = None
        self._keyring_read = True
        if self._backend_name == NO_BACKEND_NAME:
            return
        from keyring.errors import PasswordDeleteError

        try:
            self._backend.delete_password(SERVICE, ACCOUNT)
        except PasswordDeleteError:
            pass  # nothing was stored: already the state the user asked for
        except keyring_failures() as error:
            log.warning(
                "Keyring %s could not delete the token: %s", self._backend_name, _describe(error)
            )
            raise TokenStoreError(
                f"The token is forgotten for this session, but {self._backend_name} could not "
                "be reached to delete the saved copy. Unlock your keyring and try again."
            ) from None

    def reload(self) -> None:
        """Read the keyring again on the next ``get()`` (another program may have changed it)."""
        self._settle()
        self._keyring_read = False
        self._backend_failed = False

    def _env_token(self) -> str | None:
        raw = self._environ.get(ENV_VAR)
        if raw is None or not raw.strip():
            return None
        try:
            return normalize_token(raw)
        except ValueError:
            if not self._env_warned:  # once, not for every request
                log.warning("%s is set but is not a usable token; ignoring it.", ENV_VAR)
                self._env_warned = True
            return None

    def _lookup(self) -> tuple[str | None, TokenSource]:
        self._settle()
        env_token = self._env_token()
        if env_token is not None:
            return env_token, TokenSource.ENV
        if self._session_token is not None:
            return self._session_token, TokenSource.SESSION
        if not self._keyring_read:
            self._keyring_token = self._read_keyring()
            self._keyring_read = True
        if self._keyring_token is not None:
            return self._keyring_token, TokenSource.KEYRING
        return None, TokenSource.NONE

    def _read_keyring(self) -> str | None:
        if not self.backend_available:
            return None
        try:
            stored = self._backend.get_password(SERVICE, ACCOUNT)
        except keyring_failures() as error:
            # Cached as "no token" like a successful read, so a locked keyring is not asked
            # (and its unlock prompt not shown) again for every request.
            log.warning("Keyring %s could not be read: %s", self._backend_name, _describe(error))
            self._backend_failed = True
            return None
        if stored is None:
            return None
        try:
            return normalize_token(stored)
        except ValueError:
            log.warning("The token saved in %s is not usable; ignoring it.", self._backend_name)
            return None
