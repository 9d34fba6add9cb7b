"""Issue 6 "Done when", all in the GUI with real widgets: a trainer assigns a test drill,
a teller signs in, finds it first on My assignments, completes it by typing on the real
drill screen, sees it done; a supervisor signs in, sees the teller's gain over baseline
on the dashboard and exports the teller's PDF report through the Save dialog."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime, timedelta

import pytest
from drill_typing import Typist
from progress_support import TENKEY_TEST, Row, add_rows
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

from svctrainer.core.assignment_progress import Status

pytestmark = [pytest.mark.gui, pytest.mark.shipped_content]

BASELINE_SPEEDS = (3000.0, 3300.0, 3150.0)  # median 3150 net KPH
GAIN_COLUMN = 5


def _idle(qtbot, window):
    qtbot.waitUntil(lambda: not window.background.busy, timeout=10_000)


def _sign_out(qtbot, window):
    _idle(qtbot, window)
    window.sign_out_action.trigger()
    qtbot.waitUntil(lambda: window.context is None, timeout=10_000)


@pytest.fixture
def tom_has_a_baseline(branch):
    """Tom took three tests last week: his baseline is their median, 3150 net KPH."""
    branch.services.content.sync_bundled()
    week_ago = datetime.now(UTC) - timedelta(days=7)
    rows = [
        Row(TENKEY_TEST, "test", week_ago + timedelta(days=n), speed, accuracy=0.95)
        for n, speed in enumerate(BASELINE_SPEEDS)
    ]
    add_rows(branch.services, branch.teller.id, rows)
    return branch


def test_assign_complete_see_the_gain_and_export_a_pdf(
    qtbot, sign_in, tom_has_a_baseline, on_next_dialog, tmp_path
):
    branch = tom_has_a_baseline
    window = _trainer_assigns_the_test_to_tom(qtbot, sign_in, branch, on_next_dialog)
    _sign_out(qtbot, window)
    speed = _tom_completes_it(qtbot, sign_in, branch, on_next_dialog)
    _sign_out(qtbot, window)
    board, tom_row = _supervisor_sees_the_gain(qtbot, sign_in, branch, speed)
    _supervisor_exports_the_pdf(
        qtbot, board, tom_row, branch, on_next_dialog, pdf=tmp_path / "tom-report.pdf"
    )


def _trainer_assigns_the_test_to_tom(qtbot, sign_in, branch, on_next_dialog):
    """The trainer assigns the ten-key test to Tom: >= 9000 net KPH at >= 98 %."""
    window = sign_in(branch.trainer)
    assert window.go_to("trainer")
    tab = window.pages["trainer"].assignments
    _idle(qtbot, window)

    def fill(dialog):
        assert dialog.check_content(TENKEY_TEST)
        assert dialog.check_assignee(branch.teller.id)
        dialog.mode.setCurrentIndex(dialog.mode.findData("test"))
        dialog.speed.setValue(9000)
        dialog.accuracy.setValue(98)
        dialog.min_practice.setValue(0)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    on_next_dialog(fill)
    tab.new_button.click()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=10_000)
    assert tab.model.row_at(0).count(Status.NOT_STARTED) == 1
    return window


def _tom_completes_it(qtbot, sign_in, branch, on_next_dialog):
    """Tom lands on My assignments with the new one first; one key starts it; he types
    three amounts on the real drill screen and stops; it shows done. His speed."""
    window = sign_in(branch.teller)
    assert window.current_page_key() == "assignments"
    mine = window.pages["assignments"]
    qtbot.waitUntil(lambda: mine.model.rowCount() == 1, timeout=10_000)
    assert mine.model.row_at(0).assignment.content_id == TENKEY_TEST
    assert mine.model.row_at(0).status is Status.NOT_STARTED
    mine.table.setFocus()
    qtbot.keyClick(mine.table, Qt.Key.Key_Return)
    practice = window.pages["practice"]
    qtbot.waitUntil(lambda: practice.current_screen is not None, timeout=10_000)
    screen = practice.current_screen
    assert screen.objectName() == "drillScreen"
    assert str(screen.run.mode) == "test"
    typist = Typist(screen)
    while not screen.run.finished:  # the whole test: only a complete one counts
        typist.type(screen.view.amount.text().replace(",", "") + "\n", gap_ms=300, keypad=True)
    qtbot.waitUntil(
        lambda: (
            practice.current_screen is not None
            and practice.current_screen.objectName() == "resultScreen"
        ),
        timeout=10_000,
    )
    attempt = practice.current_screen.attempt
    assert attempt.speed >= 9000
    assert attempt.accuracy == 1.0
    assert window.go_to("assignments")
    qtbot.waitUntil(
        lambda: mine.model.rowCount() == 1 and mine.model.row_at(0).status is Status.DONE,
        timeout=10_000,
    )
    return attempt.speed


def _supervisor_sees_the_gain(qtbot, sign_in, branch, speed):
    """Gain = (latest - baseline) / baseline, the latest being the one test after the
    three baseline tests: Tom's test from the GUI."""
    window = sign_in(branch.supervisor)
    assert window.go_to("supervisor")
    board = window.pages["supervisor"].dashboard
    qtbot.waitUntil(lambda: board.landing.summary is not None, timeout=15_000)
    board.landing.table.selectRow(board.landing.skill_row("tenkey-amounts"))
    board.landing.open_button.click()  # the landing view: open the ten-key skill's table
    qtbot.waitUntil(lambda: board.dashboard is not None, timeout=15_000)
    # The ten-key skill in both languages: Tom tested in English, so the figures are his.
    assert board.dashboard.family.key == "tenkey-amounts"
    model = board.model

    def entry(row):
        return model.row_at(row)

    rows = {entry(r).person.employee_number: r for r in range(model.rowCount())}
    tom = entry(rows["T1"])
    expected = (speed - 3150.0) / 3150.0 * 100
    assert tom.row.baseline == pytest.approx(3150.0)
    assert tom.row.latest == pytest.approx(speed)
    assert tom.row.gain == pytest.approx(expected)
    assert tom.row.assignments_done == 1
    assert model.index(rows["T1"], GAIN_COLUMN).data() == f"+{expected:.1f} %"
    return board, rows["T1"]


def _supervisor_exports_the_pdf(qtbot, board, tom_row, branch, on_next_dialog, *, pdf):
    """Tom's PDF report, through the Save dialog: written, a PDF, pages, audited."""
    board.table.selectRow(tom_row)
    assert board.selected().person.employee_number == "T1"

    def save_as(dialog):
        assert isinstance(dialog, QFileDialog)
        dialog.selectFile(str(pdf))
        dialog.accept()

    on_next_dialog(save_as)
    with qtbot.waitSignal(board.exported, timeout=30_000) as done:
        board.person_pdf_button.click()
    result = done.args[0]
    assert (result.path, result.format) == (pdf, "pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(next(ln for ln in info.stdout.splitlines() if ln.startswith("Pages:")).split()[1])
    assert pages == result.rows >= 1
    [entry] = branch.services.audit.recent(branch.actor(branch.supervisor), action="report.export")
    assert entry.actor == "Sam Supervisor (S1)"
    assert entry.detail["subject"] == "person:T1"
