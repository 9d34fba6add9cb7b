"""The standings of a contest: per drill, overall and by team (mean points per member).

Input is plain figures (``ContestAttempt``), one per attempt a contestant started on a
contest drill inside the window, in any order. For each contestant and drill only the
first ``attempts`` tries count (a try stopped early is a try), and of them the best
complete, valid one (``best`` below). Ties are broken as the rule sheets do — accuracy
first ("准确优先"), then the shorter time — and contestants still level share a rank.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from svctrainer.core.contest.points import Measure, drill_points, points_of


@dataclass(frozen=True, slots=True)
class ContestAttempt:
    attempt_id: uuid.UUID
    person_id: uuid.UUID
    content_id: str
    started_at: datetime
    complete: bool
    valid: bool
    speed: float | None
    score: float | None
    accuracy: float | None
    duration_ms: int


@dataclass(frozen=True, slots=True)
class ContestDrillSpec:
    """One drill of the contest: its content id, kind and title."""

    content_id: str
    drill_type: str | None
    title: str

    @property
    def weight(self) -> int:
        return points_of(self.drill_type).weight


@dataclass(frozen=True, slots=True)
class DrillStanding:
    """One contestant on one drill: the counted attempt (None: no complete attempt),
    its result in the drill's contest unit, points and rank (None without a result)."""

    person_id: uuid.UUID
    content_id: str
    tries: int
    attempt_id: uuid.UUID | None
    result: float | None
    accuracy: float | None
    duration_ms: int | None
    points: float
    rank: int | None


@dataclass(frozen=True, slots=True)
class OverallStanding:
    person_id: uuid.UUID
    points: float
    drills_done: int
    rank: int


@dataclass(frozen=True, slots=True)
class Standings:
    drills: tuple[tuple[ContestDrillSpec, tuple[DrillStanding, ...]], ...]
    overall: tuple[OverallStanding, ...]

    def drill(self, content_id: str) -> tuple[DrillStanding, ...]:
        for spec, rows in self.drills:
            if spec.content_id == content_id:
                return rows
        raise KeyError(content_id)


def result_of(attempt: ContestAttempt, measure: Measure) -> float | None:
    """The attempt's figure in the drill's contest unit; None when it does not count."""
    if not (attempt.complete and attempt.valid):
        return None
    value = attempt.speed if measure is Measure.SPEED else attempt.score
    return None if value is None else max(0.0, value)


def best(tries: Sequence[ContestAttempt], measure: Measure) -> ContestAttempt | None:
    """The counted attempt among ``tries``: the highest result, then the better accuracy,
    then the shorter time."""
    counted = [a for a in tries if result_of(a, measure) is not None]
    if not counted:
        return None
    return min(counted, key=lambda a: _order(result_of(a, measure), a.accuracy, a.duration_ms))


def standings(
    drills: Sequence[ContestDrillSpec],
    attempts: Iterable[ContestAttempt],
    allowed: int,
    contestants: Iterable[uuid.UUID] = (),
) -> Standings:
    """Every contestant (``contestants`` plus whoever made an attempt) on every drill."""
    by_drill: dict[str, dict[uuid.UUID, list[ContestAttempt]]] = {d.content_id: {} for d in drills}
    people = dict.fromkeys(contestants)
    for attempt in sorted(attempts, key=lambda a: (a.started_at, str(a.attempt_id))):
        if attempt.content_id not in by_drill:
            continue
        people.setdefault(attempt.person_id)
        by_drill[attempt.content_id].setdefault(attempt.person_id, []).append(attempt)
    per_drill = []
    for spec in drills:
        measure = points_of(spec.drill_type).measure
        tried = by_drill[spec.content_id]
        chosen = {pid: best(tried.get(pid, [])[:allowed], measure) for pid in people}
        results = {pid: (None if a is None else result_of(a, measure)) for pid, a in chosen.items()}
        top = max((r for r in results.values() if r is not None), default=None)
        rows = []
        for pid in people:
            a = chosen[pid]
            rows.append(
                DrillStanding(
                    pid,
                    spec.content_id,
                    min(len(tried.get(pid, [])), allowed),
                    None if a is None else a.attempt_id,
                    results[pid],
                    None if a is None else a.accuracy,
                    None if a is None else a.duration_ms,
                    drill_points(results[pid], top, spec.weight),
                    None,
                )
            )
        per_drill.append((spec, _ranked_drill(rows)))
    return Standings(tuple(per_drill), _overall(list(people), [rows for _, rows in per_drill]))


