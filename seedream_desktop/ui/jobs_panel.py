"""The jobs list: what each generation is doing, in words, with the actions that apply to it now.

The words come from ``core/jobs/wording.py``, so the CLI says the same.

Jobs are few (the newest 200 are shown), so each is a small widget with real buttons: every action
is reachable with Tab and announced by screen readers. One timer for the whole panel ticks the
elapsed time of active jobs once a second.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from itertools import pairwise

from PySide6.QtCore import QEvent, QRectF, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from seedream_desktop.core.jobs.wording import PROBLEM_STATES, JobWording, aware, excerpt
from seedream_desktop.core.models import JobRecord, JobState
from seedream_desktop.core.placeholders import arg
from seedream_desktop.ui.formatting import mix
from seedream_desktop.ui.job_wording import TranslatedJobWording
from seedream_desktop.ui.money_status import money_text

MAX_ROWS = 200

Clock = Callable[[], datetime]
_CANCELLABLE = frozenset({JobState.WAITING, JobState.QUEUED, JobState.PAUSED})
_RETURNING_FOCUS = frozenset(
    {Qt.FocusReason.ActiveWindowFocusReason, Qt.FocusReason.PopupFocusReason}
)


class ElidedLabel(QLabel):
    """One line that shrinks with the panel, ending in "…" instead of widening its row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(40)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        text = self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width()
        )
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.drawText(self.contentsRect(), int(self.alignment()), text)


class JobRow(QFrame):
    """One job: prompt, state in words, elapsed time, progress and the actions that apply."""

    clicked = Signal(int)
    stepRequested = Signal(int, int)  # job id, +1 (down) or -1 (up)

    def __init__(
        self, job: JobRecord, parent: QWidget | None = None, *, words: JobWording | None = None
    ) -> None:
        super().__init__(parent)
        self._words = words or TranslatedJobWording()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._selected = False
        self.job = job

        self.prompt_label = ElidedLabel(self)
        self.prompt_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.prompt_label.font()
        font.setBold(True)
        self.prompt_label.setFont(font)
        self.elapsed_label = QLabel(self)
        self.elapsed_label.setAccessibleName(self.tr("Elapsed time"))
        self.elapsed_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.state_label = QLabel(self)
        self.state_label.setAccessibleName(self.tr("State"))
        self.state_label.setTextFormat(Qt.TextFormat.PlainText)
        self.state_label.setWordWrap(True)
        self.state_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Download progress"))
        self.progress.setFormat(self.tr("%v of %m"))
        self.progress.setMaximumHeight(self.fontMetrics().height() + 4)

        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.retry_button = QPushButton(self.tr("Retry download"), self)
        self.reuse_button = QPushButton(self.tr("Reuse settings"), self)

        top = QHBoxLayout()
        top.addWidget(self.prompt_label, 1)
        top.addWidget(self.elapsed_label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.cancel_button, self.retry_button, self.reuse_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.state_label)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        self.set_job(job)

    def set_job(self, job: JobRecord) -> None:
        self.job = job
        state = job.state
        self.prompt_label.setText(excerpt(job.params.prompt))
        self.prompt_label.setToolTip(job.params.prompt)
        description = self._words.describe_job(job)
        if job.cost is not None:
            description = self.tr("{state} · cost {cost}").format(
                state=description, cost=money_text(job.cost)
            )
        self.state_label.setText(description)
        self._colour_state()

        if state is JobState.DOWNLOADING:
            self.progress.setRange(0, max(1, job.images_expected))
            self.progress.setValue(min(job.images_done, job.images_expected))
            self.progress.setTextVisible(True)
        elif state is JobState.RUNNING:
            self.progress.setRange(0, 0)  # busy: the API reports no percentage while generating
            self.progress.setTextVisible(False)
        self.progress.setVisible(state in (JobState.DOWNLOADING, JobState.RUNNING))

        # A running job stays visibly uncancellable rather than silently losing the button.
        self.cancel_button.setVisible(state in _CANCELLABLE or state is JobState.RUNNING)
        self.cancel_button.setEnabled(state in _CANCELLABLE)
        self.cancel_button.setToolTip(
            self.tr("Cancel this job")
            if state in _CANCELLABLE
            else self.tr("A running job can't be cancelled.")
        )
        self.retry_button.setVisible(state is JobState.DOWNLOAD_FAILED)
        self.cancel_button.setAccessibleName(arg(self.tr("Cancel job %1"), str(job.id)))
        self.retry_button.setAccessibleName(arg(self.tr("Retry download of job %1"), str(job.id)))
        self.reuse_button.setAccessibleName(
            arg(self.tr("Reuse the settings of job %1"), str(job.id))
        )
        self.setAccessibleName(arg(self.tr("Job %1"), str(job.id)))
        self.setAccessibleDescription(f"{excerpt(job.params.prompt)} — {description}")

    def _colour_state(self) -> None:
        """Problems in red mixed into the text colour (readable in light and dark); others in
        the palette's own text colour, so they follow a theme switch by themselves."""
        palette = QPalette()  # sets no role: the label inherits the row's palette
        if self.job.state in PROBLEM_STATES:
            text = self.palette().color(QPalette.ColorRole.WindowText)
            palette.setColor(QPalette.ColorRole.WindowText, mix(text, QColor(200, 40, 40), 0.7))
        self.state_label.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # light ↔ dark while the window is open
            self._colour_state()

    def refresh_elapsed(self, now: datetime) -> None:
        self.elapsed_label.setText(self._words.elapsed_text(self.job, now))

    def set_selected(self, selected: bool) -> None:
        if selected != self._selected:
            self._selected = selected
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        text = palette.color(QPalette.ColorRole.Text)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5)
        painter.setBrush(mix(base, highlight, 0.22) if self._selected else base)
        border = highlight if self._selected or self.hasFocus() else mix(base, text, 0.15)
        painter.setPen(border)
        painter.drawRoundedRect(card, 6, 6)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.clicked.emit(self.job.id)
        super().mousePressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        # Back from another window or a menu is no choice: after "Show all" the grid stays so.
        if event.reason() not in _RETURNING_FOCUS:
            self.clicked.emit(self.job.id)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.stepRequested.emit(self.job.id, 1 if event.key() == Qt.Key.Key_Down else -1)
            event.accept()
            return
        super().keyPressEvent(event)


