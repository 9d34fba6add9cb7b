"""The "Log a hand count" form: a trainer picks a team member, fills in the count, sees
every problem next to its field, saves; the result is in the person's history. Tellers
cannot reach it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt

from svctrainer.core.hand_count import CountingMethod
from svctrainer.gui.pages.hand_count_form import HandCountDialog, HandCountForm

pytestmark = pytest.mark.gui


def _form(qtbot, window) -> HandCountForm:
    form = HandCountForm(window.context)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(lambda: form.person.count() > 0)
    return form


def _fill(qtbot, form, **values: str) -> None:
    for name, text in values.items():
        edit = form.inputs[name]
        edit.clear()
        qtbot.keyClicks(edit, text)


def _settle(qtbot, window) -> None:
    """Let the landing page finish loading before signing out."""
    window.background.wait()
    qtbot.wait(50)


def test_a_teller_cannot_log_a_hand_count(qtbot, window, sign_in, branch):
    sign_in(branch.teller)
    assert not window.hand_count_action.isVisible()
    window.log_hand_count()  # nothing opens (an unexpected dialog would fail the test)
    _settle(qtbot, window)


def test_the_menu_action_is_for_trainers(qtbot, window, sign_in, branch):
    sign_in(branch.trainer)
    assert window.hand_count_action.isVisible()
    assert window.hand_count_action.shortcut().toString() == "Ctrl+Shift+H"
    _settle(qtbot, window)
    window.sign_out()
    assert not window.hand_count_action.isVisible()


def test_problems_are_shown_next_to_their_fields_then_the_count_is_saved(
    qtbot, window, sign_in, branch
):
    sign_in(branch.trainer)
    form = _form(qtbot, window)
    names = [form.person.itemText(i) for i in range(form.person.count())]
    assert not any("Otto Outsider" in n for n in names)  # team B: not this trainer's
    assert form.select_person(branch.teller.id)

    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)  # nothing filled in
    shown = form.problems_shown()
    assert shown["minutes"] == "Choose 3 or 5 minutes."
    assert shown["notes_counted"] == "Required."
    assert shown["defects_found"] == "Required."
    assert "Not saved" in form.status.text()

    form.minutes_group.button(5).click()
    _fill(qtbot, form, notes_counted="9999", defects_planted="2", defects_found="3")
    form.save()
    shown = form.problems_shown()
    assert shown == {
        "notes_counted": "A whole number from 0 to 5000.",
        "defects_found": "More defects found than were planted.",
    }

    form.day.setDate(QDate(2026, 11, 20))
    _fill(qtbot, form, notes_counted="612", defects_planted="4", defects_found="3",
          banding_penalties="1")  # fmt: skip
    qtbot.keyClicks(form.note, "new practice notes")
    form.method.setFocus()
    form.method.setCurrentIndex(form.method.findData("multi_note"))
    assert "多指多张" in form.method.currentText()
    qtbot.keyClick(form.banded, Qt.Key.Key_Space)  # the box ticked from the keyboard
    assert form.banded.isChecked()
    assert not form.stamped.isChecked()
    with qtbot.waitSignal(form.saved, timeout=10_000) as saved:
        qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    entry = saved.args[0]
    assert form.problems_shown() == {}
    assert entry.notes_per_min == 98.4  # (612 − 100 − 20) / 5
    assert "Saved: Tom Teller, 2026-11-20, 5 min" in form.status.text()
    assert form.inputs["notes_counted"].text() == ""
    assert form.recent.rows()[0].attempt_id == entry.attempt_id

    history = branch.services.attempts.history(branch.actor(branch.trainer), branch.teller.id)
    (attempt,) = history
    assert attempt.id == entry.attempt_id
    assert attempt.mode == "logged"
    assert attempt.details["details"]["note"] == "new practice notes"
    stored = attempt.details["details"]
    assert (stored["method"], stored["banded"], stored["stamped"]) == ("multi_note", True, False)
    assert (entry.method, entry.banded, entry.stamped) == (CountingMethod.MULTI_NOTE, True, False)
    row = [form.recent.data(form.recent.index(0, c)) for c in range(form.recent.columnCount())]
    assert "several notes a stroke (多指多张)" in row
    assert "yes, no" in row
    assert not form.banded.isChecked()  # cleared for the next count


def test_the_dialog_from_the_tools_menu_saves_a_count(
    qtbot, window, sign_in, branch, on_next_dialog
):
    sign_in(branch.trainer)
    seen = {}

    def fill(dialog: HandCountDialog) -> None:
        form = dialog.form
        qtbot.waitUntil(lambda: form.person.count() > 0)
        form.select_person(branch.other_teller.id)
        form.minutes_group.button(3).click()
        for name, text in (("notes_counted", "330"), ("defects_found", "1")):
            form.inputs[name].setText(text)
        with qtbot.waitSignal(form.saved, timeout=10_000) as saved:
            form.save_button.click()
        seen["entry"] = saved.args[0]
        dialog.accept()

    on_next_dialog(fill)
    window.hand_count_action.trigger()
    entry = seen["entry"]
    assert entry.person_name == "Tess Teller"
    assert entry.minutes == 3
    assert entry.notes_per_min == 110.0
    recent = branch.services.hand_count.list_recent(branch.actor(branch.trainer))
    assert [e.attempt_id for e in recent] == [entry.attempt_id]
