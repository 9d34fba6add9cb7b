"""The three real Twine stories in ../shared/twine-stories: the expected counts of
SOURCES.md (recomputed with its counting rules), and import/export losing nothing.

The stories are read where they live, never copied into the repository."""

from __future__ import annotations

from collections import Counter

import pytest
from scenario_builders import TWINE_STORIES

from svctrainer.core.scenarios.analysis import check
from svctrainer.core.scenarios.loader import load_scenario
from svctrainer.core.scenarios.twee import CODE_TAGS, LinkForm, TwineStory, parse_twee, scan_links
from svctrainer.core.scenarios.twee_export import export_twee
from svctrainer.core.scenarios.twee_import import import_twee
from svctrainer.core.scenarios.yaml_writer import dump_yaml

EXPECTED = {
    "real-1": {
        "headers": 25,
        "story_passages": 22,
        "code_passages": ["StoryStylesheet"],
        "title": "Baloney Detectives",
        "data": ("45C0B055-98D8-49E4-8374-4ECDA43864EC", "Harlowe", "3.3.4", "Untitled Passage"),
        "start": "Untitled Passage",
        "with_position": 22,
        "tagged": {"StoryStylesheet": ("stylesheet",)},
        "escaped_header_chars": 0,
        "links": 21,
        "forms": {LinkForm.SIMPLE: 21},
        "distinct_internal": 21,
        "once_per_passage": 21,
        "external": 0,
        "broken": set(),
        "no_incoming": 1,
    },
    "real-2": {
        "headers": 66,
        "story_passages": 62,
        "code_passages": ["StoryScript", "StoryStylesheet"],
        "title": "Spook Tours",
        "data": ("FB483649-96B3-4F0F-9531-A1D615413B45", "SugarCube", "2.36.1", "setup.init"),
        "start": "setup.init",
        "with_position": 62,
        "tagged": {
            "main.navigator": ("autosave",),
            "StoryScript": ("script",),
            "StoryStylesheet": ("stylesheet",),
        },
        "escaped_header_chars": 0,
        "links": 123,
        "forms": {LinkForm.PIPE: 123},
        "distinct_internal": 51,
        "once_per_passage": 120,
        "external": 0,
        "broken": {'"About"', '"Dev"', '"Hilfe"', '"Impressum"', '"Inventar"', "passage()"},
        "no_incoming": 17,
    },
    "real-3": {
        "headers": 14,
        "story_passages": 14,
        "code_passages": [],
        "title": None,
        "data": None,
        "start": "Start",
        "with_position": 0,
        "tagged": {},
        "escaped_header_chars": 0,
        "links": 30,
        "forms": {LinkForm.SIMPLE: 1, LinkForm.ARROW: 29},
        "distinct_internal": 12,
        "once_per_passage": 21,
        "external": 2,
        "broken": set(),
        "no_incoming": 2,
    },
}


def read(case: str) -> bytes:
    path = TWINE_STORIES / f"{case}.twee"
    if not path.is_file():
        pytest.skip(f"{path} is absent: the real Twine stories live in ../shared/twine-stories")
    return path.read_bytes()


def internal_targets(text: str) -> list[str]:
    return [link.target for link in scan_links(text) if link.target and not link.is_external]


def counts(story: TwineStory, source: str) -> dict[str, object]:
    story_passages = story.story_passages
    links = [link for p in story_passages for link in scan_links(p.text)]
    names = {p.name for p in story.passages}
    distinct = {t for p in story_passages for t in internal_targets(p.text)}
    incoming = {t for p in story_passages for t in internal_targets(p.text)}
    data = story.data
    headers = [line for line in source.replace("\r\n", "\n").split("\n") if line.startswith("::")]
    return {
        "headers": len(story.passages),
        "story_passages": len(story_passages),
        "code_passages": [p.name for p in story.passages if CODE_TAGS & set(p.tags)],
        "title": story.title,
        "data": (data.ifid, data.format, data.format_version, data.start) if data else None,
        "start": story.start_name,
        "with_position": sum(1 for p in story.passages if p.metadata and "position" in p.metadata),
        "tagged": {p.name: p.tags for p in story.passages if p.tags},
        "escaped_header_chars": sum(line.count("\\") for line in headers),
        "links": len(links),
        "forms": dict(Counter(link.form for link in links)),
        "distinct_internal": len(distinct),
        "once_per_passage": sum(len(set(internal_targets(p.text))) for p in story_passages),
        "external": sum(1 for link in links if link.target and link.is_external),
        "broken": distinct - names,
        "no_incoming": sum(1 for p in story_passages if p.name not in incoming),
    }


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_counts_match_sources_md(case):
    data = read(case)
    parsed = parse_twee(data, f"{case}.twee")
    assert counts(parsed.story, data.decode("utf-8")) == EXPECTED[case]
    assert parsed.warnings == ()


def test_details_named_in_sources_md():
    real1 = parse_twee(read("real-1")).story
    assert all(
        p.metadata == {"position": p.metadata["position"], "size": "100,100"}
        for p in real1.story_passages
    )
    real2 = parse_twee(read("real-2")).story
    assert real2.data is not None
    assert (real2.data.tag_colors, real2.data.zoom) == ({}, 0.6)
    real3 = parse_twee(read("real-3")).story
    no_incoming = {p.name for p in real3.story_passages} - {
        t for p in real3.story_passages for t in internal_targets(p.text)
    }
    assert no_incoming == {"Start", "Darkness"}


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_import_keeps_every_passage_and_export_gives_them_back(case):
    data = read(case)
    original = parse_twee(data).story
    imported = import_twee(data, f"{case}.twee", default_id=case)
    scenario = imported.scenario
    assert len(scenario.nodes) == EXPECTED[case]["story_passages"]
    assert any("no scoring" in w.message for w in imported.warnings)
    # the YAML written for it is valid and complete
    assert load_scenario(dump_yaml(scenario).encode()).scenario == scenario
    # every original passage comes back unchanged (plus ScenarioData and the profile)
    exported = export_twee(scenario)
    assert exported.warnings == ()
    back = {p.name: p for p in parse_twee(exported.text).story.passages}
    for passage in original.passages:
        assert back[passage.name] == passage
    # and a second round trip changes nothing
    assert import_twee(exported.text, f"{case}.twee", default_id=case).scenario == scenario


@pytest.mark.parametrize(("case", "unreachable"), [("real-1", 0), ("real-3", 4)])
def test_check_reports_passages_nothing_links_to(case, unreachable):
    scenario = import_twee(read(case), default_id=case).scenario
    report = check(scenario)
    assert len(report.unreachable) == unreachable
    assert not report.truncated
    if case == "real-3":
        assert "Darkness" in report.unreachable
