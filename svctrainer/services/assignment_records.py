"""What the assignment service returns, and how it reads assignments and their content:
plain frozen records (safe across threads), the content facts a target depends on
(latest version: kind, speed unit, modes), and target validation with messages."""

from __future__ import annotations

import contextlib
import functools
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from svctrainer.core.assignment_progress import (
    MODES,
    AssignmentProgress,
    AttemptTally,
    Status,
    Target,
    TargetError,
    check_fits,
    check_min_practice,
)
from svctrainer.core.drills.registry import drill_kind
from svctrainer.core.packs.definition import DrillDefinition
from svctrainer.services.content import parse_stored
from svctrainer.services.errors import InvalidInputError, NotFoundError
from svctrainer.store.models import Assignment, ContentItem, Person, Team

MAX_NOTE = 2000


@dataclass(frozen=True, slots=True)
class ContentFacts:
    """What an assignment needs to know about its content (latest version)."""

    title: str
    kind: str
    drill_type: str | None
    speed_unit: str | None
    modes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AssignmentRecord:
    id: uuid.UUID
    bundle_id: uuid.UUID | None
    content_id: str
    title: str
    kind: str
    drill_type: str | None
    speed_unit: str | None
    modes: tuple[str, ...]
    person_id: uuid.UUID | None
    person_name: str | None
    team_id: uuid.UUID | None
    team_name: str | None
    target: Target
    due_on: date | None
    min_practice: int
    note: str | None
    created_by: str | None
    created_at: datetime
    cancelled_at: datetime | None

    @property
    def assignee_name(self) -> str:
        return self.team_name or self.person_name or ""


@dataclass(frozen=True, slots=True)
class PersonAssignment:
    """One assignment as it stands for one person."""

    assignment: AssignmentRecord
    person_id: uuid.UUID
    person_name: str
    employee_number: str
    progress: AssignmentProgress
    tally: AttemptTally

    @property
    def status(self) -> Status:
        return self.progress.status


@dataclass(frozen=True, slots=True)
class AssignmentOverview:
    """An assignment with the status of everyone it applies to (in the caller's scope)."""

    assignment: AssignmentRecord
    people: tuple[PersonAssignment, ...]

    def count(self, status: Status) -> int:
        return sum(p.status is status for p in self.people)


@dataclass(frozen=True, slots=True)
class RosterMember:
    person_id: uuid.UUID
    name: str
    employee_number: str
    team_id: uuid.UUID
    last_attempt_at: datetime | None
    """Start of the person's latest counted attempt (practice or test), any content."""


@dataclass(frozen=True, slots=True)
class RosterTeam:
    team_id: uuid.UUID
    name: str
    members: tuple[RosterMember, ...]


_TARGET_MESSAGES = {
    "not_an_object": "a target is a set of named minimums",
    "unknown_key": "unknown target setting {key}",
    "not_text": "must be text",
    "not_a_number": "must be a number",
    "not_a_whole_number": "must be a whole number",
    "limit_needs_days": "a retake limit needs both a number of tests and of days",
    "unknown_mode": "mode must be practice or test",
    "speed_needs_unit": "a minimum speed needs its unit",
    "bad_unit": "{unit} is not a speed unit",
    "out_of_range": "must be more than {low:g} and at most {high:g}",
    "unknown_tier": "tier must be satisfaction, comfort or delight",
    "mode_not_offered": "this content has no {mode} mode",
    "not_for_scenarios": "scenarios have no speed; set a tier, a score or an accuracy",
    "only_for_scenarios": "only scenarios reach service tiers",
    "wrong_unit": "this drill measures speed in {expected}, not {unit}",
    "no_practice_mode": "this content has no practice mode to count sessions of",
}


def invalid_target(exc: TargetError) -> InvalidInputError:
    text = _TARGET_MESSAGES.get(exc.code, exc.code)
    with contextlib.suppress(KeyError, ValueError):
        text = text.format(**exc.params)
    return InvalidInputError(exc.field, text)


