"""Service standards on screen: the supervisor's compliance per demand level (everyone,
each team, each employee), driven through the real tab; and the debrief's list of the
standard items met and missed, for a run stored through the services."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from svctrainer.core.packs.definition import Mode
from svctrainer.core.scenarios.analysis import best_result, review
from svctrainer.core.scenarios.engine import ScenarioRun
from svctrainer.services.actor import Actor
from svctrainer.services.service_standards import compliance_of

pytestmark = [pytest.mark.gui, pytest.mark.shipped_content]
CLI = Actor.command_line()
S = 1_000_000_000
WHEN = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
RUNS = {
    # scenario, choices: the best handling, and one that cuts corners
    "sample-queue-wait.en": (
        ("acknowledge", "verify_id", "check_id", "count_twice", "batch_explain",
         "offer_payroll", "set_up_now"),
        ("straight_to_business", "verify_id", "check_id", "single_count", "batch_explain",
         "offer_payroll", "set_up_now"),
    ),
    "elderly-self-service.en": (
        ("greet_reassure", "explain_plain", "wait_kindly", "verify_and_fill", "pay_counted",
         "priority_window", "offer_chip_card", "same_pin"),
        ("greet_reassure", "rush_id", "hurry", "calm_her", "verify_hand_form", "help_fill",
         "pay_counted", "call_next"),
    ),
}  # fmt: skip
SHOTS = os.environ.get("SVCTRAINER_SHOTS")  # a folder: save screenshots there to look at


def _played(scenario, choices):
    run = ScenarioRun(scenario, 100 * S)
    for n, choice_id in enumerate(choices, start=1):
        run.choose(choice_id, (100 + 3 * n) * S)
    return run


@pytest.fixture
def runs(branch):
    svc = branch.services
    svc.content.sync_bundled()
    records = {r.content_id: r for r in svc.content.latest(CLI)}
    stored = {}
    for content_id, (good, poor) in RUNS.items():
        record = records[content_id]
        _, scenario = svc.content.load(CLI, record.id)
        for who, choices in ((branch.teller, good), (branch.other_teller, poor)):
            run = _played(scenario, choices)
            attempt = svc.attempts.record_scenario(
                branch.actor(who), record.id, Mode.PRACTICE, run.log, WHEN
            )
            stored[(content_id, who.id)] = (attempt, scenario, run.log)
    return stored


def _save(widget, name: str) -> None:
    """With SVCTRAINER_SHOTS set: the widget in the light and the dark theme, to look at."""
    if not SHOTS:
        return
    from PySide6.QtWidgets import QApplication

    from svctrainer.gui.settings import GuiSettings, Theme
    from svctrainer.gui.theme import apply_appearance

    app = QApplication.instance()
    for theme in (Theme.LIGHT, Theme.DARK):
        apply_appearance(app, GuiSettings(theme=theme))
        app.processEvents()
        widget.grab().save(str(Path(SHOTS) / f"{name}-{theme.value}.png"))
    apply_appearance(app, GuiSettings(theme=Theme.LIGHT))


def test_the_supervisor_sees_compliance_per_level_per_employee_and_team(
    qtbot, window, sign_in, branch, runs
):
    sign_in(branch.supervisor)
    window.go_to("supervisor")
    page = window.pages["supervisor"]
    page.tabs.setCurrentWidget(page.standards)
    tab = page.standards
    qtbot.waitUntil(lambda: tab.data is not None, timeout=20_000)
    table = tab.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == ["Who", "Team", "Standard customers", "Older customers"]
    cells = {
        table.item(r, 0).text(): [table.item(r, c).text() for c in range(2, table.columnCount())]
        for r in range(table.rowCount())
    }
    teller = f"{branch.teller.name} ({branch.teller.employee_number})"
    other = f"{branch.other_teller.name} ({branch.other_teller.employee_number})"
    assert cells[teller] == ["100 % (8 of 8 items, 1 run)", "100 % (12 of 12 items, 1 run)"]
    standard, elderly = cells[other]
    assert standard == "75 % (6 of 8 items, 1 run)"
    assert elderly.endswith("of 12 items, 1 run)")
    assert not elderly.startswith("100 %")
    assert cells["Everyone"][0] == "88 % (14 of 16 items, 2 runs)"
    assert "Team A (whole team)" in cells
    assert "over 2 scenario run" not in tab.status.text()  # (s) or its English plural
    assert "over 4 scenario run" in tab.status.text()
    window.resize(1200, 700)
    _save(window, "supervisor-standards")


def test_the_debrief_lists_the_standard_items_met_and_missed(qtbot, branch, runs):
    from svctrainer.gui.scenarios.debrief_screen import DebriefScreen

    attempt, scenario, log = runs[("elderly-self-service.en", branch.other_teller.id)]
    compliance = compliance_of(scenario, log)
    screen = DebriefScreen(
        attempt, scenario, review(scenario, log), best_result(scenario), compliance=compliance
    )
    qtbot.addWidget(screen)
    assert compliance is not None
    missed = sorted(r.item.id for r in compliance.missed)
    assert {"fill_for_customer", "rush_customer"} <= set(missed)
    text = screen.standard.text()
    headings = [label.text() for label in screen.findChildren(type(screen.tier_label))]
    met = compliance.met
    assert f"Service standard: Older customer ({met} of 12 items met)" in headings
    assert text.count("✗") == len(missed)
    assert text.count("✓") == compliance.met
    assert "Never hurry the customer" in text
    assert "broken" in text  # a forbidden behaviour done
    assert "missed" in text  # a required one not done
    assert "kept" in text
    screen.resize(1100, 1500)
    _save(screen, "debrief-standard")
