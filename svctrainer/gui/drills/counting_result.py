"""Cash counting on the result screen: every bundle (its strap, time, flags, the
defects missed — which void it — wrong flags and counts, notes credited)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtWidgets import QApplication

from svctrainer.core.drills.cash_bundle import DefectKind
from svctrainer.core.drills.counting_details import CashCountingDetails
from svctrainer.gui.drills.bank_display import bad_colour, piece_label, tr
from svctrainer.gui.drills.drill_ui import ResultBody, ResultSection, ResultTiles
from svctrainer.gui.drills.figures import duration
from svctrainer.gui.drills.result_tables import note_label, result_table, section_box


def _short(kind: DefectKind | None) -> str:
    if kind is None:
        return "—"
    return {
        DefectKind.WRONG_DENOMINATION: tr("other denomination"),
        DefectKind.UNFIT: tr("unfit"),
        DefectKind.COUNTERFEIT: tr("counterfeit"),
    }[kind]


def _missed(positions: Iterable[int], seeded: Mapping[int, DefectKind]) -> str:
    """ "no. 37: unfit, no. 80: counterfeit" """
    return ", ".join(
        tr("no. %1: %2").replace("%1", str(p + 1)).replace("%2", _short(seeded.get(p)))
        for p in positions
    )


def _misclassified(
    positions: Iterable[int], seeded: Mapping[int, DefectKind], flags: Mapping[int, DefectKind]
) -> str:
    return ", ".join(
        tr("no. %1: %2, flagged %3")
        .replace("%1", str(p + 1))
        .replace("%2", _short(seeded.get(p)))
        .replace("%3", _short(flags.get(p)))
        for p in positions
    )


def build(details: CashCountingDetails) -> ResultBody:
    widget, box = section_box(tr("Bundles"), "countingBundles")
    code = details.currency
    summary = (
        tr("%1 of %2 bundles clean, %3 void. %4 notes credited of %5 counted.")
        .replace("%1", str(details.bundles_clean))
        .replace("%2", str(details.bundles_done))
        .replace("%3", str(details.bundles_void))
        .replace("%4", str(details.credited_notes))
        .replace("%5", str(details.notes_counted))
    )
    if details.missed_defects:
        summary += " " + tr("Missed defects: %1 — a missed defect voids its bundle.").replace(
            "%1", str(details.missed_defects)
        )
    box.addWidget(note_label(summary, "countingSummary"))
    rows, bad = [], []
    for r, b in enumerate(details.bundles):
        if b.void:
            outcome = tr("void")
        elif b.errors:
            outcome = tr("%n error(s)", b.errors)
        else:
            outcome = tr("clean")
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
        tr("Bundle"),
        tr("Strap"),
        tr("Time"),
        tr("Flags / defects"),
        tr("Missed"),
        tr("Wrong kind"),
        tr("Sound notes flagged"),
        tr("Counts wrong"),
        tr("Credited"),
        tr("Outcome"),
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
    errors = (
        tr("%1 (%2 missed)")
        .replace("%1", str(details.errors + details.missed_defects))
        .replace("%2", str(details.missed_defects))
    )
    return ResultTiles(errors=errors)


COUNTING_SECTION = ResultSection(tiles, build)
