"""One conversation with a customer: the screen that drives a ``ScenarioRun``.

Keys 1-9 answer (the buttons show their numbers); Esc stops. Where the node has a time
limit a countdown runs; a timer ticks every 50 ms and, once the deadline has passed,
calls ``run.timeout(deadline)`` (the decision time is the deadline itself, so the stored
log says exactly when the time ran out). A key pressed after the deadline but before the
tick is handled after the timeout, as it happened.

Times come from one monotonic clock in integer nanoseconds (``time.perf_counter_ns``),
never the wall clock; tests pass their own ``clock`` (or replace ``monotonic_ns``) and
call ``tick()`` to move the countdown without sleeping.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import UTC, datetime
from time import perf_counter_ns

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from svctrainer.core.durations import NS_PER_MS
from svctrainer.core.packs.definition import Mode
from svctrainer.core.scenarios.choice_order import new_seed
from svctrainer.core.scenarios.engine import ScenarioRun, Turn
from svctrainer.core.scenarios.model import Mood, Scenario
from svctrainer.gui.drills.figures import mode_name
from svctrainer.gui.i18n import fill
from svctrainer.gui.messages import confirm
from svctrainer.gui.scenarios.chart_slot import ChartSlot
from svctrainer.gui.scenarios.choice_button import ChoiceButton
from svctrainer.gui.scenarios.mood_meter import MoodMeter
from svctrainer.gui.scenarios.portrait import PortraitWidget
from svctrainer.gui.scenarios.wording import violation_sentence
from svctrainer.gui.settings import DEFAULT_FONT_SIZE

TICK_MS = 50
METER_TURN_MS = 1  # a real timer: the screen's first paint comes before the meter
TRANSCRIPT_TURNS = 4
SHORT_TEXT = 160  # characters of earlier lines in the transcript
_DIGIT_KEYS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}


def _verdict(scenario: Scenario, turn: Turn) -> tuple[str, str]:
    """(mark, colour) of a decision for the practice feedback: a failure (negative
    emotion, order violation, timeout, breach) is red; a choice that cost points or mood
    amber; anything else green."""
    if turn.failed:
        return "✗", "#d64545"
    entry = turn.entry
    choice = (
        scenario.node(entry.node_id).choice(entry.choice_id)
        if entry.choice_id is not None
        else None
    )
    if choice is not None and (
        choice.effects.servqual.total() < 0 or choice.effects.mood.valence < 0
    ):
        return "△", "#e0a12e"
    return "✓", "#2e9d5b"


def _short(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= SHORT_TEXT else line[: SHORT_TEXT - 1] + "…"


def monotonic_ns() -> int:
    """The screen's default clock (tests replace it)."""
    return perf_counter_ns()


