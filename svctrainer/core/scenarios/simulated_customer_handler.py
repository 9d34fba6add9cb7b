"""A simulated teller who handles a scenario's customer with a given skill.

The demo branch's scenario history is made by this, not by inventing tiers: each demo run
is a real decision log played through the real engine, so its stored tier, score,
SERVQUAL points, debrief and re-scoring behave as for a person. Tests use it too.

At each decision the simulated teller takes the best move (the first move towards the
best outcome still reachable, from the same search that scores trainees) with probability
``best_choice_rate``, else one of the other choices on offer, uniformly. How long it
thinks is log-normal around ``decision_ms``; when a countdown is running and the thought
takes longer, the time runs out first (the engine's hesitation) and, if the customer
keeps waiting, it decides again after a shorter pause. So slow or unsure tellers time out
now and then, as people do. Everything is drawn from ``SeededRandom``: a seed gives the
same run on every machine and Python version.
"""

from __future__ import annotations

from dataclasses import dataclass

from svctrainer.core.drills.seeded_random import SeededRandom
from svctrainer.core.durations import NS_PER_MS
from svctrainer.core.scenarios.analysis import best_from
from svctrainer.core.scenarios.engine import (
    DecisionLogEntry,
    RunResult,
    ScenarioRun,
)
from svctrainer.core.scenarios.model import Choice, Scenario

MIN_DECISION_MS = 400.0  # nobody reads a customer and answers faster than this
# A safety stop for loops a careless teller may go round: real conversations take tens
# of decisions; a run cut off here is simply unfinished (not met).
MAX_DECISIONS = 100


@dataclass(frozen=True, slots=True)
class HandlerSkill:
    """``best_choice_rate``: chance (0..1) of taking the best move at a decision;
    ``decision_ms``: mean time from the customer's words to the teller's answer (ms);
    ``spread``: relative standard deviation of that time (log-normal)."""

    best_choice_rate: float = 0.7
    decision_ms: float = 6_000.0
    spread: float = 0.5

    def __post_init__(self) -> None:
        if not 0.0 <= self.best_choice_rate <= 1.0:
            raise ValueError("best_choice_rate must be between 0 and 1")
        if not self.decision_ms > 0 or not self.spread >= 0:
            raise ValueError("decision_ms must be positive and spread not negative")


@dataclass(frozen=True)
class SimulatedRun:
    log: tuple[DecisionLogEntry, ...]
    result: RunResult  # what the engine said while playing; replay(log) gives the same


class _Draws:
    def __init__(self, seed: int) -> None:
        self.rng = SeededRandom(seed)

    def chance(self, p: float) -> bool:
        return self.rng.chance(p)

    def think_ns(self, mean_ms: float, spread: float) -> int:
        drawn = self.rng.log_normal(max(mean_ms, MIN_DECISION_MS), max(0.01, spread))
        return int(max(MIN_DECISION_MS, drawn) * NS_PER_MS)


def _pick(
    run: ScenarioRun, choices: tuple[Choice, ...], skill: HandlerSkill, draws: _Draws
) -> str | None:
    """The choice id to take, or None to let the countdown run out on purpose (only when
    waiting is the best move there, which a scenario can make true)."""
    # The first move of the best outcome still reachable: one search per decision (the
    # debrief's best_alternative searches once per move and picks the same outcome).
    best = best_from(run.scenario, run.state)
    best_id = best.path[0][1] if best is not None and best.path else None
    takes_best = best is not None and draws.chance(skill.best_choice_rate)
    if takes_best and (best_id is not None or run.deadline_ns is not None):
        return best_id
    others = [c.id for c in choices if c.id != best_id] or [c.id for c in choices]
    return others[draws.rng.below(len(others))] if others else None


def simulate_run(
    scenario: Scenario, skill: HandlerSkill, seed: int, *, start_ns: int = 0
) -> SimulatedRun:
    """Play one run of ``scenario`` from the start to an ending (or a dead end)."""
    draws = _Draws(seed)
    run = ScenarioRun(scenario, start_ns)
    now = start_ns
    for _ in range(MAX_DECISIONS):
        if run.is_finished:
            break
        choices = run.available_choices()
        deadline = run.deadline_ns
        choice_id = _pick(run, choices, skill, draws) if choices else None
        waited_already = run.state.timed_out_here
        mean = skill.decision_ms / 2 if waited_already else skill.decision_ms
        decided = max(now, run.node_entered_ns) + draws.think_ns(mean, skill.spread)
        if deadline is not None and (choice_id is None or decided >= deadline):
            run.timeout(deadline)
            now = deadline
            continue
        if choice_id is None:
            break  # nothing to choose and no countdown: the engine calls this finished
        run.choose(choice_id, decided)
        now = decided
    return SimulatedRun(run.log, run.result())