def _order(
    result: float | None, accuracy: float | None, duration_ms: int | None
) -> tuple[float, float, int]:
    return (-(result or 0.0), -(accuracy or 0.0), duration_ms or 0)


def _ranked_drill(rows: list[DrillStanding]) -> tuple[DrillStanding, ...]:
    scored = sorted(
        (r for r in rows if r.result is not None),
        key=lambda r: _order(r.result, r.accuracy, r.duration_ms),
    )
    out: list[DrillStanding] = []
    for i, row in enumerate(scored):
        key = _order(row.result, row.accuracy, row.duration_ms)
        previous = out[-1] if out else None
        same = (
            previous is not None
            and _order(previous.result, previous.accuracy, previous.duration_ms) == key
        )
        rank = previous.rank if same and previous is not None else i + 1
        out.append(_with_rank(row, rank))
    unscored = sorted((r for r in rows if r.result is None), key=lambda r: str(r.person_id))
    return tuple(out) + tuple(unscored)


def _with_rank(row: DrillStanding, rank: int | None) -> DrillStanding:
    return DrillStanding(
        row.person_id, row.content_id, row.tries, row.attempt_id, row.result,
        row.accuracy, row.duration_ms, row.points, rank,
    )  # fmt: skip


def _overall(
    people: list[uuid.UUID], drills: list[tuple[DrillStanding, ...]]
) -> tuple[OverallStanding, ...]:
    totals: dict[uuid.UUID, tuple[float, int, float, int]] = {}
    for pid in people:
        mine = [r for rows in drills for r in rows if r.person_id == pid and r.result is not None]
        points = round(sum(r.points for r in mine), 1)
        accuracy = sum(r.accuracy or 0.0 for r in mine) / len(mine) if mine else 0.0
        time_ms = sum(r.duration_ms or 0 for r in mine)
        totals[pid] = (points, len(mine), accuracy, time_ms)

    def key(pid: uuid.UUID) -> tuple[float, int, float, int]:
        points, done, accuracy, time_ms = totals[pid]
        return (-points, -done, -accuracy, time_ms)

    ordered = sorted(people, key=lambda pid: (key(pid), str(pid)))
    out: list[OverallStanding] = []
    for i, pid in enumerate(ordered):
        same = bool(out) and key(out[-1].person_id) == key(pid)
        rank = out[-1].rank if same else i + 1
        out.append(OverallStanding(pid, totals[pid][0], totals[pid][1], rank))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class TeamStanding:
    """A team in the contest: its contestants, their mean overall points (what ranks the
    teams), its rank (None: contestants in no team, who are not a team), and for
    reference only, never ranked, the customer-minutes of waiting a day its contestants'
    gains over their baselines save at the branch (None: not measured)."""

    team_name: str | None
    contestants: int
    mean_points: float
    customer_minutes_saved: float | None = None
    rank: int | None = None


def team_standings(
    overall: Sequence[OverallStanding],
    team_of: Mapping[uuid.UUID, str | None],
    minutes: Mapping[str | None, float | None] | None = None,
) -> tuple[TeamStanding, ...]:
    """Teams ranked by the mean overall points of their contestants, highest first.

    A mean, not a sum: a team of seven would otherwise beat a team of three for its size.
    Everyone who sat a contest drill counts (one without a complete attempt with 0
    points). Teams level on the mean as printed (to 0.1 point) share a rank, listed by
    name. Contestants in no team come last, unranked."""
    members: dict[str | None, list[float]] = {}
    for o in overall:
        members.setdefault(team_of.get(o.person_id), []).append(o.points)
    minutes = minutes or {}
    teams = [
        TeamStanding(name, len(points), round(sum(points) / len(points), 1), minutes.get(name))
        for name, points in members.items()
    ]
    ranked = sorted((t for t in teams if t.team_name is not None),
                    key=lambda t: (-t.mean_points, t.team_name or ""))  # fmt: skip
    out: list[TeamStanding] = []
    for i, team in enumerate(ranked):
        same = bool(out) and out[-1].mean_points == team.mean_points
        rank = out[-1].rank if same else i + 1
        out.append(replace(team, rank=rank))
    return tuple(out) + tuple(t for t in teams if t.team_name is None)
