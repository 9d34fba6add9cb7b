"""Drawer balancing: the difference arithmetic (Decimal) for each seeded error kind on a
hand-built day, transpositions, generated days with one explanation, a scripted run
with hand-computed points and figures, replay, and pack problems."""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from drill_helpers import MS, Typist, build_definition
from hypothesis import given, settings
from hypothesis import strategies as st

from svctrainer.core.currency import builtin_currency
from svctrainer.core.drills.base import Verdict
from svctrainer.core.drills.drawer_case import (
    CaseError,
    Direction,
    DrawerCase,
    ErrorKind,
    OverShort,
    Voucher,
    VoucherKind,
    decimal_slips,
    difference_hints,
    draw_case,
    error_effect,
    explanations,
    transpositions,
)
from svctrainer.core.drills.fewest_pieces import fewest_pieces
from svctrainer.core.drills.registry import replay, result_from_dict, start_run
from svctrainer.core.drills.seeded_random import SeededRandom
from svctrainer.core.keystrokes import BACKSPACE, ENTER, KeyEvent
from svctrainer.core.packs.definition import Mode
from svctrainer.core.packs.loader import check_pack_bytes, check_pack_file

D = Decimal
DRILLS = Path(__file__).resolve().parents[3] / "drills"
CNY = builtin_currency("CNY")
assert CNY is not None
KIND_KEY = {ErrorKind.TRANSPOSED: "t", ErrorKind.MISSED: "m", ErrorKind.WRONG_DENOMINATION: "d"}
T, M, WD = ErrorKind.TRANSPOSED, ErrorKind.MISSED, ErrorKind.WRONG_DENOMINATION


def voucher(number: int, kind: VoucherKind, direction: Direction, amount: str) -> Voucher:
    best = fewest_pieces(int(D(amount) * 100), [d.cents for d in CNY.denominations]) or ()
    counts = Counter(best)
    pieces = tuple((D(c) / 100, n) for c, n in sorted(counts.items(), reverse=True))
    return Voucher(number, f"{9 + number}:00", kind, direction, D(amount), pieces)


DAY = (
    voucher(1, VoucherKind.DEPOSIT, Direction.IN, "1524.00"),
    voucher(2, VoucherKind.WITHDRAWAL, Direction.OUT, "3860.00"),
    voucher(3, VoucherKind.CHEQUE_CASHED, Direction.OUT, "275.50"),  # paid with a ¥5 note
    voucher(4, VoucherKind.DEPOSIT, Direction.IN, "980.00"),
)
# True cash: 10 000.00 + (1524 + 980) − (3860 + 275.50) = 8368.50
TRUE_COUNT = ((100, 83), (50, 1), (20, 0), (10, 1), (5, 1), (1, 3), ("0.5", 1), ("0.1", 0))


def case(system_in: str, system_out: str, count=TRUE_COUNT) -> DrawerCase:
    return DrawerCase(
        currency=CNY,
        opening_balance=D("10000.00"),
        vouchers=DAY,
        system_cash_in=D(system_in),
        system_cash_out=D(system_out),
        count=tuple((CNY.find(D(v)), n) for v, n in count),
    )


def test_the_day_adds_up():
    balanced = case("2504.00", "4135.50")
    assert balanced.counted_total == D("8368.50")
    assert balanced.book_balance == D("8368.50")
    assert balanced.difference == 0


def test_transposed_digits():
    # deposit 1524.00 posted as 1254.00: the system has 270.00 less cash in
    day = case("2234.00", "4135.50")  # 1254 + 980
    assert day.book_balance == D("8098.50")
    assert day.difference == D("270.00")  # over; 270 = 9 × 30
    assert explanations(day) == {(0, T)}
    assert error_effect(DAY, CaseError(0, T, posted=D("1254.00"))) == D("270.00")
    assert difference_hints(day) == ("divisible_by_9",)


