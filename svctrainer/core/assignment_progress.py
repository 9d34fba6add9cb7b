"""Whether a person has met an assignment, decided from their counted results alone.

An assignment names one content id (a drill or a scenario, across versions), a target,
an optional due date and an optional minimum number of practice sessions. Nobody ticks
an assignment off by hand: the status comes from the attempts the person made on that
content id since the assignment was created that still count (valid and not
invalidated). The rules, pinned by hand-computed tests:

- **done**: at least ``min_practice`` counted practice sessions, and at least one counted
  attempt in the target's mode (any mode when the target names none) that met EVERY
  threshold of the target in that same attempt (speed in the target's unit, accuracy,
  score, scenario tier). Bests taken from different attempts do not add up to a pass.
- **overdue**: not done and the due date has passed (the due day itself is not late).
- **not_started**: no counted attempt on the content at all.
- **in_progress**: everything else.

``fraction`` (0..1) is what a progress bar shows: the mean of the practice part
(sessions done / required) and the target part (1 when met; otherwise the weakest
threshold's best / minimum, so the bar tracks what is still holding the person back),
kept below 1 until the assignment is done. ``next_steps`` say what to do next as codes
with parameters, for the GUI to translate.

The service aggregates the same figures in SQL (``AttemptTally``); ``tally_attempts``
is the reference it is tested against.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from svctrainer.core.scenarios.model import Tier

MODES = ("practice", "test")
TIER_LEVELS: Mapping[str, int] = {t.code: int(t) for t in Tier}
TARGET_TIERS = tuple(t.code for t in Tier if t is not Tier.NOT_MET)
MAX_SPEED = 1_000_000.0
MAX_MIN_PRACTICE = 1000
MAX_TESTS = 50  # a retake limit: at most this many tests …
MAX_PER_DAYS = 90  # … in this many days
ALMOST_DONE = 0.99  # the bar never shows "full" for an assignment that is not done
_UNIT = re.compile(r"[a-z][a-z0-9_]{0,31}")
_KEYS = (
    "mode",
    "min_speed",
    "speed_unit",
    "min_accuracy",
    "min_score",
    "min_tier",
    "max_tests",
    "per_days",
)


class Status(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    OVERDUE = "overdue"


class TargetError(ValueError):
    """A target that cannot be stored: ``field`` names the input, ``code`` the rule."""

    def __init__(self, field: str, code: str, **params: Any) -> None:
        self.field = field
        self.code = code
        self.params = params
        detail = ", ".join(f"{k}={v!r}" for k, v in params.items())
        super().__init__(f"{field}: {code}" + (f" ({detail})" if detail else ""))


@dataclass(frozen=True, slots=True)
class Target:
    """What counts as meeting an assignment; every threshold set must be met at once.

    - ``mode``: "practice" or "test"; None accepts an attempt in either mode.
    - ``min_speed`` in ``speed_unit`` (the drill type's unit: ``net_kph`` for ten-key,
      ``cpm`` for data entry …); both set or both None.
    - ``min_accuracy``: fraction in (0, 1] (0.98 = 98 %).
    - ``min_score``: in (0, 100].
    - ``min_tier``: a scenario service tier code: satisfaction, comfort or delight.
    - ``max_tests`` per ``per_days``: the retake limit, e.g. 3 tests a week; both set or
      both None. Every test taken counts, finished or stopped, so stopping early to try
      the same paper again is no way round it.
    """

    mode: str | None = None
    min_speed: float | None = None
    speed_unit: str | None = None
    min_accuracy: float | None = None
    min_score: float | None = None
    min_tier: str | None = None
    max_tests: int | None = None
    per_days: int | None = None

    def __post_init__(self) -> None:
        _check(self)

    @property
    def has_thresholds(self) -> bool:
        return any(
            v is not None
            for v in (self.min_speed, self.min_accuracy, self.min_score, self.min_tier)
        )

    @property
    def min_tier_level(self) -> int | None:
        return None if self.min_tier is None else TIER_LEVELS[self.min_tier]

    def to_json(self) -> dict[str, Any]:
        """The stored form: only the keys that are set."""
        data = {k: getattr(self, k) for k in _KEYS}
        return {k: v for k, v in data.items() if v is not None}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Target:
        """Parse a stored or submitted target; TargetError names the first bad key."""
        if not isinstance(data, Mapping):
            raise TargetError("target", "not_an_object")
        for key in data:
            if key not in _KEYS:
                raise TargetError("target", "unknown_key", key=str(key))
        return cls(
            mode=_text(data, "mode"),
            min_speed=_number(data, "min_speed"),
            speed_unit=_text(data, "speed_unit"),
            min_accuracy=_number(data, "min_accuracy"),
            min_score=_number(data, "min_score"),
            min_tier=_text(data, "min_tier"),
            max_tests=_whole(data, "max_tests"),
            per_days=_whole(data, "per_days"),
        )


def _text(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise TargetError(key, "not_text")
    return value


def _whole(data: Mapping[str, Any], key: str) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TargetError(key, "not_a_whole_number")
    return value


def _number(data: Mapping[str, Any], key: str) -> float | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TargetError(key, "not_a_number")
    return float(value)


def _check(t: Target) -> None:
    if t.mode is not None and t.mode not in MODES:
        raise TargetError("mode", "unknown_mode", mode=t.mode)
    if (t.min_speed is None) != (t.speed_unit is None):
        raise TargetError("min_speed", "speed_needs_unit")
    if t.speed_unit is not None and not _UNIT.fullmatch(t.speed_unit):
        raise TargetError("speed_unit", "bad_unit", unit=t.speed_unit)
    _in_range("min_speed", t.min_speed, 0.0, MAX_SPEED)
    _in_range("min_accuracy", t.min_accuracy, 0.0, 1.0)
    _in_range("min_score", t.min_score, 0.0, 100.0)
    if t.min_tier is not None and t.min_tier not in TARGET_TIERS:
        raise TargetError("min_tier", "unknown_tier", tier=t.min_tier)
    if (t.max_tests is None) != (t.per_days is None):
        raise TargetError("max_tests", "limit_needs_days")
    if t.max_tests is not None and not 1 <= t.max_tests <= MAX_TESTS:
        raise TargetError("max_tests", "out_of_range", low=1, high=MAX_TESTS)
    if t.per_days is not None and not 1 <= t.per_days <= MAX_PER_DAYS:
        raise TargetError("per_days", "out_of_range", low=1, high=MAX_PER_DAYS)


def _in_range(key: str, value: float | None, low: float, high: float) -> None:
    """Exclusive low (a minimum of 0 is no target), inclusive high."""
    if value is None:
        return
    if not math.isfinite(value) or not low < value <= high:
        raise TargetError(key, "out_of_range", low=low, high=high)


def check_fits(target: Target, kind: str, speed_unit: str | None, modes: Iterable[str]) -> None:
    """TargetError unless ``target`` can be met on this content: a drill (results in
    ``speed_unit``, no tier) or a scenario (tier, score and accuracy — the share of
    decisions that kept the best outcome reachable — but no speed), offering ``modes``."""
    offered = tuple(modes)
    if target.mode is not None and target.mode not in offered:
        raise TargetError("mode", "mode_not_offered", mode=target.mode, offered=offered)
    if kind == "scenario":
        if target.min_speed is not None:
            raise TargetError("min_speed", "not_for_scenarios")
        return
    if target.min_tier is not None:
        raise TargetError("min_tier", "only_for_scenarios")
    if target.speed_unit is not None and target.speed_unit != speed_unit:
        raise TargetError("speed_unit", "wrong_unit", unit=target.speed_unit, expected=speed_unit)


def check_min_practice(min_practice: int, modes: Iterable[str]) -> None:
    """A minimum of practice sessions needs content that can be practised."""
    if isinstance(min_practice, bool) or not isinstance(min_practice, int):
        raise TargetError("min_practice", "not_a_number")
    if not 0 <= min_practice <= MAX_MIN_PRACTICE:
        raise TargetError("min_practice", "out_of_range", low=0, high=MAX_MIN_PRACTICE)
    if min_practice and "practice" not in tuple(modes):
        raise TargetError("min_practice", "no_practice_mode")


# -- assignees ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Assignee:
    """Who an assignment is for: one person, or a whole team (its members at any time)."""

    person_id: Any = None
    team_id: Any = None
    cancelled: bool = False


def applies_to(assignee: Assignee, person_id: Any, team_id: Any) -> bool:
    """Whether an assignment is the person's now: addressed to them, or to the team they
    are in today (so a team assignment reaches people who join later, and leaves people
    who move away); a cancelled assignment applies to nobody."""
    if assignee.cancelled:
        return False
    if assignee.person_id is not None:
        return bool(assignee.person_id == person_id)
    return assignee.team_id is not None and team_id is not None and assignee.team_id == team_id


# -- results -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AttemptFigures:
    """The figures of one attempt that assignments look at (``grade`` is the tier code
    for scenario attempts); ``counts`` is valid and not invalidated."""

    mode: str
    started_at: datetime
    speed: float | None = None
    speed_unit: str | None = None
    accuracy: float | None = None
    score: float | None = None
    grade: str | None = None
    counts: bool = True


@dataclass(frozen=True, slots=True)
class AttemptTally:
    """One person's counted attempts on one content id since the assignment was made.

    ``attempts_in_mode`` counts attempts in the target's mode (all modes if it names
    none); ``meeting_target`` those of them that met every threshold at once. Bests are
    over ``attempts_in_mode`` (speed only where the unit is the target's).
    """

    attempts: int = 0
    practice_sessions: int = 0
    attempts_in_mode: int = 0
    meeting_target: int = 0
    best_speed: float | None = None
    best_accuracy: float | None = None
    best_score: float | None = None
    best_tier: int | None = None
    last_attempt_at: datetime | None = None


def _at_least(value: float | int | None, minimum: float | int | None) -> bool:
    return minimum is None or (value is not None and value >= minimum)


def meets(target: Target, attempt: AttemptFigures) -> bool:
    """Whether one attempt met every threshold of ``target`` (mode included)."""
    if target.mode is not None and attempt.mode != target.mode:
        return False
    if target.min_speed is not None and attempt.speed_unit != target.speed_unit:
        return False
    tier = TIER_LEVELS.get(attempt.grade or "")
    return (
        _at_least(attempt.speed, target.min_speed)
        and _at_least(attempt.accuracy, target.min_accuracy)
        and _at_least(attempt.score, target.min_score)
        and _at_least(tier, target.min_tier_level)
    )


def tally_attempts(
    target: Target, attempts: Iterable[AttemptFigures], since: datetime | None = None
) -> AttemptTally:
    """The reference tally: what the service's SQL aggregate must return."""
    counted = [a for a in attempts if a.counts and (since is None or a.started_at >= since)]
    in_mode = [a for a in counted if target.mode is None or a.mode == target.mode]
    speeds = [a.speed for a in in_mode if a.speed is not None and a.speed_unit == target.speed_unit]
    grades = [a.grade for a in in_mode if a.grade is not None]
    tiers = [TIER_LEVELS[g] for g in grades if g in TIER_LEVELS]
    return AttemptTally(
        attempts=len(counted),
        practice_sessions=sum(a.mode == "practice" for a in counted),
        attempts_in_mode=len(in_mode),
        meeting_target=sum(meets(target, a) for a in in_mode),
        best_speed=max(speeds, default=None),
        best_accuracy=max((a.accuracy for a in in_mode if a.accuracy is not None), default=None),
        best_score=max((a.score for a in in_mode if a.score is not None), default=None),
        best_tier=max(tiers, default=None),
        last_attempt_at=max((a.started_at for a in counted), default=None),
    )


# -- progress ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NextStep:
    """What to do next, as a code the GUI translates:

    - ``practise`` {left, done, required}: more practice sessions are needed;
    - ``attempt`` {mode}: make an attempt (mode None: either);
    - ``reach_speed`` {minimum, best, unit}, ``reach_accuracy`` {minimum, best},
      ``reach_score`` {minimum, best}, ``reach_tier`` {minimum, best} (tier codes);
    - ``all_at_once`` {mode}: every threshold was reached, but not in one attempt.
    """

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class AssignmentProgress:
    status: Status
    fraction: float
    target_met: bool
    practice_done: int
    practice_required: int
    next_steps: tuple[NextStep, ...]
    start_mode: str | None
    """The mode a "Start" button should open: practice while sessions are missing."""

    @property
    def next_step(self) -> NextStep | None:
        return self.next_steps[0] if self.next_steps else None

    @property
    def is_open(self) -> bool:
        return self.status is not Status.DONE


def assess(
    target: Target,
    min_practice: int,
    due_on: date | None,
    tally: AttemptTally,
    *,
    today: date,
    modes: Iterable[str] = MODES,
) -> AssignmentProgress:
    """Status, progress and next steps of one person on one assignment (rules above)."""
    offered = tuple(modes)
    met = tally.meeting_target > 0 if target.has_thresholds else tally.attempts_in_mode > 0
    practice_ok = tally.practice_sessions >= min_practice
    done = met and practice_ok
    if done:
        status = Status.DONE
    elif due_on is not None and today > due_on:
        status = Status.OVERDUE
    elif tally.attempts == 0:
        status = Status.NOT_STARTED
    else:
        status = Status.IN_PROGRESS
    parts = [_target_fraction(target, tally, met)]
    if min_practice > 0:
        parts.insert(0, min(tally.practice_sessions / min_practice, 1.0))
    fraction = 1.0 if done else min(sum(parts) / len(parts), ALMOST_DONE)
    steps: list[NextStep] = []
    if not practice_ok:
        left = min_practice - tally.practice_sessions
        steps.append(
            NextStep(
                "practise",
                {"left": left, "done": tally.practice_sessions, "required": min_practice},
            )
        )
    if not met:
        steps.extend(_target_steps(target, tally))
    return AssignmentProgress(
        status=status,
        fraction=fraction,
        target_met=met,
        practice_done=tally.practice_sessions,
        practice_required=min_practice,
        next_steps=tuple(steps),
        start_mode=_start_mode(target, practice_ok, offered),
    )


def _target_fraction(target: Target, tally: AttemptTally, met: bool) -> float:
    if met:
        return 1.0
    if not target.has_thresholds or tally.attempts_in_mode == 0:
        return 0.0
    shares = [
        _share(tally.best_speed, target.min_speed),
        _share(tally.best_accuracy, target.min_accuracy),
        _share(tally.best_score, target.min_score),
        _share(tally.best_tier, target.min_tier_level),
    ]
    return min(s for s in shares if s is not None)


def _share(best: float | int | None, minimum: float | int | None) -> float | None:
    if minimum is None:
        return None
    if best is None or best <= 0:
        return 0.0
    return min(float(best) / float(minimum), 1.0)


def _target_steps(target: Target, tally: AttemptTally) -> list[NextStep]:
    if tally.attempts_in_mode == 0 or not target.has_thresholds:
        return [NextStep("attempt", {"mode": target.mode})]
    steps: list[NextStep] = []
    if not _at_least(tally.best_speed, target.min_speed):
        steps.append(
            NextStep(
                "reach_speed",
                {"minimum": target.min_speed, "best": tally.best_speed, "unit": target.speed_unit},
            )
        )
    if not _at_least(tally.best_accuracy, target.min_accuracy):
        steps.append(
            NextStep(
                "reach_accuracy", {"minimum": target.min_accuracy, "best": tally.best_accuracy}
            )
        )
    if not _at_least(tally.best_score, target.min_score):
        steps.append(
            NextStep("reach_score", {"minimum": target.min_score, "best": tally.best_score})
        )
    if not _at_least(tally.best_tier, target.min_tier_level):
        best = None if tally.best_tier is None else Tier(tally.best_tier).code
        steps.append(NextStep("reach_tier", {"minimum": target.min_tier, "best": best}))
    return steps or [NextStep("all_at_once", {"mode": target.mode})]


def _start_mode(target: Target, practice_ok: bool, offered: tuple[str, ...]) -> str | None:
    if not practice_ok and "practice" in offered:
        return "practice"
    if target.mode is not None and target.mode in offered:
        return target.mode
    if "practice" in offered:
        return "practice"
    return offered[0] if offered else None
