"""Text entry (汉字录入) end to end: a teller copies the zh passage through the input
method (real QInputMethodEvents: pre-edit while composing pinyin, then the commit), fixes
a wrong homophone with Backspace; the en pack is typed key by key. The stored attempt
counts only committed characters, re-scores to the same figures and the result screen
shows the contest marking."""

from __future__ import annotations

import pytest
from drill_typing import Typist, open_drill
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QTableWidget

from svctrainer.core.packs.definition import Mode

pytestmark = [pytest.mark.gui, pytest.mark.shipped_content]


def _compose(screen, pinyin: str) -> None:
    """The input method shows what is being composed; nothing is committed yet."""
    QApplication.sendEvent(screen, QInputMethodEvent(pinyin, []))


def _commit(screen, text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(screen, event)


def _finish(qtbot, page, screen, on_next_dialog):
    if screen.run.mode is Mode.TEST:
        on_next_dialog(lambda box: next(b for b in box.buttons() if b.text() == "Stop").click())
    screen.request_stop()
    qtbot.waitUntil(
        lambda: (
            page.current_screen is not None and page.current_screen.objectName() == "resultScreen"
        ),
        timeout=10_000,
    )
    return page.current_screen


def _marking(result) -> dict[str, str]:
    table = result.findChild(QTableWidget, "textMarkingTable")
    assert table is not None
    return {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}


def test_chinese_copy_typing_counts_commits_not_the_pre_edit(
    qtbot, practice, branch, on_next_dialog
):
    screen = open_drill(qtbot, practice, "text-entry-test.zh", Mode.TEST)
    assert screen.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    text = screen.run.passage.text
    view = screen.view
    _compose(screen, "zun'jing")
    assert "zun'jing" in view.preedit.text()
    assert screen.run.state(None).strokes == 0  # composing is not typing
    assert not screen.run.state(None).started
    _commit(screen, text[:2])
    assert view.preedit.text() == ""
    _compose(screen, "de")
    _commit(screen, "得")  # a wrong homophone for the next character
    state = screen.run.state(None)
    assert (state.position, state.wrong_positions) == (3, (2,))
    assert "得" in view.typed.text()
    Typist(screen).type("\b")
    assert screen.run.state(None).position == 2
    for i in range(2, 32, 3):
        _compose(screen, "pinyin")
        _commit(screen, text[i : i + 3])
    assert screen.run.state(None).position == 32
    result = _finish(qtbot, practice, screen, on_next_dialog)
    attempt = result.attempt
    details = attempt.details["details"]
    assert attempt.speed_unit == "cpm"
    assert (details["correct"], details["wrong"], details["extra"]) == (32, 0, 0)
    assert details["typed_chars"] == 33  # the 得, then 32 right ones
    assert details["corrections"] == 1
    marking = _marking(result)
    assert marking["Correct characters"] == "32"
    assert marking["Corrections (Backspace)"] == "1"
    actor = branch.actor(branch.teller)
    assert branch.services.attempts.rescore(actor, attempt.id).matches


def test_english_copy_typing_is_in_words_per_minute(qtbot, practice, branch):
    screen = open_drill(qtbot, practice, "text-entry-practice.en", Mode.PRACTICE)
    assert not screen.drill_view.wants_ime()
    text = screen.run.passage.text
    typist = Typist(screen)
    typist.type(text[:20], gap_ms=150)
    typist.type("x\b", gap_ms=150)  # a slip, corrected
    typist.type(text[20:41], gap_ms=150)
    result = _finish(qtbot, practice, screen, None)
    attempt = result.attempt
    details = attempt.details["details"]
    assert attempt.speed_unit == "wpm"
    assert details["unit"] == "wpm"
    assert details["correct"] == 41
    assert details["corrections"] == 1
    assert attempt.speed == details["net_wpm"]
    actor = branch.actor(branch.teller)
    assert branch.services.attempts.rescore(actor, attempt.id).matches