class ScenarioScreen(QWidget):
    finished = Signal(object)  # the ScenarioRun: at an ending, a dead end, or stopped
    cancelled = Signal()  # stopped before the first decision: nothing to save

    def __init__(
        self,
        scenario: Scenario,
        mode: Mode,
        *,
        clock: Callable[[], int] | None = None,
        seed: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scenarioScreen")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.scenario = scenario
        self.mode = Mode(mode)
        self._clock = clock or monotonic_ns
        self.started_at = datetime.now(UTC)  # when (for the record); durations use the clock
        # Each conversation shows its choices in its own order (``choice_order``).
        self.run = ScenarioRun(scenario, self._clock(), new_seed() if seed is None else seed)
        self.moods: list[Mood] = [self.run.mood]
        self.last_turn: Turn | None = None
        self._ended = False
        self._limit_band = ""

        title = QLabel(scenario.title)
        title.setTextFormat(Qt.TextFormat.PlainText)
        title.setWordWrap(True)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        badge = QLabel(mode_name(str(self.mode)).upper())
        badge.setObjectName("modeBadge")
        badge.setStyleSheet(
            "padding: 2px 8px; border-radius: 4px; color: white; background: %s;"
            % ("#b5651d" if self.mode is Mode.TEST else "#1f6fb2")
        )
        self.stop_button = QPushButton(self.tr("&Stop (Esc)"))
        self.stop_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.stop_button.clicked.connect(self.request_stop)
        header = QHBoxLayout()
        header.addWidget(title, 1)
        header.addWidget(badge)
        header.addSpacing(12)
        header.addWidget(self.stop_button)

        self.portrait = PortraitWidget(scenario.customer.portrait, self.run.expression)
        self.portrait.setFixedSize(220, 220)
        self.who = QLabel(scenario.customer.who)
        self.who.setObjectName("customerWho")
        self.who.setWordWrap(True)
        self.who.setTextFormat(Qt.TextFormat.PlainText)
        bold = QFont(self.who.font())
        bold.setBold(True)
        self.who.setFont(bold)
        self.situation = QLabel(scenario.customer.situation)
        self.situation.setWordWrap(True)
        self.situation.setTextFormat(Qt.TextFormat.PlainText)
        self.situation.setVisible(bool(scenario.customer.situation))
        # The meter's region names are text on a fixed plot: it grows with the text size,
        # or at 150 % text "Neutral" and "Content" lost their first letters at its edges.
        grow = max(1.0, self.font().pointSizeF() / DEFAULT_FONT_SIZE)
        mood, comfort = self.run.mood, scenario.tiers.comfort_min_valence
        # Its place now, the plot a turn later: the screen's text and choices show
        # first, and the two never share one long turn of the event loop (together they
        # held the window a tenth of a second, bench/bench_heartbeat.py).
        self._mood_meter = ChartSlot(
            lambda: MoodMeter(mood, comfort, later=True), round(300 * grow), round(280 * grow)
        )
        self._mood_meter.setFixedWidth(round(300 * grow))
        QTimer.singleShot(METER_TURN_MS, self, self._build_mood_meter)
        left = QVBoxLayout()
        left.addWidget(self.portrait, 0, Qt.AlignmentFlag.AlignHCenter)
        left.addWidget(self.who)
        left.addWidget(self.situation)
        left.addStretch(1)
        left.addWidget(self._mood_meter)
        left_widget = QWidget()
        left_widget.setLayout(left)
        left_widget.setFixedWidth(round(310 * grow))

        self.speech = QLabel()
        self.speech.setObjectName("customerSpeech")
        self.speech.setWordWrap(True)
        self.speech.setTextFormat(Qt.TextFormat.PlainText)
        self.speech.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        speech_font = QFont(self.speech.font())
        speech_font.setPointSizeF(speech_font.pointSizeF() * 1.25)
        self.speech.setFont(speech_font)
        self.speech.setStyleSheet(
            "QLabel#customerSpeech { background: palette(alternate-base);"
            " border: 1px solid palette(mid); border-radius: 12px; padding: 14px; }"
        )
        self.countdown = QProgressBar()
        self.countdown.setObjectName("countdown")
        self.countdown.setTextVisible(True)
        self.countdown.setMaximumHeight(22)
        self.choice_box = QVBoxLayout()
        self.choice_box.setSpacing(8)
        self.choice_buttons: list[ChoiceButton] = []
        self.feedback = QLabel()
        self.feedback.setObjectName("choiceFeedback")
        self.feedback.setWordWrap(True)
        self.feedback.setTextFormat(Qt.TextFormat.RichText)
        self.feedback.setVisible(False)
        self.transcript = QLabel()
        self.transcript.setObjectName("transcript")
        self.transcript.setWordWrap(True)
        self.transcript.setTextFormat(Qt.TextFormat.RichText)
        self.transcript.setVisible(False)
        right = QVBoxLayout()
        right.addWidget(self.speech)
        right.addWidget(self.countdown)
        right.addSpacing(6)
        right.addLayout(self.choice_box)
        right.addSpacing(6)
        right.addWidget(self.feedback)
        right.addSpacing(10)
        right.addWidget(self.transcript)
        right.addStretch(1)
        right_widget = QWidget()
        right_widget.setLayout(right)
        scroll = QScrollArea()
        scroll.setWidget(right_widget)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        body = QHBoxLayout()
        body.addWidget(left_widget)
        body.addSpacing(12)
        body.addWidget(scroll, 1)

        self.status = QLabel()
        self.status.setObjectName("scenarioStatus")
        self.show_feedback = QCheckBox(self.tr("Show &feedback after each answer"))
        self.show_feedback.setChecked(True)
        self.show_feedback.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.show_feedback.setVisible(self.mode is Mode.PRACTICE)
        self.show_feedback.toggled.connect(self._show_feedback)
        footer = QHBoxLayout()
        footer.addWidget(self.status, 1)
        footer.addWidget(self.show_feedback)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(header)
        layout.addWidget(line)
        layout.addLayout(body, 1)
        layout.addLayout(footer)

        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        self._show_node()

    # -- decisions -------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and not event.isAutoRepeat():
            self.request_stop()
            return
        number = _DIGIT_KEYS.get(event.key())  # Qt.Key values are ints
        if number is not None and not event.isAutoRepeat():
            self.choose_number(number)
            return
        super().keyPressEvent(event)

    def choose_number(self, number: int) -> bool:
        """Answer with the choice shown as ``number`` (1-based); False if there is none."""
        if self._ended:
            return False
        now = self._clock()
        node_before = self.run.node.id
        visit_before = self.run.node_entered_ns
        self._expire(now)  # the deadline may have passed since the last tick
        if self._ended or (self.run.node.id, self.run.node_entered_ns) != (
            node_before,
            visit_before,
        ):
            return False  # the customer moved on before the key: the buttons changed
        choices = self.run.available_choices()
        if not 1 <= number <= len(choices):  # keys reach 1-9; a click reaches any
            return False
        self._after(self.run.choose(choices[number - 1].id, max(now, self.run.node_entered_ns)))
        return True

    def tick(self) -> None:
        """Move the countdown on; when the time is up, the teller hesitated."""
        if self._ended:
            return
        now = self._clock()
        self._expire(now)
        if not self._ended:
            self._show_countdown(now)

    def _expire(self, now: int) -> None:
        deadline = self.run.deadline_ns
        if deadline is not None and now >= deadline:
            self._after(self.run.timeout(deadline))

    def _after(self, turn: Turn) -> None:
        self.last_turn = turn
        self.moods.append(turn.mood)
        self.portrait.set_expression(turn.expression)
        self.mood_meter.set_trace(self.moods)
        self._show_feedback()
        self._show_transcript()
        if self.run.is_finished:
            self._end()
        else:
            self._show_node()
            if turn.entry.choice_id is None and self.run.node.id == turn.entry.node_id:
                self.status.setText(
                    self.tr("Time ran out: the customer is still waiting for your answer.")
                )

    # -- stopping --------------------------------------------------------------------------

    def request_stop(self) -> None:
        if self._ended:
            return
        if not self.run.log:
            self._ended = True
            self.timer.stop()
            self.cancelled.emit()
            return
        if not confirm(
            self,
            self.tr("Stop the conversation"),
            self.tr("Stop now? The customer leaves unserved: the run is saved as not met."),
            self.tr("Stop"),
        ):
            return
        self._end()

    def _end(self) -> None:
        if self._ended:
            return
        self._ended = True
        self.timer.stop()
        for button in self.choice_buttons:
            button.setEnabled(False)
        self.countdown.setVisible(False)
        if self.run.node.ending:
            self.speech.setText(self.run.node.text)
        self.status.setText(self.tr("Saving your result…"))
        self.finished.emit(self.run)

    # -- display ---------------------------------------------------------------------------

    def _show_node(self) -> None:
        node = self.run.node
        self.speech.setText(node.text or self.tr("(The customer waits for you.)"))
        for button in self.choice_buttons:
            self.choice_box.removeWidget(button)
            button.hide()  # at once: deleteLater waits for the event loop
            button.deleteLater()
        self.choice_buttons = []
        for number, choice in enumerate(self.run.available_choices(), start=1):
            button = ChoiceButton(number, choice.text)
            button.clicked.connect(lambda _=False, n=number: self.choose_number(n))
            self.choice_box.addWidget(button)
            self.choice_buttons.append(button)
        count = min(9, len(self.choice_buttons))
        if count:
            self.status.setText(
                self.tr("Press 1 to answer.")
                if count == 1
                else fill(self.tr("Press 1–%1 to answer."), str(count))
            )
        elif self.run.deadline_ns is not None:
            self.status.setText(self.tr("Wait: the customer has not finished."))
        else:  # only a scenario whose start is a dead end gets here (`scenario check`)
            self.status.setText(self.tr("This conversation cannot go on. Press Esc to leave."))
        self._show_countdown(self._clock())

    def _show_countdown(self, now: int) -> None:
        deadline = self.run.deadline_ns
        limit_s = self.run.node.time_limit_s
        if deadline is None or limit_s is None:
            self.countdown.setVisible(False)
            return
        total_ms = max(1, round(limit_s * 1000))
        left_ms = max(0, (deadline - now) // NS_PER_MS)
        self.countdown.setVisible(True)
        self.countdown.setRange(0, total_ms)
        self.countdown.setValue(min(total_ms, left_ms))
        seconds = -(-left_ms // 1000)  # round up: "1 s" until it is really over
        self.countdown.setFormat(fill(self.tr("%1 s to answer"), str(seconds)))
        share = left_ms / total_ms
        band = "low" if share <= 0.2 else "mid" if share <= 0.45 else "ok"
        if band != self._limit_band:
            self._limit_band = band
            colour = {"low": "#d64545", "mid": "#e0a12e", "ok": "palette(highlight)"}[band]
            self.countdown.setStyleSheet(
                f"QProgressBar#countdown::chunk {{ background: {colour}; border-radius: 3px; }}"
                " QProgressBar#countdown { border: 1px solid palette(mid); border-radius: 4px;"
                " text-align: center; }"
            )

    def _show_feedback(self, *_args: object) -> None:
        turn = self.last_turn
        if self.mode is not Mode.PRACTICE or not self.show_feedback.isChecked() or turn is None:
            self.feedback.setVisible(False)
            return
        parts = []
        if turn.entry.choice_id is None:
            parts.append(html.escape(self.tr("You hesitated and the time ran out.")))
        if turn.feedback:
            parts.append(html.escape(turn.feedback))
        parts += [
            "⚠ " + html.escape(violation_sentence(v.code, v.step, v.after)) for v in turn.violations
        ]
        if not parts:
            self.feedback.setVisible(False)
            return
        mark, colour = _verdict(self.scenario, turn)
        heading = self.tr("Your last answer")
        self.feedback.setText(f"<b>{mark} {html.escape(heading)}</b><br>" + "<br>".join(parts))
        self.feedback.setStyleSheet(
            "QLabel#choiceFeedback { background: palette(base); padding: 10px;"
            f" border-left: 5px solid {colour}; border-radius: 4px; }}"
        )
        self.feedback.setVisible(True)

    def _show_transcript(self) -> None:
        """The conversation so far, newest first (the last few exchanges)."""
        rows = []
        customer, you = self.tr("Customer"), self.tr("You")
        for entry in reversed(self.run.log[-TRANSCRIPT_TURNS:]):
            node = self.scenario.node(entry.node_id)
            choice = node.choice(entry.choice_id) if entry.choice_id is not None else None
            said = choice.text if choice is not None else self.tr("(You hesitated.)")
            rows.append(
                f"<i>{html.escape(customer)}:</i> {html.escape(_short(node.text))}"
                f"<br><b>{html.escape(you)}:</b> {html.escape(_short(said))}"
            )
        so_far = self.tr("So far")
        self.transcript.setText(
            f"<p><b>{html.escape(so_far)}</b></p>"
            + "".join(f'<p style="margin-top: 4px">{row}</p>' for row in rows)
        )
        self.transcript.setVisible(bool(rows))

    @property
    def mood_meter(self) -> MoodMeter:
        """The mood meter (built now if its turn has not come yet)."""
        return self._mood_meter.chart

    def _build_mood_meter(self) -> None:
        """A stage of the meter a turn (it took ~60 ms whole at a scenario's start)."""
        if not self._mood_meter.step():
            QTimer.singleShot(METER_TURN_MS, self, self._build_mood_meter)

    @property
    def remaining_ms(self) -> int | None:
        deadline = self.run.deadline_ns
        return None if deadline is None else max(0, (deadline - self._clock()) // NS_PER_MS)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.setFocus()