def test_a_transposed_cash_out_has_the_opposite_sign():
    # withdrawal 3860.00 posted as 3680.00: the system has 180.00 less cash out: short
    day = case("2504.00", "3955.50")  # 3680 + 275.50
    assert day.difference == D("-180.00")
    assert error_effect(DAY, CaseError(1, T, posted=D("3680.00"))) == D("-180.00")
    assert (1, T) in explanations(day)


def test_missed_entry():
    # the 980.00 deposit was never posted
    day = case("1524.00", "4135.50")
    assert day.book_balance == D("7388.50")
    assert day.difference == D("980.00")
    assert explanations(day) == {(3, M)}
    assert error_effect(DAY, CaseError(3, M)) == D("980.00")
    assert difference_hints(day) == ("equals_a_voucher",)


def test_a_missed_cash_out_leaves_the_drawer_short():
    day = case("2504.00", "3860.00")  # the 275.50 cheque was not posted
    assert day.difference == D("-275.50")
    assert explanations(day) == {(2, M)}


def test_wrong_denomination():
    # the cheque of 275.50 was paid with a ¥50 note where the voucher lists a ¥5 note
    # the ¥50 left the drawer, the ¥5 stayed in it
    short = ((100, 83), (50, 0), (20, 0), (10, 1), (5, 2), (1, 3), ("0.5", 1), ("0.1", 0))
    day = case("2504.00", "4135.50", short)  # books are right, the cash is not
    assert day.counted_total == D("8323.50")  # 8368.50 − 45
    assert day.difference == D("-45.00")  # = 5 − 50
    assert explanations(day) == {(2, WD)}
    assert error_effect(DAY, CaseError(2, WD, listed=D(5), handed=D(50))) == D("-45.00")
    assert difference_hints(day) == ("divisible_by_9", "equals_denomination_difference")


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("1524.00", ["5124.00", "1254.00", "1542.00", "1520.40"]),
        ("275.50", ["725.50", "257.50", "275.05"]),
        ("10.00", []),  # 01000 would start with 0; 0↔0 changes nothing
        ("0.12", ["0.21"]),
        ("100.00", []),
    ],
)
def test_transpositions(amount, expected):
    assert transpositions(D(amount)) == [D(e) for e in expected]


def test_every_transposition_differs_by_a_multiple_of_nine_cents():
    for cents in range(1, 20000, 7):
        amount = D(cents) / 100
        for other in transpositions(amount):
            assert int((amount - other) * 100) % 9 == 0


# -- generated days ---------------------------------------------------------------------------
SPEC_PACK = """\
format = 1
id = "db"
type = "drawer_balancing"
language = "en"
title = "T"
instructions = "I"
[practice]
item_count = 3
[scoring]
reference_speed = 30
[generator]
currency = "CNY"
amount_min = 50
amount_max = 20000
"""


@pytest.mark.parametrize("code", ["CNY", "USD", "EUR"])
def test_generated_days_have_one_explanation_matching_the_seeded_error(code):
    text = SPEC_PACK.replace('"CNY"', f'"{code}"') + "exchange_rate = 1.5\n"
    content = build_definition(text).content
    rng = SeededRandom(21)
    kinds: Counter[ErrorKind] = Counter()
    for _ in range(60):
        puzzle = draw_case(rng, content.currency, content.spec)
        day, error = puzzle.case, puzzle.error
        assert day.difference == error_effect(day.vouchers, error) != 0
        assert puzzle.accepted == explanations(day) == {(error.row, error.kind)}
        assert day.opening_balance >= 0
        assert all(n >= 0 for _, n in day.count)
        assert all(v.amount % content.currency.smallest.value == 0 for v in day.vouchers)
        assert [v.number for v in day.vouchers] == list(range(1, len(day.vouchers) + 1))
        assert [v.time for v in day.vouchers] == sorted(v.time for v in day.vouchers)
        kinds[error.kind] += 1
    assert set(kinds) == {T, M, WD}  # each kind comes up (chosen uniformly)


