"""The admin page: people, teams, the database, offline sync and the audit log, as tabs."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from svctrainer.core.roles import Permission
from svctrainer.gui.context import AppContext
from svctrainer.gui.tabs import refresh_current_tab


class AdminPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from svctrainer.gui.pages.admin_database import DatabaseTab  # noqa: PLC0415
        from svctrainer.gui.pages.admin_people import PeopleTab  # noqa: PLC0415
        from svctrainer.gui.pages.admin_sync import SyncTab  # noqa: PLC0415
        from svctrainer.gui.pages.admin_teams import TeamsTab  # noqa: PLC0415
        from svctrainer.gui.pages.audit_log import AuditLogView  # noqa: PLC0415

        self.tabs = QTabWidget()
        self.people: PeopleTab | None = None
        self.sync: SyncTab | None = None
        if context.can(Permission.MANAGE_PEOPLE):
            self.people = PeopleTab(context)
            self.tabs.addTab(self.people, self.tr("&People"))
            self.tabs.addTab(TeamsTab(context), self.tr("&Teams"))
        if context.can(Permission.MANAGE_DATABASE):
            self.tabs.addTab(DatabaseTab(context), self.tr("&Database"))
        if context.can(Permission.VIEW_AUDIT):
            self.tabs.addTab(AuditLogView(context), self.tr("A&udit log"))
        if context.can(Permission.MANAGE_DATABASE):
            self.sync = SyncTab(context)
            self.tabs.addTab(self.sync, self.tr("Offline &sync"))
        self.tabs.currentChanged.connect(self._refresh_current)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.tabs)

    def activated(self) -> None:
        self._refresh_current()

    def _refresh_current(self, *_args: object) -> None:
        refresh_current_tab(self.tabs)
