"""Service standards: the shipped standard per demand level, a run's compliance with it,
and compliance per level for each employee and team (the supervisor's view).

Compliance is computed from the stored decision logs against the standards file shipped
with this release, not stored with the attempt: a corrected standard applies to every
run at once, and nothing needs migrating. Replaying a decision log is pure and takes
well under a millisecond per attempt, and the supervisor view runs on the database
worker.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from sqlalchemy import select

from svctrainer.core.problems import ContentError
from svctrainer.core.roles import Permission
from svctrainer.core.scenarios.decision_log_codec import (
    DECISION_ENCODING,
    DecisionLogError,
    decode_decisions,
)
from svctrainer.core.scenarios.engine import DecisionLogEntry
from svctrainer.core.scenarios.model import DemandLevel, Language, Scenario
from svctrainer.core.standards.compliance import Compliance, assess_run
from svctrainer.core.standards.loader import load_standards_file
from svctrainer.core.standards.model import StandardSet, current_level
from svctrainer.locations import bundled_dir
from svctrainer.services.access import authorize, visible_people
from svctrainer.services.actor import Actor
from svctrainer.services.content import parse_stored
from svctrainer.services.progress_queries import EVERYTHING, person_refs
from svctrainer.services.progress_records import DateRange, PersonRef
from svctrainer.store.database import Database
from svctrainer.store.models import Attempt, AttemptEvent, ContentItem, Person

LEVEL_ORDER = tuple(
    level for level in DemandLevel if level not in (DemandLevel.BASIC, DemandLevel.PREMIUM)
)


def standards_path(language: Language) -> Path:
    return bundled_dir("drills") / "standards" / f"service-standards.{language.value}.yaml"


@cache
def shipped_standards(language: Language) -> StandardSet | None:
    """The standards shipped for ``language`` (None if the file is missing or damaged:
    runs are then scored by tier only, and the shipped-content tests catch it)."""
    try:
        return load_standards_file(standards_path(language))
    except ContentError:
        return None


def compliance_of(scenario: Scenario, log: Sequence[DecisionLogEntry]) -> Compliance | None:
    """A run against its level's shipped standard; None when no standard applies."""
    standards = shipped_standards(scenario.language)
    if standards is None:
        return None
    result = assess_run(scenario, standards, [(e.node_id, e.choice_id) for e in log])
    return result if result is not None and result.applicable else None


@dataclass
class LevelTally:
    """Standard items met out of those that applied, over a set of runs at one level."""

    met: int = 0
    applicable: int = 0
    runs: int = 0

    def add(self, compliance: Compliance) -> None:
        self.met += compliance.met
        self.applicable += compliance.applicable
        self.runs += 1

    @property
    def rate(self) -> float | None:
        return self.met / self.applicable if self.applicable else None


@dataclass(frozen=True)
class ComplianceRow:
    """One employee's compliance per demand level (levels without runs are absent)."""

    person: PersonRef
    levels: dict[DemandLevel, LevelTally] = field(default_factory=dict)


@dataclass(frozen=True)
class TeamCompliance:
    team_name: str | None  # None: the whole branch (everyone in scope)
    levels: dict[DemandLevel, LevelTally] = field(default_factory=dict)


@dataclass(frozen=True)
class ComplianceTable:
    levels: tuple[DemandLevel, ...]  # the levels that have runs, in standard order
    rows: tuple[ComplianceRow, ...]
    teams: tuple[TeamCompliance, ...]
    everyone: TeamCompliance
    skipped: int  # runs whose decision log no longer fits (or is damaged)


class StandardsService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def compliance_by_level(
        self, actor: Actor, *, team_id: uuid.UUID | None = None, window: DateRange = EVERYTHING
    ) -> ComplianceTable:
        """Compliance per demand level for each person in scope, each team and everyone,
        over valid scenario runs in ``window`` (practice and tests alike: the standard
        is the same method whatever the mode)."""
        with self._db.reading() as session:
            caller = authorize(session, actor, Permission.VIEW_TEAM_RESULTS)
            people = select(Person.id).where(visible_people(caller), Person.active.is_(True))
            if team_id is not None:
                people = people.where(Person.team_id == team_id)
            query = (
                select(Attempt.person_id, Attempt.content_item_id, AttemptEvent.data)
                .join(ContentItem, ContentItem.id == Attempt.content_item_id)
                .join(AttemptEvent, AttemptEvent.attempt_id == Attempt.id)
                .where(
                    ContentItem.kind == "scenario",
                    Attempt.valid.is_(True),
                    AttemptEvent.encoding == DECISION_ENCODING,
                    Attempt.person_id.in_(people),
                )
            )
            if window.since is not None:
                query = query.where(Attempt.started_at >= window.since)
            if window.until is not None:
                query = query.where(Attempt.started_at < window.until)
            runs = session.execute(query).all()
            item_ids = {row.content_item_id for row in runs}
            items = session.execute(
                select(ContentItem.id, ContentItem.content_hash, ContentItem.source_name,
                       ContentItem.source_text).where(ContentItem.id.in_(item_ids))
            ).all()  # fmt: skip
            refs = {ref.id: ref for ref in person_refs(session, people)}
        scenarios: dict[uuid.UUID, Scenario] = {}
        for item_id, content_hash, name, text in items:
            parsed = parse_stored(f"{content_hash[:12]}/{name}", text)
            if isinstance(parsed, Scenario):
                scenarios[item_id] = parsed
        per_person: dict[uuid.UUID, dict[DemandLevel, LevelTally]] = {}
        skipped = 0
        for person_id, item_id, data in runs:
            scenario = scenarios.get(item_id)
            if scenario is None or person_id not in refs:
                continue
            try:
                compliance = compliance_of(scenario, decode_decisions(data))
            except (DecisionLogError, KeyError):
                skipped += 1
                continue
            if compliance is None:
                continue
            level = current_level(scenario.customer.demand_level)
            per_person.setdefault(person_id, {}).setdefault(level, LevelTally()).add(compliance)
        return _table(refs, per_person, skipped)


def _merged(tallies: Sequence[dict[DemandLevel, LevelTally]]) -> dict[DemandLevel, LevelTally]:
    merged: dict[DemandLevel, LevelTally] = {}
    for levels in tallies:
        for level, tally in levels.items():
            into = merged.setdefault(level, LevelTally())
            into.met += tally.met
            into.applicable += tally.applicable
            into.runs += tally.runs
    return merged


def _table(
    refs: dict[uuid.UUID, PersonRef],
    per_person: dict[uuid.UUID, dict[DemandLevel, LevelTally]],
    skipped: int,
) -> ComplianceTable:
    rows = tuple(ComplianceRow(refs[pid], levels) for pid, levels in per_person.items())
    rows = tuple(sorted(rows, key=lambda r: (r.person.name, r.person.employee_number)))
    by_team: dict[str | None, list[dict[DemandLevel, LevelTally]]] = {}
    for row in rows:
        by_team.setdefault(row.person.team_name, []).append(row.levels)
    teams = tuple(
        TeamCompliance(name, _merged(levels))
        for name, levels in sorted(by_team.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))
    )
    everyone = TeamCompliance(None, _merged([r.levels for r in rows]))
    levels = tuple(level for level in LEVEL_ORDER if level in everyone.levels)
    return ComplianceTable(levels, rows, teams, everyone, skipped)
