"""The minus key of voucher summing corrects as an adding machine does: the amount keyed
again (or, with nothing keyed, the last one added) comes off the total."""

from __future__ import annotations

from decimal import Decimal

from drill_helpers import Typist
from test_voucher_summing import amount_text, key_amount, key_group, voucher_pack

from svctrainer.core.drills import scoring_rules
from svctrainer.core.drills.base import Verdict
from svctrainer.core.drills.registry import replay, start_run
from svctrainer.core.keystrokes import ENTER, PAGE_DOWN, TAB
from svctrainer.core.packs.definition import Mode

SEED = 31_337


def _practice():
    return start_run(voucher_pack(mode="practice"), Mode.PRACTICE, seed=SEED)


def _wrong(text: str) -> str:
    return ("2" if text[0] == "1" else "1") + text[1:]


def test_a_wrong_amount_keyed_again_and_subtracted_is_taken_back():
    run = _practice()
    t = Typist(run)
    key_group(t, run, count=1)
    wrong = _wrong(amount_text(run, 0, 1))
    key_amount(t, wrong)
    t.key(ENTER)
    assert not run.entries[-1].right
    key_amount(t, wrong)  # keyed again, then minus: off the total it goes
    assert t.key("-").verdict is Verdict.CORRECTION
    assert len(run.entries) == 1
    key_amount(t, amount_text(run, 0, 1))
    t.key(ENTER)
    t.key(PAGE_DOWN)
    for index in range(2, 20):  # the rest of the group
        key_amount(t, amount_text(run, 0, index))
        t.key(ENTER)
        t.key(PAGE_DOWN)
    assert all(e.right for e in run.entries)
    t.key(TAB)
    result = run.result()
    group = result.details.groups[0]
    assert (group.correct, group.entries, group.right_entries) == (True, 20, 20)
    assert result.details.corrections == 1
    assert (result.details.entries, result.details.wrong_entries) == (20, 0)
    assert replay(run.definition, run.mode, run.seed, run.events) == result


def test_minus_with_nothing_keyed_subtracts_the_last_amount_added():
    run = _practice()
    t = Typist(run)
    key_group(t, run, count=2)
    first = Decimal(amount_text(run, 0, 0))
    t.key("-")
    assert run.total == first
    assert [e.right for e in run.entries] == [True]


def test_an_amount_never_added_is_a_negative_entry_and_wrong():
    run = _practice()
    t = Typist(run)
    key_group(t, run, count=1)
    first = Decimal(amount_text(run, 0, 0))
    key_amount(t, "7")
    feedback = t.key("-")
    assert feedback.verdict is Verdict.WRONG
    assert run.total == first - 7
    assert run.entries[-1].value == Decimal(-7)
    assert not run.entries[-1].right
    assert run.state(None).errors == 1


def test_under_the_first_rules_the_minus_key_did_nothing():
    run = _practice()
    run.use_rules(scoring_rules.FIRST)
    t = Typist(run)
    key_group(t, run, count=2)
    key_amount(t, "7")
    t.key("-")
    t.key(ENTER)
    result = run.result()
    assert result.details.entries == 3  # the 7 was added, the minus ignored
    again = replay(run.definition, run.mode, run.seed, run.events, rules=result.rules)
    assert again == result
    assert replay(run.definition, run.mode, run.seed, run.events) != result
