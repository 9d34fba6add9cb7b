"""Voucher summing on the result screen: every group (vouchers, row, entries, the total
given and the right one, points) and, for a wrong group, where its first wrong entry
was — which voucher and row, what was keyed, what was due."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtWidgets import QApplication, QWidget

from svctrainer.gui.drills.bank_display import bad_colour, money, tr
from svctrainer.gui.drills.result_sections import Details, ResultSection
from svctrainer.gui.drills.result_tables import note_label, result_table, section_box


def _amount(text: str | None) -> str:
    if text is None:
        return "—"
    try:
        return money(Decimal(text))
    except InvalidOperation:
        return text


def first_wrong_text(first: dict[str, Any] | None) -> str:
    """Where a group went wrong first, in words."""
    if not first:
        return ""
    kind = first.get("kind")
    if kind == "missing":
        return (
            tr("voucher %1, row %2: not added")
            .replace("%1", str(first.get("page")))
            .replace("%2", str(first.get("row")))
        )
    if kind == "extra":
        return (
            tr("amount %1 (%2) is one too many")
            .replace("%1", str(int(first.get("entry", 0)) + 1))
            .replace("%2", _amount(first.get("typed")))
        )
    text = (
        tr("voucher %1, row %2: keyed %3 for %4")
        .replace("%1", str(first.get("page")))
        .replace("%2", str(first.get("row")))
        .replace("%3", _amount(first.get("typed")))
        .replace("%4", _amount(first.get("expected")))
    )
    shown = first.get("page_shown")
    if shown is not None and shown != first.get("page"):
        text += tr(" (voucher %1 was open)").replace("%1", str(shown))
    return text


def _first_wrong_cell(group: dict[str, Any]) -> str:
    """Where a wrong group went wrong; for the group cut off by the time, only a wrong
    amount among those keyed (the rest were simply not reached)."""
    first = group.get("first_wrong")
    if group.get("correct") or not first:
        return ""
    if not group.get("submitted") and first.get("kind") == "missing":
        return ""
    return first_wrong_text(first)


def build(details: Details) -> QWidget:
    widget, box = section_box(tr("Groups"), "voucherGroups")
    groups: list[dict[str, Any]] = list(details.get("groups") or [])
    wrong = [int(g) + 1 for g in details.get("wrong_groups") or []]
    summary = (
        tr("%1 of %2 totals right; %3 points (%4 per right total")
        .replace("%1", str(int(details.get("groups_correct") or 0)))
        .replace("%2", str(details.get("groups_submitted", 0)))
        .replace("%3", str(int(details.get("score") or 0)))
        .replace("%4", str(details.get("points_per_group", 20)))
    )
    if details.get("partial_points"):
        summary += tr(", %1 for the unfinished group").replace(
            "%1", str(details.get("partial_points"))
        )
    summary += ")."
    if wrong:
        summary += " " + tr("Wrong totals in group(s) %1.").replace(
            "%1", ", ".join(map(str, wrong))
        )
    box.addWidget(note_label(summary, "voucherSummary"))
    rows = []
    bad = []
    for r, g in enumerate(groups):
        if not g.get("submitted"):
            outcome = tr("not finished")
        elif g.get("correct"):
            outcome = tr("right")
        else:
            outcome = tr("wrong")
            bad.append(r)
        rows.append(
            [
                str(int(g.get("index", 0)) + 1),
                f"{g.get('first_page')}–{g.get('last_page')}",
                str(g.get("row")),
                f"{g.get('right_entries', 0)} / {g.get('entries', 0)}",
                _amount(g.get("total")),
                _amount(g.get("expected_total")),
                outcome,
                str(g.get("points", 0)),
                _first_wrong_cell(g),
            ]
        )
    headers = [
        tr("Group"),
        tr("Vouchers"),
        tr("Row"),
        tr("Right / keyed"),
        tr("Your total"),
        tr("Right total"),
        tr("Result"),
        tr("Points"),
        tr("First wrong entry"),
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
    box.addWidget(
        note_label(
            tr("%1 amounts keyed, %2 right; %3 page turns; %4 corrections.")
            .replace("%1", str(details.get("entries", 0)))
            .replace("%2", str(details.get("right_entries", 0)))
            .replace("%3", str(details.get("flips", 0)))
            .replace("%4", str(details.get("corrections", 0)))
        )
    )
    return widget


def errors(details: Details) -> str:
    return tr("%n group(s)", len(details.get("wrong_groups") or []))


VOUCHER_SECTION = ResultSection(build, errors)
