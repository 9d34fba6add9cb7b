"""The scenario schema: from a marked tree to model objects, reporting every problem.

Shared by the YAML loader and the Twine importer (inline JSON after a link, the
ScenarioData passage), so a key means the same thing, with the same limits, wherever
a trainer writes it. docs/scenario-format.md is the prose version of this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TypeVar

from svctrainer.core.scenarios.marked import Mark, MScalar, MValue
from svctrainer.core.scenarios.model import (
    Choice,
    CustomerProfile,
    DemandLevel,
    Effects,
    Gate,
    Language,
    Mood,
    Node,
    Protocol,
    ProtocolStep,
    RunFlag,
    Scenario,
    Sensitivities,
    Sensitivity,
    ServqualDimension,
    ServqualPoints,
    TierThresholds,
    Timeout,
)
from svctrainer.core.scenarios.schema import (
    CHOICE_ID,
    FLAG_NAME,
    KEYBOARD_CHOICES,
    MAX_CHOICES,
    MAX_LINE_TEXT,
    MAX_NODES,
    MAX_SENSITIVITY,
    MAX_TIME_LIMIT_S,
    MOOD_DELTA,
    PORTRAIT,
    SCENARIO_ID,
    SERVQUAL_POINTS,
    SchemaReader,
    choice_text_problem,
)
from svctrainer.core.scenarios.twine_schema import read_node_extras, read_scenario_twine

EFFECT_KEYS = (
    "mood",
    "touches",
    "servqual",
    "steps",
    "flags",
    "sets",
    "breaches",
    "meets",
    "fails",
)
CHOICE_JSON_KEYS = ("id", "if", "unless", "feedback", *EFFECT_KEYS)
TIMEOUT_KEYS = ("to", "feedback", *EFFECT_KEYS)
META_KEYS = ("id", "version", "language", "protocol", "summary", "tiers")
FieldMap = dict[str, tuple[MScalar, MValue]]
E = TypeVar("E", bound=Enum)


@dataclass
class Collected:
    """What cross-checks need after every node is read: references to resolve, flags
    tested and set, and where each node is (for checker messages)."""

    references: list[tuple[str, Mark, str]] = field(default_factory=list)
    tested_flags: list[tuple[str, Mark]] = field(default_factory=list)
    set_flags: set[str] = field(default_factory=set)
    node_marks: dict[str, Mark] = field(default_factory=dict)


@dataclass(frozen=True)
class ScenarioMeta:
    id: str = "imported-story"
    version: int = 1
    language: Language = Language.EN
    protocol: Protocol = Protocol.HEARD
    summary: str = ""
    tiers: TierThresholds = field(default_factory=TierThresholds)


def _listed(
    r: SchemaReader, value: MValue, enum: type[E], what: str, protocol: Protocol | None = None
) -> tuple[E, ...]:
    """Enum members from a list, each at most once (protocol steps: of ``protocol`` only)."""
    result: list[E] = []
    for item in r.items(value, what):
        member = r.member(item, enum, f"{what} entry")
        if member is None:
            continue
        if isinstance(member, ProtocolStep) and member.protocol is not protocol:
            r.error(item, f'step "{member}" belongs to {member.protocol}, not {protocol}')
            continue
        if member in result:
            r.error(item, f"{what}: {member} is listed twice")
            continue
        result.append(member)
    return tuple(result)


def _flag_names(r: SchemaReader, value: MValue, what: str) -> list[tuple[str, Mark]]:
    result: list[tuple[str, Mark]] = []
    for item in r.items(value, what):
        name = r.ident(item, f"{what} entry", FLAG_NAME, "lower_case_with_underscores")
        if name is None:
            continue
        if any(name == n for n, _ in result):
            r.error(item, f"{what}: {name} is listed twice")
            continue
        result.append((name, item.mark))
    return result


def read_mood(r: SchemaReader, value: MValue, what: str, limit: float) -> Mood:
    fields = r.fields(value, what, ("valence", "arousal"))
    if fields is None:
        return Mood()
    axes = {
        name: r.number(fields[name][1], f"{what} {name}", -limit, limit) if name in fields else 0.0
        for name in ("valence", "arousal")
    }
    return Mood(axes["valence"] or 0.0, axes["arousal"] or 0.0)


def read_effects(r: SchemaReader, fields: FieldMap, protocol: Protocol, seen: Collected) -> Effects:
    mood = read_mood(r, fields["mood"][1], "mood", MOOD_DELTA) if "mood" in fields else Mood()
    servqual = ServqualPoints()
    if "servqual" in fields:
        points = r.fields(fields["servqual"][1], "servqual", [d.value for d in ServqualDimension])
        values = {
            name: r.integer(v, f"servqual {name}", -SERVQUAL_POINTS, SERVQUAL_POINTS)
            for name, (_, v) in (points or {}).items()
        }
        servqual = ServqualPoints(**{k: v for k, v in values.items() if v is not None})
    steps: tuple[ProtocolStep, ...] = ()
    if "steps" in fields:
        steps = _listed(r, fields["steps"][1], ProtocolStep, "steps", protocol)
    sets = _flag_names(r, fields["sets"][1], "sets") if "sets" in fields else []
    seen.set_flags.update(name for name, _ in sets)

    return Effects(
        mood=mood,
        touches=_listed(r, fields["touches"][1], Sensitivity, "touches")
        if "touches" in fields
        else (),
        servqual=servqual,
        steps=steps,
        flags=_listed(r, fields["flags"][1], RunFlag, "flags") if "flags" in fields else (),
        sets=tuple(name for name, _ in sets),
        breaches=_listed(r, fields["breaches"][1], Gate, "breaches")
        if "breaches" in fields
        else (),
        meets=_item_ids(r, fields, "meets"),
        fails=_item_ids(r, fields, "fails"),
    )


def _item_ids(r: SchemaReader, fields: FieldMap, key: str) -> tuple[str, ...]:
    """Service-standard item ids (``meets``/``fails``); whether the scenario's demand
    level defines them is checked against the standards file, not here."""
    if key not in fields:
        return ()
    return tuple(name for name, _ in _flag_names(r, fields[key][1], key))


def read_choice_fields(
    r: SchemaReader,
    fields: FieldMap,
    *,
    text: str,
    to: str,
    default_id: str,
    protocol: Protocol,
    seen: Collected,
) -> Choice:
    """A choice from its keys; ``text`` and ``to`` come from the YAML keys or a Twine link."""
    choice_id = default_id
    if "id" in fields:
        read = r.ident(fields["id"][1], "choice id", CHOICE_ID, "letters, digits, _ . -")
        choice_id = read or default_id
    conditions: dict[str, tuple[str, ...]] = {}
    for key in ("if", "unless"):
        names = _flag_names(r, fields[key][1], key) if key in fields else []
        seen.tested_flags.extend(names)
        conditions[key] = tuple(name for name, _ in names)
    feedback = r.text(fields["feedback"][1], "feedback") if "feedback" in fields else ""
    return Choice(
        id=choice_id,
        text=text,
        to=to,
        effects=read_effects(r, fields, protocol, seen),
        if_flags=conditions["if"],
        unless_flags=conditions["unless"],
        feedback=feedback or "",
    )


def read_timeout_fields(
    r: SchemaReader, fields: FieldMap, node_id: str, protocol: Protocol, seen: Collected
) -> Timeout:
    to: str | None = None
    if "to" in fields:
        to = r.node_id(fields["to"][1], "on_timeout to")
        if to is not None:
            seen.references.append((to, fields["to"][1].mark, "on_timeout to"))
            to = None if to == node_id else to
    feedback = r.text(fields["feedback"][1], "feedback") if "feedback" in fields else ""
    return Timeout(to=to, effects=read_effects(r, fields, protocol, seen), feedback=feedback or "")


def _read_choice(
    r: SchemaReader, value: MValue, index: int, protocol: Protocol, seen: Collected
) -> Choice | None:
    fields = r.fields(value, "choice", ("text", "to", *CHOICE_JSON_KEYS), ("id", "text", "to"))
    if fields is None or not {"id", "text", "to"} <= fields.keys():
        return None
    text = r.text(fields["text"][1], "choice text", max_len=MAX_LINE_TEXT, single_line=True)
    problem = choice_text_problem(text) if text is not None else None
    if problem:
        r.error(fields["text"][1], f"choice text {problem}")
        text = None
    to = r.node_id(fields["to"][1], "to")
    if to is not None:
        seen.references.append((to, fields["to"][1].mark, "to"))
    choice = read_choice_fields(
        r,
        fields,
        text=text or "",
        to=to or "",
        default_id=f"c{index}",
        protocol=protocol,
        seen=seen,
    )
    return choice if text is not None and to is not None else None


def _read_node(r: SchemaReader, value: MValue, protocol: Protocol, seen: Collected) -> Node | None:
    keys = ("id", "text", "choices", "time_limit_s", "on_timeout", "ending", "need_met", "twine")
    fields = r.fields(value, "node", keys, ("id", "text"))
    if fields is None or "id" not in fields:
        return None
    node_id = r.node_id(fields["id"][1], "node id")
    text = r.text(fields["text"][1], "node text") if "text" in fields else None
    choices: list[Choice] = []
    if "choices" in fields:
        items = r.items(fields["choices"][1], "choices", MAX_CHOICES)
        if len(items) > KEYBOARD_CHOICES:
            r.warn(fields["choices"][1], f"more than {KEYBOARD_CHOICES} choices: no number keys")
        for index, item in enumerate(items, start=1):
            choice = _read_choice(r, item, index, protocol, seen)
            if choice is not None:
                if any(c.id == choice.id for c in choices):
                    r.error(item, f'choice id "{choice.id}" is used twice in this node')
                choices.append(choice)
    limit = None
    if "time_limit_s" in fields:
        limit = r.number(fields["time_limit_s"][1], "time_limit_s", 0.5, MAX_TIME_LIMIT_S)
    timeout = None
    if "on_timeout" in fields:
        timeout_fields = r.fields(fields["on_timeout"][1], "on_timeout", TIMEOUT_KEYS)
        if "time_limit_s" not in fields:
            r.error(fields["on_timeout"][0], "on_timeout needs time_limit_s on the same node")
        if timeout_fields is not None:
            timeout = read_timeout_fields(r, timeout_fields, node_id or "", protocol, seen)
    ending = r.boolean(fields["ending"][1], "ending") if "ending" in fields else False
    need_met = r.boolean(fields["need_met"][1], "need_met") if "need_met" in fields else True
    if "need_met" in fields and not ending:
        r.error(fields["need_met"][0], "need_met is only for endings (ending: true)")
    if ending and (choices or limit is not None):
        r.error(fields["ending"][1], "an ending has no choices and no time limit")
    extras = None
    if "twine" in fields:
        extras = read_node_extras(r, fields["twine"][1])
    if node_id is None or text is None:
        return None
    seen.node_marks.setdefault(node_id, value.mark)
    return Node(
        id=node_id,
        text=text,
        choices=tuple(choices),
        time_limit_s=limit,
        on_timeout=timeout,
        ending=bool(ending),
        need_met=need_met is not False,
        twine=extras,
    )


def _read_customer(r: SchemaReader, value: MValue) -> CustomerProfile:
    keys = ("who", "situation", "portrait", "demand_level", "mood", "sensitivity")
    fields = r.fields(value, "customer", keys, ("who",))
    if fields is None:
        return CustomerProfile()
    profile = CustomerProfile()
    who = (
        r.text(fields["who"][1], "who", max_len=MAX_LINE_TEXT, single_line=True, allow_empty=False)
        if ("who" in fields)
        else None
    )
    situation = r.text(fields["situation"][1], "situation") if "situation" in fields else ""
    portrait = (
        r.ident(fields["portrait"][1], "portrait", PORTRAIT, "lower-case-words")
        if "portrait" in fields
        else profile.portrait
    )
    demand = (
        r.member(fields["demand_level"][1], DemandLevel, "demand_level")
        if "demand_level" in fields
        else profile.demand_level
    )
    mood = read_mood(r, fields["mood"][1], "customer mood", 5.0) if "mood" in fields else Mood()
    sensitivity = Sensitivities()
    if "sensitivity" in fields:
        names = [s.value for s in Sensitivity]
        given = r.fields(fields["sensitivity"][1], "sensitivity", names) or {}
        values = {
            k: r.number(v, f"sensitivity {k}", 0.0, MAX_SENSITIVITY) for k, (_, v) in given.items()
        }
        sensitivity = Sensitivities(**{k: v for k, v in values.items() if v is not None})
    return CustomerProfile(
        who=who or profile.who,
        situation=situation or "",
        portrait=portrait or profile.portrait,
        demand_level=demand or profile.demand_level,
        mood=mood,
        sensitivity=sensitivity,
    )


def read_meta(r: SchemaReader, fields: FieldMap) -> ScenarioMeta:
    """id, version, language, protocol, summary and tiers (top of a YAML file, or the
    ScenarioData passage of a Twine story)."""
    meta = ScenarioMeta()
    scenario_id = (
        r.ident(fields["id"][1], "id", SCENARIO_ID, "lower-case-words-with-dashes")
        if "id" in fields
        else None
    )
    version = r.integer(fields["version"][1], "version", 1, 1_000_000) if "version" in fields else 1
    language = (
        r.member(fields["language"][1], Language, "language") if "language" in fields else None
    )
    protocol = (
        r.member(fields["protocol"][1], Protocol, "protocol") if "protocol" in fields else None
    )
    summary = r.text(fields["summary"][1], "summary") if "summary" in fields else ""
    tiers = TierThresholds()
    if "tiers" in fields:
        given = r.fields(fields["tiers"][1], "tiers", ("comfort_min_valence",)) or {}
        if "comfort_min_valence" in given:
            threshold = r.number(given["comfort_min_valence"][1], "comfort_min_valence", -5.0, 5.0)
            tiers = TierThresholds(threshold if threshold is not None else 1.0)
    return ScenarioMeta(
        id=scenario_id or meta.id,
        version=version or 1,
        language=language or meta.language,
        protocol=protocol or meta.protocol,
        summary=summary or "",
        tiers=tiers,
    )


def check_references(r: SchemaReader, nodes: list[Node], seen: Collected) -> None:
    ids = {n.id for n in nodes}
    for target, mark, what in seen.references:
        if target not in ids:
            r.error(mark, f'{what}: no node with id "{target}"')
    for name, mark in seen.tested_flags:
        if name not in seen.set_flags:
            r.warn(mark, f'flag "{name}" is tested but no choice sets it')
    if not any(n.ending for n in nodes):
        r.warn(Mark(1, 1), "no node is an ending (ending: true)")


def read_scenario(r: SchemaReader, root: MValue) -> tuple[Scenario | None, Collected]:
    """The whole file. Returns None as the scenario if any error was recorded."""
    seen = Collected()
    top_keys = (*META_KEYS, "title", "customer", "start", "nodes", "twine")
    required = ("id", "title", "language", "customer", "start", "nodes")
    fields = r.fields(root, "scenario", top_keys, required)
    if fields is None:
        return None, seen
    meta = read_meta(r, fields)
    title = (
        r.text(
            fields["title"][1], "title", max_len=MAX_LINE_TEXT, single_line=True, allow_empty=False
        )
        if "title" in fields
        else None
    )
    customer = _read_customer(r, fields["customer"][1]) if "customer" in fields else None
    start = r.node_id(fields["start"][1], "start") if "start" in fields else None
    nodes: list[Node] = []
    if "nodes" in fields:
        for item in r.items(fields["nodes"][1], "nodes", MAX_NODES):
            node = _read_node(r, item, meta.protocol, seen)
            if node is None:
                continue
            if any(n.id == node.id for n in nodes):
                r.error(item, f'node id "{node.id}" is used twice')
                continue
            nodes.append(node)
    if start is not None and all(n.id != start for n in nodes):
        r.error(fields["start"][1], f'start: no node with id "{start}"')
    twine = read_scenario_twine(r, fields["twine"][1]) if "twine" in fields else None
    if twine is not None:
        names = {n.twine.name if n.twine and n.twine.name is not None else n.id for n in nodes}
        for passage in twine.passages:
            if passage.name in names:
                r.error(
                    fields["twine"][1], f'twine passage "{passage.name}" has the name of a node'
                )
    check_references(r, nodes, seen)
    if r.has_errors or title is None or start is None or customer is None:
        return None, seen
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
        twine=twine,
    )
    return scenario, seen
