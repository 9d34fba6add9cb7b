"""Progress charts, the supervisor dashboard and customer-time figures, scoped by role.

Scope: a person's own figures are always theirs to see; anyone else's follow
``access.visible_people`` (a trainer their teams, a supervisor their branch, the command
line everyone). The dashboard and team figures need ``VIEW_TEAM_RESULTS``.

A "drill" here is a family of content ids (``drill_families``): a pack's practice and
test versions on one chart. Every figure is the pure function of ``core.analytics`` on
the counted attempts (valid, not invalidated) in the date range; the dashboard gets the
same figures from SQL aggregates (``progress_queries``), never from all the rows.

Dashboard columns: baseline, latest and gain of the chosen metric (speed for drills,
score for scenarios) from the person's tests on the drill; tests; the date of the latest
counted attempt on the drill; stall status as of the end of the range (or now); and the
person's assignments done and overdue, ALL assignments (not only this drill's), as
``services.assignments.counts_by_person`` decides them (done/overdue from results, as on
"My assignments").
"""

from __future__ import annotations

import statistics
import uuid
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, func, select
from sqlalchemy.orm import Session

from svctrainer.core.analytics.dashboard import (
    PersonSummary,
    StallCheck,
    StallRule,
    StallStatus,
    improved_most,
    stalled,
    team_summaries,
    team_summary,
)
from svctrainer.core.analytics.downsample import bucket_extremes, downsample
from svctrainer.core.analytics.key_heatmap import KeyStatsSample, key_heatmap
from svctrainer.core.analytics.progress import (
    GAIN_UNITS,
    BaselineGain,
    baseline_gain,
    gain_of_tests,
    gain_value_of_values,
)
from svctrainer.core.analytics.rolling import rolling_median_of
from svctrainer.core.analytics.scenario_progress import (
    TIER_CODES,
    ScenarioRunPoint,
    servqual_radar,
    tier_series,
    tiers_by_week,
)
from svctrainer.core.analytics.series import AttemptMode, AttemptPoint, Metric, usable_values
from svctrainer.core.analytics.trend import trend_of, weeks
from svctrainer.core.assignment_progress import Status
from svctrainer.core.report_csv import DashboardRow
from svctrainer.core.roles import Permission, Role
from svctrainer.services.access import (
    Caller,
    authorize,
    load_caller,
    require_visible,
    team_name_in_branch,
    visible_people,
)
from svctrainer.services.actor import Actor
from svctrainer.services.customer_time import (
    branch_effect,
    branch_for,
    has_levels,
    queue_basis,
    savings_of,
    skill_levels,
    tellers_in_branch,
    what_if_lines,
)
from svctrainer.services.drill_families import (
    DrillFamily,
    core_skills,
    language_skills,
    load_families,
)
from svctrainer.services.error_boundary import translate_store_errors
from svctrainer.services.errors import NotFoundError, ServiceError
from svctrainer.services.progress_queries import (
    EVERYTHING,
    FoundTests,
    SummaryLine,
    WindowStats,
    first_last_tests,
    id_key,
    in_range,
    last_counted,
    person_details,
    person_refs,
    person_rows,
    speed_unit_of,
    summarised,
    summary_last,
    summary_lines,
    summary_tests,
    uuid_of,
    window_stats,
    window_stats_of_families,
)
from svctrainer.services.progress_records import (
    BranchSummary,
    Dashboard,
    DashboardEntry,
    DateRange,
    FamilyActivity,
    MemberSaving,
    MetricSeries,
    Mismatch,
    PersonCustomerTime,
    PersonHeatmap,
    PersonProgress,
    PersonRef,
    RescoreSweep,
    ScenarioProgress,
    SkillSummary,
    TeamCustomerTime,
)
from svctrainer.services.settings import load_mix
from svctrainer.store.database import Database
from svctrainer.store.models import (
    Assignment,
    Attempt,
    AttemptEvent,
    ContentItem,
    Person,
    PersonRole,
    ProgressSummary,
)
from svctrainer.store.recent_attempts import micros

MAX_POINTS = 400  # per mode and line: about one per two pixels of a chart on a laptop
IMPROVED_MOST = 5
CHECK_LIMIT = 300  # latest attempts replayed by needs_checking (about 2 ms each)
ASSIGNMENT_RULE = "services.assignments.counts_by_person"
DEFAULT_RULE = StallRule()


