"""Assignments: trainers set drills and scenarios with targets; results complete them.

Scope (who may assign to whom): the caller needs ``ASSIGN``. A trainer reaches the teams
they look after (``team_trainer``) and the people in them; a caller who also sees the
whole branch (``VIEW_BRANCH_RESULTS``, i.e. a supervisor who is also a trainer) reaches
every team and person of the branch; the administration command line reaches everyone.
A supervisor alone holds no ``ASSIGN`` (the role table in ``core.roles``): supervisors
review, trainers assign. Editing and cancelling follow the same scope as creating, so a
second trainer of the same team may correct a colleague's assignment (the audit log
says who did what and why).

Reading: ``for_trainer`` and ``roster`` need ``VIEW_TEAM_RESULTS`` and cover the teams
in scope (the branch for supervisors); ``for_person`` needs the person to be visible
(oneself, a trained team, the branch).

A team assignment is stored once and applies to whoever is in the team when it is read
(``core.assignment_progress.applies_to``). Status is never stored: it is computed from
the person's counted attempts on the content id since the assignment was created, with
one aggregate query per assignment. ``today`` (the local calendar date of this
workstation unless given) decides what is overdue.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import ColumnElement, false, func, or_, select, true
from sqlalchemy.orm import Session

from svctrainer.core.assignment_progress import Status, Target
from svctrainer.core.roles import Permission
from svctrainer.services import audit
from svctrainer.services.access import Caller, authorize, load_caller, require_visible
from svctrainer.services.actor import Actor
from svctrainer.services.assignment_records import (
    AssignmentOverview,
    AssignmentRecord,
    PersonAssignment,
    RosterMember,
    RosterTeam,
    checked_target,
    clean_note,
    content_facts,
    editable_fields,
    iso_date,
    to_records,
)
from svctrainer.services.assignment_status import (
    for_person_status,
    overview_order,
    people_status,
    people_statuses,
)
from svctrainer.services.changes import ASSIGNMENTS, writes
from svctrainer.services.error_boundary import translate_store_errors
from svctrainer.services.errors import (
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
    RetakeLimitError,
)
from svctrainer.services.progress_queries import id_key, uuid_of
from svctrainer.services.retake_limits import RetakeAllowance, retake_allowance
from svctrainer.store.database import Database
from svctrainer.store.models import Assignment, Person, ProgressSummary, Team

__all__ = [
    "AssignmentOverview",
    "AssignmentRecord",
    "AssignmentService",
    "PersonAssignment",
    "RosterMember",
    "RosterTeam",
]

MAX_REASON = 2000


@translate_store_errors
class AssignmentService:
    def __init__(self, db: Database) -> None:
        self._db = db

    # -- writing -----------------------------------------------------------------------

    @writes(ASSIGNMENTS)
    def create(
        self,
        actor: Actor,
        *,
        targets: Mapping[str, Target | Mapping[str, Any]],
        person_ids: Iterable[uuid.UUID] = (),
        team_ids: Iterable[uuid.UUID] = (),
        due_on: date | None = None,
        min_practice: int = 0,
        note: str | None = None,
        today: date | None = None,
    ) -> list[AssignmentRecord]:
        """Assign each content id in ``targets`` (content id → its target) to every person
        and team given: one row per content × assignee. Several content ids form a bundle
        (one ``bundle_id``). All or nothing; each row audited as ``assignment.create``."""
        people, teams = list(dict.fromkeys(person_ids)), list(dict.fromkeys(team_ids))
        if not targets:
            raise InvalidInputError("content", "choose at least one drill or scenario")
        if not people and not teams:
            raise InvalidInputError("assignees", "choose at least one person or team")
        today = today or date.today()
        if due_on is not None and due_on < today:
            raise InvalidInputError("due_on", "the due date is in the past")
        note = clean_note(note)
        bundle = uuid.uuid4() if len(targets) > 1 else None
        with self._db.writing() as session:
            caller = authorize(session, actor, Permission.ASSIGN)
            for pid in people:
                _assignable_person(session, caller, pid)
            for tid in teams:
                _assignable_team(session, caller, tid)
            facts = content_facts(session, targets)
            checked = {
                cid: checked_target(t, facts[cid], min_practice) for cid, t in targets.items()
            }
            assignees = [(p, None) for p in people] + [(None, t) for t in teams]
            rows: list[Assignment] = []
            for content_id, target in checked.items():
                for person_id, team_id in assignees:
                    row = Assignment(
                        bundle_id=bundle,
                        content_id=content_id,
                        person_id=person_id,
                        team_id=team_id,
                        target=target.to_json(),
                        due_on=due_on,
                        min_practice=min_practice,
                        note=note,
                        created_by_id=caller.person_id,
                    )
                    session.add(row)
                    session.flush()
                    audit.record(
                        session,
                        actor,
                        "assignment.create",
                        "assignment",
                        row.id,
                        content_id=content_id,
                        person_id=_str(row.person_id),
                        team_id=_str(row.team_id),
                        target=row.target,
                        due_on=iso_date(due_on),
                        min_practice=min_practice,
                        note=note,
                        bundle_id=_str(bundle),
                    )
                    rows.append(row)
            return to_records(session, rows)

    @writes(ASSIGNMENTS)
    def update(
        self,
        actor: Actor,
        assignment_id: uuid.UUID,
        *,
        target: Target | Mapping[str, Any],
        due_on: date | None,
        min_practice: int,
        note: str | None,
        reason: str = "",
        today: date | None = None,
    ) -> AssignmentRecord:
        """Change the target, due date, minimum practice or note (the content and the
        assignees stay: cancel and assign again for those). Audited as
        ``assignment.update`` with each changed field's before and after, and why."""
        note = clean_note(note)
        reason = reason.strip()[:MAX_REASON]
        with self._db.writing() as session:
            caller = authorize(session, actor, Permission.ASSIGN)
            row = _assignment_in_scope(session, caller, assignment_id)
            if row.cancelled_at is not None:
                raise InvalidInputError("assignment", "this assignment is cancelled")
            facts = content_facts(session, [row.content_id])[row.content_id]
            checked = checked_target(target, facts, min_practice).to_json()
            if due_on is not None and due_on != row.due_on and due_on < (today or date.today()):
                raise InvalidInputError("due_on", "the due date is in the past")
            before = editable_fields(row)
            row.target, row.due_on, row.min_practice, row.note = checked, due_on, min_practice, note
            after = editable_fields(row)
            changes = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
            if changes:
                audit.record(
                    session,
                    actor,
                    "assignment.update",
                    "assignment",
                    row.id,
                    changes=changes,
                    reason=reason,
                )
            session.flush()
            return to_records(session, [row])[0]

    @writes(ASSIGNMENTS)
    def cancel(self, actor: Actor, assignment_id: uuid.UUID, reason: str) -> AssignmentRecord:
        """Withdraw an assignment (kept, marked cancelled; results are untouched)."""
        reason = reason.strip()
        if not reason:
            raise InvalidInputError("reason", "say why the assignment is cancelled")
        with self._db.writing() as session:
            caller = authorize(session, actor, Permission.ASSIGN)
            row = _assignment_in_scope(session, caller, assignment_id)
            if row.cancelled_at is not None:
                raise InvalidInputError("assignment", "this assignment is already cancelled")
            row.cancelled_at = datetime.now(UTC)
            audit.record(
                session,
                actor,
                "assignment.cancel",
                "assignment",
                row.id,
                content_id=row.content_id,
                reason=reason[:MAX_REASON],
            )
            session.flush()
            return to_records(session, [row])[0]

    # -- reading -----------------------------------------------------------------------

    def for_person(
        self, actor: Actor, person_id: uuid.UUID, today: date | None = None
    ) -> list[PersonAssignment]:
        """ "My assignments": everything currently assigned to the person (directly or
        through their team), overdue first, then by due date, done last."""
        with self._db.reading() as session:
            caller = load_caller(session, actor)
            person = require_visible(session, caller, person_id)
            return for_person_status(session, person, today or date.today())

    def test_allowance(
        self, actor: Actor, content_id: str, now: datetime | None = None
    ) -> RetakeAllowance:
        """How many tests of ``content_id`` the caller may still take under their
        assignments' retake limits (``retake_limits``)."""
        with self._db.reading() as session:
            caller = authorize(session, actor, Permission.PRACTISE)
            if caller.person_id is None:
                return RetakeAllowance(content_id, None, None, 0)
            person = session.get(Person, caller.person_id)
            assert person is not None  # noqa: S101 - authorize loaded it
            return retake_allowance(session, person, content_id, now)

    def require_test_allowed(self, actor: Actor, content_id: str) -> RetakeAllowance:
        """RetakeLimitError (a ConflictError) when the retake limit is reached: the
        service, not the screen, decides, so the limit holds on every workstation."""
        allowance = self.test_allowance(actor, content_id)
        if not allowance.allowed:
            # A limit always has its window, and a full window its oldest try.
            assert allowance.per_days is not None  # noqa: S101
            assert allowance.next_at is not None  # noqa: S101
            raise RetakeLimitError(allowance.taken, allowance.per_days, allowance.next_at)
        return allowance

    def open_count(self, actor: Actor, today: date | None = None) -> int:
        """How many of the caller's own assignments are not done (the GUI lands on
        "My assignments" when there are any). The command line has none."""
        with self._db.reading() as session:
            caller = authorize(session, actor, Permission.PRACTISE)
            if caller.person_id is None:
                return 0
            person = session.get(Person, caller.person_id)
            assert person is not None  # noqa: S101 - authorize loaded it
            items = for_person_status(session, person, today or date.today())
            return sum(item.progress.is_open for item in items)

    def for_trainer(
        self, actor: Actor, today: date | None = None, include_cancelled: bool = False
    ) -> list[AssignmentOverview]:
        """Every assignment reaching the caller's teams, each with its people's status;
        overdue ones first, then by due date."""
        today = today or date.today()
        with self._db.reading() as session:
            caller = authorize(session, actor, Permission.VIEW_TEAM_RESULTS)
            teams = _team_scope(caller)
            people = session.scalars(
                select(Person).where(Person.active.is_(True), _people_scope(caller, teams))
            )
            by_id = {p.id: p for p in people}
            rows = _assignments_reaching(session, caller, teams, include_cancelled)
            records = to_records(session, rows)
            overviews = []
            for row, record in zip(rows, records, strict=True):
                members = [
                    p
                    for p in by_id.values()
                    if (row.person_id is not None and p.id == row.person_id)
                    or (row.team_id is not None and p.team_id == row.team_id)
                ]
                status = people_status(session, row, record, members, today)
                overviews.append(AssignmentOverview(record, tuple(status)))
            return sorted(overviews, key=overview_order)

    def counts_by_person(
        self, actor: Actor, today: date | None = None
    ) -> dict[uuid.UUID, dict[Status, int]]:
        """Per person in scope, how many assignments are in each status (for the
        supervisor dashboard's done/overdue columns).

        The same statuses as ``for_trainer``'s (same scope, same members, same
        ``people_status`` rules), read from the ids and teams of the people only: the
        columns need no names, and building 500 ``Person`` objects (with their roles)
        was most of the call on a branch (issue 17)."""
        with self._db.reading() as session:
            caller = authorize(session, actor, Permission.VIEW_TEAM_RESULTS)
            return status_counts(session, caller, today or date.today())

    def roster(self, actor: Actor) -> list[RosterTeam]:
        """The caller's teams (a supervisor's: the branch's) with their active members
        and each member's latest counted attempt."""
        with self._db.reading() as session:
            caller = authorize(session, actor, Permission.VIEW_TEAM_RESULTS)
            teams = list(
                session.scalars(select(Team).where(_team_scope(caller)).order_by(Team.name))
            )
            team_ids = [t.id for t in teams] or [uuid.uuid4()]
            members = list(
                session.scalars(
                    select(Person)
                    .where(Person.team_id.in_(team_ids), Person.active.is_(True))
                    .order_by(Person.name)
                )
            )
            # each member's latest counted attempt from the progress summary (per person
            # and item, kept current by every write): a few rows a person, where the
            # attempts were a scan of the whole branch's (~200 ms at 1 M, issue 17)
            s = ProgressSummary
            last = dict(
                session.execute(
                    select(s.person_id, func.max(s.last_counted_at))
                    .join(Person, Person.id == s.person_id)
                    .where(Person.team_id.in_(team_ids), s.last_counted_at.is_not(None))
                    .group_by(s.person_id)
                ).all()
            )
            return [
                RosterTeam(
                    t.id,
                    t.name,
                    tuple(
                        RosterMember(p.id, p.name, p.employee_number, t.id, last.get(p.id))
                        for p in members
                        if p.team_id == t.id
                    ),
                )
                for t in teams
            ]


