"""Making change at a Chinese counter: 唱收唱付 (say what is received, then what is paid)
instead of count-back, no piece-order rule, and the 配款 (payout in the notes asked for)
and 兑零 (change a large note into small ones) tasks."""

from __future__ import annotations

from decimal import Decimal

import pytest
from drill_helpers import Typist, build_definition
from hypothesis import given
from hypothesis import strategies as st

from svctrainer.core.currency import builtin_currency
from svctrainer.core.drills.change_items import (
    ChangeError,
    ChangeTask,
    draw_exchange,
    draw_payout,
    judge_change,
)
from svctrainer.core.drills.making_change import MAX_TRAY, Phase
from svctrainer.core.drills.registry import replay, start_run
from svctrainer.core.drills.seeded_random import SeededRandom
from svctrainer.core.drills.simulated_play import Skill
from svctrainer.core.drills.simulated_trainee import simulate
from svctrainer.core.keystrokes import BACKSPACE, ENTER
from svctrainer.core.packs.definition import Mode
from svctrainer.core.packs.loader import load_pack

D = Decimal
CNY = [D(v) for v in ("100", "50", "20", "10", "5", "1", "0.5", "0.1")]

ANNOUNCE = """\
format = 1
id = "mc-zh"
type = "making_change"
language = "zh"
title = "T"
instructions = "I"
[practice]
item_count = 10
[scoring]
reference_speed = 6
procedure = "announce"
[generator]
currency = "CNY"
[[items]]
price = 13.4
tendered = [20]
[[items]]
price = 2.5
tendered = [10]
"""
# CNY drawer keys, smallest first: 1 → 0.1, 2 → 0.5, 3 → 1, 4 → 5, 5 → 10, 6 → 20, 7 → 50, 8 → 100


def test_receive_then_pieces_in_any_order_then_pay():
    run = start_run(build_definition(ANNOUNCE), Mode.PRACTICE, seed=1)
    assert run.view().phase is Phase.RECEIVE
    t = Typist(run, start_ms=0)
    t.type([*"20", ENTER])  # 唱收 "收您二十元"
    assert run.view().phase is Phase.PIECES
    t.type(["4", "3", "2", "1"])  # 5 + 1 + 0.5 + 0.1 = 6.60, largest first: no order rule
    t.key(ENTER)
    assert run.view().phase is Phase.PAY
    t.type([*"6.7", BACKSPACE, "6", ENTER])  # 唱付 "找您六元六角", after a correction
    first = run.judgements[0]
    assert (first.correct, first.errors) == (True, ())
    assert (first.announced_received, first.announced_paid) == (D(20), D("6.6"))
    assert run.view().phase is Phase.RECEIVE  # the next customer
    t.type([*"100", ENTER, "4", "2", "3", "3", ENTER, *"7.5", ENTER])  # received 10, said 100
    second = run.judgements[1]
    assert second.errors == (ChangeError.WRONG_RECEIVED,)
    assert not second.correct
    result = run.result()
    counts = result.details.error_counts
    assert "wrong_order" not in counts
    assert counts["wrong_received"] == 1
    stored = result.details.to_dict()["items"][1]
    assert (stored["announced_received"], stored["announced_paid"]) == ("100.00", "7.50")


def test_saying_a_wrong_amount_paid_is_an_error_though_the_money_is_right():
    errors, correct, _ = judge_change(
        D(5), [D(5)], CNY, announce=True, announced=(D(10), D(50)), received=D(10)
    )
    assert errors == (ChangeError.WRONG_PAID,)
    assert not correct


def test_count_back_keeps_its_order_rule():
    errors, correct, _ = judge_change(D("6.6"), [D(5), D(1), D("0.5"), D("0.1")], CNY)
    assert ChangeError.WRONG_ORDER in errors
    assert not correct


@pytest.mark.parametrize(
    ("given", "errors"),
    [
        ([D(50)] * 10 + [D(100)] * 15, ()),
        ([D(50)] * 12 + [D(100)] * 14, (ChangeError.NOT_FEWEST,)),  # more fifties: reported
        ([D(50)] * 8 + [D(100)] * 16, (ChangeError.REQUEST_NOT_MET,)),
        ([D(100)] * 20, (ChangeError.REQUEST_NOT_MET,)),
    ],
)
def test_a_payout_must_meet_the_customers_request(given, errors):
    found, correct, fewest = judge_change(
        D(2000),
        given,
        CNY,
        request=((D(50), 10),),
        announce=True,
        announced=(None, sum(given)),
        require_fewest=False,
    )
    assert fewest == 25
    assert found == errors
    assert correct == (ChangeError.REQUEST_NOT_MET not in errors)


seeds = st.integers(min_value=0, max_value=2**63 - 1)


@given(seeds)
def test_drawn_payouts_are_round_and_the_request_fits_in_half(seed):
    currency = builtin_currency("CNY", "zh")
    item = draw_payout(SeededRandom(seed), currency, D(500), D(5000))
    assert item.task is ChangeTask.PAYOUT
    assert item.tendered == ()
    assert D(500) <= item.change_due <= D(5000)
    assert item.change_due % 100 == 0
    ((value, count),) = item.request
    assert value in (D(50), D(20), D(10))
    assert value * count * 2 <= item.change_due


@given(seeds)
def test_every_drawn_payout_fits_in_one_handover(seed):
    """A ¥5 000 payout with forty twenties asked for is 82 pieces: the tray must take
    the fewest pieces of any payout the zh packs draw, or the item cannot be answered."""
    currency = builtin_currency("CNY", "zh")
    item = draw_payout(SeededRandom(seed), currency, D(500), D(5000))
    run = start_run(build_definition(ANNOUNCE), Mode.PRACTICE, seed=1)
    assert len(run.fewest_change(item)) <= MAX_TRAY


@given(seeds)
def test_drawn_exchanges_ask_for_small_notes_of_the_note_handed_over(seed):
    currency = builtin_currency("CNY", "zh")
    item = draw_exchange(SeededRandom(seed), currency)
    assert item.task is ChangeTask.EXCHANGE
    (note,) = item.tendered
    assert item.change_due == note
    ((value, count),) = item.request
    assert value < note
    assert value * count <= note
    assert note / value <= 20


@pytest.mark.parametrize("name", ["making-change-test.zh", "making-change-practice.zh"])
def test_zh_packs_announce_and_bring_every_task(name):
    definition = load_pack(f"drills/{name}.toml")
    mode = next(iter(definition.modes))
    run = start_run(definition, mode, seed=4)
    assert run.announce
    assert not run.require_order
    tasks = {run.items.item(i).task for i in range(run.items.count or 20)}
    assert tasks == set(ChangeTask)
    played = simulate(definition, mode, Skill(stroke_ms=300), seed=4, behaviour_seed=5)
    result = played.result()
    assert replay(definition, mode, played.seed, played.events) == result
    assert all(j.announced_paid is not None for j in result.details.items)


def test_en_packs_keep_count_back():
    definition = load_pack("drills/making-change-test.en.toml")
    run = start_run(definition, Mode.TEST, seed=4)
    assert not run.announce
    assert run.require_order
    assert run.view().phase is Phase.PIECES
