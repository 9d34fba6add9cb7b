"""The five bank-teller drills end to end: a teller opens each from the Practice page in
practice and in test mode, plays it with real key events (and clicks where the drill
has them: notes in the drawer, flag buttons, voucher rows), mistakes included; the
attempt is stored (its log re-scores to the same figures) and the result screen shows
the drill's own figures."""

from __future__ import annotations

from decimal import Decimal

import pytest
from drill_typing import Typist, open_drill
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QTableWidget

from svctrainer.core.drills.amount_words_drill import TO_FIGURES
from svctrainer.core.drills.cash_counting import Phase
from svctrainer.core.drills.drawer_case import OverShort
from svctrainer.core.drills.fewest_pieces import fewest_pieces
from svctrainer.core.packs.definition import Mode

pytestmark = [pytest.mark.gui, pytest.mark.shipped_content]

NAMED = {
    "PageDown": Qt.Key.Key_PageDown,
    "PageUp": Qt.Key.Key_PageUp,
    "Down": Qt.Key.Key_Down,
    "Up": Qt.Key.Key_Up,
    "Home": Qt.Key.Key_Home,
    "End": Qt.Key.Key_End,
    "Delete": Qt.Key.Key_Delete,
}


def _named(typist: Typist, name: str, gap_ms: int = 150) -> None:
    """A non-text key (PageDown, Down, Home…) pressed and released, timestamped."""
    for kind, at in (
        (QEvent.Type.KeyPress, typist.now_ms),
        (QEvent.Type.KeyRelease, typist.now_ms + 40),
    ):
        event = QKeyEvent(kind, NAMED[name], Qt.KeyboardModifier.NoModifier, "")
        event.setTimestamp(at)
        QApplication.sendEvent(typist.target, event)
    typist.now_ms += gap_ms