def status_counts(
    session: Session, caller: Caller, today: date
) -> dict[uuid.UUID, dict[Status, int]]:
    """``AssignmentService.counts_by_person`` in a session the caller is already
    authorized in: the supervisor's dashboard reads them in its own snapshot, without
    a second session and authorization."""
    counts: dict[uuid.UUID, dict[Status, int]] = {}
    teams = _team_scope(caller)
    # all rows at once (not a fetch per row): a branch is 500 people
    people = [
        (uuid_of(pid), None if team_id is None else uuid_of(team_id))
        for pid, team_id in session.connection()
        .execute(
            select(id_key(session, Person.id), id_key(session, Person.team_id)).where(
                Person.active.is_(True), _people_scope(caller, teams)
            )
        )
        .all()
    ]
    by_team: dict[uuid.UUID | None, list[uuid.UUID]] = {}
    for pid, team_id in people:
        by_team.setdefault(team_id, []).append(pid)
    rows = _assignments_reaching(session, caller, teams, include_cancelled=False)
    # the target and the content's modes are all ``people_statuses`` needs of a record:
    # not ``to_records``, whose names of people, teams and authors are two more queries
    facts = content_facts(session, [r.content_id for r in rows]) if rows else {}
    for row in rows:
        members = _members(row, people, by_team)
        target = Target.from_json(row.target or {})
        modes = facts[row.content_id].modes
        for pid, status in zip(
            members, people_statuses(session, row, target, modes, members, today=today), strict=True
        ):
            counts.setdefault(pid, dict.fromkeys(Status, 0))[status] += 1
    return counts


