"""The service standards file (validated with path:line:col), a run's compliance with its
level's standard, and the shipped standards against the shipped scenarios."""

from __future__ import annotations

from pathlib import Path

import pytest

from svctrainer.core.problems import ContentError
from svctrainer.core.scenarios.loader import load_scenario, load_scenario_file
from svctrainer.core.scenarios.model import DemandLevel, Language
from svctrainer.core.standards.compliance import assess, assess_run, unknown_items
from svctrainer.core.standards.loader import load_standards, load_standards_file
from svctrainer.core.standards.model import ItemKind

REPO = Path(__file__).resolve().parents[3]
STANDARDS = {
    lang: REPO / "drills" / "standards" / f"service-standards.{lang}.yaml" for lang in ("en", "zh")
}
SCENARIOS = sorted((REPO / "drills" / "scenarios").glob("*.yaml"))

SMALL = """\
format: 1
language: en
levels:
- id: standard
  name: Standard
  method: The baseline.
  required:
  - {id: greet, sort: phrase, text: Greet}
  - {id: ask_purpose, sort: step, text: Ask the purpose}
  forbidden:
  - {id: argue, sort: phrase, text: Never argue}
- id: elderly
  name: Older customer
  method: At the customer's pace.
  extends: standard
  forbidden:
  - {id: rush_customer, sort: phrase, text: Never hurry}
"""

SCENARIO = """\
id: visit
title: A visit
language: en
customer: {who: Mrs Evans, demand_level: elderly}
start: desk
nodes:
- id: desk
  text: Hello.
  time_limit_s: 10
  on_timeout: {fails: [rush_customer]}
  choices:
  - {id: ask, text: "Good morning. What is it for?", to: done, meets: [greet, ask_purpose]}
  - {id: hurry, text: Quickly please., to: done, meets: [greet], fails: [rush_customer]}
  - {id: skip, text: Right away., to: done, fails: [ask_purpose]}
- id: done
  text: She leaves.
  ending: true
"""


def test_a_level_extends_another_and_keeps_its_items_first():
    standards = load_standards(SMALL.encode(), "s.yaml")
    elderly = standards.for_level(DemandLevel.ELDERLY)
    assert elderly is not None
    assert [i.id for i in elderly.items] == ["greet", "ask_purpose", "argue", "rush_customer"]
    assert elderly.items[0].level is DemandLevel.STANDARD
    assert elderly.item("rush_customer").kind is ItemKind.FORBIDDEN
    # a legacy level reads as its successor; a level with no standard has none
    assert standards.for_level(DemandLevel.BASIC) is standards.for_level(DemandLevel.STANDARD)
    assert standards.for_level(DemandLevel.DISABLED) is None


@pytest.mark.parametrize(
    ("broken", "where"),
    [
        (SMALL.replace("sort: step", "sort: stepp"), ":9:"),  # unknown sort
        (SMALL.replace("id: rush_customer", "id: greet"), ":17:10:"),  # id taken by the base
        (SMALL.replace("extends: standard", "extends: priority"), ":15:12:"),  # not defined
        (SMALL.replace("- id: elderly", "- id: basic"), ":12:"),  # legacy name
        (SMALL.replace("format: 1", "format: 2"), ":1:"),
        (SMALL.replace("  method: The baseline.\n", ""), ":4:"),  # method missing
        (SMALL.replace("{id: argue, ", "{id: argue, colour: red, "), ":11:"),
    ],
)
def test_every_problem_is_located(broken: str, where: str):
    with pytest.raises(ContentError) as caught:
        load_standards(broken.encode(), "s.yaml")
    assert any(str(p).startswith(f"s.yaml{where}") for p in caught.value.problems), [
        str(p) for p in caught.value.problems
    ]


