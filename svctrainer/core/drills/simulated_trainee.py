"""A simulated trainee: plays a real run of any drill with a given skill level.

The demo branch's six months of history are made by this, not by inventing figures: each
demo attempt is a real key-event log played through the real engine, so its stored
metrics, per-key statistics, charts and re-scoring all behave as for a person. Tests and
benchmarks use it too.

Each drill kind brings its own player (``DrillKind.play``); the timing and mistake rates
come from ``Skill`` (``simulated_play``). ``simulate`` runs one attempt to its end (or
``max_active_ms``).
"""

from __future__ import annotations

from svctrainer.core.drills.base import DrillRun
from svctrainer.core.drills.registry import drill_kind, start_run
from svctrainer.core.drills.seeded_random import SeededRandom
from svctrainer.core.drills.simulated_play import Skill, Timing
from svctrainer.core.durations import NS_PER_MS
from svctrainer.core.packs.definition import DrillDefinition, Mode

NO_LIMIT_NS = 10**18


def simulate(
    definition: DrillDefinition,
    mode: Mode,
    skill: Skill,
    *,
    seed: int,
    behaviour_seed: int,
    start_ns: int = 10_000_000_000,
    max_active_ms: int | None = None,
) -> DrillRun:
    """Play one attempt; the returned run is finished (stopped early if it had to be)."""
    kind = drill_kind(definition.drill_type)
    if kind is None:
        raise LookupError(f"no simulated player for drill type {definition.drill_type!r}")
    run = start_run(definition, mode, seed=seed)
    timing = Timing(skill, SeededRandom(behaviour_seed), start_ns)
    limit = max_active_ms * NS_PER_MS if max_active_ms is not None else NO_LIMIT_NS
    kind.play(kind.run_of(run), timing, limit)
    if not run.finished:
        run.stop(timing.advance(skill.stroke_ms))
    return run
