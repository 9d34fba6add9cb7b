"""Six months of believable practice for the demo branch: who practised what, when, and
how skilled they were that day.

Learning curves rise fast and then flatten (an exponential approach to a personal
plateau), with day-to-day noise, missed weeks (leave, busy seasons) and a few
regressions (a bad week, back from leave). The plan is pure data from a seeded
generator; the services turn each planned attempt into a real run played by a
simulated trainee, so every demo figure is computed by the engine from keystrokes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from svctrainer.core.drills.seeded_random import SeededRandom
from svctrainer.core.drills.simulated_trainee import Skill

WEEKS = 26
PRACTICE_MAX_ACTIVE_MS = 75_000  # a practice session is a short burst at the counter
TEST_EVERY_DAYS = 14


@dataclass(frozen=True, slots=True)
class Learner:
    """One person's curve: ``start``/``plateau`` are ms per stroke at the beginning and
    at full practice; ``rate`` how many sessions it takes to get most of the way."""

    key: str
    start_ms: float
    plateau_ms: float
    start_errors: float
    plateau_errors: float
    rate_sessions: float
    sessions_per_week: float
    leave_weeks: frozenset[int]
    slump_weeks: frozenset[int]

    def skill(self, sessions_done: int, week: int, rng: SeededRandom) -> Skill:
        progress = 1.0 - math.exp(-sessions_done / self.rate_sessions)
        stroke = self.start_ms + (self.plateau_ms - self.start_ms) * progress
        errors = self.start_errors + (self.plateau_errors - self.start_errors) * progress
        if week in self.slump_weeks:
            stroke *= 1.18
            errors *= 1.6
        noise = 1.0 + ((rng.below(2001) - 1000) / 1000.0) * 0.08  # ±8 % day to day
        return Skill(
            stroke_ms=stroke * noise,
            spread=0.28,
            error_rate=max(0.003, errors),
            think_ms=stroke * 1.6,
        )


@dataclass(frozen=True, slots=True)
class PlannedAttempt:
    person_key: str
    content_id: str
    mode: str  # "practice" | "test"
    started_at: datetime
    skill: Skill
    seed: int
    behaviour_seed: int
    max_active_ms: int | None


def make_learner(key: str, rng: SeededRandom) -> Learner:
    start = 620.0 + rng.below(260)  # 620–880 ms per stroke: 4,100–5,800 KPH
    plateau = 230.0 + rng.below(140)  # 230–370 ms: 9,700–15,700 KPH
    leave_start = rng.below(WEEKS - 3)
    leave = (
        frozenset(range(leave_start, leave_start + 1 + rng.below(2)))
        if rng.below(3)
        else frozenset()
    )
    slump = frozenset({rng.below(WEEKS)}) if rng.below(4) == 0 else frozenset()
    return Learner(
        key=key,
        start_ms=start,
        plateau_ms=plateau,
        start_errors=0.05 + rng.below(50) / 1000,
        plateau_errors=0.008 + rng.below(15) / 1000,
        rate_sessions=10.0 + rng.below(25),
        sessions_per_week=1.2 + rng.below(30) / 10,
        leave_weeks=leave,
        slump_weeks=slump,
    )


def plan_history(
    people: Sequence[str],
    content_ids: Sequence[str],
    test_content_ids: Sequence[str],
    today: date,
    seed: int = 2026,
) -> list[PlannedAttempt]:
    """Attempts over the last ``WEEKS`` weeks for each person, oldest first.

    ``content_ids`` are practice packs; ``test_content_ids`` test packs, taken about
    every two weeks (three early ones make each person's baseline).
    """
    rng = SeededRandom(seed)
    first_day = today - timedelta(weeks=WEEKS)
    planned: list[PlannedAttempt] = []
    for person in people:
        learner = make_learner(person, rng)
        favourite = rng.below(max(1, len(content_ids)))
        sessions = 0
        next_test = first_day + timedelta(days=1 + rng.below(5))
        day = first_day
        while day < today:
            week = (day - first_day).days // 7
            weekday = day.weekday() < 5
            chance = learner.sessions_per_week / 5.0
            if weekday and week not in learner.leave_weeks and rng.below(1000) < chance * 1000:
                hour = 8 + rng.below(9)
                when = datetime(day.year, day.month, day.day, hour, rng.below(60), tzinfo=UTC)
                picks = 1 + (rng.below(3) == 0)
                for n in range(picks):
                    index = favourite if rng.below(2) == 0 else rng.below(len(content_ids))
                    planned.append(
                        _attempt(
                            learner,
                            content_ids[index],
                            mode="practice",
                            when=when + timedelta(minutes=4 * n),
                            sessions=sessions,
                            week=week,
                            rng=rng,
                            max_active_ms=PRACTICE_MAX_ACTIVE_MS,
                        )
                    )
                    sessions += 1
            if (
                day >= next_test
                and weekday
                and week not in learner.leave_weeks
                and test_content_ids
            ):
                when = datetime(day.year, day.month, day.day, 17, rng.below(50), tzinfo=UTC)
                # The first tests are on the first test pack, so everyone has a baseline.
                pick = rng.below(len(test_content_ids)) if sessions > 12 else 0
                planned.append(
                    _attempt(
                        learner,
                        test_content_ids[pick],
                        mode="test",
                        when=when,
                        sessions=sessions,
                        week=week,
                        rng=rng,
                        max_active_ms=None,
                    )
                )
                early = len([p for p in planned if p.person_key == person and p.mode == "test"]) < 3
                next_test = day + timedelta(days=4 if early else TEST_EVERY_DAYS + rng.below(5) - 2)
            day += timedelta(days=1)
    planned.sort(key=lambda p: p.started_at)
    return planned


def _attempt(
    learner: Learner,
    content_id: str,
    *,
    mode: str,
    when: datetime,
    sessions: int,
    week: int,
    rng: SeededRandom,
    max_active_ms: int | None,
) -> PlannedAttempt:
    return PlannedAttempt(
        person_key=learner.key,
        content_id=content_id,
        mode=mode,
        started_at=when,
        skill=learner.skill(sessions, week, rng),
        seed=rng.below(2**31),
        behaviour_seed=rng.below(2**31),
        max_active_ms=max_active_ms,
    )
