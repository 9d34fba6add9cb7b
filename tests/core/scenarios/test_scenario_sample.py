"""The shipped sample scenario: valid, at least 12 nodes, every tier reachable, and each
tier reached by the path a trainer would expect."""

from __future__ import annotations

import pytest
from scenario_builders import SAMPLE

from svctrainer.core.scenarios.analysis import check, check_problems
from svctrainer.core.scenarios.engine import ScenarioRun
from svctrainer.core.scenarios.loader import load_scenario_file
from svctrainer.core.scenarios.model import Tier
from svctrainer.core.scenarios.twee_export import export_twee
from svctrainer.core.scenarios.twee_import import import_twee


@pytest.fixture(scope="module")
def loaded():
    return load_scenario_file(SAMPLE)


def test_sample_is_valid_and_checks_clean(loaded):
    assert loaded.warnings == ()
    assert len(loaded.scenario.nodes) >= 12
    report = check(loaded.scenario)
    assert check_problems(report, str(SAMPLE), loaded.node_marks) == []
    assert {e.best.tier for e in report.endings if e.best} == set(Tier)


@pytest.mark.parametrize(
    ("path", "tier"),
    [
        (["defend", "send_to_manager"], Tier.NOT_MET),
        (
            [
                "acknowledge",
                "skip_id",
                "single_count",
                "one_slip_each",
                "slips_sorry",
                "thank_close",
            ],
            Tier.NOT_MET,
        ),
        (
            [
                "acknowledge",
                "verify_id",
                "check_id",
                "count_twice",
                "batch_explain",
                "next_customer",
            ],
            Tier.SATISFACTION,
        ),
        (
            [
                "defend",
                "recover",
                "verify_id",
                "check_id",
                "count_twice",
                "batch_explain",
                "thank_close",
            ],
            Tier.COMFORT,
        ),
        (
            ["acknowledge", "verify_id", "check_id", "count_twice", "batch_explain", "thank_close"],
            Tier.COMFORT,
        ),
        (
            [
                "acknowledge",
                "verify_id",
                "check_id",
                "count_twice",
                "batch_explain",
                "offer_payroll",
                "set_up_now",
            ],
            Tier.DELIGHT,
        ),
    ],
)
def test_paths_reach_their_tier(loaded, path, tier):
    run = ScenarioRun(loaded.scenario, 0)
    for t, choice_id in enumerate(path, start=1):
        run.choose(choice_id, t * 1_000_000_000)
    assert run.result().tier is tier


def test_recovered_comfort_scores_below_flawless_comfort(loaded):
    def score(path: list[str]) -> int:
        run = ScenarioRun(loaded.scenario, 0)
        for t, choice_id in enumerate(path, start=1):
            run.choose(choice_id, t)
        return run.result().score

    tail = ["verify_id", "check_id", "count_twice", "batch_explain", "thank_close"]
    assert score(["defend", "recover", *tail]) < score(["acknowledge", *tail])


def test_sample_round_trips_through_twine(loaded):
    exported = export_twee(loaded.scenario)
    assert exported.warnings == ()
    assert import_twee(exported.text).scenario == loaded.scenario
