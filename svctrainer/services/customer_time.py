"""Customer time: the tellers' measured gains as waiting time saved at the branch.

For ``ProgressService.person_customer_time`` and ``team_customer_time`` (which check who
may see what); every figure is a pure function of ``core``:

1. Levels. Per person, the baseline and latest test speed of keying (the ten-key or
   data-entry family with the most tests) and of counting: the person's logged hand
   counts when they give a baseline and a later level (real notes counted by hand, the
   counter's own task), otherwise the cash-counting drill's tests.
2. Service time. ``core.analytics.customer_time.service_time``: seconds per transaction
   at baseline and after the part of the gain that transfers to the counter (the
   branch's transfer factors).
3. The queue. From the branch's imported queue tickets in the period when there are any
   (``QueueSource.IMPORTED``: measured arrivals per hour, windows, mean service time and
   variability), else from the branch's assumed profile and the mix's service time at
   the reference speeds (``QueueSource.ASSUMED``). The mix's transactions per teller are
   checked against it (``mismatch``).
4. The branch's cut. The queue is shared: ``shared_queue_cut`` weighs each measured
   teller's saving by their share of the day's customers, the branch's tellers taking
   turns at its windows.
5. The day. ``core.queueing.branch_day.day_saving``: customer-minutes of waiting and
   service saved, P(wait > target), windows needed per hour; and the what-if grid.

A team's effect is the branch's day with only that team's gains; a person's, with only
theirs. The teams' cuts add up to the branch's; their customer-minutes do not quite
(waiting falls faster than linearly as service speeds up), which is why each is
computed on its own.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import Session

from svctrainer.core.analytics.customer_time import (
    ServiceTimeSaving,
    SkillSpeeds,
    check_transactions,
    service_time,
    shared_queue_cut,
)
from svctrainer.core.analytics.progress import baseline_gain
from svctrainer.core.analytics.series import AttemptMode, AttemptPoint, Metric
from svctrainer.core.drills.kind import CounterSkill
from svctrainer.core.drills.registry import skill_factors
from svctrainer.core.hand_count import DRILL_TYPE as HAND_COUNT_TYPE
from svctrainer.core.queueing.branch_day import QueueConditions, day_saving, what_if
from svctrainer.core.roles import Role
from svctrainer.services.access import Caller
from svctrainer.services.drill_families import DrillFamily, load_families
from svctrainer.services.progress_queries import counted, first_last_tests, in_range
from svctrainer.services.progress_records import (
    BranchEffect,
    DateRange,
    QueueBasis,
    QueueSource,
    SkillLevels,
)
from svctrainer.services.queue_data import day_range, measured_queue
from svctrainer.services.settings import MixSetting
from svctrainer.store.models import Attempt, Branch, ContentItem, Person, PersonRole

WHAT_IF_OFFSETS = (-1, 0, 1, 2)  # windows fewer / more than the profile, every hour
WHAT_IF_CUTS_S = tuple(float(s) for s in range(0, 61, 5))


def queue_basis(
    session: Session, branch_id: uuid.UUID | None, setting: MixSetting, window: DateRange
) -> QueueBasis:
    """The queue the figures are about (module docstring, step 3)."""
    target = setting.assumptions.target
    days = day_range(window.since, window.until)
    measured = (
        None if branch_id is None else measured_queue(session, branch_id, days, target.wait_s)
    )
    conditions = None if measured is None else measured.conditions
    if measured is not None and conditions is not None:
        profile = conditions.profile
        mismatch = check_transactions(setting.mix, profile.customers_per_day, profile.mean_windows)
        return QueueBasis(QueueSource.IMPORTED, conditions, measured, mismatch)
    return QueueBasis(QueueSource.ASSUMED, setting.assumed_conditions(), None, setting.mismatch)


def branch_for(session: Session, caller: Caller) -> uuid.UUID | None:
    """The caller's branch; for the command line, the database's branch if it has one."""
    if caller.branch_id is not None:
        return caller.branch_id
    branches = list(session.scalars(select(Branch.id).limit(2)))
    return branches[0] if len(branches) == 1 else None


def tellers_in_branch(session: Session, branch_id: uuid.UUID | None) -> int:
    """Active people with the teller role: who takes turns at the branch's windows."""
    query = (
        select(func.count())
        .select_from(Person)
        .join(PersonRole, PersonRole.person_id == Person.id)
        .where(PersonRole.role == Role.TELLER.value, Person.active.is_(True))
    )
    if branch_id is not None:
        query = query.where(Person.branch_id == branch_id)
    return int(session.scalar(query) or 0)


