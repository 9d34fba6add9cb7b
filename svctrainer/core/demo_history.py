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
from svctrainer.core.drills.simulated_play import Skill
from svctrainer.core.packs.definition import RunSettings
from svctrainer.core.scenarios.simulated_customer_handler import HandlerSkill

WEEKS = 26
PRACTICE_STOPPED_EARLY = 0.08  # called to the counter mid-practice: about one run in twelve
TEST_EVERY_DAYS = 5  # a test every week or so, rotating through the person's focus drills
BASELINE_TESTS = 3  # the baseline is the median of the first three valid tests
# Ten-key plus three more: what a branch trains a teller on at a time. Three others each
# keep every test pack covered by at least two people of the smaller (Chinese) group.
FOCUS_DRILLS = 4


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

    ``content_ids`` are practice packs; ``test_content_ids`` test packs, the first being
    the one everybody takes (ten-key). Each person is tested on a few focus drills in
    turn: three tests on each early on make the baselines, then about one a week.
    """
    rng = SeededRandom(seed)
    first_day = today - timedelta(weeks=WEEKS)
    planned: list[PlannedAttempt] = []
    for number, person in enumerate(people):
        learner = make_learner(person, rng)
        favourite = rng.below(max(1, len(content_ids)))
        sessions = 0
        next_test = first_day + timedelta(days=1 + rng.below(5))
        focus = _focus_tests(test_content_ids, number)
        tests_taken = 0
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
                            max_active_ms=None,  # set per pack: ``practice_stop_ms``
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
                planned.append(
                    _attempt(
                        learner,
                        focus[tests_taken % len(focus)],
                        mode="test",
                        when=when,
                        sessions=sessions,
                        week=week,
                        rng=rng,
                        max_active_ms=None,
                    )
                )
                tests_taken += 1
                early = tests_taken < BASELINE_TESTS * len(focus)
                next_test = day + timedelta(days=2 if early else TEST_EVERY_DAYS + rng.below(3) - 1)
            day += timedelta(days=1)
    planned.sort(key=lambda p: p.started_at)
    return planned


def practice_stop_ms(settings: RunSettings, behaviour_seed: int) -> int | None:
    """How long a simulated practice run goes on before the trainee stops it (None: to
    its end), from the pack's own settings.

    People finish most practice runs, and those they stop are mostly stopped once
    they have done what the pack counts as a complete run (its ``complete_share`` of the
    time): a counted point on their chart. About ``PRACTICE_STOPPED_EARLY`` of the runs
    are stopped before that, as when a customer comes to the counter, and are kept as
    incomplete. A pack limited by items is played to its last item (or its time limit).
    """
    rng = SeededRandom(behaviour_seed ^ 0x5EED_5709)
    early = rng.below(1000) < PRACTICE_STOPPED_EARLY * 1000
    if settings.time_limit_s is None or settings.item_count is not None:
        # Limited by items: stopped early after a few seconds, or played to the end.
        return 5_000 + rng.below(10_000) if early else None
    limit_ms = settings.time_limit_s * 1000
    needed_ms = math.ceil(limit_ms * settings.complete_share)
    if early:
        return max(1_000, needed_ms * (20 + rng.below(60)) // 100)  # 20–80 % of the way
    # Past the complete share: stopped some seconds after it, or left to run out.
    past = needed_ms + 5_000 + rng.below(max(1, limit_ms - needed_ms))
    return past if past < limit_ms else None


def _focus_tests(test_content_ids: Sequence[str], index: int) -> list[str]:
    """Ten-key for everyone, and the other drills dealt out in turn, so every drill has
    a few people tested on it."""
    if not test_content_ids:
        return []
    others = list(test_content_ids[1:])
    extra = min(FOCUS_DRILLS - 1, len(others))
    start = index * extra
    return [test_content_ids[0], *(others[(start + k) % len(others)] for k in range(extra))]


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


SCENARIO_EVERY_DAYS = 8


@dataclass(frozen=True, slots=True)
class PlannedScenarioRun:
    person_key: str
    content_id: str
    mode: str  # "practice" | "test"
    started_at: datetime
    skill: HandlerSkill
    seed: int


def plan_scenario_runs(
    people: Sequence[str], scenario_ids: Sequence[str], today: date, seed: int = 2027
) -> list[PlannedScenarioRun]:
    """Customer-handling practice over the same six months, oldest first.

    Each person plays a scenario every week or so, going round all of them; their judgement
    grows with the runs (the chance of the best answer rises from about 0.6 towards
    0.95) and their answers come quicker, so tiers climb from "not met" towards
    delight with setbacks on the way. Every third run is in test mode.
    """
    if not scenario_ids:
        return []
    rng = SeededRandom(seed)
    first_day = today - timedelta(weeks=WEEKS)
    planned: list[PlannedScenarioRun] = []
    for person in people:
        start_rate = 0.60 + rng.below(15) / 100
        plateau_rate = 0.93 + rng.below(7) / 100
        pace = 6.0 + rng.below(10)  # runs to get most of the way
        order = list(scenario_ids)
        offset = rng.below(len(order))
        day = first_day + timedelta(days=rng.below(7))
        runs = 0
        while day < today:
            if day.weekday() < 5:
                progress = 1.0 - math.exp(-runs / pace)
                rate = start_rate + (plateau_rate - start_rate) * progress
                rate = min(1.0, max(0.0, rate + (rng.below(201) - 100) / 1000))
                when = datetime(day.year, day.month, day.day, 9 + rng.below(8), rng.below(60),
                                tzinfo=UTC)  # fmt: skip
                planned.append(
                    PlannedScenarioRun(
                        person_key=person,
                        content_id=order[(offset + runs) % len(order)],
                        mode="test" if runs % 3 == 2 else "practice",
                        started_at=when,
                        skill=HandlerSkill(
                            best_choice_rate=rate,
                            decision_ms=9_000.0 - 4_000.0 * progress,
                            spread=0.45,
                        ),
                        seed=rng.below(2**31),
                    )
                )
                runs += 1
                day += timedelta(days=SCENARIO_EVERY_DAYS + rng.below(5) - 2)
            else:
                day += timedelta(days=1)
    planned.sort(key=lambda p: p.started_at)
    return planned
