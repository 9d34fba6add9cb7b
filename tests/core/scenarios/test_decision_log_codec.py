"""The stored form of a scenario run: the decision log round-trips exactly, malformed
bytes raise DecisionLogError only, and the stored figures are what the engine says."""

from __future__ import annotations

import contextlib
import json
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scenario_builders import SAMPLE, choice, ending, make, node

from svctrainer.core.scenarios.analysis import best_result
from svctrainer.core.scenarios.decision_log_codec import (
    DECISION_ENCODING,
    DecisionLogError,
    decision_accuracy,
    decode_decisions,
    encode_decisions,
    run_duration_ms,
    stored_run,
)
from svctrainer.core.scenarios.details import ScenarioDetails
from svctrainer.core.scenarios.engine import DecisionLogEntry, ReplayError, ScenarioRun
from svctrainer.core.scenarios.loader import load_scenario_file
from svctrainer.core.scenarios.model import Mood

S = 1_000_000_000

moods = st.builds(
    Mood,
    st.floats(-5, 5, allow_nan=False, allow_infinity=False),
    st.floats(-5, 5, allow_nan=False, allow_infinity=False),
)
entries = st.builds(
    DecisionLogEntry,
    st.text(max_size=30),
    st.one_of(st.none(), st.text(max_size=30)),
    st.integers(-(2**63), 2**63),
    st.integers(-(2**63), 2**63),
    moods,
)


@settings(max_examples=200, deadline=None)
@given(st.lists(entries, max_size=20))
def test_any_log_round_trips_exactly(log):
    assert decode_decisions(encode_decisions(log)) == log


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_arbitrary_bytes_raise_only_decision_log_error(data):
    with contextlib.suppress(DecisionLogError):
        decode_decisions(data)


@settings(max_examples=300, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                    lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                    max_leaves=20))  # fmt: skip
def test_arbitrary_json_raises_only_decision_log_error(value):
    for payload in (value, {"format": DECISION_ENCODING, "entries": value}):
        data = zlib.compress(json.dumps(payload).encode())
        with contextlib.suppress(DecisionLogError):
            decode_decisions(data)


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"not zlib at all", "corrupt"),
        (zlib.compress(b"[1, 2"), "not JSON"),
        (zlib.compress(b'{"format": "keystrokes-v1", "entries": []}'), "not a decisions-v1"),
        (zlib.compress(b'{"format": "decisions-v1", "entries": {}}'), "must be a list"),
        (zlib.compress(b'{"format": "decisions-v1", "entries": [3]}'), "decision 1 is not"),
        (zlib.compress(b'{"format": "decisions-v1", "entries": [{"node": "a"}]}'), "lacks"),
        (zlib.compress(b'{"format": "decisions-v1", "entries": [NaN]}'), "NaN"),
        (zlib.compress(b"{}") + b"extra", "trailing"),
        (zlib.compress(b'{"format": "decisions-v1", "entries": []}')[:-3], "truncated"),
    ],
)
def test_malformed_logs_say_what_is_wrong(payload, message):
    with pytest.raises(DecisionLogError, match=message):
        decode_decisions(payload)


def test_a_zlib_bomb_is_refused():
    bomb = zlib.compress(b" " * (40 * 1024 * 1024), 9)
    with pytest.raises(DecisionLogError, match="too large"):
        decode_decisions(bomb)


def test_the_stored_form_is_zlib_json_with_its_format_name():
    log = [DecisionLogEntry("arrival", "acknowledge", 5 * S, 8 * S, Mood(-0.7, 2.0))]
    payload = json.loads(zlib.decompress(encode_decisions(log)))
    assert payload == {
        "format": "decisions-v1",
        "entries": [
            {"node": "arrival", "choice": "acknowledge", "entered_ns": 5 * S, "t_ns": 8 * S,
             "valence": -0.7, "arousal": 2.0}
        ],
    }  # fmt: skip