def _sort_key(job: JobRecord) -> tuple[datetime, int]:
    return (aware(job.created_at), job.id)


class JobsPanel(QWidget):
    """Jobs, newest first. Up/Down move between jobs; Tab reaches each job's buttons."""

    cancelRequested = Signal(int)
    retryDownloadRequested = Signal(int)
    reuseRequested = Signal(object)  # JobRecord
    jobSelected = Signal(int)

    def __init__(self, parent: QWidget | None = None, *, clock: Clock | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Jobs"))
        self._clock: Clock = clock or (lambda: datetime.now(UTC))
        self._words = TranslatedJobWording()
        self._rows: dict[int, JobRow] = {}
        self._order: list[int] = []
        self._selected: int | None = None

        self._empty = QLabel(self.tr("No jobs yet. Write a prompt and press Generate."), self)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setWordWrap(True)
        self._empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._container = QWidget(self)
        self._list = QVBoxLayout(self._container)
        self._list.setContentsMargins(6, 6, 6, 6)
        self._list.setSpacing(6)
        self._list.addStretch(1)
        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setWidget(self._container)
        self._scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._empty)
        layout.addWidget(self._scroll, 1)

        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        self._update_empty_and_timer()

    def job_ids(self) -> list[int]:
        """Shown jobs, top to bottom."""
        return list(self._order)

    def row(self, job_id: int) -> JobRow | None:
        return self._rows.get(job_id)

    def selected_job_id(self) -> int | None:
        return self._selected

    def set_jobs(self, jobs: Iterable[JobRecord]) -> None:
        newest = sorted(jobs, key=_sort_key, reverse=True)[:MAX_ROWS]
        keep = {job.id for job in newest}
        for job_id in [i for i in self._rows if i not in keep]:
            self._remove(job_id)
        for job in newest:
            self._put(job)
        self._order = [job.id for job in newest]
        self._relayout()

    def upsert_job(self, job: JobRecord) -> None:
        known = job.id in self._rows
        self._put(job)
        if not known:
            self._order.append(job.id)
            self._order.sort(key=lambda i: _sort_key(self._rows[i].job), reverse=True)
            for job_id in self._order[MAX_ROWS:]:
                self._remove(job_id)
            del self._order[MAX_ROWS:]
            self._relayout()
        self._update_empty_and_timer()

    def select_job(self, job_id: int) -> None:
        if job_id not in self._rows or job_id == self._selected:
            return
        if self._selected in self._rows:
            self._rows[self._selected].set_selected(False)
        self._selected = job_id
        row = self._rows[job_id]
        row.set_selected(True)
        self._scroll.ensureWidgetVisible(row)
        self.jobSelected.emit(job_id)

    def clear_selection(self) -> None:
        """The grid left the chosen job (a search, Show all): no card stays marked as shown,
        and choosing the same job again shows it again."""
        if self._selected in self._rows:
            self._rows[self._selected].set_selected(False)
        self._selected = None

    def _put(self, job: JobRecord) -> None:
        row = self._rows.get(job.id)
        if row is None:
            row = JobRow(job, self._container, words=self._words)
            row.clicked.connect(self.select_job)
            row.stepRequested.connect(self._step)
            row.cancel_button.clicked.connect(lambda: self.cancelRequested.emit(row.job.id))
            row.retry_button.clicked.connect(lambda: self.retryDownloadRequested.emit(row.job.id))
            row.reuse_button.clicked.connect(lambda: self.reuseRequested.emit(row.job))
            self._rows[job.id] = row
        else:
            row.set_job(job)
        row.refresh_elapsed(self._clock())

    def _remove(self, job_id: int) -> None:
        row = self._rows.pop(job_id)
        self._list.removeWidget(row)
        row.deleteLater()
        if self._selected == job_id:
            self._selected = None

    def _relayout(self) -> None:
        for job_id in self._order:
            self._list.removeWidget(self._rows[job_id])
        for position, job_id in enumerate(self._order):
            self._list.insertWidget(position, self._rows[job_id])
        # Tab follows the list (each row, then its buttons), not the order rows were made in.
        chain: list[QWidget] = []
        for job_id in self._order:
            row = self._rows[job_id]
            chain.extend([row, row.cancel_button, row.retry_button, row.reuse_button])
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self._update_empty_and_timer()

    def _update_empty_and_timer(self) -> None:
        self._empty.setVisible(not self._rows)
        self._scroll.setVisible(bool(self._rows))
        if any(row.job.state.is_active for row in self._rows.values()):
            if not self._timer.isActive():
                self._timer.start()
        else:
            self._timer.stop()

    @Slot()
    def _tick(self) -> None:
        now = self._clock()
        for row in self._rows.values():
            if row.job.state.is_active:
                row.refresh_elapsed(now)

    @Slot(int, int)
    def _step(self, job_id: int, direction: int) -> None:
        position = self._order.index(job_id) + direction
        if 0 <= position < len(self._order):
            self._rows[self._order[position]].setFocus(Qt.FocusReason.TabFocusReason)
