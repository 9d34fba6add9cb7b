"""The form a pack makes for one seed, as plain data: what ``svctrainer content sample``
prints, so that a trainer can preview (and print) a paper, and tests can check formats
without the GUI.

Why plain data: the listing is read by people and by programs (``--json``). Every item
of the form is listed: amounts as strings with their decimals (``"1234.56"``, never a
float), each note of a bundle as one element of the bundle's list, each field value as
it is keyed. Each kind says what its form is (``DrillKind.form``); ``jsonable`` turns
its content objects into JSON values the same way for all kinds. A form that only the
time limit ends (``item_count`` null) is listed up to ``ENDLESS_ITEMS`` items.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from decimal import Decimal
from enum import Enum
from typing import Any

from svctrainer.core.drills.registry import MAX_SEED, drill_kind, start_run
from svctrainer.core.packs.definition import DrillDefinition, Mode

ENDLESS_ITEMS = 100  # items listed of a form that only a time limit ends


def jsonable(value: Any) -> Any:
    """``value`` as JSON data: dataclasses as objects of their fields, ``Decimal`` as its
    exact string, enums as their value, tuples and sets as lists."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    return value


def form_sample(definition: DrillDefinition, seed: int, mode: Mode | None = None) -> dict[str, Any]:
    """The form of ``definition`` for ``seed`` in ``mode`` (default: test if the pack has
    it, else practice). ValueError for a seed out of range or a mode the pack lacks. A
    pack that pins its form (``form = "fixed"``) shows that form whatever the seed."""
    if not 0 <= seed <= MAX_SEED:
        raise ValueError(f"seed must be a whole number from 0 to {MAX_SEED}, not {seed}")
    if mode is None:
        mode = Mode.TEST if Mode.TEST in definition.modes else Mode.PRACTICE
    if mode not in definition.modes:
        raise ValueError(f"the pack has no {mode} mode")
    kind = drill_kind(definition.drill_type)
    if kind is None:
        raise ValueError(f"unknown drill type {definition.drill_type!r}")
    run = start_run(definition, mode, seed=seed)
    settings = definition.settings(mode)
    count = settings.item_count
    return {
        "pack": definition.id,
        "type": definition.drill_type,
        "language": definition.language,
        "mode": str(mode),
        "form": str(settings.form),
        "seed": run.seed,
        "item_count": count,
        **jsonable(kind.form(kind.run_of(run), count if count is not None else ENDLESS_ITEMS)),
    }
