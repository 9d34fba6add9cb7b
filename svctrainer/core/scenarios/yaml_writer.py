"""Scenario -> YAML text (the output of ``scenario import-twee``).

The writer omits every value equal to its default, so a written file reads like one a
trainer would write, and ``load_scenario(dump_yaml(s)) == s`` for every valid scenario
(a property test holds us to it). The ``*_data`` functions give the plain-data form in
the schema's key names; the Twee exporter uses them for its inline JSON.
"""

from __future__ import annotations

from typing import Any

import yaml

from svctrainer.core.scenarios.model import (
    Choice,
    CustomerProfile,
    Effects,
    Mood,
    Node,
    RawPassage,
    Scenario,
    ScenarioTwine,
    Sensitivities,
    ServqualDimension,
    TierThresholds,
    Timeout,
    TwineExtras,
)


def number(value: float) -> int | float:
    """Whole numbers written without ".0": trainers write 2, not 2.0."""
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else value


def mood_data(mood: Mood) -> dict[str, Any]:
    return {k: number(v) for k, v in (("valence", mood.valence), ("arousal", mood.arousal)) if v}


def effects_data(effects: Effects) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if mood := mood_data(effects.mood):
        data["mood"] = mood
    if effects.touches:
        data["touches"] = [t.value for t in effects.touches]
    points = {
        d.value: effects.servqual.get(d) for d in ServqualDimension if effects.servqual.get(d)
    }
    if points:
        data["servqual"] = points
    for key, values in (
        ("steps", effects.steps),
        ("flags", effects.flags),
        ("sets", effects.sets),
        ("breaches", effects.breaches),
        ("meets", effects.meets),
        ("fails", effects.fails),
    ):
        if values:
            data[key] = [str(v) for v in values]
    return data


def choice_data(choice: Choice, *, with_link: bool = True) -> dict[str, Any]:
    """``with_link=False`` leaves out text and target (a Twine link carries them)."""
    data: dict[str, Any] = {"id": choice.id}
    if with_link:
        data["text"] = choice.text
        data["to"] = choice.to
    if choice.if_flags:
        data["if"] = list(choice.if_flags)
    if choice.unless_flags:
        data["unless"] = list(choice.unless_flags)
    data.update(effects_data(choice.effects))
    if choice.feedback:
        data["feedback"] = choice.feedback
    return data


def timeout_data(timeout: Timeout, *, with_target: bool = True) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if with_target and timeout.to is not None:
        data["to"] = timeout.to
    if timeout.feedback:
        data["feedback"] = timeout.feedback
    data.update(effects_data(timeout.effects))
    return data


def extras_data(extras: TwineExtras) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if extras.name is not None:
        data["name"] = extras.name
    if extras.tags:
        data["tags"] = list(extras.tags)
    if extras.metadata is not None:
        data["metadata"] = dict(extras.metadata)
    if extras.source is not None:
        data["source"] = extras.source
    return data


def _node_data(node: Node) -> dict[str, Any]:
    data: dict[str, Any] = {"id": node.id, "text": node.text}
    if node.ending:
        data["ending"] = True
        if not node.need_met:
            data["need_met"] = False
    if node.time_limit_s is not None:
        data["time_limit_s"] = number(node.time_limit_s)
    if node.on_timeout is not None:
        data["on_timeout"] = timeout_data(node.on_timeout)
    if node.choices:
        data["choices"] = [choice_data(c) for c in node.choices]
    if node.twine is not None:
        data["twine"] = extras_data(node.twine)
    return data


def customer_data(customer: CustomerProfile) -> dict[str, Any]:
    default = CustomerProfile()
    data: dict[str, Any] = {"who": customer.who}
    if customer.situation:
        data["situation"] = customer.situation
    if customer.portrait != default.portrait:
        data["portrait"] = customer.portrait
    if customer.demand_level is not default.demand_level:
        data["demand_level"] = customer.demand_level.value
    data["mood"] = {
        "valence": number(customer.mood.valence),
        "arousal": number(customer.mood.arousal),
    }
    sensitivity = {
        k: number(getattr(customer.sensitivity, k))
        for k in ("pace", "clarity", "recognition", "elapsed_time")
        if getattr(customer.sensitivity, k) != getattr(Sensitivities(), k)
    }
    if sensitivity:
        data["sensitivity"] = sensitivity
    return data


