"""Efficiency gains as customer time: what a speed gain means at the counter.

"Practise basic skills to improve work efficiency and reduce the waiting time for
customers": the panel turns the gain between baseline and latest tests into seconds per
transaction and customer minutes saved per day, from the branch's transaction mix
(``core.analytics.customer_time`` has the formulas; the supervisor edits the mix).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from svctrainer.core.analytics.customer_time import QueueModel
from svctrainer.gui.drills.figures import number
from svctrainer.services.progress_records import PersonCustomerTime, SkillLevels, TeamCustomerTime
from svctrainer.services.settings import MixSetting


def signed(value: float, decimals: int = 1) -> str:
    return ("+" if value > 0 else "−" if value < 0 else "") + number(abs(value), decimals)


class CustomerTimePanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headline = QLabel()
        self.headline.setObjectName("customerTimeHeadline")
        font = QFont(self.headline.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.headline.setFont(font)
        self.headline.setWordWrap(True)
        self.details = QLabel()
        self.details.setObjectName("customerTimeDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        box = QVBoxLayout(self)
        box.addWidget(self.headline)
        box.addWidget(self.details)
        box.addStretch(1)

    def show_person(self, result: PersonCustomerTime) -> None:
        s = result.saving
        if _no_levels(result.levels):
            self.headline.setText(self.tr("No customer-time figure yet"))
            self.details.setText(
                html.escape(
                    self.tr(
                        "Take at least four ten-key (or data-entry) tests, or cash-counting "
                        "tests: the first three set your baseline, the later ones your latest "
                        "level, and the difference becomes seconds saved per customer."
                    )
                )
            )
            return
        minutes = s.customer_minutes_saved_per_day
        self.headline.setText(
            self.tr("%1 s per transaction · %2 customer-minutes a day")
            .replace("%1", signed(-s.seconds_saved_per_transaction))
            .replace("%2", "—" if minutes is None else signed(minutes))
        )
        lines = [
            self.tr("Mean service time %1 s → %2 s per transaction.")
            .replace("%1", number(s.seconds_before, 1))
            .replace("%2", number(s.seconds_after, 1)),
            *self._levels(result.levels),
            self._mix_line(result.setting),
        ]
        if s.unmeasured:
            lines.append(
                self.tr("Not measured yet (counted as unchanged): %1.").replace(
                    "%1", ", ".join(self._skill(u) for u in s.unmeasured)
                )
            )
        self.details.setText("<br>".join(html.escape(line) for line in lines))

    def show_team(self, result: TeamCustomerTime) -> None:
        s = result.saving
        if s.people == 0:
            self.headline.setText(self.tr("No customer-time figure yet"))
            self.details.setText(
                html.escape(self.tr("Nobody here has a baseline and a later test yet."))
            )
            return
        minutes = s.customer_minutes_saved_per_day
        self.headline.setText(
            self.tr("%1 customer-minutes a day, %2 s per transaction")
            .replace("%1", "—" if minutes is None else signed(minutes))
            .replace("%2", signed(-(s.mean_seconds_saved_per_transaction or 0.0)))
        )
        lines = [
            self.tr("People with test results: %1; each serves the mix below.").replace(
                "%1", str(s.people)
            ),
            self._mix_line(result.setting),
        ]
        self.details.setText("<br>".join(html.escape(line) for line in lines))

    def _levels(self, levels: SkillLevels) -> list[str]:
        out = []
        if levels.kph_before is not None:
            out.append(
                self.tr("Keying: %1 → %2 keystrokes per hour (baseline → latest tests).")
                .replace("%1", number(levels.kph_before))
                .replace("%2", number(levels.kph_after or levels.kph_before))
            )
        if levels.notes_before is not None:
            out.append(
                self.tr("Counting: %1 → %2 notes per minute.")
                .replace("%1", number(levels.notes_before))
                .replace("%2", number(levels.notes_after or levels.notes_before))
            )
        return out

    def _mix_line(self, setting: MixSetting) -> str:
        model = {
            QueueModel.DIRECT: self.tr("only the customer being served gains"),
            QueueModel.WAITING_LINE: self.tr("%1 customers waiting behind on average").replace(
                "%1", number(setting.queue.customers_waiting, 1)
            ),
            QueueModel.MM1: self.tr("queue model M/M/1, %1 arrivals an hour").replace(
                "%1", number(setting.queue.arrivals_per_hour, 1)
            ),
        }[setting.queue.model]
        source = self.tr("default mix") if setting.is_default else self.tr("branch mix")
        return (
            self.tr("%1 transactions a day (%2; %3).")
            .replace("%1", number(setting.mix.transactions_per_day))
            .replace("%2", source)
            .replace("%3", model)
        )

    def _skill(self, code: str) -> str:
        return {"keystrokes": self.tr("keying"), "notes": self.tr("counting notes")}.get(code, code)


def _no_levels(levels: SkillLevels) -> bool:
    return levels.kph_before is None and levels.notes_before is None
