"""The voucher-summing screen (传票算): the open voucher with its five numbered rows and
the row to add marked, the question (which vouchers, which row), and the adding
register (the entry being keyed, the running total, the tape of this group).

A keystroke changes a few labels and repaints the voucher; nothing is rebuilt.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from svctrainer.core.drills.base import Feedback, LiveState
from svctrainer.core.drills.voucher_book import TOTAL_KEYS
from svctrainer.core.drills.voucher_summing import VoucherRun, VoucherView
from svctrainer.gui.drills.bank_display import (
    MONO_FAMILIES,
    ProgressLine,
    bad_colour,
    big,
    key_legend,
    money,
    panel,
    verdict_html,
)
from svctrainer.gui.i18n import fill
from svctrainer.gui.messages import confirm

STACK_DEPTH = 3  # pages drawn behind the open voucher


class VoucherPage(QWidget):
    """One voucher as printed: number, five rows, the row to add highlighted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = 0
        self.book_size = 0
        self.rows: tuple[str, ...] = ()
        self.row_to_key = 0
        self.setObjectName("voucherPage")
        self._title = self.tr("Voucher")
        self._number = self.tr("No. %1")
        self.setMinimumSize(340, 300)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(460, 380)

    def show_voucher(self, page: int, book_size: int, rows: tuple[str, ...], row: int) -> None:
        if (page, rows, row) != (self.page, self.rows, self.row_to_key):
            self.page, self.book_size, self.rows, self.row_to_key = page, book_size, rows, row
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.rows:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        paper = pal.base().color()
        ink = pal.text().color()
        edge = pal.mid().color()
        width = min(self.width() - 24.0, 520.0)
        height = min(self.height() - 24.0, 420.0)
        left = (self.width() - width) / 2
        top = (self.height() - height) / 2
        for depth in range(STACK_DEPTH, 0, -1):  # the pages underneath
            off = depth * 4.0
            painter.setPen(QPen(edge, 1))
            painter.setBrush(paper.darker(100 + depth * 4))
            painter.drawRoundedRect(QRectF(left + off, top + off, width, height), 6, 6)
        sheet = QRectF(left, top, width, height)
        painter.setPen(QPen(edge, 1.5))
        painter.setBrush(paper)
        painter.drawRoundedRect(sheet, 6, 6)

        head_h = height * 0.2
        font = QFont(self.font())
        font.setBold(True)
        font.setPixelSize(max(12, int(head_h * 0.34)))
        painter.setFont(font)
        painter.setPen(ink)
        painter.drawText(
            QRectF(left + 16, top, width - 32, head_h),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            self._title,
        )
        painter.drawText(
            QRectF(left + 16, top, width - 32, head_h),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
            fill(self._number, str(self.page)),
        )
        painter.setPen(QPen(edge, 1))
        painter.drawLine(
            int(left + 12), int(top + head_h), int(left + width - 12), int(top + head_h)
        )

        row_h = (height - head_h - 12) / max(1, len(self.rows))
        mono = QFont(self.font())
        mono.setFamilies(MONO_FAMILIES)
        mono.setPixelSize(max(12, int(row_h * 0.42)))
        highlight = pal.highlight().color()
        for index, amount in enumerate(self.rows, 1):
            y = top + head_h + 6 + (index - 1) * row_h
            band = QRectF(left + 8, y + 2, width - 16, row_h - 4)
            if index == self.row_to_key:
                tint = QColor(highlight)
                tint.setAlpha(60)
                painter.setPen(QPen(highlight, 2))
                painter.setBrush(tint)
                painter.drawRoundedRect(band, 4, 4)
            badge = QRectF(left + 18, y + row_h * 0.22, row_h * 0.56, row_h * 0.56)
            painter.setPen(QPen(highlight if index == self.row_to_key else edge, 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(badge)
            small = QFont(self.font())
            small.setBold(True)
            small.setPixelSize(max(10, int(row_h * 0.28)))
            painter.setFont(small)
            painter.setPen(ink)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, str(index))
            painter.setFont(mono)
            painter.drawText(
                QRectF(left + 24 + row_h * 0.6, y, width - 56 - row_h * 0.6, row_h),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                amount,
            )
        painter.end()


class VoucherSummingView(QWidget):
    def __init__(self, run: VoucherRun, hints: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.run = run
        self.hints = hints
        self._group = -1
        self._tape_count = 0
        self._question: tuple[int, int, int, int] | None = None
        self._contest = run.contest
        # Translated once: ``tr`` costs about 0.1 ms a call, too much for every key.
        self._page_text = self.tr("Voucher %1 of %2")
        self._count_text = self.tr("%1 of %2 amounts added")
        self._hint_here = self.tr("The next amount is on this voucher.")
        self._hint_there = self.tr("The next amount is on voucher %1.")
        self._right = self.tr("last amount right")
        self._wrong = self.tr("last amount wrong")
        self._totals = self.tr("%1 of %2 totals right")
        self._wrong_groups = self.tr(" (wrong: group %1)")
        self._bad = bad_colour(self.palette())

        self.question = big(QLabel(), 1.25, bold=True)
        self.question.setObjectName("voucherQuestion")
        self.question.setWordWrap(True)
        self.progress = ProgressLine(self.tr("%1 of %2 vouchers"))
        self.progress.setObjectName("groupProgress")
        self.groups_label = QLabel()
        self.groups_label.setObjectName("groupsDone")
        question_box, q = panel(name="questionPanel")
        q.addWidget(self.question)
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addSpacing(16)
        row.addWidget(self.groups_label)
        q.addLayout(row)

        self.page_view = VoucherPage()
        self.page_label = QLabel()
        self.page_label.setObjectName("pageLabel")
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        left = QVBoxLayout()
        left.addWidget(self.page_view, 1)
        left.addWidget(self.page_label)

        register_box, r = panel(self.tr("Adding register"), "registerPanel")
        self.entry = big(QLabel(), 2.2, mono=True, bold=True)
        self.entry.setObjectName("registerEntry")
        self.entry.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.total = big(QLabel(), 1.5, mono=True)
        self.total.setObjectName("registerTotal")
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.count = QLabel()
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.tape = QListWidget()
        self.tape.setObjectName("registerTape")
        self.tape.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        tape_font = QFont(self.tape.font())
        tape_font.setFamilies(MONO_FAMILIES)
        self.tape.setFont(tape_font)
        r.addWidget(QLabel(self.tr("Entry")))
        r.addWidget(self.entry)
        r.addWidget(QLabel(self.tr("Running total")))
        r.addWidget(self.total)
        r.addWidget(self.count)
        r.addWidget(self.tape, 1)
        register_box.setMinimumWidth(300)

        self.hint = QLabel()
        self.hint.setObjectName("voucherHint")
        self.hint.setTextFormat(Qt.TextFormat.RichText)
        self.hint.setWordWrap(True)
        self.hint.setVisible(hints)
        legend = key_legend(
            [
                ("PgDn", self.tr("next voucher")),
                ("PgUp", self.tr("previous")),
                ("Enter / +", self.tr("add")),
                ("Tab / *", self.tr("hand in the total")),
                ("−", self.tr("subtract (correct an amount)")),
                ("⌫", self.tr("last digit")),
                ("Del", self.tr("clear entry")),
            ]
        )
        middle = QHBoxLayout()
        middle.addLayout(left, 3)
        middle.addWidget(register_box, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(question_box)
        layout.addLayout(middle, 1)
        layout.addWidget(self.hint)
        layout.addWidget(legend)

    def wants_ime(self) -> bool:
        return False

    def allows(self, key: str) -> bool:
        """Whether ``key`` may go to the engine now: handing in a group with vouchers
        still to add asks first, Keep going being the default (a total handed in is
        final, as on the contest answer sheet)."""
        if key not in TOTAL_KEYS or self.run.finished:
            return True
        view = self.run.view()
        pending = any(c.isdigit() for c in view.entry_text)
        left = view.group_size - view.entries_in_group - int(pending)
        if left <= 0 or not (view.entries_in_group or pending):
            return True
        return confirm(
            self,
            self.tr("Hand in the total"),
            self.tr(
                "Vouchers of this group not added yet: %n. Hand in the total anyway? "
                "A total handed in cannot be changed.",
                None,
                left,
            ),
            self.tr("Hand in"),
            self.tr("Keep going"),
        )

    def refresh(self, state: LiveState, feedback: Feedback | None, key: str | None) -> None:
        view = self.run.view()
        self.page_view.show_voucher(view.page, view.book_size, view.rows, view.row_to_key)
        _set(
            self.page_label,
            fill(self._page_text, str(view.page), str(view.book_size)),
        )
        self._show_question(view, state)
        _set(self.entry, view.entry_text or "0")
        _set(self.total, money(view.running_total, decimals=self.run.decimals))
        _set(
            self.count,
            fill(self._count_text, str(view.entries_in_group), str(view.group_size)),
        )
        self.progress.set_progress(view.entries_in_group)
        self._update_tape(view)
        if self.hints:
            self._show_hint(view)

    def _show_question(self, view: VoucherView, state: LiveState) -> None:
        question = (view.group_index, view.row_to_key, view.group_first_page, view.groups_done)
        if question == self._question:
            return
        self._question = question
        if self._contest:  # each question names its own pages and row, as on the sheet
            text = fill(
                self.tr("Question %1: vouchers %2 to %3, row %4"),
                view.group_index + 1,
                view.group_first_page,
                view.group_last_page,
                view.row_to_key,
            )
        else:
            text = fill(
                self.tr("Group %1: add row %2 of vouchers %3 to %4"),
                view.group_index + 1,
                view.row_to_key,
                view.group_first_page,
                view.group_last_page,
            )
        self.question.setText(text)
        self.progress.set_progress(view.entries_in_group, view.group_size)
        total = state.item_count
        text = fill(self.tr("Totals handed in: %1"), str(view.groups_done))
        if total:
            text += fill(self.tr(" of %1"), str(total))
        self.groups_label.setText(text)

    def _update_tape(self, view: VoucherView) -> None:
        entries = self.run.entries
        if view.group_index != self._group or len(entries) < self._tape_count:
            # a new group, or the minus key took an amount back (and re-checked the rest)
            self._group = view.group_index
            self._tape_count = 0
            self.tape.clear()
        while self._tape_count < len(entries):
            entry = entries[self._tape_count]
            self._tape_count += 1
            mark = ("✓ " if entry.right else "✗ ") if self.hints else ""
            shown = money(entry.value, decimals=self.run.decimals)
            self.tape.addItem(f"{mark}{self._tape_count:>2}. {shown:>16}")
            if self.hints and not entry.right:
                self.tape.item(self.tape.count() - 1).setForeground(self._bad)
        if self.tape.count():
            self.tape.scrollToBottom()

    def _show_hint(self, view: VoucherView) -> None:
        parts = []
        if view.expected_page is not None:
            if view.expected_page == view.page:
                parts.append(self._hint_here)
            else:
                parts.append(fill(self._hint_there, str(view.expected_page)))
        if view.last_entry_right is not None:
            parts.append(
                verdict_html(
                    view.last_entry_right,
                    self._right if view.last_entry_right else self._wrong,
                    self.palette(),
                )
            )
        if view.groups_correct is not None and view.groups_done:
            wrong = ", ".join(str(g + 1) for g in view.wrong_groups or ())
            text = fill(self._totals, str(view.groups_correct))
            text = fill(text, "%1", str(view.groups_done))
            if wrong:
                text += fill(self._wrong_groups, wrong)
            parts.append(text)
        _set(self.hint, " · ".join(parts))


def _set(label: QLabel, text: str) -> None:
    if label.text() != text:
        label.setText(text)
