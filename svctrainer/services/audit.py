"""The audit log: append-only, written in the same transaction as the change it records,
so a change and its audit entry are committed together or not at all."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from svctrainer.core.roles import Permission
from svctrainer.services.access import authorize
from svctrainer.services.actor import Actor
from svctrainer.services.error_boundary import translate_store_errors
from svctrainer.store.database import Database
from svctrainer.store.models import AuditLog, Branch, Person, QueueImport, Team


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: uuid.UUID
    at: datetime
    actor: str
    action: str
    target_type: str | None
    target_id: str | None
    detail: dict[str, Any]
    target: str | None = None
    """What the entry is about as a person reads it: "Name (employee number)" for a
    person, a team's or branch's name, else the stored id. Names are looked up when shown, so the
    log itself stays append-only and ids stay the record."""


def record(
    session: Session,
    actor: Actor,
    action: str,
    target_type: str | None = None,
    target_id: object | None = None,
    **detail: Any,
) -> None:
    session.add(
        AuditLog(
            actor_person_id=actor.person_id,
            actor_label=actor.label,
            action=action,
            target_type=target_type,
            target_id=str(target_id) if target_id is not None else None,
            detail=detail,
        )
    )


@translate_store_errors
class AuditService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def recent(self, actor: Actor, limit: int = 500, action: str | None = None) -> list[AuditEntry]:
        with self._db.reading() as session:
            caller = authorize(session, actor, Permission.VIEW_AUDIT)
            query = select(AuditLog).order_by(AuditLog.at.desc()).limit(limit)
            if caller.branch_id is not None:
                query = query.where(_in_branch(session, caller.branch_id))
            if action:
                query = query.where(AuditLog.action == action)
            rows = list(session.scalars(query))
            names = _target_names(session, rows)
            return [
                AuditEntry(
                    r.id,
                    r.at,
                    r.actor_label,
                    r.action,
                    r.target_type,
                    r.target_id,
                    r.detail,
                    names.get((r.target_type, r.target_id), r.target_id),
                )
                for r in rows
            ]


SHARED_TARGETS = ("content", "file", "branch_key", "setting")
"""What the command line or the application does to the whole database (content, backups,
the signing key, and settings: on a database of several branches the command line sets
the server-wide defaults): every branch's log shows it."""


def _in_branch(session: Session, branch_id: uuid.UUID) -> ColumnElement[bool]:
    """Entries of one branch on a shared server: made by its people, or by the command
    line about its people, teams, settings or queue data, or about the whole database.
    A branch's admin never reads what happened in another branch."""
    people = list(session.scalars(select(Person.id).where(Person.branch_id == branch_id)))
    teams = session.scalars(select(Team.id).where(Team.branch_id == branch_id))
    imports = session.scalars(select(QueueImport.id).where(QueueImport.branch_id == branch_id))
    targets = [
        and_(AuditLog.target_type == "person", AuditLog.target_id.in_([str(p) for p in people])),
        and_(AuditLog.target_type == "team", AuditLog.target_id.in_([str(t) for t in teams])),
        and_(AuditLog.target_type == "branch", AuditLog.target_id == str(branch_id)),
        and_(
            AuditLog.target_type == "queue_import",
            AuditLog.target_id.in_([str(i) for i in imports]),
        ),
        AuditLog.target_type.in_(SHARED_TARGETS),
    ]
    return or_(
        AuditLog.actor_person_id.in_(people),
        and_(AuditLog.actor_person_id.is_(None), or_(*targets)),
    )


def _target_names(session: Session, rows: list[AuditLog]) -> dict[tuple[Any, Any], str]:
    """(target_type, target_id) -> a readable name, for people, teams and branches."""
    wanted: dict[str, set[uuid.UUID]] = {"person": set(), "team": set(), "branch": set()}
    for row in rows:
        if row.target_type in wanted and row.target_id:
            try:
                wanted[row.target_type].add(uuid.UUID(row.target_id))
            except ValueError:
                continue
    names: dict[tuple[Any, Any], str] = {}
    if wanted["person"]:
        people = select(Person.id, Person.name, Person.employee_number).where(
            Person.id.in_(wanted["person"])
        )
        for pid, name, number in session.execute(people):
            names["person", str(pid)] = f"{name} ({number})"
    for kind, model in (("team", Team), ("branch", Branch)):
        if wanted[kind]:
            named = select(model.id, model.name).where(model.id.in_(wanted[kind]))
            for row_id, name in session.execute(named):
                names[kind, str(row_id)] = name
    return names