@pytest.mark.parametrize("code", ["CNY", "USD"])
def test_every_kind_s_days_accept_exactly_what_explains_them(code):
    """With every error kind (``extended``), a drawn case accepts exactly the pairs
    ``explanations`` finds for its difference, and each voucher's pieces are the fewest:
    ``draw_case`` reads the accepted pairs from the signatures it drew the day with and
    remembers breakdowns, and neither may change a case (every stored attempt replays its
    cases). Fails when the case is given another day's signatures or others' pieces."""
    kinds = '["transposed", "missed", "wrong_denomination", "reversed", "decimal_slip",'
    text = SPEC_PACK.replace('"CNY"', f'"{code}"') + f'error_kinds = {kinds} "double_posted"]\n'
    content = build_definition(text).content
    cents = [d.cents for d in content.currency.denominations]
    rng = SeededRandom(5)
    for _ in range(40):
        puzzle = draw_case(rng, content.currency, content.spec)
        day = puzzle.case
        assert puzzle.accepted == explanations(day, extended=True)
        assert (puzzle.error.row, puzzle.error.kind) in puzzle.accepted
        for voucher in day.vouchers:
            best = fewest_pieces(int(voucher.amount * 100), cents) or ()
            assert sum(n for _, n in voucher.pieces) == len(best)
            assert sorted(int(d * 100) for d, n in voucher.pieces for _ in range(n)) == sorted(best)


def _plain_signatures(vouchers, values, extended):
    """``difference_signatures`` as first written: every (difference, pair) set in turn."""
    found = {}
    for i, v in enumerate(vouchers):
        sign = 1 if v.direction is Direction.IN else -1
        for p in transpositions(v.amount):
            found.setdefault(sign * (v.amount - p), set()).add((i, T))
        found.setdefault(sign * v.amount, set()).add((i, M))
        if extended:
            found.setdefault(2 * sign * v.amount, set()).add((i, ErrorKind.REVERSED))
            found.setdefault(-sign * v.amount, set()).add((i, ErrorKind.DOUBLE_POSTED))
            for p in decimal_slips(v.amount):
                found.setdefault(sign * (v.amount - p), set()).add((i, ErrorKind.DECIMAL_SLIP))
        if v.direction is Direction.OUT:
            for d, _ in v.pieces:
                for other in values:
                    if other != d:
                        found.setdefault(d - other, set()).add((i, WD))
    return {diff: frozenset(pairs) for diff, pairs in found.items()}


@settings(max_examples=40)
@given(st.integers(0, 2**32), st.sampled_from(["CNY", "USD", "EUR"]), st.booleans())
def test_difference_signatures_are_those_of_the_plain_definition(seed, code, extended):
    """The signatures (and so every drawn day and its accepted answers) are the plain
    loop's, in the same order: the fast version works each paid-out piece's wrong
    denominations out once per value."""
    from svctrainer.core.drills.drawer_case import (
        difference_signatures,
        draw_vouchers,
        explain_difference,
    )

    text = SPEC_PACK.replace('"CNY"', f'"{code}"') + "exchange_rate = 1.5\n"
    content = build_definition(text).content
    rng = SeededRandom(seed)
    values = [d.value for d in content.currency.denominations]
    for _ in range(3):
        vouchers = draw_vouchers(rng, content.currency, content.spec)
        plain = _plain_signatures(vouchers, values, extended)
        fast = difference_signatures(vouchers, values, extended)
        assert list(fast.items()) == list(plain.items())
        assert [str(k) for k in fast] == [str(k) for k in plain]
        for diff in list(plain)[:5]:
            assert explain_difference(vouchers, diff, values, extended) == plain[diff]
        assert explain_difference(vouchers, D("0.01") * 7919, values, extended) == plain.get(
            D("79.19"), frozenset()
        )


