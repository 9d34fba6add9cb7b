"""Drawer balancing on the result screen: every day — the difference, the voucher and
error named against the right ones, the points and the time it took."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtWidgets import QApplication, QWidget

from svctrainer.gui.drills.bank_display import bad_colour, money, tr
from svctrainer.gui.drills.drawer_view import error_kind_name
from svctrainer.gui.drills.figures import duration
from svctrainer.gui.drills.result_sections import Details, ResultSection
from svctrainer.gui.drills.result_tables import note_label, result_table, section_box


def _money(text: object) -> str:
    try:
        return money(Decimal(str(text)))
    except InvalidOperation:
        return str(text)


def build(details: Details) -> QWidget:
    widget, box = section_box(tr("Days"), "drawerDays")
    cases: list[dict[str, Any]] = list(details.get("cases") or [])
    box.addWidget(
        note_label(
            tr("%1 of %2 vouchers found, %3 with the right error; %4 points of %5.")
            .replace("%1", str(details.get("vouchers_found", 0)))
            .replace("%2", str(details.get("cases_done", 0)))
            .replace("%3", str(details.get("cases_right", 0)))
            .replace("%4", str(details.get("points", 0)))
            .replace("%5", str(100 * int(details.get("cases_done", 0)))),
            "drawerSummary",
        )
    )
    rows, bad = [], []
    for r, c in enumerate(cases):
        if not c.get("kind_right"):
            bad.append(r)
        rows.append(
            [
                str(int(c.get("index", 0)) + 1),
                _money(c.get("difference")),
                tr("no. %1, %2")
                .replace("%1", str(c.get("chosen_voucher")))
                .replace("%2", error_kind_name(str(c.get("chosen_kind")))),
                tr("no. %1, %2")
                .replace("%1", str(c.get("seeded_voucher")))
                .replace("%2", error_kind_name(str(c.get("seeded_kind")))),
                "✓" if c.get("voucher_right") else "✗",
                "✓" if c.get("kind_right") else "✗",
                str(c.get("points", 0)),
                duration(int(c.get("ms", 0))),
            ]
        )
    headers = [
        tr("Day"),
        tr("Difference"),
        tr("Your answer"),
        tr("Right answer"),
        tr("Voucher found"),
        tr("Error right"),
        tr("Points"),
        tr("Time"),
    ]
    colour = bad_colour(QApplication.palette())
    box.addWidget(
        result_table(
            headers,
            rows,
            "drawerCaseTable",
            bad_rows=bad,
            bad_colour=colour,
            right_aligned=(0, 1, 6, 7),
            stretch=3,
        )
    )
    return widget


def errors(details: Details) -> str:
    wrong = int(details.get("cases_done", 0)) - int(details.get("cases_right", 0))
    return tr("%n day(s)", wrong)


DRAWER_SECTION = ResultSection(build, errors)
