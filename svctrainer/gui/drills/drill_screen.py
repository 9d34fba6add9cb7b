"""A drill in progress: captures the keyboard, feeds the engine, shows time and speed.

Every key press and release goes straight to the engine with its timestamp; the view
repaints only what changed. A 100 ms timer lets a time limit end the run between keys
and shows "paused" when the trainee has been idle for more than 5 s. A drill timed from
the case shown (drawer balancing) starts its clock when the screen first shows, and says
so.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFont,
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from svctrainer.core.drills.base import DrillRun, Feedback, LiveState, Verdict
from svctrainer.core.drills.registry import run_seed
from svctrainer.core.durations import NS_PER_MS
from svctrainer.core.keystrokes import ESCAPE, IME, KeyEvent
from svctrainer.core.packs.definition import Mode
from svctrainer.gui import garbage
from svctrainer.gui.drills.drill_ui import DrillView, ui_for, view_widget
from svctrainer.gui.drills.figures import duration, mode_name, number, unit_name
from svctrainer.gui.drills.key_input import KeyClock, ime_commit, to_key_event
from svctrainer.gui.i18n import fill
from svctrainer.gui.messages import confirm

TICK_MS = 100
CHECKPOINT_MS = 5_000


class DrillScreen(QWidget):
    finished = Signal(object)  # the DrillRun, when it ends
    cancelled = Signal()
    checkpoint = Signal(object)  # the DrillRun, every few seconds while it runs

    def __init__(self, run: DrillRun, *, sounds: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.run = run
        self.sounds = sounds
        self.clock = KeyClock()
        self.started_at: datetime | None = None
        self._ended = False
        settings = run.settings
        self.setObjectName("drillScreen")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.title = QLabel(run.definition.title)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        # A long pack title wraps rather than widen the screen past a 1366 px laptop.
        self.title.setWordWrap(True)
        self.mode_badge = QLabel(mode_name(str(run.mode)).upper())
        self.mode_badge.setObjectName("modeBadge")
        self.mode_badge.setStyleSheet(
            "padding: 2px 8px; border-radius: 4px; color: white; background: %s;"
            % ("#b5651d" if run.mode is Mode.TEST else "#1f6fb2")
        )
        self.time_label = QLabel()
        self.speed_label = QLabel()
        self.errors_label = QLabel()
        self.status_label = QLabel()
        self.status_label.setObjectName("drillStatus")
        self.status_label.setWordWrap(True)
        for label in (self.time_label, self.speed_label, self.errors_label):
            big = QFont(label.font())
            big.setPointSizeF(big.pointSizeF() * 1.3)
            label.setFont(big)

        header = QHBoxLayout()
        # The badge first and the title taking the free width: a wrapping label asks for
        # less than its whole line, so beside a stretch it wrapped with room to spare.
        header.addWidget(self.mode_badge)
        header.addWidget(self.title, 1)
        header.addWidget(self.time_label)
        header.addSpacing(24)
        header.addWidget(self.speed_label)
        header.addSpacing(24)
        header.addWidget(self.errors_label)

        self._ui = ui_for(run.drill_kind)
        # tr is slow: once, not per key
        self._unit = unit_name(run.drill_kind.unit_of(run.definition))
        self.drill_view: DrillView = self._ui.make_view(run, settings.hints)
        self.view = view_widget(self.drill_view)
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, self.drill_view.wants_ime())

        self.pause_button = QPushButton(self.tr("&Pause (F5)"))
        self.restart_button = QPushButton(self.tr("&Restart (Ctrl+R)"))
        self.stop_button = QPushButton(self.tr("&Stop (Esc)"))
        for button in (self.pause_button, self.restart_button, self.stop_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pause_button.setVisible(settings.pause)
        self.restart_button.setVisible(run.mode is Mode.PRACTICE)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.restart_button.clicked.connect(self.restart)
        self.stop_button.clicked.connect(self.request_stop)
        QShortcut(QKeySequence("F5"), self, self.toggle_pause)
        QShortcut(QKeySequence("Ctrl+R"), self, self.restart)

        footer = QHBoxLayout()
        footer.addWidget(self.status_label, 1)
        footer.addWidget(self.pause_button)
        footer.addWidget(self.restart_button)
        footer.addWidget(self.stop_button)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(header)
        layout.addWidget(line)
        layout.addWidget(self.view, 1)
        layout.addLayout(footer)

        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        # A crash costs at most the last few seconds: the log so far is saved regularly.
        self.checkpoint_timer = QTimer(self)
        self.checkpoint_timer.setInterval(CHECKPOINT_MS)
        self.checkpoint_timer.timeout.connect(self._checkpoint)
        self.checkpoint_timer.start()
        self._show(run.state(None), None, None)

    # -- keyboard --------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        # Tab is a drill key (next field), not focus navigation, while a drill runs.
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        ):
            self.keyPressEvent(event)
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and not event.isAutoRepeat():
            self.request_stop()
            return
        self._feed_qt(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        self._feed_qt(event)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        show_preedit = getattr(self.drill_view, "show_preedit", None)
        if show_preedit is not None:  # shown while composing; only the commit counts
            show_preedit(event.preeditString())
        key_event = ime_commit(event, self.clock.event_ns(None))
        if key_event is not None:
            self.feed(key_event)
        event.accept()

    def _feed_qt(self, event: QKeyEvent) -> None:
        t_ns = self.clock.event_ns(event)
        capital_key = getattr(self.drill_view, "capital_key", None)
        char = capital_key(event.text()) if capital_key is not None else None
        if char is not None and not event.isAutoRepeat():
            event.accept()  # a keypad key writes its capital character, as an IME would
            if event.type() == QKeyEvent.Type.KeyPress:
                self.feed(KeyEvent(t_ns, IME, char, True))
            return
        key_event = to_key_event(event, t_ns)
        if key_event is None or key_event.key == ESCAPE:
            event.ignore()
            return
        event.accept()
        allows = getattr(self.drill_view, "allows", None)  # a view may ask first
        if key_event.press and allows is not None and not allows(key_event.key):
            self.setFocus()
            return
        self.feed(key_event)

    def _case_shown(self) -> None:
        """The case is on screen: a drill timed from the case starts its clock now. Its
        run then reads the monotonic clock throughout (``KeyClock`` keeps to the clock of
        its first reading), so the moment shown and every key share one time base."""
        if self._ended or self.run.clock.started or not self.run.clock_spec.from_shown:
            return  # the other drills keep the window system's key stamps as their clock
        if self.run.show(self.clock.event_ns(None)):
            self.started_at = datetime.now(UTC)
            self._show_header(self.run.state(None))

    def feed(self, key_event: KeyEvent) -> Feedback | None:
        """Hand one event to the engine and update the screen (the keystroke path)."""
        if self._ended:
            return None
        if self.started_at is None and key_event.press:
            self.started_at = datetime.now(UTC)  # when it happened; durations come from t_ns
            garbage.hold(self)  # keep collector pauses out of the keystroke path during the run
        feedback = self.run.feed(key_event)
        if feedback.verdict in (Verdict.WRONG, Verdict.BLOCKED) and self.sounds:
            QApplication.beep()
        key = key_event.key if key_event.press else None
        self._show(self.run.state(key_event.t_ns), feedback, key)
        if self.run.finished:
            self._end()
        return feedback

    # -- time ------------------------------------------------------------------------------

    def tick(self) -> None:
        if self._ended:
            return
        state = (
            self.run.tick(self.clock.now_ns()) if self.run.clock.started else self.run.state(None)
        )
        self._show_header(state)
        if self.run.finished:
            self._end()

    def checkpoint_now(self) -> None:
        """Keep the run so far as a draft now (before an automatic sign-out)."""
        self._checkpoint()

    def _checkpoint(self) -> None:
        if not self._ended and self.run.clock.keyed:
            self.checkpoint.emit(self.run)

    def toggle_pause(self) -> None:
        if self._ended or not self.run.settings.pause:
            return
        now = self.clock.now_ns()
        if self.run.clock.paused:
            self.run.resume(now)
        else:
            self.run.pause(now)
        self._show_header(self.run.state(now))

    def restart(self) -> None:
        """Start over on new content (a fresh seed unless the pack fixes one), after
        asking when something was typed: Keep going is the default answer."""
        if self._ended or self.run.mode is not Mode.PRACTICE:
            return
        if self.run.clock.keyed and not confirm(
            self,
            self.tr("Restart"),
            self.tr("Start again on new content? What you typed in this run is discarded."),
            self.tr("Restart"),
            self.tr("Keep going"),
        ):
            return
        self.run.restart(run_seed(self.run.definition, self.run.mode))
        self.clock = KeyClock()
        self.started_at = None
        drill_view = self._ui.make_view(self.run, self.run.settings.hints)
        new_view = view_widget(drill_view)
        new_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._layout.replaceWidget(self.view, new_view)
        self.view.deleteLater()
        self.drill_view, self.view = drill_view, new_view
        self._show(self.run.state(None), None, None)
        self.setFocus()
        self._case_shown()

    def request_stop(self) -> None:
        if self._ended:
            return
        if not self.run.clock.keyed:  # nothing keyed: nothing to save
            self._ended = True
            self.timer.stop()
            self.checkpoint_timer.stop()
            self.cancelled.emit()
            return
        if self.run.mode is Mode.TEST and not confirm(
            self,
            self.tr("Stop the test"),
            self.tr(
                "Stop the test before its end? It is saved as incomplete: not graded and "
                "not counted in your results. Keep going to finish it."
            ),
            self.tr("Stop"),
            self.tr("Keep going"),
        ):
            return
        self.run.stop(self.clock.now_ns())
        self._end()

    def _end(self) -> None:
        if self._ended:
            return
        self._ended = True
        self.timer.stop()
        self.checkpoint_timer.stop()
        garbage.resume(self)
        self._show_header(self.run.state(None))
        self.status_label.setText(self.tr("Saving your result…"))
        self.finished.emit(self.run)

    # -- display ---------------------------------------------------------------------------

    def _show(self, state: LiveState, feedback: Feedback | None, key: str | None) -> None:
        self.drill_view.refresh(state, feedback, key)
        self._show_header(state)

    def _show_header(self, state: LiveState) -> None:
        if state.remaining_ms is not None:
            self.time_label.setText(fill(self.tr("Time left %1"), duration(state.remaining_ms)))
        else:
            self.time_label.setText(fill(self.tr("Time %1"), duration(state.active_ms)))
        self.speed_label.setText(f"{number(state.speed)} {self._unit}")
        self.errors_label.setText(fill(self.tr("Errors %1"), str(state.errors)))
        if not state.started:
            text = self.tr("Start when you are ready: the clock starts at your first key.")
        elif state.paused and state.pause_reason == "case_cap":
            cap_ms = (self.run.clock_spec.case_cap_ns or 0) // NS_PER_MS
            text = fill(
                self.tr(
                    "The clock has stopped at %1 on this case, the most one case counts. "
                    "Answer it to go on."
                ),
                duration(cap_ms),
            )
        elif not state.strokes and self.run.clock_spec.from_shown:
            text = self.tr("The clock runs from the moment the case is shown.")
        elif state.paused and state.pause_reason == "idle":
            text = self.tr("Paused — no key for 5 seconds. Carry on when ready.")
        elif state.paused:
            text = self.tr("Paused. Press F5 to carry on.")
        elif state.needs_correction:
            text = self.tr("Correct the mistake with Backspace.")
        else:
            text = ""
        if self.status_label.text() != text and not self._ended:
            self.status_label.setText(text)
        self.pause_button.setText(
            self.tr("&Resume (F5)") if self.run.clock.paused else self.tr("&Pause (F5)")
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.setFocus()
        self._case_shown()
