"""Voucher summing (传票算): the book and group plan, the adding register, page flips,
contest group scoring with hand-computed cases, hints, validity, replay and pack checks."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from drill_helpers import MS, Typist, build_definition
from hypothesis import given, settings
from hypothesis import strategies as st

from svctrainer.core.drills.amounts import AmountSpec
from svctrainer.core.drills.base import Verdict
from svctrainer.core.drills.registry import replay, result_from_dict, start_run
from svctrainer.core.drills.voucher_book import (
    GENERATOR_SPEC,
    BookSpec,
    Layout,
    Slot,
    VoucherBook,
)
from svctrainer.core.keystrokes import BACKSPACE, ENTER, PAGE_DOWN, PAGE_UP, TAB, KeyEvent
from svctrainer.core.packs.definition import Mode
from svctrainer.core.packs.loader import check_pack_bytes, load_pack

DRILLS = Path(__file__).resolve().parents[3] / "drills"
SHIPPED = [
    f"voucher-summing-{m}.{lang}.toml" for m in ("practice", "test") for lang in ("en", "zh")
]


def voucher_pack(
    generator: str = "",
    *,
    mode: str = "test",
    limits: str = "time_limit_s = 600",
    scoring: str = "",
    grades: str = "",
) -> object:
    seed = 'form = "fixed"\nseed = 7\n' if mode == "test" else ""
    return build_definition(
        f"""format = 1
