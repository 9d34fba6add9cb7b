"""How scenario parts live in Twine passages, both ways (import reads, export writes).

- A node is a story passage. Tags: ``svc-ending``, ``svc-need-unmet`` (an ending where
  the customer's need was not met), ``svc-limit:SECONDS``. Text: what the customer says
  or does, then one line per choice: ``[[Teller text->Target]] {scoring JSON}``. The
  time-limit outcome is a link whose JSON has ``"timeout": true``.
- The customer profile is a passage tagged ``svc-profile`` with ``key:value`` tags
  (portrait, demand, valence, arousal, pace, clarity, recognition, elapsed-time); its
  first text line is who the customer is, the rest the situation.
- Scenario metadata (id, version, language, protocol, summary, tiers) is the JSON of a
  passage named ``ScenarioData``.

Reading and writing sit together so that ``read(write(x)) == x`` is visible in one file.
"""

from __future__ import annotations

import json
import math
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from svctrainer.core.scenarios.marked import (
    JsonSyntaxError,
    LineLocator,
    Mark,
    MMap,
    MScalar,
    parse_json,
)
from svctrainer.core.scenarios.model import (
    Choice,
    CustomerProfile,
    DemandLevel,
    Mood,
    Node,
    Protocol,
    Sensitivities,
    Timeout,
)
from svctrainer.core.scenarios.scenario_schema import (
    CHOICE_JSON_KEYS,
    EFFECT_KEYS,
    Collected,
    read_choice_fields,
    read_timeout_fields,
)
from svctrainer.core.scenarios.schema import (
    MAX_CHOICES,
    MAX_LINE_TEXT,
    MAX_SENSITIVITY,
    MAX_TIME_LIMIT_S,
    PORTRAIT,
    URL_LIKE,
    SchemaReader,
    choice_text_problem,
)
from svctrainer.core.scenarios.twee import LINK, TwinePassage, parse_link, scan_links
from svctrainer.core.scenarios.yaml_writer import choice_data, number, timeout_data

SCENARIO_DATA = "ScenarioData"
PROFILE_TAG = "svc-profile"
PROFILE_NAME = "Customer profile"
ENDING_TAG = "svc-ending"
NEED_UNMET_TAG = "svc-need-unmet"
LIMIT_TAG = "svc-limit"
TIMEOUT_LABEL = "(time runs out)"
TIMEOUT_KEYS = ("timeout", "feedback", *EFFECT_KEYS)


