"""The region page: a regional supervisor compares the branches of their regions on one
skill family (``services.region_dashboard``).

Aggregates only, and read-only: per branch the tellers, the counted attempts, how many
were tested and how many have a gain, and the medians of baseline, latest level and
gain. The branch with the highest median gain is shown in bold. Loads on the database
worker when first shown, when the region or skill changes, and on F5.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from svctrainer.core.analytics.progress import GainUnit
from svctrainer.gui.charts.progress_chart import metric_name, value_text
from svctrainer.gui.context import AppContext
from svctrainer.gui.i18n import fill, translate
from svctrainer.gui.messages import show_error
from svctrainer.services.branches import RegionRecord
from svctrainer.services.drill_families import DrillFamily
from svctrainer.services.region_dashboard import BranchSkillRow, RegionDashboard

DEFAULT_SKILL = "tenkey-amounts"  # keying: what every branch trains first
BEST = "#2e9d5b"


def gain_text(value: float | None, unit: GainUnit) -> str:
    if value is None:
        return "—"
    if unit is GainUnit.PERCENT:
        return fill(translate("RegionPage", "%1 %"), f"{value:+.1f}")
    if unit is GainUnit.PERCENTAGE_POINTS:
        return fill(translate("RegionPage", "%1 pp"), f"{value:+.1f}")
    return fill(translate("RegionPage", "%1 points"), f"{value:+.1f}")


class RegionPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self.board: RegionDashboard | None = None
        self._loaded = False
        title = QLabel(self.tr("Branches compared"))
        title.setObjectName("pageTitle")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        self.region = QComboBox()
        self.region.setObjectName("regionChoice")
        self.region.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.skill = QComboBox()
        self.skill.setObjectName("skillChoice")
        self.skill.setMinimumContentsLength(28)
        self.refresh_button = QPushButton(self.tr("&Refresh (F5)"))
        self.refresh_button.clicked.connect(self.refresh)
        region_label = QLabel(self.tr("Re&gion:"))
        region_label.setBuddy(self.region)
        skill_label = QLabel(self.tr("&Skill:"))
        skill_label.setBuddy(self.skill)
        bar = QHBoxLayout()
        bar.addWidget(region_label)
        bar.addWidget(self.region)
        bar.addSpacing(12)
        bar.addWidget(skill_label)
        bar.addWidget(self.skill, 1)
        bar.addWidget(self.refresh_button)
        self.status = QLabel()
        self.status.setObjectName("regionStatus")
        self.status.setWordWrap(True)
        self.table = QTableWidget()
        self.table.setObjectName("regionTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.note = QLabel(
            self.tr(
                "Medians over the people with a baseline (their first three tests) and a "
                "test after it. Only figures of whole branches are shown, never a person's."
            )
        )
        self.note.setWordWrap(True)
        self.note.setObjectName("regionNote")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(title)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        QShortcut(QKeySequence("F5"), self, self.refresh)
        self.region.currentIndexChanged.connect(self._choice_changed)
        self.skill.currentIndexChanged.connect(self._choice_changed)

    # -- loading ---------------------------------------------------------------------

    def activated(self) -> None:
        if not self._loaded:
            self._loaded = True
            self._load_choices()

    def _load_choices(self) -> None:
        services, actor = self._ctx.services, self._ctx.actor
        self.status.setText(self.tr("Loading…"))

        def load() -> tuple[list[RegionRecord], list[DrillFamily]]:
            return services.region.regions(actor), services.progress.families(actor)

        self._ctx.background.run(load, self._show_choices, self._failed)

    def _show_choices(self, loaded: tuple[list[RegionRecord], list[DrillFamily]]) -> None:
        regions, families = loaded
        for combo in (self.region, self.skill):
            combo.blockSignals(True)
            combo.clear()
        self.region.addItem(self.tr("All my regions"), None)
        for r in regions:
            self.region.addItem(fill(self.tr("%1 (%2)"), r.name, len(r.branches)), r.id)
        for f in families:
            self.skill.addItem(f.title, f.key)
        default = self.skill.findData(DEFAULT_SKILL)
        self.skill.setCurrentIndex(max(default, 0))
        for combo in (self.region, self.skill):
            combo.blockSignals(False)
        if not regions:
            self.status.setText(
                self.tr("You have not been given a region yet. Ask the server administrator.")
            )
            return
        self.refresh()

    def _choice_changed(self) -> None:
        if self._loaded and self.skill.count():
            self.refresh()

    def refresh(self) -> None:
        key = self.skill.currentData()
        if key is None:
            self._load_choices()
            return
        region: uuid.UUID | None = self.region.currentData()
        services, actor = self._ctx.services, self._ctx.actor
        self.refresh_button.setEnabled(False)
        self.status.setText(self.tr("Comparing branches…"))
        self._ctx.background.run(
            lambda: services.region.dashboard(actor, key, region_id=region),
            self._show,
            self._failed,
        )

    def _failed(self, exc: Exception) -> None:
        self.refresh_button.setEnabled(True)
        self.status.setText("")
        show_error(self, exc)

    # -- showing ---------------------------------------------------------------------

    def _show(self, board: RegionDashboard) -> None:
        self.board = board
        self.refresh_button.setEnabled(True)
        unit = metric_name(board.metric, board.speed_unit)
        headings = [
            self.tr("Branch"),
            self.tr("Tellers"),
            self.tr("Attempts"),
            self.tr("Tested"),
            self.tr("With a gain"),
            fill(self.tr("Baseline (%1)"), unit),
            fill(self.tr("Latest (%1)"), unit),
            self.tr("Gain"),
        ]
        self.table.clear()
        self.table.setColumnCount(len(headings))
        self.table.setHorizontalHeaderLabels(headings)
        self.table.setRowCount(len(board.rows))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        best = board.best()
        for index, row in enumerate(board.rows):
            self._fill_row(index, row, board, row is best)
        if not board.rows:
            self.status.setText(self.tr("No branch to compare in this choice."))
        elif best is None:
            self.status.setText(
                fill(
                    self.tr("%1: no branch has anyone with a baseline and a later test yet."),
                    board.family.title,
                )
            )
        else:
            self.status.setText(
                fill(
                    self.tr("%1: %2 has the highest median gain, %3."),
                    board.family.title,
                    best.branch,
                    gain_text(best.levels.gain, board.gain_unit),
                )
            )

    def _fill_row(
        self, index: int, row: BranchSkillRow, board: RegionDashboard, best: bool
    ) -> None:
        levels = row.levels
        cells = [
            row.branch,
            str(row.tellers),
            str(row.attempts),
            str(levels.tested),
            str(levels.measured),
            value_text(board.metric, levels.baseline) if levels.baseline is not None else "—",
            value_text(board.metric, levels.latest) if levels.latest is not None else "—",
            gain_text(levels.gain, board.gain_unit),
        ]
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column > 0:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if best:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
                if column == len(cells) - 1:
                    item.setForeground(QBrush(QColor(BEST)))
            self.table.setItem(index, column, item)
