"""The roster tab of the trainer console: the trainer's teams and members (last practice,
open and overdue assignments), and the chosen person's attempts, where a result can be
invalidated with a reason (audited by the service)."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import datetime

from PySide6.QtCore import QDateTime, QLocale, Qt, QTimeZone
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from svctrainer.core.assignment_progress import Status
from svctrainer.core.roles import Permission
from svctrainer.gui.context import AppContext
from svctrainer.gui.drills.figures import mode_name, number, percent, unit_name
from svctrainer.gui.i18n import fill
from svctrainer.gui.messages import show_error
from svctrainer.gui.pages.assignment_views import EmphasisTableModel, tier_name, when_text
from svctrainer.gui.record_table import Column
from svctrainer.gui.tree_items import children, top_level_items
from svctrainer.services.assignments import AssignmentOverview, RosterTeam
from svctrainer.services.attempts import AttemptRecord
from svctrainer.services.changes import ASSIGNMENTS, PEOPLE, RESULTS, TEAMS

PERSON_ROLE = Qt.ItemDataRole.UserRole + 1
MAX_ATTEMPTS_SHOWN = 500


class RosterTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self.tree = QTreeWidget()
        self.tree.setObjectName("roster")
        self.tree.setHeaderLabels(
            [
                self.tr("Team and people"),
                self.tr("Last practice"),
                self.tr("Open"),
                self.tr("Overdue"),
            ]
        )
        tree_header = self.tree.header()
        tree_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        tree_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        tree_header.setStretchLastSection(False)
        self.tree.currentItemChanged.connect(self._person_chosen)
        self.attempts_title = QLabel(self.tr("Choose a person to see their attempts."))
        self.attempts_title.setWordWrap(True)
        self.model: EmphasisTableModel[AttemptRecord] = EmphasisTableModel(
            [
                Column(
                    self.tr("When"),
                    lambda a: when_text(a.started_at),
                    sort_key=lambda a: a.started_at.timestamp(),
                ),
                Column(
                    self.tr("Drill or scenario"),
                    lambda a: a.title,
                    tooltip=lambda a: f"{a.title} · {mode_name(a.mode)} · v{a.content_version}",
                ),
                Column(
                    self.tr("Speed"),
                    lambda a: (
                        f"{number(a.speed)} {unit_name(a.speed_unit)}"
                        if a.speed is not None
                        else "—"
                    ),
                    align_right=True,
                ),
                Column(self.tr("Accuracy"), lambda a: percent(a.accuracy), align_right=True),
                Column(self.tr("Score"), lambda a: number(a.score), align_right=True),
                Column(self.tr("Grade"), self._grade),
                Column(
                    self.tr("Counts"), self._counts, tooltip=lambda a: a.invalidated_reason or ""
                ),
            ],
            stands_out=lambda a: a.invalidated_reason is not None,
            parent=self,
        )
        self.attempts = QTableView()
        self.attempts.setObjectName("personAttempts")
        self.attempts.setModel(self.model)
        self.attempts.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.attempts.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.attempts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.attempts.verticalHeader().setVisible(False)
        self.attempts.setWordWrap(False)
        header = self.attempts.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.invalidate_button = QPushButton(self.tr("&Invalidate result…"))
        self.invalidate_button.setToolTip(
            self.tr("Take the chosen result out of charts and assignments, saying why")
        )
        self.invalidate_button.setEnabled(False)
        self.invalidate_button.setVisible(context.can(Permission.INVALIDATE_RESULT))
        self.invalidate_button.clicked.connect(self.invalidate_selected)
        self.attempts.selectionModel().currentRowChanged.connect(self._attempt_chosen)

        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        right_box.addWidget(self.attempts_title)
        right_box.addWidget(self.attempts, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.invalidate_button)
        right_box.addLayout(buttons)
        splitter = QSplitter()
        splitter.addWidget(self.tree)
        splitter.addWidget(right)
        splitter.setSizes([420, 700])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        context.hub.subscribe(self, RESULTS | ASSIGNMENTS | PEOPLE | TEAMS, self.refresh)

    def _grade(self, a: AttemptRecord) -> str:
        if a.kind == "scenario":
            return tier_name(a.grade)
        return a.grade or "—"

    def _counts(self, a: AttemptRecord) -> str:
        if a.invalidated_reason is not None:
            return fill(self.tr("invalidated: %1"), a.invalidated_reason)
        if a.completion == "abandoned":
            return self.tr("no (abandoned)")
        if not a.complete:
            return self.tr("no (incomplete)")
        if not a.valid:
            return self.tr("no (too short)")
        return self.tr("yes")

    # -- roster ----------------------------------------------------------------------------

    def refresh(self) -> None:
        services, actor = self._ctx.services, self._ctx.actor

        def load() -> tuple[list[RosterTeam], list[AssignmentOverview]]:
            return services.assignments.roster(actor), services.assignments.for_trainer(actor)

        self._ctx.background.run(load, self._show, lambda e: show_error(self, e))

    def _show(self, loaded: tuple[list[RosterTeam], list[AssignmentOverview]]) -> None:
        roster, overviews = loaded
        keep = self.selected_person()
        open_: Counter[uuid.UUID] = Counter()
        overdue: Counter[uuid.UUID] = Counter()
        for overview in overviews:
            for p in overview.people:
                open_[p.person_id] += p.progress.is_open
                overdue[p.person_id] += p.status is Status.OVERDUE
        self.tree.blockSignals(True)
        self.tree.clear()
        chosen = None
        bright = self.palette().brush(QPalette.ColorRole.BrightText)
        for team in roster:
            team_late = sum(overdue[m.person_id] for m in team.members)
            team_item = QTreeWidgetItem(
                [
                    team.name,
                    "",
                    str(sum(open_[m.person_id] for m in team.members)),
                    str(team_late) if team_late else "",
                ]
            )
            font = team_item.font(0)
            font.setBold(True)
            for col in range(4):
                team_item.setFont(col, font)
            for col in (2, 3):
                team_item.setTextAlignment(col, Qt.AlignmentFlag.AlignRight)
            team_item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(team_item)
            for m in team.members:
                late = overdue[m.person_id]
                item = QTreeWidgetItem(
                    [
                        f"{m.name} ({m.employee_number})",
                        _day(m.last_attempt_at) if m.last_attempt_at else self.tr("never"),
                        str(open_[m.person_id]),
                        str(late) if late else "",
                    ]
                )
                item.setToolTip(1, when_text(m.last_attempt_at))
                item.setData(0, PERSON_ROLE, m.person_id)
                item.setData(0, Qt.ItemDataRole.UserRole + 2, m.name)
                for col in (2, 3):
                    item.setTextAlignment(col, Qt.AlignmentFlag.AlignRight)
                if late:
                    for col in range(4):
                        item.setForeground(col, bright)
                team_item.addChild(item)
                if m.person_id == keep:
                    chosen = item
        self.tree.expandAll()
        self.tree.blockSignals(False)
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
            self._load_attempts(chosen)

    def selected_person(self) -> uuid.UUID | None:
        item = self.tree.currentItem()
        return item.data(0, PERSON_ROLE) if item is not None else None

    def select_person(self, person_id: uuid.UUID) -> bool:
        for team in top_level_items(self.tree):
            for person in children(team):
                if person.data(0, PERSON_ROLE) == person_id:
                    self.tree.setCurrentItem(person)
                    return True
        return False

    # -- attempts --------------------------------------------------------------------------

    def _person_chosen(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        if current is None or current.data(0, PERSON_ROLE) is None:
            self.model.set_rows([])
            self.attempts_title.setText(self.tr("Choose a person to see their attempts."))
            self._attempt_chosen()
            return
        self._load_attempts(current)

    def _load_attempts(self, item: QTreeWidgetItem) -> None:
        person_id = item.data(0, PERSON_ROLE)
        name = item.data(0, Qt.ItemDataRole.UserRole + 2)
        services, actor = self._ctx.services, self._ctx.actor
        self.attempts_title.setText(fill(self.tr("Attempts by %1"), name))

        def shown(attempts: list[AttemptRecord]) -> None:
            if self.selected_person() != person_id:
                return
            self.model.set_rows(attempts)
            self._attempt_chosen()

        self._ctx.background.run(
            lambda: services.attempts.history(actor, person_id, limit=MAX_ATTEMPTS_SHOWN),
            shown,
            lambda e: show_error(self, e),
        )

    def selected_attempt(self) -> AttemptRecord | None:
        index = self.attempts.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _attempt_chosen(self, *_args: object) -> None:
        attempt = self.selected_attempt()
        self.invalidate_button.setEnabled(
            attempt is not None
            and attempt.invalidated_reason is None
            and attempt.person_id != self._ctx.signed_in.person.id
        )

    def invalidate_selected(self) -> None:
        from svctrainer.gui.dialogs.reason_dialog import ask_reason  # noqa: PLC0415

        attempt = self.selected_attempt()
        if attempt is None or attempt.invalidated_reason is not None:
            return
        reason = ask_reason(
            self,
            self.tr("Invalidate result"),
            fill(
                self.tr(
                    "Invalidate %1's result on “%2” (%3)? It stays on record but no longer "
                    "counts in charts, baselines or assignments."
                ),
                attempt.person_name,
                attempt.title,
                when_text(attempt.started_at),
            ),
            self.tr("Invalidate"),
        )
        if reason is None:
            return
        services, actor = self._ctx.services, self._ctx.actor
        self._ctx.hub.write(self, services.attempts.invalidate, actor, attempt.id, reason).then(
            lambda _r: self.refresh()
        ).run()


def _day(value: datetime) -> str:
    """The local calendar day of a stored UTC time."""
    local = QDateTime.fromSecsSinceEpoch(int(value.timestamp()), QTimeZone.systemTimeZone())
    return QLocale().toString(local.date(), QLocale.FormatType.ShortFormat)