def derived_ifid(scenario_id: str) -> str:
    """The IFID export gives a scenario that never had one: stable, so that exporting twice
    gives the same story, and recognised on import, so that it adds nothing."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"svctrainer:scenario:{scenario_id}")).upper()


def format_number(value: float) -> str:
    return str(number(value))


def link_markup(text: str, target: str) -> str | None:
    """A Twine link that reads back as exactly (text, target), or None if none can."""
    candidates = [f"[[{target}]]"] if text == target else []
    candidates += [f"[[{text}->{target}]]", f"[[{target}<-{text}]]", f"[[{text}|{target}]]"]
    for candidate in candidates:
        links = scan_links(candidate)
        if len(links) == 1 and links[0].end == len(candidate):
            link = links[0]
            if (link.text, link.target, link.setter, link.is_external) == (
                text,
                target,
                None,
                False,
            ):
                return candidate
    return None


# --- nodes ----------------------------------------------------------------------------------


def node_tags(node: Node) -> list[str]:
    tags = [ENDING_TAG] if node.ending else []
    if node.ending and not node.need_met:
        tags.append(NEED_UNMET_TAG)
    if node.time_limit_s is not None:
        tags.append(f"{LIMIT_TAG}:{format_number(node.time_limit_s)}")
    return tags + list(node.twine.tags if node.twine else ())


def _tag_number(
    r: SchemaReader, at: Mark, what: str, raw: str, *, bounds: tuple[float, float]
) -> float | None:
    low, high = bounds
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or not low <= value <= high:
        r.error(at, f"{what} must be a number between {low:g} and {high:g}, not {raw!r}")
        return None
    return value


@dataclass(frozen=True)
class NodeTags:
    ending: bool = False
    need_met: bool = True
    time_limit_s: float | None = None
    other: tuple[str, ...] = ()


def read_node_tags(r: SchemaReader, passage: TwinePassage) -> NodeTags:
    ending, need_met, limit, other = False, True, None, []
    for index, tag in enumerate(passage.tags):
        at = passage.tag_mark(index)
        if tag == ENDING_TAG:
            ending = True
        elif tag == NEED_UNMET_TAG:
            need_met = False
        elif tag.startswith(LIMIT_TAG + ":"):
            raw = tag.split(":", 1)[1]
            limit = _tag_number(r, at, "svc-limit", raw, bounds=(0.5, MAX_TIME_LIMIT_S))
        elif tag.startswith("svc-"):
            known = f"{ENDING_TAG}, {NEED_UNMET_TAG}, {LIMIT_TAG}:S"
            r.error(at, f'unknown scenario tag "{tag}" (known: {known})')
        else:
            other.append(tag)
    if not need_met and not ending:
        r.error(Mark(passage.line, 1), f"{NEED_UNMET_TAG} is only for passages tagged {ENDING_TAG}")
    return NodeTags(ending, need_met, limit, tuple(other))


def _link_line(text: str, target: str, data: dict[str, object]) -> str | None:
    markup = link_markup(text, target)
    if markup is None:
        return None
    return markup + (" " + json.dumps(data, ensure_ascii=False) if data else "")


def render_body(node: Node, name_of: Callable[[str], str]) -> tuple[str, list[str]]:
    """The passage text of a node, and what could not be written faithfully."""
    problems = []
    lines = []
    for index, choice in enumerate(node.choices, start=1):
        data = choice_data(choice, with_link=False)
        if data["id"] == f"c{index}":
            del data["id"]
        line = _link_line(choice.text, name_of(choice.to), data)
        if line is None:
            problems.append(f'choice "{choice.id}" cannot be written as a Twine link')
            continue
        lines.append(line)
    if node.on_timeout is not None:
        data = {"timeout": True, **timeout_data(node.on_timeout, with_target=False)}
        target = name_of(node.on_timeout.to or node.id)
        line = _link_line(TIMEOUT_LABEL, target, data)
        if line is None:
            problems.append("the timeout cannot be written as a Twine link")
        else:
            lines.append(line)
    body = "\n\n".join(part for part in (node.text, "\n".join(lines)) if part)
    return body, problems


@dataclass(frozen=True)
class Body:
    text: str
    choices: tuple[Choice, ...]
    timeout: Timeout | None


class _BodyReader:
    def __init__(
        self,
        r: SchemaReader,
        passage: TwinePassage,
        *,
        node_id: str,
        resolve: Mapping[str, str],
        protocol: Protocol,
        seen: Collected,
    ) -> None:
        self.r, self.passage, self.node_id, self.resolve = r, passage, node_id, resolve
        self.protocol, self.seen = protocol, seen
        self.locator = passage.locator()
        self.choices: list[Choice] = []
        self.timeouts: list[Timeout] = []

    def target(self, name: str) -> str | None:
        return self.resolve.get(name, self.resolve.get(name.strip()))

    def scoring(self, line: str, at: int, base: int) -> tuple[MMap | None, int]:
        """Scoring JSON following a link at ``line[at:]`` (after spaces), and where it ends."""
        start = at + len(line[at:]) - len(line[at:].lstrip(" \t"))
        if not line.startswith("{", start):
            return None, at
        try:
            value, end = parse_json(line, start, LineLocator(self.locator.mark(base)))
        except JsonSyntaxError as err:
            if line.startswith('{"', start):
                where = self.locator.mark(base + err.offset)
                self.r.warn(where, f"not read as scoring, the JSON is invalid: {err.message}")
            return None, at
        return (value, end) if isinstance(value, MMap) else (None, at)

    def add_link(self, text: str, to: str, json_value: MMap | None, at: Mark) -> None:
        entries = {str(k.value) for k, _ in json_value.entries} if json_value else set()
        target = MScalar(to, "str", to, at)
        if "timeout" in entries and json_value is not None:
            fields = self.r.fields(json_value, "timeout scoring", TIMEOUT_KEYS) or {}
            if "timeout" in fields and self.r.boolean(fields["timeout"][1], "timeout") is not True:
                self.r.error(fields["timeout"][1], '"timeout" can only be true')
            fields["to"] = (target, target)
            timeout = read_timeout_fields(self.r, fields, self.node_id, self.protocol, self.seen)
            self.timeouts.append(timeout)
            return
        fields = (
            self.r.fields(json_value, "link scoring", CHOICE_JSON_KEYS) or {} if json_value else {}
        )
        shown = MScalar(text, "str", text, at)
        checked = self.r.text(shown, "link text", max_len=MAX_LINE_TEXT, single_line=True)
        problem = choice_text_problem(checked) if checked is not None else None
        if problem:
            self.r.error(at, f"link text {problem}")
        choice = read_choice_fields(
            self.r,
            fields,
            text=checked or text,
            to=to,
            default_id=f"c{len(self.choices) + 1}",
            protocol=self.protocol,
            seen=self.seen,
        )
        if any(c.id == choice.id for c in self.choices):
            self.r.error(at, f'choice id "{choice.id}" is used twice in this passage')
        self.choices.append(choice)

    def line(self, line: str, base: int) -> str | None:
        """The line as node text (links replaced by their text), or None if it held only
        choice links. Scanning resumes after each link's scoring JSON, so link markup
        quoted inside feedback is not mistaken for a link."""
        kept: list[str] = []
        pos, choice_links, prose = 0, 0, False
        while (match := LINK.search(line, pos)) is not None:
            kept.append(line[pos : match.start()])
            prose = prose or bool(line[pos : match.start()].strip())
            text, target_name, _, _ = parse_link(match.group(1))
            to = self.target(target_name) if target_name.strip() else None
            at = self.locator.mark(base + match.start())
            if to is None:
                if target_name.strip() and not URL_LIKE.match(target_name):
                    self.r.warn(at, f'link target "{target_name}" names no passage; kept as text')
                kept.append(match.group(0))
                prose, pos = True, match.end()
                continue
            json_value, pos = self.scoring(line, match.end(), base)
            shown = text.strip() or target_name.strip()
            self.add_link(shown, to, json_value, at)
            kept.append(shown)
            choice_links += 1
        kept.append(line[pos:])
        prose = prose or bool(line[pos:].strip())
        return None if choice_links and not prose else "".join(kept)

    def read(self) -> Body:
        lines, base = [], 0
        for raw in self.passage.text.split("\n"):
            kept = self.line(raw, base)
            if kept is not None:
                lines.append(kept)
            base += len(raw) + 1
        joined = "\n".join(lines)
        where = self.passage.locate(0)
        text = self.r.text(MScalar(joined, "str", joined, where), "passage text") or ""
        if len(self.choices) > MAX_CHOICES:
            self.r.error(where, f"passage has more than {MAX_CHOICES} choice links")
        if len(self.timeouts) > 1:
            self.r.error(where, 'more than one link with "timeout": true')
        timeout = self.timeouts[0] if self.timeouts else None
        return Body(text, tuple(self.choices), timeout)


def read_body(
    r: SchemaReader,
    passage: TwinePassage,
    *,
    node_id: str,
    resolve: Mapping[str, str],
    protocol: Protocol,
    seen: Collected,
) -> Body:
    """Node text, choices and timeout from the story passage of node ``node_id``;
    ``resolve`` maps passage names to node ids (links to anything else stay text)."""
    return _BodyReader(
        r, passage, node_id=node_id, resolve=resolve, protocol=protocol, seen=seen
    ).read()


# --- the customer profile -------------------------------------------------------------------

_PROFILE_NUMBERS = {
    "valence": (-5.0, 5.0),
    "arousal": (-5.0, 5.0),
    "pace": (0.0, MAX_SENSITIVITY),
    "clarity": (0.0, MAX_SENSITIVITY),
    "recognition": (0.0, MAX_SENSITIVITY),
    "elapsed-time": (0.0, MAX_SENSITIVITY),
}


def profile_tags(profile: CustomerProfile) -> list[str]:
    default = CustomerProfile()
    tags = [PROFILE_TAG]
    if profile.portrait != default.portrait:
        tags.append(f"portrait:{profile.portrait}")
    if profile.demand_level is not default.demand_level:
        tags.append(f"demand:{profile.demand_level.value}")
    tags.append(f"valence:{format_number(profile.mood.valence)}")
    tags.append(f"arousal:{format_number(profile.mood.arousal)}")
    for key in ("pace", "clarity", "recognition", "elapsed_time"):
        value = getattr(profile.sensitivity, key)
        if value != getattr(default.sensitivity, key):
            tags.append(f"{key.replace('_', '-')}:{format_number(value)}")
    return tags


def profile_text(profile: CustomerProfile) -> str:
    return "\n\n".join(part for part in (profile.who, profile.situation) if part)


def read_profile_text(r: SchemaReader, passage: TwinePassage) -> tuple[str, str]:
    who, _, situation = passage.text.partition("\n")
    who = who.strip()
    if not who or len(who) > MAX_LINE_TEXT:
        r.error(
            passage.locate(0),
            f"the first line (who the customer is) must be 1-{MAX_LINE_TEXT} characters",
        )
    return who, situation.strip()


def read_profile(r: SchemaReader, passage: TwinePassage) -> tuple[CustomerProfile, tuple[str, ...]]:
    """The profile and the passage's tags that are not profile tags."""
    values: dict[str, float] = {}
    portrait, demand, other = CustomerProfile().portrait, DemandLevel.STANDARD, []
    for index, tag in enumerate(passage.tags):
        key, _, raw = tag.partition(":")
        at = passage.tag_mark(index)
        if tag == PROFILE_TAG:
            continue
        if key in _PROFILE_NUMBERS and raw:
            low, high = _PROFILE_NUMBERS[key]
            value = _tag_number(r, at, key, raw, bounds=(low, high))
            values[key] = value if value is not None else 0.0
        elif key == "portrait" and raw:
            if PORTRAIT.fullmatch(raw):
                portrait = raw
            else:
                r.error(at, f'portrait "{raw}" must be lower-case-words')
        elif key == "demand" and raw:
            match = next((d for d in DemandLevel if d.value == raw), None)
            if match is None:
                levels = ", ".join(d.value for d in DemandLevel)
                r.error(at, f'demand "{raw}" is not one of: {levels}')
            demand = match or demand
        elif tag.startswith("svc-"):
            r.error(at, f'unknown scenario tag "{tag}"')
        else:
            other.append(tag)
    who, situation = read_profile_text(r, passage)
    sensitivity = Sensitivities(
        **{
            k.replace("-", "_"): values[k]
            for k in ("pace", "clarity", "recognition", "elapsed-time")
            if k in values
        }
    )
    profile = CustomerProfile(
        who=who,
        situation=situation,
        portrait=portrait,
        demand_level=demand,
        mood=Mood(values.get("valence", 0.0), values.get("arousal", 0.0)),
        sensitivity=sensitivity,
    )
    return profile, tuple(other)
