"""Text people type: oversize, control characters, bidi overrides, emoji, and markup in
names — refused with a reason, or shown literally, never interpreted."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from svctrainer.core.roles import Role
from svctrainer.services.actor import Actor

pytestmark = pytest.mark.gui
MARKUP_NAME = "<b>Bold</b> <img src=x> & Co"


def test_a_name_with_markup_is_shown_literally(qtbot, window, sign_in, branch, on_next_dialog):
    person = branch.services.people.create_person(
        Actor.command_line(),
        name=MARKUP_NAME,
        employee_number="X1",
        pin="2468",
        roles=[Role.TELLER],
    )
    window.login.refresh()
    qtbot.waitUntil(lambda: window.login.model.rowCount() == 7)
    sign_in(person)
    label = window.person_label
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert MARKUP_NAME in label.text()


def test_confirmations_quote_names_as_plain_text(qtbot, window, sign_in, branch, on_next_dialog):
    branch.services.people.create_person(
        Actor.command_line(),
        name=MARKUP_NAME,
        employee_number="X1",
        pin="2468",
        roles=[Role.TELLER],
    )
    sign_in(branch.admin)
    window.go_to("admin")
    tab = window.pages["admin"].people
    qtbot.waitUntil(lambda: tab.model.rowCount() == 7)
    assert tab.select("X1")
    seen = {}

    def read(box: QMessageBox):
        seen["format"] = box.textFormat()
        seen["text"] = box.text()
        box.button(QMessageBox.StandardButton.Cancel).click()

    on_next_dialog(read)
    tab.active_button.click()
    assert seen["format"] == Qt.TextFormat.PlainText
    assert MARKUP_NAME in seen["text"]


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Mallory\u202egnp.exe", "text-direction control"),
        ("Bell\x07", "invisible control character"),
        ("x" * 81, "limit is 80"),
    ],
)
def test_the_person_dialog_explains_refused_names(  # noqa: PLR0917 - pytest fixtures
    qtbot, window, sign_in, branch, on_next_dialog, name, shown
):
    sign_in(branch.admin)
    window.go_to("admin")
    tab = window.pages["admin"].people
    qtbot.waitUntil(lambda: tab.model.rowCount() == 6)
    messages = []

    def fill(dialog):
        dialog.name.setMaxLength(200)  # what a paste into a wider field would give
        dialog.name.setText(name)
        qtbot.keyClicks(dialog.number, "N1")
        qtbot.keyClicks(dialog.pin, "1234")
        qtbot.keyClicks(dialog.pin_again, "1234")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        # Saved in the background: the dialog stays open and then shows the refusal.
        try:
            qtbot.waitUntil(lambda: dialog.error.text() not in ("", "Saving…"), timeout=10_000)
        finally:
            messages.append(dialog.error.text())
            dialog.reject()

    on_next_dialog(fill)
    tab.add_button.click()
    assert shown in messages[0]
    assert tab.model.rowCount() == 6


def test_the_name_field_caps_length_and_keeps_emoji(qtbot, window, sign_in, branch, on_next_dialog):
    sign_in(branch.admin)
    window.go_to("admin")
    tab = window.pages["admin"].people
    qtbot.waitUntil(lambda: tab.model.rowCount() == 6)

    def fill(dialog):
        qtbot.keyClicks(dialog.name, "x" * 200)
        assert len(dialog.name.text()) == 80  # the field stops at the limit
        dialog.name.clear()
        dialog.name.insert("Ana 🙂 Lee")  # emoji come from the input method or a paste
        qtbot.keyClicks(dialog.number, "E7")
        qtbot.keyClicks(dialog.pin, "1234")
        qtbot.keyClicks(dialog.pin_again, "1234")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    on_next_dialog(fill)
    tab.add_button.click()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 7)
    assert any(p.name == "Ana 🙂 Lee" for p in tab.model.rows())