@translate_store_errors
class ProgressService:
    def __init__(self, db: Database) -> None:
        self._db = db

    # -- what there is ------------------------------------------------------------------

    def families(self, actor: Actor) -> list[DrillFamily]:
        """Every drill and scenario as charts group them, by title, and each skill offered
        in several languages as one more family (``language_skills``)."""
        with self._db.reading() as session:
            authorize(session, actor, Permission.PRACTISE)
            families = load_families(session)
            every = [*families.values(), *language_skills(families).values()]
            return sorted(every, key=lambda f: (f.title, f.key))

    def activity(self, actor: Actor, person_id: uuid.UUID) -> list[FamilyActivity]:
        """The drills a person has attempts on, most recently practised first."""
        with self._db.reading() as session:
            caller = load_caller(session, actor)
            _require_visible_id(session, caller, person_id)
            families = load_families(session)
            by_item = {i: f for f in families.values() for i in f.item_ids}
            totals: dict[str, tuple[int, datetime, int]] = {}
            for item_id, mode, n, last in session.execute(
                select(
                    Attempt.content_item_id,
                    Attempt.mode,
                    func.count(),
                    func.max(Attempt.started_at),
                )
                .where(Attempt.person_id == person_id)
                .group_by(Attempt.content_item_id, Attempt.mode)
            ):
                family = by_item.get(item_id)
                if family is None or last is None:
                    continue
                count, latest, tests = totals.get(family.key, (0, _utc(last), 0))
                totals[family.key] = (
                    count + int(n),
                    max(latest, _utc(last)),
                    tests + (int(n) if mode == AttemptMode.TEST.value else 0),
                )
            out = [
                FamilyActivity(families[k], n, last, tests)
                for k, (n, last, tests) in totals.items()
            ]
            return sorted(out, key=lambda a: a.last_at, reverse=True)

    # -- one person -----------------------------------------------------------------------

    def person_progress(
        self,
        actor: Actor,
        person_id: uuid.UUID,
        family_key: str,
        window: DateRange = EVERYTHING,
        max_points: int = MAX_POINTS,
    ) -> PersonProgress:
        """Speed (score for scenarios) and accuracy over time, with rolling median,
        trend, baseline, latest and gain; points reduced to ``max_points`` per mode."""
        with self._db.reading() as session:
            person, family = self._person_and_family(session, actor, person_id, family_key)
            rows = person_rows(session, person_id, family.item_ids, window)
        points = [r.point for r in rows]
        speed_unit = next((r.speed_unit for r in rows if r.speed_unit), None)
        headline = Metric.SCORE if family.is_scenario else Metric.SPEED
        metrics = tuple(
            _metric_series(points, metric, speed_unit, max_points)
            for metric in (headline, Metric.ACCURACY)
        )
        grades = {r.point.attempt_id: r.grade for r in rows}
        return PersonProgress(person, family, window, speed_unit, metrics, len(rows), grades)

    def key_heatmap(
        self,
        actor: Actor,
        person_id: uuid.UUID,
        family_key: str,
        window: DateRange = EVERYTHING,
    ) -> PersonHeatmap:
        """Per-key latency and error rate per ISO week (UTC weeks)."""
        with self._db.reading() as session:
            person, family = self._person_and_family(session, actor, person_id, family_key)
            rows = person_details(
                session, person_id, family.item_ids, ("details", "key_stats"), window
            )
        samples = [KeyStatsSample(at, stats, ok) for at, ok, _mode, _id, stats in rows if stats]
        return PersonHeatmap(person, family, key_heatmap(samples))

    def scenario_progress(
        self,
        actor: Actor,
        person_id: uuid.UUID,
        family_key: str,
        window: DateRange = EVERYTHING,
    ) -> ScenarioProgress:
        """Service tiers over time and the SERVQUAL radar, first vs latest run."""
        with self._db.reading() as session:
            person, family = self._person_and_family(session, actor, person_id, family_key)
            rows = person_details(session, person_id, family.item_ids, ("servqual",), window)
            grades = dict(
                session.execute(
                    select(Attempt.id, Attempt.grade).where(
                        Attempt.person_id == person_id,
                        Attempt.content_item_id.in_(list(family.item_ids)),
                    )
                ).all()
            )
        runs = []
        for at, ok, mode, attempt_id, servqual in rows:
            code = grades.get(uuid.UUID(attempt_id))
            if code not in TIER_CODES:
                continue
            points = {k: int(v) for k, v in (servqual or {}).items() if isinstance(v, int)}
            runs.append(ScenarioRunPoint(at, TIER_CODES.index(code), points, ok, mode, attempt_id))
        return ScenarioProgress(
            person,
            family,
            tuple(tier_series(runs)),
            tuple(tiers_by_week(runs)),
            servqual_radar(runs),
        )

    def person_customer_time(
        self, actor: Actor, person_id: uuid.UUID, window: DateRange = EVERYTHING
    ) -> PersonCustomerTime:
        """What the person's keying and counting gains mean at their counter, and their
        share of the branch's waiting time saved (``services.customer_time``)."""
        with self._db.reading() as session:
            caller = load_caller(session, actor)
            person_row = require_visible(session, caller, person_id)
            person = person_refs(session, select(Person.id).where(Person.id == person_id))[0]
            setting = load_mix(session, person_row.branch_id)
            levels = skill_levels(session, [person_id], window)[person_id]
            basis = queue_basis(session, person_row.branch_id, setting, window)
            tellers = tellers_in_branch(session, person_row.branch_id)
        saving = savings_of(setting, [levels])[0]
        mine = [saving] if has_levels(levels) else []
        return PersonCustomerTime(person, setting, levels, saving,
                                  branch_effect(basis, setting, mine, tellers))  # fmt: skip

    # -- everyone in scope ----------------------------------------------------------------

    def dashboard(
        self,
        actor: Actor,
        family_key: str,
        *,
        team_id: uuid.UUID | None = None,
        window: DateRange = EVERYTHING,
        metric: Metric | None = None,
        now: datetime | None = None,
        rule: StallRule = DEFAULT_RULE,
        today: date | None = None,
        assignments: bool = True,
        counts: Mapping[uuid.UUID, Mapping[Status, int]] | None = None,
    ) -> Dashboard:
        """One row per person in scope (who holds the teller role or has attempts on the
        drill): baseline, latest, gain, tests, last practice, stall status, assignments;
        team aggregates; improved most; stalled. See the module docstring.
        ``assignments`` False leaves the done/overdue columns at 0: the branch summary
        does not show them, and deciding them is most of a dashboard's time.
        ``counts``: those columns decided once (``assignment_counts``) for a report
        that shows every drill's dashboard: they are the same for every drill."""
        with self._db.reading() as session:
            caller = authorize(session, actor, Permission.VIEW_TEAM_RESULTS)
            family = _family(session, family_key)
            metric = metric or _headline(family)
            as_of = _as_of(window, now)
            people = _people_in_scope(session, caller, team_id)
            figures = _figures(
                session, people, family, metric, window=window, as_of=as_of, rule=rule
            )
            if counts is None:
                counts = _assignment_counts(session, caller, today) if assignments else {}
        return _board(
            family, metric, people, figures, counts, window=window, as_of=as_of, rule=rule
        )

    def assignment_counts(
        self, actor: Actor, today: date | None = None
    ) -> dict[uuid.UUID, dict[Status, int]]:
        """The dashboard's done/overdue columns for everyone in scope (every drill's)."""
        with self._db.reading() as session:
            caller = authorize(session, actor, Permission.VIEW_TEAM_RESULTS)
            return _assignment_counts(session, caller, today)

    def practised(
        self, actor: Actor, team_id: uuid.UUID | None = None, window: DateRange = EVERYTHING
    ) -> set[uuid.UUID]:
        """The content items someone in scope has an attempt on in the window: a report
        over every drill skips the rest without a dashboard each (one index seek per
        person and item)."""
        with self._db.reading() as session:
            caller = authorize(session, actor, Permission.VIEW_TEAM_RESULTS)
            people = _scope(caller, team_id)
            tried = (
                select(Attempt.id)
                .where(
                    Attempt.person_id.in_(people),
                    Attempt.content_item_id == ContentItem.id,
                    *in_range(Attempt, window),
                )
                .exists()
            )
            return set(session.scalars(select(ContentItem.id).where(tried)))

    def branch_summary(
        self,
        actor: Actor,
        *,
        team_id: uuid.UUID | None = None,
        window: DateRange = EVERYTHING,
        now: datetime | None = None,
        rule: StallRule = DEFAULT_RULE,
    ) -> BranchSummary:
        """The supervisor's landing view: each core skill (``drill_families.core_skills``:
        the en and zh packs of a skill as one family) with its median gain over baseline,
        people tested, improved, stalled and not started, from the same figures as that
        skill's dashboard (``dashboard``), so the two never disagree."""
        as_of = _as_of(window, now)
        with self._db.reading() as session:  # one snapshot, the people read once
            caller = authorize(session, actor, Permission.VIEW_TEAM_RESULTS)
            families = load_families(session)
            by_item = {i: f.key for f in families.values() for i in f.item_ids}
            stored: set[uuid.UUID] = set()  # items anyone has an attempt on
            tested: set[str] = set()
            for item, tests in session.execute(
                select(
                    ProgressSummary.content_item_id, func.max(ProgressSummary.test_attempts)
                ).group_by(ProgressSummary.content_item_id)
            ):
                stored.add(item)
                if tests and item in by_item:
                    tested.add(by_item[item])
            ids = _scope(caller, team_id)
            hexes = _Hexes.in_scope(session, ids)
            skills = core_skills(families, tested)
            figures = _skill_figures(
                session, ids, skills, stored, window=window, as_of=as_of, rule=rule
            )
            # the people by name only for a line that lists its rows' people (a range:
            # ``_skill_line`` without ``figures.line``); the whole history's lines count
            # from ``hexes`` alone
            people = (
                _people_in_scope(session, caller, team_id)
                if any(figures[f.key].line is None for f in skills)
                else None
            )
        lines = [
            _skill_line(family, _headline(family), people, figures[family.key],
                        as_of=as_of, rule=rule, hexes=hexes)
            for family in skills
        ]  # fmt: skip
        return BranchSummary(window, as_of, team_id, tuple(lines))

    def team_customer_time(
        self, actor: Actor, team_id: uuid.UUID | None = None, window: DateRange = EVERYTHING
    ) -> TeamCustomerTime:
        """What the gains of a team (``team_id`` None: everyone in scope) mean for the
        branch's queue, each team's alone, and the what-if grid (``services.customer_time``)."""
        with self._db.reading() as session:
            caller = authorize(session, actor, Permission.VIEW_TEAM_RESULTS)
            people = _scope(caller, team_id)
            refs = person_refs(session, people)
            setting = load_mix(session, branch_for(session, caller))
            levels = skill_levels(session, [r.id for r in refs], window, people)
            team_name = None
            if team_id is not None:
                team_name = team_name_in_branch(session, caller, team_id)
            branch_id = branch_for(session, caller)
            basis = queue_basis(session, branch_id, setting, window)
            tellers = tellers_in_branch(session, branch_id)
        measured = [r for r in refs if has_levels(levels[r.id])]
        savings = savings_of(setting, [levels[r.id] for r in measured])
        members = tuple(
            MemberSaving(r, levels[r.id], s) for r, s in zip(measured, savings, strict=True)
        )
        groups: dict[str | None, list[MemberSaving]] = {}
        for m in members:
            groups.setdefault(m.person.team_name, []).append(m)
        by_team = tuple(
            (name, branch_effect(basis, setting, [m.saving for m in groups[name]], tellers))
            for name in sorted(groups, key=lambda n: (n is None, n or ""))
        )
        return TeamCustomerTime(
            team_name,
            setting,
            members,
            branch_effect(basis, setting, savings, tellers),
            by_team,
            what_if_lines(basis),
        )

    def needs_checking(
        self, actor: Actor, since: datetime | None = None, limit: int = CHECK_LIMIT
    ) -> RescoreSweep:
        """Replay the latest ``limit`` attempts in scope (started at or after ``since``)
        from their event logs against their own content version (issue 7: a rescore must
        match the stored figures); returns the ones that do not, or cannot be replayed.
        Slow (a replay each): the GUI runs it in the background."""
        from svctrainer.services.attempts import AttemptService  # noqa: PLC0415

        with self._db.reading() as session:
            caller = authorize(session, actor, Permission.VIEW_TEAM_RESULTS)
            query = (
                select(Attempt.id, Attempt.person_id, ContentItem.title, Attempt.started_at)
                .join(AttemptEvent, AttemptEvent.attempt_id == Attempt.id)
                .join(ContentItem, ContentItem.id == Attempt.content_item_id)
                .where(Attempt.person_id.in_(select(Person.id).where(visible_people(caller))))
                .order_by(Attempt.started_at.desc(), Attempt.id.desc())
                .limit(max(0, limit))
            )
            if since is not None:
                query = query.where(Attempt.started_at >= since)
            rows = list(session.execute(query))
            wanted = select(Person.id).where(Person.id.in_({r[1] for r in rows}))
            refs = {r.id: r for r in person_refs(session, wanted)}
        checker = AttemptService(self._db)
        found = []
        for attempt_id, person_id, title, started_at in rows:
            try:
                report = checker.rescore(actor, attempt_id)
            except (ServiceError, ValueError, KeyError) as exc:
                found.append(Mismatch(attempt_id, refs[person_id], title, started_at, {}, str(exc)))
                continue
            if not report.matches:
                differences = {
                    name: (value, report.recomputed.get(name))
                    for name, value in report.stored.items()
                    if report.recomputed.get(name) != value
                }
                found.append(Mismatch(attempt_id, refs[person_id], title, started_at, differences))
        return RescoreSweep(len(rows), tuple(found), since)

    # -- helpers ------------------------------------------------------------------------

    def _person_and_family(
        self, session: Session, actor: Actor, person_id: uuid.UUID, family_key: str
    ) -> tuple[PersonRef, DrillFamily]:
        """Who the person is, if the caller may see them (``require_visible``'s rule and
        refusal, read with their name in one statement: no ``Person`` object and roles
        for a chart page), and the family."""
        caller = load_caller(session, actor)
        visible = select(Person.id).where(Person.id == person_id, visible_people(caller))
        found = person_refs(session, visible)
        if not found:
            require_visible(session, caller, person_id)  # refuses, as everywhere else
            raise NotFoundError("no such person")  # (not reached in one snapshot)
        return found[0], _family(session, family_key)


