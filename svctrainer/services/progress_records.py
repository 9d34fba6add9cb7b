"""What ``ProgressService`` returns: plain frozen data, safe to keep in widgets and to
hand between threads. Figures come from ``core.analytics``; see there for every formula."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from svctrainer.core.analytics.customer_time import (
    ServiceTimeSaving,
    SharedCut,
    TransactionsMismatch,
)
from svctrainer.core.analytics.dashboard import PersonSummary, TeamSummary
from svctrainer.core.analytics.key_heatmap import KeyHeatmap
from svctrainer.core.analytics.progress import BaselineGain
from svctrainer.core.analytics.scenario_progress import Radar, TierPoint, WeekTiers
from svctrainer.core.analytics.series import AttemptPoint, Metric, SeriesPoint
from svctrainer.core.analytics.trend import Trend
from svctrainer.core.queueing.branch_day import DaySaving, QueueConditions, WhatIfLine
from svctrainer.core.queueing.ticket_hours import MeasuredQueue
from svctrainer.core.report_csv import DashboardRow
from svctrainer.services.drill_families import DrillFamily
from svctrainer.services.settings import MixSetting


@dataclass(frozen=True, slots=True)
class DateRange:
    """``since`` inclusive, ``until`` exclusive; both UTC-aware or None (open)."""

    since: datetime | None = None
    until: datetime | None = None

    def __post_init__(self) -> None:
        for moment in (self.since, self.until):
            if moment is not None and moment.tzinfo is None:
                raise ValueError("DateRange needs timezone-aware datetimes")
        if self.since is not None and self.until is not None and self.until <= self.since:
            raise ValueError("DateRange: until must be after since")

    @classmethod
    def local_days(cls, first: date | None = None, last: date | None = None) -> DateRange:
        """Whole calendar days of this computer's time zone, both ends included, as UTC:
        "to 31 March" runs until the local midnight that ends 31 March. ``None`` leaves
        that end open. The GUI's date filter and the CLI's ``--from``/``--to`` both
        build their ranges here, so they cannot disagree about where a day begins."""
        if first is not None and last is not None and last < first:
            raise ValueError(f"the last day {last} is before the first {first}")
        return cls(
            _local_midnight(first) if first is not None else None,
            _local_midnight(last + timedelta(days=1)) if last is not None else None,
        )


def _local_midnight(day: date) -> datetime:
    """The UTC instant at which ``day`` begins in this computer's time zone."""
    return datetime.combine(day, time(0, 0)).astimezone().astimezone(UTC)


@dataclass(frozen=True, slots=True)
class PersonRef:
    id: uuid.UUID
    name: str
    employee_number: str
    team_id: uuid.UUID | None
    team_name: str | None


@dataclass(frozen=True, slots=True)
class FamilyActivity:
    """A drill (family) a person has attempts on."""

    family: DrillFamily
    attempts: int
    last_at: datetime
    tests: int = 0  # of them in test mode


@dataclass(frozen=True)
class MetricSeries:
    """One metric of one person's chart.

    ``points`` are the counted attempts with a value, by mode ("practice", "test",
    "logged"), reduced for display (``downsample.bucket_extremes``: first, last, and the
    minimum and maximum of every few pixels of time always kept; tests are never dropped
    below ``max_points``). ``excluded``
    are attempts with a value that do not count (too short, invalidated): drawn greyed
    out, used by no figure. ``rolling``, ``trend`` and ``progress`` are computed from
    ALL counted attempts, before any reduction.
    """

    metric: Metric
    unit: str | None  # the speed unit for speed; "fraction" for accuracy; "points" for score
    points: dict[str, tuple[AttemptPoint, ...]]
    excluded: tuple[AttemptPoint, ...]
    rolling: tuple[SeriesPoint, ...]
    trend: Trend | None
    progress: BaselineGain
    counted: int  # counted attempts with a value (before reduction)
    shown: int  # points drawn

    @property
    def gain(self) -> float | None:
        return self.progress.gain


@dataclass(frozen=True)
class PersonProgress:
    person: PersonRef
    family: DrillFamily
    window: DateRange
    speed_unit: str | None
    metrics: tuple[MetricSeries, ...]  # the headline metric first (speed, or score)
    attempts: int  # every attempt in range, counted or not
    grades: dict[str, str | None]  # attempt id → grade (drill level or scenario tier code)

    def metric(self, metric: Metric) -> MetricSeries | None:
        return next((m for m in self.metrics if m.metric is metric), None)


@dataclass(frozen=True)
class ScenarioProgress:
    person: PersonRef
    family: DrillFamily
    tiers: tuple[TierPoint, ...]
    weeks: tuple[WeekTiers, ...]
    radar: Radar | None


@dataclass(frozen=True)
class PersonHeatmap:
    person: PersonRef
    family: DrillFamily
    heatmap: KeyHeatmap


@dataclass(frozen=True, slots=True)
class DashboardEntry:
    person: PersonRef
    row: DashboardRow
    summary: PersonSummary


