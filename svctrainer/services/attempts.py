"""Recording, reading and re-scoring attempts.

The service never trusts figures handed to it: a drill attempt is recorded from its
event log, which the service replays through the engine itself. The stored speed,
accuracy, score and grade are therefore what the keystrokes say, whatever the GUI (or
anything talking to the services) claims — and a later rescore must match them.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from svctrainer import __version__
from svctrainer.core.attempt_identity import attempt_fingerprint
from svctrainer.core.drills import scoring_rules
from svctrainer.core.drills.completion import counts_toward_figures
from svctrainer.core.drills.registry import replay
from svctrainer.core.drills.result import DrillResult
from svctrainer.core.keystrokes import KeyEvent, decode_events, encode_events
from svctrainer.core.packs.definition import DrillDefinition, Mode
from svctrainer.core.roles import Permission
from svctrainer.core.scenarios.decision_log_codec import (
    DECISION_ENCODING,
    DecisionLogError,
    decode_decisions,
    encode_decisions,
    stored_run,
)
from svctrainer.core.scenarios.engine import DecisionLogEntry, ReplayError
from svctrainer.core.scenarios.model import Scenario
from svctrainer.services import audit
from svctrainer.services.access import (
    Caller,
    authorize,
    load_caller,
    require_visible,
    visible_people,
)
from svctrainer.services.actor import Actor
from svctrainer.services.changes import ATTEMPTS, writes
from svctrainer.services.content import parse_stored
from svctrainer.services.error_boundary import translate_store_errors
from svctrainer.services.errors import (
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
    ServiceError,
)
from svctrainer.services.workstations import WORKSTATION
from svctrainer.store.database import Database
from svctrainer.store.errors import DuplicateRowError
from svctrainer.store.models import Attempt, AttemptDraft, AttemptEvent, ContentItem, Person

KEYSTROKE_ENCODING = "keystrokes-v1"


@dataclass(frozen=True, slots=True)
class AttemptRecord:
    id: uuid.UUID
    person_id: uuid.UUID
    person_name: str
    content_item_id: uuid.UUID
    content_id: str
    content_version: int
    title: str
    kind: str
    drill_type: str | None
    mode: str
    started_at: datetime
    duration_ms: int
    speed: float | None
    speed_unit: str | None
    accuracy: float | None
    score: float | None
    grade: str | None
    valid: bool
    invalidated_reason: str | None
    details: dict[str, Any]
    completion: str = "complete"

    @property
    def complete(self) -> bool:
        """Whether the run was finished (``core.drills.completion``)."""
        return counts_toward_figures(self.completion)

    @property
    def counts(self) -> bool:
        """Whether the attempt belongs in charts, baselines, gains and assignments: long
        enough, complete, and not invalidated by a supervisor."""
        return self.valid and self.complete and self.invalidated_reason is None


@dataclass(frozen=True, slots=True)
class Comparison:
    previous: AttemptRecord | None
    best: AttemptRecord | None


@dataclass(frozen=True, slots=True)
class RescoreReport:
    attempt_id: uuid.UUID
    stored: dict[str, Any]
    recomputed: dict[str, Any]
    content_version: int

    @property
    def matches(self) -> bool:
        return self.stored == self.recomputed


COMPARED_FIGURES = (
    "valid",
    "completion",
    "duration_ms",
    "speed",
    "speed_unit",
    "accuracy",
    "score",
    "grade",
)


# Recomputable from the event log and large (about 9 KB an attempt, 60 % of the row):
# digit-pair statistics are replayed on demand for adaptive practice instead of stored.
UNSTORED_DETAILS = ("bigram_stats",)


def stored_details(result: DrillResult) -> dict[str, Any]:
    """The result as the attempt row keeps it: everything charts and the result screen
    read, without what is cheap to recompute from the log and costly to store."""
    data = result.to_dict()
    data["details"] = {k: v for k, v in data["details"].items() if k not in UNSTORED_DETAILS}
    return data


def figures_of(result: DrillResult) -> dict[str, Any]:
    return {
        "valid": result.valid,
        "completion": result.completion,
        "duration_ms": result.active_ms,
        "speed": result.speed,
        "speed_unit": result.speed_unit,
        "accuracy": result.accuracy,
        "score": result.score,
        "grade": result.grade,
    }


def to_attempt_record(attempt: Attempt, person: Person, item: ContentItem) -> AttemptRecord:
    return AttemptRecord(
        id=attempt.id,
        person_id=attempt.person_id,
        person_name=person.name,
        content_item_id=item.id,
        content_id=item.content_id,
        content_version=item.version,
        title=item.title,
        kind=item.kind,
        drill_type=item.drill_type,
        mode=attempt.mode,
        started_at=attempt.started_at,
        duration_ms=attempt.duration_ms,
        speed=attempt.speed,
        speed_unit=attempt.speed_unit,
        accuracy=attempt.accuracy,
        score=attempt.score,
        grade=attempt.grade,
        valid=attempt.valid,
        invalidated_reason=attempt.invalidated_reason,
        details=dict(attempt.details or {}),
        completion=attempt.completion,
    )


def _definition(item: ContentItem) -> DrillDefinition:
    if item.kind != "drill":
        raise InvalidInputError("content", f"{item.title} is not a drill")
    parsed = parse_stored(f"{item.content_hash[:12]}/{item.source_name}", item.source_text)
    if not isinstance(parsed, DrillDefinition):
        raise InvalidInputError("content", f"{item.title} is not a drill")
    return parsed


def _scenario(item: ContentItem) -> Scenario:
    if item.kind != "scenario":
        raise InvalidInputError("content", f"{item.title} is not a scenario")
    parsed = parse_stored(f"{item.content_hash[:12]}/{item.source_name}", item.source_text)
    if not isinstance(parsed, Scenario):
        raise InvalidInputError("content", f"{item.title} is not a scenario")
    return parsed


def _scenario_figures(scenario: Scenario, log: Sequence[DecisionLogEntry]) -> dict[str, Any]:
    try:
        return stored_run(scenario, log).figures
    except ReplayError as exc:
        raise InvalidInputError("decision_log", f"the decisions do not fit: {exc}") from None


@dataclass(frozen=True)
class ScoredAttempt:
    """An attempt replayed from its log, ready to store: computed outside any transaction
    (a replay can take a while) and stored by ``store_attempt`` inside one."""

    content_item_id: uuid.UUID
    mode: str
    started_at: datetime  # UTC
    seed: int | None
    figures: dict[str, Any]  # valid, duration_ms, speed, speed_unit, accuracy, score, grade
    details: dict[str, Any]
    encoding: str
    event_count: int
    log: bytes

    def fingerprint(self, taker: Actor | uuid.UUID) -> str:
        person_id = taker if isinstance(taker, uuid.UUID) else taker.person_id
        assert person_id is not None  # noqa: S101 - attempts belong to people
        return attempt_fingerprint(
            person_id, self.content_item_id, self.mode, self.started_at, self.log
        )


def _item(session: Session, content_item_id: uuid.UUID, kind: str) -> ContentItem:
    item = session.get(ContentItem, content_item_id)
    if item is None:
        raise NotFoundError(f"no such {kind}")
    return item


def score_drill(
    item: ContentItem,
    *,
    mode: Mode,
    seed: int,
    events: Sequence[KeyEvent],
    started_at: datetime,
    options: dict[str, Any] | None = None,
) -> ScoredAttempt:
    """Replay a drill's key events through the engine: the figures are what they say."""
    result = replay(_definition(item), Mode(mode), seed, events, options)
    return scored_drill(
        item.id, mode=mode, seed=seed, events=events, started_at=started_at, result=result
    )


