"""A validated drill pack: what the engine runs and what a result is graded against.

Built only by ``packs.loader`` (which guarantees every invariant stated here), consumed by
``drills.registry.start_run`` / ``replay`` and by the GUI (title, instructions, grades).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any


class Mode(StrEnum):
    """Practice: pause/restart/hints allowed. Test: exact limits, no help. In both, each
    attempt gets a fresh form unless the pack pins one (``Form.FIXED``)."""

    PRACTICE = "practice"
    TEST = "test"


class Form(StrEnum):
    """Which paper an attempt gets.

    - fresh: every attempt draws its own seed (stored with it), so a retake measures skill
      rather than memory of the form; the generators make every form equally hard.
    - fixed: the pack's ``seed`` pins one form for everyone, e.g. for a contest where all
      must sit the same paper.
    """

    FRESH = "fresh"
    FIXED = "fixed"


class ErrorPolicy(StrEnum):
    """What a wrong key does (as in TIPP10/KTouch).

    - block: the cursor stays until the right key is pressed; Backspace is ignored.
    - correct: the wrong character is entered and must be removed with Backspace (a
      counted stroke) before anything else is accepted.
    - free: errors stay; Backspace may be used; a field is confirmed as typed.
    """

    BLOCK = "block"
    CORRECT = "correct"
    FREE = "free"


@dataclass(frozen=True, slots=True)
class RunSettings:
    """Settings of one mode, after ``[practice]``/``[test]`` were laid over ``[run]``.

    Invariants: at least one of ``time_limit_s`` (1..7200) and ``item_count``
    (1..10 000) is set; in test mode ``pause``/``adaptive`` are off. ``seed`` is set
    exactly when ``form`` is ``Form.FIXED`` (the one form everybody gets); with
    ``Form.FRESH`` every attempt draws its own seed (recorded in the result).
    ``idle_pause``: whether gaps over 5 s stop the clock (default on in practice, off in
    test, where the limit is elapsed time from the first keystroke).
    ``complete_share``: practice only, the share (0..1) of the time or of the items after
    which a stopped run still counts as complete (``drills.completion``); a test is
    complete only when its time ran out or every item was answered.
    """

    time_limit_s: int | None
    item_count: int | None
    error_policy: ErrorPolicy
    seed: int | None
    hints: bool
    pause: bool
    adaptive: bool
    idle_pause: bool
    complete_share: Decimal = Decimal("0.5")
    form: Form = Form.FRESH


@dataclass(frozen=True, slots=True)
class GradeLevel:
    """One row of the pack's grade table: every ``figure -> minimum`` must be met.

    Figures are result figures such as ``net_kph``, ``cpm``, ``accuracy``, ``score``
    (the pack writes them as ``min_net_kph`` …); minima are exact decimals.
    """

    name: str
    thresholds: Mapping[str, Decimal]


@dataclass(frozen=True, slots=True)
class Scoring:
    """``error_penalty``: strokes subtracted per uncorrected error in net KPH.
    ``reference_speed``: speed (in the drill's speed unit) worth a score of 100 at full
    accuracy; None for drill types that score otherwise. ``extra``: validated values of
    the drill type's own ``[scoring]`` keys (e.g. points per voucher group)."""

    error_penalty: int
    reference_speed: Decimal | None
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class DrillDefinition:
    """One drill pack file, validated.

    ``id`` is the stable identifier trainers keep when they edit the file (each edit is
    a new content version, told apart by ``content_hash``, the sha256 of the raw bytes).
    ``content`` is the drill type's own validated generator/items object.
    ``modes`` holds only the modes the pack offers.
    """

    id: str
    drill_type: str
    language: str
    title: str
    instructions: str
    modes: Mapping[Mode, RunSettings]
    content: Any
    grades: tuple[GradeLevel, ...]
    scoring: Scoring
    content_hash: str
    source: str

    def settings(self, mode: Mode) -> RunSettings:
        """Settings for ``mode``; ValueError if the pack does not offer it."""
        try:
            return self.modes[Mode(mode)]
        except (KeyError, ValueError):
            raise ValueError(f"drill {self.id!r} has no {mode} mode") from None