def _members(
    row: Assignment,
    people: list[tuple[uuid.UUID, uuid.UUID | None]],
    by_team: dict[uuid.UUID | None, list[uuid.UUID]],
) -> list[uuid.UUID]:
    """Who of ``people`` (id, team; in scope, active) an assignment reaches, in their
    order: a team's members from ``by_team`` (the people by team) rather than a pass
    over the whole branch per assignment."""
    if row.person_id is None:
        return by_team.get(row.team_id, []) if row.team_id is not None else []
    if row.team_id is None:
        return [pid for pid, _team in people if pid == row.person_id]
    return [pid for pid, team in people if pid == row.person_id or team == row.team_id]


# -- scope -------------------------------------------------------------------------------


def _team_scope(caller: Caller) -> ColumnElement[bool]:
    """WHERE clause over ``Team``: the teams the caller assigns to and reviews."""
    if caller.actor.is_admin_tool:
        return true()
    if Permission.VIEW_BRANCH_RESULTS in caller.permissions:
        return Team.branch_id == caller.branch_id
    if caller.trained_team_ids:
        return Team.id.in_(caller.trained_team_ids)
    return false()


def _assignments_reaching(
    session: Session, caller: Caller, teams: ColumnElement[bool], include_cancelled: bool
) -> list[Assignment]:
    """The assignments of the teams in ``teams`` and of the active people in the
    caller's scope, oldest first (``for_trainer`` and ``counts_by_person`` agree)."""
    query = select(Assignment).where(
        or_(
            Assignment.team_id.in_(select(Team.id).where(teams)),
            Assignment.person_id.in_(
                select(Person.id).where(Person.active.is_(True), _people_scope(caller, teams))
            ),
        )
    )
    if not include_cancelled:
        query = query.where(Assignment.cancelled_at.is_(None))
    return list(session.scalars(query.order_by(Assignment.created_at)))


