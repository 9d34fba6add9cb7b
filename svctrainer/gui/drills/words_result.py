"""Amounts in words on the result screen: which writing rule was broken how often
("which rule you keep breaking"), and every answer with the standard writing."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from svctrainer.core.drills.words_details import AmountWordsDetails
from svctrainer.gui.drills.bank_display import bad_colour
from svctrainer.gui.drills.drill_ui import ResultBody, ResultSection, ResultTiles
from svctrainer.gui.drills.result_tables import note_label, result_table, section_box
from svctrainer.gui.drills.words_rules import rule_name
from svctrainer.gui.i18n import fill, translate


def build(details: AmountWordsDetails) -> ResultBody:
    widget, box = section_box(translate("bank_drills", "Rules broken"), "wordsRules")
    ranked = sorted(details.rule_mistakes.items(), key=lambda kv: (-kv[1], kv[0]))
    if ranked:
        code, times = ranked[0]
        box.addWidget(
            note_label(
                fill(
                    translate(
                        "bank_drills",
                        "The rule you keep breaking: <b>%1</b> (%n answer(s)).",
                        None,
                        times,
                    ),
                    rule_name(code),
                ),
                "wordsWorstRule",
            )
        )
        rules = result_table(
            [translate("bank_drills", "Rule"), translate("bank_drills", "Answers")],
            [[rule_name(c), str(n)] for c, n in ranked],
            "wordsRuleTable",
            right_aligned=(1,),
            stretch=0,
            max_height=220,
        )
        rules.setMaximumWidth(640)
        box.addWidget(rules)
    else:
        box.addWidget(
            note_label(translate("bank_drills", "No rule broken: every answer was written right."))
        )
    box.addWidget(
        note_label(
            fill(
                translate("bank_drills", "<b>Your answers</b> — %1 of %2 right"),
                str(details.right_answers),
                str(details.answers),
            )
        )
    )
    rows, bad = [], []
    for r, a in enumerate(details.items):
        if not a.right:
            bad.append(r)
        rows.append(
            [
                str(a.index + 1),
                a.shown,
                a.typed,
                "" if a.right else a.expected,
                "✓" if a.right else "✗ " + "; ".join(rule_name(c) for c in a.codes),
            ]
        )
    headers = [
        translate("bank_drills", "#"),
        translate("bank_drills", "Shown"),
        translate("bank_drills", "Your answer"),
        translate("bank_drills", "Standard writing"),
        translate("bank_drills", "Verdict"),
    ]
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
    return ResultBody(main=widget)


def tiles(details: AmountWordsDetails) -> ResultTiles:
    wrong = details.wrong_answers  # lupdate reads only a plain name as the count
    return ResultTiles(
        errors=translate("bank_drills", "%n answer(s)", None, wrong),
        corrections=details.corrections,
        consistency=details.consistency,
        cpm=details.cpm,
    )


WORDS_SECTION = ResultSection(tiles, build)
