"""Log a hand count: a trainer records a result counted by hand with practice notes
(who, which day, 3 or 5 minutes, notes counted, defects found, banding penalties), so it
charts with the on-screen cash-counting drill.

``HandCountForm`` is a plain widget (the Trainer page can mount it); ``HandCountDialog``
wraps it for the Tools menu. Problems are shown next to their fields, all at once:
first the ones the form can see (blank, not a number), then the core rules
(``core.hand_count``), and finally whatever the service refuses.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from PySide6.QtCore import QDate, QLocale, QRegularExpression, Signal
from PySide6.QtGui import QKeySequence, QRegularExpressionValidator, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from svctrainer.core.hand_count import (
    ALLOWED_MINUTES,
    CountingMethod,
    FieldProblem,
    HandCountError,
    HandCountProblem,
    HandCountRecord,
)
from svctrainer.gui.context import AppContext
from svctrainer.gui.dates import day_text
from svctrainer.gui.drills.bank_display import bad_colour
from svctrainer.gui.drills.figures import number, percent
from svctrainer.gui.i18n import fill, translate
from svctrainer.gui.messages import show_error
from svctrainer.gui.record_table import Column, RecordTableModel
from svctrainer.services.hand_count import HandCountEntry, HandCountInvalidError, LoggablePerson

FIELDS = (
    "person_id",
    "day",
    "minutes",
    "notes_counted",
    "defects_planted",
    "defects_found",
    "banding_penalties",
    "method",
    "procedure",
    "note",
)
COUNT_FIELDS = ("notes_counted", "defects_planted", "defects_found", "banding_penalties")
RECENT = 30


@dataclass(frozen=True, slots=True)
class EnteredCount:
    """What the form holds once every field reads: the arguments of
    ``HandCountService.record``."""

    person_id: uuid.UUID
    day: dt.date
    minutes: int
    notes_counted: int
    defects_found: int
    banding_penalties: int
    defects_planted: int | None
    note: str
    method: CountingMethod | None
    banded: bool
    stamped: bool


class HandCountForm(QWidget):
    """The logging form and the latest logged counts of the people in scope."""

    saved = Signal(object)  # the HandCountEntry

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self.setObjectName("handCountForm")
        self.person = QComboBox()
        self.person.setObjectName("hcPerson")
        self.day = QDateEdit()
        self.day.setObjectName("hcDay")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat(QLocale().dateFormat(QLocale.FormatType.ShortFormat))
        self.day.setMaximumDate(QDate.currentDate())
        self.day.setDate(QDate.currentDate())
        self.minutes_group = QButtonGroup(self)
        minutes_row = QHBoxLayout()
        for minutes in ALLOWED_MINUTES:
            button = QRadioButton(fill(self.tr("&%1 minutes"), str(minutes)))
            button.setObjectName(f"hcMinutes{minutes}")
            self.minutes_group.addButton(button, minutes)
            minutes_row.addWidget(button)
        minutes_row.addStretch(1)
        self.inputs: dict[str, QLineEdit] = {}
        digits = QRegularExpression(r"\d{0,6}")
        for name in COUNT_FIELDS:
            edit = QLineEdit()
            edit.setObjectName(f"hc_{name}")
            edit.setValidator(QRegularExpressionValidator(digits, edit))
            edit.setMaximumWidth(140)
            self.inputs[name] = edit
        self.inputs["defects_planted"].setPlaceholderText(self.tr("not recorded"))
        self.inputs["banding_penalties"].setText("0")
        self.method = QComboBox()
        self.method.setObjectName("hcMethod")
        self.method.addItem(translate("HandCountForm", "not recorded"), None)
        for method in CountingMethod:
            self.method.addItem(method_name(method), str(method))
        self.banded = QCheckBox(translate("HandCountForm", "ba&nded (扎把)"))
        self.banded.setObjectName("hcBanded")
        self.stamped = QCheckBox(translate("HandCountForm", "s&tamped or signed (盖章)"))
        self.stamped.setObjectName("hcStamped")
        procedure_row = QHBoxLayout()
        procedure_row.addWidget(self.banded)
        procedure_row.addWidget(self.stamped)
        procedure_row.addStretch(1)
        self.note = QLineEdit()
        self.note.setObjectName("hcNote")
        self.note.setMaxLength(2000)
        self.note.setPlaceholderText(self.tr("optional: conditions, kind of practice notes…"))

        self.errors: dict[str, QLabel] = {}
        colour = bad_colour(self.palette()).name()
        for name in FIELDS:
            label = QLabel()
            label.setObjectName(f"error_{name}")
            label.setStyleSheet(f"color: {colour};")
            label.setWordWrap(True)
            label.hide()
            self.errors[name] = label

        grid = QGridLayout()
        rows: list[tuple[str, str, QWidget | QHBoxLayout]] = [
            ("person_id", self.tr("&Person"), self.person),
            ("day", self.tr("&Day counted"), self.day),
            ("minutes", self.tr("Counting time"), minutes_row),
            ("notes_counted", self.tr("&Notes counted"), self.inputs["notes_counted"]),
            ("defects_planted", self.tr("Defects p&lanted"), self.inputs["defects_planted"]),
            ("defects_found", self.tr("Defects &found"), self.inputs["defects_found"]),
            ("banding_penalties", self.tr("&Banding penalties"), self.inputs["banding_penalties"]),
            ("method", translate("HandCountForm", "Counting &method"), self.method),
            ("procedure", translate("HandCountForm", "Each bundle"), procedure_row),
            ("note", self.tr("N&ote"), self.note),
        ]
        for row, (name, text, field) in enumerate(rows):
            label = QLabel(text)
            if isinstance(field, QWidget):
                label.setBuddy(field)
                grid.addWidget(field, row, 1)
            else:
                buddy = self.banded if field is procedure_row else self.minutes_group.buttons()[0]
                label.setBuddy(buddy)
                grid.addLayout(field, row, 1)
            grid.addWidget(label, row, 0)
            grid.addWidget(self.errors[name], row, 2)
        grid.setColumnStretch(2, 1)
        grid.setColumnMinimumWidth(1, 260)

        self.save_button = QPushButton(self.tr("&Save (Ctrl+S)"))
        self.save_button.setObjectName("hcSave")
        self.save_button.clicked.connect(self.save)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save)
        self.status = QLabel()
        self.status.setObjectName("hcStatus")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)

        self.recent: RecordTableModel[HandCountEntry] = RecordTableModel(
            [
                Column(self.tr("Day"), _day_text, sort_key=lambda e: e.day),
                Column(self.tr("Person"), lambda e: e.person_name),
                Column(self.tr("Minutes"), lambda e: str(e.minutes), align_right=True),
                Column(self.tr("Notes"), lambda e: str(e.notes_counted), align_right=True),
                Column(self.tr("Net"), lambda e: str(e.net_notes), align_right=True),
                Column(
                    self.tr("Notes/min"), lambda e: number(e.notes_per_min, 1), align_right=True
                ),
                Column(self.tr("Defects"), _defects_text, align_right=True),
                Column(self.tr("Banding"), lambda e: str(e.banding_penalties), align_right=True),
                Column(translate("HandCountForm", "Method"), _method_text),
                Column(translate("HandCountForm", "Banded, stamped"), _procedure_text),
                Column(self.tr("Accuracy"), lambda e: percent(e.accuracy), align_right=True),
                Column(self.tr("Note"), lambda e: e.note or ""),
            ],
            self,
        )
        self.table = QTableView()
        self.table.setObjectName("hcRecent")
        self.table.setModel(self.recent)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)

        title = QLabel(self.tr("Log a hand count"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(
            self.tr(
                "Record a count done by hand with practice notes. It appears in the person's "
                "progress with the on-screen cash counting (notes per minute). Net notes = "
                "notes counted − 100 per missed defect − 20 per banding penalty."
            )
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(self.tr("Latest hand counts")))
        layout.addWidget(self.table, 1)
        self.load()

    # -- data --------------------------------------------------------------------------

    def load(self) -> None:
        """(Re)load the people in scope and the latest counts, off the GUI thread."""
        services, actor = self._ctx.services, self._ctx.actor
        self._ctx.background.run(
            lambda: (
                services.hand_count.people(actor),
                services.hand_count.list_recent(actor, limit=RECENT),
            ),
            self._loaded,
            lambda e: show_error(self, e),
        )

    def _loaded(self, loaded: tuple[list[LoggablePerson], list[HandCountEntry]]) -> None:
        people, recent = loaded
        keep = self.person.currentData()
        self.person.clear()
        for p in people:
            team = f" — {p.team_name}" if p.team_name else ""
            self.person.addItem(f"{p.name} ({p.employee_number}){team}", str(p.id))
        index = self.person.findData(keep) if keep is not None else -1
        self.person.setCurrentIndex(index if index >= 0 else (0 if people else -1))
        self.recent.set_rows(recent)

    def select_person(self, person_id: uuid.UUID) -> bool:
        index = self.person.findData(str(person_id))
        if index >= 0:
            self.person.setCurrentIndex(index)
        return index >= 0

    # -- saving ------------------------------------------------------------------------

    def save(self) -> None:
        self._clear_problems()
        entered, problems = self._read()
        if entered is None or problems:
            self._show_problems(problems)
            return
        services, actor = self._ctx.services, self._ctx.actor
        self.save_button.setEnabled(False)
        self.status.setText(self.tr("Saving…"))
        self._ctx.hub.write(
            self,
            services.hand_count.record,
            actor,
            entered.person_id,
            entered.day,
            minutes=entered.minutes,
            notes_counted=entered.notes_counted,
            defects_found=entered.defects_found,
            banding_penalties=entered.banding_penalties,
            defects_planted=entered.defects_planted,
            note=entered.note,
            method=entered.method,
            banded=entered.banded,
            stamped=entered.stamped,
        ).then(self._saved).failing(self._failed).run()

    def _read(self) -> tuple[EnteredCount | None, list[tuple[str, str]]]:
        """The form's values, or the problems that stop it being saved (field, text)."""
        problems: list[tuple[str, str]] = []
        data = self.person.currentData()
        person = uuid.UUID(data) if data else None
        if person is None:
            problems.append(("person_id", self.tr("Choose the person who counted.")))
        minutes = self.minutes_group.checkedId()
        counts: dict[str, int | None] = {}
        for name in COUNT_FIELDS:
            text = self.inputs[name].text().strip()
            if not text:
                if name != "defects_planted":
                    problems.append((name, self.tr("Required.")))
                counts[name] = None
            else:
                counts[name] = int(text)
        qdate = self.day.date()
        day = dt.date(qdate.year(), qdate.month(), qdate.day())
        try:  # the same rules the service applies, shown before the round trip
            HandCountRecord.create(
                person_id=1,
                day=day,
                minutes=minutes,
                notes_counted=counts["notes_counted"] or 0,
                defects_found=counts["defects_found"] or 0,
                banding_penalties=counts["banding_penalties"] or 0,
                defects_planted=counts["defects_planted"],
                today=dt.date.today(),
            )
        except HandCountError as exc:
            seen = {field for field, _ in problems}
            problems += [
                (p.field, self.problem_text(p)) for p in exc.problems if p.field not in seen
            ]
        if person is None or problems:
            return None, problems
        entered = EnteredCount(
            person_id=person,
            day=day,
            minutes=minutes,
            notes_counted=counts["notes_counted"] or 0,
            defects_found=counts["defects_found"] or 0,
            banding_penalties=counts["banding_penalties"] or 0,
            defects_planted=counts["defects_planted"],
            note=self.note.text(),
            method=_chosen_method(self.method.currentData()),
            banded=self.banded.isChecked(),
            stamped=self.stamped.isChecked(),
        )
        return entered, problems

    def problem_text(self, problem: FieldProblem) -> str:
        params = {k: str(v) for k, v in problem.params.items()}
        texts = {
            HandCountProblem.BAD_PERSON: self.tr("Choose the person who counted."),
            HandCountProblem.BAD_DATE: self.tr("Give the day of the count."),
            HandCountProblem.BAD_MINUTES: self.tr("Choose 3 or 5 minutes."),
            HandCountProblem.OUT_OF_RANGE: fill(
                self.tr("A whole number from %1 to %2."),
                params.get("minimum", "0"),
                params.get("maximum", ""),
            ),
            HandCountProblem.MORE_FOUND_THAN_PLANTED: self.tr(
                "More defects found than were planted."
            ),
            HandCountProblem.DATE_IN_FUTURE: self.tr("The day cannot be after today."),
        }
        return texts.get(problem.code, str(problem.code))

    def _saved(self, entry: HandCountEntry) -> None:
        self.save_button.setEnabled(True)
        self.status.setText(
            fill(
                self.tr("Saved: %1, %2, %3 min — %4 notes/min."),
                entry.person_name,
                day_text(entry.day),
                str(entry.minutes),
                number(entry.notes_per_min, 1),
            )
        )
        for name in ("notes_counted", "defects_planted", "defects_found"):
            self.inputs[name].clear()
        self.inputs["banding_penalties"].setText("0")
        self.banded.setChecked(False)
        self.stamped.setChecked(False)
        self.note.clear()
        self.recent.set_rows([entry, *self.recent.rows()][:RECENT])
        self.saved.emit(entry)

    def _failed(self, exc: Exception) -> None:
        self.save_button.setEnabled(True)
        self.status.clear()
        if isinstance(exc, HandCountInvalidError):
            self._show_problems([(p.field, self.problem_text(p)) for p in exc.problems])
        else:
            show_error(self, exc)

    def _show_problems(self, problems: list[tuple[str, str]]) -> None:
        for field, text in problems:
            label = self.errors.get(field)
            if label is not None:
                label.setText(text)
                label.show()
        self.status.setText(self.tr("Not saved: correct the marked fields."))
        first = problems[0][0]
        fields: dict[str, QWidget] = {"person_id": self.person, "day": self.day, "note": self.note}
        (fields.get(first) or self.inputs.get(first) or self.person).setFocus()

    def _clear_problems(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()

    def problems_shown(self) -> dict[str, str]:
        """Field → message currently shown (for tests and accessibility checks)."""
        return {f: lab.text() for f, lab in self.errors.items() if not lab.isHidden()}


class HandCountDialog(QDialog):
    """The form on its own, for the Tools menu."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Log a hand count"))
        self.form = HandCountForm(context, self)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(close)
        self.resize(900, 640)


def _day_text(entry: HandCountEntry) -> str:
    day = QDate(entry.day.year, entry.day.month, entry.day.day)
    return QLocale().toString(day, QLocale.FormatType.ShortFormat)


def _defects_text(entry: HandCountEntry) -> str:
    if entry.defects_planted is None:
        return str(entry.defects_found)
    return f"{entry.defects_found} / {entry.defects_planted}"


def method_name(method: CountingMethod) -> str:
    """The method as counters name it (the Chinese term kept in both languages)."""
    names = {
        CountingMethod.SINGLE_NOTE: translate(
            "HandCountForm", "single note, one finger (单指单张)"
        ),
        CountingMethod.MULTI_NOTE: translate("HandCountForm", "several notes a stroke (多指多张)"),
        CountingMethod.FAN: translate("HandCountForm", "fanned (扇面)"),
    }
    return names[method]


def _chosen_method(data: object) -> CountingMethod | None:
    """The combo box's data: a method's value, or None for "not recorded"."""
    return CountingMethod(data) if isinstance(data, str) and data in set(CountingMethod) else None


def _method_text(entry: HandCountEntry) -> str:
    return "—" if entry.method is None else method_name(entry.method)


def _procedure_text(entry: HandCountEntry) -> str:
    if entry.banded is None and entry.stamped is None:
        return "—"
    yes, no = translate("HandCountForm", "yes"), translate("HandCountForm", "no")
    return f"{yes if entry.banded else no}, {yes if entry.stamped else no}"
