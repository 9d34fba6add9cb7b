"""What ``svctrainer scenario check`` reports, and the debrief's "best alternative".

Both rest on the exhaustive search (search.py) and score with the very rules and
scoring basis that score trainees, so "delight is reachable with 94" in the checker
means a trainee can really get 94.

Bounded: scoring a run's decisions (``review``: decision accuracy at save time, the
debrief) searches from every point of the run, so it draws all its searches from one
``Meter`` of ``REVIEW_BUDGET`` states, and remembers what it found per scenario (a search
from a state already searched costs nothing but is charged as if it ran, so the figures
never depend on what was searched before). A scenario whose analysis does not fit — the
search from its start, or scoring its best run — is refused by ``check`` (an error at its
start node, naming the loops that cause it), which ``content check``/``content import``
and ``scenario check`` run: such a file never gets as far as a saved run.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from svctrainer.core.problems import Problem, Severity
from svctrainer.core.scenarios.engine import (
    DecisionLogEntry,
    RunResult,
    ScenarioRun,
    replay_run,
)
from svctrainer.core.scenarios.marked import Mark
from svctrainer.core.scenarios.model import Choice, Scenario, Tier
from svctrainer.core.scenarios.rules import (
    Move,
    RunState,
    apply_choice,
    apply_timeout,
    available_choices,
    can_time_out,
    initial_state,
    tier_of,
)
from svctrainer.core.scenarios.scoring import (
    ScoringBasis,
    basis_for,
    score_of,
    start_exploration,
)
from svctrainer.core.scenarios.search import (
    SEARCH_BUDGET,
    Exploration,
    Meter,
    explore,
    strongly_connected,
    successors,
    tangled_loops,
)

REVIEW_BUDGET = 2 * SEARCH_BUDGET
"""States all searches for one run's decisions may generate together (about 3 s and
40 MB on a 2-core test machine at most; shipped scenarios need under 1 300)."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """The best a run can still reach from some point."""

    tier: Tier
    score: int
    ending_id: str
    path: tuple[Move, ...]  # the moves from that point to the ending


@dataclass(frozen=True, slots=True)
class Alternative:
    """The best move at a point of a run: ``choice_id`` None means letting time run out."""

    choice_id: str | None
    outcome: Outcome


@dataclass(frozen=True, slots=True)
class EndingReport:
    node_id: str
    best: Outcome | None  # None: no run reaches this ending


@dataclass(frozen=True)
class CheckReport:
    unreachable: tuple[str, ...]  # no path from the start, even ignoring conditions
    blocked: tuple[str, ...]  # a path exists, but conditions never let a run take it
    dead_ends: tuple[str, ...]  # not an ending, yet a run can get there and not go on
    cycles_without_exit: tuple[tuple[str, ...], ...]  # loops from which no ending is reachable
    endings: tuple[EndingReport, ...]
    best_tier: Tier | None  # the best tier any run reaches
    truncated: bool  # a search hit its budget: the scenario is too tangled to analyse
    tangled: tuple[str, ...] = ()  # nodes of the loops that make it so (largest first)
    start: str = ""  # where every run begins (where a refusal points)

    @property
    def is_clean(self) -> bool:
        return not (self.dead_ends or self.cycles_without_exit or self.truncated)


def _best_outcome(
    scenario: Scenario, exploration: Exploration, basis: ScoringBasis
) -> dict[str, Outcome]:
    """The best outcome at each ending reached, keyed by ending id."""
    best: dict[str, Outcome] = {}
    for ending_id, labels in exploration.endings.items():
        for label in labels:
            tier, _ = tier_of(scenario, label.state)
            score, _ = score_of(tier, label.state, basis)
            current = best.get(ending_id)
            if current is None or (score, tier) > (current.score, current.tier):
                best[ending_id] = Outcome(tier, score, ending_id, label.path())
    return best


def _overall(outcomes: dict[str, Outcome]) -> Outcome | None:
    return max(outcomes.values(), key=lambda o: (o.score, o.tier), default=None)


def _graph_reachable(scenario: Scenario) -> set[str]:
    seen = {scenario.start}
    todo = [scenario.start]
    while todo:
        for target in successors(scenario, todo.pop()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def _can_end(scenario: Scenario) -> set[str]:
    """Nodes from which some ending is reachable in the graph."""
    incoming: dict[str, list[str]] = {n.id: [] for n in scenario.nodes}
    for node in scenario.nodes:
        for target in successors(scenario, node.id):
            incoming[target].append(node.id)
    found = {n.id for n in scenario.nodes if n.ending}
    todo = list(found)
    while todo:
        for source in incoming[todo.pop()]:
            if source not in found:
                found.add(source)
                todo.append(source)
    return found


def check(scenario: Scenario) -> CheckReport:
    exploration = start_exploration(scenario)
    basis = basis_for(scenario)
    in_graph = _graph_reachable(scenario)
    order = [n.id for n in scenario.nodes]
    static_dead = {
        n.id for n in scenario.nodes if not n.ending and not n.choices and n.time_limit_s is None
    }
    can_end = _can_end(scenario)
    loops = []
    for component in strongly_connected(scenario):
        looping = len(component) > 1 or component[0] in successors(scenario, component[0])
        if looping and not can_end & set(component):
            loops.append(tuple(sorted(component, key=order.index)))
    outcomes = _best_outcome(scenario, exploration, basis)
    best = _overall(outcomes)
    truncated = exploration.truncated or basis.truncated
    if not truncated and best is not None:
        # Scoring a run searches from each of its points: the best run must fit too.
        meter = Meter(REVIEW_BUDGET)
        review(scenario, _run_of(scenario, best.path).log, meter)
        truncated = meter.exhausted
    return CheckReport(
        unreachable=tuple(n for n in order if n not in in_graph),
        blocked=tuple(n for n in order if n in in_graph and n not in exploration.reached),
        dead_ends=tuple(n for n in order if n in static_dead or n in exploration.stuck),
        cycles_without_exit=tuple(sorted(loops, key=lambda c: order.index(c[0]))),
        endings=tuple(EndingReport(n.id, outcomes.get(n.id)) for n in scenario.nodes if n.ending),
        best_tier=best.tier if best else None,
        truncated=truncated,
        tangled=tuple(tangled_loops(scenario)) if truncated else (),
        start=scenario.start,
    )


def _run_of(scenario: Scenario, path: Sequence[Move]) -> ScenarioRun:
    """A run taking ``path`` (synthetic times, 1 ns apart)."""
    run = ScenarioRun(scenario, 0)
    for t_ns, (_, choice_id) in enumerate(path, start=1):
        if choice_id is None:
            run.timeout(t_ns)
        else:
            run.choose(choice_id, t_ns)
    return run


def check_problems(report: CheckReport, path: str, node_marks: Mapping[str, Mark]) -> list[Problem]:
    """The report as located messages: dead ends and exitless loops are errors (a run can
    get stuck), unreachable or blocked nodes and an unreachable delight are warnings."""

    def at(node_id: str, message: str, severity: Severity) -> Problem:
        mark = node_marks.get(node_id, Mark(1, 1))
        return Problem(path, mark.line, mark.col, message, severity)

    problems = [
        at(n, f'node "{n}" is a dead end: not an ending, and no way on', Severity.ERROR)
        for n in report.dead_ends
    ]
    for loop in report.cycles_without_exit:
        names = ", ".join(f'"{n}"' for n in loop)
        problems.append(
            at(loop[0], f"loop without exit: no ending reachable from {names}", Severity.ERROR)
        )
    warning = Severity.WARNING
    problems += [
        at(n, f'node "{n}" is unreachable from the start', warning) for n in report.unreachable
    ]
    problems += [
        at(n, f'node "{n}" is never reached: its conditions never hold', warning)
        for n in report.blocked
    ]
    for ending in report.endings:
        if ending.best is None:
            problems.append(
                at(ending.node_id, f'ending "{ending.node_id}" is never reached', warning)
            )
    if report.best_tier is not Tier.DELIGHT:
        problems.append(Problem(path, 1, 1, "no run reaches delight", warning))
    refusal = too_tangled(report, path, node_marks)
    if refusal is not None:
        problems.append(refusal)
    return problems


def too_tangled(report: CheckReport, path: str, node_marks: Mapping[str, Mark]) -> Problem | None:
    """The refusal of a scenario whose analysis does not fit the budget, at its start."""
    if not report.truncated:
        return None
    mark = node_marks.get(report.start, Mark(1, 1))
    loops = ", ".join(f'"{n}"' for n in report.tangled[:6]) or "its loops"
    more = " …" if len(report.tangled) > 6 else ""
    return Problem(
        path,
        mark.line,
        mark.col,
        f"the scenario is too tangled to analyse: scoring its runs needs more than "
        f"{SEARCH_BUDGET:,} states (the budget: about 1.5 s and 40 MB); loops through "
        f"{loops}{more} earn points on every pass - fewer links back, or gains that do not "
        "repeat, make it checkable",
        Severity.ERROR,
    )


def report_lines(report: CheckReport) -> list[str]:
    """Plain-English summary per ending, for the CLI."""
    lines = []
    for ending in report.endings:
        if ending.best is None:
            lines.append(f"ending {ending.node_id!r}: unreachable")
        else:
            best = ending.best
            lines.append(f"ending {ending.node_id!r}: best {best.tier.code}, score {best.score}")
    best_tier = report.best_tier.code if report.best_tier is not None else "none"
    lines.append(f"best tier reachable: {best_tier}")
    return lines


def _moves(scenario: Scenario, state: RunState) -> list[tuple[str | None, RunState]]:
    options: list[tuple[str | None, RunState]] = [
        (c.id, apply_choice(scenario, state, c)) for c in available_choices(scenario, state)
    ]
    if can_time_out(scenario, state):
        options.append((None, apply_timeout(scenario, state)))
    return options


def best_from(scenario: Scenario, state: RunState, meter: Meter | None = None) -> Outcome | None:
    """The best outcome any run can still reach from ``state`` (None: no ending is),
    found within the search budget (and ``meter``, when given)."""
    if scenario.node(state.node_id).ending:
        tier, _ = tier_of(scenario, state)
        score, _ = score_of(tier, state, basis_for(scenario))
        return Outcome(tier, score, state.node_id, ())
    if state == initial_state(scenario):
        return _overall(_best_outcome(scenario, start_exploration(scenario), basis_for(scenario)))
    memo = _memo(scenario)
    known = memo.get(state)
    if known is not None and (meter is None or known[1] <= meter.remaining):
        if meter is not None:
            meter.used += known[1]  # as if searched again: figures must not depend on order
        return known[0]
    exploration = explore(scenario, state, meter=meter)
    outcome = _overall(_best_outcome(scenario, exploration, basis_for(scenario)))
    if not exploration.truncated:  # only complete answers are the same whatever the budget
        memo[state] = (outcome, exploration.generated)
        if len(memo) > _MEMO_SIZE:
            memo.pop(next(iter(memo)))
    return outcome


_MEMO_SIZE = 4096
_MEMO_SCENARIOS = 64
"""Scenarios whose search results are kept: more than are shipped (21 today, the two
languages together). Memos are dropped oldest first, so with fewer slots than scenarios a
rescoring of a branch's history, which visits them in turn, found every memo dropped
and searched each run again (a tenth of rescoring the demo)."""
_memos: dict[int, tuple[Scenario, dict[RunState, tuple[Outcome | None, int]]]] = {}


def _memo(scenario: Scenario) -> dict[RunState, tuple[Outcome | None, int]]:
    """Complete search results per state, per scenario object (the GUI scores, then
    debriefs, then shows the same run: each search is done once)."""
    cached = _memos.get(id(scenario))
    if cached is None or cached[0] is not scenario:
        if len(_memos) >= _MEMO_SCENARIOS:
            _memos.pop(next(iter(_memos)))
        cached = (scenario, {})
        _memos[id(scenario)] = cached
    return cached[1]


def best_alternative(
    scenario: Scenario, node_id: str, state: RunState, meter: Meter | None = None
) -> Alternative | None:
    """The best move at ``node_id`` given the run's ``state`` there (the state before the
    decision), with where it leads; None if no move leads to an ending."""
    if state.node_id != node_id:
        raise ValueError(f"state is at {state.node_id!r}, not {node_id!r}")
    best: Alternative | None = None
    for choice_id, after in _moves(scenario, state):
        outcome = best_from(scenario, after, meter)
        if outcome is None:
            continue
        outcome = Outcome(
            outcome.tier, outcome.score, outcome.ending_id, ((node_id, choice_id), *outcome.path)
        )
        if best is None or (outcome.score, outcome.tier) > (best.outcome.score, best.outcome.tier):
            best = Alternative(choice_id, outcome)
    return best


@dataclass(frozen=True, slots=True)
class ReviewStep:
    """One decision of a finished run, for the debrief's path replay."""

    entry: DecisionLogEntry
    choice: Choice | None  # None: the time ran out
    feedback: str
    state_before: RunState
    best: Alternative | None  # the best move there
    chosen: Outcome | None  # the best the run could still reach after this decision

    @property
    def was_best(self) -> bool:
        if self.best is None or self.chosen is None:
            return self.best is None
        return self.chosen.score >= self.best.outcome.score


