"""The numbers a Chinese counter keys most: 18-digit resident ID numbers (GB 11643
MOD 11-2), mobile numbers and UnionPay card numbers; generated ones pass the checks a
core banking screen applies, mistyped ones are refused and counted as errors."""

from __future__ import annotations

import datetime as dt

import pytest
from drill_helpers import Typist, build_definition
from hypothesis import given
from hypothesis import strategies as st

from svctrainer.core.drills.account_numbers import generate_card_number, luhn_is_valid
from svctrainer.core.drills.base import Verdict
from svctrainer.core.drills.data_entry import FieldPlan, field_problem, make_field
from svctrainer.core.drills.mobile_numbers import (
    MOBILE_PATTERN,
    SEGMENTS,
    generate_mobile,
    group_mobile,
    mobile_is_valid,
)
from svctrainer.core.drills.registry import start_run
from svctrainer.core.drills.resident_id import (
    ADDRESS_CODES,
    IdProblem,
    birth_date,
    check_character,
    generate_resident_id,
    id_is_valid,
    id_problem,
)
from svctrainer.core.drills.seeded_random import SeededRandom
from svctrainer.core.keystrokes import BACKSPACE, TAB
from svctrainer.core.packs.definition import Mode
from svctrainer.core.packs.loader import check_pack_bytes, load_pack

seeds = st.integers(min_value=0, max_value=2**63 - 1)
BORN_FROM, BORN_TO = dt.date(1936, 1, 1), dt.date(2008, 12, 31)
ID_CHARS = "0123456789X"


# -- resident ID numbers ----------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    # the standard's own example, and numbers whose check characters were worked by hand
    ["11010519491231002X", "31010419900307123X", "440305198506152340"],
)
def test_known_numbers_pass(number):
    assert id_problem(number) is None


def test_the_check_character_follows_mod_11_2_by_hand():
    body = "11010519491231002"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(d) * w for d, w in zip(body, weights, strict=True))
    assert total % 11 == 2  # remainder 2 is the X
    assert check_character(body) == "X"


@pytest.mark.parametrize(
    ("number", "problem"),
    [
        ("11010519491231002", IdProblem.LENGTH),
        ("11010519491231002x", IdProblem.CHARACTERS),  # the X is upper case on the card
        ("1101051949123100X2", IdProblem.CHARACTERS),
        ("99010519491231002X", IdProblem.REGION),
        ("110105194902300021", IdProblem.BIRTH_DATE),  # 30 February
        ("110105194912310021", IdProblem.CHECK),
    ],
)
def test_the_screen_names_what_is_wrong(number, problem):
    assert id_problem(number) is problem


@given(seeds)
def test_every_generated_number_is_valid_and_real_looking(seed):
    number = generate_resident_id(SeededRandom(seed), BORN_FROM, BORN_TO)
    assert id_is_valid(number)
    assert number[:6] in ADDRESS_CODES
    born = birth_date(number)
    assert born is not None
    assert BORN_FROM <= born <= BORN_TO
    assert number[14:17] != "000"


@given(seeds, st.booleans())
def test_the_sequence_code_carries_the_sex(seed, female):
    number = generate_resident_id(SeededRandom(seed), BORN_FROM, BORN_TO, female=female)
    assert int(number[16]) % 2 == (0 if female else 1)


@given(seeds, st.integers(0, 17), st.integers(1, 10))
def test_any_single_character_change_is_refused(seed, position, shift):
    number = generate_resident_id(SeededRandom(seed), BORN_FROM, BORN_TO)
    alphabet = ID_CHARS if position == 17 else "0123456789"
    old = alphabet.index(number[position])
    new = alphabet[(old + shift) % len(alphabet)]
    if new == number[position]:
        return
    changed = number[:position] + new + number[position + 1 :]
    assert id_problem(changed) is not None


@given(seeds, st.integers(0, 15))
def test_swapping_two_adjacent_digits_is_refused(seed, position):
    number = generate_resident_id(SeededRandom(seed), BORN_FROM, BORN_TO)
    a, b = number[position], number[position + 1]
    if a == b:
        return
    swapped = number[:position] + b + a + number[position + 2 :]
    assert id_problem(swapped) is not None


# -- mobile numbers ---------------------------------------------------------------------


@given(seeds)
def test_every_generated_mobile_number_is_in_a_segment_in_use(seed):
    number = generate_mobile(SeededRandom(seed))
    assert len(number) == 11
    assert mobile_is_valid(number)
    assert number[:3] in SEGMENTS
    assert group_mobile(number).replace(" ", "") == number


def test_the_segment_table_and_the_screens_pattern_agree():
    for prefix in range(100, 200):
        assert (MOBILE_PATTERN.fullmatch(f"{prefix}12345678") is not None) == (
            str(prefix) in SEGMENTS
        ), prefix
    for unused in ("140", "141", "144", "154", "179", "194", "120"):
        assert not mobile_is_valid(unused + "12345678")


