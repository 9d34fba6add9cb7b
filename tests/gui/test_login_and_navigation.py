"""Signing in through the real widgets and visiting every page a role may see."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from svctrainer.core.roles import Role, permissions_of
from svctrainer.gui.navigation import TARGETS, targets_for

pytestmark = pytest.mark.gui

PEOPLE = {
    "teller": ("teller", {"practice", "progress", "assignments"}),
    "trainer": ("trainer", {"practice", "progress", "assignments", "trainer"}),
    "supervisor": ("supervisor", {"practice", "progress", "assignments", "supervisor"}),
    "admin": ("admin", {"practice", "progress", "assignments", "admin"}),
}


@pytest.mark.parametrize("who", sorted(PEOPLE))
def test_each_role_navigates_every_page_it_may_see(qtbot, window, sign_in, branch, who):
    attr, expected = PEOPLE[who]
    person = getattr(branch, attr)
    sign_in(person)
    assert window.stack.currentWidget() is window.shell
    assert person.name in window.person_label.text()
    shown = {
        window.nav.item(i).data(Qt.ItemDataRole.UserRole + 2) for i in range(window.nav.count())
    }
    assert shown == expected
    for target in TARGETS:
        action = window.findChild(type(window.sign_out_action), f"go_{target.key}")
        if target.key in expected:
            # Navigate with the keyboard shortcut, as a person would.
            QTest.keySequence(window, QKeySequence(target.shortcut))
            assert window.current_page_key() == target.key
            assert window.page_stack.currentWidget() is window.pages[target.key]
            assert window.pages[target.key].isVisible()
        else:
            assert action is None
            assert window.go_to(target.key) is False


def test_navigation_table_matches_roles():
    assert [t.key for t in targets_for(permissions_of({Role.TELLER}))] == [
        "assignments",
        "practice",
        "progress",
    ]
    assert {t.shortcut for t in TARGETS} == {f"Ctrl+{i}" for i in range(1, 7)}


@pytest.mark.shipped_content
def test_a_teller_lands_on_assignments_only_while_some_are_open(qtbot, window, sign_in, branch):
    from datetime import date, timedelta

    svc = branch.services
    svc.content.sync_bundled()
    sign_in(branch.teller)
    assert window.current_page_key() == "practice"  # nothing assigned yet
    qtbot.waitUntil(lambda: not window.background.busy)
    window.sign_out_action.trigger()
    svc.assignments.create(
        branch.actor(branch.trainer),
        targets={"tenkey-amounts-test.en": {"mode": "test"}},
        team_ids=[branch.team_a.id],
        due_on=date.today() + timedelta(days=3),
    )
    sign_in(branch.teller)
    assert window.current_page_key() == "assignments"
    assert window.nav.item(0).data(Qt.ItemDataRole.UserRole + 2) == "assignments"
    qtbot.waitUntil(lambda: not window.background.busy)
    window.sign_out_action.trigger()
    sign_in(branch.outsider_teller)  # team B: nothing open
    assert window.current_page_key() == "practice"


def test_wrong_pin_is_explained_and_the_profile_locks(qtbot, window, branch):
    login = window.login
    assert login.select_profile("T1")
    for attempt in range(5):
        qtbot.keyClicks(login.pin, "0000")
        qtbot.keyClick(login.pin, Qt.Key.Key_Return)
        if attempt < 4:
            qtbot.waitUntil(
                lambda a=attempt: f"{4 - a} attempt" in login.error.text(), timeout=10_000
            )
    qtbot.waitUntil(lambda: "locked" in login.error.text(), timeout=10_000)
    assert window.context is None
    assert login.pin.text() == ""


def test_pin_field_accepts_only_digits(qtbot, window):
    window.login.select_profile("T1")
    qtbot.keyClicks(window.login.pin, "12ab34")
    assert window.login.pin.text() == "1234"


def test_search_filters_profiles(qtbot, window):
    qtbot.keyClicks(window.login.search, "Tess")
    qtbot.waitUntil(lambda: window.login.model.rowCount() == 1)
    assert "Tess Teller" in window.login.model.item(0).text()


def test_sign_out_returns_to_login(qtbot, window, sign_in, branch):
    sign_in(branch.teller)
    window.sign_out_action.trigger()
    assert window.stack.currentWidget() is window.login
    assert window.context is None
    assert window.pages == {}
    assert "Not signed in" in window.person_label.text()


def test_window_geometry_is_remembered(qtbot, window, branch):
    window.resize(720, 540)  # inside the offscreen screen (800×600)
    window.close()
    from svctrainer.gui.main_window import MainWindow
    from svctrainer.gui.settings import GuiSettings

    again = MainWindow(GuiSettings())
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (720, 540)
    QApplication.processEvents()
