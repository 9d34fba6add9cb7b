"""The making-change screen: the customer (price and the notes handed over, or the
payout or exchange asked for), the count up from the price or, under 唱收唱付, the
amounts said, the tray of change, and the drawer — every note and coin clickable and on
a key (1–9, 0, then q…p, smallest first)."""

from __future__ import annotations

from decimal import Decimal
from itertools import groupby

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from svctrainer.core.currency import PieceKind
from svctrainer.core.drills.base import Feedback, LiveState
from svctrainer.core.drills.change_items import ChangeError, ChangeJudgement, ChangeTask
from svctrainer.core.drills.making_change import ChangeView, MakingChangeRun, Phase
from svctrainer.gui.drills.bank_display import (
    big,
    feed_click,
    key_legend,
    money,
    panel,
    verdict_html,
)
from svctrainer.gui.drills.note_images import PieceButton, PieceStrip
from svctrainer.gui.i18n import fill, translate

COINS_PER_ROW = 8
NOTES_PER_ROW = 6


def change_error_name(code: ChangeError) -> str:
    return {
        ChangeError.WRONG_TOTAL: translate("bank_drills", "wrong total"),
        ChangeError.NOT_FEWEST: translate("bank_drills", "not the fewest pieces"),
        ChangeError.WRONG_ORDER: translate(
            "bank_drills", "not counted up in order (smallest first)"
        ),
        ChangeError.REQUEST_NOT_MET: translate("bank_drills", "not the notes asked for"),
        ChangeError.WRONG_RECEIVED: translate("bank_drills", "wrong amount said as received"),
        ChangeError.WRONG_PAID: translate("bank_drills", "wrong amount said as paid"),
    }[code]


