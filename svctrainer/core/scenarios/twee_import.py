"""Twine story -> Scenario (``svctrainer scenario import-twee``).

Nothing in the story is dropped: every story passage becomes a node, including
passages nothing links to (``scenario check`` reports them); script and stylesheet
passages, StoryData, text before the first header and each passage's tags, metadata
and (when the exporter could not regenerate it) verbatim text are kept in the
scenario's ``twine`` extras, so export gives the story back. A story without scoring
imports as an unscored scenario, with a warning saying so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from svctrainer.core.problems import ContentError, Problem, Severity
from svctrainer.core.scenarios.marked import JsonSyntaxError, Mark, MScalar, parse_json
from svctrainer.core.scenarios.model import (
    CustomerProfile,
    Node,
    RawPassage,
    Scenario,
    ScenarioTwine,
    TwineExtras,
)
from svctrainer.core.scenarios.scenario_schema import (
    META_KEYS,
    Collected,
    ScenarioMeta,
    check_references,
    read_meta,
)
from svctrainer.core.scenarios.schema import (
    MAX_ID,
    MAX_LINE_TEXT,
    MAX_NODES,
    SCENARIO_ID,
    SchemaReader,
    node_id_problem,
)
from svctrainer.core.scenarios.twee import (
    STORY_DATA,
    STORY_TITLE,
    TwinePassage,
    TwineStory,
    parse_twee,
)
from svctrainer.core.scenarios.twee_passages import (
    PROFILE_NAME,
    PROFILE_TAG,
    SCENARIO_DATA,
    derived_ifid,
    profile_text,
    read_body,
    read_node_tags,
    read_profile,
    render_body,
)

FALLBACK_ID = "imported-story"


@dataclass(frozen=True)
class ImportedScenario:
    scenario: Scenario
    warnings: tuple[Problem, ...]


def slug(text: str) -> str:
    """A scenario id from a file name or title (ASCII words joined by dashes)."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    candidate = "-".join(words)[:64].strip("-")
    return candidate if SCENARIO_ID.fullmatch(candidate) else FALLBACK_ID


def _usable_id(name: str, used: set[str]) -> str:
    """``name`` made into an unused node id (Twine allows names our ids do not)."""
    base = re.sub(r"->|<-|[\[\]{}|]", "_", name)
    base = "".join(" " if not ch.isprintable() else ch for ch in base).strip()[:MAX_ID].strip()
    if not base or node_id_problem(base):
        base = "passage"
    candidate, number = base, 1
    while candidate in used or node_id_problem(candidate):
        number += 1
        candidate = f"{base[: MAX_ID - 8]} {number}"
    return candidate


def _read_meta(r: SchemaReader, passage: TwinePassage, default: ScenarioMeta) -> ScenarioMeta:
    locator = passage.locator()
    try:
        value, end = parse_json(passage.text, 0, locator)
    except JsonSyntaxError as err:
        r.error(locator.mark(err.offset), f"ScenarioData is not valid JSON: {err.message}")
        return default
    if passage.text[end:].strip():
        r.error(locator.mark(end), "text after the ScenarioData JSON")
    fields = r.fields(value, "ScenarioData", META_KEYS)
    if fields is None:
        return default
    meta = read_meta(r, fields)
    return meta if "id" in fields else replace(meta, id=default.id)


def _extras(
    name: str | None, tags: tuple[str, ...], passage: TwinePassage, source: str | None
) -> TwineExtras | None:
    extras = TwineExtras(name=name, tags=tags, metadata=passage.metadata, source=source)
    return None if extras == TwineExtras() else extras