def test_exchange_vouchers_convert_at_the_rate():
    text = SPEC_PACK + 'kinds = ["exchange"]\nerror_kinds = ["missed"]\nexchange_rate = 7.1\n'
    content = build_definition(text).content
    puzzle = draw_case(SeededRandom(2), content.currency, content.spec)
    for v in puzzle.case.vouchers:
        assert v.kind is VoucherKind.EXCHANGE
        assert v.exchange is not None
        assert (v.exchange.currency, v.exchange.rate) == ("USD", D("7.1"))
        assert abs(v.amount - v.exchange.amount * D("7.1")) <= D("0.05")  # rounded to ¥0.1


# -- a scripted run ------------------------------------------------------------------------------
def test_a_scripted_run_with_hand_computed_points():
    definition = build_definition(SPEC_PACK)
    run = start_run(definition, Mode.PRACTICE, seed=6)
    t = Typist(run, start_ms=1000)
    assert run.feed(KeyEvent(t.now_ns(1), ENTER)).verdict is Verdict.IGNORED  # nothing chosen
    # case 1: right voucher, right kind: 100 points (3 strokes)
    error = run.puzzle.error
    t.key(f"row:{error.row + 1}", 1000)
    t.key(KIND_KEY[error.kind], 1000)
    assert t.key(ENTER, 1000).verdict is Verdict.CORRECT
    # case 2: right voucher, wrong kind: 60 points (4 strokes)
    error = run.puzzle.error
    wrong_kind = next(k for k in ErrorKind if k is not error.kind)
    t.key("Home", 1000)
    t.key(f"row:{error.row + 1}", 1000)
    t.key(f"kind:{wrong_kind}", 1000)
    assert t.key(ENTER, 1000).verdict is Verdict.WRONG
    # case 3: wrong voucher: 0 points (5 strokes, one Backspace)
    error = run.puzzle.error
    other = (error.row + 1) % len(run.puzzle.case.vouchers)
    t.key(f"row:{other + 1}", 1000)
    t.key("m", 1000)
    assert t.key(BACKSPACE, 1000).verdict is Verdict.CORRECTION
    assert run.view().kind is None
    t.key(KIND_KEY[error.kind], 1000)
    assert t.key(ENTER, 1000).finished
    result = run.result()
    # 12 strokes 1000 ms apart: 11 000 ms
    assert (result.strokes, result.active_ms, result.ended_by) == (12, 11_000, "items")
    assert result.speed == 981.8  # 3 × 3 600 000 / 11 000
    assert result.accuracy == 0.5333  # 160 / 300
    assert result.score == 53.3  # min(100, 100 × 981.8 / 30) × 0.5333
    cases = result.details.to_dict()["cases"]
    assert [(c["points"], c["voucher_right"], c["kind_right"], c["ms"]) for c in cases] == [
        (100, True, True, 2000),
        (60, True, False, 4000),
        (0, False, False, 5000),
    ]
    assert (result.details.vouchers_found, result.details.cases_right) == (2, 1)
    assert replay(definition, Mode.PRACTICE, result.seed, run.events) == result


def test_selection_keys():
    run = start_run(build_definition(SPEC_PACK), Mode.PRACTICE, seed=6)
    rows = len(run.puzzle.case.vouchers)
    assert rows >= 8
    t = Typist(run)
    assert run.view().cursor is None
    t.key("Down")
    assert run.view().cursor == 0
    t.key("Down")
    t.key("Down")
    t.key("Up")
    assert run.view().cursor == 1
    t.key("End")
    assert run.view().cursor == rows - 1
    t.key("1")
    assert (run.view().cursor, run.view().typed_number) == (0, "1")
    t.key("0")  # voucher 10 exists only if there are 10 vouchers
    expected = 9 if rows >= 10 else None
    if expected is None:
        assert run.view().typed_number == ""
    else:
        assert (run.view().cursor, run.view().typed_number) == (9, "10")
    t.key("3")
    assert run.view().cursor == 2  # "103" does not exist: start again from "3"
    t.key(BACKSPACE)
    assert run.view().typed_number == ""
    assert run.feed(KeyEvent(t.now_ns(1), "row:0")).verdict is Verdict.IGNORED
    assert run.feed(KeyEvent(t.now_ns(2), f"row:{rows + 1}")).verdict is Verdict.IGNORED
    assert run.feed(KeyEvent(t.now_ns(3), "kind:typo")).verdict is Verdict.IGNORED
    t.key("D")
    assert run.view().kind is WD
    assert run.view().hints == difference_hints(run.puzzle.case)  # practice shows hints


