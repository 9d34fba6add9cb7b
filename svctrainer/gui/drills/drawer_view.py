"""The drawer-balancing screen: the day's vouchers (select one with Up/Down/Home/End,
by typing its number, or by clicking it), the end-of-day drawer count by denomination,
the book balance against the counted cash and the difference, and the error to name
(T transposed digits, M missed entry, D wrong denomination paid out)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from svctrainer.core.currency import CurrencySet, Denomination
from svctrainer.core.drills.base import Feedback, LiveState
from svctrainer.core.drills.drawer_balancing import (
    KIND_EVENT,
    REPORT_EVENT,
    REPORT_KEYS,
    ROW_EVENT,
    CaseJudgement,
    DrawerBalancingRun,
    DrawerView,
)
from svctrainer.core.drills.drawer_case import (
    Direction,
    DrawerCase,
    ErrorKind,
    OverShort,
    Voucher,
)
from svctrainer.gui.drills.bank_display import (
    big,
    count_text,
    feed_click,
    key_legend,
    money,
    panel,
    verdict_html,
)
from svctrainer.gui.i18n import fill, translate
from svctrainer.gui.record_table import Column, RecordTableModel

KIND_COLUMNS = 3
"""Error-kind buttons to a row."""
VOUCHER_KIND_COLUMN = 2
VOUCHER_PIECES_COLUMN = 5


def error_kind_name(kind: ErrorKind) -> str:
    return {
        ErrorKind.TRANSPOSED: translate("bank_drills", "transposed digits"),
        ErrorKind.MISSED: translate("bank_drills", "missed entry"),
        ErrorKind.WRONG_DENOMINATION: translate("bank_drills", "wrong denomination paid out"),
        ErrorKind.REVERSED: translate("bank_drills", "posted the wrong way"),
        ErrorKind.DECIMAL_SLIP: translate("bank_drills", "decimal point slip"),
        ErrorKind.DOUBLE_POSTED: translate("bank_drills", "entered twice"),
    }[kind]


def over_short_name(report: OverShort) -> str:
    """The 长短款 report as the counter says it: 长款 / 短款 at a Chinese counter, "over" /
    "short" at an international branch's (its English screen carries no Chinese)."""
    if report is OverShort.OVER:
        return translate("bank_drills", "over", "the drawer holds more cash than the books")
    return translate("bank_drills", "short", "the drawer holds less cash than the books")


def voucher_kind_name(kind: str) -> str:
    return {
        "deposit": translate("bank_drills", "Deposit"),
        "withdrawal": translate("bank_drills", "Withdrawal"),
        "cheque_cashed": translate("bank_drills", "Cheque cashed"),
        "exchange": translate("bank_drills", "Exchange"),
    }.get(kind, kind)


def hint_text(code: str) -> str:
    return {
        "divisible_by_9": translate(
            "bank_drills", "The difference divides by 9: transposed digits?"
        ),
        "equals_a_voucher": translate(
            "bank_drills", "The difference equals a voucher's amount: a missed entry?"
        ),
        "equals_denomination_difference": translate(
            "bank_drills",
            "The difference equals the gap between two denominations: a wrong note or coin?",
        ),
        "divisible_by_99": translate(
            "bank_drills", "The difference divides by 99: the decimal point moved two places?"
        ),
        "half_equals_a_voucher": translate(
            "bank_drills", "Half the difference equals a voucher: posted the wrong way?"
        ),
    }.get(code, code)


def pieces_text(voucher: Voucher, currency: CurrencySet) -> str:
    parts = []
    for value, count in voucher.pieces:
        found = currency.find(value)
        parts.append(f"{count} × {found.label if found else money(value)}")
    return ", ".join(parts)


