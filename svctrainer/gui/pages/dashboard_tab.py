"""The supervisor dashboard: it opens on the branch summary (every core skill in a line,
``branch_summary``); one click on a skill shows every employee in scope on it, with the
team comparison, who improved most and who has stalled; exports of all of it.

The table is sortable by every column and filtered by team and date range (the service
aggregates in SQL for the filters; the model sorts and finds names). Double-click (or
Enter) opens the employee's progress charts.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec

from PySide6.QtCore import QDateTime, QLocale, Qt, QTimer, QTimeZone, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from svctrainer.core.analytics.dashboard import StallStatus
from svctrainer.core.drills.tenkey import TENKEY
from svctrainer.core.roles import Permission
from svctrainer.gui.charts.style import family_labels
from svctrainer.gui.context import AppContext
from svctrainer.gui.i18n import fill
from svctrainer.gui.language import content_language
from svctrainer.gui.messages import show_error
from svctrainer.gui.pages.branch_summary import BranchSummaryView
from svctrainer.gui.pages.date_range import DateRangeBar
from svctrainer.gui.record_table import (
    Column,
    SortedRecordModel,
    fit_columns,
    paint_cells_in_cpp,
)
from svctrainer.services.changes import PEOPLE, RESULTS, TEAMS
from svctrainer.services.drill_families import DrillFamily
from svctrainer.services.progress_records import Dashboard, DashboardEntry
from svctrainer.services.records import TeamRecord

if TYPE_CHECKING:
    from svctrainer.gui.charts.pdf_report import Document
    from svctrainer.gui.charts.team_chart import BarChart
    from svctrainer.services.reports import ExportResult

P = ParamSpec("P")

STATUS_COLUMN = 8  # takes the spare width (its texts are the longest)
SIZED_ROWS = 60  # rows measured to size the columns (besides the first ones shown)
NO_VALUE = float("-inf")  # sorts empty cells together, below every figure


class LastPractice:
    """The "Last practice" cells: a stored moment as the workstation's calendar day, in
    the locale's short form, as ``pdf_report.day_text`` writes it (``gui/dates.py``), with
    the time zone and the locale read once per table (``begin``, each load) rather than
    for each cell.

    Why: ``QTimeZone.systemTimeZone()`` and the Python ``date`` between the two steps
    were most of a cell's 60-110 µs, and a table's columns are sized on about a hundred
    rows (issue 17: ~6 ms of a skill table's render, its costliest column by far). A zone
    set while the program runs is still the one used, from the next load on; within a
    load every row reads the same zone, as the table's sort and filter do."""

    def __init__(self) -> None:
        self._zone: QTimeZone | None = None
        self._locale = QLocale()

    def begin(self) -> None:
        """The time zone and locale as they are now, for the rows of the next table."""
        self._zone = QTimeZone.systemTimeZone()
        self._locale = QLocale()

    def text(self, entry: DashboardEntry) -> str:
        at = entry.row.last_practice_at
        if at is None:
            return "—"
        if self._zone is None:
            self.begin()
        assert self._zone is not None  # noqa: S101 - read just now
        day = QDateTime.fromSecsSinceEpoch(int(at.timestamp()), self._zone).date()
        if self._locale.language() == QLocale.Language.C:
            return day.toString("yyyy-MM-dd")
        return self._locale.toString(day, QLocale.FormatType.ShortFormat)


def status_name(status: str) -> str:
    from svctrainer.gui.charts.pdf_report import status_text  # noqa: PLC0415

    return status_text(status)


def _stall_reason(status: str) -> str:
    from svctrainer.gui.charts.pdf_report import stall_reason  # noqa: PLC0415

    return stall_reason(status)


def _level(entry: DashboardEntry, value: float | None) -> str:
    from svctrainer.gui.charts.progress_chart import value_text  # noqa: PLC0415

    return value_text(entry.summary.progress.metric, value)


def _gain(entry: DashboardEntry) -> str:
    from svctrainer.gui.charts.pdf_report import gain_cell  # noqa: PLC0415

    return gain_cell(entry.row.gain, entry.row.gain_unit)


def _num(value: float | None) -> float:
    return NO_VALUE if value is None else float(value)


def _status_tip(trend: str, entry: DashboardEntry) -> str:
    """``trend``: the page's wording of a stalled trend, with ``%1`` and ``%2``."""
    stall = entry.summary.stall
    if stall.status is StallStatus.NO_GAIN and stall.window_gain is not None:
        return fill(trend, f"{stall.window_gain:+.1f}", str(stall.attempts_in_window))
    return ""


class EmployeeDialog(QDialog):
    """One employee's progress charts (the same view as their own "My progress")."""

    def __init__(
        self, context: AppContext, entry: DashboardEntry, family_key: str, parent: QWidget
    ) -> None:
        super().__init__(parent)
        from svctrainer.gui.pages.my_progress import PersonProgressView  # noqa: PLC0415

        self.setWindowTitle(
            fill(self.tr("Progress: %1 (%2)"), entry.person.name, entry.person.employee_number)
        )
        self.resize(1180, 780)
        # The dashboard's skill is read and drawn first (not the person's most tested
        # drill, then this one: two reads and two drawings).
        self.view = PersonProgressView(context, entry.person.id, family_key=family_key)
        close = QPushButton(self.tr("&Close"))
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        box = QVBoxLayout(self)
        box.addWidget(self.view, 1)
        box.addLayout(row)
        self.view.refresh()


class DashboardTab(QWidget):
    loaded = Signal()
    exported = Signal(object)  # the ExportResult of the latest export

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self.dashboard: Dashboard | None = None
        self.last_export: Any = None
        self._families: list[DrillFamily] = []
        self.drill = QComboBox()
        self.drill.setObjectName("dashboardDrill")
        self.drill.setMinimumWidth(240)
        self.team = QComboBox()
        self.team.setObjectName("dashboardTeam")
        self.team.addItem(self.tr("All teams"), None)
        self.range_bar = DateRangeBar()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Find a name or number"))
        self.search.setClearButtonEnabled(True)
        drill_label = QLabel(self.tr("&Drill"))
        drill_label.setBuddy(self.drill)
        team_label = QLabel(self.tr("T&eam"))
        team_label.setBuddy(self.team)
        # Two rows: in one, the drill, team, dates and search outgrew a 1366 px screen at
        # 150 % text (Chinese drill names are long).
        what = QHBoxLayout()
        what.addWidget(drill_label)
        what.addWidget(self.drill, 2)
        what.addWidget(team_label)
        what.addWidget(self.team, 1)
        when = QHBoxLayout()
        when.addWidget(self.range_bar)
        when.addWidget(self.search, 1)
        filters = QVBoxLayout()
        filters.addLayout(what)
        filters.addLayout(when)

        # The model sorts itself (once a row) and finds names itself: no proxy between it
        # and the view, which made a painted cell 23 calls into Python, not 9 (issue 17).
        self._last_practice = LastPractice()
        self.model: SortedRecordModel[DashboardEntry] = SortedRecordModel(self._columns(), self)
        self.search.textChanged.connect(self.model.set_filter_text)
        self.table = QTableView()
        self.table.setObjectName("dashboardTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(5, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        # Columns sized to their texts once per load (``_show``, ``fit_columns``): from the
        # rows shown first and a sample spread over the rest, not all 500 (names and
        # figures do not vary in width enough to need every row measured), by the font
        # metrics rather than Qt's per-cell size hints, and not by a ResizeToContents
        # header, which measured them again on every layout pass (issue 17: most of the
        # table's render). The user may widen a column (double-clicking a divider fits
        # it to its first rows).
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setResizeContentsPrecision(SIZED_ROWS)
        header.setSectionResizeMode(STATUS_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.activated.connect(lambda _i: self.open_selected())

        self._team_chart: BarChart | None = None  # built after the first table shown
        # Or built while the worker reads the first table (``load``), held hidden by
        # the slot until that table's teams are drawn on it.
        self._chart_ahead: BarChart | None = None
        self._chart_due: Dashboard | None = None  # the figures the chart is to draw next
        self.improved = QListWidget()
        self.improved.setObjectName("improvedMost")
        self.stalled = QListWidget()
        self.stalled.setObjectName("stalledList")
        for view in (self.table, self.improved, self.stalled):
            paint_cells_in_cpp(view)
        # The table gets the full width (eleven columns, assignments last); the team
        # comparison and the two lists sit side by side under it.
        stalled_label = QLabel(
            self.tr(
                "Needs attention: idle 14 days (no practice), or no progress (under 2 % in 4 weeks)"
            )
        )
        stalled_label.setWordWrap(True)
        side = QWidget()
        side_grid = QGridLayout(side)  # one row for the captions: the lists line up
        side_grid.setContentsMargins(0, 0, 0, 0)
        self._chart_slot = QWidget()  # the team chart's place until it is built
        side_grid.addWidget(self._chart_slot, 0, 0, 2, 1)
        self._side_grid = side_grid
        side_grid.addWidget(QLabel(self.tr("Improved most")), 0, 1, Qt.AlignmentFlag.AlignBottom)
        side_grid.addWidget(stalled_label, 0, 2, Qt.AlignmentFlag.AlignBottom)
        side_grid.addWidget(self.improved, 1, 1)
        side_grid.addWidget(self.stalled, 1, 2)
        side_grid.setColumnStretch(0, 3)
        side_grid.setColumnStretch(1, 2)
        side_grid.setColumnStretch(2, 2)
        side_grid.setRowStretch(1, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        split.setSizes([400, 260])
        self.split = split

        self.summary = QLabel()
        self.summary.setObjectName("dashboardSummary")
        self.summary.setWordWrap(True)
        self.open_button = QPushButton(self.tr("&Open employee…"))
        self.csv_button = QPushButton(self.tr("Export table as &CSV…"))
        self.attempts_button = QPushButton(self.tr("Export &attempts CSV…"))
        self.team_pdf_button = QPushButton(self.tr("&Team PDF…"))
        self.person_pdf_button = QPushButton(self.tr("Employee P&DF…"))
        self.xapi_button = QPushButton(self.tr("&xAPI…"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        exports = (
            self.csv_button,
            self.attempts_button,
            self.team_pdf_button,
            self.person_pdf_button,
            self.xapi_button,
        )
        for button in exports:
            button.setEnabled(context.can(Permission.EXPORT_REPORTS))
            buttons.addWidget(button)
        self.open_button.clicked.connect(self.open_selected)
        self.csv_button.clicked.connect(lambda: self._ask("dashboard.csv", self.export_csv))
        self.attempts_button.clicked.connect(
            lambda: self._ask("attempts.csv", self.export_attempts)
        )
        self.team_pdf_button.clicked.connect(
            lambda: self._ask("team-report.pdf", self.export_team_pdf)
        )
        self.person_pdf_button.clicked.connect(
            lambda: self._ask("employee-report.pdf", self.export_person_pdf)
        )
        self.xapi_button.clicked.connect(lambda: self._ask("statements.json", self.export_xapi))

        self.back_button = QPushButton(self.tr("‹ &Branch summary"))
        self.back_button.setObjectName("backToBranchSummary")
        self.back_button.setToolTip(self.tr("Back to every skill of the branch (Alt+Left)"))
        self.back_button.clicked.connect(self.show_summary)
        what.insertWidget(0, self.back_button)
        self.table_page = QWidget()
        layout = QVBoxLayout(self.table_page)
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        QShortcut(QKeySequence("Alt+Left"), self.table_page, self.show_summary)

        # The landing view: the branch summary, from which one click opens a skill's table.
        self.landing = BranchSummaryView(context)
        self.landing.skill_chosen.connect(self.open_skill)
        self._pending_skill: str | None = None
        self._filters_due = False  # a read of the drill and team lists is on the worker
        self.stack = QStackedWidget()
        self.stack.addWidget(self.landing)
        self.stack.addWidget(self.table_page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        self.drill.currentIndexChanged.connect(self.load)
        self.team.currentIndexChanged.connect(self.load)
        self.range_bar.changed.connect(self.load)
        context.hub.subscribe(self, RESULTS, self.load)
        context.hub.subscribe(self, PEOPLE | TEAMS, self.refresh)

    def _columns(self) -> list[Column[DashboardEntry]]:
        statuses: dict[str, str] = {}  # four statuses over 500 rows: each worded once
        # The status tip's wording, not the page: a column holding a method of the page
        # (its model, held by the page) made the page a reference cycle, freed with its
        # 500 rows only by a pass over everything (``gui/garbage.py``).
        trend = self.tr("Trend over the last 4 weeks: %1 (%2 attempts)")

        def status(entry: DashboardEntry) -> str:
            text = statuses.get(entry.row.status)
            if text is None:
                text = statuses[entry.row.status] = status_name(entry.row.status)
            return text

        return [
            Column(self.tr("Name"), lambda e: e.person.name),
            Column(self.tr("No."), lambda e: e.person.employee_number),
            Column(self.tr("Team"), lambda e: e.person.team_name or "—"),
            Column(self.tr("Baseline"), lambda e: _level(e, e.row.baseline),
                   sort_key=lambda e: _num(e.row.baseline), align_right=True),
            Column(self.tr("Latest"), lambda e: _level(e, e.row.latest),
                   sort_key=lambda e: _num(e.row.latest), align_right=True),
            Column(self.tr("Gain"), _gain, sort_key=lambda e: _num(e.row.gain), align_right=True),
            Column(self.tr("Tests"), lambda e: str(e.row.tests),
                   sort_key=lambda e: float(e.row.tests), align_right=True),
            Column(self.tr("Last practice"), self._last_practice.text,
                   sort_key=lambda e: _num(e.row.last_practice_at.timestamp()
                                           if e.row.last_practice_at else None)),
            Column(self.tr("Status"), status, tooltip=partial(_status_tip, trend)),
            Column(self.tr("Done"), lambda e: str(e.row.assignments_done),
                   sort_key=lambda e: float(e.row.assignments_done), align_right=True),
            Column(self.tr("Overdue"), lambda e: str(e.row.assignments_overdue),
                   sort_key=lambda e: float(e.row.assignments_overdue), align_right=True),
        ]  # fmt: skip

    @property
    def team_chart(self) -> BarChart:
        """The team comparison, built after a skill's table is first shown (``_show``
        leaves it to a later turn of the event loop): the page opens on the branch
        summary, and a chart costs a few dozen milliseconds to build.

        It scrolls in its own area: a bar chart is as tall as its bars need (25 teams:
        710 pixels), and that height, given to the splitter, left the table two rows on
        a 768-pixel screen and made the window taller than the screen."""
        if self._team_chart is None:
            chart = self._chart_ahead or self._new_chart()
            self._chart_ahead = None
            area = QScrollArea()
            area.setObjectName("teamComparisonArea")
            area.setWidgetResizable(True)
            area.setFrameShape(QFrame.Shape.NoFrame)
            area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            area.setWidget(chart)  # (and shows it, if held hidden)
            self._side_grid.replaceWidget(self._chart_slot, area)
            self._chart_slot.deleteLater()
            self._team_chart = chart
        return self._team_chart

    def _new_chart(self) -> BarChart:
        from svctrainer.gui.charts.team_chart import BarChart  # noqa: PLC0415

        chart = BarChart()
        chart.setObjectName("teamComparison")
        return chart

    def _build_chart_ahead(self) -> None:
        """Build the team chart while the worker reads a table, as the branch summary
        builds its chart (``BranchSummaryView.refresh``): after the answer it took a
        turn of its own, 18-25 ms of CPU between the table's paint and the chart's
        drawing (issue 17). It stays out of the page (hidden, the slot's child, so Qt
        deletes it with the page) until ``_draw_chart`` puts it in its place with the
        table's teams drawn: the page lays out and paints as before."""
        if self._team_chart is not None or self._chart_ahead is not None:
            return
        chart = self._new_chart()
        chart.setParent(self._chart_slot)
        chart.hide()
        self._chart_ahead = chart

    # -- loading ------------------------------------------------------------------------

    def showing_table(self) -> bool:
        return self.stack.currentWidget() is self.table_page

    def show_summary(self) -> None:
        """Back to the landing view (reloaded: results may have come in meanwhile)."""
        self.stack.setCurrentWidget(self.landing)
        self.landing.refresh()

    def open_skill(self, key: str) -> None:
        """The per-person table of the skill family ``key`` (from the landing view)."""
        self.stack.setCurrentWidget(self.table_page)
        index = self.drill.findData(key)
        if index < 0:  # the drill list is not loaded yet: choose it once it is
            self._pending_skill = key
            if not self._filters_due:  # (one on its way loads the table: not twice)
                self.refresh()
            return
        if index == self.drill.currentIndex():
            self.load()
        else:
            self.drill.setCurrentIndex(index)  # loads
        self.table.setFocus()

    def refresh(self) -> None:
        """Reload the drills and teams, then what is shown (the summary or a table).

        The landing view's summary reads no filter: it is asked for first, ahead of the
        drills and teams on the worker, so a supervisor's landing page waits for neither
        their read nor the turn that fills the lists (issue 17: 15-20 ms of the page's
        300). A table shown reads the filters first, as it needs them."""
        services, actor = self._ctx.services, self._ctx.actor
        summary_first = not self.showing_table()
        if summary_first:
            self.landing.refresh()

        def load() -> tuple[list[DrillFamily], list[TeamRecord]]:
            return services.progress.families(actor), services.people.list_teams(actor)

        def failed(exc: Exception) -> None:
            self._filters_due = False
            show_error(self, exc)

        self._filters_due = True
        self._ctx.background.run(
            load, lambda loaded: self._fill_filters(loaded, reload=not summary_first), failed
        )

    def _fill_filters(
        self, loaded: tuple[list[DrillFamily], list[TeamRecord]], *, reload: bool = True
    ) -> None:
        """The drill and team lists; then the view shown loaded (``reload``), unless the
        landing view's summary was already asked for by ``refresh`` (a skill's table
        opened meanwhile is loaded all the same)."""
        families, teams = loaded
        self._filters_due = False
        keep_drill, keep_team = self.drill.currentData(), self.team.currentData()
        self._families = families
        for combo in (self.drill, self.team):
            combo.blockSignals(True)
        self.drill.clear()
        labels = family_labels(families)
        for family in families:
            self.drill.addItem(labels[family.key], family.key)
        # The ten-key skill in every language the branch uses (a mixed branch compares on
        # one skill), else the interface language's ten-key pack.
        tenkey = [f for f in families if f.drill_type == TENKEY.name]
        tenkey.sort(key=lambda f: (f.language != "", f.language != content_language()))
        preferred = (
            self._pending_skill
            or keep_drill
            or (tenkey[0].key if tenkey else families[0].key if families else None)
        )
        self._pending_skill = None
        self.drill.setCurrentIndex(max(0, self.drill.findData(preferred)))
        self.team.clear()
        self.team.addItem(self.tr("All teams"), None)
        for team in teams:
            self.team.addItem(team.name, str(team.id))
        self.team.setCurrentIndex(max(0, self.team.findData(keep_team)))
        for combo in (self.drill, self.team):
            combo.blockSignals(False)
        if reload or self.showing_table():
            self.load()

    def load(self, *_args: object) -> None:
        if not self.showing_table():
            self.landing.refresh()
            return
        key = self.drill.currentData()
        if not key:
            return
        team = self.team.currentData()
        team_id = uuid.UUID(team) if team else None
        window = self.range_bar.date_range()
        services, actor = self._ctx.services, self._ctx.actor
        self.summary.setText(self.tr("Loading…"))
        self._ctx.background.run(
            lambda: services.progress.dashboard(actor, key, team_id=team_id, window=window),
            self._show,
            lambda exc: show_error(self, exc),
        )
        if self._team_chart is None and self._chart_ahead is None:
            QTimer.singleShot(0, self, self._build_chart_ahead)  # a turn of its own

    def _show(self, dashboard: Dashboard) -> None:
        """The table, its summary line and the two lists in this turn of the event loop;
        the team chart in the next ones (``_draw_chart``), so the table is painted first
        and no turn holds the window for all of it (issue 17: a 183 ms gap). ``loaded``
        is emitted once the chart is drawn too."""
        if dashboard.family.key != self.drill.currentData():
            return  # a newer choice is loading
        self.dashboard = dashboard
        self._last_practice.begin()
        self.model.set_rows(list(dashboard.entries))
        self._lay_out_table()
        everyone = dashboard.everyone
        from svctrainer.gui.charts.pdf_report import gain_cell  # noqa: PLC0415

        unit = dashboard.entries[0].row.gain_unit if dashboard.entries else "percent"
        self.summary.setText(
            fill(
                self.tr(
                    "%1 people · median gain %2 · %3 improved · %4 stalled · %5 with a baseline"
                ),
                str(everyone.people),
                gain_cell(everyone.median_gain, unit),
                str(everyone.improved),
                str(everyone.stalled),
                str(everyone.with_baseline),
            )
        )
        self.improved.clear()
        self.improved.addItems(
            [f"{e.person.name} ({e.person.employee_number}) {_gain(e)}"
             for e in dashboard.improved_most]
        )  # fmt: skip
        # Hundreds of people may have stalled, on a handful of reasons: each worded once,
        # and the list filled in one call rather than an insertion a person.
        reasons = {s: _stall_reason(s) for s in {e.row.status for e in dashboard.stalled}}
        self.stalled.clear()
        self.stalled.addItems(
            [f"{e.person.name} ({e.person.employee_number}): {reasons[e.row.status]}"
             for e in dashboard.stalled]
        )  # fmt: skip
        # Its items and scroll bar laid out now, as the table's are (``_lay_out_table``):
        # else the scroll bar appears a turn after the page's paint, narrowing the list,
        # and the list and all behind it were painted a second time (issue 17).
        for listed in (self.improved, self.stalled):
            listed.doItemsLayout()
            listed.setVerticalScrollBarPolicy(listed.verticalScrollBarPolicy())
        if self._chart_due is None:  # else a turn is already coming: it draws this one
            QTimer.singleShot(0, self, self._draw_chart)
        self._chart_due = dashboard

    def _lay_out_table(self) -> None:
        """Size the columns and lay the table out now, so its first paint with the new
        rows is its only one.

        Why: a table of 500 rows costs about 8 ms a paint (the rows in view, eleven
        cells each), and Qt painted it three times (issue 17): once with the rows, again
        when its vertical scroll bar appeared (shown a turn later, narrowing the
        viewport), and again when the column resizes' timer ran (``QTableView``
        repaints resized columns a turn later). Here the header's resizes are not
        signalled, so no timer starts (the rows' paint shows the new widths, and
        ``doItemsLayout`` sets the scroll ranges the resizes would have), and the scroll
        bars are laid out at once (setting the policy lays them out, as a turn later
        would)."""
        header = self.table.horizontalHeader()
        blocked = header.blockSignals(True)
        try:
            fit_columns(self.table, self.model, SIZED_ROWS)
            self.table.doItemsLayout()
            self.table.setVerticalScrollBarPolicy(self.table.verticalScrollBarPolicy())
        finally:
            header.blockSignals(blocked)

    def chart_pending(self) -> bool:
        """Whether the team chart is still to be drawn for the table shown."""
        return self._chart_due is not None

    def _draw_chart(self) -> None:
        """Build the team chart and put it in its place (the first time, a turn of its
        own, in which the table is painted; built already if the worker's read left a
        turn for it: ``_build_chart_ahead``), then draw the latest table's teams on it
        and say the table is loaded."""
        dashboard = self._chart_due
        if dashboard is None:
            return
        if self._team_chart is None:
            self.team_chart  # noqa: B018 - builds it (or places the one built ahead)
            QTimer.singleShot(0, self, self._draw_chart)
            return
        self._chart_due = None
        unit = dashboard.entries[0].row.gain_unit if dashboard.entries else "percent"
        axis = {"percent": self.tr("gain, %"), "percentage_points": self.tr("gain, points")}
        self.team_chart.set_team_gains(dashboard.teams, axis.get(unit, self.tr("gain")))
        self.loaded.emit()

    # -- actions ------------------------------------------------------------------------

    def selected(self) -> DashboardEntry | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row_at(rows[0].row())

    def open_selected(self) -> EmployeeDialog | None:
        entry = self.selected()
        if entry is None or self.dashboard is None:
            return None
        dialog = EmployeeDialog(self._ctx, entry, self.dashboard.family.key, self)
        dialog.setObjectName("employeeDialog")
        # Deleted when closed: the tab keeps no closed dialog (each held its two plots,
        # heat map and series until sign-out: a supervisor going through a team grew by
        # a dialog an employee). A load still running for it is dropped when it answers.
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _ask(self, suggestion: str, export: Any) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export"), suggestion)
        if path:
            export(Path(path))

    def _filters(self) -> tuple[uuid.UUID | None, Any]:
        team = self.team.currentData()
        return (uuid.UUID(team) if team else None), self.range_bar.date_range()

    def shown_people(self) -> list[uuid.UUID]:
        """The people the table shows (name filter applied), in its sort order."""
        return [e.person.id for e in self.model.rows()]

    def export_csv(self, path: Path) -> None:
        """The table as it is shown: its drill, team, dates, name filter and order."""
        team_id, window = self._filters()
        key = self.drill.currentData()
        services, actor = self._ctx.services, self._ctx.actor
        self._export(services.reports.dashboard_csv, actor, path, [key], team_id=team_id,
                     window=window, shown=self.shown_people())  # fmt: skip

    def export_attempts(self, path: Path) -> None:
        team_id, window = self._filters()
        services, actor = self._ctx.services, self._ctx.actor
        self._export(services.reports.attempts_csv, actor, path, team_id=team_id, window=window)

    def export_xapi(self, path: Path) -> None:
        team_id, window = self._filters()
        services, actor = self._ctx.services, self._ctx.actor
        self._export(services.reports.xapi, actor, path, team_id=team_id, window=window)

    def export_team_pdf(self, path: Path) -> None:
        from svctrainer.gui.charts.pdf_report import team_document  # noqa: PLC0415

        team_id, window = self._filters()
        services, actor = self._ctx.services, self._ctx.actor
        self._ctx.background.run(
            lambda: services.reports.team_report(actor, team_id, window),
            lambda report: self._render(path, report, team_document(report)),
            lambda exc: show_error(self, exc),
        )

    def export_person_pdf(self, path: Path) -> None:
        from svctrainer.gui.charts.pdf_report import person_document  # noqa: PLC0415

        entry = self.selected()
        if entry is None:
            self.summary.setText(self.tr("Choose an employee in the table first."))
            return
        _, window = self._filters()
        services, actor = self._ctx.services, self._ctx.actor
        self._ctx.background.run(
            lambda: services.reports.person_report(actor, entry.person.id, window),
            lambda report: self._render(path, report, person_document(report)),
            lambda exc: show_error(self, exc),
        )

    def _render(self, path: Path, report: Any, document: Document) -> None:
        """Charts drawn a turn of the event loop at a time, the file written on the
        worker (``gui/pdf_export.py``); the service records the export, then puts the
        file in place."""
        from svctrainer.gui.pdf_export import export_pdf  # noqa: PLC0415

        services, actor = self._ctx.services, self._ctx.actor
        export_pdf(
            self._ctx.background,
            self,
            path,
            document,
            lambda rendered, pages: self._export(
                services.reports.record_pdf, actor, rendered, report, pages
            ),
        )

    def _export(
        self, method: Callable[P, ExportResult], /, *args: P.args, **kwargs: P.kwargs
    ) -> None:
        """Write a file through the report service (which audits it), then say where."""
        self._ctx.hub.write(self, method, *args, **kwargs).then(self._exported).run()

    def _exported(self, result: ExportResult) -> None:
        self.last_export = result
        self.summary.setText(
            fill(
                self.tr("Saved %1 (%2)"),
                str(result.path),
                self.tr("%n row(s)", "", result.rows)
                if result.format != "pdf"
                else self.tr("%n page(s)", "", result.rows),
            )
        )
        self.exported.emit(result)