def test_hints_are_hidden_without_hints():
    text = SPEC_PACK.replace("[practice]\n", "[practice]\nhints = false\n")
    assert start_run(build_definition(text), Mode.PRACTICE, seed=6).view().hints == ()


# -- replay --------------------------------------------------------------------------------------
KEYS = [
    "Up",
    "Down",
    "Home",
    "End",
    "1",
    "2",
    "t",
    "m",
    "d",
    BACKSPACE,
    ENTER,
    ENTER,
    "row:2",
    "kind:missed",
    "x",
    "row:²",  # a superscript two is a digit to str.isdigit, not to int()
    "row:٣",
    "kind:",
]
actions = st.lists(
    st.one_of(
        st.tuples(st.just("key"), st.sampled_from(KEYS)),
        st.tuples(st.just("wait"), st.integers(0, 9000)),
        st.tuples(st.sampled_from(["pause", "resume", "tick"]), st.just("")),
    ),
    max_size=60,
)


@settings(max_examples=40, deadline=None)
@given(script=actions, seed=st.integers(0, 2**63 - 1))
def test_replay_reproduces_the_result_exactly(script, seed):
    definition = build_definition(SPEC_PACK)
    run = start_run(definition, Mode.PRACTICE, seed=seed)
    t = 1000 * MS
    for action, arg in script:
        t += arg * MS if action == "wait" else 173 * MS
        if action == "pause":
            run.pause(t)
        elif action == "resume":
            run.resume(t)
        elif action == "tick":
            run.tick(t)
        elif action == "key":
            run.feed(KeyEvent(t, arg, arg if len(arg) == 1 else ""))
    stored = run.result()
    as_json = json.loads(json.dumps(stored.to_dict()))
    assert result_from_dict(as_json) == stored
    assert replay(definition, Mode.PRACTICE, as_json["seed"], run.events) == stored


# -- pack problems -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            SPEC_PACK.replace("amount_min = 50", "amount_min = 30000"),
            "p.toml:13:1: amount_min 30000 is above amount_max 20000",
        ),
        (
            SPEC_PACK.replace("amount_max = 20000", "amount_max = 20000.005"),
            "p.toml:14:1: amount_max 20000.005 has more than two decimals",
        ),
        (
            SPEC_PACK + "amount_step = 0.15\n",
            "p.toml:15:1: amount_step 0.15 must be a whole multiple of the smallest denomination"
            " 0.1",
        ),
        (
            SPEC_PACK + 'kinds = ["deposit", "exchange"]\n',
            "p.toml:15:1: exchange vouchers need exchange_rate in [generator]",
        ),
        (
            SPEC_PACK + 'kinds = ["deposit"]\n',
            "p.toml:15:1: a wrong denomination happens when paying out",
        ),
        (
            SPEC_PACK + 'kinds = ["deposit", "loan"]\n',
            "p.toml:15:21: generator.kinds[1] must be one of 'deposit', 'withdrawal',"
            " 'cheque_cashed', 'exchange', not 'loan'",
        ),
        (
            SPEC_PACK + 'error_kinds = ["typo"]\n',
            "p.toml:15:16: generator.error_kinds[0] must be one of 'transposed', 'missed',"
            " 'wrong_denomination'",
        ),
        (
            SPEC_PACK + "transactions = [2, 5]\n",
            "p.toml:15:17: generator.transactions[0] must be at least 3, not 2",
        ),
        (
            SPEC_PACK + "exchange_rate = 0\n",
            "p.toml:15:1: generator.exchange_rate must be at least 0.0001",
        ),
        (
            SPEC_PACK + 'exchange_currency = "usd"\n',
            "p.toml:15:1: generator.exchange_currency 'usd' is not valid",
        ),
        (
            SPEC_PACK.replace("reference_speed = 30", "row_points = 120"),
            "p.toml:10:1: scoring.row_points must be at most 100, not 120",
        ),
        (
            SPEC_PACK + "[[items]]\nx = 1\n",
            "p.toml:15:3: drawer-balancing packs generate their cases; remove [[items]]",
        ),
        (
            SPEC_PACK + '[[grades]]\nname = "X"\nmin_cases_per_hour = 4000\n',
            "p.toml:17:1: grades[0].min_cases_per_hour must be at most 3600",
        ),
    ],
)
def test_each_problem_points_at_the_offending_key(text, expected):
    definition, problems = check_pack_bytes("p.toml", text.encode())
    found = [str(p) for p in problems]
    assert definition is None
    assert any(p.startswith(expected) for p in found), found


