"""Playing a run: conditions, time limits, the decision log and exact replay."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scenario_builders import choice, ending, make, node
from scenario_strategies import scenarios

from svctrainer.core.scenarios.engine import (
    DecisionLogEntry,
    ReplayError,
    ScenarioRun,
    ScenarioRunError,
    replay,
)
from svctrainer.core.scenarios.model import Mood
from svctrainer.core.scenarios.mood import Expression

S = 1_000_000_000


def gated():
    return make(
        [
            node(
                "desk",
                choice("check_id", "desk", sets=["identity_verified"]),
                choice("withdraw", "end", **{"if": ["identity_verified"]}),
                choice("ask_id", "desk", unless=["identity_verified"]),
            ),
            ending("end"),
        ]
    )


def test_conditions_decide_which_choices_are_offered():
    run = ScenarioRun(gated(), 0)
    assert [c.id for c in run.available_choices()] == ["check_id", "ask_id"]
    with pytest.raises(ScenarioRunError):
        run.choose("withdraw", 1)
    run.choose("check_id", 2)
    assert [c.id for c in run.available_choices()] == ["check_id", "withdraw"]
    run.choose("withdraw", 3)
    assert run.is_finished
    assert run.available_choices() == ()


def timed(**extra):
    return make(
        [
            node("wait", choice("answer", "end", mood={"valence": 1}), time_limit_s=10, **extra),
            ending("end"),
            ending("gone", need_met=False),
        ],
        mood=(0, 0),
        sensitivity={"elapsed_time": 2},
    )


def test_countdown_deadline_in_nanoseconds():
    run = ScenarioRun(timed(), 5 * S)
    assert run.deadline_ns == 15 * S


def test_default_hesitation_scaled_by_elapsed_time_sensitivity():
    run = ScenarioRun(timed(), 0)
    turn = run.timeout(10 * S)
    assert turn.mood == Mood(-2.0, 2.0)  # default (-1, +1) x elapsed_time 2
    assert run.state.servqual.responsiveness == -1
    assert turn.failed
    assert run.deadline_ns is None  # the customer keeps waiting; no second countdown
    with pytest.raises(ScenarioRunError):
        run.timeout(20 * S)
    run.choose("answer", 21 * S)  # still possible after hesitating
    result = run.result()
    assert result.failures == 1
    assert result.log[0].choice_id is None


def test_timeout_can_lead_elsewhere():
    run = ScenarioRun(
        timed(on_timeout={"to": "gone", "mood": {"valence": -1}, "feedback": "Too slow."}), 0
    )
    turn = run.timeout(10 * S)
    assert turn.feedback == "Too slow."
    assert run.node.id == "gone"
    assert run.result().ending_id == "gone"


def test_decisions_must_not_go_back_in_time():
    run = ScenarioRun(timed(), 5 * S)
    with pytest.raises(ScenarioRunError):
        run.choose("answer", 4 * S)


def test_finished_run_refuses_more_decisions():
    run = ScenarioRun(timed(), 0)
    run.choose("answer", 1)
    with pytest.raises(ScenarioRunError):
        run.choose("answer", 2)


def test_log_records_node_entry_and_decision_times():
    run = ScenarioRun(gated(), 100)
    run.choose("check_id", 250)
    run.choose("withdraw", 400)
    first, second = run.log
    assert (first.entered_ns, first.t_ns, first.latency_ns) == (100, 250, 150)
    assert (second.entered_ns, second.t_ns) == (250, 400)


def test_replay_reproduces_the_result_exactly():
    scenario = timed()
    run = ScenarioRun(scenario, 7)
    run.timeout(7 + 10 * S)
    run.choose("answer", 7 + 12 * S)
    stored = [DecisionLogEntry.from_dict(e.to_dict()) for e in run.log]
    assert replay(scenario, stored) == run.result()


def test_replay_refuses_a_log_that_does_not_fit():
    scenario = gated()
    run = ScenarioRun(scenario, 0)
    run.choose("check_id", 1)
    entry = run.log[0]
    with pytest.raises(ReplayError):
        replay(scenario, [DecisionLogEntry(entry.node_id, "withdraw", 0, 1, entry.mood_after)])
    with pytest.raises(ReplayError):
        replay(scenario, [DecisionLogEntry(entry.node_id, entry.choice_id, 0, 1, Mood(3, 3))])
    with pytest.raises(ReplayError):
        replay(scenario, [DecisionLogEntry("end", "x", 0, 1, entry.mood_after)])


def test_log_entry_from_bad_data_is_a_value_error():
    with pytest.raises(ValueError, match="lacks"):
        DecisionLogEntry.from_dict({"node": "a"})
    with pytest.raises(ValueError, match="nanoseconds"):
        DecisionLogEntry.from_dict(
            {"node": "a", "choice": None, "entered_ns": 1.5, "t_ns": 2, "valence": 0, "arousal": 0}
        )


def test_expression_follows_the_mood():
    run = ScenarioRun(make([node("a", choice("x", "end")), ending("end")], mood=(-3, 2)), 0)
    assert run.expression is Expression.ANGRY


def test_dead_end_finishes_the_run_unfinished():
    scenario = make([node("a", choice("x", "stuck")), node("stuck"), ending("end")])
    run = ScenarioRun(scenario, 0)
    run.choose("x", 1)
    assert run.is_finished
    assert run.result().ending_id is None


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(), st.lists(st.integers(0, 9), max_size=12))
def test_any_run_replays_exactly_and_stays_in_range(scenario, picks):
    run = ScenarioRun(scenario, 1_000)
    t = 1_000
    for pick in picks:
        if run.is_finished:
            break
        t += 1 + pick * 1_000_000
        options = [c.id for c in run.available_choices()]
        if run.deadline_ns is not None and (not options or pick >= len(options)):
            run.timeout(t)
        elif options:
            run.choose(options[pick % len(options)], t)
    result = run.result()
    assert 0 <= result.score <= 100
    assert all(-5 <= m.valence <= 5 and -5 <= m.arousal <= 5 for m in result.mood_trace)
    assert len(result.mood_trace) == len(result.log) + 1
    assert replay(scenario, [DecisionLogEntry.from_dict(e.to_dict()) for e in result.log]) == result
