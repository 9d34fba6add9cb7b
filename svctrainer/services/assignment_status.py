"""Where each person stands on an assignment: one aggregate query over their counted
attempts on the content id (mirroring ``core.assignment_progress.tally_attempts``), then
``assess`` per person. Portable SQL (CASE, SUM, MAX), no SQLite-only functions."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, and_, bindparam, case, func, or_, select, true
from sqlalchemy.orm import Session

from svctrainer.core.assignment_progress import TIER_LEVELS, AttemptTally, Status, Target, assess
from svctrainer.core.drills.completion import Completion
from svctrainer.services.assignment_records import (
    AssignmentOverview,
    AssignmentRecord,
    PersonAssignment,
    to_records,
)
from svctrainer.store.models import Assignment, Attempt, ContentItem, Person


def counted() -> tuple[ColumnElement[bool], ...]:
    return (
        Attempt.valid.is_(True),
        Attempt.completion == Completion.COMPLETE.value,
        Attempt.invalidated_reason.is_(None),
    )


def _tallies(
    session: Session, row: Assignment, target: Target, person_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, AttemptTally]:
    """One aggregate over the attempts of ``person_ids`` on the assignment's content id
    since it was created; mirrors ``assignment_progress.tally_attempts``."""
    if not person_ids:
        return {}
    shape = _Shape(
        target.mode is not None,
        target.min_speed is not None,
        target.speed_unit is None,
        target.min_accuracy is not None,
        target.min_score is not None,
        target.min_tier_level is not None,
    )
    values = {
        "content_id": row.content_id,
        "people": list(person_ids),
        "since": row.created_at,
        "mode": target.mode,
        "speed_unit": target.speed_unit,
        "min_speed": target.min_speed,
        "min_accuracy": target.min_accuracy,
        "min_score": target.min_score,
        "min_tier": target.min_tier_level,
    }
    query = _tally_query(shape)
    found = {}
    # on the session's connection: a statement of columns needs none of the ORM's
    # execution (entities, autoflush in a read), which cost as much as the SQL here
    rows = session.connection().execute(
        query, {k: v for k, v in values.items() if k in _used(query)}
    )
    for pid, n, practice, in_mode_n, meeting, speed, acc, score, best_tier, last in rows:
        found[pid] = AttemptTally(
            attempts=int(n),
            practice_sessions=int(practice or 0),
            attempts_in_mode=int(in_mode_n or 0),
            meeting_target=int(meeting or 0),
            best_speed=_float(speed),
            best_accuracy=_float(acc),
            best_score=_float(score),
            best_tier=None if best_tier is None else int(best_tier),
            last_attempt_at=_utc(last),
        )
    return found


class _Shape(NamedTuple):
    """Which parts of a target an assignment's aggregate tests (its values are bound)."""

    mode: bool
    min_speed: bool
    no_speed_unit: bool  # compared with IS NULL, not bound
    min_accuracy: bool
    min_score: bool
    min_tier: bool


@functools.lru_cache(maxsize=64)
def _tally_query(shape: _Shape) -> Any:
    """The aggregate of ``_tallies`` for targets of one shape, every value a bound
    parameter: built once, not once per assignment (building it cost three times as much
    as running it; a supervisor's dashboard tallies every assignment of the branch)."""
    in_mode: ColumnElement[bool] = Attempt.mode == bindparam("mode") if shape.mode else true()
    tier = case(dict(TIER_LEVELS), value=Attempt.grade, else_=None)
    unit: ColumnElement[bool] = (
        Attempt.speed_unit.is_(None) if shape.no_speed_unit else
        Attempt.speed_unit == bindparam("speed_unit")
    )  # fmt: skip
    conditions: list[ColumnElement[bool]] = [in_mode]
    if shape.min_speed:
        conditions += [unit, Attempt.speed >= bindparam("min_speed")]
    if shape.min_accuracy:
        conditions.append(Attempt.accuracy >= bindparam("min_accuracy"))
    if shape.min_score:
        conditions.append(Attempt.score >= bindparam("min_score"))
    if shape.min_tier:
        conditions.append(tier >= bindparam("min_tier"))
    same_unit = and_(in_mode, unit)
    return (
        select(
            Attempt.person_id,
            func.count(),
            func.sum(case((Attempt.mode == "practice", 1), else_=0)),
            func.sum(case((in_mode, 1), else_=0)),
            func.sum(case((and_(*conditions), 1), else_=0)),
            func.max(case((same_unit, Attempt.speed), else_=None)),
            func.max(case((in_mode, Attempt.accuracy), else_=None)),
            func.max(case((in_mode, Attempt.score), else_=None)),
            func.max(case((in_mode, tier), else_=None)),
            func.max(Attempt.started_at),
        )
        .join(ContentItem, ContentItem.id == Attempt.content_item_id)
        .where(
            ContentItem.content_id == bindparam("content_id"),
            Attempt.person_id.in_(bindparam("people", expanding=True)),
            Attempt.started_at >= bindparam("since"),
            *counted(),
        )
        .group_by(Attempt.person_id)
    )


