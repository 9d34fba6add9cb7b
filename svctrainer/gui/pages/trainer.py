"""The trainer console: assignments with their status, the roster of the trainer's teams
(with each person's attempts, where a result can be invalidated), the content library
(import, preview, try, assign) and, when present, the hand-count log.

Tabs are separate widgets (``trainer_roster``, ``trainer_content``); this module holds
the page, the assignments tab and the assignment dialog flow they all use.
"""

from __future__ import annotations

import html
import importlib.util
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from svctrainer.core.assignment_progress import Status
from svctrainer.core.roles import Permission
from svctrainer.core.scenarios.model import Tier
from svctrainer.gui.change_hub import Write
from svctrainer.gui.context import AppContext
from svctrainer.gui.drills.figures import number, percent, unit_name
from svctrainer.gui.i18n import fill
from svctrainer.gui.messages import show_error
from svctrainer.gui.pages.assignment_views import (
    EmphasisTableModel,
    ProgressBarDelegate,
    due_text,
    next_step_text,
    progress_percent,
    status_text,
    target_text,
    tier_name,
    when_text,
)
from svctrainer.gui.record_table import Column
from svctrainer.gui.tabs import LazyTab, refresh_current_tab
from svctrainer.services.assignments import (
    AssignmentOverview,
    AssignmentRecord,
    PersonAssignment,
)
from svctrainer.services.changes import ASSIGNMENTS, PEOPLE, RESULTS

if TYPE_CHECKING:  # each built with its tab
    from svctrainer.gui.pages.hand_count_form import HandCountForm
    from svctrainer.gui.pages.trainer_content import ContentTab
    from svctrainer.gui.pages.trainer_roster import RosterTab

PEOPLE_PROGRESS_COLUMN = 2


def _roster(context: AppContext) -> RosterTab:
    from svctrainer.gui.pages.trainer_roster import RosterTab  # noqa: PLC0415

    return RosterTab(context)


def _content(context: AppContext) -> ContentTab:
    from svctrainer.gui.pages.trainer_content import ContentTab  # noqa: PLC0415

    return ContentTab(context)


def _hand_counts(context: AppContext) -> HandCountForm:
    from svctrainer.gui.pages.hand_count_form import HandCountForm  # noqa: PLC0415

    return HandCountForm(context)


