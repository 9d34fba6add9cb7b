"""Keyboard drills end to end: a teller picks a drill, types real key events (with
mistakes, Backspace and idle pauses), and the saved attempt and result screen show the
figures the engine computed from exactly those keystrokes."""

from __future__ import annotations

import itertools

import pytest
from drill_typing import Typist, open_drill
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QTableWidget

from svctrainer.core.packs.definition import Mode

pytestmark = [pytest.mark.gui, pytest.mark.shipped_content]


def _amount_on_screen(screen) -> str:
    return screen.view.amount.text().replace(",", "")


def _finish(qtbot, page, screen, on_next_dialog=None):
    if screen.run.mode is Mode.TEST and on_next_dialog is not None:
        on_next_dialog(lambda box: next(b for b in box.buttons() if b.text() == "Stop").click())
    screen.request_stop()
    qtbot.waitUntil(
        lambda: (
            page.current_screen is not None and page.current_screen.objectName() == "resultScreen"
        ),
        timeout=10_000,
    )
    return page.current_screen


def test_ten_key_practice_with_mistakes_backspace_and_idle_pause(qtbot, practice, branch):
    screen = open_drill(qtbot, practice, "tenkey-amounts-practice.en", Mode.PRACTICE)
    typist = Typist(screen)
    pressed_at: list[int] = []

    def stroke(ch: str, gap: int = 200) -> None:
        pressed_at.append(typist.now_ms)
        typist.key(ch, keypad=ch not in "\n\b")
        typist.now_ms += gap

    first = _amount_on_screen(screen)
    for ch in first + "\n":
        stroke(ch)
    assert screen.view.tape.item(0).text().startswith("✓")
    second = _amount_on_screen(screen)
    wrong_digit = "1" if second[0] != "1" else "2"
    stroke(wrong_digit)  # a mistake: under "correct" it must be removed
    assert screen.run.state(None).needs_correction
    assert "Backspace" in screen.status_label.text()
    stroke("\b")
    for ch in second + "\n":
        stroke(ch)
    typist.now_ms += 6_800  # idle: 7 s since the last key
    screen.tick()
    third = _amount_on_screen(screen)
    for ch in third + "\n":
        stroke(ch)
    strokes = len(first) + 1 + 2 + len(second) + 1 + len(third) + 1
    assert len(pressed_at) == strokes
    gaps = [b - a for a, b in itertools.pairwise(pressed_at)]
    assert max(gaps) == 7_000
    active_ms = sum(min(g, 5_000) for g in gaps)  # an idle gap credits at most 5 s

    result_screen = _finish(qtbot, practice, screen)
    attempt = result_screen.attempt
    from svctrainer.core import metrics

    assert attempt.mode == "practice"
    assert attempt.duration_ms == active_ms
    assert attempt.details["strokes"] == strokes
    assert attempt.speed == metrics.net_kph(strokes, 0, 10, active_ms)
    assert attempt.speed == metrics.gross_kph(strokes, active_ms)
    assert attempt.accuracy == metrics.accuracy(strokes - 2, 1)  # Backspace is not graded
    details = attempt.details["details"]
    assert details["wrong_strokes"] == 1
    assert details["corrections"] == 1
    assert details["mistakes"][0]["typed"] == wrong_digit
    # It is in the database, with its event log, and the log replays to the same figures.
    stored = branch.services.attempts.history(branch.actor(branch.teller), branch.teller.id)
    assert [a.id for a in stored] == [attempt.id]
    report = branch.services.attempts.rescore(branch.actor(branch.teller), attempt.id)
    assert report.matches
    assert result_screen.findChild(type(result_screen.back_button), "") is not None


