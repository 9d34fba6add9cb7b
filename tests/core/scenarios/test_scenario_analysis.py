"""``scenario check`` finds planted defects; best alternatives for the debrief."""

from __future__ import annotations

from scenario_builders import choice, ending, make, node

from svctrainer.core.problems import Severity
from svctrainer.core.scenarios.analysis import (
    REVIEW_BUDGET,
    best_alternative,
    best_result,
    check,
    check_problems,
    report_lines,
    review,
)
from svctrainer.core.scenarios.engine import ScenarioRun
from svctrainer.core.scenarios.marked import Mark
from svctrainer.core.scenarios.model import Tier
from svctrainer.core.scenarios.rules import initial_state
from svctrainer.core.scenarios.search import SEARCH_BUDGET, explore


def defective():
    return make(
        [
            node(
                "start",
                choice("ok", "middle", mood={"valence": 2}, flags=["praise"]),
                choice("stuck", "dead"),
                choice("loop", "loop_a"),
                choice("vip", "vip_only", **{"if": ["is_vip"]}),
            ),
            node("middle", choice("done", "end")),
            node("dead"),  # planted: dead end
            node("loop_a", choice("round", "loop_b")),  # planted: cycle without exit
            node("loop_b", choice("again", "loop_a")),
            node("vip_only", choice("bye", "end")),  # planted: blocked (flag never set)
            node("orphan", choice("x", "end")),  # planted: unreachable
            ending("end"),
            ending("never", need_met=False),  # planted: unreachable ending
        ]
    )


def test_check_finds_every_planted_defect():
    report = check(defective())
    assert report.unreachable == ("orphan", "never")
    assert report.blocked == ("vip_only",)
    assert report.dead_ends == ("dead",)
    assert report.cycles_without_exit == (("loop_a", "loop_b"),)
    assert [(e.node_id, e.best is None) for e in report.endings] == [
        ("end", False),
        ("never", True),
    ]
    assert report.best_tier is Tier.COMFORT  # praise + valence 2, never anticipation
    assert not report.truncated
    assert not report.is_clean


def test_check_problems_are_located_with_severity():
    marks = {"dead": Mark(14, 3), "loop_a": Mark(15, 3), "orphan": Mark(20, 3)}
    problems = check_problems(check(defective()), "s.yaml", marks)
    rendered = [str(p) for p in problems]
    assert 's.yaml:14:3: node "dead" is a dead end: not an ending, and no way on' in rendered
    assert any(p.startswith("s.yaml:15:3: loop without exit") for p in rendered)
    assert 's.yaml:20:3: warning: node "orphan" is unreachable from the start' in rendered
    assert "s.yaml:1:1: warning: no run reaches delight" in rendered
    errors = [p for p in problems if p.severity is Severity.ERROR]
    assert len(errors) == 2


def test_delight_reachable_is_reported_per_ending():
    scenario = make(
        [
            node(
                "start",
                choice("plain", "flat", servqual={"reliability": 1}),
                choice(
                    "warm", "happy", mood={"valence": 2}, flags=["praise"], servqual={"empathy": 2}
                ),
                choice(
                    "wow",
                    "happy",
                    mood={"valence": 2},
                    flags=["praise", "anticipate"],
                    servqual={"empathy": 3},
                ),
            ),
            ending("flat"),
            ending("happy"),
        ]
    )
    report = check(scenario)
    best = {e.node_id: (e.best.tier, e.best.score) for e in report.endings}
    # max points 3: flat = 40 + round(1/3 * 29) = 50; happy via "wow" = 100
    assert best == {"flat": (Tier.SATISFACTION, 50), "happy": (Tier.DELIGHT, 100)}
    assert report_lines(report)[-1] == "best tier reachable: delight"
    assert report.is_clean


def test_search_terminates_on_cycles_with_gains():
    scenario = make(
        [
            node(
                "a",
                choice("praise_loop", "b", servqual={"empathy": 1}, mood={"valence": 1}),
                choice("self", "a", servqual={"assurance": 1}),
                choice("leave", "end", flags=["praise"]),
            ),
            node("b", choice("back", "a", servqual={"reliability": 1}), choice("out", "end")),
            ending("end"),
        ]
    )
    report = check(scenario)
    assert not report.truncated
    # every gain counts once: 1 + 1 + 1 = 3 points at most, comfort via valence 1
    result = best_result(scenario)
    assert result is not None
    assert result.servqual.total() == 3
    assert result.tier is Tier.COMFORT


def test_best_alternative_and_review():
    scenario = make(
        [
            node(
                "start",
                choice("curt", "end", servqual={"empathy": -1}),
                choice(
                    "kind",
                    "end",
                    servqual={"empathy": 2},
                    mood={"valence": 1},
                    flags=["praise"],
                    feedback="Good.",
                ),
            ),
            ending("end"),
        ]
    )
    best = best_alternative(scenario, "start", initial_state(scenario))
    assert best is not None
    assert best.choice_id == "kind"
    assert (best.outcome.tier, best.outcome.score, best.outcome.path) == (
        Tier.COMFORT,
        89,
        (("start", "kind"),),
    )
    run = ScenarioRun(scenario, 0)
    run.choose("curt", 10)
    (step,) = review(scenario, run.log)
    assert step.choice is not None
    assert step.choice.id == "curt"
    assert step.best is not None
    assert step.best.choice_id == "kind"
    assert step.chosen is not None
    assert step.chosen.tier is Tier.SATISFACTION
    assert not step.was_best


