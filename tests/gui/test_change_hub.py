"""One hub runs writes and tells the pages what changed: a page reloads for another's
change that concerns it, and skips its own."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QWidget

from svctrainer.core.roles import Role
from svctrainer.gui.background import Background
from svctrainer.gui.change_hub import ChangeHub
from svctrainer.gui.pages.admin_people import PeopleTab
from svctrainer.services.actor import Actor
from svctrainer.services.changes import ATTEMPTS, CONTENT, PEOPLE, TEAMS

pytestmark = pytest.mark.gui
CLI = Actor.command_line()


@pytest.fixture
def hub(qtbot):
    background = Background()
    yield ChangeHub(background)
    background.wait()


def _page(qtbot, hub, concerns, log, name):
    page = QWidget()
    qtbot.addWidget(page)
    hub.subscribe(page, concerns, lambda: log.append(name))
    return page


def test_a_write_reaches_the_pages_it_concerns_except_its_own(qtbot, hub, branch):
    log: list[str] = []
    writer = _page(qtbot, hub, PEOPLE, log, "writer")
    _page(qtbot, hub, PEOPLE | TEAMS, log, "people page")
    _page(qtbot, hub, CONTENT, log, "content page")
    people = branch.services.people
    hub.write(writer, people.set_active, CLI, branch.teller.id, False).then(
        lambda person: log.append(f"done: active={person.active}")
    ).run()
    qtbot.waitUntil(lambda: "people page" in log, timeout=10_000)
    # The writer sees its own result first, then the others hear; the writer and the
    # page that shows only content are not asked to reload.
    assert log == ["done: active=False", "people page"]
    assert not people.find_by_employee_number(CLI, "T1").active


def test_a_refused_write_broadcasts_nothing(qtbot, hub, branch):
    log: list[str] = []
    heard: list[object] = []
    hub.changed.connect(lambda changes, _initiator: heard.append(changes))
    admin = branch.actor(branch.admin)
    writer = _page(qtbot, hub, PEOPLE, log, "writer")
    _page(qtbot, hub, PEOPLE, log, "other")
    hub.write(writer, branch.services.people.set_roles, admin, branch.admin.id, []).failing(
        log.append
    ).run()
    qtbot.waitUntil(lambda: len(log) == 1, timeout=10_000)
    assert len(log) == 1
    assert "choose at least one role" in str(log[0])
    hub.write(writer, branch.services.people.set_active, admin, branch.admin.id, False).failing(
        log.append
    ).run()
    qtbot.waitUntil(lambda: len(log) == 2, timeout=10_000)
    assert heard == []


def test_a_closed_page_hears_nothing(qtbot, hub, branch):
    log: list[str] = []
    gone = QWidget()
    hub.subscribe(gone, ATTEMPTS | PEOPLE, lambda: log.append("gone"))
    gone.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(gone)
    hub.publish(PEOPLE, initiator=None)  # e.g. a drill session announcing its save
    assert log == []


def test_only_declared_writes_go_through_the_hub(hub, branch):
    with pytest.raises(TypeError, match="not a service write"):
        hub.write(None, branch.services.people.list_people, CLI)


def test_admin_pages_refresh_for_each_other_and_skip_their_own(  # noqa: PLR0917
    qtbot, window, sign_in, branch, on_next_dialog, monkeypatch
):
    """Deactivating a person on the People tab changes a team's head count: the Teams
    tab reloads by itself; the People tab reloads once (for its own result), not a second
    time for its own broadcast."""
    reloads: list[str] = []
    reload_people = PeopleTab.refresh
    monkeypatch.setattr(
        PeopleTab, "refresh", lambda tab: (reloads.append("people"), reload_people(tab))[1]
    )
    sign_in(branch.admin)
    assert window.go_to("admin")
    admin = window.pages["admin"]
    admin.tabs.setCurrentIndex(1)  # Teams
    teams = admin.tabs.currentWidget()
    qtbot.waitUntil(lambda: teams.model.rowCount() == 2)
    assert teams.model.row_at(1).member_count == 1  # Team B: Otto
    admin.tabs.setCurrentIndex(0)  # People (reloads it)
    people = admin.people
    qtbot.waitUntil(lambda: people.model.rowCount() == 6)
    window.background.wait()
    QApplication.processEvents()
    reloads.clear()
    assert people.select("T3")
    on_next_dialog(lambda box: next(b for b in box.buttons() if b.text() == "Deactivate").click())
    people.active_button.click()
    qtbot.waitUntil(lambda: teams.model.row_at(1).member_count == 0, timeout=10_000)
    window.background.wait()
    QApplication.processEvents()
    assert reloads == ["people"]
    assert not next(p for p in people.model.rows() if p.employee_number == "T3").active


def test_a_refused_edit_keeps_the_dialog_open_and_changes_nothing(
    qtbot, window, sign_in, branch, on_next_dialog
):
    """The admin renames themself and drops their own admin role in one edit: refused
    as a whole, the reason shows in the dialog and the name stays."""
    sign_in(branch.admin)
    assert window.go_to("admin")
    people = window.pages["admin"].people
    qtbot.waitUntil(lambda: people.model.rowCount() == 6)
    assert people.select("A1")
    seen = {}

    def edit(dialog):
        dialog.name.setText("Ada Renamed")
        dialog.role_boxes[Role.ADMIN].setChecked(False)
        dialog.role_boxes[Role.TELLER].setChecked(True)
        dialog.buttons.accepted.emit()
        try:
            qtbot.waitUntil(lambda: "active admin" in dialog.error.text(), timeout=10_000)
        finally:
            seen["error"] = dialog.error.text()
            dialog.reject()

    on_next_dialog(edit)
    people.edit_button.click()
    assert "the branch must keep at least one active admin" in seen["error"]
    assert branch.services.people.find_by_employee_number(CLI, "A1").name == "Ada Admin"
    assert next(p for p in people.model.rows() if p.employee_number == "A1").name == "Ada Admin"


def test_a_write_that_ends_after_its_window_closed_is_kept_quietly(qtbot, branch):
    """The write is saved; its broadcast, with no window left to hear it, is dropped
    instead of raising in the event loop."""
    background = Background()
    window = QWidget()
    hub = ChangeHub(background, window)
    hub.write(None, branch.services.people.create_team, CLI, "Team C").run()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(hub)
    background.wait()
    QApplication.processEvents()  # the result arrives for the closed window
    assert "Team C" in [t.name for t in branch.services.people.list_teams(CLI)]
