"""A scenario run from start to debrief, as the Practice page shows it.

The conversation ends -> the run is saved by the attempt session
(``gui/drill_session.py``: ``AttemptService.record_scenario`` replays the decisions
itself) -> only then the debrief appears, built from the stored attempt. A failed save
never drops the run: the session keeps it in memory and the trainee can try again or
save it to a file, exactly as for a drill.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from svctrainer.core.packs.definition import Mode
from svctrainer.core.scenarios.engine import ScenarioRun
from svctrainer.core.scenarios.model import Scenario
from svctrainer.gui.context import AppContext
from svctrainer.gui.drill_session import QtDrillSession
from svctrainer.gui.messages import show_error
from svctrainer.gui.scenarios.debrief_screen import DebriefScreen
from svctrainer.gui.scenarios.scenario_screen import ScenarioScreen
from svctrainer.services.attempts import AttemptRecord
from svctrainer.services.content import ContentRecord
from svctrainer.services.drill_session import PendingScenario, ScenarioOutcome

DEBRIEF_TURN_MS = 1  # a real timer: the window paints and takes keys between the turns


class ScenarioPlayer(QStackedWidget):
    conversation_started = Signal()
    conversation_ended = Signal()  # the debrief is shown: the rest of the window may wake
    back = Signal()

    def __init__(
        self,
        context: AppContext,
        record: ContentRecord,
        scenario: Scenario,
        mode: Mode,
        *,
        clock: Callable[[], int] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scenarioPlayer")
        self._ctx = context
        self.record = record
        self.scenario = scenario
        self.mode = Mode(mode)
        self._clock = clock
        self.conversation: ScenarioScreen | None = None
        self.debrief: DebriefScreen | None = None
        self.attempt: AttemptRecord | None = None
        self.session = QtDrillSession(context, self)
        self.session.saved.connect(self._saved)
        self.session.kept.connect(self.back)

    def start(self) -> None:
        """A new conversation (also "Again" from the debrief). A test asks the services
        first: the trainer's retake limit is theirs to enforce, on every workstation; a
        refusal is said in the trainee's language and leads back to the catalogue."""
        if self.mode is Mode.TEST:
            session, content_id = self.session.session, self.record.content_id
            self._ctx.background.run(
                lambda: session.start_scenario(content_id, Mode.TEST),
                lambda _allowance: self._converse(),
                self._refused,
            )
            return
        self._converse()

    def _refused(self, exc: Exception) -> None:
        show_error(self, exc)
        self.back.emit()

    def _converse(self) -> None:
        screen = ScenarioScreen(self.scenario, self.mode, clock=self._clock)
        screen.finished.connect(lambda run: self._save(screen, run))
        screen.cancelled.connect(self.back)
        self.conversation, self.debrief, self.attempt = screen, None, None
        self._replace(screen)
        self.conversation_started.emit()

    # -- saving ----------------------------------------------------------------------------

    def _save(self, screen: ScenarioScreen, run: ScenarioRun) -> None:
        if not run.log:  # a scenario that cannot even start: nothing to keep
            self.back.emit()
            return
        pending = PendingScenario.of(self.record, self.scenario, self.mode, run, screen.started_at)
        self.session.save(pending)

    def _saved(self, outcome: object) -> None:
        """The debrief in three turns of the event loop: built, put in the stack (where
        its rich text meets the window's style and fonts), then shown; built and shown
        at once it held the window for a fifth of a second (bench/bench_heartbeat.py).
        ``debrief`` is set, and the conversation said ended, when it shows."""
        if not isinstance(outcome, ScenarioOutcome):
            return
        self.attempt = outcome.attempt
        debrief = DebriefScreen(
            outcome.attempt,
            self.scenario,
            outcome.steps,
            outcome.best,
            compliance=outcome.compliance,
        )
        debrief.again.connect(self.start)
        debrief.back.connect(self.back)
        # Deleted with the player if the player goes before the debrief is stacked (see
        # PracticePage._build_drill: not parented in this turn, for the same reason).
        self.destroyed.connect(debrief.deleteLater)
        QTimer.singleShot(DEBRIEF_TURN_MS, self, lambda: self._stack_debrief(debrief))

    def _stack_debrief(self, debrief: DebriefScreen) -> None:
        self.addWidget(debrief)  # hidden until current
        debrief.place_text()  # laid out in the window's fonts, a turn after its build
        QTimer.singleShot(DEBRIEF_TURN_MS, self, lambda: self._show_debrief(debrief))

    def _show_debrief(self, debrief: DebriefScreen) -> None:
        self.debrief = debrief
        self._replace(debrief)
        self.conversation_ended.emit()

    # -- screens ---------------------------------------------------------------------------

    def _replace(self, widget: QWidget) -> None:
        for old in [self.widget(i) for i in range(self.count())]:
            if old is not None and old is not widget:
                self.removeWidget(old)
                old.deleteLater()
        if self.indexOf(widget) < 0:
            self.addWidget(widget)
        self.setCurrentWidget(widget)
        widget.setFocus()
