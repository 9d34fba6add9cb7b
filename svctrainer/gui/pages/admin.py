"""The admin page: people, teams, the database, offline sync and the audit log, as tabs.

The first tab is built with the page (it is what an admin lands on at sign-in); every
other tab is built the first time it is shown (``LazyTab``): building all five held the
window at sign-in (bench/bench_heartbeat.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from svctrainer.core.roles import Permission
from svctrainer.gui.context import AppContext
from svctrainer.gui.tabs import LazyTab, refresh_current_tab

if TYPE_CHECKING:  # each built with its tab
    from svctrainer.gui.pages.admin_database import DatabaseTab
    from svctrainer.gui.pages.admin_people import PeopleTab
    from svctrainer.gui.pages.admin_sync import SyncTab
    from svctrainer.gui.pages.admin_teams import TeamsTab
    from svctrainer.gui.pages.audit_log import AuditLogView


def _people(context: AppContext) -> PeopleTab:
    from svctrainer.gui.pages.admin_people import PeopleTab  # noqa: PLC0415

    return PeopleTab(context)


def _teams(context: AppContext) -> TeamsTab:
    from svctrainer.gui.pages.admin_teams import TeamsTab  # noqa: PLC0415

    return TeamsTab(context)


def _database(context: AppContext) -> DatabaseTab:
    from svctrainer.gui.pages.admin_database import DatabaseTab  # noqa: PLC0415

    return DatabaseTab(context)


def _audit(context: AppContext) -> AuditLogView:
    from svctrainer.gui.pages.audit_log import AuditLogView  # noqa: PLC0415

    return AuditLogView(context)


def _sync(context: AppContext) -> SyncTab:
    from svctrainer.gui.pages.admin_sync import SyncTab  # noqa: PLC0415

    return SyncTab(context)


class AdminPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget()
        tabs = self.tabs
        # The builders hold the context, never the page: no reference cycle.
        people = teams = database = sync = None
        lazy: list[LazyTab[QWidget]] = []  # in the order of the tabs
        if context.can(Permission.MANAGE_PEOPLE):
            people = LazyTab(tabs, self.tr("&People"), lambda: _people(context))
            teams = LazyTab(tabs, self.tr("&Teams"), lambda: _teams(context))
            lazy += [people, teams]
        if context.can(Permission.MANAGE_DATABASE):
            database = LazyTab(tabs, self.tr("&Database"), lambda: _database(context))
            lazy.append(database)
        if context.can(Permission.VIEW_AUDIT):
            lazy.append(LazyTab(tabs, self.tr("A&udit log"), lambda: _audit(context)))
        if context.can(Permission.MANAGE_DATABASE):
            sync = LazyTab(tabs, self.tr("Offline &sync"), lambda: _sync(context))
            lazy.append(sync)
        self._people, self._teams, self._database, self._sync = people, teams, database, sync
        self._lazy = lazy
        if lazy:
            lazy[0].widget  # noqa: B018 - the landing tab is built with the page
        tabs.currentChanged.connect(self._first_show)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(tabs)

    @property
    def people(self) -> PeopleTab | None:
        return self._people.widget if self._people is not None else None

    @property
    def teams(self) -> TeamsTab | None:
        return self._teams.widget if self._teams is not None else None

    @property
    def database(self) -> DatabaseTab | None:
        return self._database.widget if self._database is not None else None

    @property
    def sync(self) -> SyncTab | None:
        return self._sync.widget if self._sync is not None else None

    def activated(self) -> None:
        self._refresh_current()

    def _first_show(self, index: int) -> None:
        if 0 <= index < len(self._lazy):
            self._lazy[index].widget  # noqa: B018 - built in its place when first shown
        self._refresh_current()

    def _refresh_current(self, *_args: object) -> None:
        refresh_current_tab(self.tabs)
