"""Service standards: compliance per customer demand level, for everyone, each team and
each employee (the seeds: one method within a level, different methods across levels).

Each cell is the share of the level's standard items met over the valid scenario runs at
that level (items a scenario does not involve do not count). The figures are replayed
from stored decision logs on the database worker.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from svctrainer.core.scenarios.model import DemandLevel
from svctrainer.gui.context import AppContext
from svctrainer.gui.i18n import fill, translate
from svctrainer.gui.messages import show_error
from svctrainer.gui.scenarios.wording import demand_level_name
from svctrainer.services.service_standards import ComplianceTable, LevelTally

GOOD, SO_SO, BAD = "#2e9d5b", "#c07a00", "#d64545"
GOOD_RATE, FAIR_RATE = 0.9, 0.7  # the bands the cell colours show


def cell_text(tally: LevelTally | None) -> str:
    if tally is None or tally.rate is None:
        return "—"
    runs = tally.runs  # lupdate reads only a plain name as the count
    return fill(
        translate("StandardsTab", "%1 % (%2 of %3 items, %4)"),
        round(tally.rate * 100),
        tally.met,
        tally.applicable,
        translate("StandardsTab", "%n run(s)", None, runs),
    )


def level_heading(level: DemandLevel) -> str:
    """A demand level as a column heading."""
    return {
        DemandLevel.STANDARD: translate("StandardsTab", "Standard customers"),
        DemandLevel.PRIORITY: translate("StandardsTab", "Priority customers"),
        DemandLevel.ELDERLY: translate("StandardsTab", "Older customers"),
        DemandLevel.DISABLED: translate("StandardsTab", "Customers with a disability"),
        DemandLevel.FOREIGN_LANGUAGE: translate("StandardsTab", "Customers with another language"),
    }.get(level, demand_level_name(level.value))


def _colour(tally: LevelTally | None) -> str | None:
    if tally is None or tally.rate is None:
        return None
    if tally.rate >= GOOD_RATE:
        return GOOD
    return SO_SO if tally.rate >= FAIR_RATE else BAD


class StandardsTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self.data: ComplianceTable | None = None
        self.status = QLabel(
            self.tr("Share of each demand level's service-standard items met in scenario runs.")
        )
        self.status.setObjectName("standardsStatus")
        self.status.setWordWrap(True)
        self.refresh_button = QPushButton(self.tr("&Refresh (F5)"))
        self.refresh_button.clicked.connect(self.refresh)
        self.table = QTableWidget()
        self.table.setObjectName("standardsTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.refresh_button)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.table, 1)

    def refresh(self) -> None:
        services, actor = self._ctx.services, self._ctx.actor
        self.refresh_button.setEnabled(False)
        self.status.setText(self.tr("Replaying scenario runs…"))
        self._ctx.background.run(
            lambda: services.standards.compliance_by_level(actor), self._show, self._failed
        )

    def _failed(self, exc: Exception) -> None:
        self.refresh_button.setEnabled(True)
        show_error(self, exc)

    def _show(self, data: ComplianceTable) -> None:
        self.data = data
        self.refresh_button.setEnabled(True)
        levels = data.levels
        self.table.clear()
        self.table.setColumnCount(2 + len(levels))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Who"), self.tr("Team")] + [level_heading(lv) for lv in levels]
        )
        rows: list[tuple[str, str, dict[DemandLevel, LevelTally], bool]] = [
            (self.tr("Everyone"), "", data.everyone.levels, True)
        ]
        rows += [
            (
                fill(self.tr("%1 (whole team)"), team.team_name or self.tr("No team")),
                team.team_name or "",
                team.levels,
                True,
            )
            for team in data.teams
        ]
        rows += [
            (
                f"{row.person.name} ({row.person.employee_number})",
                row.person.team_name or "",
                row.levels,
                False,
            )
            for row in data.rows
        ]
        self.table.setRowCount(len(rows))
        for index, (who, team, tallies, summary) in enumerate(rows):
            cells = [who, team] + [cell_text(tallies.get(level)) for level in levels]
            colours = [None, None] + [_colour(tallies.get(level)) for level in levels]
            for column, (text, colour) in enumerate(zip(cells, colours, strict=True)):
                item = QTableWidgetItem(text)
                if summary:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                if colour is not None:
                    item.setForeground(QBrush(QColor(colour)))
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(index, column, item)
        if not data.rows:
            self.status.setText(self.tr("No scenario run at a level with a service standard yet."))
        else:
            runs = sum(t.runs for t in data.everyone.levels.values())
            self.status.setText(
                self.tr(
                    "Share of each demand level's service-standard items met, over %n "
                    "scenario run(s). Items a scenario does not involve do not count.",
                    None,
                    runs,
                )
            )
