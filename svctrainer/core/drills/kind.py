"""A drill kind: everything the house knows about one type of drill, in one typed object.

Each kind (ten-key, data entry, voucher summing, …) is one instance of a ``DrillKind``
subclass, declared in the kind's own module next to its engine (``tenkey.TENKEY``,
``drawer_balancing.DRAWER_BALANCING``) and listed once in ``drills.registry``. The kind's
name (the ``type`` of a pack, the ``drill_type`` stored with each attempt) is spelt in
that module only; everything else refers to the object:

- the engine: ``build_content`` validates the kind's part of a pack, ``new_run`` starts a
  run of ``run_type`` (the ``DrillRun`` subclass that scores it);
- the result: ``details_type``, the typed, versioned ``Details`` every run stores;
- what is measured: ``speed_unit``, the figures a grade table may name, whether practice
  may be adaptive (``supports_adaptive``, ``adaptive_options``), the clock rule
  (``clock_rule``), and which counter skill the speed measures for customer time
  (``measures``);
- its simulated player (``play``): plays a real run for the demo history and the tests.

The GUI registers one ``DrillUI`` per kind, keyed by this object
(``gui/drills/drill_uis.py``).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from svctrainer.core.drills.active_clock import ClockRule, DrillClock
from svctrainer.core.drills.details import Details, DetailsError

if TYPE_CHECKING:
    from svctrainer.core.drills.base import DrillRun
    from svctrainer.core.drills.simulated_play import Timing
    from svctrainer.core.packs.definition import DrillDefinition, Mode
    from svctrainer.core.packs.schema import Issue, Key

R = TypeVar("R", bound="DrillRun")
D = TypeVar("D", bound=Details)


class CounterSkill(StrEnum):
    """The two skills the customer-time model converts drill speeds into."""

    KEYING = "keying"  # keystrokes per hour
    COUNTING = "counting"  # notes per minute


@dataclass(frozen=True, slots=True)
class SkillMeasure:
    """A kind's speed × ``factor`` is ``skill`` in its unit (CPM × 60 = keystrokes per
    hour); kinds without one do not feed the customer-time figures."""

    skill: CounterSkill
    factor: float


class DrillKind(ABC, Generic[R, D]):
    """One type of drill (see the module docstring).

    ``speed_unit``: unit of ``DrillResult.speed``. ``grade_figures``: result figures a
    pack's grade table may set minima for (written ``min_<figure>``; the grade is
    evaluated by the run against the figures it computes). ``supports_adaptive``:
    whether ``adaptive = true`` is allowed in practice. ``uses_reference_speed``: whether
    the score needs ``scoring.reference_speed``. ``scoring_keys``: the type's own
    ``[scoring]`` keys, validated by the loader into ``definition.scoring.extra``.
    ``clock_rule``: how its runs measure active time (``active_clock.ClockRule``);
    ``clock_for`` says it in full for one scoring-rules version.
    """

    name: ClassVar[str]
    speed_unit: ClassVar[str]
    grade_figures: ClassVar[frozenset[str]]
    supports_adaptive: ClassVar[bool] = False
    uses_reference_speed: ClassVar[bool] = True
    default_error_penalty: ClassVar[int] = 0
    scoring_keys: ClassVar[tuple[Key, ...]] = ()
    clock_rule: ClassVar[ClockRule] = ClockRule.KEYING
    measures: ClassVar[SkillMeasure | None] = None
    run_type: type[R]
    details_type: type[D]

    def __repr__(self) -> str:
        return f"<drill kind {self.name}>"

    def clock_for(self, rules: int) -> DrillClock:
        """The clock this kind's runs are timed by under scoring-rules version ``rules``
        (``scoring_rules``): ``clock_rule``, started at the first key and uncapped,
        unless the kind says otherwise (a thinking drill timed from the case shown)."""
        return DrillClock(self.clock_rule)

    def figure_maximum(self, figure: str) -> Decimal:
        """Largest sensible grade minimum for ``figure`` (larger ones are pack errors)."""
        if figure == "accuracy":
            return Decimal(1)
        if figure in ("consistency", "score"):
            return Decimal(100)
        return Decimal(1_000_000)

    @abstractmethod
    def build_content(
        self,
        generator: Mapping[str, Any] | None,
        items: Sequence[Mapping[str, Any]] | None,
        language: str,
    ) -> tuple[Any, list[Issue]]:
        """Validate ``[generator]`` / ``[[items]]`` (raw TOML tables; either may be None)
        and return the content object, or None with issues located by key path."""

    @abstractmethod
    def new_run(
        self,
        definition: DrillDefinition,
        mode: Mode,
        seed: int,
        options: Mapping[str, Any] | None,
    ) -> R:
        """A fresh run; ValueError for malformed ``options``."""

    @abstractmethod
    def play(self, run: R, timing: Timing, max_active_ns: int) -> None:
        """The simulated player: feed ``run`` as a trainee of ``timing.skill`` would,
        until it finishes or its active time passes ``max_active_ns``."""

    def unit_of(self, definition: DrillDefinition) -> str:
        """The speed unit of ``definition``'s results: ``speed_unit``, unless the kind
        lets a pack state its own (text entry: characters or words per minute). One pack
        never mixes units."""
        return self.speed_unit

    def adaptive_options(self, history: Sequence[Mapping[str, Any]]) -> dict[str, Any] | None:
        """``new_run`` options for adaptive practice from the person's latest results'
        details (oldest first, as ``Details.to_dict`` gives them); None where the kind
        is not adaptive or the history says nothing."""
        return None

    def form(self, run: R, limit: int) -> Mapping[str, Any]:
        """The form ``run`` works on, every item of it (at most ``limit`` items of an
        endless one), for ``form_sample``: content objects are fine, ``jsonable`` turns
        them into JSON. The default lists the items of runs that hand them out the
        house's ways (``item_at(i)``, ``item(i)``, or lazy ``items``); a kind whose form
        is more than a list (a voucher book, bundles of notes) says so itself."""
        items: list[Any] = []
        get = getattr(run, "item_at", None) or getattr(run, "item", None)
        lazy = getattr(run, "items", None)
        if not callable(get) and lazy is not None and callable(getattr(lazy, "item", None)):
            get = lazy.item
        if not callable(get):
            raise NotImplementedError(f"{self.name} drills cannot list their form")
        for index in range(limit):
            item = get(index)
            if item is None:
                break
            items.append(item)
        return {"items": items}

    # -- typed views of what the registry hands around as DrillRun / Details ----------

    def run_of(self, run: DrillRun) -> R:
        """``run`` as this kind's run type; TypeError for another kind's run."""
        if not isinstance(run, self.run_type):
            raise TypeError(f"{self.name} cannot use a {type(run).__name__}")
        return run

    def details_of(self, details: Details) -> D:
        """``details`` as this kind's details; TypeError for another kind's."""
        if not isinstance(details, self.details_type):
            raise TypeError(f"{self.name} has no {type(details).__name__}")
        return details

    def stored_details(self, stored_result: Mapping[str, Any]) -> D:
        """The details of a stored result (``DrillResult.to_dict``, as an attempt row
        keeps it); DetailsError if they do not fit this kind."""
        version = stored_result.get("details_version", 1)
        if type(version) is not int:
            raise DetailsError(f"{self.name}: details_version should be a whole number")
        return self.details_type.from_dict(stored_result.get("details", {}), version)
