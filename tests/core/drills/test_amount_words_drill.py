"""Amounts in words, both directions: generation, answer editing, per-rule mistake
aggregation, hand-computed figures, hints, options, validity, replay and pack checks."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from drill_helpers import MS, Typist, build_definition
from hypothesis import given, settings
from hypothesis import strategies as st

from svctrainer.core.amount_words_en import to_en_words
from svctrainer.core.amount_words_zh import to_zh_words
from svctrainer.core.drills.amount_words_drill import MAX_ANSWER_CHARS
from svctrainer.core.drills.amount_words_items import (
    GENERATOR_SPEC,
    WordsAmountSpec,
    generate_words_amount,
)
from svctrainer.core.drills.base import Verdict
from svctrainer.core.drills.registry import replay, result_from_dict, start_run
from svctrainer.core.drills.seeded_random import SeededRandom
from svctrainer.core.keystrokes import BACKSPACE, ENTER, IME, SPACE, KeyEvent
from svctrainer.core.money import check_amount
from svctrainer.core.packs.definition import Mode
from svctrainer.core.packs.loader import check_pack_bytes, load_pack

DRILLS = Path(__file__).resolve().parents[3] / "drills"
SHIPPED = [
    f"amounts-in-words-{m}.{lang}.toml" for m in ("practice", "test") for lang in ("en", "zh")
]


def words_pack(
    body: str,
    *,
    mode: str = "practice",
    limits: str = "item_count = 100",
    language: str = "zh",
    scoring: str = "reference_speed = 4",
    grades: str = "",
) -> object:
    seed = 'form = "fixed"\nseed = 3\n' if mode == "test" else ""
    return build_definition(
        f"""format = 1