def content_facts(session: Session, content_ids: Iterable[str]) -> dict[str, ContentFacts]:
    wanted = list(dict.fromkeys(content_ids))
    items = session.scalars(_newest_items(), {"wanted": wanted})
    facts = {item.content_id: _facts(item) for item in items}
    missing = [c for c in wanted if c not in facts]
    if missing:
        raise NotFoundError(f"no drill or scenario called {missing[0]}")
    return facts


@functools.cache
def _newest_items() -> Any:
    """The newest version of each content id in the bound list ``wanted``: built once,
    not per call (building it cost more than running it; the supervisor's dashboard
    reads it for its done/overdue columns on every load, issue 17)."""
    newest = (
        select(ContentItem.content_id, func.max(ContentItem.version).label("v"))
        .where(ContentItem.content_id.in_(bindparam("wanted", expanding=True)))
        .group_by(ContentItem.content_id)
        .subquery()
    )
    return select(ContentItem).join(
        newest,
        (ContentItem.content_id == newest.c.content_id) & (ContentItem.version == newest.c.v),
    )


def _facts(item: ContentItem) -> ContentFacts:
    if item.kind != "drill":
        return ContentFacts(item.title, item.kind, None, None, MODES)
    kind = drill_kind(item.drill_type or "")
    definition = parse_stored(f"{item.content_hash[:12]}/{item.source_name}", item.source_text)
    modes = (
        tuple(m for m in MODES if m in {str(k) for k in definition.modes})
        if isinstance(definition, DrillDefinition)
        else MODES
    )
    unit = None
    if kind is not None:
        drill = definition if isinstance(definition, DrillDefinition) else None
        unit = kind.speed_unit if drill is None else kind.unit_of(drill)
    return ContentFacts(item.title, item.kind, item.drill_type, unit, modes)


def checked_target(
    raw: Target | Mapping[str, Any], facts: ContentFacts, min_practice: int
) -> Target:
    try:
        if isinstance(raw, Target):
            target = raw
        else:
            data = dict(raw)
            if data.get("min_speed") is not None and "speed_unit" not in data:
                data["speed_unit"] = facts.speed_unit  # the drill's own unit, unless named
            target = Target.from_json(data)
        check_fits(target, facts.kind, facts.speed_unit, facts.modes)
        check_min_practice(min_practice, facts.modes)
    except TargetError as exc:
        raise invalid_target(exc) from None
    return target


def clean_note(note: str | None) -> str | None:
    if note is None or not note.strip():
        return None
    if len(note) > MAX_NOTE:
        raise InvalidInputError("note", f"keep the note under {MAX_NOTE} characters")
    return note.strip()


def editable_fields(row: Assignment) -> dict[str, Any]:
    return {
        "target": dict(row.target or {}),
        "due_on": iso_date(row.due_on),
        "min_practice": row.min_practice,
        "note": row.note,
    }


def to_records(session: Session, rows: Sequence[Assignment]) -> list[AssignmentRecord]:
    facts = content_facts(session, [r.content_id for r in rows]) if rows else {}
    names = _names(session, Person, {r.person_id for r in rows} | {r.created_by_id for r in rows})
    teams = _names(session, Team, {r.team_id for r in rows})
    out = []
    for r in rows:
        f = facts[r.content_id]
        out.append(
            AssignmentRecord(
                id=r.id,
                bundle_id=r.bundle_id,
                content_id=r.content_id,
                title=f.title,
                kind=f.kind,
                drill_type=f.drill_type,
                speed_unit=f.speed_unit,
                modes=f.modes,
                person_id=r.person_id,
                person_name=names.get(r.person_id),
                team_id=r.team_id,
                team_name=teams.get(r.team_id),
                target=Target.from_json(r.target or {}),
                due_on=r.due_on,
                min_practice=r.min_practice,
                note=r.note,
                created_by=names.get(r.created_by_id),
                created_at=r.created_at,
                cancelled_at=r.cancelled_at,
            )
        )
    return out


def _names(session: Session, model: type[Person] | type[Team], ids: set[Any]) -> dict[Any, str]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    return dict(session.execute(select(model.id, model.name).where(model.id.in_(wanted))).all())


def iso_date(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None