def branch_effect(
    basis: QueueBasis, setting: MixSetting, savings: Sequence[ServiceTimeSaving], tellers: int
) -> BranchEffect:
    """The day's figures for these tellers' savings (module docstring, steps 4–5);
    ``tellers``: how many take turns at the branch's windows."""
    conditions: QueueConditions = basis.conditions
    cut = shared_queue_cut(
        [s.seconds_saved_per_transaction for s in savings],
        setting.mix.transactions_per_day,
        conditions.profile.customers_per_day,
        tellers,
    )
    # A cut can never take the whole service time (it is a share of seconds saved at
    # one counter); the guard keeps an absurd mix from raising here.
    safe = min(cut.cut_s, 0.9 * conditions.service_s)
    return BranchEffect(basis, cut, day_saving(conditions, safe, setting.assumptions.target))


def what_if_lines(basis: QueueBasis) -> tuple[Any, ...]:
    return what_if(basis.conditions, WHAT_IF_OFFSETS, WHAT_IF_CUTS_S)


def savings_of(setting: MixSetting, levels: Iterable[SkillLevels]) -> list[ServiceTimeSaving]:
    transfer = setting.assumptions.transfer
    return [service_time(setting.mix, *speeds(lv), transfer) for lv in levels]


def speeds(levels: SkillLevels) -> tuple[SkillSpeeds, SkillSpeeds]:
    by_hand = levels.counting_by_hand
    return (
        SkillSpeeds(levels.kph_before, levels.notes_before, by_hand),
        SkillSpeeds(levels.kph_after, levels.notes_after, by_hand),
    )


def has_levels(levels: SkillLevels) -> bool:
    return levels.kph_before is not None or levels.notes_before is not None


# -- levels ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Level:
    tests: int
    before: float | None
    after: float | None
    family: str | None


_NO_LEVEL = _Level(0, None, None, None)


def skill_levels(
    session: Session,
    person_ids: Iterable[uuid.UUID],
    window: DateRange,
    people: Select[Any] | None = None,
) -> dict[uuid.UUID, SkillLevels]:
    """Baseline and latest speed per person for keying and counting (module docstring,
    step 1)."""
    ids = list(person_ids)
    scope = people if people is not None else select(Person.id).where(Person.id.in_(ids))
    families = list(load_families(session).values())
    # Which kinds measure keying (keystrokes per hour) and counting (notes per minute) is
    # each kind's own declaration (``DrillKind.measures``), factor included.
    keying_types = skill_factors(CounterSkill.KEYING)
    counting_types = skill_factors(CounterSkill.COUNTING)
    if people is None and len(ids) == 1:  # one person's page: one query, not twelve
        keying = _levels_of_one(session, ids[0], families, keying_types, window)
        counting = _levels_of_one(session, ids[0], families, counting_types, window)
    else:
        keying = _best_levels(session, scope, families, keying_types, window)
        counting = _best_levels(session, scope, families, counting_types, window)
    by_hand = _hand_count_levels(session, scope, window)
    out = {}
    for pid in ids:
        k = keying.get(pid, _NO_LEVEL)
        hand = by_hand.get(pid)
        c = hand if hand is not None else counting.get(pid, _NO_LEVEL)
        out[pid] = SkillLevels(
            k.family, k.before, k.after, c.family, c.before, c.after, hand is not None
        )
    return out


def _best_levels(
    session: Session,
    scope: Select[Any],
    families: list[DrillFamily],
    types: dict[str, float],
    window: DateRange,
) -> dict[uuid.UUID, _Level]:
    order = list(types)
    ordered = sorted(
        (f for f in families if f.drill_type in types),
        key=lambda f: (order.index(f.drill_type or ""), f.key),
    )
    best: dict[uuid.UUID, _Level] = {}
    for family in ordered:
        factor = types[family.drill_type or ""]
        for pid, tests in first_last_tests(
            session, scope, family.item_ids, Metric.SPEED, window
        ).items():
            p = baseline_gain(tests.points, Metric.SPEED)
            level = _Level(
                tests.count,
                _scaled(p.baseline.value, factor),
                _scaled(p.latest.value, factor),
                family.key,
            )
            if pid not in best or level.tests > best[pid].tests:
                best[pid] = level
    return best