def scored_drill(
    content_item_id: uuid.UUID,
    *,
    mode: Mode,
    seed: int,
    events: Sequence[KeyEvent],
    started_at: datetime,
    result: DrillResult,
) -> ScoredAttempt:
    """The attempt to store for ``events`` whose replay gave ``result`` (``score_drill``
    replays; a caller holding the very run that logged them has its result already)."""
    return ScoredAttempt(
        content_item_id, str(Mode(mode)), started_at.astimezone(UTC), seed, figures_of(result),
        stored_details(result), KEYSTROKE_ENCODING, len(events), encode_events(events),
    )  # fmt: skip


def score_scenario(
    item: ContentItem,
    *,
    mode: Mode,
    decision_log: Sequence[DecisionLogEntry],
    started_at: datetime,
    seed: int | None = None,
) -> ScoredAttempt:
    """Replay a scenario run's decisions; InvalidInputError if they do not fit. ``seed``:
    the run's, from which its choices were shown in order (None for older runs)."""
    log = list(decision_log)
    if not log:
        raise InvalidInputError("decision_log", "a scenario run needs at least one decision")
    try:
        stored = stored_run(_scenario(item), log)
    except ReplayError as exc:
        raise InvalidInputError("decision_log", f"the decisions do not fit: {exc}") from None
    return ScoredAttempt(
        item.id, str(Mode(mode)), started_at.astimezone(UTC), seed, stored.figures,
        stored.details, DECISION_ENCODING, len(log), encode_decisions(log),
    )  # fmt: skip


