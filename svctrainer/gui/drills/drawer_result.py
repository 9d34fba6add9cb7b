"""Drawer balancing on the result screen: every day — the difference, the voucher and
error named against the right ones, the points and the time it took."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from svctrainer.core.drills.drawer_details import DrawerBalancingDetails
from svctrainer.gui.drills.bank_display import bad_colour, money
from svctrainer.gui.drills.drawer_view import error_kind_name, over_short_name
from svctrainer.gui.drills.drill_ui import ResultBody, ResultSection, ResultTiles
from svctrainer.gui.drills.figures import duration
from svctrainer.gui.drills.result_tables import note_label, result_table, section_box
from svctrainer.gui.i18n import fill, translate


def build(details: DrawerBalancingDetails) -> ResultBody:
    widget, box = section_box(translate("bank_drills", "Days"), "drawerDays")
    box.addWidget(
        note_label(
            fill(
                translate(
                    "bank_drills",
                    "%1 of %2 vouchers found, %3 with the right error; %4 points of %5.",
                ),
                str(details.vouchers_found),
                str(details.cases_done),
                str(details.cases_right),
                str(details.points),
                str(100 * details.cases_done),
            ),
            "drawerSummary",
        )
    )
    reported = any(c.report is not None for c in details.cases)  # the 长短款 step
    rows, bad = [], []
    for r, c in enumerate(details.cases):
        if not c.kind_right:
            bad.append(r)
        rows.append(
            [
                str(c.index + 1),
                money(c.difference),
                fill(
                    translate("bank_drills", "no. %1, %2"),
                    str(c.chosen_voucher),
                    error_kind_name(c.chosen_kind),
                ),
                fill(
                    translate("bank_drills", "no. %1, %2"),
                    str(c.seeded_voucher),
                    error_kind_name(c.seeded_kind),
                ),
                "✓" if c.voucher_right else "✗",
                "✓" if c.kind_right else "✗",
                str(c.points),
                duration(c.ms),
            ]
        )
        if reported:
            mark = "" if c.report_right is None else (" ✓" if c.report_right else " ✗")
            rows[-1].insert(6, "—" if c.report is None else over_short_name(c.report) + mark)
    headers = [
        translate("bank_drills", "Day"),
        translate("bank_drills", "Difference"),
        translate("bank_drills", "Your answer"),
        translate("bank_drills", "Right answer"),
        translate("bank_drills", "Voucher found"),
        translate("bank_drills", "Error right"),
        translate("bank_drills", "Points"),
        translate("bank_drills", "Time"),
    ]
    if reported:
        headers.insert(6, translate("DrawerResult", "Drawer reported"))
    colour = bad_colour(QApplication.palette())
    box.addWidget(
        result_table(
            headers,
            rows,
            "drawerCaseTable",
            bad_rows=bad,
            bad_colour=colour,
            right_aligned=(0, 1, 7, 8) if reported else (0, 1, 6, 7),
            stretch=3,
        )
    )
    return ResultBody(main=widget)


def tiles(details: DrawerBalancingDetails) -> ResultTiles:
    wrong = details.cases_done - details.cases_right  # lupdate reads only a plain name
    return ResultTiles(errors=translate("bank_drills", "%n day(s)", None, wrong))


DRAWER_SECTION = ResultSection(tiles, build)
