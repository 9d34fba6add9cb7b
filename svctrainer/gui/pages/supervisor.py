"""The supervisor page: the dashboard, customer time and the transaction mix, results
that need checking, and the audit log, as tabs.

Each tab loads when first shown (and on F5): the dashboard is the one a supervisor
opens every morning, so it comes first and loads at once.
"""

from __future__ import annotations

import uuid

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from svctrainer.core.roles import Permission
from svctrainer.gui.context import AppContext
from svctrainer.gui.messages import show_error
from svctrainer.gui.pages.customer_time_panel import CustomerTimePanel
from svctrainer.gui.pages.date_range import DateRangeBar
from svctrainer.services.progress_records import TeamCustomerTime
from svctrainer.services.records import TeamRecord


class CustomerTimeTab(QWidget):
    """What the gains mean in customer time, per team, and the mix behind the figures."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from svctrainer.gui.charts.team_chart import BarChart  # noqa: PLC0415
        from svctrainer.gui.pages.mix_editor import MixEditor  # noqa: PLC0415

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
        self.mix = MixEditor(context)
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(self.panel)
        left_box.addWidget(self.chart, 1)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self.mix)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(split, 1)
        self.team.currentIndexChanged.connect(self.load)
        self.range_bar.changed.connect(self.load)
        self.mix.saved.connect(self.load)
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

        self.result = result
        self.panel.show_team(result)
        teams = result.by_team
        self.chart.set_bars(
            self.tr("Customer-minutes saved per day, by team"),
            [team_label(name) for name, _ in teams],
            [saving.customer_minutes_saved_per_day for _, saving in teams],
            self.tr("minutes a day"),
            lambda v: "—" if v is None else number(v, 1),
        )


class SupervisorPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from svctrainer.gui.pages.audit_log import AuditLogView  # noqa: PLC0415
        from svctrainer.gui.pages.dashboard_tab import DashboardTab  # noqa: PLC0415
        from svctrainer.gui.pages.integrity_tab import IntegrityTab  # noqa: PLC0415

        self.tabs = QTabWidget()
        self.tabs.setObjectName("supervisorTabs")
        self.dashboard = DashboardTab(context)
        self.customer_time = CustomerTimeTab(context)
        self.integrity = IntegrityTab(context)
        self.tabs.addTab(self.dashboard, self.tr("&Dashboard"))
        self.tabs.addTab(self.customer_time, self.tr("&Customer time and mix"))
        self.tabs.addTab(self.integrity, self.tr("&Needs checking"))
        self.audit: AuditLogView | None = None
        if context.can(Permission.VIEW_AUDIT):
            self.audit = AuditLogView(context)
            self.tabs.addTab(self.audit, self.tr("A&udit log"))
        self._loaded: set[int] = set()
        self.tabs.currentChanged.connect(self._first_show)
        QShortcut(QKeySequence("F5"), self, self.refresh_current)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.tabs)

    def activated(self) -> None:
        self._first_show(self.tabs.currentIndex())

    def _first_show(self, index: int) -> None:
        # The mismatch check replays hundreds of attempts: only on request.
        if index in self._loaded or self.tabs.widget(index) is self.integrity:
            return
        self._loaded.add(index)
        self.refresh_current()

    def refresh_current(self) -> None:
        refresh = getattr(self.tabs.currentWidget(), "refresh", None)
        if callable(refresh):
            refresh()