def review(
    scenario: Scenario, log: Sequence[DecisionLogEntry], meter: Meter | None = None
) -> tuple[ReviewStep, ...]:
    """Each decision of a stored run with its feedback and the best alternative then,
    all searches drawn from one budget of ``REVIEW_BUDGET`` states (``meter``)."""
    meter = meter or Meter(REVIEW_BUDGET)
    replay_run(scenario, log)  # ReplayError if the log does not fit the scenario
    run = ScenarioRun(scenario, log[0].entered_ns if log else 0)
    steps = []
    for entry in log:
        before = run.state
        if entry.choice_id is None:
            turn = run.timeout(entry.t_ns)
            choice = None
        else:
            turn = run.choose(entry.choice_id, entry.t_ns)
            choice = run.scenario.node(before.node_id).choice(entry.choice_id)
        best = best_alternative(scenario, before.node_id, before, meter)
        chosen = best_from(scenario, run.state, meter)
        steps.append(ReviewStep(entry, choice, turn.feedback, before, best, chosen))
    return tuple(steps)


def best_result(scenario: Scenario) -> RunResult | None:
    """The result of a best possible run (for "your SERVQUAL vs the best"); times are
    synthetic (1 ns per decision)."""
    outcome = best_from(scenario, initial_state(scenario))
    if outcome is None:
        return None
    return _run_of(scenario, outcome.path).result()