def test_compliance_counts_applicable_items_met_and_missed():
    standards = load_standards(SMALL.encode(), "s.yaml")
    scenario = load_scenario(SCENARIO.encode(), "v.yaml").scenario
    elderly = standards.for_level(DemandLevel.ELDERLY)
    assert elderly is not None
    good = assess(scenario, elderly, [("desk", "ask")])
    # "argue" is named nowhere in the scenario: it does not apply
    assert [(r.item.id, r.met) for r in good.results] == [
        ("greet", True),
        ("ask_purpose", True),
        ("rush_customer", True),
    ]
    assert (good.met, good.applicable) == (3, 3)
    hurried = assess(scenario, elderly, [("desk", "hurry")])
    assert [(r.item.id, r.met) for r in hurried.results] == [
        ("greet", True),
        ("ask_purpose", False),  # never asked
        ("rush_customer", False),  # forbidden behaviour done
    ]
    assert [r.item.id for r in hurried.missed] == ["ask_purpose", "rush_customer"]
    # a timeout can fail an item too; and a required item met then failed is missed
    waited = assess(scenario, elderly, [("desk", None), ("desk", "ask")])
    assert {r.item.id: r.met for r in waited.results}["rush_customer"] is False
    assert assess_run(scenario, standards, [("desk", "skip")]).met == 1


def test_items_a_scenario_names_must_exist_in_its_level():
    standards = load_standards(SMALL.encode(), "s.yaml")
    typo = SCENARIO.replace("meets: [greet, ask_purpose]", "meets: [greeet, argue]")
    scenario = load_scenario(typo.encode(), "v.yaml").scenario
    problems = unknown_items(scenario, standards)
    assert problems == [
        'desk/ask: "greeet" is not an item of level "elderly"',
        'desk/ask: "argue" is forbidden: name it under fails',
    ]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_shipped_standards_load_and_differ_across_levels(language: str):
    standards = load_standards_file(STANDARDS[language])
    assert standards.language is Language(language)
    levels = {s.level for s in standards.levels}
    assert levels == {
        DemandLevel.STANDARD,
        DemandLevel.PRIORITY,
        DemandLevel.ELDERLY,
        DemandLevel.DISABLED,
        DemandLevel.FOREIGN_LANGUAGE,
    }
    baseline = {i.id for i in standards.for_level(DemandLevel.STANDARD).items}
    own = {}
    for standard in standards.levels:
        ids = [i.id for i in standard.items]
        assert len(ids) == len(set(ids))
        assert baseline <= set(ids)  # one baseline within every level
        own[standard.level] = set(ids) - baseline
    # a different method across levels: every level but the baseline adds its own items
    assert all(own[level] for level in levels - {DemandLevel.STANDARD})


def test_english_and_chinese_standards_share_levels_and_item_ids():
    en, zh = (load_standards_file(STANDARDS[lang]) for lang in ("en", "zh"))
    assert [(s.level, [(i.id, i.kind, i.sort) for i in s.items]) for s in en.levels] == [
        (s.level, [(i.id, i.kind, i.sort) for i in s.items]) for s in zh.levels
    ]


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.name)
def test_every_shipped_scenario_names_items_of_its_own_level(path: Path):
    scenario = load_scenario_file(path).scenario
    standards = load_standards_file(STANDARDS[scenario.language.value])
    assert unknown_items(scenario, standards) == []
    assert scenario.customer.demand_level not in (DemandLevel.BASIC, DemandLevel.PREMIUM)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.name)
def test_the_best_handling_of_every_shipped_scenario_follows_its_standard(path: Path):
    """Tier and standard agree: the path that reaches the best score meets every item of
    the level's standard that the scenario judges."""
    from svctrainer.core.scenarios.path_audit import audit

    scenario = load_scenario_file(path).scenario
    standards = load_standards_file(STANDARDS[scenario.language.value])
    best = max((e.best for e in audit(scenario).endings if e.best), key=lambda o: o.score)
    compliance = assess_run(scenario, standards, best.path)
    assert compliance is not None
    assert compliance.missed == ()