# -- one dashboard ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _People:
    """Who a dashboard is about: the ids in scope (a query), by name, and the tellers."""

    ids: Select[Any]
    refs: list[PersonRef]
    tellers: set[uuid.UUID]


@dataclass(frozen=True, slots=True)
class _Figures:
    """The SQL aggregates of one family a dashboard is computed from."""

    tests: dict[uuid.UUID, FoundTests]
    stats: dict[uuid.UUID, WindowStats]
    last: dict[uuid.UUID, datetime]
    unit: str | None
    # The kept tests' values, latest attempts and windows alone, when a line needs no
    # more (the branch summary's lines: ``summary_lines``): then the rest is not read.
    line: SummaryLine | None = None


def _people_in_scope(session: Session, caller: Caller, team_id: uuid.UUID | None) -> _People:
    """Who is in scope, by name, and which of them are tellers, in one statement."""
    ids = _scope(caller, team_id)
    tellers: set[uuid.UUID] = set()
    refs = person_refs(session, ids, flagged=_is_teller(), into=tellers)
    return _People(ids, refs, tellers)


def _is_teller() -> ColumnElement[bool]:
    """Whether the ``Person`` of the enclosing statement holds the teller role."""
    return (
        select(PersonRole.person_id)
        .where(PersonRole.person_id == Person.id, PersonRole.role == Role.TELLER.value)
        .exists()
    )


