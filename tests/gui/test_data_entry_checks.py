"""The zh data-entry form as a core banking screen: the teller keys a customer's name
through the input method, then a resident ID number with a wrong check character; the
form refuses it and says why, the teller corrects it, and the stored attempt and the
result screen count the refused value."""

from __future__ import annotations

import pytest
from drill_typing import Typist
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QTableWidget

from svctrainer.core.drills.resident_id import CHECK_CHARACTERS
from svctrainer.core.packs.definition import Mode

pytestmark = [pytest.mark.gui, pytest.mark.shipped_content]


def _commit(screen, text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(screen, event)


def test_a_wrong_id_check_character_is_refused_and_counted(qtbot, practice, branch, on_next_dialog):
    content_id = "data-entry-test.zh"
    assert practice.select_content(content_id)
    qtbot.waitUntil(
        lambda: practice._current is not None and practice._current[0].content_id == content_id
    )
    practice.test_button.click()
    qtbot.waitUntil(lambda: practice.current_screen is not None, timeout=10_000)
    screen = practice.current_screen
    typist = Typist(screen)
    fields = screen.run.current_item.fields
    assert [f.name for f in fields[:3]] == ["customer", "id_number", "mobile"]
    _commit(screen, fields[0].expected)
    typist.type("\t")
    number = fields[1].expected
    wrong = CHECK_CHARACTERS[(CHECK_CHARACTERS.index(number[-1]) + 1) % 11]
    typist.type(number[:-1] + wrong + "\t")
    assert screen.run.state(None).field_index == 1  # refused: the cursor stays
    refusal = screen.view.refusal
    assert "Check digit does not match" in refusal.text()
    typist.type("\b" + number[-1] + "\t")
    assert screen.run.state(None).field_index == 2
    assert refusal.text() == ""
    for field in fields[2:]:
        typist.type(field.expected + "\t", gap_ms=120)
    on_next_dialog(lambda box: next(b for b in box.buttons() if b.text() == "Stop").click())
    screen.request_stop()
    qtbot.waitUntil(
        lambda: (
            practice.current_screen is not None
            and practice.current_screen.objectName() == "resultScreen"
        ),
        timeout=10_000,
    )
    result = practice.current_screen
    stats = result.attempt.details["details"]["field_stats"]
    assert stats["id_number"]["invalid"] == 1
    assert stats["id_number"]["exact"] == 1
    tables = [  # the per-field table, not the grade table beside it
        t
        for t in result.findChildren(QTableWidget)
        if t.columnCount() == 4 and t.horizontalHeaderItem(0).text() == "Field"
    ]
    assert tables, "the per-field table shows the refused values"
    rows = {
        tables[0].item(r, 0).text(): tables[0].item(r, 3).text()
        for r in range(tables[0].rowCount())
    }
    assert rows["id_number"] == "1"
    actor = branch.actor(branch.teller)
    assert branch.services.attempts.rescore(actor, result.attempt.id).matches
    assert screen.run.mode is Mode.TEST