# -- shipped packs -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "name",
    [f"drawer-balancing-{m}.{lang}.toml" for m in ("practice", "test") for lang in ("en", "zh")],
)
def test_shipped_pack_loads_and_perfect_answers_reach_the_top_grade(name):
    definition, problems = check_pack_file(DRILLS / name)
    assert problems == []
    assert definition is not None
    mode = Mode.TEST if "-test." in name else Mode.PRACTICE
    run = start_run(definition, mode, seed=4)
    typist = Typist(run, start_ms=1000)
    while not run.finished:
        error = run.puzzle.error
        typist.type(str(error.row + 1), every_ms=800)
        typist.key(KEYS[error.kind], 800)
        typist.key("o" if run.puzzle.case.difference > 0 else "s", 800)  # the 长短款 report
        typist.key(ENTER, 800)
    result = run.result()
    assert (result.valid, result.accuracy) == (True, 1.0)
    assert result.grade in ("Expert", "能手")


# -- the errors a teller also makes: the wrong way, a moved point, twice; the 长短款 report ----
def _fingerprint(run, days=3) -> str:
    import hashlib

    cases = [run.cases.item(i) for i in range(days)]
    text = repr([(c.case, c.error, sorted(c.accepted)) for c in cases])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


OLD_PACK = """format = 1
id = "drawer-balancing-practice.en"
type = "drawer_balancing"
language = "en"
title = "T"
instructions = "I"
[practice]
item_count = 4
[generator]
currency = "USD"
transactions = [6, 10]
amount_min = 20
amount_max = 5000
amount_step = 0.01
opening_balance = [5000, 15000]
exchange_currency = "EUR"
exchange_rate = 1.08
[scoring]
reference_speed = 30
row_points = 60
"""


