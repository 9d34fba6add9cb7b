"""Scenario -> Twee 3 (``svctrainer scenario export-twee``).

Passages: StoryTitle, StoryData, ScenarioData (id, version, language, protocol, summary,
tiers), the customer profile (tagged ``svc-profile``), one passage per node, then the
passages an import kept verbatim (scripts, stylesheets). A node imported from Twine is
written with its original text when that text still reads back as the same node;
otherwise (or for a node authored in YAML) its text is generated: customer text, a blank
line, one ``[[Teller text->Target]] {scoring}`` line per choice. Importing the result
gives back an equal scenario (a property test holds us to it).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from svctrainer.core.problems import Problem, Severity
from svctrainer.core.scenarios.marked import Mark
from svctrainer.core.scenarios.model import Node, Scenario
from svctrainer.core.scenarios.scenario_schema import Collected
from svctrainer.core.scenarios.schema import SchemaReader
from svctrainer.core.scenarios.twee import (
    STORY_DATA,
    STORY_TITLE,
    TwinePassage,
    TwineStory,
    scan_links,
    write_twee,
)
from svctrainer.core.scenarios.twee_passages import (
    PROFILE_NAME,
    SCENARIO_DATA,
    Body,
    derived_ifid,
    node_tags,
    profile_tags,
    profile_text,
    read_body,
    read_profile_text,
    render_body,
)
from svctrainer.core.scenarios.yaml_writer import meta_data

_STORY_DATA_ORDER = ("ifid", "format", "format-version", "start", "tag-colors", "zoom")


@dataclass(frozen=True)
class ExportedTwee:
    text: str
    warnings: tuple[Problem, ...]


class _Exporter:
    def __init__(self, scenario: Scenario, path: str, node_marks: Mapping[str, Mark]) -> None:
        self.scenario, self.path, self.marks = scenario, path, node_marks
        self.warnings: list[Problem] = []
        self.names = {
            n.id: n.twine.name if n.twine is not None and n.twine.name is not None else n.id
            for n in scenario.nodes
        }
        self.resolve = {name: node_id for node_id, name in self.names.items()}

    def warn(self, node_id: str | None, message: str) -> None:
        mark = self.marks.get(node_id or "", Mark(1, 1))
        self.warnings.append(Problem(self.path, mark.line, mark.col, message, Severity.WARNING))

    def story_data(self) -> TwinePassage:
        twine = self.scenario.twine
        kept: dict[str, Any] = dict(twine.story_data) if twine and twine.story_data else {}
        kept.setdefault("ifid", derived_ifid(self.scenario.id))
        kept["start"] = self.names[self.scenario.start]
        ordered = {k: kept.pop(k) for k in _STORY_DATA_ORDER if k in kept}
        ordered.update(kept)
        return TwinePassage(STORY_DATA, text=json.dumps(ordered, indent=2, ensure_ascii=False))

    def scenario_data(self) -> TwinePassage:
        extras = self.scenario.twine.scenario_data if self.scenario.twine else None
        text = json.dumps(meta_data(self.scenario), indent=2, ensure_ascii=False)
        if extras is None:
            return TwinePassage(SCENARIO_DATA, text=text)
        return TwinePassage(SCENARIO_DATA, extras.tags, extras.metadata, text)

    def profile(self, taken: set[str]) -> TwinePassage:
        customer = self.scenario.customer
        extras = self.scenario.twine.profile if self.scenario.twine else None
        name = extras.name if extras is not None and extras.name is not None else PROFILE_NAME
        number = 1
        while name in taken:
            number += 1
            name = f"{PROFILE_NAME} {number}"
        text = profile_text(customer)
        if extras is not None and extras.source is not None:
            scratch = SchemaReader(self.path)
            read = read_profile_text(scratch, TwinePassage(name, text=extras.source))
            if read == (customer.who, customer.situation):
                text = extras.source
        tags = profile_tags(customer) + list(extras.tags if extras else ())
        return TwinePassage(name, tuple(tags), extras.metadata if extras else None, text)

    def source_still_valid(self, node: Node, source: str) -> bool:
        scratch = SchemaReader(self.path)
        passage = TwinePassage(self.names[node.id], text=source)
        body = read_body(
            scratch,
            passage,
            node_id=node.id,
            resolve=self.resolve,
            protocol=self.scenario.protocol,
            seen=Collected(),
        )
        return not scratch.has_errors and body == Body(node.text, node.choices, node.on_timeout)

    def node(self, node: Node) -> TwinePassage:
        extras = node.twine
        if (
            extras is not None
            and extras.source is not None
            and self.source_still_valid(node, extras.source)
        ):
            text = extras.source
        else:
            text, problems = render_body(node, self.names.__getitem__)
            for problem in problems:
                self.warn(node.id, problem)
            for link in scan_links(node.text):
                if link.target in self.resolve or link.target.strip() in self.resolve:
                    self.warn(
                        node.id, f'the text links to "{link.target}": it will read back as a choice'
                    )
        if any(line.startswith("\\:") for line in text.split("\n")):
            self.warn(node.id, "a text line starting with \\: reads back as starting with ':'")
        metadata = extras.metadata if extras is not None else None
        return TwinePassage(self.names[node.id], tuple(node_tags(node)), metadata, text)

    def story(self) -> TwineStory:
        scenario = self.scenario
        raw = scenario.twine.passages if scenario.twine else ()
        taken = (
            set(self.names.values())
            | {p.name for p in raw}
            | {STORY_TITLE, STORY_DATA, SCENARIO_DATA}
        )
        passages = [
            TwinePassage(STORY_TITLE, text=scenario.title),
            self.story_data(),
            self.scenario_data(),
            self.profile(taken),
            *(self.node(n) for n in scenario.nodes),
            *(TwinePassage(p.name, p.tags, p.metadata, p.text) for p in raw),
        ]
        preamble = scenario.twine.preamble if scenario.twine else ""
        return TwineStory(tuple(passages), preamble)


def scenario_to_story(
    scenario: Scenario, path: str = "<scenario>", node_marks: Mapping[str, Mark] | None = None
) -> tuple[TwineStory, tuple[Problem, ...]]:
    exporter = _Exporter(scenario, path, node_marks or {})
    story = exporter.story()
    return story, tuple(exporter.warnings)


def export_twee(
    scenario: Scenario, path: str = "<scenario>", node_marks: Mapping[str, Mark] | None = None
) -> ExportedTwee:
    """Twee 3 text of a scenario; ``path``/``node_marks`` only locate the warnings."""
    story, warnings = scenario_to_story(scenario, path, node_marks)
    return ExportedTwee(write_twee(story), warnings)
