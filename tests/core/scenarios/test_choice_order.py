"""No answer order to learn: across 1 000 seeded runs of each shipped scenario, the best
choice's on-screen position is spread evenly, and a run's seed gives back its order."""

from __future__ import annotations

import random
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from svctrainer.core.scenarios.analysis import best_alternative
from svctrainer.core.scenarios.choice_order import shown_order
from svctrainer.core.scenarios.engine import ScenarioRun
from svctrainer.core.scenarios.loader import load_scenario_file

SCENARIOS = sorted((Path(__file__).resolve().parents[3] / "drills" / "scenarios").glob("*.yaml"))
RUNS = 1000
MAX_SHARE = 1.5


def best_positions(path: Path, runs: int = RUNS) -> dict[int, Counter[int]]:
    """Per number of choices shown, how often the best one was at each position (1-based).
    Each run takes the best choice, or (one time in four) another one, so the runs reach
    the scenario's other nodes too."""
    scenario = load_scenario_file(path).scenario

    @cache
    def best(state):  # the best move depends on the state only
        found = best_alternative(scenario, state.node_id, state)
        return None if found is None else found.choice_id

    seen: dict[int, Counter[int]] = {}
    for seed in range(runs):
        walk = random.Random(seed)
        run = ScenarioRun(scenario, 0, seed=seed)
        t = 0
        while not run.is_finished:
            shown = run.available_choices()
            if not shown:
                break
            best_id = best(run.state)
            ids = [c.id for c in shown]
            if best_id is not None and len(ids) > 1:
                seen.setdefault(len(ids), Counter())[ids.index(best_id) + 1] += 1
            pick = best_id if best_id is not None and walk.random() < 0.75 else walk.choice(ids)
            t += 1_000_000_000
            run.choose(pick, t)
    return seen


@pytest.mark.slow
@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_the_best_choice_is_at_no_position_more_than_its_fair_share(path):
    seen = best_positions(path)
    assert seen, "the scenario offers no decision"
    for count, positions in seen.items():
        total = sum(positions.values())
        fair = total / count
        worst = max(positions[p] for p in range(1, count + 1))
        assert worst <= MAX_SHARE * fair, (count, dict(positions))


def test_a_seed_gives_back_its_order_and_another_seed_another():
    path = next(p for p in SCENARIOS if p.stem == "fraud-phone-call.en")
    scenario = load_scenario_file(path).scenario
    first = ScenarioRun(scenario, 0, seed=41).available_choices()
    again = ScenarioRun(scenario, 0, seed=41).available_choices()
    assert first == again
    orders = {tuple(c.id for c in ScenarioRun(scenario, 0, seed=s).available_choices())
              for s in range(30)}  # fmt: skip
    assert len(orders) > 1
    authored = ScenarioRun(scenario, 0).available_choices()
    assert sorted(c.id for c in authored) == sorted(c.id for c in first)


def test_order_is_a_permutation_and_unseeded_keeps_the_authored_order():
    items = list(range(7))
    assert shown_order(None, "n", items) == tuple(items)
    assert sorted(shown_order(5, "n", items)) == items
