"""Hypothesis strategies for valid scenarios, in the canonical form the loader produces
(text stripped, line breaks LF), so that round trips can be checked with ``==``."""

from __future__ import annotations

import re

from hypothesis import strategies as st

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
    ServqualPoints,
    TierThresholds,
    Timeout,
    TwineExtras,
)
from svctrainer.core.scenarios.schema import choice_text_problem, node_id_problem

# Letters, CJK, punctuation that Twee and YAML give meaning to, and odd whitespace.
_WORD = "abcXYZ09 _.,:;!?'\"()<>-=/\\#&%*+~@$^`中文客户é"
_LINE = _WORD + "[]{}|\t\u00a0\u3000\u2028"
FLAGS = ("identity_verified", "card_offered", "vip")


def _clean_lines(text: str) -> bool:
    return not any(line.startswith("\\:") for line in text.split("\n"))


def _text(alphabet: str, max_size: int, *, min_size: int = 0) -> st.SearchStrategy[str]:
    return (
        st.text(alphabet=alphabet, max_size=max_size)
        .map(str.strip)
        .filter(lambda s: len(s) >= min_size and _clean_lines(s))
    )


def single_line(max_size: int = 40, *, min_size: int = 0) -> st.SearchStrategy[str]:
    alphabet = _LINE.replace("\u2028", "")
    return _text(alphabet, max_size, min_size=min_size)


free_text = _text(_LINE + "\n", 120)  # may hold link markup: kept inside JSON or non-node passages
multi_line = free_text.filter(lambda s: "[[" not in s)  # node texts: markup would be a link
node_ids = _text(_WORD, 16, min_size=1).filter(
    lambda s: node_id_problem(s) is None and not s.startswith("Customer profile")
)
choice_texts = single_line(30, min_size=1).filter(lambda s: choice_text_problem(s) is None)
halves = st.integers(-20, 20).map(lambda n: n / 2)


# Strategies are built once, here, not inside the composites below: building and
# validating a new strategy object on every draw cost more than the drawing itself.
# The draws, and so the examples, are the same.
_moods = st.one_of(halves, st.floats(-10, 10))
_touches = st.lists(st.sampled_from(list(Sensitivity)), unique=True, max_size=2)
_servqual_points = st.integers(-3, 3)
_steps = {
    protocol: st.lists(
        st.sampled_from([s for s in ProtocolStep if s.protocol is protocol]),
        unique=True,
        max_size=2,
    )
    for protocol in Protocol
}
_run_flags = st.lists(st.sampled_from(list(RunFlag)), unique=True, max_size=2)
_flag_sets = st.lists(st.sampled_from(FLAGS), unique=True, max_size=1)
_breaches = st.lists(st.sampled_from(list(Gate)), unique=True, max_size=1)


@st.composite
def effects(draw: st.DrawFn, protocol: Protocol) -> Effects:
    mood = Mood(draw(_moods), draw(halves))
    return Effects(
        mood=mood,
        touches=tuple(draw(_touches)),
        servqual=ServqualPoints(*(draw(_servqual_points) for _ in range(5))),
        steps=tuple(draw(_steps[protocol])),
        flags=tuple(draw(_run_flags)),
        sets=tuple(draw(_flag_sets)),
        breaches=tuple(draw(_breaches)),
    )


_effects = {protocol: effects(protocol) for protocol in Protocol}
_choice_counts = st.integers(0, 3)
_choice_names = {
    count: st.lists(
        st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True).filter(
            lambda n: not re.fullmatch(r"c\d+", n)
        ),
        unique=True,
        min_size=count,
        max_size=count,
    )
    for count in range(4)
}


@st.composite
def choices(draw: st.DrawFn, ids: list[str], protocol: Protocol) -> tuple[Choice, ...]:
    count = draw(_choice_counts)
    names = draw(_choice_names[count])
    targets = st.sampled_from(ids)
    result = []
    for index, name in enumerate(names, start=1):
        choice_id = name if draw(st.booleans()) else f"c{index}"
        if any(c.id == choice_id for c in result):
            choice_id = name
        result.append(
            Choice(
                id=choice_id,
                text=draw(choice_texts),
                to=draw(targets),
                effects=draw(_effects[protocol]),
                if_flags=tuple(draw(_flag_sets)),
                unless_flags=tuple(draw(_flag_sets)),
                feedback=draw(free_text),
            )
        )
    return tuple(result)