def _levels_of_one(
    session: Session,
    person_id: uuid.UUID,
    families: list[DrillFamily],
    types: dict[str, float],
    window: DateRange,
) -> dict[uuid.UUID, _Level]:
    """``_best_levels`` for one person, the same rule: every counted test of the
    person on the measuring families in one index range read (a few hundred rows at
    most), then ``baseline_gain`` per family. ``first_last_tests`` is built for a
    branch: twelve correlated queries whose compilation alone costs more than this."""
    order = list(types)
    ordered = sorted(
        (f for f in families if f.drill_type in types),
        key=lambda f: (order.index(f.drill_type or ""), f.key),
    )
    family_of = {i: f.key for f in ordered for i in f.item_ids}
    if not family_of:
        return {}
    rows = session.execute(
        select(Attempt.content_item_id, Attempt.id, Attempt.started_at, Attempt.speed).where(
            Attempt.content_item_id.in_(list(family_of)),
            Attempt.mode == AttemptMode.TEST.value,
            Attempt.person_id == person_id,
            *counted(Attempt),
            Attempt.speed.is_not(None),
            *in_range(Attempt, window),
        )
    )
    tests: dict[str, list[AttemptPoint]] = {}
    for item_id, attempt_id, started, speed in rows:
        tests.setdefault(family_of[item_id], []).append(
            AttemptPoint(started, AttemptMode.TEST.value, speed, None, None, True, str(attempt_id))
        )
    best: _Level | None = None
    for family in ordered:
        found = tests.get(family.key)
        if not found:
            continue
        found.sort(key=lambda p: (p.started_at, p.attempt_id))
        factor = types[family.drill_type or ""]
        p = baseline_gain(found, Metric.SPEED)
        level = _Level(
            len(found), _scaled(p.baseline.value, factor), _scaled(p.latest.value, factor),
            family.key,
        )  # fmt: skip
        if best is None or level.tests > best.tests:
            best = level
    return {} if best is None else {person_id: best}


def _hand_count_levels(
    session: Session, scope: Select[Any], window: DateRange
) -> dict[uuid.UUID, _Level]:
    """People whose logged hand counts give a baseline and a later level. Hand counts
    are timed counts of the same practice notes, as comparable as a drill's tests, so
    ``progress`` reads them as tests (first three = baseline)."""
    rows = session.execute(
        select(Attempt.person_id, Attempt.id, Attempt.started_at, Attempt.speed, Attempt.valid,
               and_(Attempt.invalidated_reason.is_(None), Attempt.completion == "complete"),
               ContentItem.content_id)
        .join(ContentItem, ContentItem.id == Attempt.content_item_id)
        .where(
            and_(
                ContentItem.drill_type == HAND_COUNT_TYPE,
                Attempt.mode == AttemptMode.LOGGED.value,
            ),
            Attempt.person_id.in_(scope),
            *in_range(Attempt, window),
        )
        .order_by(Attempt.person_id, Attempt.started_at, Attempt.id)
    )  # fmt: skip
    points: dict[uuid.UUID, list[AttemptPoint]] = {}
    family: dict[uuid.UUID, str] = {}
    for pid, attempt_id, started, speed, valid, kept, content_id in rows:
        points.setdefault(pid, []).append(
            AttemptPoint(started, AttemptMode.TEST.value, speed, None, None, bool(valid and kept),
                         str(attempt_id))
        )  # fmt: skip
        family[pid] = content_id
    out = {}
    for pid, series in points.items():
        p = baseline_gain(series, Metric.SPEED)
        if p.baseline.value is not None and p.latest.value is not None:
            out[pid] = _Level(p.tests, p.baseline.value, p.latest.value, family[pid])
    return out


def _scaled(value: float | None, factor: float) -> float | None:
    return None if value is None else value * factor
