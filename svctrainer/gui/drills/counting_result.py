"""Cash counting on the result screen: every bundle (its strap, time, flags, the
defects missed — which void it — wrong flags and counts, notes credited)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtWidgets import QApplication, QWidget

from svctrainer.gui.drills.bank_display import bad_colour, piece_label, tr
from svctrainer.gui.drills.figures import duration
from svctrainer.gui.drills.result_sections import Details, ResultSection
from svctrainer.gui.drills.result_tables import note_label, result_table, section_box


def _short(kind: object) -> str:
    return {
        "wrong_denomination": tr("other denomination"),
        "unfit": tr("unfit"),
        "counterfeit": tr("counterfeit"),
    }.get(str(kind), str(kind))


def _missed(positions: list[Any], seeded: dict[str, str]) -> str:
    """ "no. 37: unfit, no. 80: counterfeit" """
    return ", ".join(
        tr("no. %1: %2").replace("%1", str(int(p) + 1)).replace("%2", _short(seeded.get(str(p))))
        for p in positions
    )


def _misclassified(positions: list[Any], seeded: dict[str, str], flags: dict[str, str]) -> str:
    return ", ".join(
        tr("no. %1: %2, flagged %3")
        .replace("%1", str(int(p) + 1))
        .replace("%2", _short(seeded.get(str(p))))
        .replace("%3", _short(flags.get(str(p))))
        for p in positions
    )


def _face(code: str, value: object) -> str:
    try:
        return piece_label(code, Decimal(str(value)))
    except InvalidOperation:
        return str(value)


def build(details: Details) -> QWidget:
    widget, box = section_box(tr("Bundles"), "countingBundles")
    bundles: list[dict[str, Any]] = list(details.get("bundles") or [])
    code = str(details.get("currency", ""))
    missed_total = int(details.get("missed_defects", 0))
    summary = (
        tr("%1 of %2 bundles clean, %3 void. %4 notes credited of %5 counted.")
        .replace("%1", str(details.get("bundles_clean", 0)))
        .replace("%2", str(details.get("bundles_done", 0)))
        .replace("%3", str(details.get("bundles_void", 0)))
        .replace("%4", str(details.get("credited_notes", 0)))
        .replace("%5", str(details.get("notes_counted", 0)))
    )
    if missed_total:
        summary += " " + tr("Missed defects: %1 — a missed defect voids its bundle.").replace(
            "%1", str(missed_total)
        )
    box.addWidget(note_label(summary, "countingSummary"))
    rows, bad = [], []
    for r, b in enumerate(bundles):
        seeded = dict(b.get("seeded") or {})
        flags = dict(b.get("flags") or {})
        if b.get("void"):
            outcome = tr("void")
        elif b.get("errors"):
            outcome = tr("%n error(s)", int(b.get("errors", 0)))
        else:
            outcome = tr("clean")
        if b.get("void") or b.get("errors"):
            bad.append(r)
        wrong_counts = ", ".join(_face(code, v) for v in b.get("wrong_counts") or [])
        rows.append(
            [
                str(int(b.get("index", 0)) + 1),
                _face(code, b.get("denomination", "")),
                duration(int(b.get("ms", 0))),
                f"{len(flags)} / {len(seeded)}",
                _missed(list(b.get("missed") or []), seeded),
                _misclassified(list(b.get("misclassified") or []), seeded, flags),
                ", ".join(str(int(p) + 1) for p in b.get("false_flags") or []),
                wrong_counts,
                str(b.get("credited_notes", 0)),
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
    return widget


def errors(details: Details) -> str:
    return (
        tr("%1 (%2 missed)")
        .replace("%1", str(int(details.get("errors", 0)) + int(details.get("missed_defects", 0))))
        .replace("%2", str(details.get("missed_defects", 0)))
    )


COUNTING_SECTION = ResultSection(build, errors)