def test_a_tangled_graph_stops_at_the_budget_and_says_so():
    """Every node links to every node with a gain: collecting each gain once is a
    prize-collecting path problem, so the search must stop and report it."""
    ids = [f"n{i}" for i in range(8)]
    nodes = [
        node(i, *(choice(f"to_{j}", j, servqual={"empathy": 1}) for j in [*ids, "end"]))
        for i in ids
    ]
    scenario = make([*nodes, ending("end")])
    exploration = explore(scenario, initial_state(scenario), budget=300)
    assert exploration.truncated
    assert exploration.endings  # what was found so far is still usable


# -- bounded analysis (issue 19, point 3) ---------------------------------------------------


def _tangled():
    from tangled_scenario import tangled_scenario_yaml

    from svctrainer.core.scenarios.loader import load_scenario

    return load_scenario(tangled_scenario_yaml(), "tangled.yaml")


def test_a_tangled_scenario_is_refused_at_check_time_with_its_line_and_the_reason():
    """It passed 'content check', then froze the workstation when a run was saved (one
    decision took 436 s and 1.2 GB on the single database worker)."""
    from tangled_scenario import tangled_scenario_yaml

    from svctrainer.core.content_files import check_content_bytes

    checked = check_content_bytes("tangled.yaml", tangled_scenario_yaml())
    assert not checked.ok
    errors = [p for p in checked.problems if p.severity is Severity.ERROR]
    assert len(errors) == 1
    loaded = _tangled()
    start = loaded.node_marks["n00"]
    assert (errors[0].line, errors[0].col) == (start.line, start.col)
    assert "too tangled to analyse" in errors[0].message
    assert f"{SEARCH_BUDGET:,} states" in errors[0].message
    assert "loops" in errors[0].message


def test_scenario_check_reports_the_same_refusal_as_an_error():
    loaded = _tangled()
    report = check(loaded.scenario)
    assert report.truncated
    problems = check_problems(report, "tangled.yaml", loaded.node_marks)
    assert any(p.severity is Severity.ERROR and "too tangled" in p.message for p in problems)


def test_scoring_a_run_of_a_tangled_scenario_does_a_bounded_and_repeatable_amount_of_work():
    """Even content stored before the refusal (or refused, then imported by an older
    release) is scored in bounded work at save time, and the same log always gets the
    same figures (a rescore must match)."""
    from svctrainer.core.scenarios.decision_log_codec import decision_accuracy
    from svctrainer.core.scenarios.search import Meter

    scenario = _tangled().scenario
    run = ScenarioRun(scenario, 0)
    for t in range(1, 11):
        node = scenario.node(run.state.node_id)
        if node.ending:
            break
        run.choose(
            next(c.id for c in node.choices if c.id in {a.id for a in _offered(scenario, run)}), t
        )
    meter = Meter(REVIEW_BUDGET)
    steps = review(scenario, run.log, meter)
    assert meter.used <= REVIEW_BUDGET
    assert meter.exhausted
    again = review(scenario, run.log)  # warm caches: the same answer for the same log
    assert [s.was_best for s in steps] == [s.was_best for s in again]
    assert decision_accuracy(scenario, run.log) == decision_accuracy(scenario, run.log)


def _offered(scenario, run):
    from svctrainer.core.scenarios.rules import available_choices

    return available_choices(scenario, run.state)


def test_shipped_scenarios_are_analysed_far_inside_the_budget():
    from pathlib import Path

    from svctrainer.core.scenarios.loader import load_scenario
    from svctrainer.core.scenarios.search import Meter

    folder = Path(__file__).resolve().parents[3] / "drills" / "scenarios"
    for path in sorted(folder.glob("*.yaml")):
        scenario = load_scenario(path.read_bytes(), str(path)).scenario
        report = check(scenario)
        assert not report.truncated, path.name
        outcome = best_result(scenario)
        assert outcome is not None
        meter = Meter(REVIEW_BUDGET)
        review(scenario, outcome.log, meter)
        assert meter.used < REVIEW_BUDGET // 10, (path.name, meter.used)


def test_search_results_stay_kept_for_every_shipped_scenario_in_turn():
    """Rescoring a branch's history visits every shipped scenario in turn: each keeps its
    memo of searched states meanwhile (with fewer slots than scenarios, dropped oldest
    first, every visit found its memo gone and searched again)."""
    from scenario_builders import REPO_ROOT, SAMPLE

    from svctrainer.core.scenarios import analysis
    from svctrainer.core.scenarios.loader import load_scenario

    shipped = len(list((REPO_ROOT / "drills" / "scenarios").glob("*.yaml")))
    text = SAMPLE.read_bytes()
    scenarios = [load_scenario(text).scenario for _ in range(shipped + 1)]
    for _round in range(2):
        for scenario in scenarios:
            memo = analysis._memo(scenario)
            memo.setdefault(initial_state(scenario), (None, 0))  # a search result kept
    assert all(
        analysis._memos[id(s)][0] is s and initial_state(s) in analysis._memos[id(s)][1]
        for s in scenarios
    )
