"""The audit log's table: newest first whatever order the entries come in, sorted by any
column on a header click, filtered by any text, and its columns wide enough for every
text (sorted in Python and sized by ``fit_columns`` since issue 17)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

from svctrainer.gui.pages.audit_log import AuditLogView
from svctrainer.services.audit import AuditEntry

pytestmark = pytest.mark.gui

START = datetime(2026, 12, 1, tzinfo=UTC)


def _entry(n: int, minutes: int, actor: str, action: str) -> AuditEntry:
    at = START + timedelta(minutes=minutes)
    return AuditEntry(uuid.UUID(int=n), at, actor, action, "person", str(n), {}, f"T{n}")


def test_the_audit_table_sorts_filters_and_fits_its_texts(qtbot):
    view = AuditLogView(None)  # type: ignore[arg-type]  # refresh is not used here
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.show()
    entries = [
        _entry(1, 5, "Bo", "auth.sign_in"),
        _entry(2, 50, "Al", "report.team_pdf_of_a_rather_long_name"),
        _entry(3, 20, "Cy", "auth.sign_out"),
    ]
    view._show(entries)

    def column(c: int) -> list[str]:
        return [view.proxy.index(r, c).data() for r in range(view.proxy.rowCount())]

    assert column(1) == ["Al", "Cy", "Bo"]  # newest first
    view.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert column(1) == ["Al", "Bo", "Cy"]
    view.filter.setText("SIGN_")
    assert column(1) == ["Bo", "Cy"]
    view.filter.setText("")
    metrics = QFontMetrics(view.table.font())
    longest = metrics.horizontalAdvance("report.team_pdf_of_a_rather_long_name")
    assert view.table.columnWidth(2) > longest