id = "v"
type = "voucher_summing"
language = "en"
title = "V"
instructions = "I"
[{mode}]
{limits}
{seed}[generator]
{generator}
[scoring]
{scoring}
{grades}"""
    )


# A book small enough to compute by hand: one-digit whole amounts, groups of 2 vouchers.
TINY = "vouchers = 4\nrows = 2\ngroup_size = 2\ninteger_digits = 1\ndecimals = 0"


def amount_text(run, group, index):
    book = run.book
    return f"{book.amount(book.slot(group, index)):.{book.spec.amount.decimals}f}"


def key_amount(typist, text, every_ms=250):
    for ch in text:
        typist.key(ch, every_ms)


def key_group(typist, run, wrong_at=(), count=None, every_ms=250):
    """Key ``count`` (default: group size) amounts of the current group, flipping after
    each; entries at the indices in ``wrong_at`` get their first digit changed."""
    group = run.group
    for index in range(run.book.spec.group_size if count is None else count):
        text = amount_text(run, group, index)
        if index in wrong_at:
            text = ("2" if text[0] == "1" else "1") + text[1:]
        key_amount(typist, text, every_ms)
        typist.key(ENTER, every_ms)
        typist.key(PAGE_DOWN, every_ms)


# -- the book -----------------------------------------------------------------------------
def test_book_is_seeded_and_shaped_by_the_spec():
    spec = BookSpec(100, 5, 20, AmountSpec((2, 7), 2))
    a, b = VoucherBook(spec, 11), VoucherBook(spec, 11)
    assert [a.voucher(p) for p in range(1, 101)] == [b.voucher(p) for p in range(1, 101)]
    assert (a.start_page, a.start_row) == (b.start_page, b.start_row)
    assert VoucherBook(spec, 12).voucher(1) != a.voucher(1)
    for page in range(1, 101):
        amounts = a.voucher(page)
        assert len(amounts) == 5
        for amount in amounts:
            whole = f"{amount:.2f}".split(".", maxsplit=1)[0]
            assert 2 <= len(whole) <= 7
            assert whole[0] != "0"
            assert amount.as_tuple().exponent == -2


def test_group_plan_walks_the_book_and_moves_down_a_row_per_group():
    book = VoucherBook(BookSpec(100, 5, 20), 1)
    book.start_page, book.start_row = 37, 3
    assert [(book.group_first_page(g), book.group_last_page(g)) for g in range(4)] == [
        (37, 56),
        (57, 76),
        (77, 96),
        (97, 16),
    ]
    assert [book.group_row(g) for g in range(5)] == [3, 4, 5, 1, 2]
    assert book.slot(3, 0) == Slot(97, 1)
    assert book.slot(3, 3) == Slot(100, 1)
    assert book.slot(3, 4) == Slot(1, 1)  # wraps to the first voucher
    assert book.flip(1, -1) == 100
    assert book.flip(100, 1) == 1
    expected = sum((book.voucher(p)[0] for p in [*range(97, 101), *range(1, 17)]), Decimal(0))
    assert book.group_total(3) == expected


def test_book_display_uses_the_group_separator():
    book = VoucherBook(BookSpec(1, 1, 1, AmountSpec((7, 7), 2, group_separator=" ")), 1)
    assert book.shown(Decimal("1234567.80")) == "1 234 567.80"


# -- the register -------------------------------------------------------------------------
def test_register_adds_decimals_exactly():
    run = start_run(voucher_pack(), Mode.TEST)
    t = Typist(run)
    for text in ("0.1", "0.2", "12.", ".5"):
        key_amount(t, text)
        t.key(ENTER)
    view = run.view()
    assert view.running_total == Decimal("12.8")  # 0.1 + 0.2 is exactly 0.3 here
    assert view.total_text == "12.80"
    assert view.entries_in_group == 4
    assert view.entry_text == ""


def test_register_keys_backspace_clear_plus_and_refused_presses():
    run = start_run(voucher_pack(), Mode.TEST)
    t = Typist(run)
    assert t.key(ENTER).verdict is Verdict.IGNORED  # nothing to add: not a stroke
    assert t.key(TAB).verdict is Verdict.IGNORED  # no entry yet: a stray Tab skips nothing
    key_amount(t, "12.345")  # the third decimal is refused
    assert run.view().entry_text == "12.34"
    assert t.key(".").verdict is Verdict.IGNORED  # one point only
    assert t.key(BACKSPACE).verdict is Verdict.CORRECTION
    assert run.view().entry_text == "12.3"
    assert t.key("Delete").verdict is Verdict.CORRECTION
    assert run.view().entry_text == ""
    assert t.key("Delete").verdict is Verdict.IGNORED  # empty: nothing to clear
    key_amount(t, "7")
    t.key("+")  # adds like Enter
    key_amount(t, "0000000000000")  # 13 whole digits: the 13th is refused
    assert run.view().entry_text == "000000000000"
    assert t.key("x").verdict is Verdict.IGNORED
    assert t.key("IME", text="１").verdict is Verdict.IGNORED
    view = run.view()
    assert (view.running_total, view.entries_in_group) == (Decimal(7), 1)
    details = run.result().details.to_dict()
    assert (details["corrections"], details["clears"], details["entries"]) == (2, 1, 1)
    # strokes: 1 2 . 3 4, Backspace, Delete, 7, +, twelve 0s
    assert run.result().strokes == 5 + 1 + 1 + 1 + 1 + 12


def test_total_key_adds_a_pending_entry_then_hands_in_the_group():
    run = start_run(voucher_pack(TINY), Mode.TEST)
    t = Typist(run)
    key_amount(t, amount_text(run, 0, 0))
    t.key(ENTER)
    t.key(PAGE_DOWN)
    key_amount(t, amount_text(run, 0, 1))
    fb = t.key("*")  # the keypad total key; the pending amount is added first
    assert fb.advanced
    view = run.view()
    assert (view.group_index, view.groups_done, view.entries_in_group) == (1, 1, 0)
    assert view.running_total == 0
    group = run.result().details.to_dict()["groups"][0]
    assert (group["entries"], group["correct"], group["points"]) == (2, True, 20)


def test_decimals_zero_refuses_the_point():
    run = start_run(voucher_pack(TINY), Mode.TEST)
    t = Typist(run)
    assert t.key(".").verdict is Verdict.IGNORED


# -- pages ----------------------------------------------------------------------------------
def test_page_flips_wrap_are_logged_strokes_and_pack_keys_add_to_them():
    definition = voucher_pack(
        'vouchers = 3\nrows = 2\ngroup_size = 2\nnext_page_keys = ["Down"]\n'
        'previous_page_keys = ["Up", "["]'
    )
    run = start_run(definition, Mode.TEST)
    t = Typist(run)
    start = run.view().page
    assert start == run.book.start_page == run.view().group_first_page
    pages = []
    for key in (PAGE_DOWN, "Down", PAGE_DOWN, PAGE_UP, "Up", "[", "Right"):
        t.key(key)
        pages.append(run.view().page)
    steps = [1, 2, 3, 2, 1, 0, 0]  # "Right" is no flip key here
    assert pages == [run.book.flip(start, s) for s in steps]
    view = run.view()
    assert (
        view.rows
        == run.voucher(view.page)
        == tuple(run.book.shown(a) for a in run.book.voucher(view.page))
    )
    assert view.flips == 6
    result = run.result()
    assert (result.strokes, result.details.to_dict()["flips"]) == (6, 6)
    assert [e.key for e in run.events if e.press] == [
        PAGE_DOWN, "Down", PAGE_DOWN, PAGE_UP, "Up", "[", "Right"
    ]  # fmt: skip


# -- contest scoring --------------------------------------------------------------------------
def test_contest_scoring_correct_wrong_and_partial_groups():
    """Group 0 all right: 20. Group 1 with its 5th amount wrong: 0, first wrong entry at
    its 5th voucher. Group 2 cut off after 10 entries whose 8th is wrong: 7 points."""
    run = start_run(voucher_pack(), Mode.TEST)
    t = Typist(run, start_ms=0)
    key_group(t, run)
    t.key(TAB)
    key_group(t, run, wrong_at={4})
    t.key(TAB)
    key_group(t, run, wrong_at={7}, count=10)
    run.stop(t.now_ns())
    result = run.result()
    assert result.score == 20 + 0 + 7
    assert result.accuracy == 0.96  # 48 right of 50 entries
    details = result.details.to_dict()
    assert details["wrong_groups"] == [1]
    assert details["partial_points"] == 7
    g0, g1, g2 = details["groups"]
    assert (g0["correct"], g0["points"], g0["first_wrong"]) == (True, 20, None)
    assert g0["total"] == g0["expected_total"]
    assert (g1["correct"], g1["points"], g1["right_entries"]) == (False, 0, 19)
    book = run.book
    assert g1["first_wrong"] == {
        "entry": 4,
        "kind": "wrong_amount",
        "page": book.flip(book.start_page, 24),
        "row": book.group_row(1),
        "expected": amount_text(run, 1, 4),
        "typed": ("2" if amount_text(run, 1, 4)[0] == "1" else "1") + amount_text(run, 1, 4)[1:],
        "page_shown": book.flip(book.start_page, 24),
    }
    assert (g2["submitted"], g2["entries"], g2["right_entries"], g2["points"]) == (
        False,
        10,
        9,
        7,
    )
    assert g2["first_wrong"]["entry"] == 7
    assert details["groups_submitted"] == 2
    assert details["groups_correct"] == 1.0


def test_a_missed_flip_is_located_on_the_page_that_was_on_screen():
    run = start_run(voucher_pack(), Mode.TEST)
    t = Typist(run)
    first = run.view().page
    key_amount(t, amount_text(run, 0, 0))
    t.key(ENTER)  # forgot PageDown: the same voucher is keyed again
    key_amount(t, amount_text(run, 0, 0))
    t.key(ENTER)
    t.key(TAB)
    group = run.result().details.to_dict()["groups"][0]
    assert group["first_wrong"] == {
        "entry": 1,
        "kind": "wrong_amount",
        "page": run.book.flip(first, 1),
        "row": run.book.start_row,
        "expected": amount_text(run, 0, 1),
        "typed": amount_text(run, 0, 0),
        "page_shown": first,
    }


def test_missing_and_extra_entries():
    missing = start_run(voucher_pack(), Mode.TEST)
    t = Typist(missing)
    key_group(t, missing, count=19)
    t.key(TAB)
    group = missing.result().details.to_dict()["groups"][0]
    assert (group["correct"], group["points"]) == (False, 0)
    last = missing.book.group_last_page(0)
    assert group["first_wrong"] == {
        "entry": 19,
        "kind": "missing",
        "page": last,
        "row": missing.book.start_row,
        "expected": amount_text(missing, 0, 19),
        "typed": None,
        "page_shown": None,
    }
    extra = start_run(voucher_pack(), Mode.TEST)
    t = Typist(extra)
    key_group(t, extra)
    key_amount(t, "5")
    t.key(ENTER)
    t.key(TAB)
    group = extra.result().details.to_dict()["groups"][0]
    assert (group["entries"], group["right_entries"], group["correct"]) == (21, 20, False)
    assert group["first_wrong"]["kind"] == "extra"
    assert group["first_wrong"]["entry"] == 20
    assert group["first_wrong"]["page"] is None


def test_partial_credit_counts_only_the_leading_run_of_right_entries():
    run = start_run(voucher_pack(), Mode.TEST)
    t = Typist(run)
    key_group(t, run, wrong_at={0}, count=5)  # the first is wrong: no leading run
    run.stop(t.now_ns())
    assert run.result().score == 0
    run = start_run(voucher_pack(scoring="points_per_entry = 2"), Mode.TEST)
    t = Typist(run)
    key_group(t, run, count=13)
    run.stop(t.now_ns())
    assert run.result().score == 26  # 13 right entries × 2 points


def test_pack_scoring_points_per_group():
    run = start_run(voucher_pack(TINY, scoring="points_per_group = 5"), Mode.TEST)
    t = Typist(run)
    key_group(t, run)
    t.key(TAB)
    key_group(t, run)
    t.key(TAB)
    assert run.result().score == 10


def test_speed_and_figures_hand_computed():
    """TINY book, 500 ms between strokes: 2 digits, 2 Enters, 2 flips, 1 Tab = 7 strokes,
    active 6 × 500 = 3000 ms; 2 entries → 2 × 60000 / 3000 = 40.0 vouchers/min;
    gross KPH = 7 × 3600000 / 3000 = 8400.0."""
    run = start_run(voucher_pack(TINY), Mode.TEST)
    t = Typist(run)
    key_group(t, run, every_ms=500)
    t.key(TAB, 500)
    run.stop(t.now_ns(20_000))
    result = run.result()
    assert (result.active_ms, result.strokes) == (3000, 7)
    assert (result.speed, result.speed_unit) == (40.0, "vouchers_per_min")
    assert result.details.to_dict()["gross_kph"] == 8400.0
    assert (result.accuracy, result.score) == (1.0, 20.0)
    assert result.valid is False  # 7 strokes < 10
    assert result.invalid_reason == "fewer_than_10_strokes"
    assert result.grade is None


def test_items_limit_counts_groups_and_time_limit_ends_at_exactly_the_limit():
    run = start_run(voucher_pack(TINY, mode="practice", limits="item_count = 2"), Mode.PRACTICE)
    t = Typist(run)
    key_group(t, run)
    t.key(TAB)
    assert not run.finished
    key_group(t, run)
    fb = t.key(TAB)
    assert fb.finished
    assert run.result().ended_by == "items"

    run = start_run(voucher_pack(limits="time_limit_s = 2"), Mode.TEST)
    t = Typist(run, start_ms=0)
    key_group(t, run, count=2)
    run.tick(t.now_ns(60_000))
    result = run.result()
    assert (result.ended_by, result.active_ms) == ("time_limit", 2000)
    assert result.details.to_dict()["groups"][0]["submitted"] is False


def test_grades_on_score_and_validity():
    definition = voucher_pack(
        TINY,
        grades='[[grades]]\nname = "Two groups"\nmin_score = 40\nmin_groups_correct = 2\n',
    )
    run = start_run(definition, Mode.TEST)
    t = Typist(run)
    for _ in range(2):
        key_group(t, run)
        t.key(TAB)
    assert run.result().grade is None  # a run still going is not graded
    run.tick(t.now_ns() + 601 * 10**9)  # the test's time runs out: complete
    result = run.result()
    assert result.valid
    assert (result.score, result.grade, result.completion) == (40.0, "Two groups", "complete")


def test_no_live_hints_in_a_test():
    run = start_run(voucher_pack(TINY), Mode.TEST)
    t = Typist(run)
    key_group(t, run, wrong_at={0}, count=1)
    fb = t.key(TAB)
    assert (fb.verdict, fb.errors) == (Verdict.CORRECT, 0)
    view = run.view()
    assert (view.expected_page, view.last_entry_right, view.groups_correct) == (None, None, None)
    assert view.wrong_groups is None
    assert run.tick(t.now_ns()).errors == 0
    assert run.result().details.to_dict()["wrong_entries"] == 1  # the result tells


def test_practice_hints_show_the_next_page_and_what_was_wrong():
    run = start_run(voucher_pack(TINY, mode="practice", limits="item_count = 5"), Mode.PRACTICE)
    t = Typist(run)
    assert run.view().expected_page == run.book.group_first_page(0)
    key_amount(t, "0")  # never right: amounts are 1-9 here, and the total cannot match
    fb = t.key(ENTER)
    assert (fb.verdict, fb.errors) == (Verdict.WRONG, 1)
    view = run.view()
    assert view.last_entry_right is False
    assert view.expected_page == run.book.flip(run.book.group_first_page(0), 1)
    fb = t.key(TAB)
    assert fb.verdict is Verdict.WRONG
    view = run.view()
    assert (view.groups_correct, view.wrong_groups) == (0, (0,))
    assert run.state().errors == 1


def test_a_right_total_is_correct_even_with_compensating_entries():
    """As in contests only the handed-in total is marked: 1 + 1 keyed as 2 + 0 scores."""
    run = start_run(voucher_pack(TINY), Mode.TEST)
    t = Typist(run)
    total = run.book.group_total(0)
    key_amount(t, str(total))
    t.key(ENTER)
    t.key(PAGE_DOWN)
    key_amount(t, "0")
    t.key(TAB)
    group = run.result().details.to_dict()["groups"][0]
    assert (group["correct"], group["points"], group["right_entries"]) == (True, 20, 0)
    assert group["first_wrong"]["entry"] == 0


def test_run_options_are_refused():
    with pytest.raises(ValueError, match="unknown voucher-summing options"):
        start_run(voucher_pack(), Mode.TEST, options={"adaptive": {}})


# -- replay ---------------------------------------------------------------------------------
actions = st.lists(
    st.one_of(
        st.tuples(
            st.just("key"),
            st.sampled_from(
                ["right", "right", "right", "digit", ".", ENTER, ENTER, "+", TAB, "*",
                 BACKSPACE, "Delete", PAGE_DOWN, PAGE_DOWN, PAGE_UP, "Down", "Shift"]
            ),
        ),
        st.tuples(st.just("wait"), st.integers(min_value=0, max_value=9000)),
        st.tuples(st.sampled_from(["pause", "resume", "tick", "release"]), st.just(0)),
    ),
    max_size=150,
)  # fmt: skip


def drive(run, script):
    t = 1000 * MS
    for action, arg in script:
        if action == "wait":
            t += arg * MS
            continue
        t += 97 * MS
        if action == "pause":
            run.pause(t)
        elif action == "resume":
            run.resume(t)
        elif action == "tick":
            run.tick(t)
        elif action == "release":
            run.feed(KeyEvent(t, "1", "1", False))
        elif arg == "right":
            # the next digit of the amount due, as a trainee reading the page would
            index = min(len(run.entries), run.book.spec.group_size - 1)
            due = amount_text(run, run.group, index)
            ch = due[len(run.entry)] if len(run.entry) < len(due) else ENTER
            run.feed(KeyEvent(t, ch, ch if len(ch) == 1 else ""))
        else:
            key = "3" if arg == "digit" else arg
            run.feed(KeyEvent(t, key, key if len(key) == 1 else ""))


@settings(max_examples=60, deadline=None)
@given(
    script=actions,
    mode=st.sampled_from([Mode.PRACTICE, Mode.TEST]),
    seed=st.integers(0, 2**63 - 1),
)
def test_replay_reproduces_the_result_exactly(script, mode, seed):
    generator = 'vouchers = 6\nrows = 3\ngroup_size = 3\nnext_page_keys = ["Down"]'
    limits = "time_limit_s = 20\nitem_count = 4"
    definition = voucher_pack(generator, mode=str(mode), limits=limits)
    run = start_run(definition, mode, seed=seed)
    drive(run, script)
    stored = run.result()
    as_json = json.loads(json.dumps(stored.to_dict()))
    again = replay(definition, mode, as_json["seed"], run.events, as_json["options"])
    assert again == stored
    assert result_from_dict(as_json) == stored


# -- packs ----------------------------------------------------------------------------------
def test_generator_defaults_are_the_chained_book_packs_were_written_for():
    definition = voucher_pack()
    book = definition.content.book
    assert (book.vouchers, book.rows, book.group_size) == (100, 5, 20)
    assert (book.amount.integer_digits, book.amount.decimals) == ((2, 7), 2)
    assert book.layout is Layout.CHAINED
    assert definition.scoring.extra == {"points_per_group": 20, "points_per_entry": 1}


BAD = """format = 1
id = "v"
type = "voucher_summing"
language = "en"
title = "V"
instructions = "I"
[test]
time_limit_s = 600
form = "fresh"
[generator]
vouchers = 10
group_size = 20
decimals = 3
next_page_keys = ["Down", "PageUp"]
previous_page_keys = ["Page Down", "Down"]
group_seperator = ","
[scoring]
points_per_group = -1
points_per_entri = 1
[[items]]
amount = "1"
[[grades]]
name = "G"
min_score = 100001
"""


def test_pack_problems_point_at_the_offending_key():
    definition, problems = check_pack_bytes("v.toml", BAD.encode())
    assert definition is None
    assert [str(p) for p in problems] == [
        "v.toml:12:1: a group of 20 vouchers does not fit a book of 10",
        "v.toml:13:1: generator.decimals must be at most 2, not 3",
        "v.toml:14:27: 'PageUp' is already a register or page key",
        'v.toml:15:23: \'Page Down\' is not a key name (e.g. "Down", "F2" or "]")',
        "v.toml:15:36: 'Down' flips both forward and back",
        "v.toml:16:1: unknown key 'group_seperator' in [generator] "
        "(did you mean 'group_separator'?)",
        "v.toml:18:1: scoring.points_per_group must be at least 0, not -1",
        "v.toml:19:1: unknown key 'points_per_entri' in [scoring] "
        "(did you mean 'points_per_entry'?)",
        "v.toml:20:3: a voucher book is generated; [[items]] is not supported",
        "v.toml:24:1: grades[0].min_score must be at most 100000, not 100001",
    ]


def test_unknown_grade_figure_for_vouchers_is_located():
    text = BAD.split("[generator]", maxsplit=1)[0] + '[[grades]]\nname = "G"\nmin_net_kph = 1\n'
    _, problems = check_pack_bytes("v.toml", text.encode())
    assert [str(p) for p in problems] == [
        "v.toml:12:1: unknown key 'min_net_kph' in [grades[0]] (did you mean 'min_gross_kph'?)",
    ]


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_voucher_packs_load_and_run(name):
    definition = load_pack(DRILLS / name)
    assert definition.id == name.removesuffix(".toml")
    assert definition.drill_type == "voucher_summing"
    mode = Mode.TEST if "-test." in name else Mode.PRACTICE
    assert list(definition.modes) == [mode]
    settings_ = definition.settings(mode)
    if mode is Mode.TEST:
        assert (settings_.time_limit_s, settings_.hints, settings_.pause) == (600, False, False)
        assert settings_.seed is None  # a fresh form per attempt
    assert "reduce the waiting time for customers" in definition.instructions or (
        "减少客户等待时间" in definition.instructions
    )
    assert len(definition.grades) >= 3
    run = start_run(definition, mode, seed=1)
    t = Typist(run)
    key_group(t, run, every_ms=150)
    t.key(TAB)
    result = run.result()
    assert result.valid
    assert (result.score, result.accuracy) == (10.0, 1.0)
    assert replay(definition, mode, result.seed, run.events) == result


def test_english_and_chinese_tests_use_the_same_book_for_a_seed():
    en = start_run(load_pack(DRILLS / "voucher-summing-test.en.toml"), Mode.TEST, seed=9)
    zh = start_run(load_pack(DRILLS / "voucher-summing-test.zh.toml"), Mode.TEST, seed=9)
    assert [en.book.voucher(p) for p in range(1, 101)] == [
        zh.book.voucher(p) for p in range(1, 101)
    ]
    assert (en.book.start_page, en.book.start_row) == (zh.book.start_page, zh.book.start_row)


# -- hostile [generator] / [[items]] / [scoring] values never crash the loader -------------
TOML_VALUES = st.sampled_from(
    ["0", "-1", "1", "3", "13", "1001", "0.5", "1.5", "nan", "inf", "true", '""', '"x"',
     '"Down"', '"PageUp"', '"1.234"', '"12"', '"0"', "[]", "[0, 0]", "[2, 1]", "[1, 99]",
     '["Down", "Down"]', '["+"]', "[[1]]", "{}", "1979-05-27", '"both"', '"zh"', '"¥"']
)  # fmt: skip
GENERATOR_KEYS = st.sampled_from([*GENERATOR_SPEC.by_name, "bogus"])


@settings(max_examples=150, deadline=None)
@given(
    generator=st.lists(st.tuples(GENERATOR_KEYS, TOML_VALUES), max_size=6),
    scoring=st.lists(
        st.tuples(
            st.sampled_from(["points_per_group", "points_per_entry", "error_penalty"]), TOML_VALUES
        ),
        max_size=3,
    ),
    with_items=st.booleans(),
)
def test_hostile_values_give_located_problems_not_exceptions(generator, scoring, with_items):
    lines = [*BAD.split("[generator]", maxsplit=1)[0].splitlines(), "[generator]"]
    lines += [f"{k} = {v}" for k, v in dict(generator).items()]
    lines += ["[scoring]"] + [f"{k} = {v}" for k, v in dict(scoring).items()]
    if with_items:
        lines += ["[[items]]", 'amount = "12.50"', "[[items]]", "amount = 3"]
    data = "\n".join(lines).encode()
    definition, found = check_pack_bytes("f.toml", data)
    line_count = data.count(b"\n") + 1
    assert definition is not None or found
    for problem in found:
        assert not problem.message.startswith("internal error"), problem
        assert 1 <= problem.line <= line_count
        assert problem.col >= 1


# -- the contest book -------------------------------------------------------------------------
def test_a_chained_book_is_the_one_it_always_was():
    """Packs written before the contest layout keep their books, so their stored attempts
    replay exactly: the amounts and start of seed 11, pinned."""
    import hashlib

    book = VoucherBook(BookSpec(100, 5, 20, AmountSpec((2, 7), 2)), 11)
    pages = [book.voucher(p) for p in range(1, 101)]
    text = repr((pages, book.start_page, book.start_row)).encode()
    assert hashlib.sha256(text).hexdigest()[:16] == "85c2df0ca25c83f7"


CONTEST_TEST = DRILLS / "voucher-summing-test.en.toml"


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**63 - 1))
def test_contest_book_is_the_contest_format_for_every_seed(seed):
    """Every form: 15 questions of 20 pages on one row, each with its own start page and
    row, never wrapping past page 100 nor sharing a voucher; rows used equally; each
    question exactly 5 amounts each of 4, 5, 6 and 7 digits (110 digits); digits 0–9
    balanced on every page; amounts 10.00 to 99,999.99, never led by 0."""
    from collections import Counter

    run = start_run(load_pack(CONTEST_TEST), Mode.TEST, seed=seed)
    book = run.book
    assert book.group_count == 15
    cells: set[tuple[int, int]] = set()
    rows = Counter()
    for g in range(15):
        first, last, row = book.group_first_page(g), book.group_last_page(g), book.group_row(g)
        assert 1 <= first <= 81
        assert last == first + 19 <= 100
        question = {(book.slot(g, i).page, book.slot(g, i).row) for i in range(20)}
        assert question == {(p, row) for p in range(first, last + 1)}
        assert not question & cells
        cells |= question
        rows[row] += 1
        lengths = Counter(len(f"{a:.2f}".replace(".", "")) for a in book.group_amounts(g))
        assert lengths == {4: 5, 5: 5, 6: 5, 7: 5}
        assert book.group_total(g) == sum(book.group_amounts(g))
    assert sorted(rows.values()) == [3, 3, 3, 3, 3]
    for page in range(1, 101):
        texts = [f"{a:.2f}" for a in book.voucher(page)]
        digits = "".join(texts).replace(".", "")
        counts = Counter(digits)
        low = len(digits) // 10
        assert all(low <= counts.get(d, 0) <= low + 1 for d in "0123456789"), texts
        for text in texts:
            assert text[0] != "0"
            assert 4 <= len(text) - 1 <= 7
            assert Decimal("10.00") <= Decimal(text) <= Decimal("99999.99")


def test_contest_forms_are_equally_hard_and_differ():
    definition = load_pack(CONTEST_TEST)
    a, b = (start_run(definition, Mode.TEST, seed=s).book for s in (1, 2))
    assert [a.group_amounts(g) for g in range(15)] != [b.group_amounts(g) for g in range(15)]
    digits = {
        sum(len(f"{x:.2f}") - 1 for x in book.group_amounts(g))
        for book in (a, b)
        for g in range(15)
    }
    assert digits == {110}


def test_a_contest_test_scores_completed_right_totals_only():
    run = start_run(load_pack(CONTEST_TEST), Mode.TEST, seed=3)
    t = Typist(run)
    key_group(t, run, every_ms=150)
    t.key(TAB)
    key_group(t, run, count=12, every_ms=150)  # the time is up in the middle of question 2
    run.stop(t.now_ns(100))
    result = run.result()
    assert (result.score, result.details.groups_correct) == (10.0, 1.0)
    assert result.details.partial_points == 0
    assert [g.points for g in result.details.groups] == [10, 0]


def test_practice_on_a_contest_book_keeps_partial_credit_from_the_pack():
    definition = load_pack(DRILLS / "voucher-summing-practice.en.toml")
    run = start_run(definition, Mode.PRACTICE, seed=3)
    t = Typist(run)
    key_group(t, run, count=12, every_ms=150)
    run.stop(t.now_ns(100))
    assert run.result().score == 12.0


def test_handing_in_opens_the_next_question_and_the_last_one_ends_the_run():
    definition = voucher_pack(
        'layout = "contest"\nvouchers = 6\nrows = 2\ngroup_size = 3\nquestions = 4\n'
        "integer_digits = [1, 2]\ndecimals = 0",
        limits="time_limit_s = 600",
    )
    run = start_run(definition, Mode.TEST, seed=5)
    book = run.book
    assert run.page == book.group_first_page(0)
    t = Typist(run)
    for g in range(4):
        assert run.page == book.group_first_page(g)
        assert run.view().row_to_key == book.group_row(g)
        for i in range(3):
            while run.page != book.slot(g, i).page:
                t.key(PAGE_DOWN)
            key_amount(t, amount_text(run, g, i))
            t.key(ENTER)
        t.key(TAB)
    assert run.finished
    result = run.result()
    assert (result.details.groups_correct, result.score) == (4.0, 80.0)
    assert replay(definition, Mode.TEST, run.seed, run.events) == result


@pytest.mark.parametrize(
    ("generator", "message"),
    [
        (
            'layout = "contest"\nleading_digit = "benford"',
            "v.toml:12:1: a contest book balances the digits on each page: use leading_digit"
            ' = "uniform"',
        ),
        (
            'layout = "contest"\nquestions = 26',
            "v.toml:12:1: 26 questions of 20 vouchers do not fit 5 rows of 100 vouchers without"
            " sharing one (at most 25)",
        ),
        ("questions = 5", 'v.toml:11:1: questions needs layout = "contest"'),
    ],
)
def test_contest_book_problems_are_located(generator, message):
    text = BAD.split("[generator]", maxsplit=1)[0] + "[generator]\n" + generator + "\n"
    _, problems = check_pack_bytes("v.toml", text.encode())
    assert [str(p) for p in problems] == [message]
