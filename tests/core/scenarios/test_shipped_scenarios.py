"""Every scenario shipped in drills/scenarios/: loads cleanly, has at least 12 nodes,
passes ``scenario check`` with no findings, reaches every service tier, and its English and
Chinese versions are the same scenario (same ids and effects; only the texts differ), so
that runs in either language compare."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from scenario_builders import REPO_ROOT

from svctrainer.core.scenarios.analysis import check, check_problems
from svctrainer.core.scenarios.engine import RunResult, ScenarioRun
from svctrainer.core.scenarios.loader import LoadedScenario, load_scenario_file
from svctrainer.core.scenarios.model import Language, Node, Scenario, Tier
from svctrainer.core.scenarios.rules import (
    Move,
    RunState,
    ViolationCode,
    apply_choice,
    apply_timeout,
    available_choices,
    can_time_out,
    initial_state,
    tier_of,
)
from svctrainer.core.scenarios.search import strongly_connected
from svctrainer.core.scenarios.twee_export import export_twee
from svctrainer.core.scenarios.twee_import import import_twee

SCENARIO_DIR = REPO_ROOT / "drills" / "scenarios"
FILES = sorted(SCENARIO_DIR.glob("*.yaml"))
# The worked example of docs/scenario-format.md, kept in English like the document, and
# the situations of an international (UK-style) branch, which have no Chinese twin.
ENGLISH_ONLY = frozenset(
    {
        "sample-queue-wait",
        "app-scam-safe-account",
        "complaint-held-payment",
        "power-of-attorney",
        "bereaved-hard-of-hearing",
    }
)
# The eight customers issue 5 asks for, in this order there.
ISSUE_5_SCENARIOS = frozenset(
    {
        "elderly-self-service",
        "angry-transfer",
        "peak-hour-tender",
        "vip-wealth-client",
        "fraud-phone-call",
        "language-barrier",
        "mortgage-inquiry",
        "withdraw-for-mother",
    }
)
MIN_NODES = 12
CJK = re.compile(r"[\u4e00-\u9fff]")


@cache
def loaded(path: Path) -> LoadedScenario:
    return load_scenario_file(path)


def by_name(path: Path) -> str:
    return path.name


def test_the_shipped_set_is_there():
    ids = {loaded(p).scenario.id for p in FILES}
    assert ids >= ISSUE_5_SCENARIOS


@pytest.mark.parametrize("path", FILES, ids=by_name)
def test_loads_without_warnings_and_is_named_after_its_id(path: Path):
    result = loaded(path)
    assert result.warnings == ()
    scenario = result.scenario
    assert path.name == f"{scenario.id}.{scenario.language.value}.yaml"
    assert len(scenario.nodes) >= MIN_NODES


@pytest.mark.parametrize("path", FILES, ids=by_name)
def test_checker_finds_nothing_and_every_ending_is_reached(path: Path):
    result = loaded(path)
    report = check(result.scenario)
    assert check_problems(report, str(path), result.node_marks) == []
    assert report.is_clean
    assert all(e.best is not None for e in report.endings)
    assert report.best_tier is Tier.DELIGHT


def cycle_moves(scenario: Scenario) -> frozenset[Move]:
    """Moves that can be taken twice in a run: their target can lead back to their node.
    Only these make "already taken" matter (repeated gains are not earned again)."""
    component = {n: i for i, comp in enumerate(strongly_connected(scenario)) for n in comp}
    moves: set[Move] = set()
    for node in scenario.nodes:
        for choice in node.choices:
            if component[choice.to] == component[node.id]:
                moves.add((node.id, choice.id))
        if node.time_limit_s is not None:
            timeout = node.on_timeout
            target = timeout.to if timeout is not None and timeout.to else node.id
            if component[target] == component[node.id]:
                moves.add((node.id, None))
    return frozenset(moves)


def reachable_tiers(scenario: Scenario) -> set[Tier]:
    """The tiers runs reach, by exhaustive search (stopping once all four are found).
    States are merged on what decides the tier and the rest of the run (points, the
    number of failures and step order only move the score; whether there is any failure
    decides delight), which keeps loops finite and the search to a few thousand states."""
    repeatable = cycle_moves(scenario)
    seen: set[tuple[object, ...]] = set()
    tiers: set[Tier] = set()
    todo: list[RunState] = [initial_state(scenario)]
    while todo and tiers != set(Tier):
        state = todo.pop()
        key = (
            state.node_id,
            state.mood,
            state.flags,
            state.events,
            state.gates,
            state.open_negative,
            state.failures == 0,  # delight needs a run without failures
            state.timed_out_here,
            state.taken & repeatable,
        )
        if key in seen:
            continue
        seen.add(key)
        if scenario.node(state.node_id).ending:
            tiers.add(tier_of(scenario, state)[0])
            continue
        todo.extend(apply_choice(scenario, state, c) for c in available_choices(scenario, state))
        if can_time_out(scenario, state):
            todo.append(apply_timeout(scenario, state))
    return tiers


@pytest.mark.parametrize("path", FILES, ids=by_name)
def test_every_tier_is_reachable(path: Path):
    assert reachable_tiers(loaded(path).scenario) == set(Tier)


def versions_by_id() -> dict[str, dict[str, Path]]:
    """Files grouped by scenario id, read from the names (``<id>.<language>.yaml``, which
    the test above ties to the contents) so that collecting the tests loads nothing."""
    found: dict[str, dict[str, Path]] = defaultdict(dict)
    for path in FILES:
        scenario_id, _, language = path.stem.rpartition(".")
        found[scenario_id][language] = path
    return found


def test_every_scenario_has_english_and_chinese_versions():
    incomplete = {
        scenario_id: sorted(versions)
        for scenario_id, versions in versions_by_id().items()
        if scenario_id not in ENGLISH_ONLY and set(versions) != {lang.value for lang in Language}
    }
    assert incomplete == {}


def pairs() -> list[tuple[Path, Path]]:
    return [
        (versions[Language.EN.value], versions[Language.ZH.value])
        for _, versions in sorted(versions_by_id().items())
        if Language.EN.value in versions and Language.ZH.value in versions
    ]


def node_without_texts(node: Node) -> Node:
    timeout = node.on_timeout
    return replace(
        node,
        text="",
        on_timeout=None if timeout is None else replace(timeout, feedback=""),
        choices=tuple(replace(c, text="", feedback="") for c in node.choices),
    )


def without_texts(scenario: Scenario) -> Scenario:
    return replace(
        scenario,
        title="-",
        language=Language.EN,
        summary="",
        customer=replace(scenario.customer, who="-", situation=""),
        nodes=tuple(node_without_texts(n) for n in scenario.nodes),
    )


@pytest.mark.parametrize(("en", "zh"), pairs(), ids=lambda p: p.name)
def test_english_and_chinese_versions_are_the_same_scenario(en: Path, zh: Path):
    english = without_texts(loaded(en).scenario)
    chinese = without_texts(loaded(zh).scenario)
    assert [n.id for n in english.nodes] == [n.id for n in chinese.nodes]
    for mine, theirs in zip(english.nodes, chinese.nodes, strict=True):
        assert mine == theirs, f"node {mine.id!r} differs beyond its texts"
    assert english == chinese


def texts(scenario: Scenario) -> list[str]:
    found = [scenario.title, scenario.customer.who]
    for node in scenario.nodes:
        found.append(node.text)
        if node.on_timeout is not None:
            found.append(node.on_timeout.feedback)
        for choice in node.choices:
            found += [choice.text, choice.feedback]
    return [t for t in found if t]


@pytest.mark.parametrize(("en", "zh"), pairs(), ids=lambda p: p.name)
def test_each_version_is_written_in_its_language(en: Path, zh: Path):
    assert not [t for t in texts(loaded(en).scenario) if CJK.search(t)]
    assert [t for t in texts(loaded(zh).scenario) if not CJK.search(t)] == []


@pytest.mark.parametrize("path", FILES, ids=by_name)
def test_every_choice_and_timeout_explains_itself(path: Path):
    missing = [
        f"{node.id}/{choice.id}"
        for node in loaded(path).scenario.nodes
        for choice in node.choices
        if not choice.feedback
    ]
    missing += [
        f"{node.id}/timeout"
        for node in loaded(path).scenario.nodes
        if node.on_timeout is not None and not node.on_timeout.feedback
    ]
    assert missing == []


@pytest.mark.parametrize("path", FILES, ids=by_name)
def test_round_trips_through_twine(path: Path):
    scenario = loaded(path).scenario
    exported = export_twee(scenario)
    assert exported.warnings == ()
    assert import_twee(exported.text).scenario == scenario


def play(scenario: Scenario, path: list[str]) -> RunResult:
    run = ScenarioRun(scenario, 0)
    for t_ns, choice_id in enumerate(path, start=1):
        run.choose(choice_id, t_ns)
    return run.result()


ANGRY = sorted(SCENARIO_DIR.glob("angry-transfer.*.yaml"))
ANGRY_TAIL = ["explain_both", "point_gently", "counter_transfer", "read_back", "thank_him"]


@pytest.mark.parametrize("path", ANGRY, ids=by_name)
def test_solving_before_listening_to_the_angry_customer_costs_points(path: Path):
    scenario = loaded(path).scenario
    listened = play(scenario, ["listen_first", "verify_identity", *ANGRY_TAIL])
    rushed = play(scenario, ["fix_straight", "verify_quick", *ANGRY_TAIL])
    assert listened.order_violations == ()
    assert [v.code for v in rushed.order_violations] == [
        ViolationCode.RESOLVED_BEFORE_ACKNOWLEDGING
    ]
    assert rushed.score < listened.score


WITHDRAW = sorted(SCENARIO_DIR.glob("withdraw-for-mother.*.yaml"))
FIRM = ["empathise_first", "rule_with_reason", "visit_and_direct_pay", "clear_checklist"]


@pytest.mark.parametrize(
    ("path", "tail", "tier"),
    [
        (path, tail, tier)
        for path in WITHDRAW
        for tail, tier in [
            (["hold_firm_help", "anticipate_bills", "witnessed_authorisation"], Tier.DELIGHT),
            (["hold_firm_help", "warm_thanks"], Tier.COMFORT),
            (["skip_register", "anticipate_bills", "witnessed_authorisation"], Tier.NOT_MET),
        ]
    ],
    ids=lambda v: v.name if isinstance(v, Path) else None,
)
def test_a_firm_refusal_can_delight_and_giving_in_is_never_met(
    path: Path, tail: list[str], tier: Tier
):
    assert play(loaded(path).scenario, [*FIRM, *tail]).tier is tier


VIP = sorted(SCENARIO_DIR.glob("vip-wealth-client.*.yaml"))
VIP_HEAD = [
    "greet_own_handover",
    "explain_benchmark",
    "honest_compare",
    "ask_plans",
    "plan_tuition",
]


@pytest.mark.parametrize(
    ("path", "tail", "tier"),
    [
        (path, tail, tier)
        for path in VIP
        for tail, tier in [
            (["refer_adviser", "explain_referral", "close_with_plan"], Tier.DELIGHT),
            (["give_split", "explain_referral", "close_with_plan"], Tier.NOT_MET),
            (["refer_adviser", "hint", "close_with_plan"], Tier.NOT_MET),
            (["skip_assessment", "explain_referral", "close_with_plan"], Tier.NOT_MET),
        ]
    ],
    ids=lambda v: v.name if isinstance(v, Path) else None,
)
def test_the_teller_refers_investment_advice_and_advising_is_a_breach(
    path: Path, tail: list[str], tier: Tier
):
    """A teller who recommends a split, hints "off the record" or switches the money on an
    old risk profile has given investment advice outside the role: a compliance breach,
    never met, however well the rest of the visit goes; booking the qualified adviser is
    the best handling."""
    result = play(loaded(path).scenario, [*VIP_HEAD, *tail])
    assert result.tier is tier
