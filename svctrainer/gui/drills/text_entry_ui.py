"""Text entry (汉字录入, copy typing) in the GUI: the passage to copy with what has been
typed over it, and, on the result screen, the contest marking (correct, wrong, missing,
extra characters; net and gross speed) with the characters that went wrong.

Chinese passages are typed through the system input method: the drill screen turns on
input-method support for them (``wants_ime``) and only commits reach the engine; what the
input method is still composing (the pre-edit) is shown under the typed line so the
trainee sees it, and is never counted.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from svctrainer.core.drills.base import Feedback, LiveState
from svctrainer.core.drills.text_entry import TextEntryRun
from svctrainer.core.drills.text_entry_details import TextEntryDetails
from svctrainer.gui.drills.drill_ui import ResultBody, ResultSection, ResultTiles
from svctrainer.gui.drills.figures import number, percent, unit_name
from svctrainer.gui.drills.result_tables import note_label, result_table, section_box
from svctrainer.gui.i18n import fill, translate
from svctrainer.gui.theme import right_colour, wrong_colour

MISTAKES_SHOWN = 100


def _font(label: QLabel, factor: float) -> None:
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    label.setFont(font)


class TextEntryView(QWidget):
    """The passage (typed part marked right/wrong, the next character highlighted) above
    the line being typed; keyboard only, no mouse needed."""

    def __init__(self, run: TextEntryRun, hints: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.run = run
        self.hints = hints
        self.heading = QLabel()
        self.heading.setObjectName("passageHeading")
        card = QFrame()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        self.passage = QLabel()
        self.passage.setObjectName("passageText")
        self.passage.setTextFormat(Qt.TextFormat.RichText)
        self.passage.setWordWrap(True)
        self.passage.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        _font(self.passage, 1.5)
        inner = QVBoxLayout(card)
        inner.addWidget(self.passage)
        inner.addStretch(1)
        self.typed_title = QLabel(translate("TextEntryView", "Your copy"))
        self.typed = QLabel()
        self.typed.setObjectName("typedText")
        self.typed.setTextFormat(Qt.TextFormat.RichText)
        self.typed.setWordWrap(True)
        self.typed.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        _font(self.typed, 1.5)
        self.preedit = QLabel()
        self.preedit.setObjectName("preeditText")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(card, 3)
        layout.addWidget(self.typed_title)
        layout.addWidget(self.typed, 1)
        layout.addWidget(self.preedit)
        self._colours = (right_colour(self.palette()).name(), wrong_colour(self.palette()).name())

    def wants_ime(self) -> bool:
        return self.run.definition.language.startswith("zh")

    def show_preedit(self, text: str) -> None:
        """What the input method is composing (not counted: only commits are)."""
        self.preedit.setText(
            "" if not text else fill(translate("TextEntryView", "Composing: %1"), text)
        )

    def refresh(self, state: LiveState, feedback: Feedback | None, key: str | None) -> None:
        passage = self.run.passage
        if state.finished or passage is None:
            self.passage.setText("")
            self.typed.setText("")
            self.heading.setText(translate("TextEntryView", "Every passage is done."))
            return
        total = state.item_count or 0
        heading = fill(translate("TextEntryView", "Passage %1 of %2"), state.item_index + 1, total)
        if passage.title:
            heading += " · " + passage.title
        self.heading.setText(heading)
        self.passage.setText(self._passage_html(passage.text, state))
        self.typed.setText(self._typed_html(state))

    def _passage_html(self, text: str, state: LiveState) -> str:
        right, wrong = self._colours
        bad = set(state.wrong_positions)
        pos = state.position
        done = "".join(
            f'<span style="color:{wrong}; text-decoration: underline;">{escape(c)}</span>'
            if i in bad
            else escape(c)
            for i, c in enumerate(text[:pos])
        )
        nxt = escape(text[pos]) if pos < len(text) else ""
        cursor = (
            f'<span style="background: palette(highlight); color: palette(highlighted-text);">'
            f"{nxt}</span>"
            if self.hints or nxt
            else ""
        )
        return f'<span style="color:{right};">{done}</span>{cursor}{escape(text[pos + 1 :])}'

    def _typed_html(self, state: LiveState) -> str:
        _right, wrong = self._colours
        bad = set(state.wrong_positions)
        # the last 60 characters: the line being typed, not the whole passage again
        start = max(0, len(state.typed) - 60)
        shown = "".join(
            f'<span style="color:{wrong}; text-decoration: underline;">{escape(c)}</span>'
            if i in bad
            else escape(c)
            for i, c in enumerate(state.typed[start:], start)
        )
        return shown + '<span style="color:palette(highlight)">▏</span>'


def _tiles(details: TextEntryDetails) -> ResultTiles:
    errors = details.errors  # lupdate finds a plural's count only when it is a plain name
    return ResultTiles(
        errors=translate("ResultScreen", "%n character(s)", None, errors),
        corrections=details.corrections,
    )


def _build(details: TextEntryDetails) -> ResultBody:
    widget, box = section_box(translate("ResultScreen", "Marking, as in a contest"), "textMarking")
    unit = unit_name(details.unit)
    net = details.net_wpm if details.unit == "wpm" else details.net_cpm
    box.addWidget(
        note_label(
            fill(
                translate(
                    "ResultScreen",
                    "Net speed <b>%1 %2</b>: correct characters minus %3 for each wrong, "
                    "missing or extra character, per minute of the test.",
                ),
                number(net, 1),
                unit,
                details.error_penalty,
            ),
            "textNetNote",
        )
    )
    rows = [
        [translate("ResultScreen", "Correct characters"), str(details.correct)],
        [translate("ResultScreen", "Wrong characters"), str(details.wrong)],
        [translate("ResultScreen", "Missing characters"), str(details.missing)],
        [translate("ResultScreen", "Extra characters"), str(details.extra)],
        [translate("ResultScreen", "Accuracy"), percent(details.accuracy)],
        [
            translate("ResultScreen", "Characters entered per minute (gross)"),
            number(details.gross_cpm, 1),
        ],
        [translate("ResultScreen", "Corrections (Backspace)"), str(details.corrections)],
        [translate("ResultScreen", "Passages finished"), str(details.passages_done)],
    ]
    table = result_table(
        [translate("ResultScreen", "Figure"), translate("ResultScreen", "Value")],
        rows,
        "textMarkingTable",
        right_aligned=(1,),
        stretch=0,
        max_height=300,
    )
    table.setMaximumWidth(520)
    box.addWidget(table)
    if details.mistakes:
        box.addWidget(
            note_label(translate("ResultScreen", "Characters typed wrong (expected → typed)"))
        )
        mistakes = result_table(
            [
                translate("ResultScreen", "Passage"),
                translate("ResultScreen", "Expected"),
                translate("ResultScreen", "Typed"),
            ],
            [[str(m.passage + 1), m.expected, m.typed] for m in details.mistakes[:MISTAKES_SHOWN]],
            "textMistakeTable",
            right_aligned=(0,),
            stretch=2,
            max_height=220,
        )
        mistakes.setMaximumWidth(520)
        box.addWidget(mistakes)
    return ResultBody(main=widget)


TEXT_ENTRY_SECTION = ResultSection(_tiles, _build)