def store_attempt(
    session: Session,
    person_id: uuid.UUID,
    scored: ScoredAttempt,
    attempt_id: uuid.UUID | None = None,
) -> Attempt:
    """Add the attempt and its log in the caller's transaction (so whatever the caller
    records with it, an audit entry say, is committed with it or not at all).
    ``DuplicateRowError`` at commit if the same attempt is already stored."""
    figures = scored.figures
    attempt = Attempt(
        id=attempt_id or uuid.uuid4(),
        person_id=person_id,
        content_item_id=scored.content_item_id,
        mode=scored.mode,
        started_at=scored.started_at,
        duration_ms=figures["duration_ms"],
        speed=figures["speed"],
        speed_unit=figures["speed_unit"],
        accuracy=figures["accuracy"],
        score=figures["score"],
        grade=figures["grade"],
        valid=figures["valid"],
        completion=figures["completion"],
        seed=scored.seed,
        app_version=__version__,
        workstation=WORKSTATION,
        details=scored.details,
        fingerprint=scored.fingerprint(person_id),
    )
    session.add(attempt)
    session.flush()
    session.add(
        AttemptEvent(
            attempt_id=attempt.id,
            encoding=scored.encoding,
            event_count=scored.event_count,
            data=scored.log,
        )
    )
    session.flush()
    return attempt


