"""The supervisor page: dashboard sorting and filters, employee view, exports, the mix
editor and the "needs checking" list."""

from __future__ import annotations

import csv
import json
import subprocess
from datetime import UTC, datetime, timedelta

import pytest
from progress_support import NOW, TENKEY_PRACTICE, add_rows, learning_history
from PySide6.QtCore import QDate, QPoint, Qt
from support import typed_perfectly

from svctrainer.core.packs.definition import Mode
from svctrainer.core.report_csv import CSV_ENCODING, DASHBOARD_COLUMNS
from svctrainer.core.xapi.validation import validate_statement
from svctrainer.store.models import Attempt

pytestmark = [pytest.mark.gui, pytest.mark.shipped_content]


@pytest.fixture
def histories(branch):
    branch.services.content.sync_bundled()
    for n, who in enumerate((branch.teller, branch.other_teller, branch.outsider_teller)):
        start = datetime.now(UTC) - timedelta(days=90)
        rows = learning_history(
            seed=10 + n, attempts=40, gain=0.2 + 0.3 * n, start=start, span_days=88
        )
        add_rows(branch.services, who.id, rows)
    return branch


def _dashboard(qtbot, window):
    window.go_to("supervisor")
    tab = window.pages["supervisor"].dashboard
    qtbot.waitUntil(lambda: tab.dashboard is not None, timeout=15_000)
    return tab


def _rows(tab):
    return [
        tab.model.row_at(tab.proxy.mapToSource(tab.proxy.index(r, 0)).row())
        for r in range(tab.proxy.rowCount())
    ]


def test_dashboard_lists_everyone_and_sorts_by_header_click(qtbot, window, sign_in, histories):
    sign_in(histories.supervisor)
    tab = _dashboard(qtbot, window)
    numbers = {e.person.employee_number for e in _rows(tab)}
    assert numbers == {"T1", "T2", "T3"}
    assert "3 people" in tab.summary.text()
    header = tab.table.horizontalHeader()
    gain_column = 5
    x = header.sectionViewportPosition(gain_column) + header.sectionSize(gain_column) // 2
    for _ in range(2):  # ascending, then descending
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
        gains = [e.row.gain for e in _rows(tab)]
        order = header.sortIndicatorOrder()
        assert header.sortIndicatorSection() == gain_column
        assert gains == sorted(gains, reverse=order == Qt.SortOrder.DescendingOrder)
    assert tab.team_chart.labels  # the team comparison is drawn
    assert tab.improved.count() >= 1


def test_dashboard_filters_by_team_date_range_and_name(qtbot, window, sign_in, histories):
    sign_in(histories.supervisor)
    tab = _dashboard(qtbot, window)
    with qtbot.waitSignal(tab.loaded, timeout=15_000):
        tab.team.setCurrentIndex(tab.team.findText("Team B"))
    assert [e.person.employee_number for e in _rows(tab)] == ["T3"]
    with qtbot.waitSignal(tab.loaded, timeout=15_000):
        tab.team.setCurrentIndex(0)
    today = QDate.currentDate()
    with qtbot.waitSignal(tab.loaded, timeout=15_000):
        tab.range_bar.set_days(today.addDays(-30), today)
    assert tab.dashboard.window.since is not None
    for entry in _rows(tab):
        last = entry.row.last_practice_at
        assert last is None or last >= tab.dashboard.window.since
    qtbot.keyClicks(tab.search, "Tess")
    assert [e.person.name for e in _rows(tab)] == ["Tess Teller"]


def test_trainer_scope_is_their_team(qtbot, window, sign_in, histories):
    """Trainers reach the dashboard through the same service: only their team's rows."""
    board = histories.services.progress.dashboard(
        histories.actor(histories.trainer), "tenkey-amounts.en"
    )
    assert {e.person.employee_number for e in board.entries} == {"T1", "T2"}


