"""Score 0-100 of a run (tier bands and weights: docs/scenario-format.md section 9).

    raw = band_low + round(quality * (band_high - band_low))
    quality = clamp(points / max_points, 0, 1)

with bands NOT_MET 0-39, SATISFACTION 40-69, COMFORT 70-89, DELIGHT 90-100, ``points``
the run's SERVQUAL total minus 2 per order violation, and ``max_points`` the most points
any run of the scenario can end with (exhaustive search).

A run with failures (new negative emotion, order violation, timeout, gate breach, slip:
a choice with a negative effect, see rules.py) scores
    min(raw, flawless_best - 5 * failures)
where ``flawless_best`` is the best raw score any failure-free run can reach. So a
mistake followed by a good recovery never scores above the best mistake-free handling:
the service-recovery paradox is real but small in banking studies, and the score must
not teach trainees to fail on purpose. The basis (max_points, flawless_best) comes from
searching the whole scenario once and is cached per scenario object.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from svctrainer.core.scenarios.model import Scenario, Tier
from svctrainer.core.scenarios.rules import Reason, ReasonCode, RunState, initial_state, tier_of
from svctrainer.core.scenarios.search import Exploration, explore

BANDS = {
    Tier.NOT_MET: (0, 39),
    Tier.SATISFACTION: (40, 69),
    Tier.COMFORT: (70, 89),
    Tier.DELIGHT: (90, 100),
}
FAILURE_POINTS = 5
_CACHE_SIZE = 16


@dataclass(frozen=True, slots=True)
class ScoringBasis:
    max_points: int
    flawless_best: int | None  # None: no run without failures reaches an ending
    truncated: bool = False  # the search hit its budget; the basis is a lower bound


def raw_score(tier: Tier, points: int, max_points: int) -> int:
    low, high = BANDS[tier]
    if max_points <= 0 or points <= 0:
        return low
    if points >= max_points:
        return high
    # round half up in integers: low + floor(points * width / max + 1/2)
    return low + (2 * points * (high - low) + max_points) // (2 * max_points)


def basis_from(scenario: Scenario, exploration: Exploration) -> ScoringBasis:
    labels = [label for group in exploration.endings.values() for label in group]
    max_points = max((label.state.points for label in labels), default=0)
    flawless = [
        raw_score(tier_of(scenario, label.state)[0], label.state.points, max_points)
        for label in labels
        if label.state.failures == 0
    ]
    return ScoringBasis(max_points, max(flawless, default=None), exploration.truncated)


_cache: OrderedDict[int, tuple[Scenario, Exploration, ScoringBasis]] = OrderedDict()


def _searched(scenario: Scenario) -> tuple[Exploration, ScoringBasis]:
    """Every run from the start, searched once per scenario object (the GUI plays, scores
    and debriefs the same object many times)."""
    cached = _cache.get(id(scenario))
    if cached is not None and cached[0] is scenario:
        _cache.move_to_end(id(scenario))
        return cached[1], cached[2]
    exploration = explore(scenario, initial_state(scenario))
    basis = basis_from(scenario, exploration)
    _cache[id(scenario)] = (scenario, exploration, basis)
    while len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)
    return exploration, basis


def basis_for(scenario: Scenario) -> ScoringBasis:
    return _searched(scenario)[1]


def start_exploration(scenario: Scenario) -> Exploration:
    return _searched(scenario)[0]


def score_of(tier: Tier, state: RunState, basis: ScoringBasis) -> tuple[int, tuple[Reason, ...]]:
    """The final score and, when failures capped it, the reason."""
    raw = raw_score(tier, state.points, basis.max_points)
    if state.failures == 0:
        return raw, ()
    best = basis.flawless_best if basis.flawless_best is not None else BANDS[Tier.DELIGHT][1]
    cap = best - FAILURE_POINTS * state.failures
    if raw <= cap:
        return raw, ()
    reason = Reason(ReasonCode.SCORE_CAPPED, {"failures": state.failures, "cap": max(0, cap)})
    return max(0, cap), (reason,)
