"""A bundle of notes with seeded defects, how each note is drawn, and how a counted
bundle is judged (the contest rules of the cash-counting drill).

Defects (at most one per note, at distinct random positions):

- ``wrong_denomination``: a genuine note of another denomination slipped into the bundle;
- ``unfit``: a genuine note of the bundle's denomination, torn or stained (overlay);
- ``counterfeit``: a suspect note of the bundle's denomination lacking one security
  feature (no watermark, or no security thread).

The correct report counts the genuine notes per denomination: unfit notes count at face
value (they are exchanged, not refused), suspect counterfeits count nowhere (they are
withheld, not credited to the customer).

Judging a bundle: a seeded defect left unflagged is *missed* and voids the bundle (when
the pack keeps ``void_on_missed_defect``); a defect flagged with the wrong kind, a flag
on a sound note, and each denomination whose reported count is wrong are one error
each (a missed defect too, when the bundle is not voided). A bundle's credited notes
are 0 when void, else max(0, size − errors × penalty).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from svctrainer.core.currency import CurrencySet, Denomination, amount_text, face_text
from svctrainer.core.drills.details import DetailsError, Fields, parse_decimal
from svctrainer.core.drills.seeded_random import SeededRandom


class DefectKind(StrEnum):
    WRONG_DENOMINATION = "wrong_denomination"
    UNFIT = "unfit"
    COUNTERFEIT = "counterfeit"


UNFIT_OVERLAYS = ("tear", "stain")
SECURITY_FEATURES = ("watermark", "thread")
FEATURE_IMAGES = {"watermark": "feature-watermark.svg", "thread": "feature-thread.svg"}
OVERLAY_IMAGES = {"tear": "overlay-tear.svg", "stain": "overlay-stain.svg"}
_SERIAL_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
# Geometry of every note image, in its own viewBox units, for the GUI to place text on it.
NOTE_VIEWBOX = (320, 160)  # width, height; every layer of a note shares this box
SERIAL_BOX = (24, 128, 112, 18)  # x, y, width, height: where the serial number goes
GENERIC_LABEL_AT = (118, 92)  # centre of the face value on a generic note
COIN_VIEWBOX = (120, 120)  # coins; a generic coin's label goes at its centre


@dataclass(frozen=True, slots=True)
class NoteVisual:
    """How to draw a note: ``layers`` are files in ``assets/notes/`` drawn in order onto
    the same rectangle (``NOTE_VIEWBOX``: base note, its security features, a damage
    overlay). ``label`` is text the GUI writes at ``GENERIC_LABEL_AT`` on a generic base
    image (pack-defined notes), else None; ``serial`` goes in ``SERIAL_BOX``."""

    layers: tuple[str, ...]
    label: str | None
    serial: str


@dataclass(frozen=True, slots=True)
class BundleNote:
    denomination: Denomination
    defect: DefectKind | None
    overlay: str | None  # an UNFIT_OVERLAYS entry for unfit notes
    missing: str | None  # a SECURITY_FEATURES entry for suspect counterfeits
    serial: str

    @property
    def visual(self) -> NoteVisual:
        layers = [self.denomination.image]
        layers += [FEATURE_IMAGES[f] for f in SECURITY_FEATURES if f != self.missing]
        if self.overlay is not None:
            layers.append(OVERLAY_IMAGES[self.overlay])
        label = self.denomination.label if self.denomination.generic_image else None
        return NoteVisual(tuple(layers), label, self.serial)


@dataclass(frozen=True, slots=True)
class Bundle:
    main: Denomination
    notes: tuple[BundleNote, ...]

    @property
    def seeded(self) -> dict[int, DefectKind]:
        return {i: n.defect for i, n in enumerate(self.notes) if n.defect is not None}

    def expected_counts(self, values: Sequence[Decimal]) -> dict[Decimal, int]:
        """Genuine notes per denomination (each of ``values``), counterfeits excluded."""
        counts = dict.fromkeys(values, 0)
        for note in self.notes:
            if note.defect is not DefectKind.COUNTERFEIT:
                counts[note.denomination.value] = counts.get(note.denomination.value, 0) + 1
        return counts


@dataclass(frozen=True, slots=True)
class DefectPlan:
    """How many defects of each kind a bundle gets.

    Per kind: (min, max) of each kind, drawn per bundle (packs written before ``total``).
    With ``total`` (min, max): the number of defects is drawn first, then each defect's
    kind from ``kinds``, equally likely, so a teller cannot know how many to look for
    nor of which kinds; every form draws from the same distribution."""

    wrong_denomination: tuple[int, int] = (1, 1)
    unfit: tuple[int, int] = (1, 1)
    counterfeit: tuple[int, int] = (1, 1)
    total: tuple[int, int] | None = None
    kinds: tuple[DefectKind, ...] = tuple(DefectKind)

    @property
    def most(self) -> int:
        if self.total is not None:
            return self.total[1]
        return self.wrong_denomination[1] + self.unfit[1] + self.counterfeit[1]


def serial_number(rng: SeededRandom) -> str:
    letters = "".join(rng.choice(_SERIAL_LETTERS) for _ in range(2))
    return f"{letters} {rng.below(10**8):08d}"


def draw_bundle(
    rng: SeededRandom,
    currency: CurrencySet,
    mains: Sequence[Denomination],
    size: int | tuple[int, int],
    plan: DefectPlan,
) -> Bundle:
    """A bundle of ``size`` notes (or of a size drawn from the range, e.g. 98–102: a
    teller must count to know it) of one of ``mains`` with the planned defects.
    Requires a size ≥ the planned maximum and, for wrong denominations, a second note.
    A fixed size and per-kind plan draw exactly as before sizes and totals existed, so
    the bundles of older packs (and their stored attempts) stay the same."""
    main = rng.choice(mains)
    if isinstance(size, tuple):
        size = rng.between(*size)
    others = [d for d in currency.notes if d.value != main.value]
    kinds: list[DefectKind] = []
    if plan.total is not None:
        allowed = [k for k in plan.kinds if others or k is not DefectKind.WRONG_DENOMINATION]
        kinds = [rng.choice(allowed) for _ in range(rng.between(*plan.total))]
    for kind, (low, high) in (
        (DefectKind.WRONG_DENOMINATION, plan.wrong_denomination),
        (DefectKind.UNFIT, plan.unfit),
        (DefectKind.COUNTERFEIT, plan.counterfeit),
    ):
        if plan.total is not None:
            break
        if kind is DefectKind.WRONG_DENOMINATION and not others:
            continue
        kinds += [kind] * rng.between(low, high)
    positions = list(range(size))
    chosen: dict[int, DefectKind] = {}
    for kind in kinds:  # a partial Fisher-Yates shuffle picks distinct positions
        k = len(chosen)
        j = k + rng.below(size - k)
        positions[k], positions[j] = positions[j], positions[k]
        chosen[positions[k]] = kind
    notes: list[BundleNote] = []
    for index in range(size):
        defect = chosen.get(index)
        serial = serial_number(rng)
        if defect is DefectKind.WRONG_DENOMINATION:
            notes.append(BundleNote(rng.choice(others), defect, None, None, serial))
        elif defect is DefectKind.UNFIT:
            notes.append(BundleNote(main, defect, rng.choice(UNFIT_OVERLAYS), None, serial))
        elif defect is DefectKind.COUNTERFEIT:
            notes.append(BundleNote(main, defect, None, rng.choice(SECURITY_FEATURES), serial))
        else:
            notes.append(BundleNote(main, None, None, None, serial))
    return Bundle(main, tuple(notes))


@dataclass(frozen=True, slots=True)
class BundleJudgement:
    """The verdict on one counted bundle (positions are 0-based note indexes)."""

    index: int
    main: Decimal
    size: int
    seeded: Mapping[int, DefectKind]
    flags: Mapping[int, DefectKind]
    missed: tuple[int, ...]
    misclassified: tuple[int, ...]
    false_flags: tuple[int, ...]
    reported: Mapping[Decimal, int]
    expected: Mapping[Decimal, int]
    wrong_counts: tuple[Decimal, ...]
    void: bool
    errors: int
    credited_notes: int
    ms: int

    @property
    def clean(self) -> bool:
        return not self.void and self.errors == 0 and not self.missed

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "denomination": amount_text(self.main),
            "size": self.size,
            "seeded": {str(i): str(k) for i, k in sorted(self.seeded.items())},
            "flags": {str(i): str(k) for i, k in sorted(self.flags.items())},
            "missed": list(self.missed),
            "misclassified": list(self.misclassified),
            "false_flags": list(self.false_flags),
            "reported": {face_text(v): n for v, n in self.reported.items()},
            "expected": {face_text(v): n for v, n in self.expected.items()},
            "wrong_counts": [face_text(v) for v in self.wrong_counts],
            "void": self.void,
            "errors": self.errors,
            "credited_notes": self.credited_notes,
            "ms": self.ms,
        }

    @classmethod
    def read(cls, f: Fields) -> BundleJudgement:
        """A judgement as stored in ``CashCountingDetails.bundles``."""
        return cls(
            index=f.integer("index"),
            main=f.decimal("denomination"),
            size=f.integer("size"),
            seeded=_positions(f, "seeded"),
            flags=_positions(f, "flags"),
            missed=f.integers("missed"),
            misclassified=f.integers("misclassified"),
            false_flags=f.integers("false_flags"),
            reported=_counts_by_face(f, "reported"),
            expected=_counts_by_face(f, "expected"),
            wrong_counts=f.decimals("wrong_counts"),
            void=f.flag("void"),
            errors=f.integer("errors"),
            credited_notes=f.integer("credited_notes"),
            ms=f.integer("ms"),
        )


def _positions(f: Fields, key: str) -> dict[int, DefectKind]:
    """``{"37": "unfit"}`` as stored -> {37: DefectKind.UNFIT}."""
    out: dict[int, DefectKind] = {}
    for position, kind in f.table(key).items():
        if not position.isdigit() or kind not in set(DefectKind):
            raise DetailsError(f"{f.where}.{key}: {position!r}: {kind!r} is not a defect")
        out[int(position)] = DefectKind(kind)
    return out


def _counts_by_face(f: Fields, key: str) -> dict[Decimal, int]:
    """``{"100": 98}`` as stored -> {Decimal(100): 98}."""
    where = f"{f.where}.{key}"
    return {parse_decimal(face, where): n for face, n in f.counts(key).items()}


def judge_bundle(
    bundle: Bundle,
    flags: Mapping[int, DefectKind],
    reported: Mapping[Decimal, int],
    *,
    void_on_missed: bool = True,
    penalty: int = 10,
    index: int = 0,
    ms: int = 0,
) -> BundleJudgement:
    """Apply the contest rules (module docstring) to a counted bundle. ``reported`` maps
    every denomination of the report form to the number typed (0 for empty)."""
    seeded = bundle.seeded
    missed = tuple(i for i in sorted(seeded) if i not in flags)
    misclassified = tuple(i for i in sorted(seeded) if i in flags and flags[i] != seeded[i])
    false_flags = tuple(i for i in sorted(flags) if i not in seeded)
    expected = bundle.expected_counts(list(reported))
    wrong = tuple(v for v in reported if reported[v] != expected.get(v, 0))
    errors = len(misclassified) + len(false_flags) + len(wrong)
    void = bool(missed) and void_on_missed
    if not void_on_missed:
        errors += len(missed)  # not voiding, a missed defect is still an error
    credited = 0 if void else max(0, len(bundle.notes) - errors * penalty)
    return BundleJudgement(
        index=index,
        main=bundle.main.value,
        size=len(bundle.notes),
        seeded=seeded,
        flags=dict(flags),
        missed=missed,
        misclassified=misclassified,
        false_flags=false_flags,
        reported=dict(reported),
        expected=expected,
        wrong_counts=wrong,
        void=void,
        errors=errors,
        credited_notes=credited,
        ms=ms,
    )