class _Importer:
    def __init__(self, story: TwineStory, r: SchemaReader, default_id: str) -> None:
        self.story, self.r, self.seen = story, r, Collected()
        self.default = ScenarioMeta(id=default_id)
        self.consumed: set[int] = set()  # ids of passages that are not nodes
        self.resolve: dict[str, str] = {}  # passage name -> node id (first of a name wins)

    def special(self, name: str) -> TwinePassage | None:
        passage = self.story.passage(name)
        if passage is not None:
            self.consumed.add(id(passage))
        return passage

    def meta(self) -> ScenarioMeta:
        passage = self.special(SCENARIO_DATA)
        if passage is None:
            self.r.warn(
                _top(),
                f'no {SCENARIO_DATA} passage: id "{self.default.id}", language en, version 1, '
                "protocol HEARD assumed",
            )
            return self.default
        return _read_meta(self.r, passage, self.default)

    def profile(self) -> tuple[CustomerProfile, TwineExtras | None]:
        tagged = [
            p
            for p in self.story.story_passages
            if PROFILE_TAG in p.tags and id(p) not in self.consumed
        ]
        for extra in tagged[1:]:
            self.r.error(_top(extra.line), f"a second passage tagged {PROFILE_TAG}")
        if not tagged:
            self.r.warn(
                _top(), f"no passage tagged {PROFILE_TAG}: a neutral default customer is used"
            )
            return CustomerProfile(), None
        passage = tagged[0]
        self.consumed.add(id(passage))
        profile, other = read_profile(self.r, passage)
        name = passage.name if passage.name != PROFILE_NAME else None
        source = passage.text if profile_text(profile) != passage.text else None
        return profile, _extras(name, other, passage, source)

    def nodes(self, meta: ScenarioMeta) -> list[Node]:
        passages = [p for p in self.story.story_passages if id(p) not in self.consumed]
        if len(passages) > MAX_NODES:
            self.r.error(_top(), f"more than {MAX_NODES} passages")
            return []
        used: set[str] = set()
        ids = []
        for passage in passages:
            node_id = passage.name
            if node_id_problem(node_id) or node_id in used:
                node_id = _usable_id(passage.name, used)
                why = node_id_problem(passage.name) or "is used twice"
                self.r.warn(
                    _top(passage.line), f'passage name "{passage.name}" {why}: node id "{node_id}"'
                )
            used.add(node_id)
            ids.append(node_id)
        for passage, node_id in zip(passages, ids, strict=True):
            self.resolve.setdefault(passage.name, node_id)
        names = {node_id: passage.name for passage, node_id in zip(passages, ids, strict=True)}
        return [self.node(p, i, names, meta) for p, i in zip(passages, ids, strict=True)]

    def node(
        self, passage: TwinePassage, node_id: str, names: dict[str, str], meta: ScenarioMeta
    ) -> Node:
        tags = read_node_tags(self.r, passage)
        body = read_body(
            self.r,
            passage,
            node_id=node_id,
            resolve=self.resolve,
            protocol=meta.protocol,
            seen=self.seen,
        )
        if tags.ending and (body.choices or body.timeout or tags.time_limit_s is not None):
            self.r.error(
                _top(passage.line), "a passage tagged svc-ending has no choice links and no limit"
            )
        if body.timeout is not None and tags.time_limit_s is None:
            self.r.error(_top(passage.line), 'a "timeout" link needs a svc-limit:SECONDS tag')
        self.seen.node_marks.setdefault(node_id, _top(passage.line))
        node = Node(
            id=node_id,
            text=body.text,
            choices=body.choices,
            time_limit_s=tags.time_limit_s,
            on_timeout=body.timeout,
            ending=tags.ending,
            need_met=tags.need_met,
        )
        rendered, _ = render_body(node, lambda target: names.get(target, target))
        source = passage.text if rendered != passage.text else None
        name = passage.name if passage.name != node_id else None
        return replace(node, twine=_extras(name, tags.other, passage, source))

    def title(self, meta: ScenarioMeta) -> str:
        passage = self.special(STORY_TITLE)
        if passage is None:
            self.r.warn(_top(), f'no {STORY_TITLE} passage: title "{meta.id}"')
            return meta.id
        where = passage.locate(0)
        text = self.r.text(
            MScalar(passage.text, "str", passage.text, where),
            STORY_TITLE,
            max_len=MAX_LINE_TEXT,
            single_line=True,
            allow_empty=False,
        )
        return text or meta.id

    def story_data(self, meta: ScenarioMeta) -> dict[str, object] | None:
        passage = self.special(STORY_DATA)
        data = self.story.data if passage is not None else None
        if data is None:
            return None
        kept = data.as_json()
        kept.pop("start", None)
        if not kept or kept == {"ifid": derived_ifid(meta.id)}:
            return None
        return kept

    def start(self) -> str | None:
        name = self.story.start_name
        start = self.resolve.get(name) if name is not None else None
        if start is None:
            self.r.error(_top(), "no start passage: set StoryData start or name a passage Start")
        return start

    def raw_passages(self) -> tuple[RawPassage, ...]:
        kept = []
        for passage in self.story.passages:
            if id(passage) in self.consumed or passage.is_story_passage:
                continue
            if passage.name in (STORY_TITLE, STORY_DATA, SCENARIO_DATA):
                self.r.warn(_top(passage.line), f'a second "{passage.name}" passage, kept as is')
            text = self.r.text(
                MScalar(passage.text, "str", passage.text, _top(passage.line)),
                "passage",
                verbatim=True,
            )
            kept.append(RawPassage(passage.name, passage.tags, passage.metadata, text or ""))
        return tuple(kept)


def _top(line: int = 1) -> Mark:
    return Mark(max(line, 1), 1)


def story_to_scenario(
    story: TwineStory, path: str, warnings: tuple[Problem, ...] = (), default_id: str = FALLBACK_ID
) -> ImportedScenario:
    r = SchemaReader(path)
    r.problems.extend(warnings)
    importer = _Importer(story, r, default_id)
    meta = importer.meta()
    title = importer.title(meta)
    story_data = importer.story_data(meta)
    customer, profile_extras = importer.profile()
    nodes = importer.nodes(meta)
    start = importer.start()
    scenario_data = None
    meta_passage = story.passage(SCENARIO_DATA)
    if meta_passage is not None:
        scenario_data = _extras(None, meta_passage.tags, meta_passage, None)
    twine = ScenarioTwine(
        story_data, story.preamble, scenario_data, profile_extras, importer.raw_passages()
    )
    check_references(r, nodes, importer.seen)
    if r.has_errors or start is None:
        raise ContentError([p for p in r.problems if p.severity is Severity.ERROR])
    scenario = Scenario(
        id=meta.id,
        title=title,
        language=meta.language,
        start=start,
        nodes=tuple(nodes),
        version=meta.version,
        summary=meta.summary,
        protocol=meta.protocol,
        customer=customer,
        tiers=meta.tiers,
        twine=None if twine == ScenarioTwine() else twine,
    )
    if not scenario.is_scored:
        r.warn(
            _top(),
            "the story carries no scoring: imported as an unscored scenario (every choice is "
            "neutral, so no run gets past satisfaction); add JSON after links, see "
            "docs/scenario-format.md",
        )
    return ImportedScenario(scenario, tuple(r.problems))


def import_twee(
    data: bytes | str, path: str = "<twee>", default_id: str | None = None
) -> ImportedScenario:
    """A scenario from Twee 3 source. ``default_id`` (e.g. from the file name) is used when
    the story has no ScenarioData passage. Raises ContentError only."""
    parsed = parse_twee(data, path)
    return story_to_scenario(parsed.story, path, parsed.warnings, default_id or FALLBACK_ID)