@functools.lru_cache(maxsize=64)
def _used(query: Any) -> frozenset[str]:
    """The names of the parameters ``query`` binds."""
    return frozenset(query.compile().params)


def people_status(
    session: Session,
    row: Assignment,
    record: AssignmentRecord,
    people: Sequence[Person],
    today: date,
) -> list[PersonAssignment]:
    tallies = _tallies(session, row, record.target, [p.id for p in people])
    out = []
    for person in sorted(people, key=lambda p: p.name):
        tally = tallies.get(person.id, AttemptTally())
        progress = assess(
            record.target,
            record.min_practice,
            record.due_on,
            tally,
            today=today,
            modes=record.modes,
        )
        out.append(
            PersonAssignment(
                record, person.id, person.name, person.employee_number, progress, tally
            )
        )
    return out


def people_statuses(
    session: Session,
    row: Assignment,
    target: Target,
    modes: Sequence[str],
    person_ids: Sequence[uuid.UUID],
    *,
    today: date,
) -> list[Status]:
    """The status of each of ``person_ids`` on one assignment, as ``people_status``
    decides it, without the people's names: the dashboard's done/overdue columns only
    count statuses, and loading 500 ``Person`` objects for them cost more than the
    aggregate itself.

    ``target`` is the row's stored target and ``modes`` its content's (what
    ``to_records`` would put in the record: the columns need neither the names nor the
    titles it also reads). ``assess`` is pure, so people with the same tally share one
    verdict: most of a team has no attempt since the assignment was made, and assessing
    each of them again was a tenth of the counts (issue 17)."""
    tallies = _tallies(session, row, target, person_ids)
    verdicts: dict[AttemptTally, Status] = {}
    out = []
    for pid in person_ids:
        tally = tallies.get(pid, _NO_ATTEMPTS)
        status = verdicts.get(tally)
        if status is None:
            status = verdicts[tally] = assess(
                target, row.min_practice, row.due_on, tally, today=today, modes=modes
            ).status
        out.append(status)
    return out


_NO_ATTEMPTS = AttemptTally()


def for_person_status(session: Session, person: Person, today: date) -> list[PersonAssignment]:
    mine = Assignment.person_id == person.id
    clause = or_(mine, Assignment.team_id == person.team_id) if person.team_id else mine
    rows = list(
        session.scalars(
            select(Assignment)
            .where(clause, Assignment.cancelled_at.is_(None))
            .order_by(Assignment.created_at)
        )
    )
    records = to_records(session, rows)
    items = [
        people_status(session, row, record, [person], today)[0]
        for row, record in zip(rows, records, strict=True)
    ]
    return sorted(items, key=lambda i: _order(i.status, i.assignment.due_on))


_STATUS_ORDER = {Status.OVERDUE: 0, Status.IN_PROGRESS: 1, Status.NOT_STARTED: 1, Status.DONE: 2}


def _order(status: Status, due_on: date | None) -> tuple[int, date]:
    return (_STATUS_ORDER[status], due_on or date.max)


def overview_order(overview: AssignmentOverview) -> tuple[int, date, str]:
    a = overview.assignment
    overdue = overview.count(Status.OVERDUE) > 0
    open_ = any(p.progress.is_open for p in overview.people) or not overview.people
    rank = 0 if overdue else (1 if open_ else 2)
    return (rank, a.due_on or date.max, a.title)


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _utc(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value)).replace(tzinfo=UTC)