def _figures(
    session: Session,
    people: _People,
    family: DrillFamily,
    metric: Metric,
    *,
    window: DateRange,
    as_of: datetime,
    rule: StallRule,
) -> _Figures:
    """The first and last tests and the latest counted attempt (over the whole history
    in the headline metric from the progress summary, else from the attempts), and the
    stall rule's recent window."""
    recent = DateRange(_later(as_of - weeks(rule.weeks), window.since), window.until)
    ids, items = people.ids, family.item_ids
    if summarised(window, metric, family.is_scenario):
        tests = summary_tests(session, ids, items)
        last = summary_last(session, ids, items)
    else:
        tests = first_last_tests(session, ids, items, metric, window)
        last = last_counted(session, ids, items, window)
    active = _active_ids(last, as_of, rule)
    if not active:
        stats = {}
    else:
        if len(active) < len(last):
            ids = select(Person.id).where(Person.id.in_(sorted(active)))
        stats = window_stats(session, ids, items, metric, recent)
    unit = speed_unit_of(session, items) if metric is Metric.SPEED else None
    return _Figures(tests, stats, last, unit)


def _active_ids(
    last: Mapping[uuid.UUID, datetime], as_of: datetime, rule: StallRule
) -> set[uuid.UUID]:
    """Whose stall-rule window a dashboard reads: whoever's latest counted attempt is
    within the idle days (``_summaries`` reads no one else's: the rule calls anyone idle
    longer "no practice" whatever their window holds), as the branch summary's lines
    cut only those windows (``summary_lines``' ``active_since``). A branch's idle people
    then cost no window, and a dashboard of a range long past (everyone idle) none at all
    (issue 17)."""
    idle = timedelta(days=rule.idle_days)
    return {pid for pid, at in last.items() if as_of - at <= idle}


