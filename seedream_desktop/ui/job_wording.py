"""The job wording of ``core/jobs/wording.py`` in the window's language.

The core writes every text as ``self.tr(...)`` in its class ``JobWording`` and answers in
English; here the same texts are looked up in the installed translation, context
``JobWording``. Details in the app's English prose are left out unless the window is English.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from seedream_desktop.core.jobs.wording import JobWording
from seedream_desktop.ui.i18n import is_english


class TranslatedJobWording(JobWording):
    def __init__(self) -> None:
        self.english_details = is_english()

    def tr(self, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        return QCoreApplication.translate("JobWording", source, disambiguation, n)
