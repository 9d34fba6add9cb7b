"""Tier computation at every boundary, on hand-written scenarios (values hand-computed)."""

from __future__ import annotations

import pytest
from scenario_builders import choice, ending, make, node

from svctrainer.core.scenarios.engine import ScenarioRun
from svctrainer.core.scenarios.model import Tier
from svctrainer.core.scenarios.rules import ReasonCode


def play(scenario, *choice_ids: str):
    run = ScenarioRun(scenario, 0)
    for t, choice_id in enumerate(choice_ids, start=1):
        run.choose(choice_id, t)
    return run.result()


def codes(result) -> list[ReasonCode]:
    return [r.code for r in result.reasons]


def one_step(**effects):
    """Start (valence 0) -> one choice -> ending; comfort needs valence >= 1."""
    return make([node("start", choice("go", "end", **effects)), ending("end")])


def test_satisfaction_when_requirements_met_but_no_praise():
    result = play(one_step(mood={"valence": 3}), "go")
    assert result.tier is Tier.SATISFACTION
    assert codes(result) == [
        ReasonCode.REQUIREMENTS_MET,
        ReasonCode.VALENCE_REACHED,
        ReasonCode.NO_PRAISE,
        ReasonCode.NO_ANTICIPATION,
    ]


def test_comfort_at_exactly_the_valence_threshold():
    result = play(one_step(mood={"valence": 1}, flags=["praise"]), "go")
    assert result.tier is Tier.COMFORT
    assert result.reasons[1].params == {"valence": 1.0, "threshold": 1.0}


def test_just_below_the_threshold_stays_satisfaction():
    result = play(one_step(mood={"valence": 0.999}, flags=["praise"]), "go")
    assert result.tier is Tier.SATISFACTION
    assert ReasonCode.VALENCE_BELOW in codes(result)
    assert ReasonCode.PRAISE_OBTAINED in codes(result)


def test_delight_needs_comfort_and_an_anticipated_need():
    assert (
        play(one_step(mood={"valence": 1}, flags=["praise", "anticipate"]), "go").tier
        is Tier.DELIGHT
    )
    # anticipation without praise is not delight: comfort comes first
    no_praise = play(one_step(mood={"valence": 2}, flags=["anticipate"]), "go")
    assert no_praise.tier is Tier.SATISFACTION
    assert ReasonCode.NEED_ANTICIPATED in codes(no_praise)


@pytest.mark.parametrize("gate", ["identity_check", "accuracy", "compliance"])
def test_a_gate_breach_caps_at_not_met(gate):
    result = play(
        one_step(mood={"valence": 5}, flags=["praise", "anticipate"], breaches=[gate]), "go"
    )
    assert result.tier is Tier.NOT_MET
    assert result.reasons[0].code is ReasonCode.GATE_BREACHED
    assert result.reasons[0].params == {"gate": gate}


def test_ending_where_the_need_was_not_met_is_not_met():
    scenario = make(
        [node("start", choice("go", "end", flags=["praise"])), ending("end", need_met=False)]
    )
    result = play(scenario, "go")
    assert result.tier is Tier.NOT_MET
    assert codes(result) == [ReasonCode.NEED_NOT_MET]


def test_unfinished_run_is_not_met():
    scenario = make(
        [node("start", choice("go", "mid")), node("mid", choice("on", "end")), ending("end")]
    )
    result = play(scenario, "go")
    assert result.tier is Tier.NOT_MET
    assert result.ending_id is None
    assert result.reasons[0].code is ReasonCode.UNFINISHED


def test_new_negative_emotion_is_not_met_until_repaired():
    scenario = make(
        [
            node(
                "start",
                choice("snap", "hurt", flags=["new_negative_emotion"], mood={"valence": -2}),
            ),
            node(
                "hurt",
                choice("ignore", "end", mood={"valence": 4}, flags=["praise"]),
                choice("sorry", "end", mood={"valence": 4}, flags=["recovery", "praise"]),
            ),
            ending("end"),
        ]
    )
    unrepaired = play(scenario, "snap", "ignore")
    assert unrepaired.tier is Tier.NOT_MET
    assert unrepaired.reasons[0].params == {"count": 1}
    repaired = play(scenario, "snap", "sorry")
    assert repaired.tier is Tier.COMFORT  # valence -2 + 4 = 2 >= 1, praise
    assert ReasonCode.NEGATIVE_EMOTION_REPAIRED in codes(repaired)


def test_sensitivity_scales_mood_by_the_strongest_touched_aspect():
    scenario = make(
        [
            node(
                "start",
                choice(
                    "go", "end", mood={"valence": 1, "arousal": -1}, touches=["pace", "clarity"]
                ),
            ),
            ending("end"),
        ],
        sensitivity={"pace": 2, "clarity": 0.5},
    )
    result = play(scenario, "go")
    assert result.mood_trace[-1].valence == 2.0  # 1 x max(2, 0.5)
    assert result.mood_trace[-1].arousal == -2.0


def test_mood_is_clamped_to_the_scale():
    result = play(
        make(
            [node("start", choice("go", "end", mood={"valence": 10})), ending("end")], mood=(-1, 0)
        ),
        "go",
    )
    assert result.mood_trace == (result.mood_trace[0], type(result.mood_trace[0])(5.0, 0.0))


def test_gains_of_a_repeated_choice_count_once_losses_always():
    scenario = make(
        [
            node(
                "start",
                choice(
                    "ask",
                    "start",
                    mood={"valence": 1, "arousal": 1},
                    servqual={"empathy": 2, "reliability": -1},
                ),
                choice("done", "end"),
            ),
            ending("end"),
        ]
    )
    result = play(scenario, "ask", "ask", "done")
    assert result.servqual.empathy == 2
    assert result.servqual.reliability == -2
    assert result.mood_trace[-1].valence == 1.0  # the second +1 is not earned again
    assert result.mood_trace[-1].arousal == 2.0  # arousal moves every time
