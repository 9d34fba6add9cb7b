"""One attempt's result screen in a dialog: what a click on a chart point opens.

Drill attempts show the same ``ResultScreen`` the trainee saw after the run; scenario
runs their debrief. Everything is loaded in the background first (the attempt, its
content version, the comparison or the replayed decisions), then the dialog opens.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from svctrainer.gui.context import AppContext
from svctrainer.gui.i18n import fill
from svctrainer.gui.messages import show_error


def load_attempt_view(ctx: AppContext, attempt_id: uuid.UUID) -> dict[str, Any]:
    """Everything the dialog shows (runs on the database worker)."""
    services, actor = ctx.services, ctx.actor
    attempt = services.attempts.get(actor, attempt_id)
    _, content = services.content.load(actor, attempt.content_item_id)
    if attempt.kind == "scenario":
        from svctrainer.core.scenarios.analysis import best_result, review  # noqa: PLC0415

        decisions = services.attempts.decisions(actor, attempt_id)
        return {
            "attempt": attempt,
            "scenario": content,
            "review": review(content, decisions),
            "best": best_result(content),
        }
    return {
        "attempt": attempt,
        "definition": content,
        "comparison": services.attempts.compare(actor, attempt),
    }


class AttemptDialog(QDialog):
    def __init__(self, loaded: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        attempt = loaded["attempt"]
        self.setWindowTitle(fill(self.tr("Result: %1"), attempt.title))
        self.resize(1000, 720)
        if "scenario" in loaded:
            from svctrainer.gui.scenarios.debrief_screen import DebriefScreen  # noqa: PLC0415

            self.screen: Any = DebriefScreen(
                attempt, loaded["scenario"], loaded["review"], loaded["best"]
            )
        else:
            from svctrainer.gui.drills.result_screen import ResultScreen  # noqa: PLC0415

            self.screen = ResultScreen(attempt, loaded["definition"], loaded["comparison"])
        again = getattr(self.screen, "again_button", None)
        if again is not None:
            again.hide()  # a chart is for looking back, not for starting a drill
        self.screen.back.connect(self.accept)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.screen)


def open_attempt(ctx: AppContext, parent: QWidget, attempt_id: str) -> None:
    """Load and show one attempt; errors (e.g. a deleted attempt) are reported."""

    def shown(loaded: dict[str, Any]) -> None:
        dialog = AttemptDialog(loaded, parent)
        dialog.setObjectName("attemptDialog")
        dialog.open()

    ctx.background.run(
        lambda: load_attempt_view(ctx, uuid.UUID(attempt_id)),
        shown,
        lambda exc: show_error(parent, exc),
    )
