"""YAML -> Twee -> YAML keeps every node, choice and score; so does YAML -> YAML.

Generating scenarios is what costs time here, so the default run checks all three round
trips on each of a few dozen scenarios; the slow-marked run checks many more.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from scenario_strategies import scenarios

from svctrainer.core.problems import Severity
from svctrainer.core.scenarios.loader import load_scenario
from svctrainer.core.scenarios.model import Scenario
from svctrainer.core.scenarios.twee_export import export_twee
from svctrainer.core.scenarios.twee_import import import_twee
from svctrainer.core.scenarios.yaml_writer import dump_yaml


def assert_round_trips(scenario: Scenario) -> None:
    # YAML writer and loader are inverse
    assert load_scenario(dump_yaml(scenario).encode(), "generated.yaml").scenario == scenario
    # YAML -> Twee -> scenario keeps everything, without a warning on either side
    exported = export_twee(scenario)
    assert exported.warnings == ()
    imported = import_twee(exported.text, "generated.twee")
    assert imported.scenario == scenario
    assert not [p for p in imported.warnings if p.severity is Severity.ERROR]
    # ... and Twee -> YAML -> Twee gives the same story text
    via_yaml = load_scenario(dump_yaml(imported.scenario).encode()).scenario
    assert export_twee(via_yaml).text == exported.text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_round_trips(scenario):
    assert_round_trips(scenario)


@pytest.mark.slow
@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(max_nodes=8))
def test_round_trips_many(scenario):
    assert_round_trips(scenario)