_NOTHING = _Figures({}, {}, {}, None, SummaryLine({}, {}))  # no attempt: its tellers, idle


def _skill_figures(
    session: Session,
    ids: Select[Any],
    skills: Sequence[DrillFamily],
    stored: Set[uuid.UUID],
    *,
    window: DateRange,
    as_of: datetime,
    rule: StallRule,
) -> dict[str, _Figures]:
    """``_figures`` of every skill of the branch summary, as each skill's dashboard reads
    them, with less work: a skill with no attempt at all (none of its items in
    ``stored``, the items the progress summary has a row for) reads nothing; the stall
    rule's recent window is read once for every skill in a metric
    (``window_stats_of_families``, the same figures as ``window_stats`` skill by skill);
    the speed unit, which a line does not show, is not read."""
    recent = DateRange(_later(as_of - weeks(rule.weeks), window.since), window.until)
    found: dict[str, _Figures] = {}
    practised: dict[Metric, dict[str, tuple[uuid.UUID, ...]]] = {}
    read = [f for f in skills if not stored.isdisjoint(f.item_ids)]
    read_keys = {f.key for f in read}
    # A line lists no attempt: over the whole history its levels come from the values
    # alone, every skill's at once (``summary_lines``), the same figures
    # (``progress.gain_of_values``) without an attempt point a test.
    summarised_skills = {
        f.key: (f.item_ids, _headline(f))
        for f in read
        if summarised(window, _headline(f), f.is_scenario)
    }
    # the stall rule's window comes with the lines (one read of the kept rows), only
    # for whoever practised within the idle days: the rule reads no one else's
    lines = summary_lines(session, ids, summarised_skills, recent,
                          active_since=_active_since(as_of, rule))  # fmt: skip
    for family in skills:
        items = family.item_ids
        if family.key not in read_keys:
            found[family.key] = _NOTHING
            continue
        metric = _headline(family)
        line = lines.get(family.key)
        if line is not None:
            found[family.key] = _Figures({}, {}, {}, None, line)
            continue
        tests = first_last_tests(session, ids, items, metric, window)
        last = last_counted(session, ids, items, window)
        found[family.key] = _Figures(tests, {}, last, None)
        if last:
            practised.setdefault(metric, {})[family.key] = items
    for metric, families in practised.items():
        stats = window_stats_of_families(session, ids, families, metric, recent)
        for key in families:
            f = found[key]
            found[key] = _Figures(f.tests, stats.get(key, {}), f.last, None, f.line)
    return found


