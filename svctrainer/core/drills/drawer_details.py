"""What a drawer-balancing run stores: its figures and every case (day) — the
difference, the voucher and error named against the right ones, points and time
(``drawer_balancing`` makes them; the case model is in ``drawer_case``).

Layout 1 (``DrawerBalancingDetails.VERSION``). A case of a pack with the 长短款 report
step also stores ``report`` (over or short) and ``report_right``; without the step (and
in rows stored before it existed) the two keys are absent. Vouchers are numbered from 1
as on screen; amounts are stored as text.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Self

from svctrainer.core.currency import amount_text, face_text
from svctrainer.core.drills.details import Details, DetailsError, Fields
from svctrainer.core.drills.drawer_case import ErrorKind, OverShort


def _error_kind(f: Fields, key: str) -> ErrorKind:
    text = f.text(key)
    if text not in set(ErrorKind):
        raise DetailsError(f"{f.where}.{key}: {text!r} is not an error kind")
    return ErrorKind(text)


@dataclass(frozen=True, slots=True)
class DrawerCaseRecord:
    """One answered case: the ``difference`` to explain, the voucher and error the
    trainee chose, the one seeded (with the posted amount, or the listed and handed
    denominations), every (voucher, error) accepted as right, and the verdict."""

    index: int
    difference: Decimal
    chosen_voucher: int
    chosen_kind: ErrorKind
    seeded_voucher: int
    seeded_kind: ErrorKind
    posted: Decimal | None
    listed: Decimal | None
    handed: Decimal | None
    accepted: tuple[tuple[int, ErrorKind], ...]
    voucher_right: bool
    kind_right: bool
    points: int
    ms: int
    report: OverShort | None = None
    report_right: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "difference": amount_text(self.difference),
            "chosen_voucher": self.chosen_voucher,
            "chosen_kind": str(self.chosen_kind),
            "seeded_voucher": self.seeded_voucher,
            "seeded_kind": str(self.seeded_kind),
            "posted": None if self.posted is None else amount_text(self.posted),
            "listed": None if self.listed is None else face_text(self.listed),
            "handed": None if self.handed is None else face_text(self.handed),
            "accepted": sorted([voucher, str(kind)] for voucher, kind in self.accepted),
            "voucher_right": self.voucher_right,
            "kind_right": self.kind_right,
            "points": self.points,
            "ms": self.ms,
            **(
                {}
                if self.report is None
                else {"report": str(self.report), "report_right": self.report_right}
            ),
        }

    @classmethod
    def read(cls, f: Fields) -> DrawerCaseRecord:
        report = f.optional_text("report")
        if report is not None and report not in set(OverShort):
            raise DetailsError(f"{f.where}.report: {report!r} is not over or short")
        return cls(
            index=f.integer("index"),
            difference=f.decimal("difference"),
            chosen_voucher=f.integer("chosen_voucher"),
            chosen_kind=_error_kind(f, "chosen_kind"),
            seeded_voucher=f.integer("seeded_voucher"),
            seeded_kind=_error_kind(f, "seeded_kind"),
            posted=f.optional_decimal("posted"),
            listed=f.optional_decimal("listed"),
            handed=f.optional_decimal("handed"),
            accepted=_accepted(f),
            voucher_right=f.flag("voucher_right"),
            kind_right=f.flag("kind_right"),
            points=f.integer("points"),
            ms=f.integer("ms"),
            report=None if report is None else OverShort(report),
            report_right=f.optional_flag("report_right"),
        )


def _accepted(f: Fields) -> tuple[tuple[int, ErrorKind], ...]:
    def pair(value: Any) -> tuple[int, ErrorKind] | None:
        if not isinstance(value, list) or len(value) != 2:
            return None
        voucher, kind = value
        if type(voucher) is not int or kind not in set(ErrorKind):
            return None
        return voucher, ErrorKind(kind)

    return f.values("accepted", pair, "[voucher, error] pairs")


@dataclass(frozen=True, slots=True)
class DrawerBalancingDetails(Details):
    """Figures, the currency, cases answered, vouchers found, cases fully right, points
    (of 100 per case) and the points for the voucher alone, every case, strokes per
    active second."""

    cases_per_hour: float
    accuracy: float
    score: float
    currency: str
    cases_done: int
    vouchers_found: int
    cases_right: int
    points: int
    row_points: int
    cases: tuple[DrawerCaseRecord, ...]
    per_second: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "cases_per_hour": self.cases_per_hour,
            "accuracy": self.accuracy,
            "score": self.score,
            "currency": self.currency,
            "cases_done": self.cases_done,
            "vouchers_found": self.vouchers_found,
            "cases_right": self.cases_right,
            "points": self.points,
            "row_points": self.row_points,
            "cases": [c.to_dict() for c in self.cases],
            "per_second": list(self.per_second),
        }

    @classmethod
    def read(cls, f: Fields, version: int) -> Self:
        return cls(
            cases_per_hour=f.number("cases_per_hour"),
            accuracy=f.number("accuracy"),
            score=f.number("score"),
            currency=f.text("currency"),
            cases_done=f.integer("cases_done"),
            vouchers_found=f.integer("vouchers_found"),
            cases_right=f.integer("cases_right"),
            points=f.integer("points"),
            row_points=f.integer("row_points", 60),
            cases=f.records("cases", DrawerCaseRecord.read),
            per_second=f.integers("per_second"),
        )
