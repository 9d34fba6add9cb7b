"""Amounts in words on the result screen: which writing rule was broken how often
("which rule you keep breaking"), and every answer with the standard writing."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication, QWidget

from svctrainer.gui.drills.bank_display import bad_colour, tr
from svctrainer.gui.drills.result_sections import Details, ResultSection
from svctrainer.gui.drills.result_tables import note_label, result_table, section_box
from svctrainer.gui.drills.words_rules import rule_name


def build(details: Details) -> QWidget:
    widget, box = section_box(tr("Rules broken"), "wordsRules")
    mistakes: dict[str, int] = dict(details.get("rule_mistakes") or {})
    ranked = sorted(mistakes.items(), key=lambda kv: (-kv[1], kv[0]))
    if ranked:
        code, times = ranked[0]
        box.addWidget(
            note_label(
                tr("The rule you keep breaking: <b>%1</b> (%2 answers).")
                .replace("%1", rule_name(code))
                .replace("%2", str(times)),
                "wordsWorstRule",
            )
        )
        rules = result_table(
            [tr("Rule"), tr("Answers")],
            [[rule_name(c), str(n)] for c, n in ranked],
            "wordsRuleTable",
            right_aligned=(1,),
            stretch=0,
            max_height=220,
        )
        rules.setMaximumWidth(640)
        box.addWidget(rules)
    else:
        box.addWidget(note_label(tr("No rule broken: every answer was written right.")))
    answers: list[dict[str, Any]] = list(details.get("items") or [])
    box.addWidget(
        note_label(
            tr("<b>Your answers</b> — %1 of %2 right")
            .replace("%1", str(details.get("right_answers", 0)))
            .replace("%2", str(details.get("answers", 0)))
        )
    )
    rows, bad = [], []
    for r, a in enumerate(answers):
        right = bool(a.get("right"))
        if not right:
            bad.append(r)
        rows.append(
            [
                str(int(a.get("index", 0)) + 1),
                str(a.get("shown", "")),
                str(a.get("typed", "")),
                "" if right else str(a.get("expected", "")),
                "✓" if right else "✗ " + "; ".join(rule_name(c) for c in a.get("codes") or []),
            ]
        )
    headers = [tr("#"), tr("Shown"), tr("Your answer"), tr("Standard writing"), tr("Verdict")]
    colour = bad_colour(QApplication.palette())
    box.addWidget(
        result_table(
            headers,
            rows,
            "wordsAnswerTable",
            bad_rows=bad,
            bad_colour=colour,
            right_aligned=(0,),
            max_height=360,
        )
    )
    return widget


def errors(details: Details) -> str:
    return tr("%n answer(s)", int(details.get("wrong_answers", 0)))


WORDS_SECTION = ResultSection(build, errors)
