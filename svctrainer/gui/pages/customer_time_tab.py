"""The supervisor's "Customer time" tab: what the gains mean for the branch's queue.

For the chosen team (or everyone) and period: the customer-minutes saved a day and the
source of the queue figures (imported tickets or the assumed profile), each team's own
effect, the what-if chart (windows × service-time cut → mean wait), the measured queue
before and after a training period, the queue data and its imports, and the mix and
assumptions behind it all. Everything loads in the background (``gui.background``).
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from svctrainer.gui.context import AppContext
from svctrainer.gui.messages import show_error
from svctrainer.gui.pages.customer_time_panel import CustomerTimePanel
from svctrainer.gui.pages.date_range import DateRangeBar
from svctrainer.gui.scroll_area import scrolled
from svctrainer.services.progress_records import TeamCustomerTime
from svctrainer.services.queue_data import day_range
from svctrainer.services.records import TeamRecord


class CustomerTimeTab(QWidget):
    # The figures of a load are shown: panel, team chart and what-if chart drawn. A walk
    # of the screens (and a test) waits on it rather than on a pause or the worker.
    loaded = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from svctrainer.gui.charts.team_chart import BarChart  # noqa: PLC0415
        from svctrainer.gui.charts.what_if_chart import WhatIfChart  # noqa: PLC0415
        from svctrainer.gui.pages.mix_editor import MixEditor  # noqa: PLC0415
        from svctrainer.gui.pages.queue_comparison import QueueComparisonView  # noqa: PLC0415
        from svctrainer.gui.pages.queue_data_tab import QueueDataTab  # noqa: PLC0415

        self._ctx = context
        self.team = QComboBox()
        self.team.addItem(self.tr("All teams"), None)
        self.range_bar = DateRangeBar()
        team_label = QLabel(self.tr("T&eam"))
        team_label.setBuddy(self.team)
        top = QHBoxLayout()
        top.addWidget(team_label)
        top.addWidget(self.team, 1)
        top.addWidget(self.range_bar)
        self.panel = CustomerTimePanel()
        self.chart = BarChart()
        self.chart.setObjectName("minutesByTeam")
        saving = QWidget()
        saving_box = QHBoxLayout(saving)
        saving_box.addWidget(scrolled(self.panel), 5)
        saving_box.addWidget(self.chart, 4)
        self.what_if = WhatIfChart()
        self.what_if.setObjectName("whatIfChart")
        self.comparison = QueueComparisonView(context)
        self.queue_data = QueueDataTab(context)
        self.mix = MixEditor(context)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("customerTimeTabs")
        self.tabs.addTab(saving, self.tr("&Saving"))
        self.tabs.addTab(self.what_if, self.tr("&What if"))
        self.tabs.addTab(self.comparison, self.tr("&Before / after"))
        self.tabs.addTab(self.queue_data, self.tr("&Queue data"))
        self.tabs.addTab(self.mix, self.tr("&Mix and assumptions"))
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.tabs, 1)
        self.team.currentIndexChanged.connect(self.load)
        self.range_bar.changed.connect(self.load)
        self.mix.saved.connect(self.load)
        self.queue_data.changed.connect(self.load)
        self.queue_data.changed.connect(self.comparison.compare)
        self.result: TeamCustomerTime | None = None

    def refresh(self) -> None:
        services, actor = self._ctx.services, self._ctx.actor
        self.mix.refresh()
        self._ctx.background.run(
            lambda: services.people.list_teams(actor), self._teams, lambda e: show_error(self, e)
        )

    def _teams(self, teams: list[TeamRecord]) -> None:
        keep = self.team.currentData()
        self.team.blockSignals(True)
        self.team.clear()
        self.team.addItem(self.tr("All teams"), None)
        for team in teams:
            self.team.addItem(team.name, str(team.id))
        self.team.setCurrentIndex(max(0, self.team.findData(keep)))
        self.team.blockSignals(False)
        self.load()

    def load(self, *_args: object) -> None:
        team = self.team.currentData()
        team_id = uuid.UUID(team) if team else None
        window = self.range_bar.date_range()
        services, actor = self._ctx.services, self._ctx.actor
        self._ctx.background.run(
            lambda: services.progress.team_customer_time(actor, team_id, window),
            self._show,
            lambda e: show_error(self, e),
        )

    def _show(self, result: TeamCustomerTime) -> None:
        from svctrainer.gui.charts.team_chart import team_label  # noqa: PLC0415
        from svctrainer.gui.drills.figures import number  # noqa: PLC0415

        first_show = self.result is None
        self.result = result
        self.panel.show_team(result)
        teams = result.by_team
        self.chart.set_bars(
            self.tr("Customer-minutes saved a day, each team's gains alone"),
            [team_label(name) for name, _ in teams],
            [effect.customer_minutes_saved for _, effect in teams],
            self.tr("customer-minutes a day"),
            lambda v: "—" if v is None else number(v, 1),
        )
        self.what_if.set_lines(result.what_if, result.effect.cut.cut_s)
        target = result.setting.assumptions.target.wait_s
        window = self.range_bar.date_range()
        self.queue_data.load(day_range(window.since, window.until), target)
        self.comparison.target_s = target
        if first_show:
            self.comparison.compare()
        self.loaded.emit()
