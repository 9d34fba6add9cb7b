"""Views of the two keyboard drills: ten-key amounts (with a tape and the keypad) and
data entry (the customer's form beside the entry form)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from svctrainer.core.drills.base import Feedback, LiveState, Verdict
from svctrainer.core.drills.keypad_fingers import FINGER_ORDER, finger_for
from svctrainer.core.drills.typing_engine import TypingRun
from svctrainer.gui.drills.finger_colours import FINGER_COLOURS, finger_name, keypad_colours
from svctrainer.gui.drills.keyboard_widget import KEYBOARD, KEYPAD, KeyboardWidget
from svctrainer.gui.i18n import fill, translate
from svctrainer.gui.theme import right_colour, wrong_colour

TAPE_AHEAD = 6
TAPE_DONE_KEPT = 8  # the tape shows the last few amounts only: a long tape costs per key
WRONG_STYLE = "color:#d93f3f; text-decoration: underline;"


def typed_html(typed: str, wrong: tuple[int, ...]) -> str:
    """The typed text with wrong characters marked; escaped (it is shown as rich text)."""
    bad = set(wrong)
    parts = []
    for i, ch in enumerate(typed):
        shown = escape(ch) if ch != " " else "&nbsp;"
        parts.append(f'<span style="{WRONG_STYLE}">{shown}</span>' if i in bad else shown)
    return "".join(parts) + '<span style="color:palette(highlight)">▏</span>'


def _big(label: QLabel, factor: float) -> QLabel:
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setFamilies(["DejaVu Sans Mono", "Noto Sans Mono", "monospace"])
    label.setFont(font)
    return label


class TypingView(QWidget):
    """Shared behaviour: keeps the keyboard hint and remembers each finished field."""

    keyboard: KeyboardWidget

    def __init__(self, run: TypingRun, hints: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.run = run
        self.hints = hints
        self._last: LiveState | None = None

    def wants_ime(self) -> bool:
        return False

    def refresh(self, state: LiveState, feedback: Feedback | None, key: str | None) -> None:
        if key is not None and feedback is not None and feedback.verdict is not Verdict.IGNORED:
            wrong = feedback.verdict in (Verdict.WRONG, Verdict.BLOCKED)
            self.keyboard.show_press(key, wrong)
        self.keyboard.set_expected(
            state.expected_key if self.hints and not state.finished else None
        )
        if feedback is not None and feedback.advanced and self._last is not None:
            self.field_done(self._last)
        self.show_state(state)
        self._last = state

    def field_done(self, before: LiveState) -> None:
        """A field was confirmed; ``before`` is the state just before the confirmation."""

    def show_state(self, state: LiveState) -> None:
        raise NotImplementedError


class TenKeyView(TypingView):
    def __init__(self, run: TypingRun, hints: bool, parent: QWidget | None = None) -> None:
        super().__init__(run, hints, parent)
        self.prompt = QLabel(self.tr("Key this amount, then press Enter"))
        self.amount = _big(QLabel(), 3.0)
        self.amount.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.amount.setObjectName("amountToKey")
        self.typed = _big(QLabel(), 2.2)
        self.typed.setTextFormat(Qt.TextFormat.RichText)
        self.typed.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.typed.setObjectName("typedAmount")
        self.tape = QListWidget()
        self.tape.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tape.setMinimumWidth(220)
        tape_font = QFont(self.tape.font())
        tape_font.setFamilies(["DejaVu Sans Mono", "Noto Sans Mono", "monospace"])
        self.tape.setFont(tape_font)
        self.keyboard = KeyboardWidget(KEYPAD)
        self.keyboard.setMinimumSize(220, 220)
        self.keyboard.set_fingers(keypad_colours())
        # Which finger keys the next key (a tutor's hint: practice with hints only).
        self.next_finger = QLabel()
        self.next_finger.setObjectName("nextFinger")
        self.next_finger.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_finger.setVisible(hints)
        # The start gate: where the fingers rest, shown until the first key (the clock
        # starts with it).
        self.home_row = QLabel(
            translate(
                "TenKeyView",
                "Before you start, rest your right hand on the home row: index finger on 4,"
                " middle finger on 5 (the key with the bump), ring finger on 6, thumb on 0,"
                " little finger on Enter. Keep your eyes on the amount, not on the keys."
                " The clock starts with your first key.",
            )
        )
        self.home_row.setObjectName("homeRowIntro")
        self.home_row.setWordWrap(True)
        self.home_row.setFrameShape(QFrame.Shape.StyledPanel)
        self.home_row.setMargin(10)
        self.legend = QLabel(
            " ".join(
                f'<span style="color:{FINGER_COLOURS[f].name()}">■</span> {finger_name(f)}'
                for f in FINGER_ORDER
            )
        )
        self.legend.setObjectName("fingerLegend")
        self.legend.setWordWrap(True)

        card = QFrame()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        centre = QVBoxLayout(card)
        centre.addWidget(self.home_row)
        centre.addStretch(1)
        centre.addWidget(self.prompt, 0, Qt.AlignmentFlag.AlignCenter)
        centre.addWidget(self.amount)
        centre.addWidget(self.typed)
        centre.addStretch(1)
        tape_box = QVBoxLayout()
        tape_box.addWidget(QLabel(self.tr("Tape")))
        tape_box.addWidget(self.tape)
        pad = QVBoxLayout()
        pad.addWidget(self.keyboard, 1)
        pad.addWidget(self.next_finger)
        pad.addWidget(self.legend)
        layout = QHBoxLayout(self)
        layout.addLayout(tape_box)
        layout.addWidget(card, 2)
        layout.addLayout(pad, 1)
        self._tape_index = -1
        self._next_key: str | None = None
        self._done_shown = 0

    def field_done(self, before: LiveState) -> None:
        item = self.run.item_at(before.item_index)
        if item is None:
            return
        ok = not before.wrong_positions and before.typed == item.fields[0].expected
        row = self.tape.item(self._done_shown)
        if row is not None:
            row.setText(f"{'✓' if ok else '✗'} {item.fields[0].display:>16}")
            palette = self.palette()
            row.setForeground(right_colour(palette) if ok else wrong_colour(palette))
            row.setBackground(self.palette().base())
            self._done_shown += 1

    def show_state(self, state: LiveState) -> None:
        if state.started and self.home_row.isVisible():
            self.home_row.hide()
        if self.hints:
            key = None if state.finished else state.expected_key
            if key != self._next_key:
                self._next_key = key
                finger = finger_for(key)
                self.next_finger.setText(
                    ""
                    if finger is None or key is None
                    else fill(
                        translate("TenKeyView", "Next: %1 — %2"),
                        {"Enter": "⏎", "Backspace": "⌫"}.get(key, key),
                        finger_name(finger),
                    )
                )
        item = self.run.current_item
        self.amount.setText(item.fields[0].display if item and not state.finished else "")
        self.typed.setText(
            typed_html(state.typed, state.wrong_positions) if not state.finished else ""
        )
        if state.item_index != self._tape_index:
            self._tape_index = state.item_index
            self._rebuild_tape(state)

    def _rebuild_tape(self, state: LiveState) -> None:
        """The last few done items keep their ✓/✗; the current one is highlighted; a few
        come after. The list never grows, so a key costs the same in minute 1 and 10."""
        while self.tape.count() > self._done_shown:
            self.tape.takeItem(self.tape.count() - 1)
        while self._done_shown > TAPE_DONE_KEPT:
            self.tape.takeItem(0)
            self._done_shown -= 1
        for index in range(state.item_index, state.item_index + TAPE_AHEAD):
            item = self.run.item_at(index)
            if item is None:
                break
            row = QListWidgetItem(f"  {item.fields[0].display:>16}")
            if index == state.item_index:
                row.setBackground(self.palette().highlight())
                row.setForeground(self.palette().highlightedText())
            self.tape.addItem(row)


def refusal_text(problem: str) -> str:
    """What the entry form says when it refuses a value (``typing_engine`` codes)."""
    texts = {
        "check": translate("DataEntryView", "Check digit does not match: compare with the form"),
        "length": translate("DataEntryView", "Wrong number of characters"),
        "characters": translate("DataEntryView", "Characters this field does not take"),
        "region": translate("DataEntryView", "No such region code"),
        "birth_date": translate("DataEntryView", "The birth date in the number is not a date"),
        "date": translate("DataEntryView", "Not a date (YYYY-MM-DD)"),
        "segment": translate("DataEntryView", "Not a mobile number segment in use"),
        "prefix": translate("DataEntryView", "Not a card of an accepted issuer"),
        "empty": translate("DataEntryView", "This field is required"),
    }
    reason = texts.get(problem, problem)
    return fill(translate("DataEntryView", "Refused: %1. Correct it to go on."), reason)


class DataEntryView(TypingView):
    """The customer's form (what to copy) beside the entry form (what was typed)."""

    def __init__(self, run: TypingRun, hints: bool, parent: QWidget | None = None) -> None:
        super().__init__(run, hints, parent)
        self.source_box = QFrame()
        self.source_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.source_grid = QGridLayout(self.source_box)
        self.entry_box = QFrame()
        self.entry_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.entry_grid = QGridLayout(self.entry_box)
        self.record_label = QLabel()
        self.refusal = QLabel()
        self.refusal.setObjectName("fieldRefused")
        self.refusal.setWordWrap(True)
        self.keyboard = KeyboardWidget(KEYBOARD)
        self.keyboard.setMinimumHeight(150)
        self._source_values: list[QLabel] = []
        self._entry_values: list[QLabel] = []
        self._shown_item = -1
        forms = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Customer's form")))
        left.addWidget(self.source_box)
        right = QVBoxLayout()
        entry_heading = QLabel(self.tr("Your entry (Tab or Enter moves to the next field)"))
        entry_heading.setWordWrap(True)  # beside a wide IBAN at 150 % text
        right.addWidget(entry_heading)
        right.addWidget(self.entry_box)
        right.addWidget(self.refusal)
        forms.addLayout(left, 1)
        forms.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.record_label)
        layout.addLayout(forms, 2)
        layout.addWidget(self.keyboard, 1)

    def wants_ime(self) -> bool:
        return self.run.definition.language.startswith("zh")

    def _load_item(self, state: LiveState) -> None:
        for grid in (self.source_grid, self.entry_grid):
            while grid.count():
                taken = grid.takeAt(0)
                widget = taken.widget() if taken is not None else None
                if widget is not None:
                    widget.deleteLater()
        self._source_values.clear()
        self._entry_values.clear()
        item = self.run.current_item
        if item is None:
            return
        for row, field in enumerate(item.fields):
            label = field.label or field.name
            src = _big(QLabel(field.display), 1.35)
            src.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            src.setWordWrap(True)  # a long address or IBAN breaks at its spaces at 150 %
            self.source_grid.addWidget(QLabel(label), row, 0)
            self.source_grid.addWidget(src, row, 1)
            entry = _big(QLabel(), 1.35)
            entry.setTextFormat(Qt.TextFormat.RichText)
            entry.setMinimumWidth(260)
            self.entry_grid.addWidget(QLabel(label), row, 0)
            self.entry_grid.addWidget(entry, row, 1)
            self._source_values.append(src)
            self._entry_values.append(entry)
        total = state.item_count
        self.record_label.setText(
            fill(self.tr("Record %1"), str(state.item_index + 1))
            + (fill(self.tr(" of %1"), str(total)) if total else "")
        )

    def field_done(self, before: LiveState) -> None:
        if before.field_index < len(self._entry_values):
            self._entry_values[before.field_index].setText(
                typed_html(before.typed, before.wrong_positions).rsplit("<span", 1)[0]
            )

    def show_state(self, state: LiveState) -> None:
        if state.item_index != self._shown_item:
            self._shown_item = state.item_index
            self._load_item(state)
        if state.finished:
            return
        problem = state.invalid_field
        self.refusal.setText("" if problem is None else refusal_text(problem))
        self.refusal.setStyleSheet(
            "" if problem is None else f"color: {wrong_colour(self.palette()).name()};"
        )
        for i, label in enumerate(self._entry_values):
            label.setStyleSheet(
                "background: palette(alternate-base);" if i == state.field_index else ""
            )
        if state.field_index < len(self._entry_values):
            self._entry_values[state.field_index].setText(
                typed_html(state.typed, state.wrong_positions)
            )
