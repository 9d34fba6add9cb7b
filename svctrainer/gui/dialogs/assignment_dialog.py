"""Creating or editing an assignment: content, people and teams, target, due date.

The target fields follow the content chosen: a minimum speed in the drill type's own unit
(only when every drill chosen measures speed in the same unit), a service tier for
scenarios, accuracy and score for both. Several contents make a bundle. The
service validates everything again; its message appears in the dialog, which stays open.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from svctrainer.core.assignment_progress import MODES, TARGET_TIERS
from svctrainer.gui.change_hub import Write
from svctrainer.gui.context import AppContext
from svctrainer.gui.day_edit import DayEdit
from svctrainer.gui.drills.figures import drill_type_name, mode_name, unit_name
from svctrainer.gui.i18n import fill, translate
from svctrainer.gui.messages import describe
from svctrainer.gui.pages.assignment_views import tier_name
from svctrainer.gui.tree_items import children, top_level_items
from svctrainer.services.assignments import AssignmentRecord, RosterTeam
from svctrainer.services.content import ContentRecord

ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
DEFAULT_DUE_DAYS = 7


@dataclass(frozen=True, slots=True)
class ContentChoice:
    """A content id offered for assigning, with what its target fields depend on."""

    record: ContentRecord
    modes: tuple[str, ...]
    speed_unit: str | None
    fixed_modes: tuple[str, ...] = ()  # modes whose pack pins one form for everyone


def content_choices(context: AppContext) -> list[ContentChoice]:
    """Every drill and scenario (newest versions), with modes and speed unit. Parses each
    definition: call it off the GUI thread."""
    from svctrainer.core.drills.registry import drill_kind  # noqa: PLC0415
    from svctrainer.core.packs.definition import (  # noqa: PLC0415
        DrillDefinition,
        Form,
        Mode,
    )

    services, actor = context.services, context.actor
    choices = []
    for record in services.content.latest(actor):
        if record.kind != "drill":
            choices.append(ContentChoice(record, MODES, None))
            continue
        _, definition = services.content.load(actor, record.id)
        offered = (
            {str(m) for m in definition.modes} if isinstance(definition, DrillDefinition) else set()
        )
        kind = drill_kind(record.drill_type or "")
        modes = tuple(m for m in MODES if m in offered)
        fixed = (
            tuple(m for m in modes if definition.settings(Mode(m)).form is Form.FIXED)
            if isinstance(definition, DrillDefinition)
            else ()
        )
        unit = None
        if kind is not None:
            drill = definition if isinstance(definition, DrillDefinition) else None
            unit = kind.speed_unit if drill is None else kind.unit_of(drill)
        choices.append(ContentChoice(record, modes, unit, fixed))
    return choices


@dataclass(frozen=True, slots=True)
class AssignmentForm:
    """What the dialog collected, read on the GUI thread and handed to ``submit``."""

    targets: dict[str, dict[str, Any]]
    person_ids: list[uuid.UUID]
    team_ids: list[uuid.UUID]
    due_on: date | None
    min_practice: int
    note: str | None
    reason: str


class AssignmentDialog(QDialog):
    """On OK, ``submit(form)`` gives the service write that saves the form, which runs in
    the background; the dialog closes when it is done (``result_value`` holds what it
    returned) and shows the error, staying open, when it is refused."""

    def __init__(
        self,
        context: AppContext,
        choices: Sequence[ContentChoice],
        roster: Sequence[RosterTeam],
        submit: Callable[[AssignmentForm], Write[Any]],
        *,
        existing: AssignmentRecord | None = None,
        preselect: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = context
        self._submit = submit
        self.existing = existing
        self.result_value: Any = None
        self._choices = {c.record.content_id: c for c in choices}
        self.setWindowTitle(self.tr("Edit assignment") if existing else self.tr("New assignment"))
        self.setObjectName("assignmentDialog")

        self.content = QTreeWidget()
        self.content.setHeaderHidden(True)
        self.content.setObjectName("assignContent")
        self.content_filter = QLineEdit()
        self.content_filter.setPlaceholderText(self.tr("Find a drill or scenario"))
        self.content_filter.setClearButtonEnabled(True)
        self.chosen_label = QLabel()
        self.chosen_label.setWordWrap(True)
        self.chosen_label.setObjectName("chosenContent")
        self.people = QTreeWidget()
        self.people.setHeaderHidden(True)
        self.people.setObjectName("assignPeople")
        self._fill_content(preselect)
        self._fill_people(roster)
        for tree in (self.content, self.people):
            _outline_check_boxes(tree)

        self.mode = QComboBox()
        self.speed = QDoubleSpinBox()
        self.speed.setRange(0, 1_000_000)
        self.speed.setDecimals(0)
        self.speed.setSingleStep(500)
        self.speed.setSpecialValueText(self.tr("no minimum"))
        self.speed.setGroupSeparatorShown(True)
        self.speed_unit = QLabel()
        self.accuracy = QDoubleSpinBox()
        self.accuracy.setRange(0, 100)
        self.accuracy.setDecimals(1)
        self.accuracy.setSuffix(" %")
        self.accuracy.setSpecialValueText(self.tr("no minimum"))
        self.score = QSpinBox()
        self.score.setRange(0, 100)
        self.score.setSpecialValueText(self.tr("no minimum"))
        self.tier = QComboBox()
        self.tier.addItem(self.tr("no minimum"), None)
        for code in TARGET_TIERS:
            self.tier.addItem(tier_name(code), code)
        self.has_due = QCheckBox(self.tr("&Due by"))
        self.due = DayEdit()
        self.due.setObjectName("assignDue")
        self.min_practice = QSpinBox()
        self.min_practice.setRange(0, 1000)
        self.min_practice.setSpecialValueText(self.tr("none"))
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("A word for the people assigned (optional)"))
        self.note.setMaximumHeight(70)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why the change (kept in the audit log)"))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setObjectName("assignmentError")
        self.error.setStyleSheet("color: palette(bright-text);")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Save") if existing else self.tr("&Assign")
        )
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)
        self._layout()
        self.content.itemChanged.connect(self._content_changed)
        self.content_filter.textChanged.connect(self._filter_content)
        self.has_due.toggled.connect(self.due.setEnabled)
        self._load(existing)
        self._content_changed()
        self.resize(860, 640)

    # -- building ------------------------------------------------------------------------

    def _layout(self) -> None:
        speed_row = QHBoxLayout()
        speed_row.addWidget(self.speed, 1)
        speed_row.addWidget(self.speed_unit)
        self.target_box = QGroupBox(self.tr("Target"))
        form = QFormLayout(self.target_box)
        self._label(form, self.tr("&Mode"), self.mode)
        self._label(form, self.tr("Minimum s&peed"), speed_row, self.speed)
        self._label(form, self.tr("Minimum a&ccuracy"), self.accuracy)
        self._label(form, self.tr("Minimum sc&ore"), self.score)
        self._label(form, self.tr("Minimum &tier"), self.tier)
        form.addRow(self.has_due, self.due)
        self._label(form, self.tr("Practice &sessions first"), self.min_practice)
        self._label(form, self.tr("&Note"), self.note)
        if self.existing is not None:
            self._label(form, self.tr("&Reason"), self.reason)

        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Drills and scenarios (several make a bundle)")))
        left.addWidget(self.content_filter)
        left.addWidget(self.content, 1)
        left.addWidget(self.chosen_label)
        left.addWidget(QLabel(self.tr("People and teams (a team includes future members)")))
        left.addWidget(self.people, 1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        right = QVBoxLayout()
        right.addWidget(self.target_box)
        right.addStretch(1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _label(
        self, form: QFormLayout, text: str, field: Any, buddy: QWidget | None = None
    ) -> None:
        label = QLabel(text)
        label.setBuddy(buddy or field)
        form.addRow(label, field)

    def _fill_content(self, preselect: Sequence[str]) -> None:
        groups: dict[str, QTreeWidgetItem] = {}
        ordered = sorted(
            self._choices.values(),
            key=lambda c: (c.record.kind != "drill", c.record.drill_type or "", c.record.title),
        )
        for choice in ordered:
            record = choice.record
            key = record.drill_type or "scenario"
            group = groups.get(key)
            if group is None:
                group = QTreeWidgetItem([drill_type_name(record.drill_type)])
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.content.addTopLevelItem(group)
                groups[key] = group
            title = record.title
            tip = f"{record.content_id} v{record.version} · {record.language}"
            if choice.fixed_modes:
                title = fill(translate("AssignmentDialog", "%1 (one fixed form)"), title)
                tip += "\n" + translate(
                    "AssignmentDialog",
                    "Everyone gets the same form, pinned by the pack; other drills give a"
                    " new form of equal difficulty to each attempt.",
                )
            item = QTreeWidgetItem([title])
            item.setData(0, ID_ROLE, record.content_id)
            item.setToolTip(0, tip)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            checked = record.content_id in preselect
            item.setCheckState(0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            group.addChild(item)
        self.content.expandAll()

    def _fill_people(self, roster: Sequence[RosterTeam]) -> None:
        for team in roster:
            item = QTreeWidgetItem([fill(self.tr("%1 (whole team)"), team.name)])
            item.setData(0, ID_ROLE, team.team_id)
            item.setData(0, KIND_ROLE, "team")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Unchecked)
            self.people.addTopLevelItem(item)
            for member in team.members:
                child = QTreeWidgetItem([f"{member.name} ({member.employee_number})"])
                child.setData(0, ID_ROLE, member.person_id)
                child.setData(0, KIND_ROLE, "person")
                child.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                child.setCheckState(0, Qt.CheckState.Unchecked)
                item.addChild(child)
        self.people.expandAll()

    def _load(self, existing: AssignmentRecord | None) -> None:
        if existing is None:
            self.has_due.setChecked(True)
            self.due.setDate(QDate.currentDate().addDays(DEFAULT_DUE_DAYS))
            return
        self.check_content(existing.content_id)
        self.content.setEnabled(False)
        self.content_filter.setEnabled(False)
        self.people.setEnabled(False)
        if existing.team_id is not None:
            self.check_assignee(existing.team_id)
        elif existing.person_id is not None:
            self.check_assignee(existing.person_id)
        t = existing.target
        self._content_changed()
        self.mode.setCurrentIndex(max(0, self.mode.findData(t.mode)))
        self.speed.setValue(t.min_speed or 0)
        self.accuracy.setValue((t.min_accuracy or 0) * 100)
        self.score.setValue(round(t.min_score or 0))
        self.tier.setCurrentIndex(max(0, self.tier.findData(t.min_tier)))
        self.has_due.setChecked(existing.due_on is not None)
        due = existing.due_on or date.today() + timedelta(days=DEFAULT_DUE_DAYS)
        self.due.setDate(QDate(due.year, due.month, due.day))
        self.min_practice.setValue(existing.min_practice)
        self.note.setPlainText(existing.note or "")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        first = next(
            (i for i in self._content_items() if i.checkState(0) == Qt.CheckState.Checked), None
        )
        if first is not None:
            self.content.scrollToItem(first, QAbstractItemView.ScrollHint.PositionAtCenter)

    # -- following the choice of content --------------------------------------------------

    def _content_items(self) -> list[QTreeWidgetItem]:
        return [item for group in top_level_items(self.content) for item in children(group)]

    def chosen(self) -> list[ContentChoice]:
        return [
            self._choices[i.data(0, ID_ROLE)]
            for i in self._content_items()
            if i.checkState(0) == Qt.CheckState.Checked
        ]

    def check_content(self, content_id: str) -> bool:
        for item in self._content_items():
            if item.data(0, ID_ROLE) == content_id:
                item.setCheckState(0, Qt.CheckState.Checked)
                return True
        return False

    def check_assignee(self, assignee_id: uuid.UUID) -> bool:
        for team in top_level_items(self.people):
            for item in [team, *children(team)]:
                if item.data(0, ID_ROLE) == assignee_id:
                    item.setCheckState(0, Qt.CheckState.Checked)
                    return True
        return False

    def _filter_content(self, text: str) -> None:
        needle = text.strip().lower()
        for group in top_level_items(self.content):
            shown = 0
            for item in children(group):
                hit = (
                    not needle
                    or needle in item.text(0).lower()
                    or needle in str(item.data(0, ID_ROLE))
                )
                item.setHidden(not hit)
                shown += hit
            group.setHidden(shown == 0)

    def _content_changed(self, *_args: object) -> None:
        chosen = self.chosen()
        drills = [c for c in chosen if c.record.kind == "drill"]
        scenarios = [c for c in chosen if c.record.kind != "drill"]
        units = {c.speed_unit for c in drills}
        keep = self.mode.currentData()
        self.mode.clear()
        self.mode.addItem(self.tr("Either mode"), None)
        common = [m for m in MODES if all(m in c.modes for c in chosen)]
        for m in common:
            self.mode.addItem(mode_name(m), m)
        self.mode.setCurrentIndex(max(0, self.mode.findData(keep)))
        one_unit = len(units) == 1 and None not in units
        self.speed.setEnabled(one_unit)
        self.speed_unit.setText(unit_name(next(iter(units))) if one_unit else "")
        self.speed.setToolTip(
            ""
            if one_unit or not drills
            else self.tr("The drills chosen measure speed in different units.")
        )
        if not one_unit:
            self.speed.setValue(0)
        self.accuracy.setEnabled(bool(chosen))
        self.tier.setEnabled(bool(scenarios))
        can_practise = bool(chosen) and all("practice" in c.modes for c in chosen)
        self.min_practice.setEnabled(can_practise or self.min_practice.value() > 0)
        self.min_practice.setToolTip(
            "" if can_practise else self.tr("Only content with a practice mode counts sessions.")
        )
        names = ", ".join(c.record.title for c in chosen)
        self.chosen_label.setText(
            fill(self.tr("Chosen: %1"), names) if chosen else self.tr("Nothing chosen yet.")
        )

    # -- the result ----------------------------------------------------------------------

    def targets(self) -> dict[str, dict[str, Any]]:
        """Content id → its target: fields that do not apply to a kind are left out."""
        out: dict[str, dict[str, Any]] = {}
        for choice in self.chosen():
            target: dict[str, Any] = {}
            if self.mode.currentData():
                target["mode"] = self.mode.currentData()
            if choice.record.kind == "drill":
                if self.speed.isEnabled() and self.speed.value() > 0:
                    target["min_speed"] = self.speed.value()
                    target["speed_unit"] = choice.speed_unit
            elif self.tier.currentData():
                target["min_tier"] = self.tier.currentData()
            if self.accuracy.value() > 0:
                target["min_accuracy"] = round(self.accuracy.value() / 100, 4)
            if self.score.value() > 0:
                target["min_score"] = self.score.value()
            out[choice.record.content_id] = target
        return out

    def assignees(self) -> tuple[list[uuid.UUID], list[uuid.UUID]]:
        """(person ids, team ids) checked; a person inside a checked team is left out."""
        people: list[uuid.UUID] = []
        teams: list[uuid.UUID] = []
        for team in top_level_items(self.people):
            if team.checkState(0) == Qt.CheckState.Checked:
                teams.append(team.data(0, ID_ROLE))
                continue
            people.extend(
                person.data(0, ID_ROLE)
                for person in children(team)
                if person.checkState(0) == Qt.CheckState.Checked
            )
        return people, teams

    def due_on(self) -> date | None:
        if not self.has_due.isChecked():
            return None
        d = self.due.date()
        return date(d.year(), d.month(), d.day())

    def note_text(self) -> str | None:
        return self.note.toPlainText().strip() or None

    def reason_text(self) -> str:
        return self.reason.text().strip()

    def form(self) -> AssignmentForm:
        people, teams = self.assignees()
        return AssignmentForm(
            targets=self.targets(),
            person_ids=people,
            team_ids=teams,
            due_on=self.due_on(),
            min_practice=self.min_practice.value(),
            note=self.note_text(),
            reason=self.reason_text(),
        )

    def _ok(self) -> None:
        if self.existing is None:
            if not self.chosen():
                self.error.setText(self.tr("Choose at least one drill or scenario."))
                return
            if self.assignees() == ([], []):
                self.error.setText(self.tr("Choose at least one person or team."))
                return
        form = self.form()
        self.buttons.setEnabled(False)
        self.error.setText(self.tr("Saving…"))
        self._submit(form).then(self._saved).failing(self._failed).run()

    def _saved(self, result: Any) -> None:
        self.result_value = result
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(describe(exc))


def _outline_check_boxes(tree: QTreeWidget) -> None:
    """Fusion outlines a check box in a darker shade of Window; on the dark theme's Base
    that outline vanishes, leaving unchecked boxes invisible. A lighter Window role for
    the tree (which paints its background in Base) brings the outline back."""
    from svctrainer.gui.theme import is_dark  # noqa: PLC0415

    palette = QPalette(tree.palette())
    if is_dark(palette):
        palette.setColor(QPalette.ColorRole.Window, QColor(0x7A, 0x80, 0x8A))
        tree.setPalette(palette)