class DrawerBalancingView(QWidget):
    def __init__(self, run: DrawerBalancingRun, hints: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.run = run
        self.hints = hints
        self._case = -1
        self._cursor: int | None = None
        self._judged = 0
        self.symbol = run.currency.symbol
        # Translated once: ``tr`` costs about 0.1 ms a call, too much for every key.
        self._chosen_template = self.tr("Voucher: %1    Error: %2    (Enter answers)")
        self._kind_names = {kind: error_kind_name(kind) for kind in ErrorKind}
        self._report_template = translate(
            "bank_drills", "Voucher: %1    Error: %2    Drawer: %3    (Enter answers)"
        )
        # With the report step and no hints, the teller works out over or short.
        self._difference_shown = hints or not run.view().report_step

        self.day_label = big(QLabel(), 1.2, bold=True)
        self.day_label.setObjectName("dayLabel")
        summary, s = panel(self.tr("Teller system against the drawer"), "balancePanel")
        grid = QGridLayout()
        self.figures: dict[str, QLabel] = {}
        names = [
            ("opening", self.tr("Opening balance")),
            ("cash_in", self.tr("+ Cash in (system)")),
            ("cash_out", self.tr("− Cash out (system)")),
            ("book", self.tr("= Book balance")),
            ("counted", self.tr("Counted in the drawer")),
            ("difference", self.tr("Difference")),
        ]
        for index, (key, name) in enumerate(names):
            # Two rows of three: the system's side (opening, in, out), then the book
            # against the drawer (book, counted, difference). Six side by side were as
            # wide as a day's amounts, which are drawn at random: at 150 % Chinese text
            # a day of large amounts needed up to 65 px more than a 1 366-px screen has.
            row, column = 2 * (index // 3), index % 3
            title = QLabel(name)
            title.setWordWrap(True)  # a long title wraps
            value = big(QLabel(), 1.25, mono=True, bold=key in ("book", "counted", "difference"))
            value.setObjectName(f"balance_{key}")
            grid.addWidget(title, row, column)
            grid.addWidget(value, row + 1, column)
            self.figures[key] = value
        s.addLayout(grid)

        symbol = self.symbol
        self.vouchers: RecordTableModel[Voucher] = RecordTableModel(
            [
                Column(self.tr("No."), lambda v: str(v.number), align_right=True),
                Column(self.tr("Time"), lambda v: v.time),
                Column(self.tr("Kind"), _kind_text, tooltip=_kind_text),
                Column(
                    self.tr("Cash in"),
                    lambda v: money(v.amount, symbol) if v.direction is Direction.IN else "",
                    align_right=True,
                ),
                Column(
                    self.tr("Cash out"),
                    lambda v: money(v.amount, symbol) if v.direction is Direction.OUT else "",
                    align_right=True,
                ),
                Column(self.tr("Notes and coins"), self._pieces, tooltip=self._pieces),
            ],
            self,
        )
        self.table = _table(self.vouchers, "voucherTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.pressed.connect(self._row_clicked)
        vouchers_box, v = panel(self.tr("The day's vouchers"), "vouchersPanel")
        v.addWidget(self.table)

        self.counts: RecordTableModel[tuple[Denomination, int]] = RecordTableModel(
            [
                Column(self.tr("Denomination"), lambda row: row[0].label),
                Column(self.tr("Count"), lambda row: count_text(row[1]), align_right=True),
                Column(
                    self.tr("Value"),
                    lambda row: money(row[0].value * row[1], symbol),
                    align_right=True,
                ),
            ],
            self,
        )
        self.count_table = _table(self.counts, "drawerCount")
        self.count_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        # Widths from the font once: sizing columns to each day's contents would cost
        # milliseconds on the Enter that opens the next day.
        widest = money(Decimal("99999.99"), self.symbol)
        kind = self.tr("Exchange (EUR 1300 @ 1.08)")
        _widths(self.table, ["000", "00:00", kind, widest, widest])
        # The number, time and cash columns keep their width; the kind and the notes
        # share what is left (their whole text in a tooltip), so the cash columns never
        # go behind a sideways scrollbar on a narrow screen.
        header = self.table.horizontalHeader()
        for column in (VOUCHER_KIND_COLUMN, VOUCHER_PIECES_COLUMN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        metrics = self.count_table.fontMetrics()
        labels = [d.label for d in run.currency.denominations] or [self.tr("Denomination")]
        longest_label = max(labels, key=metrics.horizontalAdvance)  # "100元" beside "面额"
        counts_wide = _widths(self.count_table, [longest_label, "00000", widest])
        self._pieces_cache: dict[Voucher, str] = {}
        count_box, cb = panel(self.tr("Drawer count"), "countPanel")
        cb.addWidget(self.count_table)
        self.count_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # As wide as its three columns and a scrollbar, at any text size.
        margins = cb.contentsMargins()
        counts_wide += self.count_table.verticalScrollBar().sizeHint().width()
        counts_wide += 2 * self.count_table.frameWidth() + margins.left() + margins.right()
        counts_wide += 8  # the frame the style draws round the viewport
        count_box.setMinimumWidth(counts_wide)
        count_box.setMaximumWidth(counts_wide + 60)

        answer_box, a = panel(self.tr("Your answer"), "answerPanel")
        self.chosen = big(QLabel(), 1.2)
        self.chosen.setObjectName("chosenVoucher")
        self.chosen.setWordWrap(True)
        a.addWidget(self.chosen)
        # The error kinds in rows of three: one row of five outgrew a 1366 px screen.
        buttons = QGridLayout()
        self.kind_buttons: dict[ErrorKind, QPushButton] = {}
        for key, kind in run.view().kind_keys:
            button = QPushButton(f"{key.upper()}  {error_kind_name(kind)}")
            button.setObjectName(f"kind_{kind}")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _c=False, k=kind: feed_click(self, KIND_EVENT + str(k)))
            place = len(self.kind_buttons)
            self.kind_buttons[kind] = button
            buttons.addWidget(button, place // KIND_COLUMNS, place % KIND_COLUMNS)
        a.addLayout(buttons)
        self.report_buttons: dict[OverShort, QPushButton] = {}
        if run.view().report_step:
            reports = QHBoxLayout()
            reports.addWidget(QLabel(translate("bank_drills", "Report the drawer:")))
            for key, report in REPORT_KEYS.items():
                button = QPushButton(f"{key.upper()}  {over_short_name(report)}")
                button.setObjectName(f"report_{report}")
                button.setCheckable(True)
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                button.clicked.connect(
                    lambda _c=False, r=report: feed_click(self, REPORT_EVENT + str(r))
                )
                self.report_buttons[report] = button
                reports.addWidget(button)
            reports.addStretch(1)
            a.addLayout(reports)
        self.hint = QLabel()
        self.hint.setObjectName("drawerHint")
        self.hint.setWordWrap(True)
        self.hint.setVisible(hints)
        a.addWidget(self.hint)
        self.last = QLabel()
        self.last.setObjectName("drawerLast")
        self.last.setTextFormat(Qt.TextFormat.RichText)
        self.last.setWordWrap(True)
        self.last.setVisible(hints)
        a.addWidget(self.last)

        legend = key_legend(
            [
                ("↑ ↓ Home End", self.tr("select a voucher")),
                ("1…9", self.tr("voucher number")),
                (" / ".join(k.upper() for k, _ in run.view().kind_keys), self.tr("name the error")),
                *(
                    [("O / S", translate("bank_drills", "drawer over / short"))]
                    if run.view().report_step
                    else []
                ),
                ("⌫", self.tr("clear")),
                ("Enter", self.tr("answer")),
            ]
        )
        middle = QHBoxLayout()
        middle.addWidget(vouchers_box, 1)
        right = QVBoxLayout()
        right.addWidget(count_box, 1)
        middle.addLayout(right)
        head = QHBoxLayout()
        head.addWidget(self.day_label)
        head.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(summary)
        layout.addLayout(middle, 1)
        layout.addWidget(answer_box)
        layout.addWidget(legend)

    def wants_ime(self) -> bool:
        return False

    def refresh(self, state: LiveState, feedback: Feedback | None, key: str | None) -> None:
        view = self.run.view()
        if view.case_index != self._case:
            self._case = view.case_index
            self._load_case(view)
        if view.cursor != self._cursor:
            self._cursor = view.cursor
            if view.cursor is None:
                self.table.clearSelection()
            else:
                self.table.selectRow(view.cursor)
                self.table.scrollTo(self.vouchers.index(view.cursor, 0))
        for kind, button in self.kind_buttons.items():
            if button.isChecked() != (view.kind is kind):
                button.setChecked(view.kind is kind)
        for report, button in self.report_buttons.items():
            if button.isChecked() != (view.report is report):
                button.setChecked(view.report is report)
        _set(self.chosen, self._chosen_text(view))
        if self.hints and len(self.run.judgements) != self._judged:
            self._judged = len(self.run.judgements)
            self.last.setText(self._judgement_text(view.last))

    def _pieces(self, voucher: Voucher) -> str:
        text = self._pieces_cache.get(voucher)
        if text is None:
            text = self._pieces_cache[voucher] = pieces_text(voucher, self.run.currency)
        return text

    def _row_clicked(self, index: QModelIndex) -> None:
        feed_click(self, f"{ROW_EVENT}{index.row() + 1}")

    def _chosen_text(self, view: DrawerView) -> str:
        voucher = "—" if view.cursor is None else str(view.cursor + 1)
        if view.typed_number:
            voucher = view.typed_number + "▏"
        error = "—" if view.kind is None else self._kind_names[view.kind]
        if view.report_step:
            report = "—" if view.report is None else over_short_name(view.report)
            return fill(self._report_template, voucher, error, report)
        return fill(self._chosen_template, voucher, error)

    def _load_case(self, view: DrawerView) -> None:
        case = view.case
        number = str(view.case_index + 1)
        if case is None:
            self.day_label.setText(self.tr("All days answered."))
            return
        self.day_label.setText(
            fill(self.tr("Day %1 of %2"), number, str(view.case_count))
            if view.case_count
            else fill(self.tr("Day %1"), number)
        )
        self._show_balance(case)
        self.vouchers.set_rows(case.vouchers)
        self.table.clearSelection()
        self._cursor = None
        self.counts.set_rows(case.count)
        # The next day is drawn now, between keys, not on the Enter that needs it
        # (LazyItems gives item i the same whenever it is first asked for).
        QTimer.singleShot(0, lambda: self.run.cases.item(view.case_index + 1))
        self.hint.setText(" ".join(hint_text(c) for c in view.hints))

    def _show_balance(self, case: DrawerCase) -> None:
        diff = case.difference
        values = {
            "opening": money(case.opening_balance, self.symbol),
            "cash_in": money(case.system_cash_in, self.symbol),
            "cash_out": money(case.system_cash_out, self.symbol),
            "book": money(case.book_balance, self.symbol),
            "counted": money(case.counted_total, self.symbol),
            "difference": (
                "—"
                if not self._difference_shown
                else fill(self.tr("%1 over"), money(diff, self.symbol))
                if diff > 0
                else fill(self.tr("%1 short"), money(-diff, self.symbol))
            ),
        }
        for key, text in values.items():
            self.figures[key].setText(text)

    def _judgement_text(self, last: CaseJudgement | None) -> str:
        if last is None:
            return ""
        day = str(last.index + 1)
        error = last.puzzle.error
        if last.kind_ok:
            text = self.tr("Day %1: right — voucher %2, %3.")
            text = fill(text, day, str(last.row + 1))
            return verdict_html(
                True, fill(text, "%1", "%2", error_kind_name(last.kind)), self.palette()
            )
        text = fill(
            self.tr("Day %1: it was voucher %2, %3 (you said voucher %4, %5)."),
            day,
            str(error.row + 1),
            error_kind_name(error.kind),
            str(last.row + 1),
            error_kind_name(last.kind),
        )
        return verdict_html(last.row_ok, text, self.palette())


def _kind_text(voucher: Voucher) -> str:
    kind = voucher_kind_name(voucher.kind)
    if voucher.exchange is not None:
        ex = voucher.exchange
        kind += f" ({ex.currency} {count_text(int(ex.amount))} @ {ex.rate})"
    return kind


def _widths(table: QTableView, samples: list[str]) -> int:
    """Column i as wide as ``samples[i]`` (or its header, if wider) plus padding; the
    columns' total width in px."""
    metrics = table.fontMetrics()
    header = table.horizontalHeader()
    header_metrics = header.fontMetrics()
    total = 0
    for column, sample in enumerate(samples):
        title = str(table.model().headerData(column, Qt.Orientation.Horizontal))
        width = max(metrics.horizontalAdvance(sample), header_metrics.horizontalAdvance(title))
        header.resizeSection(column, width + 18)
        total += width + 18
    return total


def _table(model: RecordTableModel[Any], name: str) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _set(label: QLabel, text: str) -> None:
    if label.text() != text:
        label.setText(text)
