"""The examples in docs/scenario-format.md work as the page says."""

from __future__ import annotations

import re

from scenario_builders import REPO_ROOT

from svctrainer.core.scenarios.analysis import check, check_problems
from svctrainer.core.scenarios.loader import load_scenario
from svctrainer.core.scenarios.model import Mood, Protocol
from svctrainer.core.scenarios.twee_import import import_twee

DOC = (REPO_ROOT / "docs" / "scenario-format.md").read_text(encoding="utf-8")


def block(language: str) -> str:
    match = re.search(rf"```{language}\n(.*?)```", DOC, re.DOTALL)
    assert match, f"no {language} block"
    return match.group(1)


def test_minimal_yaml_example_loads_and_only_lacks_delight():
    loaded = load_scenario(block("yaml").encode(), "doc.yaml")
    problems = check_problems(check(loaded.scenario), "doc.yaml", loaded.node_marks)
    assert [p.message for p in problems] == ["no run reaches delight"]


def test_twee_example_imports():
    source = re.search(r"```\n(:: StoryTitle.*?)```", DOC, re.DOTALL)
    assert source
    imported = import_twee(source.group(1), "doc.twee")
    scenario = imported.scenario
    assert (scenario.id, scenario.protocol, scenario.start) == (
        "angry-transfer",
        Protocol.LAST,
        "Counter",
    )
    assert scenario.customer.mood == Mood(-3, 4)
    assert [c.id for c in scenario.node("Counter").choices] == ["listen", "c2"]
    assert scenario.node("Counter").on_timeout is not None
    assert imported.warnings == ()
