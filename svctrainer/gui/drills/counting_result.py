"""Cash counting on the result screen: every bundle (its strap, time, flags, the
defects missed — which void it — wrong flags and counts, notes credited)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtWidgets import QApplication

from svctrainer.core.drills.cash_bundle import DefectKind
from svctrainer.core.drills.counting_details import CashCountingDetails
from svctrainer.gui.drills.bank_display import bad_colour, piece_label
from svctrainer.gui.drills.drill_ui import ResultBody, ResultSection, ResultTiles
from svctrainer.gui.drills.figures import duration
from svctrainer.gui.drills.result_tables import note_label, result_table, section_box
from svctrainer.gui.i18n import fill, translate


def _short(kind: DefectKind | None) -> str:
    if kind is None:
        return "—"
    return {
        DefectKind.WRONG_DENOMINATION: translate("bank_drills", "other denomination"),
        DefectKind.UNFIT: translate("bank_drills", "unfit"),
        DefectKind.COUNTERFEIT: translate("bank_drills", "counterfeit"),
    }[kind]


def _missed(positions: Iterable[int], seeded: Mapping[int, DefectKind]) -> str:
    """ "no. 37: unfit, no. 80: counterfeit" """
    return ", ".join(
        fill(translate("bank_drills", "no. %1: %2"), str(p + 1), _short(seeded.get(p)))
        for p in positions
    )


def _misclassified(
    positions: Iterable[int], seeded: Mapping[int, DefectKind], flags: Mapping[int, DefectKind]
) -> str:
    return ", ".join(
        fill(
            translate("bank_drills", "no. %1: %2, flagged %3"),
            str(p + 1),
            _short(seeded.get(p)),
            _short(flags.get(p)),
        )
        for p in positions
    )


def build(details: CashCountingDetails) -> ResultBody:
    widget, box = section_box(translate("bank_drills", "Bundles"), "countingBundles")
    code = details.currency
    summary = fill(
        translate(
            "bank_drills", "%1 of %2 bundles clean, %3 void. %4 notes credited of %5 counted."
        ),
        str(details.bundles_clean),
        str(details.bundles_done),
        str(details.bundles_void),
        str(details.credited_notes),
        str(details.notes_counted),
    )
    if details.missed_defects:
        summary += " " + fill(
            translate("bank_drills", "Missed defects: %1 — a missed defect voids its bundle."),
            str(details.missed_defects),
        )
    box.addWidget(note_label(summary, "countingSummary"))
    rows, bad = [], []
    for r, b in enumerate(details.bundles):
        if b.void:
            outcome = translate("bank_drills", "void")
        elif b.errors:
            errors = b.errors  # lupdate reads only a plain name as translate()'s count
            outcome = translate("bank_drills", "%n error(s)", None, errors)
        else:
            outcome = translate("bank_drills", "clean")
        if b.void or b.errors:
            bad.append(r)
        rows.append(
            [
                str(b.index + 1),
                piece_label(code, b.main),
                duration(b.ms),
                f"{len(b.flags)} / {len(b.seeded)}",
                _missed(b.missed, b.seeded),
                _misclassified(b.misclassified, b.seeded, b.flags),
                ", ".join(str(p + 1) for p in b.false_flags),
                ", ".join(piece_label(code, v) for v in b.wrong_counts),
                str(b.credited_notes),
                outcome,
            ]
        )
    headers = [
        translate("bank_drills", "Bundle"),
        translate("bank_drills", "Strap"),
        translate("bank_drills", "Time"),
        translate("bank_drills", "Flags / defects"),
        translate("bank_drills", "Missed"),
        translate("bank_drills", "Wrong kind"),
        translate("bank_drills", "Sound notes flagged"),
        translate("bank_drills", "Counts wrong"),
        translate("bank_drills", "Credited"),
        translate("bank_drills", "Outcome"),
    ]
    colour = bad_colour(QApplication.palette())
    box.addWidget(
        result_table(
            headers,
            rows,
            "countingBundleTable",
            bad_rows=bad,
            bad_colour=colour,
            right_aligned=(0, 2, 3, 8),
        )
    )
    return ResultBody(main=widget)


def tiles(details: CashCountingDetails) -> ResultTiles:
    errors = fill(
        translate("bank_drills", "%1 (%2 missed)"),
        str(details.errors + details.missed_defects),
        str(details.missed_defects),
    )
    return ResultTiles(errors=errors)


COUNTING_SECTION = ResultSection(tiles, build)