@translate_store_errors
class AttemptService:
    def __init__(self, db: Database) -> None:
        self._db = db

    # -- recording -----------------------------------------------------------------------

    @writes(ATTEMPTS)
    def record_drill(
        self,
        actor: Actor,
        content_item_id: uuid.UUID,
        *,
        mode: Mode,
        seed: int,
        events: Sequence[KeyEvent],
        started_at: datetime,
        options: dict[str, Any] | None = None,
    ) -> AttemptRecord:
        """Replay ``events`` through the engine and store the attempt with its log,
        committed (synchronous=FULL) before this returns. Saving the same attempt again
        (a retry after a save that did commit) returns the stored one."""
        if actor.person_id is None:
            raise PermissionDeniedError("attempts are recorded for a signed-in person")
        with self._db.reading() as session:
            authorize(session, actor, Permission.PRACTISE)
            item = _item(session, content_item_id, "drill")
        scored = score_drill(
            item, mode=mode, seed=seed, events=events, started_at=started_at, options=options
        )
        return self._store(actor, item, scored)

    @writes(ATTEMPTS)
    def record_scenario(
        self,
        actor: Actor,
        content_item_id: uuid.UUID,
        mode: Mode,
        decision_log: Sequence[DecisionLogEntry],
        started_at: datetime,
        *,
        seed: int | None = None,
    ) -> AttemptRecord:
        """Replay ``decision_log`` through the scenario engine and store the run with its
        log (encoding ``decisions-v1``), committed before this returns.

        Figures: score 0-100 and grade = tier code from the replay; accuracy = share of
        decisions after which the scenario's best outcome was still reachable (see
        ``decision_log_codec.decision_accuracy``); speed None; duration from entering the
        first node to the last decision. ``details`` holds the full RunResult. ``seed``:
        the order the run showed its choices in, kept so a replay shows the same order.
        """
        if actor.person_id is None:
            raise PermissionDeniedError("attempts are recorded for a signed-in person")
        if seed is not None and not 0 <= seed < 2**63:
            raise InvalidInputError("seed", "a scenario run's seed is a whole number 0..2**63-1")
        with self._db.reading() as session:
            authorize(session, actor, Permission.PRACTISE)
            item = _item(session, content_item_id, "scenario")
        scored = score_scenario(
            item, mode=mode, decision_log=decision_log, started_at=started_at, seed=seed
        )
        return self._store(actor, item, scored)

    def _store(self, actor: Actor, item: ContentItem, scored: ScoredAttempt) -> AttemptRecord:
        try:
            with self._db.writing() as session:
                caller = authorize(session, actor, Permission.PRACTISE)
                assert caller.person_id is not None  # noqa: S101 - a person actor
                attempt = store_attempt(session, caller.person_id, scored)
                if scored.encoding == KEYSTROKE_ENCODING:
                    for draft in session.scalars(
                        select(AttemptDraft).where(
                            AttemptDraft.person_id == caller.person_id,
                            AttemptDraft.content_item_id == item.id,
                        )
                    ):
                        session.delete(draft)
                person = session.get(Person, caller.person_id)
                assert person is not None  # noqa: S101 - authorize loaded it
                return to_attempt_record(attempt, person, item)
        except DuplicateRowError:
            with self._db.reading() as session:
                stored = session.scalar(
                    select(Attempt).where(Attempt.fingerprint == scored.fingerprint(actor))
                )
                person = session.get(Person, actor.person_id)
                if stored is None or person is None:
                    raise
                return to_attempt_record(stored, person, item)

    # -- reading ---------------------------------------------------------------------------

    def get(self, actor: Actor, attempt_id: uuid.UUID) -> AttemptRecord:
        with self._db.reading() as session:
            caller = load_caller(session, actor)
            attempt = _visible_attempt(session, caller, attempt_id)
            person = session.get(Person, attempt.person_id)
            item = session.get(ContentItem, attempt.content_item_id)
            if person is None or item is None:  # foreign keys make this impossible
                raise NotFoundError("attempt without its person or content")
            return to_attempt_record(attempt, person, item)

    def history(
        self,
        actor: Actor,
        person_id: uuid.UUID,
        content_id: str | None = None,
        limit: int = 5000,
    ) -> list[AttemptRecord]:
        """A person's attempts, newest first (within the actor's scope)."""
        with self._db.reading() as session:
            caller = load_caller(session, actor)
            require_visible(session, caller, person_id)
            query = (
                select(Attempt, Person, ContentItem)
                .join(Person, Person.id == Attempt.person_id)
                .join(ContentItem, ContentItem.id == Attempt.content_item_id)
                .where(Attempt.person_id == person_id)
                .order_by(Attempt.started_at.desc())
                .limit(limit)
            )
            if content_id is not None:
                query = query.where(ContentItem.content_id == content_id)
            return [to_attempt_record(*row) for row in session.execute(query)]

    def compare(self, actor: Actor, attempt: AttemptRecord) -> Comparison:
        """The previous counted attempt and the personal best (same drill and mode), both
        over complete attempts only; the best includes ``attempt`` itself when it counts,
        so a new record shows as the best rather than the one it beat."""
        counted = [
            a
            for a in self.history(actor, attempt.person_id, attempt.content_id)
            if a.mode == attempt.mode and a.counts and a.speed is not None
        ]
        earlier = [a for a in counted if a.id != attempt.id and a.started_at < attempt.started_at]
        previous = earlier[0] if earlier else None
        best = max(counted, key=lambda a: (a.score or 0.0, a.speed or 0.0), default=None)
        return Comparison(previous, best)

    def replayed_details(
        self, actor: Actor, person_id: uuid.UUID, content_id: str, limit: int = 10
    ) -> list[dict[str, Any]]:
        """Full result details (digit-pair statistics included) of a person's latest
        counted attempts on a drill, oldest first, recomputed from their event logs."""
        recent = [
            a for a in self.history(actor, person_id, content_id, limit=limit * 3) if a.counts
        ]
        details: list[dict[str, Any]] = []
        for attempt in reversed(recent[:limit]):
            try:
                report_events = self.events(actor, attempt.id)
                with self._db.reading() as session:
                    item = session.get(ContentItem, attempt.content_item_id)
                    definition = _definition(item) if item is not None else None
                if definition is None:
                    continue
                options = dict(attempt.details.get("options") or {})
                seed = int(attempt.details.get("seed", 0))
                rules = scoring_rules.rules_of(attempt.details)
                result = replay(
                    definition, Mode(attempt.mode), seed, report_events, options, rules=rules
                )
            except (NotFoundError, InvalidInputError, ValueError):
                continue  # an attempt without a usable log simply does not inform the weights
            details.append(result.details.to_dict())
        return details

    def events(self, actor: Actor, attempt_id: uuid.UUID) -> list[KeyEvent]:
        self.get(actor, attempt_id)  # scope check
        with self._db.reading() as session:
            row = session.get(AttemptEvent, attempt_id)
            if row is None:
                raise NotFoundError("this attempt has no event log")
            return decode_events(row.data)

    def decisions(self, actor: Actor, attempt_id: uuid.UUID) -> list[DecisionLogEntry]:
        """The decision log of a scenario attempt (for its debrief)."""
        self.get(actor, attempt_id)  # scope check
        with self._db.reading() as session:
            row = session.get(AttemptEvent, attempt_id)
            if row is None or row.encoding != DECISION_ENCODING:
                raise NotFoundError("this attempt has no decision log")
            data = row.data
        try:
            return decode_decisions(data)
        except DecisionLogError as exc:
            raise InvalidInputError("attempt", f"damaged decision log: {exc}") from None

    # -- re-scoring and invalidating ---------------------------------------------------------

    def rescore(
        self, actor: Actor, attempt_id: uuid.UUID, *, latest_version: bool = False
    ) -> RescoreReport:
        """Replay the stored log; against the attempt's own content version the figures
        must equal the stored ones, against the newest version they show what changed."""
        with self._db.reading() as session:
            caller = load_caller(session, actor)
            attempt, item, log = _attempt_with_log(session, caller, attempt_id)
            if latest_version:
                newer = session.scalar(
                    select(ContentItem)
                    .where(ContentItem.content_id == item.content_id)
                    .order_by(ContentItem.version.desc())
                    .limit(1)
                )
                item = newer or item
            stored = {name: getattr(attempt, name) for name in COMPARED_FIGURES}
            replay_of = _Replay(
                attempt_id, stored, item, attempt.mode, attempt.seed, attempt.details, log
            )
            if replay_of.scenario:  # a scenario run: replayed from its decisions at once
                return replay_of.report()
            replay_of.check()
        return replay_of.report()

    def rescore_many(self, actor: Actor, attempt_ids: Sequence[uuid.UUID]) -> list[RescoreReport]:
        """``rescore`` of each attempt against its own content version, in order, with
        the same checks and refusals (the first attempt that fails raises what its own
        ``rescore`` would): a sweep over many attempts reads them in bulk, a few hundred
        a statement, instead of three lookups and a visibility query per attempt (a
        quarter of the time of rescoring the demo branch's history one by one)."""
        reports: list[RescoreReport] = []
        for start in range(0, len(attempt_ids), RESCORE_CHUNK):
            chunk = attempt_ids[start : start + RESCORE_CHUNK]
            with self._db.reading() as session:
                caller = load_caller(session, actor)
                replays = _replays_of(session, caller, chunk)
            for replay_of in replays:
                if isinstance(replay_of, Exception):
                    raise replay_of  # where this attempt's own rescore would have failed
                reports.append(replay_of.report())
        return reports

    @writes(ATTEMPTS)
    def invalidate(self, actor: Actor, attempt_id: uuid.UUID, reason: str) -> AttemptRecord:
        """Exclude an attempt from charts (e.g. a cheated run), with who and why audited."""
        reason = reason.strip()
        if not reason:
            raise InvalidInputError("reason", "say why the result is being invalidated")
        with self._db.writing() as session:
            caller = authorize(session, actor, Permission.INVALIDATE_RESULT)
            attempt = session.get(Attempt, attempt_id)
            if attempt is None:
                raise NotFoundError("no such attempt")
            require_visible(session, caller, attempt.person_id)
            if caller.person_id == attempt.person_id:
                raise PermissionDeniedError("you cannot invalidate your own result")
            attempt.invalidated_reason = reason[:2000]
            audit.record(
                session, actor, "attempt.invalidate", "attempt", attempt.id, reason=reason[:2000]
            )
            person = session.get(Person, attempt.person_id)
            item = session.get(ContentItem, attempt.content_item_id)
            if person is None or item is None:  # foreign keys make this impossible
                raise NotFoundError("attempt without its person or content")
            return to_attempt_record(attempt, person, item)