metadata = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {"position": st.from_regex(r"[0-9]{1,4},[0-9]{1,4}", fullmatch=True)},
        optional={"size": st.just("100,100"), "note": single_line(10)},
    ),
)
extra_tags = st.lists(
    st.from_regex(r"[a-rt-z][a-z0-9-]{0,6}", fullmatch=True), unique=True, max_size=2
)


_time_limits = st.one_of(st.none(), st.sampled_from([0.5, 10.0, 12.5, 600.0]))


@st.composite
def nodes(draw: st.DrawFn, node_id: str, ids: list[str], protocol: Protocol) -> Node:
    twine = TwineExtras(tags=tuple(draw(extra_tags)), metadata=draw(metadata))
    twine_or_none = twine if twine != TwineExtras() and draw(st.booleans()) else None
    if draw(st.integers(0, 3)) == 0:
        return Node(
            node_id,
            draw(multi_line),
            ending=True,
            need_met=draw(st.booleans()),
            twine=twine_or_none,
        )
    limit = draw(_time_limits)
    timeout = None
    if limit is not None and draw(st.booleans()):
        to = draw(st.sampled_from([*ids, None]))
        timeout = Timeout(
            to=None if to == node_id else to,
            effects=draw(_effects[protocol]),
            feedback=draw(free_text),
        )
    return Node(
        id=node_id,
        text=draw(multi_line),
        choices=draw(choices(ids, protocol)),
        time_limit_s=limit,
        on_timeout=timeout,
        twine=twine_or_none,
    )


_protocols = st.sampled_from(list(Protocol))
_node_id_lists = {
    max_nodes: st.lists(node_ids, unique=True, min_size=1, max_size=max_nodes)
    for max_nodes in (5, 8)
}
_who = single_line(30, min_size=1)
_portraits = st.sampled_from(["default", "elderly-woman", "vip2"])
_demand_levels = st.sampled_from(list(DemandLevel))
_profile_moods = st.floats(-5, 5)
_bounded_halves = halves.filter(lambda x: -5 <= x <= 5)
_sensitivity_levels = st.sampled_from([0.0, 0.5, 1.0, 1.5, 5.0])
_scenario_ids = st.from_regex(r"[a-z0-9]{1,30}(-[a-z0-9]{1,30})?", fullmatch=True)  # ≤ 64
_titles = single_line(30, min_size=1)
_languages = st.sampled_from(list(Language))
_versions = st.integers(1, 99)


@st.composite
def scenarios(draw: st.DrawFn, max_nodes: int = 5) -> Scenario:
    # The strategies are the module's (see above): a regular expression's strategy made
    # here was compiled and validated again at every draw, 5 % of the round trip's time.
    protocol = draw(_protocols)
    node_id_lists = _node_id_lists.get(max_nodes)
    if node_id_lists is None:
        node_id_lists = st.lists(node_ids, unique=True, min_size=1, max_size=max_nodes)
    ids = draw(node_id_lists)
    profile = CustomerProfile(
        who=draw(_who),
        situation=draw(free_text),
        portrait=draw(_portraits),
        demand_level=draw(_demand_levels),
        mood=Mood(draw(_profile_moods), draw(_bounded_halves)),
        sensitivity=Sensitivities(*(draw(_sensitivity_levels) for _ in range(4))),
    )
    return Scenario(
        id=draw(_scenario_ids),
        title=draw(_titles),
        language=draw(_languages),
        start=draw(st.sampled_from(ids)),
        nodes=tuple(draw(nodes(i, ids, protocol)) for i in ids),
        version=draw(_versions),
        summary=draw(free_text),
        protocol=protocol,
        customer=profile,
        tiers=TierThresholds(draw(_bounded_halves)),
    )
