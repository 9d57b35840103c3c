"""Qt's messages in a benchmark: routed into logging as the app routes them, and counted, so a
run in which Qt warned says so beside its figures (a Qt warning is a bug, in a benchmark too)."""

from __future__ import annotations

import logging

from seedream_desktop.core.qt_messages import route_messages_to_logging


class QtWarnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())

    def report(self) -> None:
        print(f"Qt warnings: {len(self.messages)}")
        for message in dict.fromkeys(self.messages):
            print(f"  {message}")


def watch_qt_warnings() -> QtWarnings:
    """Call before the QApplication is made; ``report()`` at the end prints what Qt warned."""
    route_messages_to_logging()
    watcher = QtWarnings()
    qt = logging.getLogger("qt")  # "qt.<category>" loggers propagate to it
    qt.addHandler(watcher)
    qt.propagate = False  # counted and reported here, not printed as they come
    return watcher
