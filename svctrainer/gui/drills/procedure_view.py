"""The counter procedure screen: the customer's situation, the shuffled step cards
(keyed A…T, or clicked), the procedure performed so far, the words to choose for the
step being taken (1–4), and — in practice with hints — the verdict on the last case."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from svctrainer.core.drills.base import Feedback, LiveState
from svctrainer.core.drills.counter_procedure import (
    CARD_EVENT,
    CARD_KEYS,
    PHRASE_EVENT,
    CaseJudgement,
    CounterProcedureRun,
    Deal,
    ProcedureView,
)
from svctrainer.core.drills.procedure_case import StepFault, Taken
from svctrainer.gui.drills.bank_display import big, feed_click, key_legend, panel, verdict_html
from svctrainer.gui.i18n import fill, translate
from svctrainer.gui.scroll_area import scrolled

MAX_PHRASES = 4


def fault_name(fault: StepFault) -> str:
    return {
        StepFault.RIGHT: translate("ProcedureDrill", "right"),
        StepFault.MISSING: translate("ProcedureDrill", "missing"),
        StepFault.OUT_OF_ORDER: translate("ProcedureDrill", "out of order"),
        StepFault.WRONG_PHRASE: translate("ProcedureDrill", "wrong words"),
    }[fault]


class StepCard(QFrame):
    """One card on the counter: its key letter and its text, wrapped; a click takes it."""

    def __init__(self, index: int, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = index
        self.setObjectName(f"card_{index}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 3, 6, 3)
        self.key = big(QLabel(CARD_KEYS[index].upper()), 1.1, mono=True, bold=True)
        self.key.setFixedWidth(self.key.fontMetrics().horizontalAdvance("W") + 6)
        self.text = QLabel(label)
        self.text.setWordWrap(True)
        row.addWidget(self.key)
        row.addWidget(self.text, 1)
        self._taken = False

    def set_taken(self, taken: bool) -> None:
        if taken != self._taken:
            self._taken = taken
            self.setEnabled(not taken)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if not self._taken:
            feed_click(self, f"{CARD_EVENT}{self.index}")
        event.accept()


class CounterProcedureView(QWidget):
    def __init__(
        self, run: CounterProcedureRun, hints: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.run = run
        self.hints = hints
        self._case = -1
        self._opened = False
        self._taken: tuple[Taken, ...] | None = None
        self._pending: int | None = -1
        self._judged = 0
        self.cards: list[StepCard] = []

        self.case_label = big(QLabel(), 1.2, bold=True)
        self.case_label.setObjectName("caseLabel")
        situation_box, s = panel(translate("ProcedureDrill", "The customer"), "situationPanel")
        self.situation = big(QLabel(), 1.1)
        self.situation.setObjectName("situation")
        self.situation.setWordWrap(True)
        s.addWidget(self.situation)

        cards_box, c = panel(
            translate("ProcedureDrill", "Steps on the counter (press a letter for the next step)"),
            "cardsPanel",
        )
        # The cards keep the height their wrapped text needs and scroll when ten of
        # them outgrow a 768 px screen at large text, instead of losing their last line.
        card_area = QWidget()
        card_column = QVBoxLayout(card_area)
        card_column.setContentsMargins(0, 0, 0, 0)
        self.card_grid = QGridLayout()
        self.card_grid.setSpacing(4)
        card_column.addLayout(self.card_grid)
        card_column.addStretch(1)
        cards_scroll = scrolled(card_area)
        cards_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        c.addWidget(cards_scroll, 1)

        done_box, d = panel(translate("ProcedureDrill", "Your procedure"), "procedurePanel")
        self.done = QLabel()
        self.done.setObjectName("procedureDone")
        self.done.setTextFormat(Qt.TextFormat.RichText)
        self.done.setWordWrap(True)
        self.done.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.done)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        d.addWidget(scroll, 1)

        self.phrase_box, p = panel(translate("ProcedureDrill", "What do you say?"), "phrasePanel")
        self.phrase_step = QLabel()
        self.phrase_step.setWordWrap(True)
        p.addWidget(self.phrase_step)
        self.phrase_buttons: list[QPushButton] = []
        for number in range(1, MAX_PHRASES + 1):
            button = QPushButton()
            button.setObjectName(f"phrase_{number}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setStyleSheet("text-align: left; padding: 4px 8px;")
            button.clicked.connect(
                lambda _c=False, n=number: feed_click(self, f"{PHRASE_EVENT}{n}")
            )
            self.phrase_buttons.append(button)
            p.addWidget(button)
        self.phrase_box.setVisible(False)

        self.last = QLabel()
        self.last.setObjectName("procedureLast")
        self.last.setTextFormat(Qt.TextFormat.RichText)
        self.last.setWordWrap(True)
        self.last.setVisible(hints)

        self.call = big(
            QLabel(translate("ProcedureDrill", "Press Space to call the first customer.")), 1.5
        )
        self.call.setObjectName("callCustomer")
        self.call.setAlignment(Qt.AlignmentFlag.AlignCenter)

        legend = key_legend(
            [
                ("Space", translate("ProcedureDrill", "call the customer")),
                ("A…T", translate("ProcedureDrill", "take a step")),
                ("1…4", translate("ProcedureDrill", "choose the words")),
                ("⌫", translate("ProcedureDrill", "take back")),
                ("Enter", translate("ProcedureDrill", "hand in")),
            ]
        )

        right = QVBoxLayout()
        right.addWidget(done_box, 1)
        right.addWidget(self.phrase_box)
        middle = QHBoxLayout()
        middle.addWidget(cards_box, 3)
        middle.addLayout(right, 2)
        self.work = QWidget()
        work = QVBoxLayout(self.work)
        work.setContentsMargins(0, 0, 0, 0)
        work.addWidget(situation_box)
        work.addLayout(middle, 1)
        self.work.setVisible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.case_label)
        layout.addWidget(self.call, 1)
        layout.addWidget(self.work, 1)
        layout.addWidget(self.last)
        layout.addWidget(legend)

    def wants_ime(self) -> bool:
        return False

    def refresh(self, state: LiveState, feedback: Feedback | None, key: str | None) -> None:
        view = self.run.view()
        if view.opened != self._opened:
            self._opened = view.opened
            self.call.setVisible(not view.opened)
            self.work.setVisible(view.opened)
        if view.case_index != self._case or (view.opened and not self.cards and view.deal):
            self._case = view.case_index
            self._load_case(view)
        if view.taken != self._taken:
            self._taken = view.taken
            for card in self.cards:
                card.set_taken(card.index in view.taken_cards)
            self.done.setText(self._done_html(view))
        if view.pending_card != self._pending:
            self._pending = view.pending_card
            self._show_phrases(view)
        if self.hints and len(self.run.judgements) != self._judged:
            self._judged = len(self.run.judgements)
            self.last.setText(self._judgement_html(view.last))

    def _load_case(self, view: ProcedureView) -> None:
        for card in self.cards:
            self.card_grid.removeWidget(card)
            card.deleteLater()
        self.cards = []
        deal = view.deal
        number = view.case_index + 1
        if view.case_count:
            heading = fill(
                translate("ProcedureDrill", "Customer %1 of %2"), number, view.case_count
            )
        else:
            heading = fill(translate("ProcedureDrill", "Customer %1"), number)
        if deal is None:
            if view.opened:
                self.case_label.setText(translate("ProcedureDrill", "All customers served."))
                self.work.setVisible(False)
            else:
                self.case_label.setText(heading)
            return
        self.case_label.setText(f"{heading} — {deal.case.title}")
        self.situation.setText(deal.case.situation)
        rows = (len(deal.cards) + 1) // 2
        for index, dealt in enumerate(deal.cards):
            widget = StepCard(index, dealt.label)
            self.card_grid.addWidget(widget, index % rows, index // rows)
            self.cards.append(widget)
        self._taken = None

    def _done_html(self, view: ProcedureView) -> str:
        deal = view.deal
        if deal is None or not view.taken:
            return escape(translate("ProcedureDrill", "No step taken yet."))
        lines = []
        for number, action in enumerate(view.taken, start=1):
            label = _label(deal, action)
            line = f"<b>{number}.</b> {escape(label)}"
            if action.phrase is not None:
                line += f"<br>&nbsp;&nbsp;&nbsp;&nbsp;<i>“{escape(action.phrase)}”</i>"
            lines.append(line)
        return "<br>".join(lines)

    def _show_phrases(self, view: ProcedureView) -> None:
        pending = view.pending_card
        if pending is None or view.deal is None:
            self.phrase_box.setVisible(False)
            return
        self.phrase_step.setText(
            fill(
                translate("ProcedureDrill", "Step: %1 (Backspace takes it back)"),
                view.deal.cards[pending].label,
            )
        )
        for number, button in enumerate(self.phrase_buttons, start=1):
            if number <= len(view.phrase_options):
                button.setText(f"{number}  {view.phrase_options[number - 1]}")
                button.setVisible(True)
            else:
                button.setVisible(False)
        self.phrase_box.setVisible(True)

    def _judgement_html(self, last: CaseJudgement | None) -> str:
        if last is None:
            return ""
        verdict = last.verdict
        if verdict.points == 100:
            text = fill(
                translate("ProcedureDrill", "Customer %1 (%2): every step right, 100 points."),
                last.index + 1,
                last.deal.case.title,
            )
            return verdict_html(True, escape(text), self.palette())
        faults = [
            fill(
                translate("ProcedureDrill", "%1: %2"),
                fault_name(v.fault),
                last.deal.case.step(v.step_id).label,
            )
            for v in verdict.steps
            if v.fault is not StepFault.RIGHT
        ]
        if verdict.decoys_taken:
            decoys = verdict.decoys_taken  # lupdate reads only a plain name as the count
            faults.append(translate("ProcedureDrill", "%n wrong card(s) taken", None, decoys))
        head = fill(
            translate("ProcedureDrill", "Customer %1 (%2): %3 points."),
            last.index + 1,
            last.deal.case.title,
            verdict.points,
        )
        if verdict.breach:
            head += " " + translate(
                "ProcedureDrill", "A compliance point was missed: the case scores 0."
            )
        return verdict_html(False, escape(head + " " + "; ".join(faults)), self.palette())


def _label(deal: Deal, action: Taken) -> str:
    if action.decoy is not None:
        return action.decoy
    return deal.case.step(action.step_id or "").label
