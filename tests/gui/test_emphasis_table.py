"""Rows that stand out (overdue) are bold in the warning colour, the progress column
gives its fraction, and other rows and roles are the record table's own."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from svctrainer.gui.pages.assignment_views import PROGRESS_ROLE, EmphasisTableModel
from svctrainer.gui.record_table import Column

pytestmark = pytest.mark.gui


@dataclass(frozen=True)
class Row:
    name: str
    late: bool
    done: float


def _model(asked: list[str]) -> EmphasisTableModel[Row]:
    def stands_out(row: Row) -> bool:
        asked.append(row.name)
        return row.late

    return EmphasisTableModel(
        [Column("Name", lambda r: r.name), Column("Progress", lambda r: f"{r.done:.0%}")],
        stands_out=stands_out,
        progress=(1, lambda r: r.done),
    )


def test_overdue_rows_stand_out_and_the_progress_column_gives_its_fraction(qapp):
    asked: list[str] = []
    model = _model(asked)
    model.set_rows([Row("Ann", True, 0.25), Row("Bo", False, 1.0)])
    late, fine = model.index(0, 0), model.index(1, 0)
    warning = QApplication.palette().brush(QPalette.ColorRole.BrightText)
    assert model.data(late, Qt.ItemDataRole.ForegroundRole) == warning
    assert QFont(model.data(late, Qt.ItemDataRole.FontRole)).bold()
    assert model.data(fine, Qt.ItemDataRole.ForegroundRole) is None
    assert model.data(fine, Qt.ItemDataRole.FontRole) is None
    assert model.data(late, Qt.ItemDataRole.DisplayRole) == "Ann"
    assert model.data(model.index(0, 1), PROGRESS_ROLE) == 0.25
    assert model.data(model.index(1, 1), PROGRESS_ROLE) == 1.0
    assert model.data(late, PROGRESS_ROLE) is None  # only the progress column has a bar
    assert model.data(model.index(0, 1), Qt.ItemDataRole.DisplayRole) == "25%"


def test_whether_a_row_stands_out_is_asked_once_per_row_until_new_rows_come(qapp):
    asked: list[str] = []
    model = _model(asked)
    model.set_rows([Row("Ann", True, 0.25), Row("Bo", False, 1.0)])
    for _ in range(3):  # three paints
        for row in range(2):
            for column in range(2):
                index = model.index(row, column)
                model.data(index, Qt.ItemDataRole.ForegroundRole)
                model.data(index, Qt.ItemDataRole.FontRole)
    assert sorted(asked) == ["Ann", "Bo"]
    model.set_rows([Row("Ann", False, 0.5)])  # no longer late: asked again
    assert model.data(model.index(0, 0), Qt.ItemDataRole.FontRole) is None
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole) is None
