"""The simulated teller: real decision logs that replay to the very result it played."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scenario_builders import SAMPLE, choice, ending, make, node
from scenario_strategies import scenarios

from svctrainer.core.scenarios.analysis import best_result
from svctrainer.core.scenarios.engine import replay
from svctrainer.core.scenarios.loader import load_scenario_file
from svctrainer.core.scenarios.model import Tier
from svctrainer.core.scenarios.simulated_customer_handler import HandlerSkill, simulate_run

S = 1_000_000_000


@pytest.fixture(scope="module")
def sample():
    return load_scenario_file(SAMPLE).scenario


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize(
    "skill",
    [HandlerSkill(0.95, 3_000), HandlerSkill(0.5, 8_000), HandlerSkill(0.0, 20_000, 0.8)],
    ids=["expert", "average", "novice"],
)
def test_replaying_a_simulated_log_gives_its_result(sample, skill, seed):
    simulated = simulate_run(sample, skill, seed, start_ns=7 * S)
    assert simulated.log
    assert simulated.log[0].entered_ns == 7 * S
    assert replay(sample, simulated.log) == simulated.result
    assert simulated.result.ending_id is not None  # the sample has no dead ends


def test_the_same_seed_gives_the_same_run(sample):
    skill = HandlerSkill(0.6, 7_000)
    assert simulate_run(sample, skill, 42).log == simulate_run(sample, skill, 42).log
    runs = {tuple((e.choice_id, e.t_ns) for e in simulate_run(sample, skill, s).log)
            for s in range(10)}  # fmt: skip
    assert len(runs) > 1


def test_a_perfect_quick_teller_plays_the_best_run(sample):
    simulated = simulate_run(sample, HandlerSkill(1.0, 2_000, 0.1), 1)
    best = best_result(sample)
    assert [e.choice_id for e in simulated.log] == [e.choice_id for e in best.log]
    assert simulated.result.tier is Tier.DELIGHT
    assert simulated.result.score == best.score


def test_skill_shows_in_the_tiers(sample):
    def mean_score(skill):
        return sum(simulate_run(sample, skill, s).result.score for s in range(20)) / 20

    assert mean_score(HandlerSkill(0.9, 3_000)) > mean_score(HandlerSkill(0.1, 3_000)) + 20


def test_slow_tellers_let_countdowns_run_out(sample):
    # Decisions of ~30 s against countdowns of 15-25 s: the time often runs out.
    logs = [simulate_run(sample, HandlerSkill(0.8, 30_000, 0.3), s).log for s in range(10)]
    timeouts = sum(1 for log in logs for e in log if e.choice_id is None)
    assert timeouts >= 10
    for log in logs:
        assert all(e.t_ns >= e.entered_ns for e in log)
        for e in log:
            if e.choice_id is None:  # a timeout happens exactly at the deadline
                limit = sample.node(e.node_id).time_limit_s
                assert e.t_ns - e.entered_ns == round(limit * S)
    fast = [simulate_run(sample, HandlerSkill(0.8, 1_000, 0.1), s).log for s in range(10)]
    assert not any(e.choice_id is None for log in fast for e in log)


def test_waiting_on_purpose_when_that_is_the_best_move():
    # Letting the customer finish (the countdown) is the best move here: interrupting
    # adds a negative emotion (not met), waiting only costs the timeout's failure.
    scenario = make(
        [
            node("talking", choice("interrupt", "end", flags=["new_negative_emotion"]),
                 time_limit_s=5, on_timeout={"to": "end", "servqual": {"empathy": 2},
                                             "mood": {"valence": 1}}),
            ending("end"),
        ]
    )  # fmt: skip
    simulated = simulate_run(scenario, HandlerSkill(1.0, 1_000), 3)
    assert [e.choice_id for e in simulated.log] == [None]
    assert simulated.log[0].t_ns == 5 * S


def test_a_dead_end_stops_the_run():
    scenario = make([node("start", choice("on", "stuck")), node("stuck"), ending("end")])
    simulated = simulate_run(scenario, HandlerSkill(), 0)
    assert simulated.result.ending_id is None
    assert simulated.result.tier is Tier.NOT_MET


def test_skill_is_validated():
    with pytest.raises(ValueError, match="best_choice_rate"):
        HandlerSkill(1.5)
    with pytest.raises(ValueError, match="decision_ms"):
        HandlerSkill(0.5, 0)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(), st.integers(0, 2**32), st.floats(0, 1), st.floats(500, 40_000))
def test_any_scenario_any_skill_replays(scenario, seed, rate, decision_ms):
    simulated = simulate_run(scenario, HandlerSkill(rate, decision_ms), seed)
    assert replay(scenario, simulated.log) == simulated.result
