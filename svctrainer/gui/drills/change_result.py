"""Making change on the result screen: how often each error happened (wrong total, not
the fewest pieces, wrong order) and every customer with the change given."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from itertools import groupby
from typing import Any

from PySide6.QtWidgets import QApplication, QWidget

from svctrainer.gui.drills.bank_display import bad_colour, money, piece_label, tr
from svctrainer.gui.drills.change_view import change_error_name
from svctrainer.gui.drills.figures import number
from svctrainer.gui.drills.result_sections import Details, ResultSection
from svctrainer.gui.drills.result_tables import note_label, result_table, section_box


def _pieces(values: list[Any], code: str) -> str:
    """Pieces in the order given, repeats grouped: "3 × 1¢, 10¢, $1, $5"."""
    parts = []
    for text, same in groupby(str(v) for v in values):
        count = len(list(same))
        try:
            label = piece_label(code, Decimal(text))
        except InvalidOperation:
            label = text
        parts.append(f"{count} × {label}" if count > 1 else label)
    return ", ".join(parts)


def _money(text: object) -> str:
    try:
        return money(Decimal(str(text)))
    except InvalidOperation:
        return str(text)


def build(details: Details) -> QWidget:
    widget, box = section_box(tr("Customers"), "changeCustomers")
    counts: dict[str, int] = dict(details.get("error_counts") or {})
    done = int(details.get("items_done", 0))
    box.addWidget(
        note_label(
            tr(
                "%1 of %2 changes right. Wrong total: %3 · not the fewest pieces: %4 · "
                "wrong order: %5."
            )
            .replace("%1", str(details.get("items_correct", 0)))
            .replace("%2", str(done))
            .replace("%3", str(counts.get("wrong_total", 0)))
            .replace("%4", str(counts.get("not_fewest", 0)))
            .replace("%5", str(counts.get("wrong_order", 0))),
            "changeSummary",
        )
    )
    items: list[dict[str, Any]] = list(details.get("items") or [])
    code = str(details.get("currency", ""))
    rows, bad = [], []
    for r, item in enumerate(items):
        if not item.get("correct"):
            bad.append(r)
        rows.append(
            [
                str(int(item.get("index", 0)) + 1),
                _money(item.get("price")),
                _pieces(list(item.get("tendered") or []), code),
                _money(item.get("change_due")),
                "✓"
                if item.get("correct")
                else "✗ " + ", ".join(change_error_name(e) for e in item.get("errors") or []),
                f"{item.get('pieces', 0)} / {item.get('fewest_pieces', 0)}",
                number(int(item.get("ms", 0)) / 1000, 1),
                _pieces(list(item.get("given") or []), code),
            ]
        )
    headers = [
        tr("#"),
        tr("Price"),
        tr("Tendered"),
        tr("Change due"),
        tr("Verdict"),
        tr("Pieces / fewest"),
        tr("Seconds"),
        tr("You gave (in order)"),
    ]
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
    return widget


def errors(details: Details) -> str:
    wrong = int(details.get("items_done", 0)) - int(details.get("items_correct", 0))
    return tr("%n change(s)", wrong)


CHANGE_SECTION = ResultSection(build, errors)
