"""The counter procedure drill driven end to end with real key events (and a click or
two): Practice page → drill screen → stored, re-scored attempt → result screen with the
standard order beside the teller's, in English and Chinese, practice and test."""

from __future__ import annotations

import pytest
from drill_typing import Typist, open_drill
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableWidget, QTabWidget

from svctrainer.core.drills.counter_procedure import CARD_KEYS
from svctrainer.core.packs.definition import Mode

pytestmark = [pytest.mark.gui, pytest.mark.shipped_content]


def _finish(qtbot, page, screen, on_next_dialog=None):
    if screen.run.mode is Mode.TEST and on_next_dialog is not None:
        on_next_dialog(lambda box: next(b for b in box.buttons() if b.text() == "Stop").click())
    screen.request_stop()
    qtbot.waitUntil(
        lambda: (
            page.current_screen is not None and page.current_screen.objectName() == "resultScreen"
        ),
        timeout=10_000,
    )
    return page.current_screen


def _card(run, step_id: str) -> int:
    return next(i for i, card in enumerate(run.deal.cards) if card.step_id == step_id)


def _take(typist: Typist, run, step_id: str, *, right_words: bool = True) -> None:
    """Press the card's letter and, for a step with words, the right (or a wrong) number."""
    typist.type(CARD_KEYS[_card(run, step_id)], gap_ms=2_500)
    if step_id in run.deal.phrases:
        options, right = run.deal.phrases[step_id]
        choice = right if right_words else (right + 1) % len(options)
        typist.type(str(choice + 1), gap_ms=1_500)


def _table_text(table: QTableWidget) -> list[list[str]]:
    return [
        [table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def _stored_and_rescored(branch, attempt) -> None:
    actor = branch.actor(branch.teller)
    stored = branch.services.attempts.history(actor, branch.teller.id)
    assert attempt.id in [a.id for a in stored]
    assert branch.services.attempts.rescore(actor, attempt.id).matches


def test_practice_in_english_a_perfect_case_then_one_with_every_kind_of_fault(
    qtbot, practice, branch
):
    screen = open_drill(qtbot, practice, "counter-procedure-practice.en", Mode.PRACTICE)
    typist = Typist(screen)
    run, view = screen.run, screen.view
    assert view.findChild(QLabel, "callCustomer").isVisibleTo(view)
    assert not run.clock.started
    typist.type(" ", gap_ms=8_000)  # call the customer, then read the situation
    assert run.clock.started
    assert run.opened
    assert view.situation.text() == run.deal.case.situation
    assert len(view.cards) == len(run.deal.cards)

    first = run.deal.case
    for step in first.steps:
        _take(typist, run, step.id)
    assert len(run.taken) == len(first.steps)
    typist.type("\n", gap_ms=6_000)
    assert "every step right, 100 points" in view.last.text()

    # Customer 2: the first two steps swapped, the last step left out, the wrong words
    # for the first step with words, a decoy clicked, and a step taken back.
    case = run.deal.case
    steps = [s.id for s in case.steps]
    order = [steps[1], steps[0], *steps[2:-1]]
    worded = next(s for s in order if s in run.deal.phrases)
    for step_id in order:
        _take(typist, run, step_id, right_words=step_id != worded)
    decoy = next(i for i, card in enumerate(run.deal.cards) if card.step_id is None)
    qtbot.mouseClick(view.cards[decoy], Qt.MouseButton.LeftButton)
    assert run.taken[-1].decoy == run.deal.cards[decoy].label
    typist.type("\b", gap_ms=500)  # take the decoy back…
    assert run.taken[-1].decoy is None
    qtbot.mouseClick(view.cards[decoy], Qt.MouseButton.LeftButton)  # …and take it again
    typist.type("\n", gap_ms=500)
    last = view.last.text()
    assert "points" in last
    assert "missing" in last
    assert "out of order" in last

    result = _finish(qtbot, practice, screen)
    _check_result(branch, result, case, steps, worded)


def _check_result(branch, result, case, steps, worded) -> None:
    """The stored attempt and the result screen after the practice run above."""
    details = result.attempt.details["details"]
    assert details["cases_done"] == 2
    assert details["cases"][0]["points"] == 100
    second = details["cases"][1]
    assert second["decoys_taken"] == 1
    faults = {s["id"]: s["fault"] for s in second["standard"]}
    assert faults[steps[-1]] == "missing"
    assert faults[steps[1]] == "out_of_order"  # taken before the greeting it must follow
    assert faults[worded] in ("wrong_phrase", "out_of_order")
    assert second["points"] < 100
    _stored_and_rescored(branch, result.attempt)

    summary = _table_text(result.findChild(QTableWidget, "procedureCaseTable"))
    assert summary[0][7] == "100"
    assert summary[1][2] == "1"  # one step missing
    tabs = result.findChild(QTabWidget, "procedureOrders")
    assert tabs.count() == 2
    order_rows = _table_text(result.findChild(QTableWidget, f"procedureOrder_{case.id}"))
    assert order_rows[0][1].endswith(case.steps[0].label)  # the standard order…
    assert order_rows[0][3].startswith(f"1. {case.steps[1].label}")  # …beside the teller's
    assert any("not part of the procedure" in row[3] for row in order_rows)
    assert any(row[2] == "✗ missing" for row in order_rows)


def test_test_mode_in_chinese_shows_no_verdict_and_scores_a_breach(
    qtbot, practice, branch, on_next_dialog, monkeypatch
):
    # Every attempt draws its own form; this one needs its first customer to have a
    # compliance point (a passbook update has none), which the form of seed 20261206 has.
    monkeypatch.setattr("svctrainer.core.drills.registry.draw_seed", lambda: 20261206)
    screen = open_drill(qtbot, practice, "counter-procedure-test.zh", Mode.TEST)
    typist = Typist(screen)
    run, view = screen.run, screen.view
    assert view.last.isHidden()
    typist.type(" ", gap_ms=10_000)
    case = run.deal.case
    gate = next(s for s in case.steps if s.gate)
    for step in case.steps:
        if step.id != gate.id:
            _take(typist, run, step.id)
    typist.type("\n", gap_ms=1_000)
    assert view.last.text() == ""
    attempt = _finish(qtbot, practice, screen, on_next_dialog).attempt
    details = attempt.details["details"]
    assert details["breaches"] == 1
    assert details["cases"][0]["points"] == 0
    assert attempt.details["seed"] == run.seed  # the attempt's own form, stored
    _stored_and_rescored(branch, attempt)
