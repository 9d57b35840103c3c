"""Save a screenshot of the whole X display (run with DISPLAY set): ``grab_screen.py OUT.png``.

A separate Qt client on the same display, so the app under test is not touched at all.
"""

from __future__ import annotations

import os
import sys

os.environ["QT_QPA_PLATFORM"] = "xcb"

from PySide6.QtGui import QGuiApplication

app = QGuiApplication([])
screen = QGuiApplication.primaryScreen()
image = screen.grabWindow(0).toImage()
sys.exit(0 if image.save(sys.argv[1]) else 1)