class MakingChangeView(QWidget):
    def __init__(self, run: MakingChangeRun, hints: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.run = run
        self.hints = hints
        self._item = -1
        self._judged = 0
        view = run.view()
        self.symbol = view.currency_symbol

        customer, c = panel(self.tr("Customer"), "customerPanel")
        self.counter = QLabel()
        self.price = big(QLabel(), 1.8, mono=True, bold=True)
        self.price.setObjectName("changePrice")
        self.tendered = PieceStrip(58)
        self.tendered.setObjectName("tenderedStrip")
        self.tendered_total = big(QLabel(), 1.2, mono=True)
        head = QHBoxLayout()
        self.price_title = QLabel(self.tr("To pay"))
        head.addWidget(self.price_title)
        head.addWidget(self.price)
        head.addStretch(1)
        head.addWidget(self.counter)
        c.addLayout(head)
        pays = QHBoxLayout()
        self.hands_over = QLabel(self.tr("Hands over"))
        pays.addWidget(self.hands_over)
        pays.addWidget(self.tendered, 1)
        pays.addWidget(self.tendered_total)
        c.addLayout(pays)
        self.request = big(QLabel(), 1.2, bold=True)
        self.request.setObjectName("changeRequest")
        self.request.setWordWrap(True)
        c.addWidget(self.request)
        self.say = big(QLabel(), 1.3, mono=True)
        self.say.setObjectName("changeSay")
        self.say.setTextFormat(Qt.TextFormat.RichText)
        self.say.setVisible(view.announce)
        c.addWidget(self.say)

        tray_title = (
            translate("MakingChangeView", "What you pay out (any order)")
            if view.announce
            else self.tr("Your change, counted up from the price")
        )
        tray_box, t = panel(tray_title, "trayPanel")
        self.counted = big(QLabel(), 1.6, mono=True, bold=True)
        self.counted.setObjectName("countedTo")
        self.tray = PieceStrip(54)
        self.tray.setObjectName("trayStrip")
        self.tray_total = QLabel()
        self.tray_total.setObjectName("trayTotal")
        self.hint = QLabel()
        self.hint.setObjectName("changeHint")
        self.hint.setVisible(hints)
        count_row = QHBoxLayout()
        if not view.announce:  # 唱收唱付 counts no one up from the price
            count_row.addWidget(QLabel(self.tr("Counted up to")))
            count_row.addWidget(self.counted)
        count_row.addStretch(1)
        count_row.addWidget(self.tray_total)
        t.addLayout(count_row)
        t.addWidget(self.tray)
        t.addWidget(self.hint)

        drawer_box, d = panel(self.tr("Drawer (click a piece or press its key)"), "drawerPanel")
        grid = QGridLayout()
        grid.setSpacing(6)
        self.buttons: dict[str, PieceButton] = {}
        coins = [s for s in view.drawer if s.denomination.kind is PieceKind.COIN]
        notes = [s for s in view.drawer if s.denomination.kind is PieceKind.NOTE]
        for row_start, (slots, per_row) in enumerate(
            ((notes, NOTES_PER_ROW), (coins, COINS_PER_ROW))
        ):
            for index, slot in enumerate(slots):
                button = PieceButton(slot.denomination, slot.key, slot.event_key, self._clicked)
                self.buttons[slot.key] = button
                self.buttons[slot.event_key] = button
                row = row_start * 2 + index // per_row
                grid.addWidget(button, row, index % per_row)
        d.addLayout(grid, 1)

        self.last = QLabel()
        self.last.setObjectName("changeLast")
        self.last.setTextFormat(Qt.TextFormat.RichText)
        self.last.setVisible(hints)
        legend = key_legend(
            [
                ("1…0, Q…P", self.tr("a piece")),
                ("⌫", self.tr("take the last piece back")),
                ("Enter", self.tr("hand the change over")),
            ]
            if not view.announce
            else [
                (
                    "0…9 .",
                    translate("MakingChangeView", "the amount said (received, then paid)"),
                ),
                ("1…0, Q…P", self.tr("a piece")),
                ("⌫", translate("MakingChangeView", "take back the last piece or digit")),
                ("Enter", translate("MakingChangeView", "say the amount; after the pieces: pay")),
            ]
        )
        layout = QVBoxLayout(self)
        layout.addWidget(customer)
        layout.addWidget(tray_box)
        layout.addWidget(drawer_box, 1)
        layout.addWidget(self.last)
        layout.addWidget(legend)

    def wants_ime(self) -> bool:
        return False

    def _clicked(self, event_key: str) -> None:
        feed_click(self, event_key)

    def refresh(self, state: LiveState, feedback: Feedback | None, key: str | None) -> None:
        view = self.run.view()
        if key is not None:
            button = self.buttons.get(key.lower() if len(key) == 1 else key)
            if button is not None:
                button.flash()
        if view.item_index != self._item:
            self._item = view.item_index
            self._show_customer(view)
        self.tray.set_pieces(view.tray)
        if view.announce:
            _set(self.say, self._say_text(view))
        _set(self.counted, money(view.counted_to, self.symbol))
        _set(
            self.tray_total,
            fill(
                self.tr("Change so far: %1 in %n piece(s)", None, len(view.tray)),
                money(view.tray_total, self.symbol),
            ),
        )
        if self.hints and len(self.run.judgements) != self._judged:
            self._judged = len(self.run.judgements)
            self.last.setText(self._judgement_text(view.last))

    def _show_customer(self, view: ChangeView) -> None:
        number = str(view.item_index + 1)
        self.counter.setText(
            fill(self.tr("Customer %1 of %2"), number, str(view.item_count))
            if view.item_count
            else fill(self.tr("Customer %1"), number)
        )
        payout = view.task is ChangeTask.PAYOUT
        exchange = view.task is ChangeTask.EXCHANGE
        self.price_title.setText(
            translate("MakingChangeView", "Withdrawal")
            if payout
            else translate("MakingChangeView", "Exchange")
            if exchange
            else self.tr("To pay")
        )
        self.price.setText("—" if exchange else money(view.price, self.symbol))
        self.tendered.set_pieces(view.tendered)
        self.tendered_total.setText("" if payout else money(view.tendered_total, self.symbol))
        self.hands_over.setVisible(not payout)
        self.tendered.setVisible(not payout)
        self.request.setText(self._request_text(view))
        self.request.setVisible(bool(self.request.text()))
        # The next customer is drawn now, between keys, instead of on the Enter that
        # needs them (LazyItems gives item i the same whenever it is first asked for).
        QTimer.singleShot(0, lambda: self.run.items.item(view.item_index + 1))
        if self.hints and view.change_due is not None:
            pieces = self._pieces_text(view.hint or ())
            self.hint.setText(
                fill(
                    self.tr("Hint: change due %1 — fewest pieces: %2"),
                    money(view.change_due, self.symbol),
                    pieces,
                )
            )

    def _request_text(self, view: ChangeView) -> str:
        asked = ", ".join(
            fill(translate("MakingChangeView", "%1 × %2"), n, self._pieces_text((v,)))
            for v, n in view.request
        )
        if view.task is ChangeTask.PAYOUT:
            return fill(
                translate("MakingChangeView", "Asks for %1 of it, the rest as you see fit"), asked
            )
        if view.task is ChangeTask.EXCHANGE:
            return fill(
                translate("MakingChangeView", "Asks to change it into small notes: %1"), asked
            )
        return ""

    def _say_text(self, view: ChangeView) -> str:
        typed = view.amount_typed + "▏"
        if view.phase is Phase.RECEIVE:
            return fill(translate("MakingChangeView", "Say what you received: %1"), typed)
        received = (
            ""
            if view.said_received is None
            else fill(
                translate("MakingChangeView", "Received: %1. "),
                money(view.said_received, self.symbol),
            )
        )
        if view.phase is Phase.PAY:
            return received + fill(translate("MakingChangeView", "Say what you pay: %1"), typed)
        return received + translate(
            "MakingChangeView", "Take the notes from the drawer, then Enter to pay"
        )

    def _judgement_text(self, last: ChangeJudgement | None) -> str:
        if last is None:
            return ""
        if last.correct:
            return verdict_html(
                True,
                fill(
                    self.tr("Customer %1: right change, %n piece(s).", None, len(last.given)),
                    str(last.index + 1),
                ),
                self.palette(),
            )
        errors = ", ".join(change_error_name(e) for e in last.errors)
        given = self._pieces_text(last.given)
        return verdict_html(
            False,
            fill(
                self.tr(
                    "Customer %1: %2. You gave %3 for %4 due (fewest: %n piece(s)).",
                    None,
                    last.fewest,
                ),
                str(last.index + 1),
                errors,
                given,
                money(last.item.change_due, self.symbol),
            ),
            self.palette(),
        )

    def _pieces_text(self, values: tuple[Decimal, ...]) -> str:
        """Pieces in the order given, repeats grouped: "3 × 1¢, 10¢, $1, $5"."""
        parts = []
        for value, run in groupby(values):
            count = len(list(run))
            found = self.run.currency.find(value)
            label = found.label if found else money(value, self.symbol)
            parts.append(f"{count} × {label}" if count > 1 else label)
        return ", ".join(parts)


def _set(label: QLabel, text: str) -> None:
    if label.text() != text:
        label.setText(text)
