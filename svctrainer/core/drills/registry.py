"""Drill types by name, and the two entry points the GUI and services use:
``start_run`` for a live attempt and ``replay`` to re-score a stored one.

Issue-4 drills add themselves to ``BUILTIN_TYPES`` (or call ``register_drill_type``
from a plug-in) with their own ``DrillType``; pack loading, runs, results and replay
then work for them unchanged.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from typing import Any

from svctrainer.core.drills.amount_words_drill import AmountWordsDrill
from svctrainer.core.drills.base import DrillRun, DrillType
from svctrainer.core.drills.cash_counting import CashCountingDrill
from svctrainer.core.drills.data_entry import DataEntryDrill
from svctrainer.core.drills.drawer_balancing import DrawerBalancingDrill
from svctrainer.core.drills.making_change import MakingChangeDrill
from svctrainer.core.drills.result import DrillResult
from svctrainer.core.drills.tenkey import TenKeyDrill
from svctrainer.core.drills.voucher_summing import VoucherSummingDrill
from svctrainer.core.keystrokes import KeyEvent
from svctrainer.core.packs.definition import DrillDefinition, Mode

MAX_SEED = (1 << 63) - 1  # seeds fit a signed 64-bit database column

BUILTIN_TYPES: tuple[DrillType, ...] = (
    TenKeyDrill(),
    DataEntryDrill(),
    VoucherSummingDrill(),
    AmountWordsDrill(),
    MakingChangeDrill(),
    CashCountingDrill(),
    DrawerBalancingDrill(),
)
_registry: dict[str, DrillType] = {t.name: t for t in BUILTIN_TYPES}


def register_drill_type(drill_type: DrillType) -> None:
    """Add a drill type; ValueError if its name is taken."""
    if drill_type.name in _registry:
        raise ValueError(f"drill type {drill_type.name!r} is already registered")
    _registry[drill_type.name] = drill_type


def drill_type(name: str) -> DrillType | None:
    return _registry.get(name)


def drill_type_names() -> list[str]:
    return sorted(_registry)


def run_seed(definition: DrillDefinition, mode: Mode, seed: int | None = None) -> int:
    """The seed a run uses: the pack's fixed seed for the mode, else ``seed``, else a
    fresh random one (0..2**63-1)."""
    fixed = definition.settings(mode).seed
    if fixed is not None:
        return fixed
    if seed is not None:
        if not 0 <= seed <= MAX_SEED:
            raise ValueError(f"seed {seed} out of range")
        return seed
    return secrets.randbelow(MAX_SEED + 1)


def start_run(
    definition: DrillDefinition,
    mode: Mode,
    seed: int | None = None,
    options: Mapping[str, Any] | None = None,
) -> DrillRun:
    """A new run of ``definition`` in ``mode``; see ``run_seed`` for the seed. ValueError
    if the pack lacks the mode or the drill type rejects ``options``."""
    kind = _registry.get(definition.drill_type)
    if kind is None:
        raise ValueError(f"unknown drill type {definition.drill_type!r}")
    return kind.new_run(definition, Mode(mode), run_seed(definition, mode, seed), options)


def replay(
    definition: DrillDefinition,
    mode: Mode,
    seed: int,
    events: Iterable[KeyEvent],
    options: Mapping[str, Any] | None = None,
) -> DrillResult:
    """Feed a stored event log (``DrillRun.events``) through a fresh run and return its
    result: equal to the stored result when the pack is the same version; re-scored
    under the new scoring when only grades/penalty/reference speed changed."""
    kind = _registry.get(definition.drill_type)
    if kind is None:
        raise ValueError(f"unknown drill type {definition.drill_type!r}")
    run = kind.new_run(definition, Mode(mode), seed, options)
    for ev in events:
        if run.finished:
            break
        run.feed(ev)
    return run.result()
