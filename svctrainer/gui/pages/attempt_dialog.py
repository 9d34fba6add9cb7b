"""One attempt's result screen in a dialog: what a click on a chart point opens.

Drill attempts show the same ``ResultScreen`` the trainee saw after the run; scenario
runs their debrief. Everything is loaded in the background first (the attempt, its
content version, the comparison or the replayed decisions), then the dialog opens.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from svctrainer.core.packs.definition import DrillDefinition
from svctrainer.core.scenarios.analysis import ReviewStep
from svctrainer.core.scenarios.engine import RunResult
from svctrainer.core.scenarios.model import Scenario
from svctrainer.core.standards.compliance import Compliance
from svctrainer.gui.context import AppContext
from svctrainer.gui.i18n import fill
from svctrainer.gui.messages import show_error
from svctrainer.services.attempts import AttemptRecord, Comparison

if TYPE_CHECKING:  # both screens load their charts' modules: imported when one opens
    from svctrainer.gui.drills.result_screen import ResultScreen
    from svctrainer.gui.scenarios.debrief_screen import DebriefScreen


@dataclass(frozen=True, slots=True)
class ScenarioRunView:
    """A scenario attempt with its replayed decisions and the best run it allowed."""

    attempt: AttemptRecord
    scenario: Scenario
    review: tuple[ReviewStep, ...]
    best: RunResult | None
    compliance: Compliance | None = None  # the run against its level's service standard


@dataclass(frozen=True, slots=True)
class DrillAttemptView:
    """A drill attempt with its pack version (None for a logged hand count, which has no
    pack) and how it compares with the others."""

    attempt: AttemptRecord
    definition: DrillDefinition | None
    comparison: Comparison


AttemptView = ScenarioRunView | DrillAttemptView


def load_attempt_view(ctx: AppContext, attempt_id: uuid.UUID) -> AttemptView:
    """Everything the dialog shows (runs on the database worker)."""
    services, actor = ctx.services, ctx.actor
    attempt = services.attempts.get(actor, attempt_id)
    _, content = services.content.load(actor, attempt.content_item_id)
    if isinstance(content, Scenario):
        from svctrainer.core.scenarios.analysis import best_result, review  # noqa: PLC0415
        from svctrainer.services.service_standards import compliance_of  # noqa: PLC0415

        decisions = services.attempts.decisions(actor, attempt_id)
        return ScenarioRunView(
            attempt,
            content,
            review(content, decisions),
            best_result(content),
            compliance_of(content, decisions),
        )
    definition = content if isinstance(content, DrillDefinition) else None
    return DrillAttemptView(attempt, definition, services.attempts.compare(actor, attempt))


class AttemptDialog(QDialog):
    def __init__(self, loaded: AttemptView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        attempt = loaded.attempt
        self.setWindowTitle(fill(self.tr("Result: %1"), attempt.title))
        self.resize(1000, 720)
        if isinstance(loaded, ScenarioRunView):
            from svctrainer.gui.scenarios.debrief_screen import DebriefScreen  # noqa: PLC0415

            screen: DebriefScreen | ResultScreen = DebriefScreen(
                attempt,
                loaded.scenario,
                loaded.review,
                loaded.best,
                compliance=loaded.compliance,
            )
        else:
            from svctrainer.gui.drills.result_screen import ResultScreen  # noqa: PLC0415

            screen = ResultScreen(attempt, loaded.definition, loaded.comparison)
        self.result_screen = screen  # not ``screen``: QWidget.screen() is the display
        screen.again_button.hide()  # a chart is for looking back, not for starting a drill
        screen.back.connect(self.accept)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(screen)


def open_attempt(ctx: AppContext, parent: QWidget, attempt_id: str) -> None:
    """Load and show one attempt; errors (e.g. a deleted attempt) are reported."""

    def shown(loaded: AttemptView) -> None:
        dialog = AttemptDialog(loaded, parent)
        dialog.setObjectName("attemptDialog")
        dialog.open()

    ctx.background.run(
        lambda: load_attempt_view(ctx, uuid.UUID(attempt_id)),
        shown,
        lambda exc: show_error(parent, exc),
    )