def test_open_an_employee(qtbot, window, sign_in, histories, on_next_dialog):
    sign_in(histories.supervisor)
    tab = _dashboard(qtbot, window)
    seen = []

    def check(dialog):
        qtbot.waitUntil(lambda: dialog.view.current is not None, timeout=15_000)
        seen.append((dialog.view.person_id, dialog.view.family_key()))
        dialog.accept()

    on_next_dialog(check)
    tab.table.selectRow(0)
    entry = tab.selected()
    tab.open_selected()
    qtbot.waitUntil(lambda: bool(seen), timeout=20_000)
    assert seen[0] == (entry.person.id, "tenkey-amounts.en")


def test_exports_from_the_dashboard(qtbot, window, sign_in, histories, tmp_path):
    sign_in(histories.supervisor)
    tab = _dashboard(qtbot, window)
    target = tmp_path / "dashboard.csv"
    with qtbot.waitSignal(tab.exported, timeout=15_000):
        tab.export_csv(target)
    with target.open(encoding=CSV_ENCODING, newline="") as fh:
        rows = list(csv.reader(fh))
    assert tuple(rows[0]) == DASHBOARD_COLUMNS
    assert {r[0] for r in rows[1:]} == {"T1", "T2", "T3"}

    pdf = tmp_path / "team.pdf"
    with qtbot.waitSignal(tab.exported, timeout=30_000) as done:
        tab.export_team_pdf(pdf)
    pages = done.args[0].rows
    assert pages >= 1
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / "page")], check=True)
    assert len(list(tmp_path.glob("page-*.png"))) == pages

    statements = tmp_path / "xapi.json"
    with qtbot.waitSignal(tab.exported, timeout=30_000):
        tab.export_xapi(statements)
    data = json.loads(statements.read_text(encoding="utf-8"))
    assert len(data) == 120
    assert all(validate_statement(s) == [] for s in data)
    actions = [
        e.action for e in histories.services.audit.recent(histories.actor(histories.supervisor))
    ]
    assert actions.count("report.export") == 3


def test_mix_editor_saves_the_branch_mix(qtbot, window, sign_in, histories):
    sign_in(histories.supervisor)
    window.go_to("supervisor")
    page = window.pages["supervisor"]
    page.tabs.setCurrentWidget(page.customer_time)
    editor = page.customer_time.mix
    qtbot.waitUntil(lambda: page.customer_time.result is not None, timeout=15_000)
    editor.per_day.setValue(60)
    with qtbot.waitSignal(editor.saved, timeout=15_000):
        editor.save_button.click()
    setting = histories.services.settings.transaction_mix(histories.actor(histories.teller))
    assert setting.mix.transactions_per_day == 60
    assert not setting.is_default


def test_needs_checking_lists_a_tampered_attempt(qtbot, window, sign_in, histories):
    services = histories.services
    actor = histories.actor(histories.other_teller)
    record = next(r for r in services.content.latest(actor) if r.content_id == TENKEY_PRACTICE)
    _, definition = services.content.load(actor, record.id)
    attempt = services.attempts.record_drill(
        actor, record.id, mode=Mode.PRACTICE, seed=5,
        events=typed_perfectly(definition, Mode.PRACTICE, seed=5, items=4), started_at=NOW,
    )  # fmt: skip
    with services.db.writing() as session:
        session.get(Attempt, attempt.id).accuracy = 1.0 if attempt.accuracy < 1 else 0.5
    sign_in(histories.supervisor)
    window.go_to("supervisor")
    page = window.pages["supervisor"]
    page.tabs.setCurrentWidget(page.integrity)
    with qtbot.waitSignal(page.integrity.checked, timeout=30_000):
        page.integrity.check_button.click()
    assert [m.attempt_id for m in page.integrity.sweep.mismatches] == [attempt.id]
    assert "accuracy" in page.integrity.model.data(page.integrity.model.index(0, 3))
