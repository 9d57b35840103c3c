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
    return _config_home() / ORGANIZATION / f"{APP_NAME}.conf"


def _config_home() -> Path:
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")


def _fallback_files() -> list[Path]:
    """Where ``QSettings`` looks for a key the user's file lacks: the organisation's file, then
    the system's (``XDG_CONFIG_DIRS``)."""
    files = [_config_home() / f"{ORGANIZATION}.conf"]
    for folder in (os.environ.get("XDG_CONFIG_DIRS") or "/etc/xdg").split(":"):
        if folder:
            files += [Path(folder) / ORGANIZATION / f"{APP_NAME}.conf"]
            files += [Path(folder) / f"{ORGANIZATION}.conf"]
    return files


def stored_plain_text(key: str, path: Path | None = None) -> str | AskQt | None:
    """The text stored under ``key`` ("group/name") in the INI file ``path`` (by default the
    app's own), None when it is stored nowhere, or ``ASK_QT`` when only ``QSettings`` can say."""
    group, _, name = key.rpartition("/")
    path = path or native_ini_path()
    if path is None or group == "General" or not _KEY.fullmatch(group) or not _KEY.fullmatch(name):
        return ASK_QT
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        text = ""
    except (OSError, UnicodeDecodeError):
        return ASK_QT
    section, found = None, None
    for line in text.splitlines():
        if line.startswith("["):
            section = line.strip()[1:-1]
        elif section == group and line.partition("=")[0].strip() == name:
            found = line.partition("=")[2]  # the last one counts, as for QSettings
    if found is None:
        return ASK_QT if any(f.exists() for f in _fallback_files()) else None
    plain = _PLAIN.fullmatch(found) and found == found.strip()
    return found if plain else ASK_QT
