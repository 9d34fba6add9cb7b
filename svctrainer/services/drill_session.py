"""One attempt, drill or scenario, from its start to a stored result: the logic written
once, for the GUI and anything else that runs attempts.

Life of an attempt (``DrillSession``):

1. **start** — a drill run from its pack, with adaptive options from the person's
   latest results when the pack's mode and the drill kind ask for them
   (``start_drill``; replaying those results takes time, so callers with a screen run it
   off their event thread when ``needs_history`` says so). A scenario's run is started
   by its screen.
2. **checkpoint** — while a drill runs, its log so far is saved as a draft every few
   seconds (``checkpoint``), so a crash costs seconds, not the attempt.
3. **save** — the finished run is stored; the services replay it and score it themselves
   (``save``). A drill's outcome carries the comparison with the previous attempt and the
   personal best; a scenario's, the review of each decision and the best possible run.
4. **keep** — when the database refuses the attempt, it is never dropped: the caller may
   try again, or keep it in a file, signed with the branch key, that ``svctrainer
   attempt import`` brings in later, once however often it is imported (``keep``).

What is to be stored travels as a ``PendingDrill`` or ``PendingScenario``: an immutable
snapshot taken when the run ends, so the save can run on another thread while the screen
goes on. The GUI adds only signals and its background worker (``gui/drill_session.py``),
as Dangerzone's ``gui/logic.py`` adds Qt to its ``logic.py``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from svctrainer.core.drills.base import DrillRun
from svctrainer.core.drills.registry import drill_kind, run_seed, start_run
from svctrainer.core.keystrokes import KeyEvent, encode_events
from svctrainer.core.output_files import output_file
from svctrainer.core.packs.definition import DrillDefinition, Mode
from svctrainer.core.saved_attempt import DRILL, SCENARIO, SavedAttempt
from svctrainer.core.scenarios.analysis import ReviewStep, best_result, review
from svctrainer.core.scenarios.decision_log_codec import encode_decisions
from svctrainer.core.scenarios.engine import DecisionLogEntry, RunResult, ScenarioRun
from svctrainer.core.scenarios.model import Scenario
from svctrainer.core.standards.compliance import Compliance
from svctrainer.services.actor import Actor
from svctrainer.services.attempts import AttemptRecord, Comparison
from svctrainer.services.content import ContentRecord
from svctrainer.services.errors import PermissionDeniedError
from svctrainer.services.retake_limits import RetakeAllowance
from svctrainer.services.service_standards import compliance_of

if TYPE_CHECKING:
    from svctrainer.services.api import Services

Outcome_co = TypeVar("Outcome_co", covariant=True)  # what a stored attempt comes back with
Outcome = TypeVar("Outcome")


@dataclass(frozen=True, slots=True)
class DrillOutcome:
    """A stored drill attempt with the previous attempt and the personal best."""

    attempt: AttemptRecord
    comparison: Comparison


@dataclass(frozen=True, slots=True)
class ScenarioOutcome:
    """A stored scenario run, each decision reviewed, and a best possible run (None when
    the scenario has none)."""

    attempt: AttemptRecord
    steps: tuple[ReviewStep, ...]
    best: RunResult | None
    compliance: Compliance | None = None  # the run against its level's service standard


class Pending(Protocol, Generic[Outcome_co]):
    """A finished run not stored yet: how to store it, and how to keep it in a file."""

    @property
    def content(self) -> ContentRecord: ...

    def store(self, services: Services, actor: Actor) -> Outcome_co: ...

    def saved_attempt(self, person_id: uuid.UUID) -> SavedAttempt: ...


@dataclass(frozen=True, slots=True)
class PendingDrill:
    """A drill run as it stood when the snapshot was taken (``of``)."""

    content: ContentRecord
    mode: Mode
    seed: int
    options: dict[str, Any]
    events: tuple[KeyEvent, ...]
    started_at: datetime

    @classmethod
    def of(cls, content: ContentRecord, run: DrillRun, started_at: datetime) -> PendingDrill:
        return cls(content, run.mode, run.seed, dict(run.options), tuple(run.events), started_at)

    def store(self, services: Services, actor: Actor) -> DrillOutcome:
        attempt = services.attempts.record_drill(
            actor,
            self.content.id,
            mode=self.mode,
            seed=self.seed,
            events=self.events,
            started_at=self.started_at,
            options=self.options,
        )
        return DrillOutcome(attempt, services.attempts.compare(actor, attempt))

    def saved_attempt(self, person_id: uuid.UUID) -> SavedAttempt:
        return SavedAttempt(
            kind=DRILL,
            person_id=person_id,
            content_item_id=self.content.id,
            content_id=self.content.content_id,
            mode=str(self.mode),
            started_at=self.started_at,
            log=encode_events(self.events),
            seed=self.seed,
            options=dict(self.options),
        )


@dataclass(frozen=True, slots=True)
class PendingScenario:
    """A finished scenario run: its decisions, in order."""

    content: ContentRecord
    scenario: Scenario
    mode: Mode
    log: tuple[DecisionLogEntry, ...]
    started_at: datetime
    seed: int | None = None  # the order its choices were shown in (``choice_order``)

    @classmethod
    def of(
        cls, content: ContentRecord, scenario: Scenario, mode: Mode, run: ScenarioRun,
        started_at: datetime,
    ) -> PendingScenario:  # fmt: skip
        return cls(content, scenario, Mode(mode), tuple(run.log), started_at, run.seed)

    def store(self, services: Services, actor: Actor) -> ScenarioOutcome:
        attempt = services.attempts.record_scenario(
            actor, self.content.id, self.mode, self.log, self.started_at, seed=self.seed
        )
        return ScenarioOutcome(
            attempt,
            review(self.scenario, self.log),
            best_result(self.scenario),
            compliance_of(self.scenario, self.log),
        )

    def saved_attempt(self, person_id: uuid.UUID) -> SavedAttempt:
        return SavedAttempt(
            kind=SCENARIO,
            person_id=person_id,
            content_item_id=self.content.id,
            content_id=self.content.content_id,
            mode=str(self.mode),
            started_at=self.started_at,
            log=encode_decisions(self.log),
        )


class DrillSession:
    """The attempts of one signed-in person (see the module docstring). Every method
    may take time (it calls the services) except ``needs_history``."""

    def __init__(self, services: Services, actor: Actor) -> None:
        if actor.person_id is None:
            raise PermissionDeniedError("attempts are taken by a signed-in person")
        self._services = services
        self._actor = actor
        self.person_id: uuid.UUID = actor.person_id

    # -- start ---------------------------------------------------------------------------

    @staticmethod
    def needs_history(definition: DrillDefinition, mode: Mode) -> bool:
        """Whether ``start_drill`` reads past attempts (adaptive practice, and a test's
        retake limit): instant otherwise."""
        if Mode(mode) is Mode.TEST:
            return True
        kind = drill_kind(definition.drill_type)
        adaptive = definition.settings(mode).adaptive
        return adaptive and kind is not None and kind.supports_adaptive

    def start_scenario(self, content_id: str, mode: Mode) -> RetakeAllowance:
        """Whether a run of scenario ``content_id`` in ``mode`` may start: for a test,
        RetakeLimitError (a ConflictError) past the trainer's retake limit, checked here
        against the database as for a drill test, so it holds on every workstation.
        Returns the allowance (how many tests are left) for the screen to say."""
        if Mode(mode) is Mode.TEST:
            return self._services.assignments.require_test_allowed(self._actor, content_id)
        return RetakeAllowance(content_id, None, None, 0)

    def start_drill(self, definition: DrillDefinition, mode: Mode) -> DrillRun:
        """A new run of ``definition`` in ``mode``; ValueError if the pack lacks the
        mode. The run gets its own seed, drawn here (and stored with the attempt, so a
        rescore rebuilds the same form), unless the pack pins one form. Adaptive practice
        weights it towards this person's weak keys, from their latest results replayed
        (all of a result's details, those not stored included)."""
        options = None
        if Mode(mode) is Mode.TEST:  # ConflictError past the trainer's retake limit
            self._services.assignments.require_test_allowed(self._actor, definition.id)
        kind = drill_kind(definition.drill_type)
        if (
            kind is not None
            and Mode(mode) is Mode.PRACTICE
            and self.needs_history(definition, mode)
        ):
            history = self._services.attempts.replayed_details(
                self._actor, self.person_id, definition.id
            )
            options = kind.adaptive_options(history)
        return start_run(definition, mode, seed=run_seed(definition, mode), options=options)

    # -- while it runs -------------------------------------------------------------------

    def checkpoint(self, pending: PendingDrill) -> uuid.UUID:
        """Save the run so far as the person's draft (replacing the previous one)."""
        return self._services.drafts.save(
            self._actor,
            pending.content.id,
            mode=pending.mode,
            seed=pending.seed,
            events=pending.events,
            started_at=pending.started_at,
            options=pending.options,
        )

    # -- when it ends --------------------------------------------------------------------

    def save(self, pending: Pending[Outcome]) -> Outcome:
        """Store the attempt (committed before this returns) and what the result screen
        shows with it; the services' errors (database full, locked…) propagate."""
        return pending.store(self._services, self._actor)

    def keep(self, pending: Pending[object], path: Path) -> None:
        """Keep an attempt the database refused in the file ``path``, for ``svctrainer
        attempt import``: OSError if it cannot be written (a FIFO, a device or a symbolic
        link is refused, and the file is complete or absent), InvalidInputError if the
        branch key is unreadable. Needs no database.

        The file carries the id the attempt will be stored under, minted here once, so
        importing it twice (or two imports at once) stores it once; and it is signed with
        the branch key, so a log edited afterwards is refused on import."""
        saved = replace(pending.saved_attempt(self.person_id), attempt_id=uuid.uuid4())
        text = self._services.saved_attempts.signed_file_text(self._actor, saved)
        with output_file(path) as out:
            out.text().write(text)
