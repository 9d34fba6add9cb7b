"""Role checks and result scope, applied inside every service call.

``authorize`` loads the actor's current roles in the caller's session and raises unless
they hold the permission; ``visible_people`` is the SQL clause that limits whose results
a query may return: a teller their own, a trainer their teams', a supervisor their
branch's.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import ColumnElement, false, or_, select, true
from sqlalchemy.orm import Session

from svctrainer.core.roles import Permission, Role, permissions_of
from svctrainer.services.actor import Actor
from svctrainer.services.errors import InactiveProfileError, PermissionDeniedError
from svctrainer.store.models import Person, TeamTrainer


@dataclass(frozen=True, slots=True)
class Caller:
    actor: Actor
    person_id: uuid.UUID | None
    branch_id: uuid.UUID | None
    roles: frozenset[Role]
    permissions: frozenset[Permission]
    trained_team_ids: frozenset[uuid.UUID]

    def has(self, permission: Permission) -> bool:
        return self.actor.is_admin_tool or permission in self.permissions


def load_caller(session: Session, actor: Actor) -> Caller:
    if actor.is_admin_tool:
        return Caller(actor, None, None, frozenset(Role), frozenset(Permission), frozenset())
    person = session.get(Person, actor.person_id)
    if person is None or not person.active:
        raise InactiveProfileError("this profile no longer exists or has been deactivated")
    roles = frozenset(Role(r.role) for r in person.roles)
    teams = frozenset(
        session.scalars(select(TeamTrainer.team_id).where(TeamTrainer.person_id == person.id))
    )
    return Caller(actor, person.id, person.branch_id, roles, permissions_of(roles), teams)


def authorize(session: Session, actor: Actor, permission: Permission) -> Caller:
    caller = load_caller(session, actor)
    if not caller.has(permission):
        raise PermissionDeniedError(f"{actor.label} may not {permission.value.replace('_', ' ')}")
    return caller


def visible_people(caller: Caller) -> ColumnElement[bool]:
    """WHERE clause over ``Person`` for whose results the caller may see."""
    if caller.actor.is_admin_tool:
        return true()
    clauses: list[ColumnElement[bool]] = [Person.id == caller.person_id]
    if Permission.VIEW_BRANCH_RESULTS in caller.permissions:
        clauses.append(Person.branch_id == caller.branch_id)
    if Permission.VIEW_TEAM_RESULTS in caller.permissions and caller.trained_team_ids:
        clauses.append(Person.team_id.in_(caller.trained_team_ids))
    return or_(*clauses) if clauses else false()


def require_visible(session: Session, caller: Caller, person_id: uuid.UUID) -> Person:
    person = session.scalar(select(Person).where(Person.id == person_id, visible_people(caller)))
    if person is None:
        raise PermissionDeniedError(f"{caller.actor.label} may not see this person's results")
    return person