def test_a_pack_of_the_first_kinds_draws_the_days_it_always_drew():
    """Packs that do not list the new kinds keep their days (pinned), so their stored
    attempts replay exactly."""
    definition, problems = check_pack_bytes("p.toml", OLD_PACK.encode())
    assert problems == []
    assert definition.content.spec.error_kinds == (T, M, WD)
    assert _fingerprint(start_run(definition, Mode.PRACTICE, seed=11)) == "07a148715d1dab46"


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**63 - 1))
def test_every_test_form_has_one_day_of_each_kind_and_each_error_explains_its_day(seed):
    definition, _ = check_pack_file(DRILLS / "drawer-balancing-test.zh.toml")
    run = start_run(definition, Mode.TEST, seed=seed)
    puzzles = [run.cases.item(i) for i in range(6)]
    assert sorted(p.error.kind for p in puzzles) == sorted(ErrorKind)  # the same case mix
    for puzzle in puzzles:
        case, error = puzzle.case, puzzle.error
        v = case.vouchers[error.row]
        sign = 1 if v.direction is Direction.IN else -1
        assert case.difference == error_effect(case.vouchers, error) != 0
        assert (error.row, error.kind) in puzzle.accepted
        if error.kind is ErrorKind.REVERSED:
            assert case.difference == 2 * sign * v.amount
            assert "half_equals_a_voucher" in difference_hints(case)
        if error.kind is ErrorKind.DOUBLE_POSTED:
            assert case.difference == -sign * v.amount
        if error.kind is ErrorKind.DECIMAL_SLIP:
            cents = int(abs(case.difference) * 100)
            assert cents % 9 == 0
            assert error.posted in (v.amount * 10, v.amount * 100, v.amount / 10, v.amount / 100)
        assert case.over_short is (OverShort.OVER if case.difference > 0 else OverShort.SHORT)


def test_decimal_slips_of_an_amount():
    assert decimal_slips(D("12.30")) == [D("123.00"), D("1230.00"), D("1.23")]
    assert decimal_slips(D("0.05")) == [D("0.50"), D("5.00")]


def _new_pack(report_points=20):
    text = (DRILLS / "drawer-balancing-practice.en.toml").read_text(encoding="utf-8")
    text = text.replace("report_points = 20", f"report_points = {report_points}")
    definition, problems = check_pack_bytes("p.toml", text.encode())
    assert problems == []
    return definition


def test_the_report_step_needs_over_or_short_before_enter_and_scores_it():
    run = start_run(_new_pack(), Mode.PRACTICE, seed=4)
    t = Typist(run)
    puzzle = run.puzzle
    error = puzzle.error
    right = "o" if puzzle.case.difference > 0 else "s"
    wrong = "s" if right == "o" else "o"
    for c in str(error.row + 1):
        t.key(c)
    t.key(KEYS[error.kind])
    assert t.key(ENTER).verdict is Verdict.IGNORED  # no report yet
    t.key(wrong)
    assert run.report is not None
    t.key(BACKSPACE)  # takes the report back first
    assert (run.report, run.kind) == (None, error.kind)
    t.key(right)
    t.key(ENTER)
    first = run.judgements[0]
    assert (first.points, first.report_ok) == (100, True)
    # day 2: the right voucher and error, the drawer reported the wrong way
    error = run.puzzle.error
    wrong = "s" if run.puzzle.case.difference > 0 else "o"
    for c in str(error.row + 1):
        t.key(c)
    t.key(KEYS[error.kind])
    t.key(wrong)
    t.key(ENTER)
    second = run.judgements[1]
    assert (second.points, second.report_ok) == (80, False)  # 50 voucher + 30 error
    stored = run.result().details.to_dict()["cases"]
    assert [(c["report"], c["report_right"]) for c in stored] == [
        (str(first.report), True),
        (str(second.report), False),
    ]
    assert replay(run.definition, Mode.PRACTICE, run.seed, run.events) == run.result()


def test_without_the_report_step_o_and_s_do_nothing_and_nothing_is_stored():
    run = start_run(_new_pack(report_points=0), Mode.PRACTICE, seed=4)
    t = Typist(run)
    assert t.key("o").verdict is Verdict.IGNORED
    error = run.puzzle.error
    for c in str(error.row + 1):
        t.key(c)
    t.key(KEYS[error.kind])
    t.key(ENTER)
    assert run.judgements[0].points == 100
    assert "report" not in run.result().details.to_dict()["cases"][0]


KEYS = {
    ErrorKind.TRANSPOSED: "t",
    ErrorKind.MISSED: "m",
    ErrorKind.WRONG_DENOMINATION: "d",
    ErrorKind.REVERSED: "r",
    ErrorKind.DECIMAL_SLIP: "p",
    ErrorKind.DOUBLE_POSTED: "e",
}
