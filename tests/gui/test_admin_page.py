import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from svctrainer.core.roles import Role
from svctrainer.services.actor import Actor

pytestmark = pytest.mark.gui


@pytest.fixture
def admin_page(qtbot, window, sign_in, branch):
    sign_in(branch.admin)
    assert window.go_to("admin")
    page = window.pages["admin"]
    qtbot.waitUntil(lambda: page.people.model.rowCount() == 6)
    return page


def test_admin_adds_a_person_through_the_dialog(qtbot, admin_page, branch, on_next_dialog):
    def fill(dialog):
        qtbot.keyClicks(dialog.name, "Nina New")
        qtbot.keyClicks(dialog.number, "T42")
        dialog.team.setCurrentIndex(dialog.team.findText("Team B"))
        dialog.role_boxes[Role.TRAINER].setChecked(True)
        qtbot.keyClicks(dialog.pin, "13579")
        qtbot.keyClicks(dialog.pin_again, "13579")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    on_next_dialog(fill)
    admin_page.people.add_button.click()
    qtbot.waitUntil(lambda: admin_page.people.model.rowCount() == 7)
    added = next(p for p in admin_page.people.model.rows() if p.employee_number == "T42")
    assert added.team_name == "Team B"
    assert added.roles == {Role.TELLER, Role.TRAINER}
    assert admin_page.people.selected().employee_number == "T42"


def test_duplicate_number_keeps_the_dialog_open_with_the_reason(qtbot, admin_page, on_next_dialog):
    messages = []

    def fill(dialog):
        qtbot.keyClicks(dialog.name, "Copy Cat")
        qtbot.keyClicks(dialog.number, "T1")
        qtbot.keyClicks(dialog.pin, "1234")
        qtbot.keyClicks(dialog.pin_again, "1234")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        # Saved in the background: the dialog stays open and shows why it was refused.
        qtbot.waitUntil(lambda: "already belongs" in dialog.error.text(), timeout=10_000)
        messages.append(dialog.error.text())
        assert dialog.isVisible()
        assert dialog.name.text() == "Copy Cat"  # nothing typed is lost
        dialog.reject()

    on_next_dialog(fill)
    admin_page.people.add_button.click()
    assert "already belongs to Tom Teller" in messages[0]
    assert admin_page.people.model.rowCount() == 6


def test_deactivate_asks_first_and_can_be_undone(qtbot, admin_page, branch, on_next_dialog):
    tab = admin_page.people
    assert tab.select("T2")

    def cancel(box):
        box.button(QMessageBox.StandardButton.Cancel).click()

    on_next_dialog(cancel)
    tab.active_button.click()
    assert next(p for p in tab.model.rows() if p.employee_number == "T2").active

    def accept(box):
        next(b for b in box.buttons() if b.text() == "Deactivate").click()

    on_next_dialog(accept)
    tab.active_button.click()
    qtbot.waitUntil(
        lambda: not next(p for p in tab.model.rows() if p.employee_number == "T2").active
    )
    assert tab.active_button.text() == "&Activate"
    tab.active_button.click()  # activating needs no confirmation
    qtbot.waitUntil(lambda: next(p for p in tab.model.rows() if p.employee_number == "T2").active)


def test_reset_pin_from_the_admin_page(qtbot, admin_page, branch, on_next_dialog):
    assert admin_page.people.select("T1")

    def fill(dialog):
        qtbot.keyClicks(dialog.pin, "86420")
        qtbot.keyClicks(dialog.pin_again, "86420")
        dialog.accept()

    on_next_dialog(fill)
    admin_page.people.pin_button.click()
    admin_page.people._ctx.background.wait()
    qtbot.waitUntil(lambda: not admin_page.people._ctx.background.busy)
    assert branch.services.auth.sign_in(branch.teller.id, "86420")
    entries = branch.services.audit.recent(Actor.command_line())
    assert entries[1].action == "person.pin_reset" or entries[0].action == "person.pin_reset"


def test_filter_people(qtbot, admin_page):
    qtbot.keyClicks(admin_page.people.filter, "trainer")
    assert admin_page.people.proxy.rowCount() == 1


def test_database_tab_backs_up_and_checks(qtbot, admin_page):
    admin_page.tabs.setCurrentIndex(2)
    tab = admin_page.tabs.currentWidget()
    tab.backup_button.click()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=10_000)
    assert tab.model.row_at(0).reason == "manual"
    tab.check_button.click()
    qtbot.waitUntil(lambda: tab.health.text().startswith("Healthy"), timeout=10_000)


def test_audit_tab_lists_entries(qtbot, admin_page):
    admin_page.tabs.setCurrentIndex(3)
    view = admin_page.tabs.currentWidget()
    qtbot.waitUntil(lambda: view.model.rowCount() > 5)
    actions = {
        view.model.index(r, 2).data(Qt.ItemDataRole.DisplayRole)
        for r in range(view.model.rowCount())
    }
    assert {"auth.sign_in", "person.create", "team.trainers"} <= actions


