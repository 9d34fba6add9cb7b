"""Admin: add, edit, (de)activate people, set their roles and team, reset a PIN."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from svctrainer.core.pin_hash import MAX_DIGITS, MIN_DIGITS
from svctrainer.core.roles import Role
from svctrainer.gui.change_hub import Write
from svctrainer.gui.context import AppContext
from svctrainer.gui.dialogs.person_dialog import PersonDialog, PinResetDialog, role_label
from svctrainer.gui.i18n import fill
from svctrainer.gui.messages import confirm, show_error
from svctrainer.gui.record_table import Column, SortedRecordModel, SourceSortProxy
from svctrainer.services.changes import PEOPLE, TEAMS
from svctrainer.services.records import PersonRecord, TeamRecord
from svctrainer.services.setting_rows import PinPolicy

SIZED_FROM_ROWS = 40
"""Rows measured to size the columns: those in view, then the nearest others (Qt's
resize precision). 100 made sizing a 500-person branch 4 700 calls into the model, the
largest part of the admin's sign-in (bench/bench_heartbeat.py); 40 still covers
two screens' worth."""


class PeopleTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self._teams: list[TeamRecord] = []
        self._reselect: str | None = None
        # Sorted in Python, each row's key taken once: the filtering proxy sorting 500
        # people through Qt asked the model for two keys per comparison, most of the
        # admin's sign-in (bench/bench_heartbeat.py).
        self.model: SortedRecordModel[PersonRecord] = SortedRecordModel(
            [
                Column(self.tr("Name"), lambda p: p.name),
                Column(self.tr("Employee no."), lambda p: p.employee_number),
                Column(self.tr("Team"), lambda p: p.team_name or "—"),
                Column(
                    self.tr("Roles"),
                    lambda p: ", ".join(role_label(r) for r in Role if r in p.roles),
                ),
                Column(self.tr("Status"), self._status),
            ],
            self,
        )
        self.proxy = SourceSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        # Sized to the contents once per load (``_show``), from the rows in view and the
        # nearest others, not by ResizeToContents: that mode measured every cell of a
        # 500-person branch again each time the page was shown or laid out, 40 000 calls
        # into the model on the GUI thread. A column can still be widened by hand.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setResizeContentsPrecision(SIZED_FROM_ROWS)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())

        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter by name, number, team or role"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.add_button = QPushButton(self.tr("&Add person…"))
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.pin_button = QPushButton(self.tr("Reset &PIN…"))
        self.active_button = QPushButton(self.tr("&Deactivate"))
        self.add_button.clicked.connect(self.add_person)
        self.edit_button.clicked.connect(self.edit_selected)
        self.pin_button.clicked.connect(self.reset_pin)
        self.active_button.clicked.connect(self.toggle_active)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        for b in (self.add_button, self.edit_button, self.pin_button, self.active_button):
            top.addWidget(b)
        self.pin_digits = QSpinBox()
        self.pin_digits.setRange(MIN_DIGITS, MAX_DIGITS)
        self.pin_digits.setSuffix(self.tr(" digits"))
        self.pin_digits.setToolTip(
            self.tr(
                "Applies to every PIN set from now on; existing PINs keep working until they "
                "are changed. 6 or more digits make a stolen database far harder to use."
            )
        )
        self.pin_apply = QPushButton(self.tr("Appl&y"))
        self.pin_apply.clicked.connect(self.apply_pin_policy)
        policy = QHBoxLayout()
        policy.addWidget(QLabel(self.tr("New PINs must have at least")))
        policy.addWidget(self.pin_digits)
        policy.addWidget(self.pin_apply)
        policy.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addLayout(policy)
        self._update_buttons()
        context.hub.subscribe(self, PEOPLE | TEAMS, self.refresh)

    def _status(self, person: PersonRecord) -> str:
        if not person.active:
            return self.tr("inactive")
        if person.pin_reset_needed:
            return self.tr("locked until a PIN reset")
        if person.locked_until is not None:
            from datetime import UTC, datetime  # noqa: PLC0415

            if person.locked_until > datetime.now(UTC):
                return self.tr("locked (wrong PINs)")
        return self.tr("active")

    def refresh(self) -> None:
        services, actor = self._ctx.services, self._ctx.actor

        def load() -> tuple[list[PersonRecord], list[TeamRecord], PinPolicy]:
            return (
                services.people.list_people(actor),
                services.people.list_teams(actor),
                services.settings.pin_policy(actor),
            )

        self._ctx.background.run(load, self._show, lambda e: show_error(self, e))

    def apply_pin_policy(self) -> None:
        services, actor, digits = self._ctx.services, self._ctx.actor, self.pin_digits.value()
        self.pin_apply.setEnabled(False)

        def done(policy: PinPolicy) -> None:
            self.pin_apply.setEnabled(True)
            self.pin_digits.setValue(policy.min_digits)

        def failed(exc: Exception) -> None:
            self.pin_apply.setEnabled(True)
            show_error(self, exc)

        self._ctx.background.run(
            lambda: services.settings.set_pin_policy(actor, min_digits=digits), done, failed
        )

    def _show(self, loaded: tuple[list[PersonRecord], list[TeamRecord], PinPolicy]) -> None:
        selected = self.selected()
        wanted = self._reselect or (selected.employee_number if selected else None)
        self._reselect = None
        people, self._teams, policy = loaded
        self.pin_digits.setValue(policy.min_digits)
        self.model.set_rows(people)
        self.table.resizeColumnsToContents()
        if wanted is not None:
            self.select(wanted)
        self._update_buttons()

    def selected(self) -> PersonRecord | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row_at(self.proxy.mapToSource(rows[0]).row())

    def select(self, employee_number: str) -> bool:
        for row in range(self.proxy.rowCount()):
            source = self.model.row_at(self.proxy.mapToSource(self.proxy.index(row, 0)).row())
            if source and source.employee_number == employee_number:
                self.table.selectRow(row)
                return True
        return False

    def _update_buttons(self, *_args: object) -> None:
        person = self.selected()
        for b in (self.edit_button, self.pin_button, self.active_button):
            b.setEnabled(person is not None)
        self.active_button.setText(
            self.tr("&Activate")
            if person is not None and not person.active
            else self.tr("&Deactivate")
        )

    # -- actions -------------------------------------------------------------------------

    def add_person(self) -> None:
        services, actor = self._ctx.services, self._ctx.actor

        def create(dialog: PersonDialog) -> Write[PersonRecord]:
            return self._ctx.hub.write(
                self,
                services.people.create_person,
                actor,
                name=dialog.name.text(),
                employee_number=dialog.number.text(),
                pin=dialog.pin.text(),
                roles=dialog.roles(),
                team_id=dialog.team_id(),
            )

        dialog = PersonDialog(self._teams, None, create, self)
        if dialog.exec() and dialog.saved is not None:
            self._changed(dialog.saved.employee_number)

    def edit_selected(self) -> None:
        person = self.selected()
        if person is None:
            return
        services, actor = self._ctx.services, self._ctx.actor

        def edit(dialog: PersonDialog) -> Write[PersonRecord]:
            # One call, one transaction: details and roles are saved together or not at all.
            return self._ctx.hub.write(
                self,
                services.people.edit_person,
                actor,
                person.id,
                name=dialog.name.text(),
                employee_number=dialog.number.text(),
                team_id=dialog.team_id(),
                roles=dialog.roles(),
            )

        dialog = PersonDialog(self._teams, person, edit, self)
        if dialog.exec() and dialog.saved is not None:
            self._changed(dialog.saved.employee_number)

    def reset_pin(self) -> None:
        person = self.selected()
        if person is None:
            return
        dialog = PinResetDialog(person, self)
        if not dialog.exec():
            return
        services, actor, pin = self._ctx.services, self._ctx.actor, dialog.pin.text()
        self._ctx.hub.write(self, services.people.reset_pin, actor, person.id, pin).then(
            lambda _r: self._changed(person.employee_number)
        ).run()

    def toggle_active(self) -> None:
        person = self.selected()
        if person is None:
            return
        if person.active and not confirm(
            self,
            self.tr("Deactivate profile"),
            fill(
                self.tr(
                    "Deactivate %1? They can no longer sign in. Their results stay in the "
                    "records and charts, and you can activate the profile again at any time."
                ),
                person.name,
            ),
            self.tr("Deactivate"),
        ):
            return
        services, actor = self._ctx.services, self._ctx.actor
        self._ctx.hub.write(
            self, services.people.set_active, actor, person.id, not person.active
        ).then(lambda _r: self._changed(person.employee_number)).run()

    def _changed(self, employee_number: str) -> None:
        """Our own write is done: reload and keep the person it concerned selected (the
        hub tells the other pages)."""
        self._reselect = employee_number
        self.refresh()
