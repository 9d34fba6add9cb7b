"""The trainer console and "My assignments" driven through the real widgets: assigning a
drill to a team in the dialog, a teller finding it first and completing it, importing
content with errors, previewing, editing, cancelling and invalidating a result."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from drill_typing import Typist
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from svctrainer.core.assignment_progress import Status
from svctrainer.core.content_files import check_content_file
from svctrainer.gui.dialogs.assignment_dialog import ID_ROLE
from svctrainer.services.actor import Actor

pytestmark = [pytest.mark.gui, pytest.mark.shipped_content]

CLI = Actor.command_line()
TEST_PACK = "tenkey-amounts-test.en"
DRILLS = Path(__file__).resolve().parents[2] / "drills"


@pytest.fixture
def content(branch):
    branch.services.content.sync_bundled()
    return branch


def _idle(qtbot, window):
    qtbot.waitUntil(lambda: not window.background.busy, timeout=10_000)


def _trainer_page(qtbot, window, sign_in, branch):
    sign_in(branch.trainer)
    assert window.go_to("trainer")
    page = window.pages["trainer"]
    _idle(qtbot, window)
    return page


@pytest.fixture
def console(qtbot, window, sign_in, content):
    """(the branch, its trainer signed in on the Trainer page), content synced."""
    return content, _trainer_page(qtbot, window, sign_in, content)


def _sign_out(qtbot, window):
    _idle(qtbot, window)
    window.sign_out_action.trigger()


def test_trainer_assigns_a_team_and_a_teller_completes_it(
    qtbot, window, sign_in, content, on_next_dialog
):
    branch = content
    page = _trainer_page(qtbot, window, sign_in, branch)
    tab = page.assignments
    seen = {}

    def fill(dialog):
        seen["title"] = dialog.windowTitle()
        assert dialog.check_content(TEST_PACK)
        assert dialog.check_assignee(branch.team_a.id)
        assert dialog.speed.isEnabled()
        seen["unit"] = dialog.speed_unit.text()
        assert not dialog.tier.isEnabled()  # tiers are for scenarios
        dialog.mode.setCurrentIndex(dialog.mode.findData("test"))
        dialog.speed.setValue(9000)
        dialog.accuracy.setValue(98)
        dialog.min_practice.setValue(0)
        qtbot.keyClicks(dialog.note, "Before the audit week")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    on_next_dialog(fill)
    tab.new_button.click()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=10_000)
    assert seen == {"title": "New assignment", "unit": "net KPH"}
    overview = tab.model.row_at(0)
    assert overview.assignment.team_name == "Team A"
    assert overview.assignment.target.to_json() == {
        "mode": "test",
        "min_speed": 9000.0,
        "speed_unit": "net_kph",
        "min_accuracy": 0.98,
    }
    assert overview.count(Status.NOT_STARTED) == 3  # Tess, Tia and Tom
    [entry] = branch.services.audit.recent(CLI, action="assignment.create")
    assert entry.actor == "Tia Trainer (R1)"
    _sign_out(qtbot, window)
    _teller_completes_it(qtbot, window, sign_in, branch, on_next_dialog)
    _sign_out(qtbot, window)

    # The trainer sees Tom done.
    page = _trainer_page(qtbot, window, sign_in, branch)
    qtbot.waitUntil(lambda: page.assignments.model.rowCount() == 1, timeout=10_000)
    assert page.assignments.model.row_at(0).count(Status.DONE) == 1


def _teller_completes_it(qtbot, window, sign_in, branch, on_next_dialog):
    # The teller signs in and lands on "My assignments", with the new one first.
    sign_in(branch.teller)
    assert window.current_page_key() == "assignments"
    mine = window.pages["assignments"]
    qtbot.waitUntil(lambda: mine.model.rowCount() == 1, timeout=10_000)
    item = mine.model.row_at(0)
    assert item.assignment.content_id == TEST_PACK
    assert item.status is Status.NOT_STARTED
    assert "Before the audit week" in mine.detail.text()
    mine.table.setFocus()
    qtbot.keyClick(mine.table, Qt.Key.Key_Return)  # Enter starts it
    assert window.current_page_key() == "practice"
    practice = window.pages["practice"]
    qtbot.waitUntil(lambda: practice.current_screen is not None, timeout=10_000)
    screen = practice.current_screen
    assert screen.objectName() == "drillScreen"
    assert str(screen.run.mode) == "test"
    typist = Typist(screen)
    while not screen.run.finished:  # the whole test: a stopped one would not count
        amount = screen.view.amount.text().replace(",", "")
        typist.type(amount + "\n", gap_ms=300, keypad=True)
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
    assert mine.model.row_at(0).progress.fraction == 1.0
    assert "0 open" in mine.summary.text()


def test_import_with_a_bad_file_shows_the_messages_and_stores_nothing(
    qtbot, console, tmp_path, monkeypatch, on_next_dialog
):
    branch, page = console
    bad = tmp_path / "broken-pack.toml"
    source = (DRILLS / "tenkey-amounts-test.en.toml").read_text(encoding="utf-8")
    bad.write_text(
        source.replace('id = "tenkey-amounts-test.en"', 'id = "my-tenkey"').replace(
            "time_limit_s = 300", "time_limit_s = -5"
        ),
        encoding="utf-8",
    )
    good = tmp_path / "fine.yaml"
    good.write_text(
        (DRILLS / "scenarios" / "sample-queue-wait.en.yaml")
        .read_text(encoding="utf-8")
        .replace("id: sample-queue-wait", "id: another-queue"),
        encoding="utf-8",
    )
    expected = [str(p) for p in check_content_file(bad).problems]
    assert expected
    assert all(line.startswith(f"{bad}:") for line in expected)
    before = branch.services.content.latest(CLI)
    imports = len(branch.services.audit.recent(CLI, action="content.import"))
    page.tabs.setCurrentWidget(page.content)
    from svctrainer.gui.dialogs import content_import_dialog

    monkeypatch.setattr(content_import_dialog, "choose_content_files", lambda _p: [bad, good])
    seen = {}

    def inspect(dialog):
        qtbot.waitUntil(lambda: len(dialog.checked) == 2, timeout=10_000)
        seen["messages"] = dialog.messages.toPlainText().splitlines()
        seen["summary"] = dialog.summary.text()
        seen["import_enabled"] = dialog.import_button.isEnabled()
        seen["verdicts"] = [dialog.model.index(r, 3).data() for r in range(2)]
        dialog.reject()

    on_next_dialog(inspect)
    page.content.import_button.click()
    assert seen["messages"] == expected  # exactly what `svctrainer content check` prints
    assert "Nothing will be imported" in seen["summary"]
    assert seen["import_enabled"] is False
    assert seen["verdicts"][1] == "OK"
    assert branch.services.content.latest(CLI) == before
    assert len(branch.services.audit.recent(CLI, action="content.import")) == imports


def test_importing_good_files_stores_them(qtbot, console, tmp_path, monkeypatch, on_next_dialog):
    branch, page = console
    good = tmp_path / "fine.yaml"
    good.write_text(
        (DRILLS / "scenarios" / "sample-queue-wait.en.yaml")
        .read_text(encoding="utf-8")
        .replace("id: sample-queue-wait", "id: another-queue"),
        encoding="utf-8",
    )
    page.tabs.setCurrentWidget(page.content)
    from svctrainer.gui.dialogs import content_import_dialog

    monkeypatch.setattr(content_import_dialog, "choose_content_files", lambda _p: [good])

    def do_import(dialog):
        qtbot.waitUntil(dialog.import_button.isEnabled, timeout=10_000)
        dialog.import_button.click()
        qtbot.waitUntil(lambda: bool(dialog.outcomes), timeout=10_000)
        assert dialog.outcomes[0].status == "added"
        dialog.reject()

    on_next_dialog(do_import)
    page.content.import_button.click()
    assert "another-queue.en" in {r.content_id for r in branch.services.content.latest(CLI)}
    qtbot.waitUntil(lambda: page.content.select_content("another-queue.en"), timeout=10_000)


def test_preview_a_drill_and_try_it(qtbot, window, sign_in, content, on_next_dialog):
    branch = content
    page = _trainer_page(qtbot, window, sign_in, branch)
    page.tabs.setCurrentWidget(page.content)
    qtbot.waitUntil(lambda: page.content.select_content("tenkey-amounts-practice.en"))
    seen = {}

    def look(dialog):
        from PySide6.QtWidgets import QTableWidget, QTextBrowser

        text = dialog.findChild(QTextBrowser, "previewInstructions").toPlainText()
        seen["instructions"] = text
        grades = dialog.findChild(QTableWidget, "previewGrades")
        seen["grades"] = [grades.item(r, 0).text() for r in range(grades.rowCount())]
        settings = dialog.findChild(QTableWidget, "previewSettings")
        seen["settings"] = settings.horizontalHeaderItem(0).text()
        dialog.try_button.click()

    on_next_dialog(look)
    page.content.preview_selected()
    qtbot.waitUntil(lambda: "grades" in seen, timeout=10_000)
    assert "Practise basic skills" in seen["instructions"]
    assert seen["grades"] == ["Starter", "Developing", "Competent", "Proficient", "Expert"]
    assert seen["settings"] == "Practice"
    # "Try it" runs the drill for the trainer on the Practice page.
    qtbot.waitUntil(
        lambda: (
            window.pages.get("practice") is not None
            and window.pages["practice"].current_screen is not None
        ),
        timeout=10_000,
    )
    practice = window.pages["practice"]
    assert practice.current_screen.run.definition.id == "tenkey-amounts-practice.en"
    practice.current_screen.request_stop()  # nothing typed: back to the catalogue


def test_preview_a_scenario_as_a_tree(qtbot, window, sign_in, content, on_next_dialog):
    branch = content
    page = _trainer_page(qtbot, window, sign_in, branch)
    page.tabs.setCurrentWidget(page.content)
    qtbot.waitUntil(lambda: page.content.select_content("sample-queue-wait.en"))
    record = page.content.selected()
    _, scenario = branch.services.content.load(CLI, record.id)
    seen = {}

    def look(dialog):
        tree = dialog.tree
        seen["nodes"] = tree.topLevelItemCount()
        seen["first"] = tree.topLevelItem(0).text(0)
        seen["choices"] = tree.topLevelItem(0).childCount()
        seen["try"] = dialog.try_button.text()
        dialog.reject()

    on_next_dialog(look)
    page.content.preview_selected()
    qtbot.waitUntil(lambda: "nodes" in seen, timeout=10_000)
    assert seen["nodes"] == len(scenario.nodes)
    assert seen["first"].startswith(f"[{scenario.start}] (start")
    assert seen["choices"] == len(scenario.node(scenario.start).choices)
    assert seen["try"] == "&Try it"


def test_edit_and_cancel_an_assignment(qtbot, window, sign_in, content, on_next_dialog):
    branch = content
    svc = branch.services
    svc.assignments.create(
        branch.actor(branch.trainer),
        targets={TEST_PACK: {"mode": "test", "min_speed": 9000}},
        team_ids=[branch.team_a.id],
    )
    page = _trainer_page(qtbot, window, sign_in, branch)
    tab = page.assignments
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=10_000)
    tab.table.selectRow(0)
    due = date.today() + timedelta(days=10)

    def edit(dialog):
        assert dialog.windowTitle() == "Edit assignment"
        assert not dialog.content.isEnabled()
        assert dialog.speed.value() == 9000
        dialog.speed.setValue(8000)
        dialog.has_due.setChecked(True)
        from PySide6.QtCore import QDate
        from test_day_edit import type_day

        type_day(qtbot, dialog.due, QDate(due.year, due.month, due.day))  # typed, not picked
        qtbot.keyClicks(dialog.reason, "new starters")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    on_next_dialog(edit)
    tab.edit_button.click()
    qtbot.waitUntil(
        lambda: (
            tab.model.rowCount() == 1 and tab.model.row_at(0).assignment.target.min_speed == 8000
        ),
        timeout=10_000,
    )
    [entry] = svc.audit.recent(CLI, action="assignment.update")
    assert entry.detail["reason"] == "new starters"
    assert entry.detail["changes"]["due_on"] == [None, due.isoformat()]

    tab.table.selectRow(0)

    def cancel(dialog):
        assert not dialog.action_button.isEnabled()  # a reason is required
        qtbot.keyClicks(dialog.reason, "replaced by the new pack")
        dialog.action_button.click()

    on_next_dialog(cancel)
    tab.cancel_button.click()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0, timeout=10_000)
    [entry] = svc.audit.recent(CLI, action="assignment.cancel")
    assert entry.detail["reason"] == "replaced by the new pack"
    assert entry.actor == "Tia Trainer (R1)"
    tab.show_cancelled.setChecked(True)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=10_000)
    assert "(cancelled)" in tab.model.index(0, 0).data()
    assert not tab.cancel_button.isEnabled()


def test_invalidate_an_attempt_with_a_reason(qtbot, console, tenkey_attempt, on_next_dialog):
    branch, page = console
    page.tabs.setCurrentWidget(page.roster)
    roster = page.roster
    qtbot.waitUntil(lambda: roster.select_person(branch.other_teller.id), timeout=10_000)
    qtbot.waitUntil(lambda: roster.model.rowCount() == 1, timeout=10_000)
    roster.attempts.selectRow(0)
    assert roster.invalidate_button.isEnabled()

    def give_reason(dialog):
        assert dialog.windowTitle() == "Invalidate result"
        qtbot.keyClicks(dialog.reason, "typed by a colleague")
        dialog.action_button.click()

    on_next_dialog(give_reason)
    roster.invalidate_button.click()
    qtbot.waitUntil(
        lambda: (
            roster.model.rowCount() == 1
            and roster.model.row_at(0).invalidated_reason == "typed by a colleague"
        ),
        timeout=10_000,
    )
    assert "invalidated" in roster.model.index(0, 6).data()
    stored = branch.services.attempts.get(CLI, tenkey_attempt.id)
    assert stored.invalidated_reason == "typed by a colleague"
    [entry] = branch.services.audit.recent(CLI, action="attempt.invalidate")
    assert entry.actor == "Tia Trainer (R1)"
    assert entry.detail == {"reason": "typed by a colleague"}
    roster.attempts.selectRow(0)
    assert not roster.invalidate_button.isEnabled()  # already invalidated


def test_hand_count_tab_hook(qtbot, window, sign_in, branch):
    page = _trainer_page(qtbot, window, sign_in, branch)
    try:
        import svctrainer.gui.pages.hand_count_form  # noqa: F401
    except ImportError:
        assert page.hand_counts is None
        assert page.mount_hand_count_form() is False
    else:
        assert page.hand_counts is not None
        titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
        assert "Hand co&unts" in titles


def test_start_opens_an_assigned_scenario_in_the_target_mode(qtbot, window, sign_in, content):
    branch = content
    branch.services.assignments.create(
        branch.actor(branch.trainer),
        targets={"sample-queue-wait.en": {"mode": "test", "min_tier": "comfort"}},
        person_ids=[branch.teller.id],
    )
    sign_in(branch.teller)
    assert window.current_page_key() == "assignments"
    mine = window.pages["assignments"]
    qtbot.waitUntil(lambda: mine.model.rowCount() == 1, timeout=10_000)
    assert "comfort service" in mine.detail.text()
    mine.start_button.click()
    practice = window.pages["practice"]
    qtbot.waitUntil(lambda: practice.current_screen is not None, timeout=10_000)
    assert type(practice.current_screen).__name__ == "ScenarioPlayer"
    assert practice.current_screen.scenario.id == "sample-queue-wait"
    assert str(practice.current_screen.mode) == "test"


def test_the_trainer_sees_which_packs_pin_one_form(  # noqa: PLR0917
    qtbot, window, sign_in, content, tmp_path, on_next_dialog
):
    """A contest pack with form = "fixed" is marked where the trainer assigns and
    previews it; packs giving each attempt a fresh form are not."""
    branch = content
    text = (DRILLS / "voucher-summing-test.en.toml").read_text(encoding="utf-8")
    text = text.replace('id = "voucher-summing-test.en"', 'id = "voucher-contest-2026.en"')
    text = text.replace('title = "Voucher summing — contest test"', 'title = "Contest 2026"')
    text = text.replace("[test]\n", '[test]\nform = "fixed"\nseed = 20261206\n', 1)
    pack = tmp_path / "voucher-contest-2026.en.toml"
    pack.write_text(text, encoding="utf-8")
    [outcome] = branch.services.content.import_files(CLI, [pack])
    assert outcome.status == "added"
    page = _trainer_page(qtbot, window, sign_in, branch)
    seen = {}

    def look(dialog):
        items = {item.data(0, ID_ROLE): item for item in dialog._content_items()}
        seen["fixed"] = items["voucher-contest-2026.en"].text(0)
        seen["fresh"] = items["voucher-summing-test.en"].text(0)
        seen["tip"] = items["voucher-contest-2026.en"].toolTip(0)
        dialog.reject()

    on_next_dialog(look)
    page.assignments.new_button.click()
    qtbot.waitUntil(lambda: "fixed" in seen, timeout=10_000)
    assert seen["fixed"] == "Contest 2026 (one fixed form)"
    assert seen["fresh"] == "Voucher summing — contest test"
    assert "Everyone gets the same form" in seen["tip"]

    page.tabs.setCurrentWidget(page.content)
    qtbot.waitUntil(lambda: page.content.select_content("voucher-contest-2026.en"))

    def settings(dialog):
        from PySide6.QtWidgets import QTableWidget

        table = dialog.findChild(QTableWidget, "previewSettings")
        rows = [table.verticalHeaderItem(r).text() for r in range(table.rowCount())]
        seen["content"] = table.item(rows.index("Content"), 0).text()
        dialog.reject()

    on_next_dialog(settings)
    page.content.preview_selected()
    qtbot.waitUntil(lambda: "content" in seen, timeout=10_000)
    assert seen["content"] == "one fixed form for everyone (seed 20261206)"


def test_only_the_assignments_tab_is_built_with_the_trainer_page(qtbot, window, sign_in, content):
    """The roster, the content library and the hand counts are built when first shown,
    in their places and with their titles, and load then."""
    page = _trainer_page(qtbot, window, sign_in, content)
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert titles[:3] == ["&Assignments", "&Roster", "&Content"]
    assert not page._roster.built
    assert not page._content.built
    page.tabs.setCurrentIndex(2)
    assert page._content.built
    assert page.tabs.currentWidget() is page.content
    assert page.tabs.indexOf(page.content) == 2
    qtbot.waitUntil(lambda: page.content.select_content("tenkey-amounts-practice.en"))
    assert not page._roster.built
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == titles


def test_the_content_library_sorts_and_filters_as_its_proxy_did_without_one(qtbot, console):
    """The library's view shows its model itself (a ``QSortFilterProxyModel`` between them
    cost each sized cell 23 calls into Python, not 9: the tab's first show held the
    window 82 ms, bench/bench_heartbeat.py). Its rows come in the order the proxy gave
    (the same keys, equal keys in the order before); a search shows the rows the proxy's
    filter let through, in the sort's order; the selected row is the record shown."""
    from PySide6.QtCore import QSortFilterProxyModel

    from svctrainer.gui.record_table import SORT_ROLE, RecordTableModel

    _branch, page = console
    page.tabs.setCurrentWidget(page.content)
    tab = page.content
    qtbot.waitUntil(lambda: tab.model.rowCount() > 20, timeout=10_000)
    assert tab.table.model() is tab.model
    reference = RecordTableModel(tab.model._columns)
    reference.set_rows(tab.model._source)  # as they came from the service
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(reference)
    proxy.setSortRole(SORT_ROLE)
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def ids_of(model) -> list[str]:
        return [model.index(r, 4).data() for r in range(model.rowCount())]

    for column, order in ((1, Qt.SortOrder.AscendingOrder), (3, Qt.SortOrder.DescendingOrder),
                          (0, Qt.SortOrder.AscendingOrder)):  # fmt: skip
        tab.table.sortByColumn(column, order)
        proxy.sort(column, order)
        everything = ids_of(tab.model)
        assert everything == ids_of(proxy)
        for text in ("QUEUE", "en", "zz-none"):
            tab.filter.setText(text)
            proxy.setFilterFixedString(text)
            shown = ids_of(tab.model)
            assert set(shown) == set(ids_of(proxy))
            assert shown == [i for i in everything if i in set(shown)]
        tab.filter.setText("")
        proxy.setFilterFixedString("")
        proxy.sort(-1)  # back to the model's order, as the library keeps it
        proxy.sort(column, order)
    tab.filter.setText("EN")
    assert tab.model.rowCount() >= 2
    tab.table.selectRow(1)
    assert tab.selected() is not None
    assert tab.selected().content_id == ids_of(tab.model)[1]