class TrainerPage(QWidget):
    """The Assignments tab is built with the page (it is the one a trainer lands on);
    the roster, the content library and the hand-count log are built the first time
    they are shown (``LazyTab``): building all four held the trainer's sign-in
    (bench/bench_heartbeat.py)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self.setObjectName("trainerPage")
        self.tabs = QTabWidget()
        self.assignments = AssignmentsTab(context)
        self.assignments.new_requested.connect(self.open_assignment_dialog)
        self.assignments.edit_requested.connect(
            lambda record: self.open_assignment_dialog(existing=record)
        )
        self.tabs.addTab(self.assignments, self.tr("&Assignments"))
        # The builders hold the context, never the page: no reference cycle.
        self._roster = LazyTab(self.tabs, self.tr("&Roster"), lambda: _roster(context))
        self._content = LazyTab(self.tabs, self.tr("&Content"), lambda: _content(context))
        self._hand_counts: LazyTab[HandCountForm] | None = None
        self.mount_hand_count_form()
        self.tabs.currentChanged.connect(self._refresh_current)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.tabs)

    # Each tab by name, built on first use (tests and the bench reach tabs this way).
    @property
    def roster(self) -> RosterTab:
        return self._roster.widget

    @property
    def content(self) -> ContentTab:
        built = self._content.built
        content = self._content.widget
        if not built:
            content.assign_requested.connect(self.open_assignment_dialog)
        return content

    @property
    def hand_counts(self) -> HandCountForm | None:
        return self._hand_counts.widget if self._hand_counts is not None else None

    def mount_hand_count_form(self) -> bool:
        """Add the "Hand counts" tab (``gui/pages/hand_count_form.HandCountForm``, written
        separately) when that module exists and the person may log hand counts."""
        if self._hand_counts is not None or not self._ctx.can(Permission.LOG_HAND_COUNT):
            return self._hand_counts is not None
        if importlib.util.find_spec("svctrainer.gui.pages.hand_count_form") is None:
            return False
        context = self._ctx
        self._hand_counts = LazyTab(
            self.tabs, self.tr("Hand co&unts"), lambda: _hand_counts(context)
        )
        return True

    def activated(self) -> None:
        self._refresh_current()

    def _refresh_current(self, *_args: object) -> None:
        shown = self.tabs.currentWidget()
        for lazy, build in (
            (self._roster, lambda: self.roster),
            (self._content, lambda: self.content),
            (self._hand_counts, lambda: self.hand_counts),
        ):
            if lazy is not None and not lazy.built and lazy.holds(shown):
                build()  # in the placeholder's place; the tab shown stays current
        refresh_current_tab(self.tabs)

    # -- the assignment dialog (used by every tab) ------------------------------------------

    def open_assignment_dialog(
        self, preselect: Sequence[str] = (), existing: AssignmentRecord | None = None
    ) -> None:
        """Load what the dialog offers (content with its modes, the roster) off the GUI
        thread, then show it; ``existing`` (an AssignmentRecord) edits instead."""
        from svctrainer.gui.dialogs.assignment_dialog import content_choices  # noqa: PLC0415

        ctx = self._ctx
        services, actor = ctx.services, ctx.actor

        def load() -> tuple[Any, Any]:
            return content_choices(ctx), services.assignments.roster(actor)

        self._ctx.background.run(
            load,
            lambda loaded: self._show_assignment_dialog(loaded[0], loaded[1], preselect, existing),
            lambda e: show_error(self, e),
        )

    def _show_assignment_dialog(
        self,
        choices: Any,
        roster: Any,
        preselect: Sequence[str],
        existing: AssignmentRecord | None,
    ) -> None:
        from svctrainer.gui.dialogs.assignment_dialog import (  # noqa: PLC0415
            AssignmentDialog,
            AssignmentForm,
        )

        services, actor, hub = self._ctx.services, self._ctx.actor, self._ctx.hub

        def submit(form: AssignmentForm) -> Write[Any]:
            # The page starts the write, so every tab of it (and every other page)
            # that shows assignments reloads when it is done.
            if existing is None:
                return hub.write(
                    None,
                    services.assignments.create,
                    actor,
                    targets=form.targets,
                    person_ids=form.person_ids,
                    team_ids=form.team_ids,
                    due_on=form.due_on,
                    min_practice=form.min_practice,
                    note=form.note,
                )
            return hub.write(
                None,
                services.assignments.update,
                actor,
                existing.id,
                target=form.targets.get(existing.content_id, {}),
                due_on=form.due_on,
                min_practice=form.min_practice,
                note=form.note,
                reason=form.reason,
            )

        dialog = AssignmentDialog(
            self._ctx, choices, roster, submit, existing=existing, preselect=preselect, parent=self
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.tabs.setCurrentWidget(self.assignments)


class AssignmentsTab(QWidget):
    new_requested = Signal()
    edit_requested = Signal(object)  # the AssignmentRecord to edit

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self.model: EmphasisTableModel[AssignmentOverview] = EmphasisTableModel(
            [
                Column(
                    self.tr("Drill or scenario"),
                    self._title,
                    tooltip=lambda o: target_text(o.assignment.target, o.assignment.min_practice),
                ),
                Column(self.tr("Assigned to"), lambda o: o.assignment.assignee_name),
                Column(
                    self.tr("Due"),
                    lambda o: due_text(o.assignment.due_on, _overall(o)),
                    sort_key=lambda o: (o.assignment.due_on or date.max).toordinal(),
                ),
                *[
                    _status_column(s)
                    for s in (Status.DONE, Status.IN_PROGRESS, Status.NOT_STARTED, Status.OVERDUE)
                ],
            ],
            stands_out=lambda o: o.count(Status.OVERDUE) > 0 and o.assignment.cancelled_at is None,
            parent=self,
        )
        self.table = _table(self.model, "assignmentOverview")
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.people_model: EmphasisTableModel[PersonAssignment] = EmphasisTableModel(
            [
                Column(self.tr("Person"), lambda p: f"{p.person_name} ({p.employee_number})"),
                Column(self.tr("Status"), lambda p: status_text(p.status)),
                Column(
                    self.tr("Progress"),
                    lambda p: progress_percent(p.progress.fraction),
                    sort_key=lambda p: p.progress.fraction,
                ),
                Column(
                    self.tr("Practice"),
                    lambda p: (
                        f"{p.progress.practice_done}/{p.progress.practice_required}"
                        if p.progress.practice_required
                        else str(p.progress.practice_done)
                    ),
                    align_right=True,
                ),
                Column(self.tr("Best"), _best),
                Column(self.tr("Last attempt"), lambda p: when_text(p.tally.last_attempt_at)),
                Column(self.tr("Next step"), lambda p: next_step_text(p.progress.next_step)),
            ],
            stands_out=lambda p: p.status is Status.OVERDUE,
            progress=(PEOPLE_PROGRESS_COLUMN, lambda p: p.progress.fraction),
            parent=self,
        )
        self.people = _table(self.people_model, "assignmentPeople")
        self.people.setItemDelegateForColumn(PEOPLE_PROGRESS_COLUMN, ProgressBarDelegate(self))
        self.people.horizontalHeader().setSectionResizeMode(
            PEOPLE_PROGRESS_COLUMN, QHeaderView.ResizeMode.Fixed
        )
        self.people.horizontalHeader().resizeSection(PEOPLE_PROGRESS_COLUMN, 130)

        self.summary = QLabel()
        self.summary.setObjectName("trainerSummary")
        self.new_button = QPushButton(self.tr("&New assignment…"))
        self.new_button.setToolTip(self.tr("Assign drills or scenarios (Ctrl+N)"))
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.edit_button.setToolTip(self.tr("Change the target, due date or note (Ctrl+E)"))
        self.cancel_button = QPushButton(self.tr("Cance&l assignment…"))
        self.cancel_button.setToolTip(self.tr("Withdraw the assignment, saying why (Delete)"))
        self.show_cancelled = QCheckBox(self.tr("Show cancelle&d"))
        refresh = QPushButton(self.tr("Refresh"))
        refresh.setToolTip(self.tr("Refresh (F5)"))
        self.new_button.clicked.connect(self.new_assignment)
        self.edit_button.clicked.connect(self.edit_selected)
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.show_cancelled.toggled.connect(self.refresh)
        refresh.clicked.connect(self.refresh)
        QShortcut(QKeySequence("Ctrl+N"), self, self.new_assignment)
        QShortcut(QKeySequence("Ctrl+E"), self, self.edit_selected)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table, self.cancel_selected)
        QShortcut(QKeySequence("F5"), self, self.refresh)
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        self.table.activated.connect(lambda *_: self.edit_selected())

        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.show_cancelled)
        bar.addWidget(refresh)
        bar.addWidget(self.cancel_button)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.new_button)
        self.people_title = QLabel()
        self.people_title.setTextFormat(Qt.TextFormat.RichText)
        self.people_title.setWordWrap(True)
        lower = QWidget()
        lower_box = QVBoxLayout(lower)
        lower_box.setContentsMargins(0, 0, 0, 0)
        lower_box.addWidget(self.people_title)
        lower_box.addWidget(self.people)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setSizes([300, 260])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        context.hub.subscribe(self, ASSIGNMENTS | RESULTS | PEOPLE, self.refresh)
        self._selected()

    def _title(self, o: AssignmentOverview) -> str:
        if o.assignment.cancelled_at is not None:
            return fill(self.tr("%1 (cancelled)"), o.assignment.title)
        return o.assignment.title

    def refresh(self) -> None:
        services, actor = self._ctx.services, self._ctx.actor
        cancelled = self.show_cancelled.isChecked()
        self._ctx.background.run(
            lambda: services.assignments.for_trainer(actor, include_cancelled=cancelled),
            self._show,
            lambda e: show_error(self, e),
        )

    def _show(self, overviews: list[AssignmentOverview]) -> None:
        keep = self.selected()
        self.model.set_rows(overviews)
        live = [o for o in overviews if o.assignment.cancelled_at is None]
        overdue = sum(o.count(Status.OVERDUE) for o in live)
        text = self.tr("%n assignment(s)", None, len(live))
        if overdue:
            text += " · " + self.tr("%n overdue", None, overdue)
        self.summary.setText(text)
        row = 0
        if keep is not None:
            ids = [o.assignment.id for o in overviews]
            row = ids.index(keep.assignment.id) if keep.assignment.id in ids else 0
        if overviews:
            self.table.selectRow(row)
        self._selected()

    def selected(self) -> AssignmentOverview | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _selected(self, *_args: object) -> None:
        overview = self.selected()
        live = overview is not None and overview.assignment.cancelled_at is None
        self.edit_button.setEnabled(live)
        self.cancel_button.setEnabled(live)
        self.people_model.set_rows(list(overview.people) if overview else [])
        if overview is None:
            self.people_title.setText(self.tr("Choose an assignment to see everyone's progress."))
            return
        a = overview.assignment
        parts = [
            f"<b>{html.escape(a.title)}</b> → {html.escape(a.assignee_name)}",
            html.escape(fill(self.tr("Target: %1"), target_text(a.target, a.min_practice))),
        ]
        if a.created_by:
            parts[-1] += " · " + html.escape(fill(self.tr("set by %1"), a.created_by))
        if a.note:
            parts.append(html.escape(fill(self.tr("Note: %1"), a.note)))
        self.people_title.setText("<br>".join(parts))

    def new_assignment(self) -> None:
        self.new_requested.emit()

    def edit_selected(self) -> None:
        overview = self.selected()
        if overview is None or overview.assignment.cancelled_at is not None:
            return
        self.edit_requested.emit(overview.assignment)

    def cancel_selected(self) -> None:
        from svctrainer.gui.dialogs.reason_dialog import ask_reason  # noqa: PLC0415

        overview = self.selected()
        if overview is None or overview.assignment.cancelled_at is not None:
            return
        a = overview.assignment
        reason = ask_reason(
            self,
            self.tr("Cancel assignment"),
            fill(
                self.tr(
                    "Cancel “%1” for %2? It disappears from their assignments; their results stay."
                ),
                a.title,
                a.assignee_name,
            ),
            self.tr("Cancel assignment"),
        )
        if reason is None:
            return
        services, actor = self._ctx.services, self._ctx.actor
        self._ctx.hub.write(self, services.assignments.cancel, actor, a.id, reason).then(
            lambda _r: self.refresh()
        ).run()


def _status_column(status: Status) -> Column[AssignmentOverview]:
    """How many people of an assignment are in ``status``."""
    return Column(
        status_text(status),
        lambda o: str(o.count(status)),
        sort_key=lambda o: o.count(status),
        align_right=True,
    )


def _overall(o: AssignmentOverview) -> Status:
    if o.people and all(p.status is Status.DONE for p in o.people):
        return Status.DONE
    return Status.IN_PROGRESS


def _best(p: PersonAssignment) -> str:
    t, tally = p.assignment.target, p.tally
    parts = []
    if t.min_speed is not None and tally.best_speed is not None:
        parts.append(f"{number(tally.best_speed)} {unit_name(t.speed_unit)}")
    if t.min_accuracy is not None and tally.best_accuracy is not None:
        parts.append(percent(tally.best_accuracy))
    if t.min_score is not None and tally.best_score is not None:
        parts.append(number(tally.best_score))
    if t.min_tier is not None and tally.best_tier is not None:
        parts.append(tier_name(Tier(tally.best_tier).code))
    return " · ".join(parts) or "—"


def _table(model: Any, name: str) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(30)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table
