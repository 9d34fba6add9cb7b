"""The supervisor page: the dashboard, customer time (queue data, what if, before and
after, the mix), results that need checking, and the audit log, as tabs.

Each tab loads when first shown (and on F5): the dashboard is the one a supervisor
opens every morning, so it comes first and loads at once.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from svctrainer.core.roles import Permission
from svctrainer.gui.context import AppContext
from svctrainer.gui.pages.customer_time_tab import CustomerTimeTab
from svctrainer.gui.tabs import refresh_current_tab


class SupervisorPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from svctrainer.gui.pages.audit_log import AuditLogView  # noqa: PLC0415
        from svctrainer.gui.pages.dashboard_tab import DashboardTab  # noqa: PLC0415
        from svctrainer.gui.pages.integrity_tab import IntegrityTab  # noqa: PLC0415
        from svctrainer.gui.pages.standards_tab import StandardsTab  # noqa: PLC0415

        self.tabs = QTabWidget()
        self.tabs.setObjectName("supervisorTabs")
        self.dashboard = DashboardTab(context)
        self.customer_time = CustomerTimeTab(context)
        self.integrity = IntegrityTab(context)
        self.standards = StandardsTab(context)
        self.tabs.addTab(self.dashboard, self.tr("&Dashboard"))
        self.tabs.addTab(self.customer_time, self.tr("&Customer time"))
        self.tabs.addTab(self.standards, self.tr("&Service standards"))
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
        refresh_current_tab(self.tabs)
