"""Voucher summing on the result screen: every group (vouchers, row, entries, the total
given and the right one, points) and, for a wrong group, where its first wrong entry
was — which voucher and row, what was keyed, what was due."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QApplication

from svctrainer.core.drills.voucher_details import (
    EXTRA,
    MISSING,
    FirstWrong,
    VoucherDetails,
    VoucherGroup,
)
from svctrainer.gui.drills.bank_display import bad_colour, money
from svctrainer.gui.drills.drill_ui import ResultBody, ResultSection, ResultTiles
from svctrainer.gui.drills.result_tables import note_label, result_table, section_box
from svctrainer.gui.i18n import fill, translate


def _amount(value: Decimal | None) -> str:
    return "—" if value is None else money(value)


def first_wrong_text(first: FirstWrong | None) -> str:
    """Where a group went wrong first, in words."""
    if first is None:
        return ""
    if first.kind == MISSING:
        return fill(
            translate("bank_drills", "voucher %1, row %2: not added"),
            str(first.page),
            str(first.row),
        )
    if first.kind == EXTRA:
        return fill(
            translate("bank_drills", "amount %1 (%2) is one too many"),
            str(first.entry + 1),
            _typed(first.typed),
        )
    text = fill(
        translate("bank_drills", "voucher %1, row %2: keyed %3 for %4"),
        str(first.page),
        str(first.row),
        _typed(first.typed),
        _amount(first.expected),
    )
    if first.page_shown is not None and first.page_shown != first.page:
        text += fill(translate("bank_drills", " (voucher %1 was open)"), str(first.page_shown))
    return text


def _typed(text: str | None) -> str:
    """What was keyed, shown as an amount when it reads as one (as keyed otherwise)."""
    if text is None:
        return "—"
    try:
        return money(Decimal(text))
    except ArithmeticError:
        return text


def _first_wrong_cell(group: VoucherGroup) -> str:
    """Where a wrong group went wrong; for the group cut off by the time, only a wrong
    amount among those keyed (the rest were simply not reached)."""
    first = group.first_wrong
    if group.correct or first is None:
        return ""
    if not group.submitted and first.kind == MISSING:
        return ""
    return first_wrong_text(first)


def build(details: VoucherDetails) -> ResultBody:
    widget, box = section_box(translate("bank_drills", "Groups"), "voucherGroups")
    wrong = [g + 1 for g in details.wrong_groups]
    # Whole sentences, so that each language can order its own words (a sentence glued
    # from fragments and a closing ")." read wrongly in Chinese).
    summary = fill(
        translate("bank_drills", "%1 of %2 totals right: %3 points (%4 per right total)."),
        str(int(details.groups_correct)),
        str(details.groups_submitted),
        str(int(details.score)),
        str(details.points_per_group),
    )
    if details.partial_points:
        summary += " " + fill(
            translate("bank_drills", "The unfinished group scores %1 points."),
            str(details.partial_points),
        )
    if wrong:
        count = len(wrong)  # lupdate reads only a plain name as translate()'s count
        summary += " " + fill(
            translate("bank_drills", "Wrong total in %n group(s): %1.", None, count),
            ", ".join(map(str, wrong)),
        )
    box.addWidget(note_label(summary, "voucherSummary"))
    rows = []
    bad = []
    for r, g in enumerate(details.groups):
        if not g.submitted:
            outcome = translate("bank_drills", "not finished")
        elif g.correct:
            outcome = translate("bank_drills", "right")
        else:
            outcome = translate("bank_drills", "wrong")
            bad.append(r)
        rows.append(
            [
                str(g.index + 1),
                f"{g.first_page}–{g.last_page}",
                str(g.row),
                f"{g.right_entries} / {g.entries}",
                _amount(g.total),
                _amount(g.expected_total),
                outcome,
                str(g.points),
                _first_wrong_cell(g),
            ]
        )
    headers = [
        translate("bank_drills", "Group"),
        translate("bank_drills", "Vouchers"),
        translate("bank_drills", "Row"),
        translate("bank_drills", "Right / keyed"),
        translate("bank_drills", "Your total"),
        translate("bank_drills", "Right total"),
        translate("bank_drills", "Result"),
        translate("bank_drills", "Points"),
        translate("bank_drills", "First wrong entry"),
    ]
    colour = bad_colour(QApplication.palette())
    box.addWidget(
        result_table(
            headers,
            rows,
            "voucherGroupTable",
            bad_rows=bad,
            bad_colour=colour,
            right_aligned=(0, 2, 3, 4, 5, 7),
        )
    )
    corrections = details.corrections  # lupdate reads only a plain name as the count
    box.addWidget(
        note_label(
            fill(
                translate(
                    "bank_drills",
                    "%1 amounts keyed, %2 right; %3 page turns; %n correction(s).",
                    None,
                    corrections,
                ),
                str(details.entries),
                str(details.right_entries),
                str(details.flips),
            )
        )
    )
    return ResultBody(main=widget)


def tiles(details: VoucherDetails) -> ResultTiles:
    wrong = len(details.wrong_groups)  # lupdate reads only a plain name as the count
    return ResultTiles(
        errors=translate("bank_drills", "%n group(s)", None, wrong),
        corrections=details.corrections,
        consistency=details.consistency,
        gross_kph=details.gross_kph,
    )


VOUCHER_SECTION = ResultSection(tiles, build)
