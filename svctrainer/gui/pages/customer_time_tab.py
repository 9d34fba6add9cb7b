"""The supervisor's "Customer time" tab: what the gains mean for the branch's queue.

For the chosen team (or everyone) and period: the customer-minutes saved a day and the
source of the queue figures (imported tickets or the assumed profile), each team's own
effect, the what-if chart (windows × service-time cut → mean wait), the measured queue
before and after a training period, the queue data and its imports, and the mix and
assumptions behind it all. Everything loads in the background (``gui.background``).

The Saving view is built with the tab; the other four are built the first time they are
shown (``LazyTab``) and then given the figures already loaded: building the what-if
chart, the comparison, the queue data and the mix editor at once held the GUI thread
for most of the tab's first visit (bench/bench_heartbeat.py). Its bar chart is drawn a
turn of the event loop after the panel's text, so the two never share one long turn.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
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
from svctrainer.gui.tabs import LazyTab
from svctrainer.services.progress_records import TeamCustomerTime
from svctrainer.services.queue_data import day_range
from svctrainer.services.records import TeamRecord

CHART_TURN_MS = 1
"""A real timer before the bar chart, not a zero-time call: Qt runs a zero-time call with
the posted events, before the paint and input that came due meanwhile."""

if TYPE_CHECKING:  # each built with its tab
    from svctrainer.gui.charts.what_if_chart import WhatIfChart
    from svctrainer.gui.pages.mix_editor import MixEditor
    from svctrainer.gui.pages.queue_comparison import QueueComparisonView
    from svctrainer.gui.pages.queue_data_tab import QueueDataTab


def _what_if() -> WhatIfChart:
    from svctrainer.gui.charts.what_if_chart import WhatIfChart  # noqa: PLC0415

    chart = WhatIfChart()
    chart.setObjectName("whatIfChart")
    return chart


def _comparison(context: AppContext) -> QueueComparisonView:
    from svctrainer.gui.pages.queue_comparison import QueueComparisonView  # noqa: PLC0415

    return QueueComparisonView(context)


def _queue_data(context: AppContext) -> QueueDataTab:
    from svctrainer.gui.pages.queue_data_tab import QueueDataTab  # noqa: PLC0415

    return QueueDataTab(context)


def _mix(context: AppContext) -> MixEditor:
    from svctrainer.gui.pages.mix_editor import MixEditor  # noqa: PLC0415

    return MixEditor(context)


class CustomerTimeTab(QWidget):
    # The figures of a load are shown: the panel, then the team chart a turn later. A walk
    # of the screens (and a test) waits on it rather than on a pause or the worker.
    loaded = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from svctrainer.gui.charts.team_chart import BarChart  # noqa: PLC0415

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
        self.tabs = QTabWidget()
        self.tabs.setObjectName("customerTimeTabs")
        self.tabs.addTab(saving, self.tr("&Saving"))
        # The builders hold the context, never this tab: no reference cycle.
        self._what_if = LazyTab(self.tabs, self.tr("&What if"), _what_if)
        self._comparison = LazyTab(
            self.tabs, self.tr("&Before / after"), lambda: _comparison(context)
        )
        self._queue_data = LazyTab(self.tabs, self.tr("&Queue data"), lambda: _queue_data(context))
        self._mix = LazyTab(self.tabs, self.tr("&Mix and assumptions"), lambda: _mix(context))
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.tabs, 1)
        self.team.currentIndexChanged.connect(self.load)
        self.range_bar.changed.connect(self.load)
        self.tabs.currentChanged.connect(self._build_shown)
        self.result: TeamCustomerTime | None = None
        self._what_if_holds: TeamCustomerTime | None = None
        """The result whose lines the What if chart shows."""

    # Each view by name, built (and given the loaded figures) on first use: shown, or
    # reached by tests and the bench.
    @property
    def what_if(self) -> WhatIfChart:
        chart = self._what_if.widget
        self._fill_what_if()
        return chart

    def _fill_what_if(self) -> None:
        """The loaded figures into the What if chart, if it is built and lacks them."""
        result = self.result
        if self._what_if.built and result is not None and self._what_if_holds is not result:
            self._what_if_holds = result
            self._what_if.widget.set_lines(result.what_if, result.effect.cut.cut_s)

    @property
    def comparison(self) -> QueueComparisonView:
        built = self._comparison.built
        view = self._comparison.widget
        if not built:
            if self._queue_data.built:
                self._queue_data.widget.changed.connect(view.compare)
            if self.result is not None:
                view.target_s = self.result.setting.assumptions.target.wait_s
                view.compare()
        return view

    @property
    def queue_data(self) -> QueueDataTab:
        built = self._queue_data.built
        data = self._queue_data.widget
        if not built:
            data.changed.connect(self.load)
            if self._comparison.built:
                data.changed.connect(self._comparison.widget.compare)
            if self.result is not None:
                self._load_queue_data(data, self.result)
        return data

    @property
    def mix(self) -> MixEditor:
        built = self._mix.built
        editor = self._mix.widget
        if not built:
            editor.saved.connect(self.load)
            editor.refresh()
        return editor

    def _build_shown(self, index: int) -> None:
        shown = self.tabs.widget(index)
        if not self._what_if.built and self._what_if.holds(shown):
            # The chart in this turn, its lines in the next (asked for sooner, say by
            # ``what_if``, they are drawn then): together they held the GUI thread
            # 69-133 ms of CPU at load 10 (bench/bench_heartbeat.py; issue 17).
            # Given the chart, the call is dropped with it: sign-out deletes the tab
            # pages a turn each before this tab (``MainWindow._clear_pages``).
            QTimer.singleShot(CHART_TURN_MS, self._what_if.widget, self._fill_what_if)
            return
        for lazy, view in (
            (self._comparison, lambda: self.comparison),
            (self._queue_data, lambda: self.queue_data),
            (self._mix, lambda: self.mix),
        ):
            if not lazy.built and lazy.holds(shown):
                view()
                return

    def refresh(self) -> None:
        services, actor = self._ctx.services, self._ctx.actor
        if self._mix.built:
            self._mix.widget.refresh()
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
        first_show = self.result is None
        self.result = result
        self.panel.show_team(result)
        # The chart in the next turn: the panel's text paints first, and the two never
        # hold the GUI thread in one turn. Given the chart, the call is dropped with it
        # (a closed tab, or sign-out, which deletes the tab pages before this tab).
        QTimer.singleShot(CHART_TURN_MS, self.chart, lambda: self._show_chart(result))
        self._fill_what_if()
        if self._queue_data.built:
            self._load_queue_data(self._queue_data.widget, result)
        if self._comparison.built:
            view = self._comparison.widget
            view.target_s = result.setting.assumptions.target.wait_s
            if first_show:
                view.compare()

    def _show_chart(self, result: TeamCustomerTime) -> None:
        from svctrainer.gui.charts.team_chart import team_label  # noqa: PLC0415
        from svctrainer.gui.drills.figures import number  # noqa: PLC0415

        if result is not self.result:
            return  # a newer result is on its way to the chart
        teams = result.by_team
        self.chart.set_bars(
            self.tr("Customer-minutes saved a day, each team's gains alone"),
            [team_label(name) for name, _ in teams],
            [effect.customer_minutes_saved for _, effect in teams],
            self.tr("customer-minutes a day"),
            lambda v: "—" if v is None else number(v, 1),
        )
        self.loaded.emit()

    def _load_queue_data(self, data: QueueDataTab, result: TeamCustomerTime) -> None:
        window = self.range_bar.date_range()
        data.load(day_range(window.since, window.until), result.setting.assumptions.target.wait_s)