def test_ten_key_tutor_home_row_gate_fingers_and_what_grades_mean(qtbot, practice):
    """As typing tutors teach it: the home-row introduction until the first key, the
    finger named for the next key, per-finger figures and grade meanings on the result."""
    screen = open_drill(qtbot, practice, "tenkey-amounts-practice.en", Mode.PRACTICE)
    typist = Typist(screen)
    view = screen.view
    first = _amount_on_screen(screen)
    assert view.home_row.isVisible()  # the start gate: where the fingers rest
    assert "middle finger on 5" in view.home_row.text()
    assert view.next_finger.text() == f"Next: {first[0]} — {FINGER_TEXT[first[0]]}"
    typist.type(first[0], gap_ms=200, keypad=True)
    assert not view.home_row.isVisible()  # gone with the first key, when the clock starts
    typist.type(first[1:] + "\n", gap_ms=200, keypad=True)
    second = _amount_on_screen(screen)
    wrong = "1" if second[0] != "1" else "2"
    typist.type(wrong, gap_ms=200, keypad=True)
    assert view.next_finger.text() == "Next: ⌫ — little finger"
    typist.type("\b" + second + "\n", gap_ms=200, keypad=True)
    strokes = len(first) + 1 + 2 + len(second) + 1
    result_screen = _finish(qtbot, practice, screen)
    fingers = result_screen.findChild(QTableWidget, "fingerTable")
    rows = [
        [fingers.item(r, c).text() for c in range(fingers.columnCount())]
        for r in range(fingers.rowCount())
    ]
    assert sum(int(r[1]) + int(r[2]) for r in rows) == strokes
    assert next(r for r in rows if int(r[2]))[0].endswith(FINGER_TEXT[second[0]])
    grades = result_screen.findChild(QTableWidget, "gradeTable")
    last = grades.columnCount() - 1
    assert grades.horizontalHeaderItem(last).text() == "What it means at the counter"
    assert grades.item(0, last).text().startswith("1,234.56 ⏎ in ")


FINGER_TEXT = {
    **dict.fromkeys("147", "index finger"),
    **dict.fromkeys("258", "middle finger"),
    **dict.fromkeys("369.", "ring finger"),
    "0": "thumb",
}


def test_ten_key_test_mode_is_seeded_and_idle_does_not_pause(qtbot, practice, on_next_dialog):
    screen = open_drill(qtbot, practice, "tenkey-amounts-test.en", Mode.TEST)
    assert not screen.pause_button.isVisible()
    assert not screen.restart_button.isVisible()
    typist = Typist(screen)
    first = _amount_on_screen(screen)
    typist.type(first + "\n", gap_ms=250, keypad=True)
    typist.wait(9_750)  # 10 s from Enter to the next key: in a test the clock keeps running
    second = _amount_on_screen(screen)
    typist.type(second + "\n", gap_ms=250, keypad=True)
    result = _finish(qtbot, practice, screen, on_next_dialog).attempt
    assert result.mode == "test"
    assert result.duration_ms == 250 * len(first) + 10_000 + 250 * len(second)
    assert result.details["seed"] == screen.run.seed  # drawn for this attempt, stored
    assert result.details["ended_by"] == "stopped"


def test_stopping_a_test_early_asks_first_and_saves_it_incomplete(
    qtbot, practice, on_next_dialog, branch
):
    screen = open_drill(qtbot, practice, "tenkey-amounts-test.en", Mode.TEST)
    typist = Typist(screen)
    for _ in range(3):  # a fast start: the figures would look excellent
        typist.type(_amount_on_screen(screen) + "\n", gap_ms=60, keypad=True)
    asked: list[str] = []

    def keep_going(box):  # Enter takes the default answer
        asked.append(box.defaultButton().text())
        QTest.keyClick(box, Qt.Key.Key_Return)

    on_next_dialog(keep_going)
    typist.key("\x1b")  # Esc
    qtbot.waitUntil(lambda: bool(asked))
    assert asked == ["Keep going"]
    assert not screen.run.finished  # still running: nothing saved
    typist.type(_amount_on_screen(screen) + "\n", gap_ms=60, keypad=True)
    assert screen.run.state(None).items_done == 4
    result_screen = _finish(qtbot, practice, screen, on_next_dialog)
    attempt = result_screen.attempt
    assert (attempt.completion, attempt.grade, attempt.counts) == ("incomplete", None, False)
    verdict = result_screen.findChild(QLabel, "resultVerdict").text()
    assert "incomplete" in verdict
    [stored] = branch.services.attempts.history(branch.actor(branch.teller), branch.teller.id)
    assert (stored.completion, stored.grade) == ("incomplete", None)


def test_data_entry_with_tab_between_fields(qtbot, practice):
    screen = open_drill(qtbot, practice, "data-entry-practice.en", Mode.PRACTICE)
    typist = Typist(screen)
    item = screen.run.current_item
    for field in item.fields:
        typist.type(field.expected + "\t", gap_ms=150)
    assert screen.run.state(None).items_done == 1
    assert screen.run.state(None).errors == 0
    result = _finish(qtbot, practice, screen).attempt
    assert result.speed_unit == "cpm"
    assert result.accuracy == 1.0
    fields = result.details["details"]["field_stats"]
    assert set(fields) == {f.name for f in item.fields}
    assert all(v["exact"] == 1 for v in fields.values())


