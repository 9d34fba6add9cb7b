"""Efficiency gains as customer time: what a speed gain means for the branch's queue.

"Practise basic skills to improve work efficiency and reduce the waiting time for
customers": the panel turns the gain between baseline and latest tests into seconds per
transaction at the counter, and then into the customer-minutes the branch's shared
ticket queue saves a day (``services.customer_time`` has the steps, ``core.queueing``
the formulas). It always says which queue the figures are about: the branch's imported
queue tickets, or the assumed arrival profile when none are imported for the period;
and it always gives the service time saved too, the lower bound that holds even when
nobody waits.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from svctrainer.core.analytics.customer_time import TransactionsMismatch
from svctrainer.gui.dates import day_text
from svctrainer.gui.drills.figures import number, percent
from svctrainer.gui.i18n import fill
from svctrainer.services.progress_records import (
    BranchEffect,
    PersonCustomerTime,
    QueueSource,
    SkillLevels,
    TeamCustomerTime,
)


@dataclass(frozen=True, slots=True)
class PanelTexts:
    headline: str
    source: str
    lines: list[str]


def signed(value: float, decimals: int = 1) -> str:
    return ("+" if value > 0 else "−" if value < 0 else "") + number(abs(value), decimals)


def minutes_text(seconds: float | None) -> str:
    return "—" if seconds is None else number(seconds / 60.0, 1)


class CustomerTimePanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headline = QLabel()
        self.headline.setObjectName("customerTimeHeadline")
        font = QFont(self.headline.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.headline.setFont(font)
        self.headline.setWordWrap(True)
        self.source = QLabel()
        self.source.setObjectName("customerTimeSource")
        self.source.setWordWrap(True)
        self.details = QLabel()
        self.details.setObjectName("customerTimeDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        box = QVBoxLayout(self)
        box.addWidget(self.headline)
        box.addWidget(self.source)
        box.addWidget(self.details)
        box.addStretch(1)

    # -- one person ---------------------------------------------------------------------

    def show_person(self, result: PersonCustomerTime) -> None:
        self._show(self.person_texts(result))

    def show_team(self, result: TeamCustomerTime) -> None:
        self._show(self.team_texts(result))

    def _show(self, texts: PanelTexts) -> None:
        self.headline.setText(texts.headline)
        self.source.setText(texts.source)
        self.details.setText("<br>".join(html.escape(line) for line in texts.lines))

    def person_texts(self, result: PersonCustomerTime) -> PanelTexts:
        """The headline, the source and the details for one person (screen and PDF)."""
        s = result.saving
        source = self.source_text(result.effect)
        if _no_levels(result.levels):
            return PanelTexts(
                self.tr("No customer-time figure yet"),
                source,
                [
                    self.tr(
                        "Take at least four ten-key (or data-entry) tests, or cash-counting "
                        "tests (or have four hand counts logged): the first three set your "
                        "baseline, the later ones your latest level, and the difference "
                        "becomes seconds saved per customer."
                    )
                ],
            )
        effect = result.effect
        minutes = effect.customer_minutes_saved
        headline = fill(
            self.tr("%1 s per transaction · %2 customer-minutes a day"),
            signed(-s.seconds_saved_per_transaction),
            "—" if minutes is None else signed(minutes),
        )
        lines = [
            fill(
                self.tr("Mean service time at your counter %1 s → %2 s per transaction."),
                number(s.seconds_before, 1),
                number(s.seconds_after, 1),
            ),
            *self._levels(result.levels),
            fill(
                self.tr(
                    "Service time saved at your counter: %1 customer-minutes a day "
                    "(%2 customers; the lower bound, true even when nobody queues)."
                ),
                signed(result.service_minutes_per_day),
                number(result.customers_per_day),
            ),
            fill(
                self.tr(
                    "In the branch's shared queue you serve %1 of the day's customers: your gain "
                    "saves them %2 customer-minutes of waiting and service a day."
                ),
                percent(effect.cut.share_each, 0),
                "—" if minutes is None else signed(minutes),
            ),
            *self._stability(effect),
            self._transfer_line(result),
        ]
        if s.unmeasured:
            lines.append(
                fill(
                    self.tr("Not measured yet (counted as unchanged): %1."),
                    ", ".join(self._skill(u) for u in s.unmeasured),
                )
            )
        return PanelTexts(headline, source, lines)

    # -- a team or everyone ---------------------------------------------------------------

    def team_texts(self, result: TeamCustomerTime) -> PanelTexts:
        """The headline, the source and the details for a team (screen and PDF)."""
        effect = result.effect
        source = self.source_text(effect)
        if result.people == 0:
            return PanelTexts(
                self.tr("No customer-time figure yet"),
                source,
                [self.tr("Nobody here has a baseline and a later test yet."), *self._queue(effect)],
            )
        minutes = effect.customer_minutes_saved
        if minutes is None:
            headline = fill(
                self.tr("%1 customer-minutes of service time a day (the queue cannot keep up)"),
                signed(effect.service_minutes_saved),
            )
        else:
            headline = fill(
                self.tr("%1 customer-minutes saved a day, %2 of them at the window"),
                signed(minutes),
                number(effect.service_minutes_saved, 1),
            )
        lines = [
            fill(
                self.tr(
                    "%1 people with test results save %2 s per transaction on average; in the "
                    "shared queue each serves %3 of the day's customers, so the branch's mean "
                    "service time falls by %4 s."
                ),
                str(result.people),
                number(result.mean_seconds_saved_per_transaction, 1),
                percent(effect.cut.share_each, 0),
                number(effect.cut.cut_s, 1),
            ),
            *self._queue(effect),
        ]
        return PanelTexts(headline, source, lines)

    # -- pieces -------------------------------------------------------------------------

    def source_text(self, effect: BranchEffect) -> str:
        basis = effect.basis
        measured = basis.measured
        if basis.source is QueueSource.IMPORTED and measured is not None:
            return fill(
                self.tr(
                    "Source: imported queue tickets, %1 to %2 (%3 days, %4 tickets, "
                    "%5 customers a day)."
                ),
                day_text(measured.first_day),
                day_text(measured.last_day),
                str(measured.days),
                number(measured.tickets),
                number(measured.customers_per_day),
            )
        profile = basis.conditions.profile
        return fill(
            self.tr(
                "Source: assumed arrival profile (no queue tickets imported for this period): "
                "%1 customers a day on %2 windows on average."
            ),
            number(profile.customers_per_day),
            number(profile.mean_windows, 2),
        )

    def _queue(self, effect: BranchEffect) -> list[str]:
        day = effect.day
        c = effect.basis.conditions
        target = day.target
        lines = [
            fill(
                self.tr(
                    "A window is held %1 s per customer on average, call to finish (variability "
                    "%2); the line is modelled hour by hour as one ticket queue feeding the open "
                    "windows."
                ),
                number(c.service_s, 1),
                number(c.cv_service, 2),
            ),
            fill(
                self.tr("Modelled mean wait %1 → %2 min; waiting over %3 min: %4 → %5."),
                minutes_text(day.mean_wait_before_s),
                minutes_text(day.mean_wait_after_s),
                number(target.wait_s / 60.0, 0),
                percent(day.share_over_target_before),
                percent(day.share_over_target_after),
            ),
            fill(
                self.tr(
                    "Windows needed for %1 of customers called within %2 min: %3 → %4 "
                    "window-hours a day (%5 open)."
                ),
                percent(target.share_within, 0),
                number(target.wait_s / 60.0, 0),
                str(day.window_hours_needed_before),
                str(day.window_hours_needed_after),
                str(day.window_hours_open),
            ),
            *self._stability(effect),
        ]
        measured = effect.basis.measured
        if measured is not None:
            lines.insert(
                2,
                fill(
                    self.tr("Measured in the tickets: mean wait %1 min, %2 waiting over %3 min."),
                    minutes_text(measured.wait.mean),
                    percent(measured.share_over_target),
                    number(target.wait_s / 60.0, 0),
                ),
            )
        if effect.basis.mismatch is not None:
            lines.append(self._mismatch(effect.basis.mismatch))
        return lines

    def _stability(self, effect: BranchEffect) -> list[str]:
        hours = effect.day.unstable_before or effect.day.unstable_after
        if not hours:
            return []
        return [
            fill(
                self.tr(
                    "The queue cannot keep up at %1: more customers arrive than the open windows "
                    "can serve, so no waiting figure exists for the day; open a window then."
                ),
                ", ".join(h.label for h in hours),
            )
        ]

    def _mismatch(self, m: TransactionsMismatch) -> str:
        return fill(
            self.tr(
                "Check the mix: %1 transactions per teller a day disagree with this queue "
                "(%2 customers a day on %3 windows is %4 a window)."
            ),
            number(m.entered),
            number(m.customers_per_day),
            number(m.mean_windows, 2),
            number(m.implied),
        )

    def _transfer_line(self, result: PersonCustomerTime) -> str:
        t = result.setting.assumptions.transfer
        counting = t.counting_hand if result.levels.counting_by_hand else t.counting_drill
        return fill(
            self.tr(
                "A drill's speed is not the counter's: %1 of the keying gain and %2 of the "
                "counting gain are counted at the counter (the branch's transfer factors)."
            ),
            percent(t.keying, 0),
            percent(counting, 0),
        )

    def _levels(self, levels: SkillLevels) -> list[str]:
        out = []
        if levels.kph_before is not None:
            out.append(
                fill(
                    self.tr("Keying: %1 → %2 keystrokes per hour (baseline → latest tests)."),
                    number(levels.kph_before),
                    number(levels.kph_after or levels.kph_before),
                )
            )
        if levels.notes_before is not None:
            text = (
                self.tr("Counting: %1 → %2 notes per minute (logged hand counts).")
                if levels.counting_by_hand
                else self.tr("Counting: %1 → %2 notes per minute.")
            )
            out.append(
                fill(
                    text,
                    number(levels.notes_before),
                    number(levels.notes_after or levels.notes_before),
                )
            )
        return out

    def _skill(self, code: str) -> str:
        return {"keystrokes": self.tr("keying"), "notes": self.tr("counting notes")}.get(code, code)


def _no_levels(levels: SkillLevels) -> bool:
    return levels.kph_before is None and levels.notes_before is None
