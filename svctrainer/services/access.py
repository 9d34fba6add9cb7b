"""Role checks and result scope, applied inside every service call.

``authorize`` loads the actor's current roles in the caller's session and raises unless
they hold the permission; ``visible_people`` is the SQL clause that limits whose results
a query may return: a teller their own, a trainer their teams', a supervisor their
branch's.

One server may hold many branches. Everything a signed-in person reaches is in their own
branch: ``in_caller_branch`` is the one clause every branch-owned table is filtered by,
``acting_branch`` the one answer to "which branch does this write go to". Only the
administration command line, which belongs to no branch, reaches every branch, and must
name one when the database holds several. A regional supervisor reads other branches
only through ``region_branches`` (aggregates, never a person's record).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, false, or_, select, true
from sqlalchemy.orm import Session

from svctrainer.core.roles import Permission, Role, permissions_of
from svctrainer.services.actor import Actor
from svctrainer.services.errors import (
    BranchRequiredError,
    InactiveProfileError,
    NotFoundError,
    PermissionDeniedError,
)
from svctrainer.store.models import (
    Branch,
    Person,
    PersonRole,
    RegionBranch,
    RegionSupervisor,
    Team,
    TeamTrainer,
)


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


@cache
def _caller_statement() -> Select[bool, uuid.UUID, str, uuid.UUID]:
    """``load_caller``'s statement, built once (on first use: the login window imports
    the services): built per call, its joins and coercions cost about as much CPU as
    running it, on every service call."""
    return (
        select(Person.active, Person.branch_id, PersonRole.role, TeamTrainer.team_id)
        .outerjoin(PersonRole, PersonRole.person_id == Person.id)
        .outerjoin(TeamTrainer, TeamTrainer.person_id == Person.id)
        .where(Person.id == bindparam("person_id"))
    )


def load_caller(session: Session, actor: Actor) -> Caller:
    """The actor's current roles and trained teams, read in one statement.

    Every service call starts here, so it is read as values: the person's row joined to
    its roles and the teams it trains (a few rows: roles times teams), not the ORM
    ``Person`` with its roles loaded by a second statement and the teams by a third
    (three statements and an ORM object a call; about a tenth of the role matrix's CPU).
    Autoflush still applies, so a change pending in ``session`` is seen as before."""
    if actor.is_admin_tool:
        return Caller(actor, None, None, frozenset(Role), frozenset(Permission), frozenset())
    rows = session.execute(_caller_statement(), {"person_id": actor.person_id}).all()
    if not rows or not rows[0].active:
        raise InactiveProfileError("this profile no longer exists or has been deactivated")
    roles = frozenset(Role(row.role) for row in rows if row.role is not None)
    teams = frozenset(row.team_id for row in rows if row.team_id is not None)
    return Caller(actor, actor.person_id, rows[0].branch_id, roles, permissions_of(roles), teams)


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


def in_caller_branch(caller: Caller, branch_column: Any) -> ColumnElement[bool]:
    """WHERE clause keeping rows of the caller's branch (``branch_column`` holds a branch
    id); the command line keeps every branch."""
    if caller.actor.is_admin_tool:
        return true()
    return branch_column == caller.branch_id  # type: ignore[no-any-return]


def require_in_branch(caller: Caller, branch_id: uuid.UUID, what: str) -> None:
    """Refuse a signed-in person reaching ``what`` (a record of ``branch_id``) in another
    branch than their own."""
    if not caller.actor.is_admin_tool and branch_id != caller.branch_id:
        raise PermissionDeniedError(f"{caller.actor.label} may not reach {what} of another branch")


def require_whole_database(session: Session, caller: Caller, what: str) -> None:
    """Refuse a signed-in person an action on the whole database (``what``: restoring a
    backup) when it holds other branches than theirs: that is the server
    administrator's, whose command line reaches every branch."""
    if caller.actor.is_admin_tool:
        return
    other = session.scalar(select(Branch.id).where(Branch.id != caller.branch_id).limit(1))
    if other is not None:
        raise PermissionDeniedError(
            f"{caller.actor.label} may not {what}: the database holds other branches too"
        )


def team_name_in_branch(session: Session, caller: Caller, team_id: uuid.UUID) -> str:
    """The name of a team of the caller's branch (the command line: any team); another
    branch's team is as unknown as one that does not exist."""
    name = session.scalar(
        select(Team.name).where(Team.id == team_id, in_caller_branch(caller, Team.branch_id))
    )
    if name is None:
        raise NotFoundError("no such team in this branch")
    return name


def acting_branch(session: Session, caller: Caller, branch: str | None = None) -> uuid.UUID:
    """The branch a write by ``caller`` belongs to.

    A signed-in person acts in their own branch only: naming another is refused. The
    command line names a branch by ``branch`` (its name), or, when the database holds
    exactly one, may leave it out; with several it must say which
    (``BranchRequiredError``), since guessing could change another branch's data.
    """
    if not caller.actor.is_admin_tool:
        if caller.branch_id is None:  # a person always belongs to a branch
            raise PermissionDeniedError(f"{caller.actor.label} belongs to no branch")
        if branch is not None:
            own = session.scalar(select(Branch.name).where(Branch.id == caller.branch_id))
            if own != branch:
                raise PermissionDeniedError(
                    f"{caller.actor.label} may act only in their own branch"
                )
        return caller.branch_id
    if branch is not None:
        found = session.scalar(select(Branch.id).where(Branch.name == branch))
        if found is None:
            raise NotFoundError(f"no branch called {branch!r}")
        return found
    names = list(session.execute(select(Branch.id, Branch.name).order_by(Branch.name).limit(6)))
    if len(names) == 1:
        return names[0][0]
    if not names:
        raise NotFoundError("the database holds no branch yet")
    raise BranchRequiredError([name for _, name in names[:5]])


def region_branches(session: Session, caller: Caller) -> frozenset[uuid.UUID]:
    """The branches whose aggregates a regional supervisor may read: those of the regions
    they were given (``RegionSupervisor``). The command line reads every branch; anyone
    else none (their own branch's figures come through the branch's own pages)."""
    if caller.actor.is_admin_tool:
        return frozenset(session.scalars(select(Branch.id)))
    if Permission.VIEW_REGION_RESULTS not in caller.permissions:
        return frozenset()
    return frozenset(
        session.scalars(
            select(RegionBranch.branch_id)
            .join(RegionSupervisor, RegionSupervisor.region_id == RegionBranch.region_id)
            .where(RegionSupervisor.person_id == caller.person_id)
        )
    )