def test_practice_pause_and_restart(qtbot, practice, on_next_dialog):
    screen = open_drill(qtbot, practice, "tenkey-amounts-practice.en", Mode.PRACTICE)
    Typist(screen).type("12", keypad=True)
    screen.toggle_pause()
    assert screen.run.clock.paused
    assert "Paused" in screen.status_label.text()
    screen.toggle_pause()
    assert not screen.run.clock.paused
    first_seed, first_amount = screen.run.seed, _amount_on_screen(screen)
    answers: list[str] = []

    def answer(button_text):
        def click(box):
            answers.append(box.defaultButton().text())
            next(b for b in box.buttons() if b.text() == button_text).click()

        return click

    on_next_dialog(answer("Keep going"))
    screen.restart()  # what Ctrl+R and the Restart button call
    assert len(answers) == 1
    assert screen.run.state(None).strokes == 2  # kept going: nothing discarded
    on_next_dialog(answer("Restart"))
    screen.restart()
    assert answers == ["Keep going", "Keep going"]  # the safe answer is the default
    assert not screen.run.clock.started
    assert screen.run.state(None).strokes == 0
    assert screen.run.seed != first_seed  # a new form, not the same amounts again
    assert _amount_on_screen(screen) != first_amount


def test_a_failed_save_keeps_the_attempt_and_retries(
    qtbot, practice, branch, monkeypatch, on_next_dialog
):
    from svctrainer.services.errors import DatabaseBusyError

    screen = open_drill(qtbot, practice, "tenkey-amounts-practice.en", Mode.PRACTICE)
    Typist(screen).type(_amount_on_screen(screen) + "\n" + "123", keypad=True)
    real = branch.services.attempts.record_drill
    calls = []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise DatabaseBusyError("svctrainer.sqlite3 is locked by another program")
        return real(*args, **kwargs)

    monkeypatch.setattr(branch.services.attempts, "record_drill", flaky)
    seen = {}

    def retry(box: QMessageBox):
        seen["title"] = box.windowTitle()
        next(b for b in box.buttons() if b.text() == "Try again").click()

    on_next_dialog(retry)
    result = _finish(qtbot, practice, screen)
    assert seen["title"] == "Your result is not saved yet"
    assert len(calls) == 2
    assert result.attempt.details["strokes"] == result.attempt.details["details"]["strokes"]
    QApplication.processEvents()


def test_nav_is_locked_while_a_drill_runs(qtbot, practice, window):
    screen = open_drill(qtbot, practice, "tenkey-amounts-practice.en", Mode.PRACTICE)
    assert not window.nav.isEnabled()
    screen.request_stop()  # nothing typed yet: back to the catalogue, nothing saved
    assert practice.current_screen is None
    assert window.nav.isEnabled()


def test_a_result_the_database_refuses_is_kept_in_a_file_and_imported_later(  # noqa: PLR0917
    qtbot, practice, branch, monkeypatch, on_next_dialog, tmp_path, db_path, cli
):
    from PySide6.QtWidgets import QFileDialog

    from svctrainer.services.errors import StorageFullError

    screen = open_drill(qtbot, practice, "tenkey-amounts-practice.en", Mode.PRACTICE)
    Typist(screen).type(_amount_on_screen(screen) + "\n", keypad=True)

    def full(*_args, **_kwargs):
        raise StorageFullError("the disk holding svctrainer.sqlite3 is full")

    monkeypatch.setattr(branch.services.attempts, "record_drill", full)
    kept = tmp_path / "kept.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(kept), ""))
    on_next_dialog(
        lambda box: next(b for b in box.buttons() if b.text() == "Save to file…").click()
    )
    screen.request_stop()
    qtbot.waitUntil(
        lambda: practice.current_screen is None, timeout=10_000
    )  # back to the catalogue
    assert kept.exists()
    # Later an administrator brings it in with the real command line.
    done = cli("attempt", "import", str(kept), "--db", str(db_path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("imported")
    [stored] = branch.services.attempts.history(branch.actor(branch.teller), branch.teller.id)
    assert stored.content_id == "tenkey-amounts-practice.en"
    assert stored.details["strokes"] > 0
    again = cli(
        "attempt", "import", str(kept), str(tmp_path / "missing.json"), "--db", str(db_path)
    )
    assert again.returncode == 1
    assert again.stdout.startswith("already stored")
    assert again.stderr.strip().endswith("missing.json: No such file or directory")
