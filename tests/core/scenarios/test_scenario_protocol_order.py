"""HEARD / LAST step order: what is a violation and what it costs."""

from __future__ import annotations

import pytest
from scenario_builders import choice, ending, make, node

from svctrainer.core.problems import ContentError
from svctrainer.core.scenarios.engine import ScenarioRun
from svctrainer.core.scenarios.model import ProtocolStep as S
from svctrainer.core.scenarios.rules import ORDER_VIOLATION_POINTS, ViolationCode


def chain(step_lists: list[list[str]], *, mood=(-2.0, 2.0), protocol="HEARD"):
    """A straight line of nodes, choice i performing step_lists[i] (1 empathy point each)."""
    nodes = [
        node(f"n{i}", choice(f"c{i}", f"n{i + 1}", steps=steps, servqual={"empathy": 1}))
        for i, steps in enumerate(step_lists)
    ]
    nodes.append(ending(f"n{len(step_lists)}"))
    scenario = make(nodes, mood=mood, protocol=protocol)
    run = ScenarioRun(scenario, 0)
    for i in range(len(step_lists)):
        run.choose(f"c{i}", i + 1)
    return run


def test_heard_in_order_has_no_violation():
    run = chain([["hear"], ["empathize"], ["apologize"], ["resolve"], ["diagnose"]])
    assert run.result().order_violations == ()
    assert run.result().steps == (S.HEAR, S.EMPATHIZE, S.APOLOGIZE, S.RESOLVE, S.DIAGNOSE)


def test_skipping_steps_is_not_out_of_order():
    assert chain([["hear"], ["resolve"]]).result().order_violations == ()


def test_resolving_before_acknowledging_an_upset_customer_costs_points():
    run = chain([["resolve"], ["apologize"]])
    result = run.result()
    assert [(v.step, v.code, v.after) for v in result.order_violations] == [
        (S.RESOLVE, ViolationCode.RESOLVED_BEFORE_ACKNOWLEDGING, None),
        (S.APOLOGIZE, ViolationCode.STEP_OUT_OF_ORDER, S.RESOLVE),
    ]
    assert run.state.points == 2 - 2 * ORDER_VIOLATION_POINTS  # 2 empathy, 2 violations
    assert result.failures == 2


def test_resolving_first_is_fine_when_the_customer_is_not_upset():
    assert chain([["resolve"]], mood=(0.0, 0.0)).result().order_violations == ()


def test_steps_within_one_choice_count_in_the_order_written():
    assert chain([["empathize", "resolve"]]).result().order_violations == ()
    wrong = chain([["resolve", "empathize"]]).result().order_violations
    assert [v.code for v in wrong] == [
        ViolationCode.RESOLVED_BEFORE_ACKNOWLEDGING,
        ViolationCode.STEP_OUT_OF_ORDER,
    ]


def test_a_step_repeated_later_is_not_a_new_violation():
    result = chain([["hear"], ["resolve"], ["hear"]]).result()
    assert result.order_violations == ()
    assert result.steps == (S.HEAR, S.RESOLVE, S.HEAR)


def test_last_protocol_order():
    assert (
        chain([["listen"], ["apologise"], ["solve"], ["thank"]], protocol="LAST")
        .result()
        .order_violations
        == ()
    )
    late = chain([["listen"], ["thank"], ["solve"]], protocol="LAST").result().order_violations
    assert [(v.step, v.after) for v in late] == [(S.SOLVE, S.THANK)]
    unheard = chain([["solve"]], protocol="LAST").result().order_violations
    assert [v.code for v in unheard] == [ViolationCode.RESOLVED_BEFORE_ACKNOWLEDGING]


def test_turn_reports_the_violation_immediately():
    scenario = make(
        [node("a", choice("fix", "end", steps=["resolve"])), ending("end")], mood=(-1, 0)
    )
    turn = ScenarioRun(scenario, 0).choose("fix", 5)
    assert turn.failed
    assert [v.code for v in turn.violations] == [ViolationCode.RESOLVED_BEFORE_ACKNOWLEDGING]


def test_a_scenario_uses_the_steps_of_its_own_protocol():
    with pytest.raises(ContentError) as caught:
        make([node("a", choice("x", "end", steps=["listen"])), ending("end")], protocol="HEARD")
    assert 'step "listen" belongs to LAST, not HEARD' in str(caught.value)
