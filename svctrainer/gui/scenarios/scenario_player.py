"""A scenario run from start to debrief, as the Practice page shows it.

The conversation ends -> the run is saved through ``AttemptService.record_scenario``
(which replays the decisions itself) -> only then the debrief appears, built from the
stored attempt. A failed save never drops the run: it stays in memory and the trainee
can try again or save it to a file.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from svctrainer.core.packs.definition import Mode
from svctrainer.core.saved_attempt import SCENARIO, SavedAttempt
from svctrainer.core.scenarios.analysis import ReviewStep, best_result, review
from svctrainer.core.scenarios.decision_log_codec import encode_decisions
from svctrainer.core.scenarios.engine import DecisionLogEntry, RunResult, ScenarioRun
from svctrainer.core.scenarios.model import Scenario
from svctrainer.gui.context import AppContext
from svctrainer.gui.scenarios.debrief_screen import DebriefScreen
from svctrainer.gui.scenarios.scenario_screen import ScenarioScreen
from svctrainer.gui.unsaved_result import keep_in_a_file
from svctrainer.services.attempts import AttemptRecord
from svctrainer.services.content import ContentRecord

Saved = tuple[AttemptRecord, tuple[ReviewStep, ...], RunResult | None]


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
        self.screen: ScenarioScreen | None = None
        self.debrief: DebriefScreen | None = None
        self.attempt: AttemptRecord | None = None

    def start(self) -> None:
        """A new conversation (also "Again" from the debrief)."""
        screen = ScenarioScreen(self.scenario, self.mode, clock=self._clock)
        screen.finished.connect(lambda run: self._save(screen, run))
        screen.cancelled.connect(self.back)
        self.screen, self.debrief, self.attempt = screen, None, None
        self._replace(screen)
        self.conversation_started.emit()

    # -- saving ----------------------------------------------------------------------------

    def _save(self, screen: ScenarioScreen, run: ScenarioRun) -> None:
        log = list(run.log)
        if not log:  # a scenario that cannot even start: nothing to keep
            self.back.emit()
            return
        services, actor = self._ctx.services, self._ctx.actor
        record_id, scenario, mode, started = (
            self.record.id,
            self.scenario,
            self.mode,
            screen.started_at,
        )

        def save() -> Saved:
            attempt = services.attempts.record_scenario(actor, record_id, mode, log, started)
            return attempt, review(scenario, log), best_result(scenario)

        def failed(exc: Exception) -> None:
            self._save_failed(exc, log, started, lambda: self._save(screen, run))

        self._ctx.background.run(save, self._saved, failed)

    def _saved(self, saved: Saved) -> None:
        attempt, steps, best = saved
        self._ctx.changes.attempts_changed.emit()
        self.attempt = attempt
        debrief = DebriefScreen(attempt, self.scenario, steps, best)
        debrief.again.connect(self.start)
        debrief.back.connect(self.back)
        self.debrief = debrief
        self._replace(debrief)
        self.conversation_ended.emit()

    def _save_failed(
        self,
        exc: Exception,
        log: list[DecisionLogEntry],
        started: datetime,
        retry: Callable[[], None],
    ) -> None:
        """Never drop a finished run: retry, or keep it in a file the person chooses."""
        saved = SavedAttempt(
            kind=SCENARIO,
            person_id=self._ctx.signed_in.person.id,
            content_item_id=self.record.id,
            content_id=self.record.content_id,
            mode=str(self.mode),
            started_at=started,
            log=encode_decisions(log),
        )
        if keep_in_a_file(self, exc, saved):
            self.back.emit()
        else:
            retry()

    # -- screens ---------------------------------------------------------------------------

    def _replace(self, widget: QWidget) -> None:
        while self.count():
            old = self.widget(0)
            self.removeWidget(old)
            old.deleteLater()
        self.addWidget(widget)
        self.setCurrentWidget(widget)
        widget.setFocus()
