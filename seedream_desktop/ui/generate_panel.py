"""The prompt editor and the controls of one request, ending in the Generate button.

The API needs the prompt to state the image count and that number to equal the count. The panel
keeps both consistent by composing the text it sends (``compose_prompt``) and always shows that
exact text before anything is sent. Written as one description or frame by frame (the count
then follows the frames), with the styles that are on appended; a description that states
another number of images is flagged at the field (the composer's parts: ``ui/composer/``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import (
    QKeyEvent,
    QKeySequence,
    QPalette,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from seedream_desktop.api.count_words import StatedCount, count_conflict, drop_stated
from seedream_desktop.api.params import (
    COUNT_MAX,
    COUNT_MIN,
    PROMPT_MAX_CHARS,
    SEED_MAX,
    SEED_MIN,
    AspectRatio,
    GenerationParams,
    ParamsError,
    PromptMode,
    compose_prompt,
    new_request,
    without_styles,
)
from seedream_desktop.core.library.composer_store import ComposerStore
from seedream_desktop.core.placeholders import arg
from seedream_desktop.core.pricing import PriceQuote
from seedream_desktop.ui.aspect_icon import aspect_icon
from seedream_desktop.ui.composer.cost_estimate import CostEstimate
from seedream_desktop.ui.composer.count_warning import CountWarning
from seedream_desktop.ui.composer.frame_editor import FrameEditor
from seedream_desktop.ui.composer.prompt_history import PromptHistory
from seedream_desktop.ui.composer.style_chips import StyleChips
from seedream_desktop.ui.formatting import dimensions, number
from seedream_desktop.ui.i18n import is_english
from seedream_desktop.ui.words import words

_NO_LIMIT = 16_777_215  # Qt's QWIDGETSIZE_MAX, which PySide6 does not export


class GeneratePanel(QWidget):
    #: The designer asked to generate: carries valid ``GenerationParams``.
    generateRequested = Signal(object)

    def __init__(
        self, quote: PriceQuote, store: ComposerStore, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.quote = quote

        self.prompt = QPlainTextEdit()
        self.prompt.setAccessibleName(self.tr("Prompt"))
        self.prompt.setTabChangesFocus(True)
        self.prompt.setMinimumHeight(90)
        self.history = PromptHistory(self.prompt, store.prompt_history())
        self._settled: tuple[str, tuple[str, ...]] = ("", ())  # the editor as last sent or reused
        self.one_description = self._mode_button(self.tr("One description"))
        self.frame_by_frame = self._mode_button(self.tr("Frame by frame"))
        self.one_description.setChecked(True)
        self._writing = QButtonGroup(self)
        self._writing.addButton(self.one_description)
        self._writing.addButton(self.frame_by_frame)
        self.frames = FrameEditor(self)
        self.frames.hide()
        self.count_warning = CountWarning(self)
        self.styles = StyleChips(store, self)
        self.counter = QLabel()
        self.counter.setAccessibleName(self.tr("Prompt length"))
        self.prompt_error = QLabel()
        self.prompt_error.setWordWrap(True)
        self.prompt_error.setAccessibleName(self.tr("Prompt problem"))
        self.prompt_error.setStyleSheet("color: #d9534f;")
        self.prompt_error.hide()
        self.sent_text = QLabel()
        self.sent_text.setWordWrap(True)
        self.sent_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sent_text.setAccessibleName(self.tr("Exact text that will be sent"))
        self.sent_text.setToolTip(self.tr("This is exactly what is sent to the model."))
        self.sent_text.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.aspect = QComboBox()
        self.aspect.setAccessibleName(self.tr("Aspect ratio"))
        self.aspect.setIconSize(QSize(22, 22))
        for ratio in AspectRatio:
            self.aspect.addItem(
                aspect_icon(ratio),
                f"{ratio.label}  ·  {dimensions(ratio.width, ratio.height)}",
                ratio,
            )
        self.count = QSpinBox()
        self.count.setRange(COUNT_MIN, COUNT_MAX)
        self.count.setValue(3)
        self.count.setAccessibleName(self.tr("Number of images"))

        self.mode_fast = QRadioButton(words.mode(PromptMode.FAST))
        self.mode_standard = QRadioButton(words.mode(PromptMode.STANDARD))
        self.mode_fast.setToolTip(
            self.tr("The prompt is optimised quickly: results come sooner, at lower quality.")
        )
        self.mode_standard.setToolTip(
            self.tr("Higher-quality prompt optimisation; takes longer to generate.")
        )
        self.mode_fast.setChecked(True)
        self._modes = QButtonGroup(self)
        self._modes.addButton(self.mode_fast)
        self._modes.addButton(self.mode_standard)
        modes = QHBoxLayout()
        modes.addWidget(self.mode_fast)
        modes.addWidget(self.mode_standard)
        modes.addStretch(1)

        self.seed_fixed = QCheckBox(self.tr("Fixed seed"))
        self.seed_fixed.setToolTip(
            self.tr(
                "Off: a new random seed for each job. On: the same seed, for variations "
                "you can reproduce."
            )
        )
        self.seed = QSpinBox()
        self.seed.setRange(SEED_MIN, SEED_MAX)
        self.seed.setAccessibleName(self.tr("Seed"))
        self.seed.setEnabled(False)
        self.seed.setGroupSeparatorShown(False)
        seeds = QHBoxLayout()
        seeds.addWidget(self.seed_fixed)
        seeds.addWidget(self.seed, 1)

        self.cost = CostEstimate()
        self.generate = QPushButton(self.tr("Generate"))
        self.generate.setDefault(True)
        self.generate.setToolTip(self.tr("Generate (Ctrl+Enter)"))
        self.generate.setMinimumHeight(34)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Aspect"), self.aspect)
        form.addRow(self.tr("Images"), self.count)
        form.addRow(self.tr("Mode"), modes)
        form.addRow(self.tr("Seed"), seeds)

        counter_row = QHBoxLayout()
        counter_row.addWidget(self.prompt_error, 1)
        counter_row.addWidget(
            self.counter, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        )

        self.prompt_title = QLabel(self)
        header = QHBoxLayout()
        header.addWidget(self.prompt_title)
        header.addStretch(1)
        header.addWidget(self.one_description)
        header.addWidget(self.frame_by_frame)
        header.setSpacing(2)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.prompt, 1)
        layout.addWidget(self.count_warning)
        layout.addWidget(self.frames)
        layout.addWidget(self.styles)
        layout.addLayout(counter_row)
        layout.addWidget(self.sent_text)
        layout.addLayout(form)
        bottom = QHBoxLayout()
        bottom.addWidget(self.cost, 1)
        bottom.addWidget(self.generate)
        layout.addLayout(bottom)

        self.prompt.textChanged.connect(self._refresh)
        self.count.valueChanged.connect(self._refresh)
        self.count.valueChanged.connect(self._show_count_suffix)
        self.frames.changed.connect(self._frames_changed)
        self.styles.changed.connect(self._refresh)
        self.frame_by_frame.toggled.connect(self._set_frame_mode)
        self.count_warning.setCountRequested.connect(self._set_count_from_text)
        self.count_warning.dropRequested.connect(self._drop_stated)
        self.seed_fixed.toggled.connect(self.seed.setEnabled)
        self.generate.clicked.connect(self.request_generate)
        self.prompt.installEventFilter(self)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(self.request_generate)
        self._set_frame_mode(False)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        # Wrapped texts (the text sent, the warning, the chips) need more height as they grow
        # or the panel narrows; the splitter it lives in does not ask the layout for that.
        layout = self.layout()
        self.setMinimumHeight(layout.minimumHeightForWidth(self.width()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The window shortcut needs an active window; in the prompt, Ctrl+Enter must always
        # generate rather than insert a line break.
        if (
            watched is self.prompt
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.request_generate()
            return True
        return super().eventFilter(watched, event)

    def _mode_button(self, text: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setCheckable(True)
        button.setAutoRaise(True)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return button

    # ---- state -----------------------------------------------------------------------------

    def frame_mode(self) -> bool:
        return self.frame_by_frame.isChecked()

    def remember(self, params: GenerationParams) -> None:
        """A job was sent: its description comes first in the prompt history."""
        self.history.remember(params.description)
        if params.prompt == self.sent_prompt():  # sent from the editor, not a series' rerun
            self._settled = self._typed()

    def has_unsent_prompt(self) -> bool:
        """The editor holds words not yet sent (nor brought in by a reuse): replacing them
        without asking would lose the designer's work."""
        typed = self._typed()
        return typed != ("", ()) and typed != self._settled

    def _typed(self) -> tuple[str, tuple[str, ...]]:
        frames = tuple(text for frame in self._sent_frames() if (text := frame.strip()))
        return self.prompt.toPlainText().strip(), frames

    def set_quote(self, quote: PriceQuote) -> None:
        self.quote = quote
        self._refresh()

    def current_aspect(self) -> AspectRatio:
        return self.aspect.currentData()

    def current_mode(self) -> PromptMode:
        return PromptMode.STANDARD if self.mode_standard.isChecked() else PromptMode.FAST

    def set_controls(
        self,
        *,
        aspect: AspectRatio | None = None,
        count: int | None = None,
        mode: PromptMode | None = None,
        seed: int | None = None,
        seed_fixed: bool | None = None,
        prompt: str | None = None,
    ) -> None:
        if aspect is not None:
            self.aspect.setCurrentIndex(self.aspect.findData(aspect))
        if count is not None:
            self.count.setValue(count)
        if mode is not None:
            (self.mode_standard if mode is PromptMode.STANDARD else self.mode_fast).setChecked(True)
        if seed is not None:
            self.seed.setValue(seed)
        if seed_fixed is not None:
            self.seed_fixed.setChecked(seed_fixed)
        if prompt is not None:
            self.prompt.setPlainText(prompt)

    def reuse_seed(self, seed: int) -> None:
        self.set_controls(seed=seed, seed_fixed=True)

    def reuse(self, params: GenerationParams) -> None:
        """Fill every control from an earlier job (the exact text it sent).

        The styles that were on come back on as chips and leave the text, so they are not
        sent twice; if one was edited or deleted since, the text keeps them and no chip is on.
        """
        saved = {style.name: style for style in self.styles.saved_styles()}
        used = [saved[name] for name in params.styles if name in saved]
        text = without_styles(params.prompt, used) if len(used) == len(params.styles) else None
        self.styles.set_active(params.styles if text is not None else ())
        self.one_description.setChecked(True)
        self.set_controls(
            aspect=params.aspect,
            count=params.count,
            mode=params.mode,
            prompt=params.prompt if text is None else text,
            seed=params.seed,
            seed_fixed=params.seed is not None,
        )
        self._settled = self._typed()

    def sent_prompt(self) -> str:
        return compose_prompt(
            self.prompt.toPlainText(),
            self.count.value(),
            frames=self._sent_frames(),
            styles=self.styles.active_styles(),
        )

    def _sent_frames(self) -> list[str]:
        return self.frames.frames() if self.frame_mode() else []

    # ---- behaviour -------------------------------------------------------------------------

    def _show_count_suffix(self) -> None:
        # A plural suffix: "1 image", "2 images" (and German "1 Bild", "2 Bilder").
        n = self.count.value()
        suffix = (
            self.tr(" image(s), one per frame", "", n)
            if self.frame_by_frame.isChecked()
            else self.tr(" image(s)", "", n)
        )
        if suffix != self.count.suffix():  # resetting it mid-typing would move the cursor
            self.count.setSuffix(suffix)

    def _set_frame_mode(self, on: bool) -> None:
        # Both editors keep their text, so switching back and forth loses nothing.
        if on and not any(frame.strip() for frame in self.frames.frames()):
            self.frames.resize_to(self.count.value())
        self.frames.setVisible(on)
        # Frame by frame, the description is what the frames share: a line or two.
        self.prompt.setMinimumHeight(48 if on else 90)
        self.prompt.setMaximumHeight(72 if on else _NO_LIMIT)
        self.count.setEnabled(not on)
        self._show_count_suffix()
        self.prompt_title.setText(
            self.tr("<b>Prompt</b> · shared by every frame") if on else self.tr("<b>Prompt</b>")
        )
        self.prompt.setPlaceholderText(
            self.tr("What every frame shares, e.g. “a paper crane, studio light”.")
            if on
            else self.tr(
                "Describe the series, e.g. “a fox exploring a snowy forest, four seasons, "
                "watercolour”. The number of images is added for you."
            )
        )
        self._frames_changed()

    def _frames_changed(self) -> None:
        if self.frame_mode():
            self.count.setValue(len(self.frames.frames()))
        self._refresh()

    def _conflict(self) -> StatedCount | None:
        return count_conflict(self.prompt.toPlainText(), self.count.value())

    def _set_count_from_text(self, number: int) -> None:
        if self.frame_mode():
            self.frames.resize_to(number)
        else:
            self.count.setValue(number)

    def _drop_stated(self, found: StatedCount) -> None:
        self.prompt.setPlainText(drop_stated(self.prompt.toPlainText(), found))

    def _refresh(self) -> None:
        text = self.prompt.toPlainText()
        written = text.strip() or any(frame.strip() for frame in self._sent_frames())
        sent = self.sent_prompt() if written else ""
        found = self._conflict()
        can_set = found is not None and COUNT_MIN <= found.number <= COUNT_MAX
        if found is not None and self.frame_mode():
            filled = sum(1 for frame in self.frames.frames() if frame.strip())
            can_set = can_set and found.number >= filled
        self.count_warning.show_conflict(
            found,
            text[found.start : found.end] if found else "",
            self.count.value(),
            can_set=can_set,
        )
        over = len(sent) > PROMPT_MAX_CHARS
        # Counts the text that is sent, count statement included: that is what the limit is on.
        self.counter.setText(f"{number(len(sent))} / {number(PROMPT_MAX_CHARS)}")
        self.counter.setStyleSheet("color: #d9534f; font-weight: bold;" if over else "")
        self.sent_text.setText(arg(self.tr("Sends: “%1”"), sent) if written else "")
        self.cost.show_estimate(self.quote, self.count.value())
        if self.prompt_error.isVisible():
            self._validate(show=True)
        self._fit_height()

    def _validate(self, *, show: bool) -> GenerationParams | None:
        try:
            params = new_request(
                self.prompt.toPlainText(),
                count=self.count.value(),
                aspect=self.current_aspect(),
                mode=self.current_mode(),
                seed=self.seed.value() if self.seed_fixed.isChecked() else None,
                frames=self._sent_frames(),
                styles=self.styles.active_styles(),
            )
        except ParamsError as exc:
            if show:
                self.prompt_error.setText(self._params_problem(exc))
                self.prompt_error.show()
            return None
        self.prompt_error.hide()
        return params

    def _params_problem(self, error: ParamsError) -> str:
        """The panel's only reachable problems are the prompt's (the other controls are bounded):
        said in the window's language, with the API layer's English as the fallback."""
        if is_english() or error.field != "prompt":
            return error.message
        sent = self.sent_prompt()
        frames = self._sent_frames()
        if not self.prompt.toPlainText().strip() and not any(f.strip() for f in frames):
            return self.tr("Write a prompt first: it is empty.")
        empty = next((i for i, frame in enumerate(frames, 1) if not frame.strip()), None)
        if empty is not None:
            return arg(self.tr("Frame %1 is empty: describe it or remove it."), empty)
        if len(sent) > PROMPT_MAX_CHARS:
            return arg(
                self.tr("The prompt is %1 characters long; the limit is %2."),
                number(len(sent)),
                number(PROMPT_MAX_CHARS),
            )
        return self.tr(
            "The prompt contains a character that cannot be sent — delete it or type it again."
        )

    def request_generate(self) -> None:
        params = self._validate(show=True)
        if params is None:
            self.prompt.setFocus()
            return
        if not self.seed_fixed.isChecked():
            self.seed.setValue(params.seed or 0)  # shows which random seed this job got
        self.generateRequested.emit(params)
