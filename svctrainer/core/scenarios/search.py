"""Exhaustive search over (node, state): every way a scenario can be played.

States are grouped by what decides the future (node, state flags, praise/anticipate,
gates, protocol steps done, timeout fired, and gains already earned on cycles); within a
group only Pareto-best states are kept, compared on points, valence, failures and
unrepaired negative emotions (the things tier and score grow or shrink with). A state
that is no better than one already kept cannot lead anywhere better, so it is dropped;
since gains are earned once per run (see rules.py), a loop can only return to a group
with a dominated state, and the search ends on cyclic graphs.

The work is bounded, deterministically: a search stops after generating
``SEARCH_BUDGET`` states (each costs about 100 us and 2 KB here, so about 1.4 s and 40 MB at
most), and says so (``truncated``); a caller that runs many searches for one task passes
a ``Meter`` they all draw from. Counting states, never measuring time, keeps the result a
pure function of the scenario and the budget: a rescore must get what the save got.
Authored scenarios need a few hundred states; a file that needs more than the budget is
refused when it is checked or imported (analysis.py), never when a run is saved.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass

from svctrainer.core.scenarios.model import Effects, Scenario
from svctrainer.core.scenarios.rules import (
    Move,
    RunState,
    apply_choice,
    apply_timeout,
    available_choices,
    can_time_out,
    timeout_of,
)

SEARCH_BUDGET = 10_000
"""States one search may generate (shipped scenarios need at most 300, real Twine stories
under 30): about 1.4 s and 40 MB here."""


class Meter:
    """A budget of states shared by several searches (e.g. scoring one run's decisions)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0
        self.exhausted = False  # some search stopped short for lack of budget

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.used)


@dataclass(frozen=True, slots=True, eq=False)
class Label:
    """A reachable state and how it was reached (a persistent linked path)."""

    state: RunState
    parent: Label | None = None
    move: Move | None = None

    def path(self) -> tuple[Move, ...]:
        moves: list[Move] = []
        label: Label | None = self
        while label is not None and label.move is not None:
            moves.append(label.move)
            label = label.parent
        return tuple(reversed(moves))


@dataclass(frozen=True)
class Exploration:
    endings: Mapping[str, tuple[Label, ...]]  # Pareto-best states at each ending reached
    stuck: Mapping[str, Label]  # one state per node where a run cannot go on
    reached: frozenset[str]
    truncated: bool
    generated: int = 0  # states generated: the work done, what a Meter is charged


def strongly_connected(scenario: Scenario) -> list[list[str]]:
    """Tarjan's algorithm, iterative (scenarios may have hundreds of nodes)."""
    edges = {n.id: successors(scenario, n.id) for n in scenario.nodes}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for root, targets in edges.items():
        if root in index:
            continue
        work = [(root, iter(targets))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges[child])))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
    return components


def successors(scenario: Scenario, node_id: str) -> list[str]:
    """Where a node can lead, ignoring conditions (choices and its timeout)."""
    node = scenario.node(node_id)
    targets = [c.to for c in node.choices]
    if node.time_limit_s is not None and not node.ending:
        timeout = timeout_of(node)
        targets.append(timeout.to if timeout.to is not None else node.id)
    return list(dict.fromkeys(targets))


_cycle_moves: dict[int, tuple[Scenario, frozenset[Move]]] = {}


def gainful_cycle_moves(scenario: Scenario) -> frozenset[Move]:
    """Moves that earn something and can be taken again in the same run (computed once
    per scenario object: every search needs them)."""
    cached = _cycle_moves.get(id(scenario))
    if cached is not None and cached[0] is scenario:
        return cached[1]
    moves = _gainful_cycle_moves(scenario)
    if len(_cycle_moves) >= 64:
        _cycle_moves.clear()
    _cycle_moves[id(scenario)] = (scenario, moves)
    return moves