id = "w"
type = "amount_words"
language = "{language}"
title = "W"
instructions = "I"
[{mode}]
{limits}
{seed}[scoring]
{scoring}
{body}
{grades}"""
    )


def items(*pairs: tuple[str, str]) -> str:
    return "\n".join(f'[[items]]\namount = "{a}"\ndirection = "{d}"' for a, d in pairs)


def answer(typist, text, *, ime=True, every_ms=250):
    """Type ``text`` (Chinese as one IME commit, else key by key) and press Enter."""
    if ime and any(ord(c) > 127 for c in text):
        typist.key(IME, every_ms, text=text)
    else:
        for ch in text:
            typist.key(SPACE if ch == " " else ch, every_ms)
    return typist.key(ENTER, every_ms)


# -- generation -----------------------------------------------------------------------------
def test_generation_is_seeded_and_respects_digits_and_decimals():
    spec = WordsAmountSpec((3, 6), (2, 2), 1000)
    rng1, rng2 = SeededRandom(5), SeededRandom(5)
    first = [generate_words_amount(rng1, spec) for _ in range(300)]
    assert first == [generate_words_amount(rng2, spec) for _ in range(300)]
    assert first != [generate_words_amount(SeededRandom(6), spec) for _ in range(300)]
    for amount in first:
        whole = f"{amount:.2f}".split(".", maxsplit=1)[0]
        assert 3 <= len(whole) <= 6
        assert whole[0] != "0"
        assert check_amount(amount) == amount


def test_zero_probability_controls_zero_digits():
    never = WordsAmountSpec((6, 6), (2, 2), 0)
    rng = SeededRandom(1)
    assert all("0" not in f"{generate_words_amount(rng, never):.2f}" for _ in range(500))
    half = WordsAmountSpec((6, 6), (2, 2), 5000)
    rng = SeededRandom(2)
    digits = "".join(f"{generate_words_amount(rng, half):.2f}"[1:] for _ in range(2000))
    digits = digits.replace(".", "")
    assert abs(digits.count("0") / len(digits) - 0.5) < 0.03


def test_decimals_range_gives_whole_jiao_and_fen_amounts():
    spec = WordsAmountSpec((1, 3), (0, 2), 0)
    rng = SeededRandom(9)
    kinds = set()
    for _ in range(300):
        cents = f"{generate_words_amount(rng, spec):.2f}".split(".")[1]
        kinds.add("whole" if cents == "00" else ("jiao" if cents[1] == "0" else "fen"))
    assert kinds == {"whole", "jiao", "fen"}


def test_amounts_below_one_are_never_zero():
    spec = WordsAmountSpec((0, 0), (0, 1), 9000)  # zero-heavy, at most one decimal
    rng = SeededRandom(4)
    amounts = {generate_words_amount(rng, spec) for _ in range(500)}
    assert amounts <= {Decimal(f"0.{d}0") for d in range(1, 10)}
    assert len(amounts) > 3


def test_largest_amounts_stay_below_ten_to_the_twelve():
    rng = SeededRandom(7)
    spec = WordsAmountSpec((12, 12), (2, 2), 3000)
    for _ in range(200):
        amount = generate_words_amount(rng, spec)
        assert check_amount(amount) == amount
        assert to_zh_words(amount)


# -- answers and rules ------------------------------------------------------------------------
RULES = items(
    ("1409.00", "to_words"),
    ("1409.50", "to_words"),
    ("15.00", "to_words"),
    ("100000.00", "to_words"),
    ("6007.14", "to_words"),
    ("1409.50", "to_figures"),
    ("16409.02", "to_figures"),
    ("1409.00", "to_words"),
)
TYPED = [
    "壹仟肆佰零玖元",  # missing 整
    "壹仟肆佰玖元伍角",  # 零 missing
    "拾伍元整",  # 壹拾
    "十万元",  # 整, 十 for 拾, 壹拾
    "陆仟零柒元壹角肆分",  # right
    "1409.5",  # not to the cent
    "16409.02",  # right
    "壹仟肆佰零玖元",  # missing 整 again
]


def test_per_rule_mistakes_are_counted_per_answer():
    run = start_run(words_pack(RULES), Mode.PRACTICE)
    t = Typist(run)
    for typed in TYPED:
        answer(t, typed)
    result = run.result()
    assert result.ended_by == "items"
    rules = result.details.to_dict()["rule_mistakes"]
    assert rules == {
        "missing_zheng": 3,
        "wrong_ling": 1,
        "wrong_unit": 1,
        "missing_leading_yi_shi": 2,
        "missing_decimals": 1,
    }
    assert list(rules) == [
        "missing_zheng",
        "wrong_ling",
        "wrong_unit",
        "missing_leading_yi_shi",
        "missing_decimals",
    ]  # MistakeCode order, so charts list rules the same way every time
    assert result.accuracy == 0.25  # 2 right of 8
    listed = [(i["expected"], i["typed"], i["codes"]) for i in result.details.to_dict()["items"]]
    assert listed == [
        ("壹仟肆佰零玖元整", "壹仟肆佰零玖元", ["missing_zheng"]),
        ("壹仟肆佰零玖元伍角", "壹仟肆佰玖元伍角", ["wrong_ling"]),
        ("壹拾伍元整", "拾伍元整", ["missing_leading_yi_shi"]),
        ("壹拾万元整", "十万元", ["missing_zheng", "wrong_unit", "missing_leading_yi_shi"]),
        ("陆仟零柒元壹角肆分", "陆仟零柒元壹角肆分", []),
        ("1409.50", "1409.5", ["missing_decimals"]),
        ("16409.02", "16409.02", []),
        ("壹仟肆佰零玖元整", "壹仟肆佰零玖元", ["missing_zheng"]),
    ]
    shown = [i["shown"] for i in result.details.to_dict()["items"]]
    assert shown[0] == "¥1,409.00"
    assert shown[5] == "壹仟肆佰零玖元伍角"
    assert result.details.to_dict()["items"][3]["amount"] == "100000.00"


def test_english_cheque_words_rules_and_space_key():
    definition = words_pack(
        items(("1234.56", "to_words"), ("1234.56", "to_words"), ("1.00", "to_words")),
        language="en",
    )
    run = start_run(definition, Mode.PRACTICE)
    t = Typist(run)
    answer(t, "One thousand two hundred thirty four and 56/100")
    answer(t, "One thousand two hundred thirty-four")
    answer(t, "One and 00/100")
    result = run.result()
    assert [i["codes"] for i in result.details.to_dict()["items"]] == [
        ["missing_hyphen"],
        ["missing_cents_fraction"],
        [],
    ]
    assert result.details.to_dict()["items"][0]["shown"] == "$1,234.56"
    assert result.details.to_dict()["items"][0]["expected"] == to_en_words(Decimal("1234.56"))
    assert result.details.to_dict()["words"] == "en"


def test_backspace_ime_and_answer_editing_are_counted():
    run = start_run(words_pack(items(("1.00", "to_words"), ("2.00", "to_words"))), Mode.PRACTICE)
    t = Typist(run)
    fb = t.key(IME, text="壹元")
    assert (fb.verdict, fb.strokes) == (Verdict.CORRECT, 2)  # accepted, judged at Enter
    assert t.key(BACKSPACE).verdict is Verdict.CORRECTION
    assert run.view().answer == "壹"
    t.key(IME, text="元整")
    assert t.key(ENTER).advanced
    assert t.key(BACKSPACE).verdict is Verdict.IGNORED  # empty answer: nothing to delete
    assert t.key(ENTER).verdict is Verdict.IGNORED  # blank answers are not confirmed
    t.key(SPACE)
    assert t.key(ENTER).verdict is Verdict.IGNORED
    first = run.result().details.to_dict()["items"][0]
    assert (first["typed"], first["codes"], first["strokes"], first["corrections"]) == (
        "壹元整",
        [],
        6,  # 2 + Backspace + 2 + Enter
        1,
    )
    result = run.result()
    assert (result.strokes, result.details.to_dict()["corrections"]) == (7, 1)  # + the Space
    assert result.details.to_dict()["unanswered"] == " "


def test_answers_are_capped_in_length():
    run = start_run(words_pack(items(("1.00", "to_figures"))), Mode.PRACTICE)
    t = Typist(run)
    fb = t.key(IME, text="1" * (MAX_ANSWER_CHARS + 50))
    assert fb.strokes == MAX_ANSWER_CHARS
    assert t.key("2").verdict is Verdict.IGNORED
    answer(t, "")
    assert run.result().details.to_dict()["items"][0]["codes"] == ["unparseable"]  # beyond 9999亿


def test_figures_hand_computed():
    """3 answers of 5 strokes each, 400 ms apart: active 14 × 400 = 5600 ms.
    answers/min = 3 × 60000 / 5600 = 32.14… → 32.1; right chars 2 × 4 = 8 →
    cpm = 8 × 60000 / 5600 = 85.71… → 85.7; accuracy 2/3 → 0.6667;
    score = min(100, 100 × 32.1 / 4) × 0.6667 = 66.67 → 66.7."""
    definition = words_pack(items(*[("1.00", "to_figures")] * 3))
    run = start_run(definition, Mode.PRACTICE)
    t = Typist(run, start_ms=0)
    for typed in ("1.00", "1.01", "1.00"):
        answer(t, typed, every_ms=400)
    result = run.result()
    assert (result.active_ms, result.strokes) == (5600, 15)
    assert (result.speed, result.speed_unit) == (32.1, "answers_per_min")
    assert result.details.to_dict()["cpm"] == 85.7
    assert (result.accuracy, result.score) == (0.6667, 66.7)
    assert [i["active_ms"] for i in result.details.to_dict()["items"]] == [1600, 2000, 2000]
    assert result.details.to_dict()["items"][1]["codes"] == ["wrong_amount"]
    assert result.valid


def test_validity_and_grades():
    definition = words_pack(
        items(("1.00", "to_figures"), ("2.00", "to_figures"), ("3.00", "to_figures")),
        grades='[[grades]]\nname = "Pass"\nmin_answers_per_min = 10\nmin_accuracy = 1\n',
    )
    run = start_run(definition, Mode.PRACTICE)
    t = Typist(run, start_ms=0)
    answer(t, "1.00")
    short = run.result()
    assert (short.valid, short.invalid_reason, short.grade) == (
        False,
        "fewer_than_10_strokes",
        None,
    )
    answer(t, "2.00")
    answer(t, "3.00")
    result = run.result()
    assert result.valid
    assert result.grade == "Pass"


def test_time_limit_keeps_the_unfinished_answer_out_of_the_figures():
    definition = words_pack("[generator]\ninteger_digits = [1, 4]", limits="time_limit_s = 2")
    run = start_run(definition, Mode.PRACTICE, seed=1)
    t = Typist(run, start_ms=0)
    answer(t, run.item(0).expected)
    t.key("1")
    run.tick(t.now_ns(3000))
    result = run.result()
    assert (result.ended_by, result.active_ms) == ("time_limit", 2000)
    assert (result.details.to_dict()["answers"], result.details.to_dict()["unanswered"]) == (1, "1")
    assert result.speed == 30.0  # 1 answer × 60000 / 2000 ms


# -- hints, directions, options ---------------------------------------------------------------
def test_no_live_hints_in_a_test():
    definition = words_pack(items(("1.00", "to_figures")) * 1, mode="test")
    run = start_run(definition, Mode.TEST)
    t = Typist(run)
    fb = answer(t, "9.00")
    assert (fb.verdict, fb.errors, fb.finished) == (Verdict.CORRECT, 0, True)
    assert run.view().last_answer is None
    assert run.state().errors == 0
    assert run.result().accuracy == 0.0


def test_practice_hints_show_the_last_answer_and_its_rules():
    run = start_run(words_pack(items(("1409.00", "to_words"), ("1.00", "to_words"))), Mode.PRACTICE)
    t = Typist(run)
    view = run.view()
    assert (view.direction, view.shown, view.words, view.item_count) == (
        "to_words",
        "¥1,409.00",
        "zh",
        2,
    )
    fb = answer(t, "壹仟肆佰零玖元")
    assert (fb.verdict, fb.errors) == (Verdict.WRONG, 1)
    last = run.view().last_answer
    assert last is not None
    assert (last.expected, last.codes, last.right) == (
        "壹仟肆佰零玖元整",
        ("missing_zheng",),
        False,
    )
    assert run.state().errors == 1
    answer(t, "壹元整")
    assert run.view().shown is None  # finished


def test_both_directions_and_the_direction_option():
    definition = words_pack('[generator]\ninteger_digits = [1, 6]\ndirection = "both"')
    run = start_run(definition, Mode.PRACTICE, seed=11)
    seen = [run.item(i) for i in range(60)]
    assert {item.direction for item in seen} == {"to_words", "to_figures"}
    for item in seen:
        words = to_zh_words(item.amount)
        assert (item.shown, item.expected) in (
            (words, f"{item.amount:.2f}"),
            (f"¥{item.amount:,.2f}", words),
        )
    forced = start_run(definition, Mode.PRACTICE, seed=11, options={"direction": "to_figures"})
    assert {forced.item(i).direction for i in range(20)} == {"to_figures"}
    assert forced.result().options == {"direction": "to_figures"}
    with pytest.raises(ValueError, match="unknown direction"):
        start_run(definition, Mode.PRACTICE, options={"direction": "up"})
    with pytest.raises(ValueError, match="unknown amounts-in-words options"):
        start_run(definition, Mode.PRACTICE, options={"adaptive": {}})
    test = words_pack("[generator]\ninteger_digits = [1, 6]", mode="test")
    with pytest.raises(ValueError, match="fixed by the pack"):
        start_run(test, Mode.TEST, options={"direction": "to_words"})


# -- replay -----------------------------------------------------------------------------------
actions = st.lists(
    st.one_of(
        st.tuples(
            st.just("key"),
            st.sampled_from(["right", "right", "right", "wrong", "ime", BACKSPACE, ENTER,
                             SPACE, "Shift"]),
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
        elif arg in ("right", "ime"):
            item = run.item(run.index)
            expected = item.expected if item is not None else "1"
            done = len(run.answer)
            text = expected[done : done + (1 if arg == "right" else 3)] or "x"
            key = IME if arg == "ime" or ord(text[0]) > 127 else text
            run.feed(KeyEvent(t, key, text))
        elif arg == "wrong":
            run.feed(KeyEvent(t, "7", "7"))
        else:
            run.feed(KeyEvent(t, arg, ""))


@settings(max_examples=60, deadline=None)
@given(
    script=actions,
    mode=st.sampled_from([Mode.PRACTICE, Mode.TEST]),
    language=st.sampled_from(["zh", "en"]),
    direction=st.sampled_from([None, "to_words", "to_figures", "both"]),
    seed=st.integers(0, 2**63 - 1),
)
def test_replay_reproduces_the_result_exactly(script, mode, language, direction, seed):
    definition = words_pack(
        '[generator]\ninteger_digits = [0, 5]\nzero_probability = 0.4\ndirection = "both"',
        mode=str(mode),
        limits="time_limit_s = 20\nitem_count = 6",
        language=language,
    )
    options = {"direction": direction} if direction and mode is Mode.PRACTICE else None
    run = start_run(definition, mode, seed=seed, options=options)
    drive(run, script)
    stored = run.result()
    as_json = json.loads(json.dumps(stored.to_dict()))
    again = replay(definition, mode, as_json["seed"], run.events, as_json["options"])
    assert again == stored
    assert result_from_dict(as_json) == stored


# -- packs ------------------------------------------------------------------------------------
HEAD = """format = 1
id = "w"
type = "amount_words"
language = "zh"
title = "W"
instructions = "I"
[practice]
item_count = 10
[scoring]
reference_speed = 4
"""


def problems(text):
    definition, found = check_pack_bytes("w.toml", text.encode())
    assert definition is None
    return [str(p) for p in found]


def test_generator_problems_point_at_the_offending_key():
    text = HEAD + (
        "[generator]\n"
        "integer_digits = [0, 13]\n"
        "decimals = [0, 3]\n"
        "zero_probability = 1.5\n"
        'direction = "backwards"\n'
        'words = "fr"\n'
        'currency_symbol = "R"\n'
        "zero_probabilty = 0.1\n"
    )
    assert problems(text) == [
        "w.toml:12:22: generator.integer_digits[1] must be at most 12, not 13",
        "w.toml:13:16: generator.decimals[1] must be at most 2, not 3",
        "w.toml:14:1: generator.zero_probability must be at most 0.9, not 1.5; write 0.3 for 30 %",
        "w.toml:15:1: generator.direction must be one of 'to_words', 'to_figures', 'both', "
        "not 'backwards'",
        "w.toml:16:1: generator.words must be one of 'zh', 'en', not 'fr'",
        "w.toml:17:1: generator.currency_symbol must be one of '', '¥', '$', '£', '€', not 'R'",
        "w.toml:18:1: unknown key 'zero_probabilty' in [generator] "
        "(did you mean 'zero_probability'?)",
    ]


def test_amounts_below_one_need_decimals():
    text = HEAD + "[generator]\ninteger_digits = [0, 3]\ndecimals = 0\n"
    assert problems(text) == [
        "w.toml:12:1: amounts with no whole digits need decimals (raise decimals' maximum)"
    ]


def test_a_pack_needs_a_generator_or_items():
    assert problems(HEAD) == [
        "w.toml:1:1: missing required key 'integer_digits' in [generator] (or list [[items]])"
    ]
    assert problems(HEAD + "[generator]\nwords = 'zh'\n") == [
        "w.toml:11:2: missing required key 'integer_digits' in [generator] (or list [[items]])"
    ]


def test_item_problems_point_at_the_offending_key():
    text = HEAD + (
        "[generator]\n"
        "integer_digits = [1, 3]\n"
        'words = "zh"\n'
        "[[items]]\n"
        'amount = "1.234"\n'
        "[[items]]\n"
        'amount = "12"\n'
        'direction = "sideways"\n'
        "[[items]]\n"
        'amount = "0"\n'
        "[[items]]\n"
        "amount = 12\n"
    )
    assert problems(text) == [
        "w.toml:12:1: 'integer_digits' does not apply when [[items]] fix the amounts",
        "w.toml:15:1: amount '1.234': '1.234' has more than two decimal places",
        "w.toml:18:1: items[1].direction must be one of 'to_words', 'to_figures', not 'sideways'",
        "w.toml:20:1: amount '0': the amount must be greater than zero",
        "w.toml:22:1: items[3].amount must be a string, not an integer",
    ]


def test_words_scoring_needs_a_reference_speed_and_knows_its_figures():
    text = HEAD.replace("reference_speed = 4\n", "") + (
        "[generator]\ninteger_digits = 3\n[[grades]]\nname = 'G'\nmin_net_kph = 1\n"
    )
    assert problems(text) == [
        "w.toml:9:2: set scoring.reference_speed (the answers_per_min worth a score of 100) "
        "or give the grades a min_answers_per_min",
        "w.toml:14:1: unknown key 'min_net_kph' in [grades[0]]",
    ]


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_words_packs_load_and_run(name):
    definition = load_pack(DRILLS / name)
    assert definition.id == name.removesuffix(".toml")
    assert definition.drill_type == "amount_words"
    lang = name.split(".")[-2]
    assert definition.language == lang
    assert definition.content.words == lang
    assert definition.content.direction == "both"  # words shown → figures keyed, too
    mode = Mode.TEST if "-test." in name else Mode.PRACTICE
    assert list(definition.modes) == [mode]
    settings_ = definition.settings(mode)
    if mode is Mode.TEST:
        assert (settings_.hints, settings_.pause) == (False, False)
        assert settings_.seed is None  # a fresh form per attempt
        assert settings_.time_limit_s is not None
    assert "reduce the waiting time for customers" in definition.instructions or (
        "减少客户等待时间" in definition.instructions
    )
    assert len(definition.grades) >= 3
    run = start_run(definition, mode, seed=1)
    t = Typist(run)
    for _ in range(4):
        answer(t, run.item(run.index).expected)
    result = run.result()
    assert result.valid
    assert (result.accuracy, result.details.to_dict()["rule_mistakes"]) == (1.0, {})
    assert replay(definition, mode, result.seed, run.events) == result


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
        st.tuples(st.sampled_from(["reference_speed", "error_penalty"]), TOML_VALUES), max_size=3
    ),
    with_items=st.booleans(),
)
def test_hostile_values_give_located_problems_not_exceptions(generator, scoring, with_items):
    lines = [*HEAD.split("[scoring]", maxsplit=1)[0].splitlines(), "[generator]"]
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
