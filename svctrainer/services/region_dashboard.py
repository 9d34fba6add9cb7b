"""The region dashboard: the branches of a regional supervisor's regions side by side on
one skill family (``services.drill_families``), from the same baseline and gain that
each branch's own dashboard shows per person.

Read-only and aggregate-only: a regional supervisor sees per branch how many were tested
and the medians of baseline, latest level and gain (``core.analytics.branch_comparison``),
never a person's name or record, and changes nothing in any branch. Only the branches of
the regions they were given count (``access.region_branches``); the command line reads
every branch or one region.

A few queries whatever the size of the region: the tellers and the counted attempts per
branch, and each person's tests as a baseline and gain need them. Over the whole history
these come from the progress summary as values only, one row a person keyed by branch
(``progress_queries.summary_gain_inputs``, then ``progress.gain_of_values``): ten
branches of 500 people read no id or timestamp of a test (issue 16 point 5, measured by
``bench/bench_region.py``). Over a date range they come from the attempts
(``first_last_tests``, index-only).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import String, func, select, type_coerce
from sqlalchemy.orm import Session

from svctrainer.core.analytics.branch_comparison import BranchLevels, branch_levels
from svctrainer.core.analytics.progress import (
    GAIN_UNITS,
    BaselineGain,
    GainUnit,
    gain_of_tests,
    gain_of_values,
)
from svctrainer.core.analytics.series import Metric
from svctrainer.core.roles import Permission, Role
from svctrainer.services.access import authorize, region_branches
from svctrainer.services.actor import Actor
from svctrainer.services.branches import RegionRecord
from svctrainer.services.drill_families import DrillFamily, language_skills, load_families
from svctrainer.services.error_boundary import translate_store_errors
from svctrainer.services.errors import NotFoundError, PermissionDeniedError
from svctrainer.services.progress_queries import (
    EVERYTHING,
    counted,
    first_last_tests,
    in_range,
    speed_unit_of,
    summarised,
    summary_gain_inputs,
    uuid_of,
)
from svctrainer.services.progress_records import DateRange
from svctrainer.store.database import Database
from svctrainer.store.models import (
    Attempt,
    Branch,
    Person,
    PersonRole,
    ProgressSummary,
    Region,
    RegionBranch,
    RegionSupervisor,
)


@dataclass(frozen=True, slots=True)
class BranchSkillRow:
    """One branch on one skill family."""

    branch_id: uuid.UUID
    branch: str
    tellers: int  # active people holding the teller role
    attempts: int  # counted attempts on the family in the window, practice and test
    levels: BranchLevels


@dataclass(frozen=True, slots=True)
class RegionDashboard:
    family: DrillFamily
    metric: Metric
    gain_unit: GainUnit
    speed_unit: str | None
    window: DateRange
    rows: tuple[BranchSkillRow, ...]  # by branch name

    def best(self) -> BranchSkillRow | None:
        """The branch with the highest median gain (None when no branch has one)."""
        ranked = [r for r in self.rows if r.levels.gain is not None]
        return max(ranked, key=lambda r: (r.levels.gain or 0.0, r.branch)) if ranked else None


@translate_store_errors
class RegionDashboardService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def regions(self, actor: Actor) -> list[RegionRecord]:
        """The regions the caller reads (the command line: every region)."""
        with self._db.reading() as session:
            caller = authorize(session, actor, Permission.VIEW_REGION_RESULTS)
            query = select(Region).order_by(Region.name)
            if not actor.is_admin_tool:
                query = query.join(RegionSupervisor, RegionSupervisor.region_id == Region.id).where(
                    RegionSupervisor.person_id == caller.person_id
                )
            out = []
            for region in session.scalars(query):
                names = session.scalars(
                    select(Branch.name)
                    .join(RegionBranch, RegionBranch.branch_id == Branch.id)
                    .where(RegionBranch.region_id == region.id)
                    .order_by(Branch.name)
                )
                out.append(RegionRecord(region.id, region.name, tuple(names), ()))
            return out

    def dashboard(
        self,
        actor: Actor,
        family_key: str,
        *,
        region_id: uuid.UUID | None = None,
        window: DateRange = EVERYTHING,
        metric: Metric | None = None,
    ) -> RegionDashboard:
        """Every branch the caller reads (in ``region_id`` only, if given) on one family."""
        with self._db.reading() as session:
            caller = authorize(session, actor, Permission.VIEW_REGION_RESULTS)
            readable = region_branches(session, caller)
            branch_ids = _in_region(session, readable, region_id)
            families = load_families(session)
            family = families.get(family_key) or language_skills(families).get(family_key)
            if family is None:
                raise NotFoundError(f"no drill or scenario {family_key!r}")
            metric = metric or (Metric.SCORE if family.is_scenario else Metric.SPEED)
            rows = _rows(session, branch_ids, family, metric, window)
            unit = speed_unit_of(session, family.item_ids) if metric is Metric.SPEED else None
        return RegionDashboard(family, metric, GAIN_UNITS[metric], unit, window, rows)

    def overview(
        self, actor: Actor, *, region_id: uuid.UUID | None = None, window: DateRange = EVERYTHING
    ) -> list[RegionDashboard]:
        """Every skill family anyone in the branches has counted tests on (a skill offered
        in several languages once, joined), drills first, for the command line's report."""
        with self._db.reading() as session:
            caller = authorize(session, actor, Permission.VIEW_REGION_RESULTS)
            branch_ids = _in_region(session, region_branches(session, caller), region_id)
            families = load_families(session)
            skills = language_skills(families)
            joined = {m for s in skills.values() for m in s.content_ids}
            chosen = [
                *skills.values(),
                *(f for f in families.values() if not set(f.content_ids) & joined),
            ]
            used = set(
                session.scalars(
                    select(Attempt.content_item_id)
                    .join(Person, Person.id == Attempt.person_id)
                    .where(Person.branch_id.in_(branch_ids), *counted(Attempt))
                    .distinct()
                )
            )
        keys = sorted(
            (f for f in chosen if used & set(f.item_ids)), key=lambda f: (f.is_scenario, f.title)
        )
        boards = [self.dashboard(actor, f.key, region_id=region_id, window=window) for f in keys]
        return [b for b in boards if any(r.levels.tested for r in b.rows)]