RESCORE_CHUNK = 250
"""Attempts ``rescore_many`` reads a statement (their logs are a few KB each)."""


@dataclass(slots=True)
class _Replay:
    """What rescoring one attempt needs, read from the database: the replay itself is
    pure computation and runs after the session has closed."""

    attempt_id: uuid.UUID
    stored: dict[str, Any]
    item: ContentItem
    mode: str
    seed: int | None
    details: dict[str, Any] | None
    log: AttemptEvent

    @property
    def scenario(self) -> bool:
        return self.log.encoding == DECISION_ENCODING

    def check(self) -> None:
        """A drill's refusals that come before its replay (the content is not a drill,
        the stored scoring rules are unknown), in ``rescore``'s order."""
        _definition(self.item)
        Mode(self.mode)
        try:
            scoring_rules.rules_of(self.details)
        except ValueError as exc:
            raise InvalidInputError("attempt", str(exc)) from None

    def report(self) -> RescoreReport:
        item, version = self.item, self.item.version
        if self.scenario:  # a scenario run: replay its decisions
            scenario = _scenario(item)
            try:
                decisions = decode_decisions(self.log.data)
            except DecisionLogError as exc:
                raise InvalidInputError("attempt", f"damaged decision log: {exc}") from None
            figures = _scenario_figures(scenario, decisions)
            return RescoreReport(self.attempt_id, self.stored, figures, version)
        definition = _definition(item)
        options = dict((self.details or {}).get("options") or {})
        mode = Mode(self.mode)
        try:  # the rules that scored it: a stored attempt rescores to its figures
            rules = scoring_rules.rules_of(self.details)
        except ValueError as exc:
            raise InvalidInputError("attempt", str(exc)) from None
        if self.seed is None:
            raise InvalidInputError("attempt", "this attempt has no seed to replay")
        events = decode_events(self.log.data)
        result = replay(definition, mode, self.seed, events, options, rules=rules)
        return RescoreReport(self.attempt_id, self.stored, figures_of(result), version)


