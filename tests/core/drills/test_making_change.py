"""Making change: the fewest-pieces search, the three error rules, customers drawn from
a seed, a scripted run with hand-computed figures, replay, and pack problems."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from drill_helpers import MS, Typist, build_definition
from hypothesis import given, settings
from hypothesis import strategies as st

from svctrainer.core.currency import builtin_currency
from svctrainer.core.drills.base import Verdict
from svctrainer.core.drills.change_items import (
    ChangeError,
    PriceSpec,
    draw_change_item,
    judge_change,
)
from svctrainer.core.drills.fewest_pieces import fewest_pieces
from svctrainer.core.drills.making_change import PIECE_EVENT, Phase, amount_keys_for
from svctrainer.core.drills.registry import replay, result_from_dict, start_run
from svctrainer.core.drills.seeded_random import SeededRandom
from svctrainer.core.keystrokes import BACKSPACE, ENTER, KeyEvent
from svctrainer.core.packs.definition import Mode
from svctrainer.core.packs.loader import check_pack_bytes, check_pack_file

D = Decimal
DRILLS = Path(__file__).resolve().parents[3] / "drills"
CNY = [D(v) for v in ("100", "50", "20", "10", "5", "1", "0.5", "0.1")]
USD = [D(v) for v in ("100", "50", "20", "10", "5", "1", "0.25", "0.10", "0.05", "0.01")]
EUR = [D(v) for v in ("50", "20", "10", "5", "2", "1", "0.5", "0.2", "0.1", "0.05", "0.02", "0.01")]


def cents(values):
    return [int(v * 100) for v in values]


# -- fewest pieces -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("amount", "values", "expected"),
    [
        (D("0.80"), CNY, ("0.5", "0.1", "0.1", "0.1")),  # not 8 × 0.1
        (D("6.60"), CNY, ("5", "1", "0.5", "0.1")),
        (D("18.00"), CNY, ("10", "5", "1", "1", "1")),  # CNY has no 2
        (D("0.30"), USD, ("0.25", "0.05")),  # 2 pieces, not 3 dimes
        (D("0.41"), USD, ("0.25", "0.1", "0.05", "0.01")),
        (D("0.08"), EUR, ("0.05", "0.02", "0.01")),
        (D("3.88"), EUR, ("2", "1", "0.5", "0.2", "0.1", "0.05", "0.02", "0.01")),
        (D("6"), [D(4), D(3), D(1)], ("3", "3")),  # greedy would give 4+1+1
        (D("12"), [D(9), D(6), D(1)], ("6", "6")),  # greedy: 9+1+1+1
        (D("0"), CNY, ()),
    ],
)
def test_fewest_pieces_on_tricky_amounts(amount, values, expected):
    found = fewest_pieces(int(amount * 100), cents(values))
    assert found == tuple(int(D(v) * 100) for v in expected)


def test_fewest_pieces_impossible_amounts():
    assert fewest_pieces(7, [5, 3]) is None  # 5+3 = 8, 3+3 = 6: 7 cannot be paid
    assert fewest_pieces(1, [5, 3]) is None
    assert fewest_pieces(-5, [5]) is None
    assert fewest_pieces(8, [5, 3]) == (5, 3)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(1, 60), min_size=1, max_size=6, unique=True),
    st.integers(0, 400),
)
def test_fewest_pieces_matches_dynamic_programming(values, amount):
    best = [0] + [None] * amount
    for a in range(1, amount + 1):
        options = [best[a - v] for v in values if v <= a and best[a - v] is not None]
        best[a] = min(options) + 1 if options else None
    found = fewest_pieces(amount, values)
    if best[amount] is None:
        assert found is None
    else:
        assert found is not None
        assert len(found) == best[amount]
        assert sum(found) == amount
        assert list(found) == sorted(found, reverse=True)


# -- judging ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("due", "given", "values", "errors", "correct"),
    [
        ("6.60", ["0.1", "0.5", "1", "5"], CNY, [], True),
        ("6.60", ["0.1", "0.5", "1", "1"], CNY, [ChangeError.WRONG_TOTAL], False),
        ("6.60", ["5", "1", "0.5", "0.1"], CNY, [ChangeError.WRONG_ORDER], False),
        ("0.30", ["0.10", "0.10", "0.10"], USD, [ChangeError.NOT_FEWEST], False),
        ("0.30", ["0.05", "0.25"], USD, [], True),
        ("0.30", ["0.25", "0.05"], USD, [ChangeError.WRONG_ORDER], False),
        (
            "0.30",
            ["0.10", "0.05", "0.05", "0.10"],
            USD,
            [ChangeError.NOT_FEWEST, ChangeError.WRONG_ORDER],
            False,
        ),
        ("6", ["1", "1", "4"], [D(4), D(3), D(1)], [ChangeError.NOT_FEWEST], False),
        ("6", ["3", "3"], [D(4), D(3), D(1)], [], True),
        ("1.00", ["0.5", "0.5", "0.5"], CNY, [ChangeError.WRONG_TOTAL], False),  # too much
    ],
)
def test_judge_change(due, given, values, errors, correct):
    found, ok, _ = judge_change(D(due), [D(g) for g in given], values)
    assert (list(found), ok) == (errors, correct)


def test_relaxed_rules_still_report_the_error():
    errors, ok, fewest = judge_change(
        D("0.30"), [D("0.10")] * 3, USD, require_fewest=False, require_order=False
    )
    assert (errors, ok, fewest) == ((ChangeError.NOT_FEWEST,), True, 2)
    errors, ok, _ = judge_change(
        D("6.60"), [D(5), D(1), D("0.5"), D("0.1")], CNY, require_order=False
    )
    assert (errors, ok) == ((ChangeError.WRONG_ORDER,), True)


# -- customers ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("code", "low", "high", "step"),
    [
        ("CNY", "0.1", "199.9", "0.1"),
        ("USD", "0.01", "450", "0.01"),
        ("EUR", "0.05", "99.95", "0.05"),
    ],
)
def test_drawn_customers_pay_enough_with_real_pieces(code, low, high, step):
    currency = builtin_currency(code)
    assert currency is not None
    spec = PriceSpec(D(low), D(high), D(step))
    rng = SeededRandom(11)
    notes = {d.value for d in currency.notes}
    for _ in range(300):
        item = draw_change_item(rng, spec, currency)
        assert D(low) <= item.price <= D(high)
        assert item.price % D(step) == 0
        assert item.change_due > 0
        assert all(currency.find(v) is not None for v in item.tendered)
        assert item.tendered[0] in notes
        assert list(item.tendered) == sorted(item.tendered, reverse=True)
        assert fewest_pieces(int(item.change_due * 100), [d.cents for d in currency.denominations])


def test_the_same_seed_draws_the_same_customers():
    currency = builtin_currency("USD")
    assert currency is not None
    spec = PriceSpec(D("0.01"), D(99), D("0.01"))
    a, b = SeededRandom(5), SeededRandom(5)
    assert [draw_change_item(a, spec, currency) for _ in range(20)] == [
        draw_change_item(b, spec, currency) for _ in range(20)
    ]


# -- a scripted run ----------------------------------------------------------------------------
FIXED = """\
format = 1
id = "mc-fixed"
type = "making_change"
language = "en"
title = "T"
instructions = "I"
[practice]
item_count = 10
[scoring]
reference_speed = 6
[generator]
currency = "CNY"
[[items]]
price = 13.4
tendered = [20]
[[items]]
price = 2.5
tendered = [10]
[[items]]
price = 49.4
tendered = [50]
"""
# CNY drawer keys, smallest first: 1 → 0.1, 2 → 0.5, 3 → 1, 4 → 5, 5 → 10, 6 → 20, 7 → 50, 8 → 100


def test_a_scripted_run_with_hand_computed_figures():
    definition = build_definition(FIXED)
    run = start_run(definition, Mode.PRACTICE, seed=1)
    view = run.view()
    assert [(s.key, s.event_key, str(s.denomination.value)) for s in view.drawer][:3] == [
        ("1", "piece:0.1", "0.10"),
        ("2", "piece:0.5", "0.50"),
        ("3", "piece:1", "1.00"),
    ]
    assert (view.price, [d.value for d in view.tendered], view.change_due) == (
        D("13.40"),
        [D("20.00")],
        D("6.60"),
    )
    assert view.hint == (D("0.10"), D("0.50"), D("1.00"), D("5.00"))
    typist = Typist(run, start_ms=1000)
    assert run.feed(KeyEvent(typist.now_ns(100), ENTER)).verdict is Verdict.IGNORED  # empty tray
    # customer 1: 6.60 as 0.1, 0.5, 1, 5 — right
    typist.type(["1", "2", "3", "4"], every_ms=500)
    assert run.view().counted_to == D("20.00")
    assert typist.key(ENTER, 500).verdict is Verdict.CORRECT
    # customer 2: 7.50 as 5, 1, 1, 0.5 (a slip corrected with Backspace) — wrong order
    typist.type(["4", "3", "3"], every_ms=500)
    assert typist.key("2", 500).verdict is Verdict.WRONG  # smaller than the piece before
    assert typist.key(BACKSPACE, 500).verdict is Verdict.CORRECTION
    assert typist.key(PIECE_EVENT + "0.50", 500).verdict is Verdict.WRONG  # a click
    typist.key(ENTER, 500)
    # customer 3: 0.60 as six 0.1 — not the fewest pieces
    typist.type(["1"] * 6, every_ms=500)
    fb = typist.key(ENTER, 500)
    assert fb.finished
    result = run.result()
    # 19 strokes 500 ms apart: 18 × 500 = 9000 ms active
    assert (result.strokes, result.active_ms, result.ended_by) == (19, 9000, "items")
    assert result.speed == 20.0  # 3 changes × 60 000 / 9000
    assert result.accuracy == 0.3333  # 1 of 3 right
    assert result.score == 33.3  # min(100, 100 × 20 / 6) × 0.3333
    assert result.valid
    details = result.details.to_dict()
    assert details["error_counts"] == {"wrong_total": 0, "not_fewest": 1, "wrong_order": 1}
    assert (details["pieces_given"], details["corrections"]) == (14, 1)
    assert [i["ms"] for i in details["items"]] == [2000, 3500, 3500]
    assert details["items"][1] == {
        "index": 1,
        "price": "2.50",
        "tendered": ["10.00"],
        "change_due": "7.50",
        "given": ["5.00", "1.00", "1.00", "0.50"],
        "pieces": 4,
        "fewest_pieces": 4,
        "errors": ["wrong_order"],
        "correct": False,
        "ms": 3500,
    }
    assert replay(definition, Mode.PRACTICE, result.seed, run.events) == result


def test_hints_are_hidden_without_hints_and_keys_are_case_insensitive():
    text = FIXED.replace("[practice]\n", "[practice]\nhints = false\n")
    text = text.replace('currency = "CNY"', 'currency = "EUR"').replace("13.4", "13.45")
    run = start_run(build_definition(text), Mode.PRACTICE, seed=1)
    view = run.view()
    assert (view.change_due, view.hint) == (None, None)
    keys = [s.key for s in view.drawer]
    assert keys == list("1234567890qwer")  # 14 EUR denominations, smallest first
    run.feed(KeyEvent(1 * MS, "Q"))  # shifted: still €20
    assert [d.value for d in run.view().tray] == [D("20.00")]


def test_fewer_than_ten_strokes_is_invalid():
    run = start_run(build_definition(FIXED), Mode.PRACTICE, seed=1)
    Typist(run).type(["1", "2", "3", "4", ENTER], every_ms=400)
    result = run.result()
    assert (result.valid, result.invalid_reason) == (False, "fewer_than_10_strokes")
    assert result.grade is None


# -- replay -----------------------------------------------------------------------------------
GENERATED = """\
format = 1
id = "mc-gen"
type = "making_change"
language = "en"
title = "T"
instructions = "I"
[practice]
time_limit_s = 20
[scoring]
reference_speed = 6
[generator]
currency = "USD"
price_min = 0.01
price_max = 99.99
"""
actions = st.lists(
    st.one_of(
        st.tuples(st.just("key"), st.sampled_from([*"1234567890", "x", ENTER, BACKSPACE])),
        st.tuples(
            st.just("key"),
            st.sampled_from(
                ["piece:0.25", "piece:0.250", "piece:7", "piece:x", "piece:sNaN", "piece:²"]
            ),
        ),
        st.tuples(st.just("wait"), st.integers(0, 9000)),
        st.tuples(st.sampled_from(["pause", "resume", "tick", "release"]), st.just("")),
    ),
    max_size=80,
)


@settings(max_examples=60, deadline=None)
@given(script=actions, seed=st.integers(0, 2**63 - 1))
def test_replay_reproduces_the_result_exactly(script, seed):
    definition = build_definition(GENERATED)
    run = start_run(definition, Mode.PRACTICE, seed=seed)
    t = 1000 * MS
    for action, arg in script:
        t += arg * MS if action == "wait" else 137 * MS
        if action == "pause":
            run.pause(t)
        elif action == "resume":
            run.resume(t)
        elif action == "tick":
            run.tick(t)
        elif action == "release":
            run.feed(KeyEvent(t, "1", "1", False))
        elif action == "key":
            run.feed(KeyEvent(t, arg, arg if len(arg) == 1 else ""))
    stored = run.result()
    as_json = json.loads(json.dumps(stored.to_dict()))
    assert result_from_dict(as_json) == stored
    again = replay(definition, Mode.PRACTICE, as_json["seed"], run.events, as_json["options"])
    assert again == stored


def test_options_are_refused():
    with pytest.raises(ValueError, match="unknown making-change options"):
        start_run(build_definition(GENERATED), Mode.PRACTICE, options={"adaptive": {}})


# -- pack problems -----------------------------------------------------------------------------
def problems_of(text: str) -> list[str]:
    definition, problems = check_pack_bytes("p.toml", text.encode())
    found = [str(p) for p in problems]
    assert definition is None or not found, found
    return found


ITEMS = FIXED.split("[[items]]\nprice = 2.5", maxsplit=1)[0]  # one customer, lines 13-15


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            GENERATED.replace("price_min = 0.01", "price_min = 100"),
            "p.toml:13:1: price_min 100 is above price_max 99.99",
        ),
        (
            GENERATED.replace("price_min = 0.01", "price_min = 0.015"),
            "p.toml:13:1: price_min 0.015 has more than two decimals",
        ),
        (
            GENERATED.replace('"USD"', '"CNY"').replace("0.01", "0.1") + "price_step = 0.15\n",
            "p.toml:15:1: price_step 0.15 must be a whole multiple of the smallest denomination"
            " 0.1",
        ),
        (
            GENERATED.replace("price_max = 99.99", "price_max = 5000"),
            "p.toml:14:1: price_max 5000 is too high",
        ),
        (
            GENERATED.replace("price_max = 99.99\n", ""),
            "p.toml:11:2: missing required key 'price_max' in [generator]",
        ),
        (
            GENERATED.replace("price_max = 99.99", "price_max = 0.001"),
            "p.toml:14:1: generator.price_max must be at least 0.01",
        ),
        (
            GENERATED.replace("reference_speed = 6", 'require_fewest = "yes"'),
            "p.toml:10:1: scoring.require_fewest must be true or false",
        ),
        (
            GENERATED.replace("[practice]", "[practice]\nadaptive = true"),
            "p.toml:8:1: adaptive practice is not available for making_change drills",
        ),
        (
            GENERATED.replace("reference_speed = 6", "error_penalty = 1"),
            "p.toml:9:2: set scoring.reference_speed (the items_per_min worth a score of 100)",
        ),
        (
            ITEMS.replace("tendered = [20]", "tendered = [20, 3]"),
            "p.toml:15:17: 3 is not a denomination of CNY",
        ),
        (
            ITEMS.replace("tendered = [20]", "tendered = [20, true]"),
            "p.toml:15:17: a boolean is not a denomination of CNY",
        ),
        (
            ITEMS.replace("tendered = [20]", "tendered = [10]"),
            "p.toml:15:1: the pieces tendered do not exceed the price 13.4",
        ),
        (
            ITEMS.replace("tendered = [20]", 'tendered = "20"'),
            "p.toml:15:1: write a non-empty array of face values",
        ),
        (
            ITEMS.replace("tendered = [20]\n", ""),
            "p.toml:13:3: missing required key 'tendered' in [items[0]]",
        ),
        (
            ITEMS.replace("price = 13.4", "price = 13.45"),
            "p.toml:14:1: price 13.45 is not a multiple of the smallest denomination 0.1",
        ),
        (
            ITEMS.replace("price = 13.4", "prize = 13.4"),
            "p.toml:14:1: unknown key 'prize' in [items[0]] (did you mean 'price'?)",
        ),
        (ITEMS + "price_min = 1\n", "p.toml:16:1: unknown key 'price_min' in [items[0]]"),
        (
            ITEMS.replace('currency = "CNY"', 'currency = "CNY"\nprice_min = 1'),
            "p.toml:13:1: 'price_min' does not apply when [[items]] fix the customers",
        ),
        (
            ITEMS.replace('[generator]\ncurrency = "CNY"\n', ""),
            "p.toml:1:1: a making-change pack needs a [generator] table naming its currency",
        ),
    ],
)
def test_each_problem_points_at_the_offending_key(text, expected):
    found = problems_of(text)
    assert any(p.startswith(expected) for p in found), found


# -- shipped packs -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "name",
    [f"making-change-{m}.{lang}.toml" for m in ("practice", "test") for lang in ("en", "zh")],
)
def test_shipped_pack_loads_and_a_perfect_run_reaches_the_top_grade(name):
    definition, problems = check_pack_file(DRILLS / name)
    assert problems == []
    assert definition is not None
    mode = Mode.TEST if "-test." in name else Mode.PRACTICE
    run = start_run(definition, mode, seed=3)
    keys = {s.denomination.value: s.key for s in run.view().drawer}
    t = 1000 * MS

    def say(amount):  # 唱收 / 唱付 in the zh packs
        nonlocal t
        for ch in [*amount_keys_for(amount), ENTER]:
            t += 300 * MS
            run.feed(KeyEvent(t, ch, ch if ch != ENTER else ""))

    for _ in range(run.settings.item_count):
        item = run.current
        if run.view().phase is Phase.RECEIVE:
            say(item.tendered_total)
        for piece in run.fewest_change(item):  # smallest first
            t += 300 * MS
            run.feed(KeyEvent(t, keys[piece], keys[piece]))
        t += 300 * MS
        run.feed(KeyEvent(t, ENTER))
        if run.view().phase is Phase.PAY:
            say(item.change_due)
    result = run.result()
    assert (result.valid, result.accuracy, result.completion) == (True, 1.0, "complete")
    assert result.grade in ("Expert", "能手")
    assert result.details.to_dict()["items_done"] == run.settings.item_count
