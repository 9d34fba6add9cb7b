"""The admin's offline-sync tab: export to a file, import a training room's bundle after
confirming, and read the three counts (issue 16, point 3)."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication, QFileDialog
from sync_support import CLI, record_drill, record_hand_count, workstation

pytestmark = pytest.mark.gui


def _shot(widget, name: str = "admin-sync-result-light.png") -> None:
    """With ``SVCTRAINER_SCREENSHOTS=<folder>``, save what the admin sees there."""
    if os.environ.get("SVCTRAINER_SCREENSHOTS"):
        widget.grab().save(str(Path(os.environ["SVCTRAINER_SCREENSHOTS"]) / name))


@pytest.fixture
def sync_tab(qtbot, window, sign_in, branch):
    sign_in(branch.admin)
    assert window.go_to("admin")
    page = window.pages["admin"]
    page.tabs.setCurrentWidget(page.sync)
    return page.sync


@pytest.fixture
def room_bundle(shipped_content_db, tmp_path) -> Path:
    """A bundle from a training-room workstation of the same branch (same branch key:
    the tests share one configuration folder), holding Tom's drill and Tess's hand count."""
    path = tmp_path / "room.sqlite3"
    shutil.copyfile(shipped_content_db, path)
    room = workstation(str(path), branch="Test Branch")
    record_drill(room, room.tom, 1)
    record_hand_count(room, room.tess, 20)
    bundle = tmp_path / "room-2026-11-20.zip"
    room.services.sync.export(CLI, bundle)
    room.services.close()
    return bundle


@pytest.fixture
def import_through_dialogs(qtbot, sync_tab, on_next_dialog, monkeypatch):
    """Import ``bundle`` as an admin does: pick it, answer the confirmation with
    ``answer``; the texts of the result message (none when cancelled)."""

    def run(bundle: Path, answer: str) -> list[str]:
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(bundle), ""))
        said: list[str] = []
        asked: list[str] = []

        def confirm(box):
            asked.append(box.text())
            button = next(b for b in box.buttons() if b.text().replace("&", "") == answer)
            if answer == "Import":
                on_next_dialog(lambda done: (said.append(done.text()), _shot(done), done.accept()))
            button.click()

        on_next_dialog(confirm)
        sync_tab.import_button.click()
        if answer == "Import":
            qtbot.waitUntil(lambda: bool(said), timeout=20_000)
        assert bundle.name in asked[0]
        return said

    return run


def test_an_import_asks_first_then_reports_the_three_counts(
    sync_tab, branch, room_bundle, import_through_dialogs
):
    history = branch.services.attempts.history
    said = import_through_dialogs(room_bundle, "Import")
    assert "inserted 2 · identical 0 · conflicts 0" in said[0]
    assert "inserted 2 · identical 0 · conflicts 0" in sync_tab.result.text()
    assert len(history(CLI, branch.teller.id)) == 1
    _shot(sync_tab.window(), "admin-sync-light.png")
    if os.environ.get("SVCTRAINER_SCREENSHOTS"):
        from svctrainer.gui.settings import GuiSettings, Theme
        from svctrainer.gui.theme import apply_appearance

        apply_appearance(QApplication.instance(), GuiSettings(theme=Theme.DARK))
        QApplication.processEvents()  # the new palette reaches every widget
        _shot(sync_tab.window(), "admin-sync-dark.png")
        apply_appearance(QApplication.instance(), GuiSettings(theme=Theme.LIGHT))
    again = import_through_dialogs(room_bundle, "Import")
    assert "inserted 0 · identical 2 · conflicts 0" in again[0]
    assert sync_tab.import_button.isEnabled()


def test_cancelling_the_confirmation_imports_nothing(
    sync_tab, branch, room_bundle, import_through_dialogs
):
    import_through_dialogs(room_bundle, "Cancel")
    assert branch.services.audit.recent(CLI, action="sync.import") == []
    assert sync_tab.result.text() == ""


def test_a_tampered_bundle_is_refused_with_a_message(  # noqa: PLR0917 - pytest fixtures
    qtbot, sync_tab, branch, room_bundle, tmp_path, on_next_dialog, monkeypatch
):
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(room_bundle) as source, zipfile.ZipFile(tampered, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "attempts.jsonl":
                data = data.replace(b'"valid":true', b'"valid":false')
            target.writestr(info, data)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(tampered), ""))
    errors: list[str] = []

    def confirm(box):
        on_next_dialog(lambda error: (errors.append(error.text()), error.accept()))
        next(b for b in box.buttons() if b.text() == "Import").click()

    on_next_dialog(confirm)
    sync_tab.import_button.click()
    qtbot.waitUntil(lambda: bool(errors), timeout=20_000)
    assert "changed after the bundle was made" in errors[0]
    assert branch.services.attempts.history(CLI, branch.teller.id) == []


def test_an_export_writes_a_bundle_and_says_what_it_holds(
    qtbot, sync_tab, tenkey_attempt, tmp_path, monkeypatch
):
    target = tmp_path / "out.zip"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    sync_tab.export_button.click()
    qtbot.waitUntil(lambda: "Wrote" in sync_tab.result.text(), timeout=20_000)
    assert "attempts 1 · scenario runs 0 · hand counts 0" in sync_tab.result.text()
    assert zipfile.is_zipfile(target)
    sync_tab.since_box.setChecked(True)
    sync_tab.since.setDate(QDate.currentDate().addDays(1))  # recorded today: not since tomorrow
    sync_tab.export_button.click()
    qtbot.waitUntil(lambda: "attempts 0 ·" in sync_tab.result.text(), timeout=20_000)


def test_on_a_server_of_several_branches_the_tab_works_on_the_admins_branch(  # noqa: PLR0917
    qtbot, sync_tab, branch, room_bundle, import_through_dialogs, tmp_path, monkeypatch,
    on_next_dialog,
):  # fmt: skip
    from support import add_second_branch

    add_second_branch(branch.services)  # North, on the same database
    assert "Branch: Test Branch" in sync_tab.branch_note.text()
    said = import_through_dialogs(room_bundle, "Import")
    assert "into branch Test Branch: inserted 2 · identical 0 · conflicts 0" in said[0]
    _shot(sync_tab.window(), "admin-sync-branches-light.png")
    target = tmp_path / "out.zip"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    sync_tab.export_button.click()
    qtbot.waitUntil(lambda: "Wrote" in sync_tab.result.text(), timeout=20_000)
    assert "(branch Test Branch): attempts 1 · scenario runs 0 · hand counts 1" in (
        sync_tab.result.text()
    )
    # A bundle of North, imported by Test Branch's admin: refused, naming both branches.
    north = tmp_path / "north.zip"
    branch.services.sync.export(CLI, north, branch="North")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(north), ""))
    errors: list[str] = []

    def confirm(box):
        on_next_dialog(lambda error: (errors.append(error.text()), error.accept()))
        next(b for b in box.buttons() if b.text() == "Import").click()

    on_next_dialog(confirm)
    sync_tab.import_button.click()
    qtbot.waitUntil(lambda: bool(errors), timeout=20_000)
    assert "holds results of branch North; you administer branch Test Branch" in errors[0]