def _replays_of(
    session: Session, caller: Caller, attempt_ids: Sequence[uuid.UUID]
) -> list[_Replay | Exception]:
    """``_attempt_with_log`` and the checks before a replay for many attempts, in four
    statements. An attempt that fails them is its error, raised when its turn comes: an
    earlier attempt's replay may fail first, as it would one by one."""
    wanted = set(attempt_ids)
    attempts = {a.id: a for a in session.scalars(select(Attempt).where(Attempt.id.in_(wanted)))}
    logs = {
        e.attempt_id: e
        for e in session.scalars(select(AttemptEvent).where(AttemptEvent.attempt_id.in_(wanted)))
    }
    items = {
        i.id: i
        for i in session.scalars(
            select(ContentItem).where(
                ContentItem.id.in_({a.content_item_id for a in attempts.values()})
            )
        )
    }
    owners = {a.person_id for a in attempts.values()}
    visible = set(
        session.scalars(select(Person.id).where(Person.id.in_(owners), visible_people(caller)))
    )
    replays: list[_Replay | Exception] = []
    for attempt_id in attempt_ids:
        try:
            attempt = attempts.get(attempt_id)
            if attempt is None:
                raise NotFoundError("no such attempt")
            if attempt.person_id not in visible:
                require_visible(session, caller, attempt.person_id)  # refuses, as ``rescore``
            item, log = items.get(attempt.content_item_id), logs.get(attempt_id)
            if item is None or log is None:
                raise NotFoundError("this attempt has no event log to replay")
            stored = {name: getattr(attempt, name) for name in COMPARED_FIGURES}
            replay_of = _Replay(attempt_id, stored, item, attempt.mode, attempt.seed,
                                attempt.details, log)  # fmt: skip
            if not replay_of.scenario:
                replay_of.check()
            replays.append(replay_of)
        except (ServiceError, ValueError) as error:  # ValueError: a mode no engine knows
            replays.append(error)
    return replays


def _visible_attempt(session: Session, caller: Caller, attempt_id: uuid.UUID) -> Attempt:
    attempt = session.get(Attempt, attempt_id)
    if attempt is None:
        raise NotFoundError("no such attempt")
    require_visible(session, caller, attempt.person_id)
    return attempt


def _attempt_with_log(
    session: Session, caller: Caller, attempt_id: uuid.UUID
) -> tuple[Attempt, ContentItem, AttemptEvent]:
    attempt = _visible_attempt(session, caller, attempt_id)
    item = session.get(ContentItem, attempt.content_item_id)
    log = session.get(AttemptEvent, attempt_id)
    if item is None or log is None:
        raise NotFoundError("this attempt has no event log to replay")
    return attempt, item, log
