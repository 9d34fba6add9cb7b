"""YAML -> Twee -> YAML keeps every node, choice and score; so does YAML -> YAML.

Generating scenarios is what costs time here, so the default run checks all three round
trips on each of a few dozen scenarios; the slow-marked run checks many more.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from scenario_builders import REPO_ROOT
from scenario_strategies import scenarios

from svctrainer.core.problems import Severity
from svctrainer.core.scenarios.loader import load_scenario, load_scenario_file
from svctrainer.core.scenarios.model import Scenario
from svctrainer.core.scenarios.twee_export import export_twee
from svctrainer.core.scenarios.twee_import import import_twee
from svctrainer.core.scenarios.yaml_writer import PURE_DUMPER, dump_yaml

SHIPPED = sorted((REPO_ROOT / "drills" / "scenarios").glob("*.yaml"))


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
    # libyaml's emitter writes what PyYAML's Python emitter writes (yaml_writer.DUMPER)
    assert dump_yaml(scenario) == dump_yaml(scenario, dumper=PURE_DUMPER)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_both_emitters_write_a_shipped_scenario_alike(path):
    scenario = load_scenario_file(path).scenario
    assert dump_yaml(scenario) == dump_yaml(scenario, dumper=PURE_DUMPER)


@pytest.mark.slow
@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(max_nodes=8))
def test_round_trips_many(scenario):
    assert_round_trips(scenario)
