"""A scenario attempt's stored details read back as typed fields: every stored layout-1
row (written as plain JSON since scenarios were first saved) reads, and a damaged one is
refused with the key named instead of showing 0 mistakes."""

from __future__ import annotations

import json

import pytest
from scenario_builders import SAMPLE, choice, ending, make, node

from svctrainer.core.drills.details import DetailsError
from svctrainer.core.scenarios.analysis import best_result
from svctrainer.core.scenarios.decision_log_codec import stored_run
from svctrainer.core.scenarios.details import ScenarioDetails, StoredReason, StoredViolation
from svctrainer.core.scenarios.engine import ScenarioRun
from svctrainer.core.scenarios.loader import load_scenario_file

S = 1_000_000_000


def test_the_stored_details_of_a_run_read_back_equal():
    scenario = load_scenario_file(SAMPLE).scenario
    stored = stored_run(scenario, best_result(scenario).log)
    details = ScenarioDetails.from_dict(json.loads(json.dumps(stored.details)))
    assert details == ScenarioDetails.of(scenario, stored.result)
    assert details.to_dict() == stored.details
    assert details.decisions == 7
    assert details.failures == 0
    assert details.final_mood == tuple(stored.details["mood_trace"][-1])
    assert details.reasons[0] == StoredReason("requirements_met", {})


def test_a_violation_reads_as_a_record():
    scenario = make(
        [node("start", choice("fix", "end", steps=["resolve"])), ending("end")], mood=(-2, 1)
    )
    run = ScenarioRun(scenario, 0)
    run.choose("fix", S)
    stored = ScenarioDetails.of(scenario, run.result()).to_dict()
    assert ScenarioDetails.from_dict(stored).violations == (
        StoredViolation("start", "resolve", "resolved_before_acknowledging", None),
    )


def test_a_row_missing_keys_reads_with_the_defaults_screens_showed():
    details = ScenarioDetails.from_dict({"tier": "comfort", "decisions": 3})
    assert details.tier == "comfort"
    assert details.decisions == 3
    assert details.failures == 0
    assert details.mood_trace == ()
    assert details.ending is None
    assert details.final_mood == (0.0, 0.0)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("failures", "2"),
        ("mood_trace", [[1.0]]),
        ("servqual", {"empathy": 1.5}),
        ("reasons", [{"code": 3}]),
        ("steps", "hear"),
    ],
)
def test_a_damaged_row_is_refused_naming_the_key(key, value):
    with pytest.raises(DetailsError, match=key):
        ScenarioDetails.from_dict({key: value})
