"""The supervisor's landing view: the branch summary.

One line per core skill (the English and Chinese packs of a skill together, see
``services.drill_families.core_skills``): people tested, median gain over baseline,
improved, idle 14 days, no progress and not started, and a bar per skill. One click on
a skill (or Enter) opens that skill's per-person table, the dashboard. "Branch summary
PDF…" writes the same on one page: the figures are gathered on the database worker,
drawn on the GUI thread (Qt painting), and recorded by the report service.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from svctrainer.core.output_files import OutputFile
from svctrainer.core.roles import Permission
from svctrainer.gui.context import AppContext
from svctrainer.gui.i18n import fill
from svctrainer.gui.messages import show_error
from svctrainer.gui.record_table import Column, RecordTableModel, paint_cells_in_cpp
from svctrainer.gui.scenarios.chart_slot import ChartSlot
from svctrainer.services.progress_records import BranchSummary, SkillSummary

if TYPE_CHECKING:
    from svctrainer.gui.charts.team_chart import BarChart
    from svctrainer.services.reports import BranchReport, ExportResult

SKILL_COLUMN = 0


def _columns() -> list[Column[SkillSummary]]:
    from svctrainer.gui.charts.pdf_report import (  # noqa: PLC0415
        branch_summary_cells,
        branch_summary_headers,
    )

    headers = branch_summary_headers()
    # A skill's line is worded once for its seven cells (the model asks cell by cell).
    lines: dict[int, tuple[SkillSummary, list[str]]] = {}

    def line(skill: SkillSummary) -> list[str]:
        kept = lines.get(id(skill))
        if kept is None or kept[0] is not skill:
            if len(lines) > 64:  # the lines of earlier loads
                lines.clear()
            kept = lines[id(skill)] = (skill, branch_summary_cells(skill, screen=True))
        return kept[1]

    def cell(n: int) -> Column[SkillSummary]:
        return Column(headers[n], lambda s: line(s)[n], align_right=n > 0)

    return [cell(n) for n in range(len(headers))]


def _skill_chart() -> BarChart:
    from svctrainer.gui.charts.team_chart import BarChart  # noqa: PLC0415 - charts only

    chart = BarChart()
    chart.setObjectName("skillGains")
    return chart


def _bounded(header: QHeaderView, size: int) -> int:
    """``size`` within the header's section limits, as its own resizing keeps it."""
    return min(max(size, header.minimumSectionSize()), header.maximumSectionSize())


class _SummaryTable(QTableView):
    """The summary's table, telling its view when a resize gave the columns their new
    widths (``BranchSummaryView._fit_rows``): when the header signals a resized column
    it still reads the old width, and a row fitted a turn later showed a frame with the
    old heights."""

    def __init__(self, laid_out: Callable[[], None]) -> None:
        super().__init__()
        # weakly: the view holds the table, the table must not hold the view (a cycle)
        self._laid_out = weakref.WeakMethod(laid_out)

    def updateGeometries(self) -> None:  # Qt's name
        super().updateGeometries()
        laid_out = self._laid_out()
        if laid_out is not None:
            laid_out()


