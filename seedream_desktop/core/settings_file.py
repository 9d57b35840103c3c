"""One setting read from the settings file without Qt, for the command line's read-only commands.

Loading QtCore for ``QSettings`` costs more than everything else ``history`` does (~55 ms of
~140). On Linux the native format is an INI file that ``QSettings`` writes as
``[group]`` / ``key=value`` lines; a value of plain printable ASCII without quotes, backslashes,
separators or a leading ``@`` (which would mark a typed value) is written exactly as it is, so
it can be read back exactly as it is. Anything else — another platform (plist, registry), a
value ``QSettings`` escaped or quoted, an unreadable file — is not guessed at: the answer is
``ASK_QT`` and the caller reads the settings through ``QSettings`` as the app does.
"""

from __future__ import annotations

import os
import re
import sys
from enum import Enum
from pathlib import Path

from seedream_desktop import APP_NAME, ORGANIZATION


class AskQt(Enum):
    ASK_QT = "ask QSettings"


ASK_QT = AskQt.ASK_QT
LIBRARY_DIR_KEY = "paths/library_dir"  # the library folder chosen in Settings

# Characters the INI writer leaves as they are (no quote, backslash, separator, comment, "@").
_PLAIN = re.compile(r"[A-Za-z0-9 /._~+:()\[\]!$&'*?{}|^<>-]*")
_KEY = re.compile(r"[A-Za-z0-9_]+")


def native_ini_path() -> Path | None:
    """Where ``QSettings`` in native format keeps this app's settings, where that is a file."""
    if not sys.platform.startswith("linux"):
        return None
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / ORGANIZATION / f"{APP_NAME}.conf"


def stored_plain_text(key: str, path: Path | None = None) -> str | AskQt | None:
    """The text stored under ``key`` ("group/name") in the INI file ``path`` (by default the
    app's own), None when it is not stored, or ``ASK_QT`` when only ``QSettings`` can say."""
    group, _, name = key.rpartition("/")
    path = path or native_ini_path()
    if path is None or not _KEY.fullmatch(group) or not _KEY.fullmatch(name):
        return ASK_QT
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None  # nothing saved yet: every setting has its default
    except (OSError, UnicodeDecodeError):
        return ASK_QT
    section = None
    for line in text.splitlines():
        if line.startswith("["):
            section = line.strip()[1:-1]
        elif section == group and line.partition("=")[0].strip() == name:
            value = line.partition("=")[2]
            plain = _PLAIN.fullmatch(value) and value == value.strip()
            return value if plain else ASK_QT
    return None
