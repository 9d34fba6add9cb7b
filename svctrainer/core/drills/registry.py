"""The drill kinds by name, and the entry points the GUI and services use: ``start_run``
for a live attempt, ``replay`` to re-score a stored one, ``result_from_dict`` to read one
back.

``KINDS`` lists every built-in kind once; a kind's name is spelt only in its own module.
A plug-in adds its kind with ``register_drill_kind``; pack loading, runs, results and
replay then work for it unchanged.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from typing import Any

from svctrainer.core.drills import scoring_rules
from svctrainer.core.drills.amount_words_drill import AMOUNT_WORDS
from svctrainer.core.drills.base import DrillRun
from svctrainer.core.drills.cash_counting import CASH_COUNTING
from svctrainer.core.drills.counter_procedure import COUNTER_PROCEDURE
from svctrainer.core.drills.data_entry import DATA_ENTRY
from svctrainer.core.drills.drawer_balancing import DRAWER_BALANCING
from svctrainer.core.drills.kind import CounterSkill, DrillKind
from svctrainer.core.drills.making_change import MAKING_CHANGE
from svctrainer.core.drills.result import DrillResult
from svctrainer.core.drills.tenkey import TENKEY
from svctrainer.core.drills.text_entry import TEXT_ENTRY
from svctrainer.core.drills.voucher_summing import VOUCHER_SUMMING
from svctrainer.core.keystrokes import KeyEvent
from svctrainer.core.packs.definition import DrillDefinition, Mode

MAX_SEED = (1 << 63) - 1  # seeds fit a signed 64-bit database column

AnyKind = DrillKind[Any, Any]

KINDS: tuple[AnyKind, ...] = (
    TENKEY,
    DATA_ENTRY,
    VOUCHER_SUMMING,
    AMOUNT_WORDS,
    MAKING_CHANGE,
    CASH_COUNTING,
    DRAWER_BALANCING,
    COUNTER_PROCEDURE,
    TEXT_ENTRY,
)
_registry: dict[str, AnyKind] = {kind.name: kind for kind in KINDS}


def register_drill_kind(kind: AnyKind) -> None:
    """Add a drill kind; ValueError if its name is taken."""
    if kind.name in _registry:
        raise ValueError(f"drill kind {kind.name!r} is already registered")
    _registry[kind.name] = kind


def drill_kind(name: str) -> AnyKind | None:
    return _registry.get(name)


def drill_kinds() -> tuple[AnyKind, ...]:
    """Every kind, built-in ones first in ``KINDS`` order."""
    return tuple(_registry.values())


def drill_kind_names() -> list[str]:
    return sorted(_registry)


def skill_factors(skill: CounterSkill) -> dict[str, float]:
    """The kinds whose speed measures ``skill``, by name, with the factor to that skill's
    unit (``SkillMeasure``), in ``KINDS`` order."""
    return {
        kind.name: kind.measures.factor
        for kind in drill_kinds()
        if kind.measures is not None and kind.measures.skill is skill
    }


def _kind_of(name: str) -> AnyKind:
    kind = _registry.get(name)
    if kind is None:
        raise ValueError(f"unknown drill type {name!r}")
    return kind


def draw_seed() -> int:
    """A fresh random seed (0..2**63-1) from the operating system's generator: a new form
    that nobody can predict from the previous ones."""
    return secrets.randbelow(MAX_SEED + 1)


def run_seed(definition: DrillDefinition, mode: Mode, seed: int | None = None) -> int:
    """The seed a run uses: the pack's pinned seed when its form is fixed for the mode,
    else ``seed``, else a freshly drawn one (``draw_seed``)."""
    fixed = definition.settings(mode).seed
    if fixed is not None:
        return fixed
    if seed is not None:
        if not 0 <= seed <= MAX_SEED:
            raise ValueError(f"seed {seed} out of range")
        return seed
    return draw_seed()


def start_run(
    definition: DrillDefinition,
    mode: Mode,
    seed: int | None = None,
    options: Mapping[str, Any] | None = None,
) -> DrillRun:
    """A new run of ``definition`` in ``mode``; see ``run_seed`` for the seed. ValueError
    if the pack lacks the mode or the drill kind rejects ``options``."""
    kind = _kind_of(definition.drill_type)
    run: DrillRun = kind.new_run(definition, Mode(mode), run_seed(definition, mode, seed), options)
    return run


def replay(
    definition: DrillDefinition,
    mode: Mode,
    seed: int,
    events: Iterable[KeyEvent],
    options: Mapping[str, Any] | None = None,
    *,
    rules: int = scoring_rules.CURRENT,
) -> DrillResult:
    """Feed a stored event log (``DrillRun.events``) through a fresh run scored by
    scoring-rules version ``rules`` and return its result: equal to the stored result
    when the pack is the same version and ``rules`` the one the result records
    (``scoring_rules.rules_of``); re-scored under the new scoring when only
    grades/penalty/reference speed changed. ValueError for an unknown ``rules``."""
    kind = _kind_of(definition.drill_type)
    run: DrillRun = kind.new_run(definition, Mode(mode), seed, options)
    run.use_rules(rules)
    for ev in events:
        if run.finished:
            break
        run.feed(ev)
    return run.result()


def result_from_dict(data: Mapping[str, Any]) -> DrillResult:
    """A stored ``DrillResult.to_dict`` read back with its kind's details; ValueError if
    its kind is unknown or a field does not fit."""
    name = data.get("drill_type")
    if not isinstance(name, str):
        raise ValueError("result field drill_type has the wrong type")
    return DrillResult.from_dict(data, _kind_of(name).details_type)