@dataclass(frozen=True)
class Dashboard:
    family: DrillFamily
    metric: Metric
    window: DateRange
    as_of: datetime  # "now" of the stall rule: the end of the range, or the present
    entries: tuple[DashboardEntry, ...]  # by name
    teams: tuple[TeamSummary, ...]  # by team name, people without a team last
    everyone: TeamSummary  # the whole scope as one group (team None)
    improved_most: tuple[DashboardEntry, ...]
    stalled: tuple[DashboardEntry, ...]
    assignment_rule: str  # how done/overdue were counted (see ProgressService.dashboard)


@dataclass(frozen=True, slots=True)
class SkillSummary:
    """One core skill across the branch: the dashboard of its skill family in a line.

    ``tested``: people with at least one counted test; ``with_gain``: people whose tests
    give a gain over their baseline (3 tests and one after them); ``median_gain`` the
    median of those gains (each person once), in ``gain_unit``. Of the people who have
    practised the skill, two states a supervisor acts on differently (a motivation
    problem, a technique problem): ``idle``, no practice or test in the last 14 days
    (督促练习); ``no_progress``, practising but under 2 % gain in 4 weeks (安排辅导).
    ``not_started``: people in scope with no counted attempt on it at all, in neither
    (a skill nobody was asked to practise yet is not a stalled branch)."""

    family: DrillFamily
    metric: Metric
    gain_unit: str  # "percent" | "percentage_points" | "points"
    people: int
    tested: int
    with_gain: int
    median_gain: float | None
    improved: int
    idle: int
    no_progress: int
    not_started: int


@dataclass(frozen=True)
class BranchSummary:
    """The supervisor's landing view: every core skill of the branch, by title."""

    window: DateRange
    as_of: datetime  # "now" of the stall rule
    team_id: uuid.UUID | None  # None: everyone in scope
    skills: tuple[SkillSummary, ...]


@dataclass(frozen=True, slots=True)
class SkillLevels:
    """Baseline and latest test levels feeding the customer-time figures."""

    keying_family: str | None
    kph_before: float | None
    kph_after: float | None
    counting_family: str | None
    notes_before: float | None  # notes per minute
    notes_after: float | None
    counting_by_hand: bool = False  # counting levels from logged hand counts


class QueueSource(StrEnum):
    """Where the queue figures come from."""

    IMPORTED = "imported"  # the branch's queue tickets in the period
    ASSUMED = "assumed"  # the branch's assumed arrival profile and the mix


@dataclass(frozen=True)
class QueueBasis:
    source: QueueSource
    conditions: QueueConditions
    measured: MeasuredQueue | None  # IMPORTED: what the tickets showed
    mismatch: TransactionsMismatch | None  # the mix's transactions per teller disagree


@dataclass(frozen=True)
class BranchEffect:
    """What some tellers' gains do to the branch's day (``services.customer_time``)."""

    basis: QueueBasis
    cut: SharedCut  # seconds off the branch's mean service time
    day: DaySaving

    @property
    def customer_minutes_saved(self) -> float | None:
        return self.day.customer_minutes_saved

    @property
    def service_minutes_saved(self) -> float:
        return self.day.service_minutes_saved


@dataclass(frozen=True)
class PersonCustomerTime:
    person: PersonRef
    setting: MixSetting
    levels: SkillLevels
    saving: ServiceTimeSaving  # at the person's counter
    effect: BranchEffect  # the person's share of the branch's queue

    @property
    def customers_per_day(self) -> float:
        """The customers the person serves a day: the mix's N, or fewer when the branch's
        tellers take turns at its windows (their share of the day's customers)."""
        share = self.effect.cut.share_each
        if share <= 0:
            return self.setting.mix.transactions_per_day
        return share * self.effect.basis.conditions.profile.customers_per_day

    @property
    def service_minutes_per_day(self) -> float:
        """At the person's own counter: customers × Δ / 60 (the lower bound)."""
        return self.saving.service_minutes_per_day(self.customers_per_day)


@dataclass(frozen=True, slots=True)
class MemberSaving:
    person: PersonRef
    levels: SkillLevels
    saving: ServiceTimeSaving


@dataclass(frozen=True)
class TeamCustomerTime:
    team_name: str | None  # None: everyone in scope
    setting: MixSetting
    members: tuple[MemberSaving, ...]  # people with a baseline
    effect: BranchEffect  # everyone's gains together
    by_team: tuple[tuple[str | None, BranchEffect], ...]  # each team's gains alone
    what_if: tuple[WhatIfLine, ...]  # windows ± k × service-time cut → mean wait

    @property
    def people(self) -> int:
        return len(self.members)

    @property
    def mean_seconds_saved_per_transaction(self) -> float | None:
        if not self.members:
            return None
        return sum(m.saving.seconds_saved_per_transaction for m in self.members) / len(self.members)


@dataclass(frozen=True, slots=True)
class Mismatch:
    """An attempt whose rescore from its event log disagrees with the stored figures (or
    could not be replayed at all: ``error``)."""

    attempt_id: uuid.UUID
    person: PersonRef
    title: str
    started_at: datetime
    differences: dict[str, tuple[Any, Any]]  # figure → (stored, recomputed)
    error: str | None = None


@dataclass(frozen=True)
class RescoreSweep:
    checked: int
    mismatches: tuple[Mismatch, ...]
    since: datetime | None
