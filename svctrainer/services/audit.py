"""The audit log: append-only, written in the same transaction as the change it records,
so a change and its audit entry are committed together or not at all."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from svctrainer.core.roles import Permission
from svctrainer.services.access import authorize
from svctrainer.services.actor import Actor
from svctrainer.services.error_boundary import translate_store_errors
from svctrainer.store.database import Database
from svctrainer.store.models import AuditLog, Branch, Person, Team


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
            authorize(session, actor, Permission.VIEW_AUDIT)
            query = select(AuditLog).order_by(AuditLog.at.desc()).limit(limit)
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
