"""A run scored against its demand level's service standard.

A scenario names the standard's items on its choices and timeouts (``meets``,
``fails``). The items a scenario names are the ones that apply to it: a visit to pay in
cash has no referral to judge. For each applicable item:

- a required item is met when the run took a move that meets it and none that fails it
  (when no move of the scenario can meet it, the scenario only judges its breach: it is
  met unless a move failed it);
- a forbidden item is kept when the run took no move that fails it.

Compliance is met items / applicable items. It sits beside the tier: the tier says how
the customer left, compliance says whether the level's one method was followed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from svctrainer.core.scenarios.model import Effects, Scenario
from svctrainer.core.scenarios.rules import Move, timeout_of
from svctrainer.core.standards.model import ItemKind, LevelStandard, StandardItem, StandardSet


@dataclass(frozen=True, slots=True)
class ItemResult:
    item: StandardItem
    met: bool


@dataclass(frozen=True)
class Compliance:
    standard: LevelStandard
    results: tuple[ItemResult, ...]  # applicable items, in the standard's order

    @property
    def met(self) -> int:
        return sum(1 for r in self.results if r.met)

    @property
    def applicable(self) -> int:
        return len(self.results)

    @property
    def missed(self) -> tuple[ItemResult, ...]:
        return tuple(r for r in self.results if not r.met)


def _effects_of(scenario: Scenario, move: Move) -> Effects:
    node_id, choice_id = move
    node = scenario.node(node_id)
    if choice_id is None:
        return timeout_of(node).effects
    choice = node.choice(choice_id)
    if choice is None:
        raise KeyError(f'no choice "{choice_id}" at "{node_id}"')
    return choice.effects


def named_items(scenario: Scenario) -> tuple[set[str], set[str]]:
    """The item ids the scenario names on choices or timeouts: under ``meets``, and at all."""
    meetable: set[str] = set()
    names: set[str] = set()
    for node in scenario.nodes:
        effects = [c.effects for c in node.choices]
        if node.on_timeout is not None:
            effects.append(node.on_timeout.effects)
        for e in effects:
            meetable.update(e.meets)
            names.update(e.meets)
            names.update(e.fails)
    return meetable, names


def assess(scenario: Scenario, standard: LevelStandard, moves: Sequence[Move]) -> Compliance:
    """``moves`` are the run's decisions in order ((node, choice), choice None = timeout)."""
    met: set[str] = set()
    failed: set[str] = set()
    for move in moves:
        effects = _effects_of(scenario, move)
        met.update(effects.meets)
        failed.update(effects.fails)
    meetable, named = named_items(scenario)
    results = []
    for item in standard.items:
        if item.id not in named:
            continue
        if item.kind is ItemKind.REQUIRED and item.id in meetable:
            results.append(ItemResult(item, item.id in met and item.id not in failed))
        else:
            results.append(ItemResult(item, item.id not in failed))
    return Compliance(standard, tuple(results))


def assess_run(
    scenario: Scenario, standards: StandardSet, moves: Sequence[Move]
) -> Compliance | None:
    """The run against its scenario's level; None when the set has no such level."""
    standard = standards.for_level(scenario.customer.demand_level)
    return None if standard is None else assess(scenario, standard, moves)


def unknown_items(scenario: Scenario, standards: StandardSet) -> list[str]:
    """Messages for item ids the scenario names that its level's standard does not define
    (or a forbidden item named under ``meets``)."""
    standard = standards.for_level(scenario.customer.demand_level)
    if standard is None:
        return [f'no service standard for demand level "{scenario.customer.demand_level}"']
    problems = []
    for node in scenario.nodes:
        moves = [(c.id, c.effects) for c in node.choices]
        if node.on_timeout is not None:
            moves.append(("on_timeout", node.on_timeout.effects))
        for name, effects in moves:
            for item_id in (*effects.meets, *effects.fails):
                item = standard.item(item_id)
                if item is None:
                    problems.append(
                        f'{node.id}/{name}: "{item_id}" is not an item of level "{standard.level}"'
                    )
                elif item.kind is ItemKind.FORBIDDEN and item_id in effects.meets:
                    problems.append(
                        f'{node.id}/{name}: "{item_id}" is forbidden: name it under fails'
                    )
    return problems
