"""The supervisor page: the dashboard, customer time (queue data, what if, before and
after, the mix), results that need checking, and the audit log, as tabs.

The dashboard is the tab a supervisor opens every morning: it is built with the page and
loads at once. Every other tab is built the first time it is shown (``LazyTab``), and
loads then (and on F5): building them all at sign-in held the window for their charts
and forms (bench/bench_heartbeat.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QVBoxLayout,
    QWidget,
)

from svctrainer.core.roles import Permission
from svctrainer.gui.context import AppContext
from svctrainer.gui.tabs import LazyTab, SteadyTabWidget, refresh_current_tab

if TYPE_CHECKING:  # each built with its tab
    from svctrainer.gui.pages.audit_log import AuditLogView
    from svctrainer.gui.pages.customer_time_tab import CustomerTimeTab
    from svctrainer.gui.pages.integrity_tab import IntegrityTab
    from svctrainer.gui.pages.standards_tab import StandardsTab


def _customer_time(context: AppContext) -> CustomerTimeTab:
    from svctrainer.gui.pages.customer_time_tab import CustomerTimeTab  # noqa: PLC0415

    return CustomerTimeTab(context)


def _standards(context: AppContext) -> StandardsTab:
    from svctrainer.gui.pages.standards_tab import StandardsTab  # noqa: PLC0415

    return StandardsTab(context)


def _integrity(context: AppContext) -> IntegrityTab:
    from svctrainer.gui.pages.integrity_tab import IntegrityTab  # noqa: PLC0415

    return IntegrityTab(context)


def _audit(context: AppContext) -> AuditLogView:
    from svctrainer.gui.pages.audit_log import AuditLogView  # noqa: PLC0415

    return AuditLogView(context)


class SupervisorPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from svctrainer.gui.pages.dashboard_tab import DashboardTab  # noqa: PLC0415

        self.tabs = SteadyTabWidget()  # a skill table's loads repaint only the table
        self.tabs.setObjectName("supervisorTabs")
        self.dashboard = DashboardTab(context)
        self.tabs.addTab(self.dashboard, self.tr("&Dashboard"))
        # The builders hold the context, never the page: no reference cycle.
        self._customer_time = LazyTab(
            self.tabs, self.tr("&Customer time"), lambda: _customer_time(context)
        )
        self._standards = LazyTab(
            self.tabs, self.tr("&Service standards"), lambda: _standards(context)
        )
        self._integrity = LazyTab(
            self.tabs, self.tr("&Needs checking"), lambda: _integrity(context)
        )
        self._audit: LazyTab[AuditLogView] | None = None
        if context.can(Permission.VIEW_AUDIT):
            self._audit = LazyTab(self.tabs, self.tr("A&udit log"), lambda: _audit(context))
        self._lazy: list[LazyTab[QWidget]] = [
            t for t in (self._customer_time, self._standards, self._integrity, self._audit)
            if t is not None
        ]  # fmt: skip
        self._loaded: set[int] = set()
        self.tabs.currentChanged.connect(self._first_show)
        QShortcut(QKeySequence("F5"), self, self.refresh_current)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.tabs)

    # Each tab by name, built on first use (tests and the bench reach tabs this way).
    @property
    def customer_time(self) -> CustomerTimeTab:
        return self._customer_time.widget

    @property
    def standards(self) -> StandardsTab:
        return self._standards.widget

    @property
    def integrity(self) -> IntegrityTab:
        return self._integrity.widget

    @property
    def audit(self) -> AuditLogView | None:
        return self._audit.widget if self._audit is not None else None

    def activated(self) -> None:
        self._first_show(self.tabs.currentIndex())

    def _first_show(self, index: int) -> None:
        shown = self.tabs.widget(index)
        unbuilt = next((t for t in self._lazy if t.placeholder is shown), None)
        if unbuilt is not None:
            shown = unbuilt.widget  # built in its place, the tab shown stays current
        # The mismatch check replays hundreds of attempts: only on request.
        if index in self._loaded or self._integrity.holds(shown):
            return
        self._loaded.add(index)
        self.refresh_current()

    def refresh_current(self) -> None:
        refresh_current_tab(self.tabs)