def _board(
    family: DrillFamily,
    metric: Metric,
    people: _People,
    figures: _Figures,
    counts: Mapping[uuid.UUID, Mapping[Status, int]],
    *,
    window: DateRange,
    as_of: datetime,
    rule: StallRule,
) -> Dashboard:
    entries = []
    for ref, summary in _summaries(people, figures, metric, as_of=as_of, rule=rule):
        done = counts.get(ref.id, {})
        row = DashboardRow.from_summary(
            summary,
            name=ref.name,
            content_id=family.key,
            speed_unit=figures.unit,
            assignments_done=done.get(Status.DONE, 0),
            assignments_overdue=done.get(Status.OVERDUE, 0),
        )
        entries.append(DashboardEntry(ref, row, summary))
    by_summary = {id(e.summary): e for e in entries}
    summaries = [e.summary for e in entries]
    return Dashboard(
        family=family,
        metric=metric,
        window=window,
        as_of=as_of,
        entries=tuple(entries),
        teams=tuple(team_summaries(summaries)),
        everyone=team_summary(None, summaries),
        improved_most=tuple(by_summary[id(s)] for s in improved_most(summaries, IMPROVED_MOST)),
        stalled=tuple(by_summary[id(s)] for s in stalled(summaries)),
        assignment_rule=ASSIGNMENT_RULE,
    )


def _summaries(
    people: _People, figures: _Figures, metric: Metric, *, as_of: datetime, rule: StallRule
) -> list[tuple[PersonRef, PersonSummary]]:
    """Each person a dashboard lists (a teller, or anyone with a test or a counted attempt
    on the drill), by name, with their progress and stall check: the figures of a
    dashboard's rows and of a branch summary's line alike."""
    tests, last, stats = figures.tests, figures.last, figures.stats
    tellers = people.tellers
    idle = timedelta(days=rule.idle_days)
    listed = []
    for ref in people.refs:
        pid = ref.id  # (each lookup hashes a UUID in Python: as few as the rules need)
        at = last.get(pid)
        found = tests.get(pid)
        if at is None and found is None and pid not in tellers:
            continue
        progress = _progress(found, metric)
        # the window's figures only where the stall rule reads them (practised lately)
        recent = stats.get(pid) if at is not None and as_of - at <= idle else None
        summary = PersonSummary(
            ref.employee_number,
            ref.team_name,
            progress,
            _stall(at, recent, as_of, metric, rule),
        )
        listed.append((ref, summary))
    return listed


# -- scope and people -----------------------------------------------------------------------


def _scope(caller: Caller, team_id: uuid.UUID | None) -> Select[Any]:
    """The ids of the active people whose results the caller sees (in one team)."""
    query = select(Person.id).where(visible_people(caller), Person.active.is_(True))
    if team_id is not None:
        query = query.where(Person.team_id == team_id)
    return query


def _require_visible_id(session: Session, caller: Caller, person_id: uuid.UUID) -> None:
    """``require_visible`` without loading the ``Person`` and their roles: one id read
    (a chart page asks twice), the same refusal when the caller may not see them."""
    visible = select(Person.id).where(Person.id == person_id, visible_people(caller))
    if session.connection().scalar(visible) is None:
        require_visible(session, caller, person_id)  # refuses, as everywhere else


def _family(session: Session, family_key: str) -> DrillFamily:
    families = load_families(session)
    family = families.get(family_key) or language_skills(families).get(family_key)
    if family is None:
        raise NotFoundError(f"no drill or scenario {family_key!r}")
    return family


def _assignment_counts(
    session: Session, caller: Caller, today: date | None
) -> dict[uuid.UUID, dict[Status, int]]:
    """``AssignmentService.counts_by_person`` in the dashboard's own session (the caller
    authorized there): the same statuses, without a second session and sign-in check."""
    from svctrainer.services.assignments import status_counts  # noqa: PLC0415

    if not caller.has(Permission.VIEW_TEAM_RESULTS):
        return {}
    # most branches most days: nothing assigned, nothing to add
    if not session.scalar(select(exists().where(Assignment.cancelled_at.is_(None)))):
        return {}
    return status_counts(session, caller, today or date.today())


# -- figures --------------------------------------------------------------------------------


