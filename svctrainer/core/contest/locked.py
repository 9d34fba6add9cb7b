"""Standings frozen as JSON when a contest closes, and read back unchanged.

Locking is what makes a closed contest's results final: an attempt invalidated, a pack
corrected or a person moved to another team afterwards does not change who won. The
JSON holds every figure the results sheet and the certificates print, names included,
and a layout ``version`` so that a later release can still read it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from typing import Any

from svctrainer.core.contest.standings import (
    ContestDrillSpec,
    DrillStanding,
    OverallStanding,
    Standings,
    TeamStanding,
    team_standings,
)

VERSION = 2
"""2: teams ranked by mean points (``mean_points``); 1 (read only): teams ranked by the
customer-minutes saved, re-ranked on reading from the locked overall points."""


@dataclass(frozen=True, slots=True)
class Contestant:
    """Who a contestant was when the results were computed."""

    person_id: uuid.UUID
    name: str
    employee_number: str
    team_name: str | None


@dataclass(frozen=True, slots=True)
class LockedResults:
    standings: Standings
    teams: tuple[TeamStanding, ...]
    contestants: tuple[Contestant, ...]


def own_results(results: LockedResults, person_id: uuid.UUID) -> LockedResults:
    """What one contestant may see of live standings: their own rows, with their result,
    accuracy, time and tries but no points or rank (points are in proportion to the best
    result so far, so they would give it away); nobody else, no overall table, no
    teams."""
    drills = tuple(
        (
            spec,
            tuple(replace(r, points=0.0, rank=None) for r in rows if r.person_id == person_id),
        )
        for spec, rows in results.standings.drills
    )
    people = tuple(c for c in results.contestants if c.person_id == person_id)
    return LockedResults(Standings(drills, ()), (), people)


class LockedResultsError(ValueError):
    """Stored results that this release cannot read (named key)."""


def to_json(results: LockedResults) -> dict[str, Any]:
    return {
        "version": VERSION,
        "drills": [
            {
                "content_id": spec.content_id,
                "drill_type": spec.drill_type,
                "title": spec.title,
                "rows": [_drill_row(r) for r in rows],
            }
            for spec, rows in results.standings.drills
        ],
        "overall": [
            {
                "person_id": str(o.person_id),
                "points": o.points,
                "drills_done": o.drills_done,
                "rank": o.rank,
            }
            for o in results.standings.overall
        ],
        "teams": [
            {
                "team_name": t.team_name,
                "contestants": t.contestants,
                "mean_points": t.mean_points,
                "customer_minutes_saved": t.customer_minutes_saved,
                "rank": t.rank,
            }
            for t in results.teams
        ],
        "contestants": [
            {
                "person_id": str(c.person_id),
                "name": c.name,
                "employee_number": c.employee_number,
                "team_name": c.team_name,
            }
            for c in results.contestants
        ],
    }


def from_json(data: dict[str, Any]) -> LockedResults:
    """LockedResultsError naming the key that does not fit."""
    try:
        version = data.get("version")
        if version not in (1, VERSION):
            raise LockedResultsError(f"results layout {version!r} is not {VERSION}")
        drills = tuple(
            (
                ContestDrillSpec(d["content_id"], d["drill_type"], d["title"]),
                tuple(_read_drill_row(r, d["content_id"]) for r in d["rows"]),
            )
            for d in data["drills"]
        )
        overall = tuple(
            OverallStanding(
                uuid.UUID(o["person_id"]), float(o["points"]), int(o["drills_done"]), int(o["rank"])
            )
            for o in data["overall"]
        )
        people = tuple(
            Contestant(uuid.UUID(c["person_id"]), c["name"], c["employee_number"], c["team_name"])
            for c in data["contestants"]
        )
        if version == 1:
            # Locked before teams were ranked by mean points: the same ranking, from the
            # locked points and teams (the customer-minutes kept for reference).
            minutes = {t["team_name"]: _number(t["customer_minutes_saved"]) for t in data["teams"]}
            teams = team_standings(overall, {c.person_id: c.team_name for c in people}, minutes)
        else:
            teams = tuple(
                TeamStanding(
                    t["team_name"],
                    int(t["contestants"]),
                    float(t["mean_points"]),
                    _number(t["customer_minutes_saved"]),
                    None if t["rank"] is None else int(t["rank"]),
                )
                for t in data["teams"]
            )
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, LockedResultsError):
            raise
        raise LockedResultsError(f"locked results: {type(exc).__name__} {exc}") from None
    return LockedResults(Standings(drills, overall), teams, people)


def _drill_row(r: DrillStanding) -> dict[str, Any]:
    return {
        "person_id": str(r.person_id),
        "tries": r.tries,
        "attempt_id": None if r.attempt_id is None else str(r.attempt_id),
        "result": r.result,
        "accuracy": r.accuracy,
        "duration_ms": r.duration_ms,
        "points": r.points,
        "rank": r.rank,
    }


def _read_drill_row(r: dict[str, Any], content_id: str) -> DrillStanding:
    return DrillStanding(
        uuid.UUID(r["person_id"]),
        content_id,
        int(r["tries"]),
        None if r["attempt_id"] is None else uuid.UUID(r["attempt_id"]),
        _number(r["result"]),
        _number(r["accuracy"]),
        None if r["duration_ms"] is None else int(r["duration_ms"]),
        float(r["points"]),
        None if r["rank"] is None else int(r["rank"]),
    )


def _number(value: Any) -> float | None:
    return None if value is None else float(value)
