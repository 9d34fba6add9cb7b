"""The contest's leaderboard: overall or one drill at a time, and the teams by the mean
points of their contestants. It shows a ``ContestResults`` it is given; the page decides when
to read one (on every change it hears of, and every few seconds while a contest runs,
since other workstations' attempts reach this one only through the database)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from svctrainer.gui.charts.contest_pdf import minutes_text, result_text, team_text
from svctrainer.gui.drills.figures import number, percent
from svctrainer.services.contests import ContestResults

OVERALL = ""


class Leaderboard(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.results: ContestResults | None = None
        self.view = QComboBox()
        self.view.setObjectName("leaderboardView")
        self.view.currentIndexChanged.connect(self._show)
        self.status = QLabel()
        self.status.setObjectName("leaderboardStatus")
        self.table = _table("leaderboardTable")
        self.teams = _table("teamTable")
        self.teams.setMaximumHeight(150)
        top = QHBoxLayout()
        label = QLabel(self.tr("&Standings:"))
        label.setBuddy(self.view)
        top.addWidget(label)
        top.addWidget(self.view, 1)
        top.addWidget(self.status)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(top)
        box.addWidget(self.table, 1)
        self.team_rule = QLabel(
            self.tr(
                "Teams by mean points per contestant (everyone who sat a drill counts; "
                "teams level on the mean share a rank). The waiting time saved is shown "
                "for reference and does not count."
            )
        )
        self.team_rule.setWordWrap(True)
        box.addWidget(self.team_rule)
        box.addWidget(self.teams)

    def show_results(self, results: ContestResults | None) -> None:
        self.results = results
        chosen = self.view.currentData()
        self.view.blockSignals(True)
        self.view.clear()
        if results is not None and results.own_only:
            self.view.addItem(self.tr("My results"), OVERALL)
        elif results is not None:
            self.view.addItem(self.tr("Overall"), OVERALL)
            for drill in results.contest.drills:
                self.view.addItem(drill.title, drill.content_id)
            index = self.view.findData(chosen)
            self.view.setCurrentIndex(max(0, index))
        self.view.blockSignals(False)
        self._show()

    def rows(self) -> list[list[str]]:
        """The table's cells as shown (for tests and screen readers)."""
        rows = []
        for r in range(self.table.rowCount()):
            items = [self.table.item(r, c) for c in range(self.table.columnCount())]
            rows.append(["" if item is None else item.text() for item in items])
        return rows

    def _show(self, *_args: object) -> None:
        results = self.results
        if results is None:
            _fill(self.table, [], [])
            _fill(self.teams, [], [])
            self.status.clear()
            return
        own = results.own_only
        for w in (self.team_rule, self.teams):
            w.setVisible(not own)
        if own:
            self.status.setText(self.tr("Results are published when the contest closes"))
            self._mine(results)
            _fill(self.teams, [], [])
            return
        self.status.setText(
            self.tr("Final: locked when the contest closed") if results.locked else self.tr("Live")
        )
        key = self.view.currentData() or OVERALL
        if key == OVERALL:
            self._overall(results)
        else:
            self._drill(results, str(key))
        _fill(
            self.teams,
            [
                self.tr("Rank"),
                self.tr("Team"),
                self.tr("Contestants"),
                self.tr("Mean points"),
                self.tr("Waiting time saved (reference)"),
            ],
            [
                [
                    "—" if t.rank is None else str(t.rank),
                    team_text(t.team_name),
                    str(t.contestants),
                    number(t.mean_points, 1),
                    minutes_text(t.customer_minutes_saved),
                ]
                for t in results.results.teams
            ],
        )

    def _overall(self, results: ContestResults) -> None:
        by_drill = {spec.content_id: {r.person_id: r for r in rows}
                    for spec, rows in results.results.standings.drills}  # fmt: skip
        header = [self.tr("Rank"), self.tr("Name"), self.tr("Team")]
        header += [d.title for d in results.contest.drills] + [self.tr("Points")]
        rows = []
        for o in results.results.standings.overall:
            who = results.contestant(o.person_id)
            cells = [str(o.rank), who.name, team_text(who.team_name)]
            for d in results.contest.drills:
                standing = by_drill[d.content_id].get(o.person_id)
                cells.append(number(standing.points if standing else 0.0, 1))
            rows.append([*cells, number(o.points, 1)])
        _fill(self.table, header, rows)

    def _mine(self, results: ContestResults) -> None:
        """A contestant's own results before the close: each drill's result, accuracy
        and tries, no points or ranks (they would tell the best result so far)."""
        rows = []
        for drill in results.contest.drills:
            mine = results.results.standings.drill(drill.content_id)
            r = mine[0] if mine else None
            rows.append(
                [
                    drill.title,
                    result_text(drill, None if r is None else r.result)
                    if r is not None and r.tries
                    else self.tr("not sat yet"),
                    percent(None if r is None else r.accuracy),
                    str(0 if r is None else r.tries),
                ]
            )
        header = [self.tr("Drill"), self.tr("Result"), self.tr("Accuracy"), self.tr("Tries")]
        _fill(self.table, header, rows)
        for row in range(self.table.rowCount()):  # the drill's title reads from the left
            item = self.table.item(row, 0)
            if item is not None:
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def _drill(self, results: ContestResults, content_id: str) -> None:
        drill = next(d for d in results.contest.drills if d.content_id == content_id)
        rows = [
            [
                "—" if r.rank is None else str(r.rank),
                results.contestant(r.person_id).name,
                result_text(drill, r.result),
                percent(r.accuracy),
                str(r.tries),
                number(r.points, 1),
            ]
            for r in results.results.standings.drill(content_id)
        ]
        header = [self.tr("Rank"), self.tr("Name"), self.tr("Result"), self.tr("Accuracy"),
                  self.tr("Tries"), self.tr("Points")]  # fmt: skip
        _fill(self.table, header, rows)


def _table(name: str) -> QTableWidget:
    table = QTableWidget()
    table.setObjectName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.setAlternatingRowColors(True)
    return table


def _fill(table: QTableWidget, header: list[str], rows: list[list[str]]) -> None:
    table.clear()
    table.setColumnCount(len(header))
    table.setHorizontalHeaderLabels(header)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if c not in {1, 2} or text[:1].isdigit():
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
    if header:
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
