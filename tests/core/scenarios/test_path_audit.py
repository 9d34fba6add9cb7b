"""Scores that cannot be gamed: breaches cap the tier, every negative effect costs, and
the path audit of ``scenario check`` proves it path by path (values hand-computed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from scenario_builders import REPO_ROOT, choice, ending, make, node

from svctrainer.core.scenarios.engine import ScenarioRun
from svctrainer.core.scenarios.loader import load_scenario_file
from svctrainer.core.scenarios.model import Tier
from svctrainer.core.scenarios.path_audit import AUDIT_BUDGET, audit, audit_dict, is_offence
from svctrainer.core.scenarios.rules import ReasonCode

SHIPPED = sorted((REPO_ROOT / "drills" / "scenarios").glob("*.yaml"))
BEST = {"mood": {"valence": 2}, "servqual": {"empathy": 2}, "flags": ["praise", "anticipate"]}


def play(scenario, *choice_ids: str):
    run = ScenarioRun(scenario, 0)
    for t, choice_id in enumerate(choice_ids, start=1):
        run.choose(choice_id, t)
    return run.result()


def two_steps(first_alternative: dict, **second: object):
    """start -> (clean | alt) -> middle -> best -> end: the alternative differs only in
    its first choice's effects."""
    return make(
        [
            node(
                "start",
                choice("clean", "middle", servqual={"reliability": 1}),
                choice("alt", "middle", **first_alternative),
            ),
            node("middle", choice("best", "end", **(second or BEST))),
            ending("end"),
        ]
    )


def test_a_skipped_required_step_caps_the_tier_whatever_else_happens():
    # the choice that goes on without the purpose question carries the breach; the rest
    # of the run is excellent, yet the run is not met and scores in the not-met band
    scenario = two_steps({"servqual": {"responsiveness": 3}, "breaches": ["compliance"]})
    result = play(scenario, "alt", "best")
    assert result.tier is Tier.NOT_MET
    assert result.score <= 39
    assert ReasonCode.GATE_BREACHED in [r.code for r in result.reasons]
    assert play(scenario, "clean", "best").tier is Tier.DELIGHT


@pytest.mark.parametrize(
    "negative",
    [
        {"mood": {"valence": -0.5}, "servqual": {"reliability": 2}},  # mood only
        {"servqual": {"reliability": 3, "empathy": -1}},  # one SERVQUAL dimension
    ],
)
def test_any_negative_effect_costs_and_rules_out_delight(negative):
    scenario = two_steps(negative)
    clean, slipped = play(scenario, "clean", "best"), play(scenario, "alt", "best")
    assert clean.tier is Tier.DELIGHT
    # the slip earned as many or more points, yet it cannot reach the clean path
    assert slipped.tier is Tier.COMFORT
    assert slipped.score <= clean.score - 5
    assert slipped.failures == 1
    codes = [r.code for r in slipped.reasons]
    assert ReasonCode.DELIGHT_NEEDS_NO_FAILURES in codes


def test_a_neutral_or_positive_choice_is_no_slip():
    scenario = two_steps({"mood": {"arousal": 1}, "servqual": {"reliability": 1}})
    assert play(scenario, "alt", "best").tier is Tier.DELIGHT
    assert play(scenario, "alt", "best").failures == 0


def test_the_audit_gives_best_and_worst_per_ending_and_no_warning_on_sound_rules():
    scenario = two_steps({"mood": {"valence": -1}, "servqual": {"empathy": 3}})
    result = audit(scenario)
    (end,) = result.endings
    assert result.paths == 2
    assert not result.truncated
    assert end.best is not None
    assert end.worst is not None
    assert end.best.tier is Tier.DELIGHT
    assert [c for _, c in end.best.path] == ["clean", "best"]
    assert end.worst.tier is Tier.COMFORT
    assert end.worst.score <= end.best.score - 5
    assert [c for _, c in end.worst.path] == ["alt", "best"]
    assert result.warnings == ()
    data = audit_dict(result)
    assert data["warnings"] == []
    assert data["endings"] == [
        {
            "id": "end",
            "best": {"tier": "delight", "score": end.best.score, "choices": ["clean", "best"]},
            "worst": {"tier": "comfort", "score": end.worst.score, "choices": ["alt", "best"]},
        }
    ]


def test_the_audit_warns_about_a_path_to_the_top_through_an_offence(monkeypatch):
    # were the engine to forget that a slip rules out delight (a regression), the audit,
    # which reads offences from the choices themselves, names the path
    from svctrainer.core.scenarios import path_audit, rules

    scenario = two_steps({"mood": {"valence": -1}, "servqual": {"empathy": 3}})
    monkeypatch.setattr(rules, "is_slip", lambda effects: False)
    result = path_audit.audit(scenario)
    assert len(result.warnings) == 1
    warning = result.warnings[0]
    assert warning.tier is Tier.DELIGHT
    assert [c for _, c in warning.path] == ["alt", "best"]
    assert [c for _, c in warning.offences] == ["alt"]
    assert path_audit.audit_dict(result)["warnings"][0]["choices"] == ["alt", "best"]


def test_a_timeout_is_an_offence_and_named_in_paths():
    scenario = make(
        [
            node("start", choice("go", "end", **BEST), time_limit_s=5),
            ending("end"),
        ]
    )
    result = audit(scenario)
    assert result.paths == 2
    (end,) = result.endings
    assert end.worst is not None
    assert end.worst.path[0] == ("start", None)
    assert audit_dict(result)["endings"][0]["worst"]["choices"][0] == "timeout@start"
    assert result.warnings == ()


def test_the_audit_stops_at_its_budget_and_says_so():
    nodes = [node(f"n{i}", *(choice(f"c{j}", f"n{i + 1}") for j in range(4))) for i in range(12)]
    scenario = make([*nodes, ending("n12")])
    result = audit(scenario, budget=1_000)
    assert result.truncated
    assert result.paths < 4**12


def test_is_offence_reads_the_effects():
    scenario = two_steps({"breaches": ["accuracy"]})
    alt = scenario.node("start").choice("alt")
    clean = scenario.node("start").choice("clean")
    assert alt is not None
    assert clean is not None
    assert is_offence(alt.effects)
    assert not is_offence(clean.effects)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_no_shipped_path_reaches_the_top_through_a_mistake(path: Path):
    scenario = load_scenario_file(path).scenario
    # A quarter of the budget: the budget bounds an author's wait on a tangled file and
    # must leave room for a scenario several times the largest shipped one (an audit
    # that is not cut short is the whole audit, whatever the budget).
    result = audit(scenario, budget=AUDIT_BUDGET // 4)
    assert not result.truncated
    assert result.warnings == ()
    assert result.top_score == 100
    assert any(e.best is not None and e.best.tier is Tier.DELIGHT for e in result.endings)