def _gainful_cycle_moves(scenario: Scenario) -> frozenset[Move]:
    component_of = {n: i for i, comp in enumerate(strongly_connected(scenario)) for n in comp}
    moves: set[Move] = set()
    for node in scenario.nodes:
        options: list[tuple[str | None, str, Effects]] = [
            (c.id, c.to, c.effects) for c in node.choices
        ]
        if node.time_limit_s is not None:
            timeout = timeout_of(node)
            options.append((None, timeout.to or node.id, timeout.effects))
        for choice_id, target, effects in options:
            gains = effects.mood.valence > 0 or effects.servqual != effects.servqual.without_gains()
            if gains and component_of[target] == component_of[node.id]:
                moves.add((node.id, choice_id))
    return frozenset(moves)


def tangled_loops(scenario: Scenario) -> list[str]:
    """Nodes in loops that earn something on every pass, largest loop first: what makes a
    search explode (collecting each gain once is a prize-collecting path problem)."""
    moves = gainful_cycle_moves(scenario)
    components = [c for c in strongly_connected(scenario) if len(c) > 1]
    earning = [c for c in components if any((n, m) in moves for n in c for m in _ids(scenario, n))]
    order = [n.id for n in scenario.nodes]
    earning.sort(key=lambda c: (-len(c), min(order.index(n) for n in c)))
    return [n for c in earning for n in sorted(c, key=order.index)]


def _ids(scenario: Scenario, node_id: str) -> list[str | None]:
    node = scenario.node(node_id)
    return [c.id for c in node.choices] + [None]


def _group(state: RunState, cycle_moves: frozenset[Move]) -> tuple[object, ...]:
    return (
        state.node_id,
        state.flags,
        state.events,
        state.gates,
        frozenset(state.steps),
        state.timed_out_here,
        state.taken & cycle_moves,
    )


def _merit(state: RunState) -> tuple[float, ...]:
    return (state.points, state.mood.valence, -state.failures, -state.open_negative)


def _dominates(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return all(x >= y for x, y in zip(a, b, strict=True))


def explore(
    scenario: Scenario, start: RunState, budget: int = SEARCH_BUDGET, meter: Meter | None = None
) -> Exploration:
    """Every way on from ``start``, Pareto-pruned, within ``budget`` generated states (and
    what ``meter`` has left, which is charged for them)."""
    limit = budget if meter is None else min(budget, meter.remaining)
    cycle_moves = gainful_cycle_moves(scenario)
    kept: dict[tuple[object, ...], list[Label]] = {}
    # Dominated labels by id, kept alive here: a freed label's id could be reused by a
    # new one, which would then be skipped as if dominated (a search that depended on
    # memory layout, so a rescore could disagree with the first scoring).
    dropped: dict[int, Label] = {}
    reached: set[str] = set()
    stuck: dict[str, Label] = {}

    def keep(label: Label) -> bool:
        reached.add(label.state.node_id)
        group = kept.setdefault(_group(label.state, cycle_moves), [])
        merit = _merit(label.state)
        if any(_dominates(_merit(other.state), merit) for other in group):
            return False
        for other in [o for o in group if _dominates(merit, _merit(o.state))]:
            group.remove(other)
            dropped[id(other)] = other
        group.append(label)
        return True

    root = Label(start)
    keep(root)
    queue = deque([root])
    generated = 0
    truncated = False
    while queue:
        label = queue.popleft()
        if id(label) in dropped:
            continue
        state = label.state
        if scenario.node(state.node_id).ending:
            continue
        children = [
            Label(apply_choice(scenario, state, c), label, (state.node_id, c.id))
            for c in available_choices(scenario, state)
        ]
        if can_time_out(scenario, state):
            children.append(Label(apply_timeout(scenario, state), label, (state.node_id, None)))
        if generated + len(children) > limit:
            truncated = True  # stop before going over: the budget is a hard bound
            break
        if not children:
            stuck.setdefault(state.node_id, label)
        generated += len(children)
        queue.extend(child for child in children if keep(child))
    if meter is not None:
        meter.used += generated
        meter.exhausted = meter.exhausted or truncated
    endings: dict[str, list[Label]] = {}
    for group in kept.values():
        for label in group:
            if scenario.node(label.state.node_id).ending:
                endings.setdefault(label.state.node_id, []).append(label)
    return Exploration(
        endings={k: tuple(v) for k, v in endings.items()},
        stuck=stuck,
        reached=frozenset(reached),
        truncated=truncated,
        generated=generated,
    )
