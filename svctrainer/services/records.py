"""Plain data returned by services: detached from any database session, safe to keep in
widgets and to pass between threads."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from svctrainer.core.roles import Role


@dataclass(frozen=True, slots=True)
class TeamRecord:
    id: uuid.UUID
    name: str
    member_count: int
    trainer_ids: frozenset[uuid.UUID]


@dataclass(frozen=True, slots=True)
class PersonRecord:
    id: uuid.UUID
    name: str
    employee_number: str
    team_id: uuid.UUID | None
    team_name: str | None
    roles: frozenset[Role]
    active: bool
    locked_until: datetime | None
    pin_reset_needed: bool = False  # 100 wrong PINs in a row: only an admin reset unlocks


@dataclass(frozen=True, slots=True)
class ProfileChoice:
    """What the login screen may show before anyone has signed in."""

    id: uuid.UUID
    name: str
    employee_number: str
    team_name: str | None


@dataclass(frozen=True, slots=True)
class SignedIn:
    person: PersonRecord
    branch_name: str