def meta_data(scenario: Scenario) -> dict[str, Any]:
    """id, version, language, protocol, summary, tiers: the ScenarioData keys."""
    data: dict[str, Any] = {
        "id": scenario.id,
        "version": scenario.version,
        "language": scenario.language.value,
        "protocol": scenario.protocol.value,
    }
    if scenario.summary:
        data["summary"] = scenario.summary
    if scenario.tiers != TierThresholds():
        data["tiers"] = {"comfort_min_valence": number(scenario.tiers.comfort_min_valence)}
    return data


def _passage_data(passage: RawPassage) -> dict[str, Any]:
    data = extras_data(TwineExtras(passage.name, passage.tags, passage.metadata))
    data["text"] = passage.text
    return data


def _twine_data(twine: ScenarioTwine) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if twine.story_data is not None:
        data["story_data"] = dict(twine.story_data)
    if twine.preamble:
        data["preamble"] = twine.preamble
    if twine.scenario_data is not None:
        data["scenario_data"] = extras_data(twine.scenario_data)
    if twine.profile is not None:
        data["profile"] = extras_data(twine.profile)
    if twine.passages:
        data["passages"] = [_passage_data(p) for p in twine.passages]
    return data


def scenario_data(scenario: Scenario) -> dict[str, Any]:
    data = meta_data(scenario)
    data = {"id": data.pop("id"), "title": scenario.title, **data}
    data["customer"] = customer_data(scenario.customer)
    data["start"] = scenario.start
    data["nodes"] = [_node_data(n) for n in scenario.nodes]
    if scenario.twine is not None:
        data["twine"] = _twine_data(scenario.twine)
    return data


def _compact(data: Any) -> Any:
    """Small leaf values (mood, servqual, tag lists, metadata) in flow style, the rest in
    block style, so a file reads top-down but is not mostly punctuation."""
    if isinstance(data, dict):
        items = {k: _compact(v) for k, v in data.items()}
        short = all(_is_short(v) for v in data.values())
        return _FlowMap(items) if short and "id" not in data and "text" not in data else items
    if isinstance(data, list):
        entries = [_compact(v) for v in data]
        return _FlowList(entries) if all(_is_short(v) for v in data) else entries
    return data


def _is_short(value: Any) -> bool:
    if isinstance(value, dict | list):
        return False
    return not isinstance(value, str) or ("\n" not in value and len(value) <= 60)


class _FlowMap(dict[str, Any]):
    pass


class _FlowList(list[Any]):
    pass


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    # PyYAML misreads NEL (U+0085) in block and plain scalars; double quotes escape it.
    style = '"' if any(ch in data for ch in "\x85\u2028\u2029") else "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


def _dumper(base: Any) -> Any:
    """A dumper on ``base`` that writes no aliases, the flow-style leaves and our strings."""

    class Dumper(base):  # type: ignore[misc] # PyYAML ships no types: its classes are Any
        def ignore_aliases(self, data: Any) -> bool:
            return True

    Dumper.add_representer(
        _FlowMap, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v, flow_style=True)
    )
    Dumper.add_representer(
        _FlowList, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True)
    )
    Dumper.add_representer(str, _represent_str)
    return Dumper


PURE_DUMPER = _dumper(yaml.SafeDumper)
"""PyYAML's own emitter, in Python: what the writer used before, kept to compare with."""
# libyaml's emitter (PyYAML's C extension, in every PyYAML wheel) writes a scenario about
# five times faster: the Python emitter was most of writing one (``import-twee``, and a
# third of the scenario property tests). The representers above stay in Python and the
# two emitters write the same text (tests/core/scenarios/test_scenario_roundtrip.py).
DUMPER = _dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper))


def dump_yaml(scenario: Scenario, *, dumper: Any = DUMPER) -> str:
    text: str = yaml.dump(
        _compact(scenario_data(scenario)),
        Dumper=dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    return text