def _two_step():
    """start -(good: +2 empathy, praise)-> mid -(best: anticipate)-> delight_end;
    'poor' at start costs a point; 'plain' at mid ends without anticipation."""
    return make(
        [
            node(
                "start",
                choice("good", "mid", servqual={"empathy": 2}, mood={"valence": 2},
                       flags=["praise"]),
                choice("poor", "mid", servqual={"empathy": -1}),
            ),
            node(
                "mid",
                choice("best", "delighted", servqual={"assurance": 1}, flags=["anticipate"]),
                choice("plain", "done"),
                time_limit_s=10,
            ),
            ending("delighted"),
            ending("done"),
        ]
    )  # fmt: skip


def test_accuracy_is_the_share_of_decisions_that_kept_the_best_outcome():
    scenario = _two_step()
    run = ScenarioRun(scenario, 0)
    run.choose("poor", 2 * S)  # not the best: the best outcome is no longer reachable
    run.choose("best", 3 * S)  # the best from there
    assert decision_accuracy(scenario, run.log) == 0.5
    run = ScenarioRun(scenario, 0)
    run.choose("good", 1 * S)
    run.timeout(11 * S)  # hesitating at "mid" costs the default hesitation: not the best
    run.choose("best", 12 * S)
    assert decision_accuracy(scenario, run.log) == pytest.approx(2 / 3)
    assert decision_accuracy(scenario, []) is None


def test_duration_runs_from_entering_the_first_node_to_the_last_decision():
    log = [
        DecisionLogEntry("a", "x", 1_000_000_123, 2_500_000_000, Mood()),
        DecisionLogEntry("b", None, 2_500_000_000, 9_999_999_999, Mood()),
    ]
    assert run_duration_ms(log) == 8_999  # floored
    assert run_duration_ms([]) == 0


def test_stored_run_of_the_best_sample_run():
    scenario = load_scenario_file(SAMPLE).scenario
    best = best_result(scenario)
    stored = stored_run(scenario, best.log)
    assert stored.result == best
    assert stored.figures == {
        "valid": True,
        "completion": "complete",
        "duration_ms": 0,  # best_result uses synthetic 1 ns steps
        "speed": None,
        "speed_unit": None,
        "accuracy": 1.0,
        "score": 100.0,
        "grade": "delight",
    }
    details = stored.details
    assert details["scenario_id"] == "sample-queue-wait"
    assert details["tier"] == "delight"
    assert details["tier_level"] == 3
    assert details["ending"] == "leaves_delighted"
    assert details["completed"] is True
    assert details["servqual"] == {
        "reliability": 6, "responsiveness": 4, "assurance": 3, "empathy": 4, "tangibles": 1,
    }  # fmt: skip
    assert details["points"] == 18
    assert details["steps"] == ["hear", "empathize", "resolve", "diagnose"]
    assert details["mood_trace"][0] == [-2.5, 3.0]
    assert details["decisions"] == 7
    assert details["timeouts"] == 0
    assert [r["code"] for r in details["reasons"]] == [
        "requirements_met",
        "valence_reached",
        "praise_obtained",
        "need_anticipated",
    ]
    json.dumps(details, allow_nan=False)  # plain JSON types only


def test_details_keep_violations_and_caps():
    scenario = make(
        [
            node("start", choice("fix", "end", steps=["resolve"], flags=["praise"],
                                 servqual={"reliability": 1})),
            ending("end"),
        ],
        mood=(-2, 1),
    )  # fmt: skip
    run = ScenarioRun(scenario, 0)
    run.choose("fix", S)
    details = ScenarioDetails.of(scenario, run.result()).to_dict()
    assert details["violations"] == [
        {"node": "start", "step": "resolve", "code": "resolved_before_acknowledging",
         "after": None}
    ]  # fmt: skip
    assert details["failures"] == 1


def test_a_log_that_does_not_fit_is_refused():
    scenario = _two_step()
    with pytest.raises(ReplayError):
        stored_run(scenario, [DecisionLogEntry("start", "nonsense", 0, 1, Mood())])