def _in_region(
    session: Session, readable: frozenset[uuid.UUID], region_id: uuid.UUID | None
) -> list[uuid.UUID]:
    if region_id is None:
        return sorted(readable, key=str)
    members = set(
        session.scalars(select(RegionBranch.branch_id).where(RegionBranch.region_id == region_id))
    )
    if not members:
        raise NotFoundError("no such region")
    if not members <= readable:
        raise PermissionDeniedError("you do not read this region")
    return sorted(members, key=str)


def _branch_of(session: Session, branch_ids: list[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
    """Each active person's branch, decoded by the memoised ``uuid_of`` rather than the
    ORM's type processing: a region holds thousands of people, read on every call."""
    rows = session.connection().execute(
        select(type_coerce(Person.id, String), type_coerce(Person.branch_id, String)).where(
            Person.branch_id.in_(branch_ids), Person.active.is_(True)
        )
    )
    return {uuid_of(pid): uuid_of(branch) for pid, branch in rows.all()}


def _rows(
    session: Session,
    branch_ids: list[uuid.UUID],
    family: DrillFamily,
    metric: Metric,
    window: DateRange,
) -> tuple[BranchSkillRow, ...]:
    if not branch_ids:
        return ()
    names = dict(
        session.execute(select(Branch.id, Branch.name).where(Branch.id.in_(branch_ids))).all()
    )
    people = select(Person.id).where(Person.branch_id.in_(branch_ids), Person.active.is_(True))
    tellers = dict(
        session.execute(
            select(Person.branch_id, func.count())
            .join(PersonRole, PersonRole.person_id == Person.id)
            .where(
                Person.branch_id.in_(branch_ids),
                Person.active.is_(True),
                PersonRole.role == Role.TELLER.value,
            )
            .group_by(Person.branch_id)
        ).all()
    )
    gains: dict[uuid.UUID, list[BaselineGain]] = {b: [] for b in branch_ids}
    if summarised(window, metric, family.is_scenario):
        attempts = dict(
            session.execute(
                select(Person.branch_id, func.sum(ProgressSummary.counted))
                .select_from(ProgressSummary)
                .join(Person, Person.id == ProgressSummary.person_id)
                .where(
                    Person.branch_id.in_(branch_ids),
                    Person.active.is_(True),
                    ProgressSummary.content_item_id.in_(list(family.item_ids)),
                )
                .group_by(Person.branch_id)
            ).all()
        )
        # Values only, one row a person, by branch: a region's thousands (issue 16.5).
        for branch_id, inputs in summary_gain_inputs(
            session, people, family.item_ids, metric, by=Person.branch_id
        ):
            gain = gain_of_values(inputs.first, inputs.after, metric, inputs.count)
            gains[branch_id].append(gain)
    else:
        attempts = dict(
            session.execute(
                select(Person.branch_id, func.count())
                .select_from(Attempt)
                .join(Person, Person.id == Attempt.person_id)
                .where(
                    Person.branch_id.in_(branch_ids),
                    Person.active.is_(True),
                    Attempt.content_item_id.in_(list(family.item_ids)),
                    *counted(Attempt),
                    *in_range(Attempt, window),
                )
                .group_by(Person.branch_id)
            ).all()
        )
        tests = first_last_tests(session, people, family.item_ids, metric, window)
        branch_of = _branch_of(session, branch_ids)
        for person_id, found in tests.items():
            gain = gain_of_tests(found.points, metric, found.count)
            gains[branch_of[person_id]].append(gain)
    rows = [
        BranchSkillRow(
            b,
            names[b],
            int(tellers.get(b, 0)),
            int(attempts.get(b, 0)),
            branch_levels(gains[b]),
        )
        for b in branch_ids
    ]
    return tuple(sorted(rows, key=lambda r: r.branch))