class _Hexes:
    """The people of ``_People`` by ``UUID.hex`` (``SummaryLine``'s keys), in the same
    order, and the tellers', worked out once for every line of a branch summary."""

    __slots__ = ("refs", "tellers")

    def __init__(self, refs: list[str], tellers: set[str]) -> None:
        self.refs, self.tellers = refs, tellers

    @classmethod
    def of(cls, people: _People) -> _Hexes:
        return cls([r.id.hex for r in people.refs], {t.hex for t in people.tellers})

    @classmethod
    def in_scope(cls, session: Session, ids: Select[Any]) -> _Hexes:
        """The people ``_people_in_scope`` gives (``ids``), in its order, and which of
        them are tellers, in one statement of ids and a flag: a line counts its rows
        and names no one, so the names, teams and ``PersonRef`` of ``person_refs`` and
        the tellers' own statement were a branch summary's work for nothing (issue 17)."""
        rows = session.connection().execute(
            select(id_key(session, Person.id), _is_teller())
            .where(Person.id.in_(ids))
            .order_by(Person.name, Person.employee_number)
        )
        refs: list[str] = []
        tellers: set[str] = set()
        for raw, is_teller in rows.all():
            pid = uuid_of(raw).hex
            refs.append(pid)
            if is_teller:
                tellers.add(pid)
        return cls(refs, tellers)


def _skill_line(
    family: DrillFamily,
    metric: Metric,
    people: _People | None,
    figures: _Figures,
    *,
    as_of: datetime,
    rule: StallRule,
    hexes: _Hexes | None = None,
) -> SkillSummary:
    """A skill's dashboard in one line (``SkillSummary``): its rows' people, tested,
    gains (their median, and how many are above zero) and stall states, as
    ``team_summary`` and the stall rule give them over the person summaries of its rows
    (``_summaries``). Read from values alone (``figures.line``: the whole history) it
    builds no summary, level or stall check per person, only the counts (issue 17: the
    line shows none of them), in the same steps: whom the rows list, ``gain_of_values``'
    gain (``gain_value_of_values``) and ``_stall``'s verdict."""
    tally = _Tally()
    line = figures.line
    if line is None:
        if people is None:
            raise ValueError("a line without the summary's values lists its people")
        for _ref, s in _summaries(people, figures, metric, as_of=as_of, rule=rule):
            practised = s.stall.last_practice_at is not None
            tally.add(s.progress.tests, s.progress.gain, practised, s.stall.status)
        return tally.line(family, metric)
    if hexes is None:
        if people is None:
            raise ValueError("a line needs its people or their hexes")
        hexes = _Hexes.of(people)
    values, last, stats, tellers = line.gains_of, line.last_of, line.stats_of, hexes.tellers
    if not values and not last:
        # a skill no one in scope has practised: its rows are the tellers (each of
        # ``hexes.refs``), untested and not started (most of a branch's nine skills)
        tally.people = len(tellers)
        return tally.line(family, metric)
    # ``_verdict``'s idle test, ``as_of - last > idle``, in whole microseconds: exact
    as_of_us, idle_us = micros(as_of), _micros_of(timedelta(days=rule.idle_days))
    for pid in hexes.refs:
        at = last.get(pid)
        found = values.get(pid)
        if at is None and found is None and pid not in tellers:
            continue  # not a row of the skill's dashboard
        tests, gain = 0, None
        if found is not None:
            tests, gain = found.count, gain_value_of_values(found.first, found.after, metric)
        if at is None or as_of_us - at > idle_us:
            status = StallStatus.NO_PRACTICE
        else:
            status = _window_verdict(stats.get(pid), metric, rule)[0]
        tally.add(tests, gain, at is not None, status)
    return tally.line(family, metric)


def _micros_of(span: timedelta) -> int:
    """A ``timedelta`` in whole microseconds, exactly."""
    return (span.days * 86_400 + span.seconds) * 1_000_000 + span.microseconds


class _Tally:
    """A line's counts over its rows (``_skill_line``): what ``team_summary`` and the
    stall states of the rows give."""

    def __init__(self) -> None:
        self.people = self.tested = self.started = self.idle = self.no_progress = 0
        self.gains: list[float] = []

    def add(self, tests: int, gain: float | None, practised: bool, status: StallStatus) -> None:
        """One row: its tests, its gain over baseline, whether it has a counted attempt,
        its stall state."""
        self.people += 1
        if tests > 0:
            self.tested += 1
        if gain is not None:
            self.gains.append(gain)
        if practised or tests:
            self.started += 1
            if status is StallStatus.NO_PRACTICE:
                self.idle += 1
            elif status is StallStatus.NO_GAIN:
                self.no_progress += 1

    def line(self, family: DrillFamily, metric: Metric) -> SkillSummary:
        gains = self.gains
        return SkillSummary(
            family=family,
            metric=metric,
            gain_unit=str(GAIN_UNITS[metric]),
            people=self.people,
            tested=self.tested,
            with_gain=len(gains),
            median_gain=statistics.median(gains) if gains else None,  # as ``team_summary``
            improved=sum(1 for g in gains if g > 0),
            idle=self.idle,
            no_progress=self.no_progress,
            not_started=self.people - self.started,
        )


def _headline(family: DrillFamily) -> Metric:
    """A skill's headline metric: score for a scenario, else speed."""
    return Metric.SCORE if family.is_scenario else Metric.SPEED


