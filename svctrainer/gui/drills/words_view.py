"""The amounts-in-words screen: a figure to write in words (Chinese capital amounts
through the input method, or English cheque words), or words to key as figures; the
answer as typed; and, when hints are on, how the last answer was judged."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from svctrainer.core.drills.amount_words_drill import AmountWordsRun
from svctrainer.core.drills.amount_words_items import TO_WORDS
from svctrainer.core.drills.base import Feedback, LiveState
from svctrainer.core.drills.words_details import Answer
from svctrainer.gui.drills.bank_display import (
    big,
    caret_html,
    feed_click_text,
    key_legend,
    panel,
    verdict_html,
)
from svctrainer.gui.drills.capital_keypad import CapitalKeypad, capital_for
from svctrainer.gui.drills.words_rules import rule_name
from svctrainer.gui.i18n import fill


class AmountWordsView(QWidget):
    def __init__(self, run: AmountWordsRun, hints: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.run = run
        self.hints = hints
        self._item = -1
        self._answers = -1
        self._caret = caret_html()
        zh = run.content.words == "zh"

        self.counter = QLabel()
        self.counter.setObjectName("wordsCounter")
        self.prompt = big(QLabel(), 1.2, bold=True)
        self.prompt.setObjectName("wordsPrompt")
        head = QHBoxLayout()
        head.addWidget(self.prompt, 1)
        head.addWidget(self.counter)

        shown_box, s = panel(name="wordsShownPanel")
        self.shown = big(QLabel(), 3.2, bold=True)
        self._figure_font = QFont(self.shown.font())  # a figure: large
        self._words_font = QFont(self._figure_font)  # words are long: smaller
        self._words_font.setPointSizeF(self._figure_font.pointSizeF() * (0.7 if zh else 0.55))
        self.shown.setObjectName("wordsShown")
        self.shown.setWordWrap(True)
        self.shown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.shown.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        s.addStretch(1)
        s.addWidget(self.shown)
        s.addStretch(1)

        answer_box, a = panel(self.tr("Your answer"), "wordsAnswerPanel")
        self.answer = big(QLabel(), 2.0 if zh else 1.6)
        self.answer.setObjectName("wordsAnswer")
        self.answer.setTextFormat(Qt.TextFormat.RichText)
        self.answer.setWordWrap(True)
        self.answer.setMinimumHeight(64)
        self.answer.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        a.addWidget(self.answer)
        a.addStretch(1)

        self.last = big(QLabel(), 1.15)
        self.last.setObjectName("wordsLast")
        self.last.setTextFormat(Qt.TextFormat.RichText)
        self.last.setWordWrap(True)
        self.last.setVisible(hints)
        pairs = [("Enter", self.tr("confirm")), ("⌫", self.tr("delete the last character"))]
        if zh:
            pairs.append(
                ("1–9 0 S B Q W Y . J F Z", self.tr("write 壹…玖 零 拾 佰 仟 万 亿 元 角 分 整"))
            )
        legend = key_legend(pairs)
        self._preedit = ""
        self.keypad = CapitalKeypad(self._write) if zh else None

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(shown_box, 2)
        if self.keypad is not None:
            row = QHBoxLayout()
            row.addWidget(answer_box, 3)
            row.addWidget(self.keypad, 2)
            layout.addLayout(row, 2)
        else:
            layout.addWidget(answer_box, 1)
        layout.addWidget(self.last)
        layout.addWidget(legend)

    def capital_key(self, text: str) -> str | None:
        """The capital character a key writes now: only while a zh amount is being
        written in words (figures are keyed as figures)."""
        if self.keypad is None or self.run.view().direction != TO_WORDS:
            return None
        return capital_for(text)

    def show_preedit(self, text: str) -> None:
        """The input method's composition so far, shown in the answer box."""
        self._preedit = text
        self._show_answer(finished=False)

    def _write(self, char: str) -> None:
        feed_click_text(self, char)

    def wants_ime(self) -> bool:
        return self.run.definition.language.startswith("zh")

    def refresh(self, state: LiveState, feedback: Feedback | None, key: str | None) -> None:
        view = self.run.view()
        if view.item_index != self._item or state.finished:
            self._item = view.item_index
            if view.shown is None:
                self.prompt.setText(self.tr("All answers given."))
                self.shown.setText("")
            else:
                self.prompt.setText(
                    self.tr("Write this amount in words")
                    if view.direction == TO_WORDS
                    else self.tr("Key this amount in figures, to the cent")
                )
                self.shown.setFont(
                    self._figure_font if view.direction == TO_WORDS else self._words_font
                )
                self.shown.setText(view.shown)
            number = str(view.item_index + 1)
            text = (
                fill(self.tr("Question %1 of %2"), number, str(view.item_count))
                if view.item_count
                else fill(self.tr("Question %1"), number)
            )
            self.counter.setText(text)
            QTimer.singleShot(0, lambda: self.run.item(view.item_index + 1))  # drawn between keys
        self._show_answer(finished=state.finished)
        if self.hints and view.answers_done != self._answers:
            self._answers = view.answers_done
            self.last.setText(self._judged(view.last_answer))

    def _show_answer(self, *, finished: bool) -> None:
        caret = self._caret if not finished else ""
        preedit = f"<u>{escape(self._preedit)}</u>" if self._preedit and not finished else ""
        answer = escape(self.run.view().answer)
        shown = f'<span style="white-space:pre-wrap">{answer}{preedit}</span>{caret}'
        if self.answer.text() != shown:
            self.answer.setText(shown)

    def _judged(self, answer: Answer | None) -> str:
        if answer is None:
            return ""
        if answer.right:
            text = fill(self.tr("Previous answer right: %1"), escape(answer.typed))
            return verdict_html(True, text, self.palette())
        rules = "; ".join(rule_name(c) for c in answer.codes)
        text = fill(
            self.tr("Previous answer: you wrote %1 — the standard writing is %2. Rule: %3."),
            f"<b>{escape(answer.typed)}</b>",
            f"<b>{escape(answer.expected)}</b>",
            escape(rules),
        )
        return verdict_html(False, text, self.palette())
