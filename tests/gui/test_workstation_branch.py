"""A counter workstation tied to the admin's branch from the Admin page: the sign-in
list then holds only that branch's people and says so, and someone of another branch
picked from a list shown before the tie is refused with both branches named."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support import add_second_branch

from svctrainer.services.actor import Actor

pytestmark = pytest.mark.gui
CLI = Actor.command_line()


def _shot(widget, name: str) -> None:
    """With ``SVCTRAINER_SCREENSHOTS=<folder>``, save what the admin sees there."""
    if os.environ.get("SVCTRAINER_SCREENSHOTS"):
        widget.grab().save(str(Path(os.environ["SVCTRAINER_SCREENSHOTS"]) / name))


def _names(window) -> list[str]:
    model = window.login.model
    return [model.item(row).text() for row in range(model.rowCount())]


def test_the_admin_ties_this_workstation_and_the_sign_in_list_follows(
    qtbot, window, sign_in, branch
):
    add_second_branch(branch.services)  # North, with Nora North, on the same database
    window.login.reset()
    qtbot.waitUntil(lambda: any("Nora North" in n for n in _names(window)), timeout=10_000)
    assert not window.login.station_note.isVisible()
    sign_in(branch.admin)
    assert window.go_to("admin")
    page = window.pages["admin"]
    tab = page.database
    page.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: "every branch" in tab.station.text(), timeout=10_000)
    assert tab.tie_button.isEnabled()
    assert not tab.untie_button.isEnabled()
    tab.tie_button.click()
    qtbot.waitUntil(lambda: "of Test Branch only" in tab.station.text(), timeout=10_000)
    assert branch.services.workstations.branch() == "Test Branch"
    assert tab.untie_button.isEnabled()
    assert not tab.tie_button.isEnabled()
    _shot(window, "admin-workstation-light.png")
    window.sign_out()
    qtbot.waitUntil(window.login.station_note.isVisible, timeout=10_000)
    assert "signs in people of Test Branch only" in window.login.station_note.text()
    assert window.login.branch_label.text() == "Test Branch"
    qtbot.waitUntil(window.login.list_is_current, timeout=10_000)
    assert len(_names(window)) == 6
    assert not any("Nora North" in n for n in _names(window))
    _shot(window, "login-workstation-light.png")


def test_someone_of_another_branch_picked_from_an_old_list_is_refused(qtbot, window, branch):
    from PySide6.QtCore import Qt

    add_second_branch(branch.services)
    window.login.reset()
    qtbot.waitUntil(lambda: any("Nora North" in n for n in _names(window)), timeout=10_000)
    # Tied on the command line while this list still shows Nora.
    branch.services.workstations.set_branch(CLI, "Test Branch")
    nora_row = next(i for i, n in enumerate(_names(window)) if "Nora North" in n)
    window.login.profiles.setCurrentIndex(window.login.model.index(nora_row, 0))
    qtbot.keyClicks(window.login.pin, "2468")
    qtbot.keyClick(window.login.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "belongs to branch North" in window.login.error.text(), timeout=10_000)
    assert "signs in people of branch Test Branch only" in window.login.error.text()
    assert window.context is None
    [entry] = branch.services.audit.recent(CLI, action="auth.sign_in_refused")
    assert entry.detail["reason"] == "other_branch"