def _metric_series(
    points: list[AttemptPoint], metric: Metric, speed_unit: str | None, max_points: int
) -> MetricSeries:
    # The usable points and their values once, for every series below (each used to
    # filter, sort and read them again: ``series.usable_values``).
    chosen, ys = usable_values(points, metric)
    # One pass over the points (not one per mode, each reading ``mode.value``, an enum
    # property, per point: ~1.5 ms of a chart page's 2 000 points).
    of_mode: dict[str, tuple[list[AttemptPoint], list[float]]] = {
        mode.value: ([], []) for mode in AttemptMode
    }
    for p, y in zip(chosen, ys, strict=True):
        mine, mine_ys = of_mode[p.mode]
        mine.append(p)
        mine_ys.append(y)
    by_mode = {
        mode: tuple(_reduce(mine, mine_ys, max_points))
        for mode, (mine, mine_ys) in of_mode.items()
        if mine
    }
    excluded = tuple(p for p in points if not p.valid and p.value(metric) is not None)
    rolling = rolling_median_of(chosen, ys)
    unit = {Metric.SPEED: speed_unit, Metric.ACCURACY: "fraction"}.get(metric, "points")
    return MetricSeries(
        metric=metric,
        unit=unit,
        points=by_mode,
        excluded=excluded[-max_points:],
        rolling=tuple(downsample(rolling, max_points) if len(rolling) > max_points else rolling),
        trend=trend_of(chosen, ys),
        # ``baseline_gain``'s valid tests are the chosen points in test mode, in order
        progress=gain_of_tests(of_mode[_TEST][0], metric),
        counted=len(chosen),
        shown=sum(len(v) for v in by_mode.values()),
    )


def _reduce(points: list[AttemptPoint], ys: list[float], max_points: int) -> list[AttemptPoint]:
    """``points`` (of one mode, oldest first, with their values ``ys``) reduced to at
    most ``max_points`` by ``bucket_extremes``."""
    if len(points) <= max_points:
        return points
    xs = [p.started_at.timestamp() for p in points]
    return [points[i] for i in bucket_extremes(xs, ys, max_points)]


_NO_TESTS = {metric: baseline_gain([], metric) for metric in Metric}
_TEST = AttemptMode.TEST.value


def _progress(found: FoundTests | None, metric: Metric) -> BaselineGain:
    """``progress.baseline_gain`` on the first and last tests is exact (progress_queries)."""
    if found is None:
        return _NO_TESTS[metric]  # frozen: one shared value per metric
    return gain_of_tests(found.points, metric, found.count)


def _stall(
    last: datetime | None,
    stats: WindowStats | None,
    as_of: datetime,
    metric: Metric,
    rule: StallRule,
) -> StallCheck:
    """``dashboard.stall_check`` from SQL aggregates, rule for rule."""
    status, gain, count = _verdict(last, stats, as_of, metric, rule)
    return StallCheck(status, last, gain, count)


def _verdict(
    last: datetime | None,
    stats: WindowStats | None,
    as_of: datetime,
    metric: Metric,
    rule: StallRule,
) -> tuple[StallStatus, float | None, int]:
    """``_stall``'s status, window gain and attempts in the window (a branch summary's
    line needs no ``StallCheck``)."""
    if last is None or as_of - last > timedelta(days=rule.idle_days):
        return StallStatus.NO_PRACTICE, None, 0
    return _window_verdict(stats, metric, rule)


def _window_verdict(
    stats: WindowStats | None, metric: Metric, rule: StallRule
) -> tuple[StallStatus, float | None, int]:
    """``_verdict`` of someone who practised within the idle days, from their window."""
    count = stats.count if stats is not None else 0
    if stats is None or count < rule.min_attempts:
        return StallStatus.NOT_ENOUGH_DATA, None, count
    change = stats.change_over_span()
    gain = None if change is None else _window_gain(change, stats.median_y, metric)
    if gain is None:
        return StallStatus.NOT_ENOUGH_DATA, None, count
    status = StallStatus.NO_GAIN if gain < rule.min_gain else StallStatus.IMPROVING
    return status, gain, count


def _active_since(as_of: datetime, rule: StallRule) -> datetime | None:
    """The earliest latest attempt the stall rule judges by its window (``_verdict``:
    ``as_of - last <= idle`` is ``last >= as_of - idle``, exactly, in microseconds);
    None (everyone's window) where that moment is out of a datetime's range."""
    try:
        return as_of - timedelta(days=rule.idle_days)
    except OverflowError:
        return None


def _window_gain(change: float, median: float, metric: Metric) -> float | None:
    """The stall rule's gain unit (``dashboard`` module docstring)."""
    if metric is Metric.SPEED:
        return None if median <= 0 else change / median * 100.0
    if metric is Metric.ACCURACY:
        return change * 100.0
    return change


def _as_of(window: DateRange, now: datetime | None) -> datetime:
    now = now or datetime.now(UTC)
    return min(now, window.until) if window.until is not None else now


def _later(a: datetime, b: datetime | None) -> datetime:
    return a if b is None else max(a, b)


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