class BranchSummaryView(QWidget):
    loaded = Signal()
    skill_chosen = Signal(str)  # the skill family's key
    exported = Signal(object)  # the ExportResult of the PDF

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self.setObjectName("branchSummary")
        self.summary: BranchSummary | None = None
        self.heading = QLabel(self.tr("Branch summary"))
        self.heading.setObjectName("branchSummaryHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.intro = QLabel(
            self.tr(
                "Every core skill of the branch, English and Chinese packs together. "
                "Click a skill to open its table, person by person."
            )
        )
        self.intro.setWordWrap(True)
        self.model: RecordTableModel[SkillSummary] = RecordTableModel(_columns(), self)
        self._sizing = False  # ``_show`` sizes the columns and rows itself
        self._rows_due = False  # a fit of the rows is coming (``_column_resized``)
        self._rows_fitted_at = -1  # the skill column's width the rows were fitted at
        self.table = _SummaryTable(self._columns_laid_out)
        self.table.setObjectName("branchSummaryTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        # Columns as wide as their texts, measured once a load (``_size_table``) rather
        # than by a ResizeToContents header, which measured every cell again on each
        # layout pass: some 5 000 calls of the model a page opened, a fifth of drawing
        # it (issue 17). Rows as tall as their texts (the median gain's count is on a
        # second line; a long skill name wraps in a narrow column), measured when the
        # rows or a column's width change (``_fit_rows``): a ResizeToContents header
        # measured every row six times a page opened, 11 ms of the GUI thread.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setCursor(Qt.CursorShape.PointingHandCursor)
        paint_cells_in_cpp(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(SKILL_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(self._column_resized)  # wrapped texts change height
        self._columns_width = 0  # every column at its texts' width (``_size_table``)
        self.table.clicked.connect(self._open)
        self.table.activated.connect(self._open)
        # The chart (a plot: a third of the page's making) in its slot, built in a turn
        # of its own before the page first shows at sign-in (``ChartSlot``; the page
        # and its chart in one turn held a supervisor's sign-in 106 ms,
        # bench/bench_heartbeat.py), or when first drawn.
        self._chart_slot: ChartSlot[BarChart] = ChartSlot(_skill_chart, 0, None)
        from svctrainer.gui.charts.pdf_report import branch_summary_note  # noqa: PLC0415

        self.note = QLabel("\n".join(branch_summary_note()))
        self.note.setWordWrap(True)
        self.note.setObjectName("branchSummaryNote")
        self.status = QLabel()
        self.status.setObjectName("branchSummaryStatus")
        self.status.setWordWrap(True)
        self.open_button = QPushButton(self.tr("&Open skill table"))
        self.open_button.clicked.connect(lambda: self._open(self.table.currentIndex()))
        self.pdf_button = QPushButton(self.tr("Branch summary &PDF…"))
        self.pdf_button.setEnabled(context.can(Permission.EXPORT_REPORTS))
        self.pdf_button.clicked.connect(self._ask_pdf)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.pdf_button)
        # Side by side: nine skills and their bars both fit a 768-pixel-high screen.
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(self._chart_slot)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        split.setSizes([600, 400])  # the table first: the skill names are its point
        # Once filled, and at each resize, the table gets the width its columns need (the
        # chart the rest, down to 30 %): at a 3:2 split the skill names were cut to
        # "Cash …" at 1366×768. A split the user dragged stays theirs.
        self.split = split
        self._split_dragged = False
        split.splitterMoved.connect(self._dragged)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(split, 1)
        layout.addWidget(self.note)
        layout.addLayout(buttons)

    @property
    def chart(self) -> BarChart:
        """The skill chart, built now if it is not yet."""
        return self._chart_slot.chart

    # -- the split between table and chart ------------------------------------------------

    def _dragged(self, _pos: int, _index: int) -> None:
        self._split_dragged = True

    def table_width_needed(self) -> int:
        """The table's width with every column at its contents' width."""
        table = self.table
        scroll = table.verticalScrollBar()
        bar = scroll.sizeHint().width() if scroll.isVisible() else 0
        return self._columns_width + 2 * table.frameWidth() + bar

    def _size_table(self) -> None:
        """Each column but the skill's (which stretches) to its texts, as a
        ResizeToContents header sizes it; and the width all columns need."""
        table = self.table
        header = table.horizontalHeader()
        widths = [
            max(header.sectionSizeHint(c), table.sizeHintForColumn(c))
            for c in range(self.model.columnCount())
        ]
        self._columns_width = sum(widths)
        for column, width in enumerate(widths):
            if column != SKILL_COLUMN:
                header.resizeSection(column, _bounded(header, width))

    def _fit_rows(self) -> None:
        """Each row as tall as its texts at the columns' widths now, as a
        ResizeToContents header sizes it (``sizeHintForRow``, at least the header's own
        hint, within the header's limits)."""
        table = self.table
        rows = table.verticalHeader()
        for row in range(self.model.rowCount()):
            height = max(table.sizeHintForRow(row), rows.sectionSizeHint(row))
            rows.resizeSection(row, _bounded(rows, height))
        self._rows_fitted_at = table.columnWidth(SKILL_COLUMN)

    def _column_resized(self, *_resized: int) -> None:
        """A column's width changed (the skill column follows the table's): the rows
        are fitted again once the header has its new widths (while it signals, the
        column still reads its old width), in the next turn, once however many
        columns changed. ``_show`` fits them itself."""
        if self._sizing or self._rows_due:
            return
        self._rows_due = True
        QTimer.singleShot(0, self, self._fit_rows_due)

    def _columns_laid_out(self) -> None:
        """The table laid out (a resize): the rows fitted now if the skill column's
        width changed."""
        if not self._sizing and self.table.columnWidth(SKILL_COLUMN) != self._rows_fitted_at:
            self._fit_rows()

    def _fit_rows_due(self) -> None:
        self._rows_due = False
        if self.table.columnWidth(SKILL_COLUMN) != self._rows_fitted_at:
            self._fit_rows()

    def _size_all(self) -> None:
        """The columns to their texts, then the rows at those widths."""
        self._sizing = True
        try:
            self._size_table()
        finally:
            self._sizing = False
        self._fit_rows()

    def changeEvent(self, event: QEvent) -> None:  # Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self.model.rowCount():
            self._size_all()  # a new text size: the texts' widths changed

    def _fit_split(self) -> None:
        total = sum(self.split.sizes())
        if self._split_dragged or total <= 0 or self.model.rowCount() == 0:
            return
        table = min(self.table_width_needed(), int(total * 0.7))
        table = max(table, int(total * 0.6))  # never less than the 3:2 it was
        self.split.setSizes([table, total - table])

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt's name
        super().resizeEvent(event)
        self._fit_split()

    # -- loading ------------------------------------------------------------------------

    def refresh(self) -> None:
        services, actor = self._ctx.services, self._ctx.actor
        self.status.setText(self.tr("Loading…"))
        self._ctx.background.run(
            lambda: services.progress.branch_summary(actor),
            self._show,
            lambda exc: show_error(self, exc),
        )
        if not self._chart_slot.built:
            # While the worker reads: a page shown without its chart built ahead
            # (``MainWindow._reveal_session`` builds it before a sign-in shows the page)
            # would otherwise build it in ``_show``, the summary's turn (issue 17).
            QTimer.singleShot(0, self, self._chart_slot.step)

    def _show(self, summary: BranchSummary) -> None:
        self.summary = summary
        skills = summary.skills
        self._sizing = True  # the rows fitted here, not once a column resized
        try:
            self.model.set_rows(list(skills))
            self._size_table()
            self._fit_rows()  # (their heights decide the scroll bar ``_fit_split`` reads)
            self._show_figures(summary)
            self._fit_split()
        finally:
            self._sizing = False
        if self.table.columnWidth(SKILL_COLUMN) != self._rows_fitted_at:
            self._fit_rows()  # the split changed the skill column's width
        self.loaded.emit()

    def _show_figures(self, summary: BranchSummary) -> None:
        """The status line and the chart."""
        from svctrainer.gui.charts.pdf_report import gain_cell  # noqa: PLC0415
        from svctrainer.gui.charts.style import skill_name  # noqa: PLC0415

        skills = summary.skills
        people = max((s.people for s in skills), default=0)
        self.status.setText(
            fill(
                self.tr("%1 · %2"),
                self.tr("%n core skill(s)", "", len(skills)),
                self.tr("%n employee(s) in scope", "", people),
            )
            if skills
            else self.tr("No drill with a test has been imported yet.")
        )
        self.chart.set_bars(
            self.tr("Median gain over baseline, skill by skill"),
            [skill_name(s.family) for s in skills],
            [s.median_gain for s in skills],
            self.tr("median gain, %"),
            lambda v: gain_cell(v, "percent"),
        )

    def skill_row(self, key: str) -> int:
        """The table row of the skill family ``key`` (-1 if not listed)."""
        for row, skill in enumerate(self.model.rows()):
            if skill.family.key == key:
                return row
        return -1

    def _open(self, index: QModelIndex) -> None:
        skill = self.model.row_at(index.row()) if index.isValid() else None
        if skill is not None:
            self.skill_chosen.emit(skill.family.key)

    # -- the PDF ------------------------------------------------------------------------

    def _ask_pdf(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export"), "branch-summary.pdf", self.tr("PDF (*.pdf)")
        )
        if path:
            self.export_pdf(Path(path))

    def export_pdf(self, path: Path) -> None:
        """Gather the figures on the worker, draw them here, have the service record it."""
        services, actor = self._ctx.services, self._ctx.actor
        self.status.setText(self.tr("Writing the PDF…"))
        self._ctx.background.run(
            lambda: services.reports.branch_report(actor),
            lambda report: self._render(path, report),
            lambda exc: show_error(self, exc),
        )

    def _render(self, path: Path, report: BranchReport) -> None:
        """The chart drawn here, the file written on the worker (``gui/pdf_export.py``),
        the export recorded by the service."""
        from svctrainer.gui.charts.pdf_report import branch_summary_document  # noqa: PLC0415
        from svctrainer.gui.pdf_export import export_pdf  # noqa: PLC0415

        services, actor = self._ctx.services, self._ctx.actor

        def record(rendered: OutputFile, pages: int) -> None:
            self._ctx.hub.write(
                self, services.reports.record_pdf, actor, rendered, report, pages
            ).then(self._exported).run()

        export_pdf(self._ctx.background, self, path, branch_summary_document(report), record)

    def _exported(self, result: ExportResult) -> None:
        self.status.setText(
            fill(self.tr("Saved %1 (%2)"), str(result.path), self.tr("%n page(s)", "", result.rows))
        )
        self.exported.emit(result)
