"""Making change at a Chinese counter, end to end with real key events: 唱收 (key the
amount received), the pieces in any order, 唱付 (key the amount paid); payouts and
exchanges show what the customer asks for. The stored attempt re-scores the same."""

from __future__ import annotations

import pytest
from drill_typing import Typist

from svctrainer.core.drills.change_items import ChangeTask
from svctrainer.core.drills.making_change import Phase, amount_keys_for
from svctrainer.core.packs.definition import Mode

pytestmark = [pytest.mark.gui, pytest.mark.shipped_content]


def test_announce_receive_and_pay_with_the_keyboard(qtbot, practice, branch):
    content_id = "making-change-practice.zh"
    assert practice.select_content(content_id)
    qtbot.waitUntil(
        lambda: practice._current is not None and practice._current[0].content_id == content_id
    )
    practice.practice_button.click()
    qtbot.waitUntil(lambda: practice.current_screen is not None, timeout=10_000)
    screen = practice.current_screen
    run = screen.run
    view = screen.view
    typist = Typist(screen)
    keys = {s.denomination.value: s.key for s in run.view().drawer}
    tasks: set[ChangeTask] = set()
    served = 0
    # Every attempt draws its own form: serve at least six customers, and on until a
    # payout (配款) or an exchange (兑零) has come (the pack mixes them in).
    customers = run.view().item_count or 6
    while served < min(6, customers) or (
        served < customers and not tasks & {ChangeTask.PAYOUT, ChangeTask.EXCHANGE}
    ):
        served += 1
        item = run.current
        tasks.add(item.task)
        if item.task is ChangeTask.SALE:
            assert "收" not in view.request.text()
        else:
            assert view.request.isVisible()
        if run.view().phase is Phase.RECEIVE:
            assert "received" in view.say.text()
            typist.type(amount_keys_for(item.tendered_total) + "\n")
        assert run.view().phase is Phase.PIECES
        pieces = sorted(run.fewest_change(item), reverse=True)  # largest first: allowed
        typist.type("".join(keys[p] for p in pieces))
        typist.type("\n")
        assert run.view().phase is Phase.PAY
        assert "pay" in view.say.text()
        typist.type(amount_keys_for(item.change_due) + "\n")
    judged = run.judgements
    assert [j.correct for j in judged] == [True] * served, [j.errors for j in judged]
    assert ChangeTask.PAYOUT in tasks or ChangeTask.EXCHANGE in tasks
    screen.request_stop()
    qtbot.waitUntil(
        lambda: (
            practice.current_screen is not None
            and practice.current_screen.objectName() == "resultScreen"
        ),
        timeout=10_000,
    )
    attempt = practice.current_screen.attempt
    assert attempt.accuracy == 1.0
    items = attempt.details["details"]["items"]
    assert all("announced_paid" in i for i in items)
    actor = branch.actor(branch.teller)
    assert branch.services.attempts.rescore(actor, attempt.id).matches
    assert run.mode is Mode.PRACTICE
