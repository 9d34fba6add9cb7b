"""The counter procedure on the result screen: a line per customer (points, faults,
breach, time) and, per customer, the standard order beside the teller's — each standard
step with its verdict, and what the teller did at that place."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QTableWidget, QTabWidget

from svctrainer.core.drills.procedure_case import StepFault
from svctrainer.core.drills.procedure_details import ProcedureCaseRecord, ProcedureDetails
from svctrainer.gui.drills.bank_display import bad_colour
from svctrainer.gui.drills.drill_ui import ResultBody, ResultSection, ResultTiles
from svctrainer.gui.drills.figures import duration
from svctrainer.gui.drills.procedure_view import fault_name
from svctrainer.gui.drills.result_tables import note_label, result_table, section_box
from svctrainer.gui.i18n import fill, translate


def build(details: ProcedureDetails) -> ResultBody:
    widget, box = section_box(translate("ProcedureResult", "Customers served"), "procedureCases")
    box.addWidget(
        note_label(
            fill(
                translate(
                    "ProcedureResult",
                    "%1 of %2 steps right: %3 missing, %4 out of order, %5 with the wrong "
                    "words; %6 wrong card(s) taken; %7 compliance breach(es).",
                ),
                details.steps_right,
                details.steps_total,
                details.missing,
                details.out_of_order,
                details.wrong_phrase,
                details.decoys_taken,
                details.breaches,
            ),
            "procedureSummary",
        )
    )
    colour = bad_colour(QApplication.palette())
    rows, bad = [], []
    for r, case in enumerate(details.cases):
        if case.points < 100:
            bad.append(r)
        rows.append(
            [
                str(case.index + 1),
                case.title,
                str(case.count(StepFault.MISSING)),
                str(case.count(StepFault.OUT_OF_ORDER)),
                str(case.count(StepFault.WRONG_PHRASE)),
                str(case.decoys_taken),
                translate("ProcedureResult", "breach") if case.breach else "",
                str(case.points),
                duration(case.ms),
            ]
        )
    headers = [
        translate("ProcedureResult", "Customer"),
        translate("ProcedureResult", "Transaction"),
        translate("ProcedureResult", "Missing"),
        translate("ProcedureResult", "Out of order"),
        translate("ProcedureResult", "Wrong words"),
        translate("ProcedureResult", "Wrong cards"),
        translate("ProcedureResult", "Compliance"),
        translate("ProcedureResult", "Points"),
        translate("ProcedureResult", "Time"),
    ]
    box.addWidget(
        result_table(
            headers,
            rows,
            "procedureCaseTable",
            bad_rows=bad,
            bad_colour=colour,
            right_aligned=(0, 2, 3, 4, 5, 7, 8),
            stretch=1,
        )
    )
    if details.cases:
        box.addWidget(
            note_label(
                translate(
                    "ProcedureResult",
                    "The standard order beside yours (⚑ a compliance point):",
                )
            )
        )
        tabs = QTabWidget()
        tabs.setObjectName("procedureOrders")
        for case in details.cases:
            tabs.addTab(
                comparison_table(case),
                fill(translate("ProcedureResult", "%1. %2"), case.index + 1, case.title),
            )
        box.addWidget(tabs)
    return ResultBody(main=widget)


def comparison_table(case: ProcedureCaseRecord) -> QTableWidget:
    """Row i: the i-th standard step and its verdict, and the teller's i-th action."""
    colour = bad_colour(QApplication.palette())
    rows, bad = [], []
    for i in range(max(len(case.standard), len(case.taken))):
        standard = verdict = yours = ""
        if i < len(case.standard):
            step = case.standard[i]
            standard = ("⚑ " if step.gate else "") + step.label
            verdict = "✓" if step.fault is StepFault.RIGHT else "✗ " + fault_name(step.fault)
            if step.fault is StepFault.OUT_OF_ORDER and step.position is not None:
                verdict += " " + fill(translate("ProcedureResult", "(your step %1)"), step.position)
            if step.fault is not StepFault.RIGHT:
                bad.append(i)
        if i < len(case.taken):
            action = case.taken[i]
            yours = f"{i + 1}. {action.label}"
            if action.step_id is None:
                yours += " — " + translate("ProcedureResult", "not part of the procedure")
            elif action.phrase_right is False:
                yours += " — " + translate("ProcedureResult", "wrong words")
        rows.append([str(i + 1) if i < len(case.standard) else "", standard, verdict, yours])
    headers = [
        "#",
        translate("ProcedureResult", "Standard order"),
        translate("ProcedureResult", "Verdict"),
        translate("ProcedureResult", "Your order"),
    ]
    table = result_table(
        headers,
        rows,
        f"procedureOrder_{case.case_id}",
        bad_rows=bad,
        bad_colour=colour,
        right_aligned=(0,),
        stretch=3,
        max_height=420,
    )
    # The teller's column is coloured by the teller's own action, not by the standard
    # step that happens to share its row.
    text = QApplication.palette().text().color()
    for i in range(table.rowCount()):
        item = table.item(i, 3)
        if item is None:
            continue
        wrong = i < len(case.taken) and (
            case.taken[i].step_id is None or case.taken[i].phrase_right is False
        )
        item.setForeground(colour if wrong else text)
    return table


def tiles(details: ProcedureDetails) -> ResultTiles:
    wrong = details.steps_total - details.steps_right  # lupdate reads only a plain name
    return ResultTiles(errors=translate("ProcedureResult", "%n step(s) wrong", None, wrong))


PROCEDURE_SECTION = ResultSection(tiles, build)