def _people_scope(caller: Caller, teams: ColumnElement[bool]) -> ColumnElement[bool]:
    if caller.actor.is_admin_tool:
        return true()
    if Permission.VIEW_BRANCH_RESULTS in caller.permissions:
        return Person.branch_id == caller.branch_id
    return Person.team_id.in_(select(Team.id).where(teams))


def _assignable_person(session: Session, caller: Caller, person_id: uuid.UUID) -> Person:
    person = session.scalar(
        select(Person).where(Person.id == person_id, _people_scope(caller, _team_scope(caller)))
    )
    if person is None:
        raise PermissionDeniedError(f"{caller.actor.label} may not assign to this person")
    if not person.active:
        raise InvalidInputError("assignees", f"{person.name} is no longer active")
    return person


def _assignable_team(session: Session, caller: Caller, team_id: uuid.UUID) -> Team:
    team = session.scalar(select(Team).where(Team.id == team_id, _team_scope(caller)))
    if team is None:
        raise PermissionDeniedError(f"{caller.actor.label} may not assign to this team")
    return team


def _assignment_in_scope(session: Session, caller: Caller, assignment_id: uuid.UUID) -> Assignment:
    row = session.get(Assignment, assignment_id)
    if row is None:
        raise NotFoundError("no such assignment")
    if row.team_id is not None:
        _assignable_team(session, caller, row.team_id)
    elif row.person_id is not None:
        person = session.scalar(
            select(Person).where(
                Person.id == row.person_id, _people_scope(caller, _team_scope(caller))
            )
        )
        if person is None:
            raise PermissionDeniedError(f"{caller.actor.label} may not change this assignment")
    return row


def _str(value: uuid.UUID | None) -> str | None:
    return str(value) if value is not None else None