def _commit(screen, text: str) -> None:
    """An input-method commit (Chinese characters chosen in the IME)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(screen, event)


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


def _stored_and_rescored(branch, attempt) -> None:
    actor = branch.actor(branch.teller)
    stored = branch.services.attempts.history(actor, branch.teller.id)
    assert attempt.id in [a.id for a in stored]
    assert branch.services.attempts.rescore(actor, attempt.id).matches


def _table_text(table: QTableWidget) -> list[list[str]]:
    return [
        [table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def _tile_texts(result) -> str:
    return " | ".join(label.text() for label in result.findChildren(QLabel))


# -- voucher summing -----------------------------------------------------------------------
def _key_voucher(screen, typist, text: str) -> None:
    run = screen.run
    view = run.view()
    slot = run.book.slot(view.group_index, view.entries_in_group)
    while run.page != slot.page:
        _named(typist, "PageDown")
    typist.type(text + "\n", gap_ms=120, keypad=True)


def _amount_text(run, page: int, row: int) -> str:
    return f"{run.book.voucher(page)[row - 1]:.{run.decimals}f}"


def test_voucher_summing_practice_keys_flips_and_a_wrong_group(
    qtbot, practice, branch, on_next_dialog
):
    screen = open_drill(qtbot, practice, "voucher-summing-practice.en", Mode.PRACTICE)
    typist = Typist(screen)
    run, view_widget = screen.run, screen.view
    view = run.view()
    assert view_widget.question.text().startswith("Question 1: vouchers ")
    assert view_widget.question.text().endswith(f", row {view.row_to_key}")
    slots = [run.book.slot(0, i) for i in range(3)]
    _key_voucher(screen, typist, _amount_text(run, slots[0].page, slots[0].row))
    assert view_widget.tape.count() == 1
    assert view_widget.tape.item(0).text().startswith("✓")
    # A slip corrected with Backspace, then a wrong amount left in (the second voucher).
    _named(typist, "PageDown")
    typist.type("9\b", keypad=True)
    right = _amount_text(run, slots[1].page, slots[1].row)
    wrong = ("1" if right[0] != "1" else "2") + right[1:]
    typist.type(wrong + "\n", gap_ms=120, keypad=True)
    assert view_widget.tape.item(1).text().startswith("✗")
    assert "last amount wrong" in view_widget.hint.text()
    _key_voucher(screen, typist, _amount_text(run, slots[2].page, slots[2].row))
    assert view_widget.entry.text() == "0"
    total = sum(
        (Decimal(t.text().split()[-1].replace(",", "")) for t in _tape(view_widget)), Decimal(0)
    )
    assert view_widget.total.text().replace(",", "") == f"{total:.2f}"
    # hand in the total after three vouchers (asked first): a wrong group
    on_next_dialog(lambda box: next(b for b in box.buttons() if b.text() == "Hand in").click())
    typist.type("\t")
    assert run.view().group_index == 1
    assert view_widget.tape.count() == 0
    assert view_widget.page_label.text().startswith("Voucher ")

    result = _finish(qtbot, practice, screen)
    attempt = result.attempt
    details = attempt.details["details"]
    (group,) = details["groups"]
    assert not group["correct"]
    assert group["first_wrong"]["entry"] == 1
    assert group["first_wrong"]["typed"] == wrong
    assert details["corrections"] == 1
    _stored_and_rescored(branch, attempt)
    table = result.findChild(QTableWidget, "voucherGroupTable")
    rows = _table_text(table)
    assert rows[0][6] == "wrong"
    assert f"voucher {slots[1].page}, row {slots[1].row}: keyed" in rows[0][8]
    assert "1 group" in _tile_texts(result).split(" | ")


def _tape(view_widget):
    return [view_widget.tape.item(i) for i in range(view_widget.tape.count())]


def test_voucher_summing_contest_test_marks_completed_totals_only(
    qtbot, practice, branch, on_next_dialog
):
    screen = open_drill(qtbot, practice, "voucher-summing-test.en", Mode.TEST)
    typist = Typist(screen)
    run, view_widget = screen.run, screen.view
    book = run.book
    assert view_widget.hint.isHidden()
    assert view_widget.question.text() == (
        f"Question 1: vouchers {book.group_first_page(0)} to {book.group_last_page(0)},"
        f" row {book.group_row(0)}"
    )
    for i in range(20):
        slot = book.slot(0, i)
        _key_voucher(screen, typist, _amount_text(run, slot.page, slot.row))
    assert not view_widget.tape.item(0).text().startswith(("✓", "✗"))  # nothing revealed
    typist.type("\t")  # hand in question 1: the book opens at question 2
    assert run.page == book.group_first_page(1)
    assert view_widget.question.text().startswith("Question 2: vouchers ")
    for i in range(2):
        slot = book.slot(1, i)
        _key_voucher(screen, typist, _amount_text(run, slot.page, slot.row))
    assert screen.errors_label.text() == "Errors 0"
    attempt = _finish(qtbot, practice, screen, on_next_dialog).attempt
    assert attempt.details["seed"] == run.seed  # a form of its own, stored
    assert attempt.score == 10.0  # the open question scores nothing in a test
    _stored_and_rescored(branch, attempt)


# -- amounts in words ------------------------------------------------------------------------
def test_amounts_in_words_practice_judges_and_names_the_rule(qtbot, practice, branch):
    screen = open_drill(qtbot, practice, "amounts-in-words-practice.en", Mode.PRACTICE)
    typist = Typist(screen)
    run, view_widget = screen.run, screen.view
    assert not view_widget.wants_ime()
    first = run.item(0)
    assert view_widget.shown.text() == first.shown
    typist.type(first.expected + "\n", gap_ms=60)
    assert "Previous answer right" in view_widget.last.text()
    second = run.item(1)
    if second.direction == TO_FIGURES:
        mistake = second.expected[:-1] if second.expected.endswith("0") else "1" + second.expected
    else:
        mistake = second.expected.rsplit(" and ", 1)[0]  # the cents left out
    typist.type("x\b" + mistake + "\n", gap_ms=60)
    assert "the standard writing is" in view_widget.last.text()
    assert second.expected in view_widget.last.text()

    result = _finish(qtbot, practice, screen)
    details = result.attempt.details["details"]
    assert details["right_answers"] == 1
    assert details["wrong_answers"] == 1
    assert details["rule_mistakes"]
    _stored_and_rescored(branch, result.attempt)
    rules = _table_text(result.findChild(QTableWidget, "wordsRuleTable"))
    assert rules
    assert "keep breaking" in result.findChild(QLabel, "wordsWorstRule").text()
    answers = _table_text(result.findChild(QTableWidget, "wordsAnswerTable"))
    assert answers[0][4] == "✓"
    assert answers[1][3] == second.expected
    assert answers[1][4].startswith("✗")


def test_amounts_in_words_test_in_chinese_uses_the_input_method(
    qtbot, practice, branch, on_next_dialog
):
    screen = open_drill(qtbot, practice, "amounts-in-words-test.zh", Mode.TEST)
    typist = Typist(screen)
    run, view_widget = screen.run, screen.view
    assert view_widget.wants_ime()
    assert screen.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    assert view_widget.last.isHidden()
    for index in range(3):
        item = run.item(index)
        answer = item.expected
        if index == 2 and item.direction != TO_FIGURES:  # a wrong amount, on any form
            first = next(c for c in answer if c in "壹贰叁肆伍陆柒捌玖")
            answer = answer.replace(first, "贰" if first == "壹" else "壹", 1)
        elif index == 2:
            answer = "0" + answer[1:] if answer[0] != "0" else "9" + answer
        if item.direction == TO_FIGURES:
            typist.type(answer, gap_ms=80, keypad=True)
        else:
            for i in range(0, len(answer), 2):  # two characters per IME commit
                _commit(screen, answer[i : i + 2])
        typist.type("\n")
        assert view_widget.answer.text().count("▏") == 1
    assert screen.errors_label.text() == "Errors 0"  # not revealed during a test
    attempt = _finish(qtbot, practice, screen, on_next_dialog).attempt
    details = attempt.details["details"]
    assert details["answers"] == 3
    assert details["right_answers"] == 2
    assert details["items"][0]["typed"] == run.item(0).expected
    _stored_and_rescored(branch, attempt)


def test_a_teller_without_a_chinese_input_method_completes_the_zh_words_test(
    qtbot, practice, branch
):
    from svctrainer.gui.drills.capital_keypad import CAPITAL_KEYS

    key_for = {char: key for key, char in CAPITAL_KEYS.items()}
    screen = open_drill(qtbot, practice, "amounts-in-words-test.zh", Mode.TEST)
    typist = Typist(screen)
    run, view_widget = screen.run, screen.view
    assert view_widget.keypad is not None
    assert set(view_widget.keypad.buttons) == set(CAPITAL_KEYS.values())  # drawn on screen
    index = 0
    while not run.finished:
        item = run.item(index)
        if item.direction == TO_FIGURES:
            typist.type(item.expected, gap_ms=80, keypad=True)
        elif index == 0:  # the first one by clicks on the keypad, the rest by keys
            for char in item.expected:
                view_widget.keypad.buttons[char].click()
        else:
            typist.type("".join(key_for[c] for c in item.expected), gap_ms=80)
        typist.type("\n")
        index += 1
    qtbot.waitUntil(lambda: practice.current_screen.objectName() == "resultScreen", timeout=10_000)
    attempt = practice.current_screen.attempt
    assert (attempt.completion, attempt.accuracy) == ("complete", 1.0)
    assert attempt.details["details"]["answers"] == 30
    _stored_and_rescored(branch, attempt)


def test_the_input_method_still_works_and_its_composition_shows(qtbot, practice):
    screen = open_drill(qtbot, practice, "amounts-in-words-test.zh", Mode.TEST)
    typist = Typist(screen)
    # Every attempt draws its own form: answer figures items until one asks for words.
    index = 0
    while screen.run.item(index).direction == TO_FIGURES:
        typist.type(screen.run.item(index).expected + "\n", gap_ms=50)
        index += 1
    composing = QInputMethodEvent("yi", [])
    QApplication.sendEvent(screen, composing)
    assert "<u>yi</u>" in screen.view.answer.text()
    _commit(screen, "壹")
    assert "壹" in screen.view.answer.text()
    assert "<u>" not in screen.view.answer.text()


# -- making change ---------------------------------------------------------------------------
def _pieces(run) -> list[str]:
    """The drawer keys of the fewest pieces for the current customer, smallest first."""
    cents = sorted(s.denomination.cents for s in run.drawer)
    best = fewest_pieces(int(run.current.change_due * 100), cents)
    by_cents = {s.denomination.cents: s for s in run.drawer}
    return [by_cents[c].key for c in reversed(best)]


def test_making_change_practice_with_keys_clicks_and_a_wrong_order(qtbot, practice, branch):
    screen = open_drill(qtbot, practice, "making-change-practice.en", Mode.PRACTICE)
    typist = Typist(screen)
    run, view_widget = screen.run, screen.view
    assert view_widget.price.text().replace(",", "").endswith(f"{run.current.price:.2f}")
    keys = _pieces(run)
    typist.type("".join(keys[:-1]), gap_ms=150)
    assert len(run.view().tray) == len(keys) - 1
    last = next(s for s in run.drawer if s.key == keys[-1])
    qtbot.mouseClick(view_widget.buttons[last.event_key], Qt.MouseButton.LeftButton)  # a click
    assert len(run.view().tray) == len(keys)
    assert view_widget.counted.text().replace(",", "").endswith(f"{run.current.tendered_total:.2f}")
    typist.type("\n")
    assert "right change" in view_widget.last.text()
    # The second customer: the pieces counted out largest first (wrong order) when
    # there are two different ones; else one piece too many taken back with Backspace.
    keys = _pieces(run)
    typist.type("".join(reversed(keys)) + "1\b\n", gap_ms=150)
    second_ok = len(set(keys)) == 1
    assert ("right change" in view_widget.last.text()) is second_ok

    result = _finish(qtbot, practice, screen)
    attempt = result.attempt
    details = attempt.details["details"]
    assert details["items_done"] == 2
    assert details["corrections"] == 1
    assert details["items"][0]["correct"]
    assert details["error_counts"]["wrong_order"] == (0 if second_ok else 1)
    events = branch.services.attempts.events(branch.actor(branch.teller), attempt.id)
    assert any(e.key == last.event_key for e in events)  # the click is in the log
    _stored_and_rescored(branch, attempt)
    rows = _table_text(result.findChild(QTableWidget, "changeItemTable"))
    assert rows[0][4] == "✓"
    if not second_ok:
        assert "not counted up in order" in rows[1][4]


def test_making_change_test_mode(qtbot, practice, branch, on_next_dialog):
    screen = open_drill(qtbot, practice, "making-change-test.en", Mode.TEST)
    typist = Typist(screen)
    run, view_widget = screen.run, screen.view
    assert view_widget.hint.isHidden()
    assert view_widget.last.isHidden()
    typist.type("".join(_pieces(run)) + "\n", gap_ms=150)
    attempt = _finish(qtbot, practice, screen, on_next_dialog).attempt
    assert attempt.details["seed"] == run.seed  # a form of its own, stored
    assert attempt.details["details"]["items_correct"] == 1
    _stored_and_rescored(branch, attempt)


# -- cash counting -------------------------------------------------------------------------
FLAG_KEY = {"wrong_denomination": "w", "unfit": "u", "counterfeit": "c"}


def test_cash_counting_practice_a_missed_defect_voids_the_bundle(qtbot, practice, branch):
    screen = open_drill(qtbot, practice, "cash-counting-practice.en", Mode.PRACTICE)
    typist = Typist(screen)
    while len(screen.run.bundle.seeded) < 2:  # 0 to 3 defects: a bundle with two or more
        screen.restart()  # a restart is a new attempt on a new form
    run, view_widget = screen.run, screen.view
    bundle = run.bundle
    assert 48 <= len(bundle.notes) <= 52
    defects = sorted(bundle.seeded.items())
    missed_at = defects[0][0]  # this one goes unflagged
    clicked = False
    for index, note in enumerate(bundle.notes):
        assert view_widget.progress.value() == index + 1
        if note.defect is not None and index != missed_at:
            if not clicked:  # flag by clicking the button
                qtbot.mouseClick(view_widget.flag_buttons[note.defect], Qt.MouseButton.LeftButton)
                clicked = True
            else:
                typist.type(FLAG_KEY[note.defect], gap_ms=100)
            assert run.view().note.flag is note.defect
            assert view_widget.flag_buttons[note.defect].isChecked()
        if index == 3:
            qtbot.mouseClick(view_widget.next_button, Qt.MouseButton.LeftButton)
        else:
            typist.type(" ", gap_ms=90)
    assert run.phase is Phase.REPORT
    assert view_widget.stack.currentWidget() is view_widget.report
    counts = bundle.expected_counts([d.value for d in run.fields])
    for field in run.fields:
        count = counts.get(field.value, 0)
        typist.type((str(count) if count else "") + "\t", gap_ms=120)
    assert run.bundle_index == 1
    assert "void" in view_widget.last.text()

    result = _finish(qtbot, practice, screen)
    details = result.attempt.details["details"]
    assert details["bundles_done"] == 1
    assert details["bundles_void"] == 1
    assert details["missed_defects"] == 1
    _stored_and_rescored(branch, result.attempt)
    rows = _table_text(result.findChild(QTableWidget, "countingBundleTable"))
    assert rows[0][-1] == "void"
    assert f"no. {missed_at + 1}:" in rows[0][4]
    assert "1 missed" in _tile_texts(result)


def test_the_next_note_is_drawn_once_at_the_size_the_canvas_shows_it(qtbot, practice, monkeypatch):
    """The screen asks for the second note's drawing while it is built, before it is laid
    out: it was rendered at the size of a canvas never shown (24 ms of a start's turn,
    bench/bench_heartbeat.py) and again when the first key showed that note. Now it
    waits for the canvas's first paint: every drawing rendered at the painted size, and
    the first key paints from the cache."""
    from collections import OrderedDict

    from svctrainer.gui.drills import note_images

    window = practice.window()
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    monkeypatch.setattr(note_images, "_pixmaps", OrderedDict())
    rendered: list[tuple[tuple[str, ...], int, int]] = []
    real = note_images.layered_pixmap

    def spy(layers, width, height, dpr=1.0):
        key = (tuple(layers), int(width * dpr), int(height * dpr))
        if key not in note_images._pixmaps:
            rendered.append(key)
        return real(layers, width, height, dpr)

    monkeypatch.setattr(note_images, "layered_pixmap", spy)
    screen = open_drill(qtbot, practice, "cash-counting-practice.en", Mode.PRACTICE)
    canvas = screen.view.canvas
    bundle = screen.run.bundle
    second = bundle.notes[1].visual.layers
    qtbot.waitUntil(lambda: any(key[0] == second for key in rendered) or
                    (second == bundle.notes[0].visual.layers and rendered))  # fmt: skip
    rect = canvas.note_rect()
    shown = (int(rect.width() * canvas.devicePixelRatioF()),
             int(rect.height() * canvas.devicePixelRatioF()))  # fmt: skip
    assert {key[1:] for key in rendered} == {shown}
    before = len(rendered)
    Typist(screen).type(" ", gap_ms=90)
    assert screen.run.view().note.index == 1
    canvas.repaint()
    assert len(rendered) == before  # the second note painted from the cache


def test_cash_counting_test_mode_gives_no_hint(qtbot, practice, branch, on_next_dialog):
    screen = open_drill(qtbot, practice, "cash-counting-test.en", Mode.TEST)
    typist = Typist(screen)
    run, view_widget = screen.run, screen.view
    assert view_widget.hint.isHidden()
    assert view_widget.last.isHidden()
    flagged = 0
    for note in run.bundle.notes[:12]:
        if note.defect is not None:
            typist.type(FLAG_KEY[note.defect], gap_ms=100)
            flagged += 1
        typist.type(" ", gap_ms=90)
    # No running count in a test: no progress bar, no count, no note numbers.
    assert view_widget.progress.isHidden()
    assert view_widget.counted.isHidden()
    assert view_widget.findChild(QLabel, "countYourself").isVisible()
    assert not any(ch.isdigit() for ch in view_widget.flagged.text().replace(str(flagged), ""))
    attempt = _finish(qtbot, practice, screen, on_next_dialog).attempt
    assert attempt.details["details"]["notes_counted"] == 12
    _stored_and_rescored(branch, attempt)


# -- drawer balancing ------------------------------------------------------------------------
KIND_KEY = {
    "transposed": "t",
    "missed": "m",
    "wrong_denomination": "d",
    "reversed": "r",
    "decimal_slip": "p",
    "double_posted": "e",
}


def test_drawer_balancing_practice_keys_and_clicks(qtbot, practice, branch):
    screen = open_drill(qtbot, practice, "drawer-balancing-practice.en", Mode.PRACTICE)
    typist = Typist(screen)
    run, view_widget = screen.run, screen.view
    case = run.puzzle.case
    assert view_widget.vouchers.rowCount() == len(case.vouchers)
    assert view_widget.counts.rowCount() == len(case.count)
    # An international branch's English screen says over / short, with no Chinese gloss.
    assert [b.text() for b in view_widget.report_buttons.values()] == ["O  over", "S  short"]
    error = run.puzzle.error
    _named(typist, "Home")
    for _ in range(error.row):
        _named(typist, "Down")
    assert view_widget.table.selectionModel().isRowSelected(error.row)
    typist.type(KIND_KEY[error.kind] + "\n", gap_ms=300)
    assert run.case_index == 0  # the 长短款 report is still to make: Enter did nothing
    report = "o" if run.puzzle.case.difference > 0 else "s"
    typist.type(report + "\n", gap_ms=300)
    assert "right" in view_widget.last.text()
    # Day 2: click the voucher after the right one, click an error button, Enter.
    error = run.puzzle.error
    wrong_row = (error.row + 1) % len(run.puzzle.case.vouchers)
    rect = view_widget.table.visualRect(view_widget.vouchers.index(wrong_row, 1))
    qtbot.mouseClick(view_widget.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert run.cursor == wrong_row
    qtbot.mouseClick(view_widget.kind_buttons[error.kind], Qt.MouseButton.LeftButton)
    assert run.kind is error.kind
    wrong_report = OverShort.SHORT if run.puzzle.case.difference > 0 else OverShort.OVER
    qtbot.mouseClick(view_widget.report_buttons[wrong_report], Qt.MouseButton.LeftButton)
    assert run.report is wrong_report
    typist.type("\n")
    assert f"it was voucher {error.row + 1}" in view_widget.last.text()

    result = _finish(qtbot, practice, screen)
    details = result.attempt.details["details"]
    assert details["cases_done"] == 2
    assert details["cases_right"] == 1
    assert details["cases"][1]["chosen_voucher"] == wrong_row + 1
    assert [c["report_right"] for c in details["cases"]] == [True, False]
    assert [c["points"] for c in details["cases"]] == [100, 0]
    _stored_and_rescored(branch, result.attempt)
    rows = _table_text(result.findChild(QTableWidget, "drawerCaseTable"))
    assert rows[0][5] == "✓"
    assert rows[1][4] == "✗"
    assert rows[1][6].endswith("✗")  # the drawer reported the wrong way
    assert "1 day" in _tile_texts(result).split(" | ")


def test_drawer_balancing_test_mode_by_voucher_number(qtbot, practice, branch, on_next_dialog):
    screen = open_drill(qtbot, practice, "drawer-balancing-test.en", Mode.TEST)
    typist = Typist(screen)
    run, view_widget = screen.run, screen.view
    assert view_widget.hint.isHidden()
    error = run.puzzle.error
    assert view_widget.figures["difference"].text() == "—"  # the teller works it out
    typist.type(str(error.row + 1), gap_ms=200)
    assert run.cursor == error.row
    assert f"Voucher: {error.row + 1}" in view_widget.chosen.text()
    report = "o" if run.puzzle.case.difference > 0 else "s"
    typist.type(KIND_KEY[error.kind] + report + "\n", gap_ms=200)
    attempt = _finish(qtbot, practice, screen, on_next_dialog).attempt
    assert attempt.details["details"]["cases_right"] == 1
    assert attempt.details["seed"] == run.seed  # a form of its own, stored
    _stored_and_rescored(branch, attempt)


class _ClockOnTheWall:
    """The monotonic clock the drill screen reads, moved on by the test: a minute of
    thought cannot be typed, and waiting one out would make the suite crawl."""

    def __init__(self) -> None:
        self.ns = 5_000_000_000_000

    def perf_counter_ns(self) -> int:
        return self.ns


def test_drawer_balancing_times_the_thinking_from_the_case_shown(
    qtbot, practice, branch, on_next_dialog, monkeypatch
):
    from svctrainer.gui.drills import key_input

    wall = _ClockOnTheWall()
    monkeypatch.setattr(key_input, "time", wall)
    screen = open_drill(qtbot, practice, "drawer-balancing-test.en", Mode.TEST)
    typist = Typist(screen)
    run = screen.run
    qtbot.waitUntil(lambda: run.clock.started)  # the case is on screen: the clock runs
    assert run.events[0].key == "<shown>"
    assert screen.status_label.text() == "The clock runs from the moment the case is shown."
    wall.ns += 60 * 1_000_000_000  # a minute of working out the difference, no key
    screen.tick()
    assert screen.time_label.text() == "Time left 19:00"
    assert not run.state(wall.ns).paused  # no idle pause for thinking
    error = run.puzzle.error
    report = "o" if run.puzzle.case.difference > 0 else "s"
    for ch in str(error.row + 1) + KIND_KEY[error.kind] + report + "\n":
        wall.ns += 200_000_000
        typist.type(ch)
    assert run.case_index == 1
    case_ms = run.judgements[0].ms
    assert case_ms >= 60_800  # the typing clock recorded 0:00–0:05 here
    wall.ns += 6 * 60 * 1_000_000_000  # the next case left for six minutes
    screen.tick()
    assert run.state(wall.ns).pause_reason == "case_cap"
    assert "The clock has stopped at 5:00 on this case" in screen.status_label.text()
    attempt = _finish(qtbot, practice, screen, on_next_dialog).attempt
    assert attempt.details["details"]["cases"][0]["ms"] == case_ms
    assert attempt.details["rules"] == 2
    assert attempt.duration_ms == case_ms  # a stop credits nothing after the last key
    _stored_and_rescored(branch, attempt)


def test_voucher_summing_minus_key_corrects_and_tab_asks_before_handing_in(
    qtbot, practice, branch, on_next_dialog
):
    screen = open_drill(qtbot, practice, "voucher-summing-practice.en", Mode.PRACTICE)
    typist = Typist(screen)
    run, view_widget = screen.run, screen.view
    slots = [run.book.slot(0, i) for i in range(2)]
    _key_voucher(screen, typist, _amount_text(run, slots[0].page, slots[0].row))
    _named(typist, "PageDown")
    right = _amount_text(run, slots[1].page, slots[1].row)
    wrong = ("1" if right[0] != "1" else "2") + right[1:]
    typist.type(wrong + "\n", gap_ms=120, keypad=True)
    assert view_widget.tape.count() == 2
    typist.type(wrong + "-", gap_ms=120, keypad=True)  # keyed again and subtracted
    assert view_widget.tape.count() == 1
    typist.type(right + "\n", gap_ms=120, keypad=True)
    assert view_widget.tape.item(1).text().startswith("✓")
    first = Decimal(_amount_text(run, slots[0].page, slots[0].row))
    assert run.total == first + Decimal(right)

    asked: list[tuple[str, str]] = []

    def keep_going(box) -> None:
        asked.append((box.text(), box.defaultButton().text()))
        box.defaultButton().click()  # Enter on the dialog: the safe answer

    on_next_dialog(keep_going)
    typist.type("\t")
    qtbot.waitUntil(lambda: bool(asked))
    size = run.book.spec.group_size
    assert asked[0] == (
        f"Vouchers of this group not added yet: {size - 2}. Hand in the total anyway? "
        "A total handed in cannot be changed.",
        "Keep going",
    )
    assert run.view().group_index == 0  # still keying the group
    on_next_dialog(lambda box: next(b for b in box.buttons() if b.text() == "Hand in").click())
    typist.type("\t")
    assert run.view().group_index == 1
    result = _finish(qtbot, practice, screen)
    details = result.attempt.details["details"]
    assert (details["groups"][0]["entries"], details["groups"][0]["right_entries"]) == (2, 2)
    assert details["corrections"] == 1
    _stored_and_rescored(branch, result.attempt)
