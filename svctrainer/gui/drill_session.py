"""The Qt face of ``services.drill_session.DrillSession``: the same calls, run on the
window's background worker (``gui/background.py``) so the GUI thread never waits for the
database or a replay, with signals for how they ended.

The logic (what is stored, how a refused attempt is kept in a file) is the service's; this
adds only threads, signals and the dialog that asks whether to try again or keep the
result in a file. Drill and scenario screens both end through ``save``; the one place the
rest of the window hears of a stored attempt is ``_announce_saved``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from svctrainer.core.drills.base import DrillRun
from svctrainer.core.packs.definition import DrillDefinition, Mode
from svctrainer.gui.context import AppContext
from svctrainer.gui.messages import show_error
from svctrainer.gui.unsaved_result import ask_keep_or_retry
from svctrainer.services.changes import ATTEMPTS
from svctrainer.services.drill_session import DrillSession, Pending, PendingDrill
from svctrainer.services.errors import ServiceError


class QtDrillSession(QObject):
    """``started(DrillRun)`` once a drill run is ready (at once, or after the person's
    history was read for adaptive practice); ``start_failed(Exception)``;
    ``checkpoint_failed(Exception)``; ``saved(outcome)`` with the ``DrillOutcome`` or
    ``ScenarioOutcome`` once stored; ``kept()`` once a refused attempt is in a file."""

    started = Signal(object)
    start_failed = Signal(object)
    checkpoint_failed = Signal(object)
    saved = Signal(object)
    kept = Signal()

    def __init__(self, context: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self._ctx = context
        self._window = parent  # dialogs open over it
        self.session = DrillSession(context.services, context.actor)

    # -- start -----------------------------------------------------------------------------

    def start_drill(self, definition: DrillDefinition, mode: Mode) -> None:
        """Start a run; without history to read it is ready before this returns."""
        session = self.session
        if DrillSession.needs_history(definition, mode):
            self._ctx.background.run(
                lambda: session.start_drill(definition, mode),
                self.started.emit,
                self.start_failed.emit,
            )
            return
        try:
            run: DrillRun = session.start_drill(definition, mode)
        except ValueError as exc:
            self.start_failed.emit(exc)
            return
        self.started.emit(run)

    # -- while it runs ---------------------------------------------------------------------

    def checkpoint(self, pending: PendingDrill) -> None:
        session = self.session
        self._ctx.background.run(
            lambda: session.checkpoint(pending), lambda _id: None, self.checkpoint_failed.emit
        )

    # -- when it ends ----------------------------------------------------------------------

    def save(self, pending: Pending[Any]) -> None:
        """Store the attempt; on failure ask, then try again or keep it in a file — a
        finished attempt is never dropped."""
        session = self.session
        self._ctx.background.run(
            lambda: session.save(pending),
            self._saved,
            lambda exc: self._save_failed(exc, pending),
        )

    def _saved(self, outcome: object) -> None:
        self._announce_saved()
        self.saved.emit(outcome)

    def _announce_saved(self) -> None:
        """Tell the rest of the window an attempt was stored (charts, assignments)."""
        self._ctx.hub.publish(ATTEMPTS, initiator=self._window)

    def _save_failed(self, exc: Exception, pending: Pending[Any]) -> None:
        path = ask_keep_or_retry(self._window, exc)
        if path is None:
            self.save(pending)
            return
        try:
            self.session.keep(pending, path)
        except (OSError, ServiceError) as err:  # shown; the result stays in memory
            show_error(self._window, err)
            self.save(pending)
            return
        self.kept.emit()
