"""Making change on the result screen: how often each error happened (wrong total, not
the fewest pieces, wrong order; under 唱收唱付 the notes asked for and the amounts said)
and every customer with the change given."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from itertools import groupby

from PySide6.QtWidgets import QApplication

from svctrainer.core.drills.change_details import MakingChangeDetails
from svctrainer.core.drills.change_items import ChangeError, ChangeJudgement, ChangeTask
from svctrainer.core.durations import MS_PER_SECOND
from svctrainer.gui.drills.bank_display import bad_colour, money, piece_label
from svctrainer.gui.drills.change_view import change_error_name
from svctrainer.gui.drills.drill_ui import ResultBody, ResultSection, ResultTiles
from svctrainer.gui.drills.figures import number
from svctrainer.gui.drills.result_tables import note_label, result_table, section_box
from svctrainer.gui.i18n import fill, translate


def _pieces(values: Sequence[Decimal], code: str) -> str:
    """Pieces in the order given, repeats grouped: "3 × 1¢, 10¢, $1, $5"."""
    parts = []
    for value, same in groupby(values):
        count = len(list(same))
        label = piece_label(code, value)
        parts.append(f"{count} × {label}" if count > 1 else label)
    return ", ".join(parts)


def build(details: MakingChangeDetails) -> ResultBody:
    widget, box = section_box(translate("bank_drills", "Customers"), "changeCustomers")
    counts = details.error_counts
    announced = any(j.announced_paid is not None for j in details.items)
    if ChangeError.WRONG_PAID in counts or announced:
        parts = [
            fill(translate("bank_drills", "%1: %2"), change_error_name(ChangeError(c)), n)
            for c, n in counts.items()
        ]
        summary = fill(
            translate("bank_drills", "%1 of %2 customers served right. %3."),
            details.items_correct,
            details.items_done,
            " · ".join(parts),
        )
    else:
        summary = fill(
            translate(
                "bank_drills",
                "%1 of %2 changes right. Wrong total: %3 · not the fewest pieces: %4 · "
                "wrong order: %5.",
            ),
            details.items_correct,
            details.items_done,
            counts.get(ChangeError.WRONG_TOTAL, 0),
            counts.get(ChangeError.NOT_FEWEST, 0),
            counts.get(ChangeError.WRONG_ORDER, 0),
        )
    box.addWidget(note_label(summary, "changeSummary"))
    code = details.currency
    rows, bad = [], []
    for r, item in enumerate(details.items):
        if not item.correct:
            bad.append(r)
        row = [
            str(item.index + 1),
            _task_text(item),
            _pieces(item.item.tendered, code),
            money(item.item.change_due),
            "✓" if item.correct else "✗ " + ", ".join(change_error_name(e) for e in item.errors),
            f"{len(item.given)} / {item.fewest}",
            number(item.ms / MS_PER_SECOND, 1),
            _pieces(item.given, code),
        ]
        if announced:
            row.append(_said(item))
        rows.append(row)
    headers = [
        translate("bank_drills", "#"),
        translate("bank_drills", "Price"),
        translate("bank_drills", "Tendered"),
        translate("bank_drills", "Change due"),
        translate("bank_drills", "Verdict"),
        translate("bank_drills", "Pieces / fewest"),
        translate("bank_drills", "Seconds"),
        translate("bank_drills", "You gave (in order)"),
    ]
    if announced:
        headers[1] = translate("bank_drills", "Task")
        headers[3] = translate("bank_drills", "Due")
        headers[-1] = translate("bank_drills", "You gave")
        headers.append(translate("bank_drills", "Said (received / paid)"))
    colour = bad_colour(QApplication.palette())
    box.addWidget(
        result_table(
            headers,
            rows,
            "changeItemTable",
            bad_rows=bad,
            bad_colour=colour,
            right_aligned=(0, 1, 3, 5, 6),
            max_height=380,
        )
    )
    return ResultBody(main=widget)


def _task_text(item: ChangeJudgement) -> str:
    """The price of a sale; what a payout or an exchange was, with the notes asked for."""
    task = item.item.task
    if task is ChangeTask.SALE:
        return money(item.item.price)
    asked = ", ".join(f"{n} × {money(v, decimals=0)}" for v, n in item.item.request)
    if task is ChangeTask.PAYOUT:
        return fill(translate("bank_drills", "payout (%1)"), asked)
    return fill(translate("bank_drills", "exchange (%1)"), asked)


def _said(item: ChangeJudgement) -> str:
    received = "—" if item.announced_received is None else money(item.announced_received)
    paid = "—" if item.announced_paid is None else money(item.announced_paid)
    return f"{received} / {paid}"


def tiles(details: MakingChangeDetails) -> ResultTiles:
    wrong = details.items_done - details.items_correct
    return ResultTiles(
        errors=translate("bank_drills", "%n change(s)", None, wrong),
        corrections=details.corrections,
    )


CHANGE_SECTION = ResultSection(tiles, build)