def test_a_mobile_number_is_eleven_ascii_digits():
    assert not mobile_is_valid("1380013800")
    assert not mobile_is_valid("138001380000")
    assert not mobile_is_valid("１３８００１３８０００")  # full-width digits
    assert mobile_is_valid("13800138000")


# -- card numbers -----------------------------------------------------------------------

CARD = FieldPlan("card", "card", "银行卡号", lengths=(16, 19), prefixes=("622202", "621700"))


@given(seeds, st.integers(0, 18), st.integers(1, 9))
def test_generated_cards_pass_and_any_single_digit_change_is_refused(seed, position, shift):
    rng = SeededRandom(seed)
    number = generate_card_number(rng, 19, rng.choice(CARD.prefixes))
    assert luhn_is_valid(number)
    assert field_problem(CARD, number) is None
    changed = number[:position] + str((int(number[position]) + shift) % 10) + number[position + 1 :]
    assert field_problem(CARD, changed) is not None


def test_the_card_screen_checks_length_and_issuer_before_luhn():
    assert field_problem(CARD, "6222021001") == "length"
    assert field_problem(CARD, "4111111111111111") == "prefix"
    assert field_problem(CARD, "62220210011234567a") == "characters"


# -- the other fields of the form -------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "typed", "problem"),
    [
        ("date", "1987-02-29", "date"),
        ("date", "1987-2-28", "date"),
        ("date", "1988-02-29", None),
        ("amount", "12480.35", None),
        ("amount", "12,480.35", "characters"),
        ("amount", "12480.355", "characters"),
        ("mobile", "1380013800", "length"),
        ("mobile", "14012345678", "segment"),
        ("name", "", "empty"),
    ],
)
def test_other_fields_are_checked_as_the_screen_does(kind, typed, problem):
    assert field_problem(FieldPlan("f", kind, "F"), typed) == problem


def test_a_generated_id_field_is_shown_and_typed_whole():
    plan = FieldPlan("id_number", "resident_id", "证件号码", date_from=BORN_FROM, date_to=BORN_TO)
    field = make_field(SeededRandom(7), plan)
    assert field.display == field.expected
    assert id_is_valid(field.expected)


# -- the form refuses an invalid value and counts it ------------------------------------

PACK = """
format = 1
id = "d"
type = "data_entry"
language = "zh"
title = "T"
instructions = "I"
[practice]
item_count = 1
error_policy = "free"
[scoring]
reference_speed = 200
[[generator.fields]]
name = "id_number"
kind = "resident_id"
label = "证件号码"
[[generator.fields]]
name = "mobile"
kind = "mobile"
label = "手机号码"
[[items]]
id_number = "11010519491231002X"
mobile = "138 0013 8000"
"""


def test_a_wrong_check_character_is_refused_counted_and_can_be_put_right():
    run = start_run(build_definition(PACK), Mode.PRACTICE, seed=1)
    t = Typist(run, start_ms=0)
    t.type([*"110105194912310021"])  # the last character should be X
    fb = t.key(TAB)
    assert fb.verdict is Verdict.WRONG
    state = run.state()
    assert (state.field_index, state.invalid_field) == (0, "check")  # the cursor stays
    t.key(BACKSPACE)
    t.key("X")
    assert t.key(TAB).verdict is Verdict.CORRECT
    assert (run.state().field_index, run.state().invalid_field) == (1, None)
    t.type([*"13800138001", TAB])  # a wrong digit in a valid segment: only the copy differs
    result = run.result()
    stats = result.details.field_stats
    assert stats["id_number"].invalid == 1
    assert stats["id_number"].exact == 1
    assert stats["mobile"].invalid == 0
    assert stats["mobile"].uncorrected_errors == 1
    refused = [m for m in result.details.mistakes if m.typed == "110105194912310021"]
    assert refused == [refused[0]]
    assert refused[0].expected == "11010519491231002X"
    assert result.details.to_dict()["field_stats"]["id_number"]["invalid"] == 1


def test_fixed_records_must_pass_the_checks():
    bad = PACK.replace("11010519491231002X", "110105194912310021")
    definition, problems = check_pack_bytes("bad.toml", bad.encode())
    assert definition is None
    assert any("not a valid resident ID number" in str(p) for p in problems)


@pytest.mark.parametrize("name", ["data-entry-practice.zh", "data-entry-test.zh"])
def test_zh_packs_carry_id_mobile_and_unionpay_card(name):
    definition = load_pack(f"drills/{name}.toml")
    kinds = {plan.kind for plan in definition.content.fields}
    assert {"resident_id", "mobile", "card"} <= kinds
    run = start_run(definition, Mode.TEST if "test" in name else Mode.PRACTICE, seed=3)
    for index in range(5):
        item = run.item_at(index)
        assert item is not None
        by_kind = {
            plan.kind: f for plan, f in zip(definition.content.fields, item.fields, strict=True)
        }
        assert id_is_valid(by_kind["resident_id"].expected)
        assert mobile_is_valid(by_kind["mobile"].expected)
        card = by_kind["card"].expected
        assert card.startswith("62")
        assert luhn_is_valid(card)