def test_teams_tab_sets_trainers(qtbot, admin_page, branch, on_next_dialog):
    admin_page.tabs.setCurrentIndex(1)
    tab = admin_page.tabs.currentWidget()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2)
    tab.table.selectRow(1)  # Team B

    def tick(dialog):
        item = dialog.list.item(0)
        item.setCheckState(Qt.CheckState.Checked)
        dialog.accept()

    on_next_dialog(tick)
    tab.trainers_button.click()
    qtbot.waitUntil(lambda: "Tia Trainer" in tab.model.index(1, 2).data())


def test_audit_log_exports_to_csv_with_formulas_neutralised(qtbot, admin_page, branch, tmp_path):
    import csv

    from svctrainer.services.actor import Actor as _Actor

    sly = branch.services.people.create_person(
        _Actor.command_line(),
        name="=SUM(A1)",
        employee_number="Z9",
        pin="2468",
        roles=[Role.TELLER],
    )
    branch.services.auth.sign_in(sly.id, "2468")  # audited under the name "=SUM(A1) (Z9)"
    admin_page.tabs.setCurrentIndex(3)
    view = admin_page.tabs.currentWidget()
    view.refresh()
    qtbot.waitUntil(lambda: any(e.actor.startswith("=SUM") for e in view.model.rows()))
    path = view.export_csv(str(tmp_path / "audit.csv"))
    with open(path, encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[0] == [
        "at_utc", "actor", "action", "target_type", "target_id", "target", "detail",
    ]  # fmt: skip
    assert len(rows) - 1 == view.model.rowCount()
    actors = [r[1] for r in rows[1:]]
    assert "'=SUM(A1) (Z9)" in actors  # a spreadsheet shows it as text, never runs it
    assert not any(a.startswith("=") for a in actors)
    targets = [r[5] for r in rows[1:]]
    assert "'=SUM(A1) (Z9)" in targets
    assert not any(t.startswith("=") for t in targets)


def test_admin_requires_six_digit_pins_from_the_people_tab(qtbot, admin_page, branch):
    people = admin_page.people
    qtbot.waitUntil(lambda: people.pin_digits.value() == 4)
    people.pin_digits.setValue(6)
    people.pin_apply.click()
    qtbot.waitUntil(people.pin_apply.isEnabled, timeout=10_000)
    assert branch.services.settings.pin_policy(Actor.command_line()).min_digits == 6


def test_audit_tab_names_the_person_an_entry_is_about(qtbot, admin_page, branch):
    admin_page.tabs.setCurrentIndex(3)
    view = admin_page.tabs.currentWidget()
    qtbot.waitUntil(lambda: view.model.rowCount() > 5)
    about = {
        view.model.index(r, 3).data(Qt.ItemDataRole.DisplayRole)
        for r in range(view.model.rowCount())
    }
    assert "Tom Teller (T1)" in about


def test_database_tab_restores_a_backup_after_confirming(qtbot, admin_page, branch, on_next_dialog):
    admin_page.tabs.setCurrentIndex(2)
    tab = admin_page.tabs.currentWidget()
    tab.backup_button.click()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=10_000)
    branch.services.people.create_team(Actor.command_line(), "After the backup")
    tab.table.selectRow(0)
    said: list[str] = []

    def confirm_then_read(box):
        next(b for b in box.buttons() if b.text() == "Restore").click()
        on_next_dialog(lambda done: (said.append(done.text()), done.accept()))

    on_next_dialog(confirm_then_read)
    tab.restore_selected()
    qtbot.waitUntil(lambda: bool(said), timeout=20_000)
    assert "The backup was restored" in said[0]
    teams = [t.name for t in branch.services.people.list_teams(Actor.command_line())]
    assert "After the backup" not in teams


def test_only_the_landing_tab_is_built_with_the_page(qtbot, admin_page):
    """The other tabs are built when first shown, in their place, and load then."""
    from svctrainer.gui.pages.admin_teams import TeamsTab

    assert not admin_page.findChildren(TeamsTab)
    titles = [admin_page.tabs.tabText(i) for i in range(admin_page.tabs.count())]
    admin_page.tabs.setCurrentIndex(1)  # as a click on "Teams" does
    qtbot.waitUntil(lambda: isinstance(admin_page.tabs.currentWidget(), TeamsTab))
    teams = admin_page.tabs.currentWidget()
    assert admin_page.teams is teams
    assert [admin_page.tabs.tabText(i) for i in range(admin_page.tabs.count())] == titles
    qtbot.waitUntil(lambda: teams.model.rowCount() == 2)


def test_the_people_columns_fit_their_contents_once_loaded(qtbot, admin_page):
    """Sized once per load (not measured again on every show): each column but the
    stretched last one is as wide as its widest cell, also after the page is shown again."""
    table = admin_page.people.table
    columns = admin_page.people.model.columnCount() - 1
    widths = [table.columnWidth(c) for c in range(columns)]
    assert all(w >= table.sizeHintForColumn(c) for c, w in enumerate(widths))
    admin_page.window().go_to("practice")
    admin_page.window().go_to("admin")
    assert [table.columnWidth(c) for c in range(columns)] == widths
