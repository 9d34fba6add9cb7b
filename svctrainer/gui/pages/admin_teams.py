"""Admin: teams and which trainers look after them (and so see their results)."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from svctrainer.core.roles import Role
from svctrainer.gui.context import AppContext
from svctrainer.gui.i18n import fill
from svctrainer.gui.messages import show_error
from svctrainer.gui.record_table import Column, RecordTableModel
from svctrainer.services.changes import PEOPLE, TEAMS
from svctrainer.services.records import PersonRecord, TeamRecord


class TeamsTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self._people: dict[uuid.UUID, PersonRecord] = {}
        self.model: RecordTableModel[TeamRecord] = RecordTableModel(
            [
                Column(self.tr("Team"), lambda t: t.name),
                Column(self.tr("People"), lambda t: str(t.member_count), align_right=True),
                Column(self.tr("Trainers"), self._trainer_names),
            ],
            self,
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.add_button = QPushButton(self.tr("&Add team…"))
        self.trainers_button = QPushButton(self.tr("Set &trainers…"))
        self.add_button.clicked.connect(self.add_team)
        self.trainers_button.clicked.connect(self.set_trainers)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.trainers_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        context.hub.subscribe(self, PEOPLE | TEAMS, self.refresh)

    def _trainer_names(self, team: TeamRecord) -> str:
        names = sorted(self._people[t].name for t in team.trainer_ids if t in self._people)
        return ", ".join(names) or "—"

    def refresh(self) -> None:
        services, actor = self._ctx.services, self._ctx.actor

        def load() -> tuple[list[TeamRecord], list[PersonRecord]]:
            return services.people.list_teams(actor), services.people.list_people(actor)

        self._ctx.background.run(load, self._show, lambda e: show_error(self, e))

    def _show(self, loaded: tuple[list[TeamRecord], list[PersonRecord]]) -> None:
        teams, people = loaded
        self._people = {p.id: p for p in people}
        self.model.set_rows(teams)

    def selected(self) -> TeamRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def add_team(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Add team"), self.tr("Team name:"))
        if not ok or not name.strip():
            return
        services, actor = self._ctx.services, self._ctx.actor
        self._ctx.hub.write(self, services.people.create_team, actor, name).then(
            lambda _team: self.refresh()
        ).run()

    def set_trainers(self) -> None:
        team = self.selected()
        if team is None:
            return
        trainers = [p for p in self._people.values() if Role.TRAINER in p.roles and p.active]
        dialog = TrainerPicker(team, trainers, self)
        if not dialog.exec():
            return
        services, actor = self._ctx.services, self._ctx.actor
        self._ctx.hub.write(
            self, services.people.set_team_trainers, actor, team.id, dialog.chosen()
        ).then(lambda _team: self.refresh()).run()


class TrainerPicker(QDialog):
    def __init__(
        self, team: TeamRecord, trainers: list[PersonRecord], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(fill(self.tr("Trainers for %1"), team.name))
        self.list = QListWidget()
        for person in sorted(trainers, key=lambda p: p.name):
            item = QListWidgetItem(f"{person.name} ({person.employee_number})")
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = person.id in team.trainer_ids
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        note = QLabel(self.tr("Trainers see the results of the teams they look after."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.list)
        layout.addWidget(buttons)

    def chosen(self) -> list[uuid.UUID]:
        return [
            self.list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]
