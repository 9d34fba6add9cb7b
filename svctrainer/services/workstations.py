"""Workstations tied to a branch: on a server shared by several branches, a counter
workstation knows its branch and signs in only that branch's people.

A workstation is known by its host name (``WORKSTATION``, the name its attempts
record). An administrator ties it (``svctrainer workstation set-branch NAME`` on
the workstation, or Admin → Database → This workstation); from then on its sign-in list
shows only that branch's people, and a person of another branch who signs in there
anyway is refused (``auth.sign_in_refused``, reason ``other_branch``). That is a guard
against picking a colleague of another branch from a long list, not a wall: the branch
scope of every service call is what keeps branches apart. A workstation nobody tied
signs in anyone, as on a database of one branch.

A signed-in administrator ties a workstation to their own branch only, and cannot take
over or untie one another branch's administrator tied; the command line, the server
administrator's, may tie any workstation to any branch. Every change is audited.
"""

from __future__ import annotations

import socket
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from svctrainer.core import text_fields
from svctrainer.core.roles import Permission
from svctrainer.services import audit
from svctrainer.services.access import acting_branch, authorize, in_caller_branch, require_in_branch
from svctrainer.services.actor import Actor
from svctrainer.services.changes import PEOPLE, writes
from svctrainer.services.error_boundary import translate_store_errors
from svctrainer.services.errors import InvalidInputError
from svctrainer.store.database import Database
from svctrainer.store.models import Branch, WorkstationBranch, utcnow

WORKSTATION = socket.gethostname()[:120]
"""This computer's name, as its attempts and its tie to a branch record it. Kept here, not
with the attempts: the sign-in list needs it, and importing the attempt service brings
every drill and scenario engine (0.2 s of CPU before the list could fill)."""


@dataclass(frozen=True, slots=True)
class WorkstationTie:
    workstation: str
    branch: str
    set_by: str
    set_at: datetime


def tied_branch(session: Session, workstation: str) -> tuple[str, uuid.UUID] | None:
    """(branch name, branch id) ``workstation`` is tied to, or None."""
    row = session.execute(
        select(Branch.name, Branch.id)
        .join(WorkstationBranch, WorkstationBranch.branch_id == Branch.id)
        .where(WorkstationBranch.workstation == workstation)
    ).first()
    return None if row is None else (row[0], row[1])


def _name(workstation: str | None, default: str) -> str:
    if workstation is None:
        return default
    try:
        return text_fields.clean_text(workstation, field="workstation", max_len=120)
    except text_fields.FieldError as exc:
        raise InvalidInputError(exc.field, exc.message) from None


@translate_store_errors
class WorkstationService:
    def __init__(self, db: Database, workstation: str = WORKSTATION) -> None:
        self._db = db
        self._workstation = workstation or "workstation"

    @property
    def name(self) -> str:
        """This workstation's name (its host name)."""
        return self._workstation

    def branch(self) -> str | None:
        """The branch this workstation is tied to (None: anyone may sign in here). Read
        before anyone signs in, by the sign-in screen."""
        with self._db.reading() as session:
            tie = tied_branch(session, self._workstation)
            return None if tie is None else tie[0]

    def ties(self, actor: Actor) -> list[WorkstationTie]:
        """The workstations tied to the administrator's branch (the command line: to any)."""
        with self._db.reading() as session:
            caller = authorize(session, actor, Permission.MANAGE_PEOPLE)
            rows = session.execute(
                select(WorkstationBranch, Branch.name)
                .join(Branch, Branch.id == WorkstationBranch.branch_id)
                .where(in_caller_branch(caller, WorkstationBranch.branch_id))
                .order_by(WorkstationBranch.workstation)
            )
            return [WorkstationTie(w.workstation, name, w.set_by, w.set_at) for w, name in rows]

    @writes(PEOPLE)  # the sign-in list changes
    def set_branch(
        self, actor: Actor, branch: str | None = None, workstation: str | None = None
    ) -> WorkstationTie:
        """Tie ``workstation`` (default: this one) to ``branch`` (a signed-in
        administrator: their own; the command line: the one it names, see
        ``access.acting_branch``)."""
        name = _name(workstation, self._workstation)
        with self._db.writing() as session:
            caller = authorize(session, actor, Permission.MANAGE_PEOPLE)
            branch_id = acting_branch(session, caller, branch)
            branch_name = session.scalar(select(Branch.name).where(Branch.id == branch_id)) or ""
            row = session.get(WorkstationBranch, name)
            before = None
            if row is not None:
                require_in_branch(caller, row.branch_id, "a workstation")
                before = session.scalar(select(Branch.name).where(Branch.id == row.branch_id))
                row.branch_id = branch_id
                row.set_by = actor.label[:200]
                row.set_at = utcnow()
            else:
                row = WorkstationBranch(
                    workstation=name, branch_id=branch_id, set_by=actor.label[:200]
                )
                session.add(row)
            session.flush()
            audit.record(
                session, actor, "workstation.set_branch", "workstation", name,
                branch=branch_name, before=before,
            )  # fmt: skip
            return WorkstationTie(name, branch_name, row.set_by, row.set_at)

    @writes(PEOPLE)
    def clear_branch(self, actor: Actor, workstation: str | None = None) -> bool:
        """Untie ``workstation`` (default: this one): anyone may sign in there again.
        False when it was not tied."""
        name = _name(workstation, self._workstation)
        with self._db.writing() as session:
            caller = authorize(session, actor, Permission.MANAGE_PEOPLE)
            row = session.get(WorkstationBranch, name)
            if row is None:
                return False
            require_in_branch(caller, row.branch_id, "a workstation")
            before = session.scalar(select(Branch.name).where(Branch.id == row.branch_id))
            session.delete(row)
            audit.record(
                session, actor, "workstation.clear_branch", "workstation", name, before=before
            )
            return True
