"""Data entry: realistic records with valid check digits, field-by-field typing,
per-field accuracy, Chinese names through IME commits."""

from __future__ import annotations

import datetime as dt

import pytest
from drill_helpers import Typist, build_definition
from hypothesis import given
from hypothesis import strategies as st

from svctrainer.core.drills.account_numbers import (
    IBAN_LAYOUTS,
    IBAN_LENGTHS,
    generate_card_number,
    generate_iban,
    group_in_fours,
    iban_check_digits,
    iban_is_valid,
    luhn_check_digit,
    luhn_is_valid,
)
from svctrainer.core.drills.base import Verdict
from svctrainer.core.drills.person_names import CHINESE_GIVEN, CHINESE_SURNAMES
from svctrainer.core.drills.registry import start_run
from svctrainer.core.drills.seeded_random import SeededRandom
from svctrainer.core.keystrokes import BACKSPACE, ENTER, IME, TAB
from svctrainer.core.packs.definition import Mode
from svctrainer.core.packs.loader import load_pack

HEADER = """
format = 1
id = "d"
type = "data_entry"
language = "{lang}"
title = "T"
instructions = "I"
[practice]
item_count = {count}
error_policy = "{policy}"
[scoring]
reference_speed = 200
"""

FIELDS = """
[[generator.fields]]
name = "customer"
kind = "name"
label = "Name"
[[generator.fields]]
name = "born"
kind = "date"
label = "Born"
"""

FIXED = """
[[items]]
customer = "Ann Lee"
born = 1987-03-14
[[items]]
customer = "Bo Wu"
born = 2001-12-01
"""


def pack(body, *, lang="en", count=2, policy="correct"):
    return build_definition(HEADER.format(lang=lang, count=count, policy=policy) + body)


# -- check digits ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "iban",
    [
        "GB82WEST12345698765432",
        "GB82 WEST 1234 5698 7654 32",
        "DE89370400440532013000",
        "NL91ABNA0417164300",
    ],
)
def test_known_valid_ibans(iban):
    assert iban_is_valid(iban)


@pytest.mark.parametrize(
    "iban",
    [
        "GB82WEST12345698765433",  # wrong check
        "GB28WEST12345698765432",  # check digits transposed
        "GB82WEST1234569876543",  # too short
        "XX82WEST12345698765432",  # unknown country
        "gb82west12345698765432",  # lower case
        "GB８2WEST12345698765432",  # full-width digit
        "",
    ],
)
def test_invalid_ibans(iban):
    assert not iban_is_valid(iban)


def test_iban_check_digits_of_the_iso_example():
    assert iban_check_digits("GB", "WEST12345698765432") == "82"


@given(st.sampled_from(sorted(IBAN_LAYOUTS)), st.integers(0, 2**64 - 1), st.data())
def test_generated_ibans_pass_mod_97_and_catch_a_changed_digit(country, seed, data):
    iban = generate_iban(SeededRandom(seed), country)
    assert len(iban) == IBAN_LENGTHS[country]
    assert iban_is_valid(iban)
    digits = [i for i, ch in enumerate(iban) if ch.isdigit() and i >= 2]
    i = data.draw(st.sampled_from(digits))
    new = data.draw(st.sampled_from([d for d in "0123456789" if d != iban[i]]))
    assert not iban_is_valid(
        iban[:i] + new + iban[i + 1 :]
    )  # mod 97 catches every single substitution


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("79927398713", True),
        ("4111111111111111", True),
        ("4111111111111112", False),
        ("6212 3456 7890 1234 566", False),
        ("12a4", False),
        ("0", False),
    ],
)
def test_luhn_known_numbers(number, valid):
    assert luhn_is_valid(number) is valid


def test_luhn_check_digit_of_the_textbook_example():
    assert luhn_check_digit("7992739871") == "3"


@given(
    st.integers(16, 19), st.sampled_from(["4", "51", "62"]), st.integers(0, 2**64 - 1), st.data()
)
def test_generated_cards_pass_luhn_and_catch_a_changed_digit(length, prefix, seed, data):
    number = generate_card_number(SeededRandom(seed), length, prefix)
    assert len(number) == length
    assert number.startswith(prefix)
    assert luhn_is_valid(number)
    i = data.draw(st.integers(0, length - 1))
    new = data.draw(st.sampled_from([d for d in "0123456789" if d != number[i]]))
    assert not luhn_is_valid(number[:i] + new + number[i + 1 :])


def test_group_in_fours():
    assert group_in_fours("GB82WEST12345698765432") == "GB82 WEST 1234 5698 7654 32"


# -- generated records -----------------------------------------------------------------


@pytest.mark.parametrize("name", ["data-entry-practice.en", "data-entry-test.en"])
def test_english_pack_records_are_realistic_and_deterministic(name):
    definition = load_pack(f"drills/{name}.toml")
    run = start_run(definition, Mode.PRACTICE if "practice" in name else Mode.TEST, seed=77)
    again = start_run(definition, Mode.PRACTICE if "practice" in name else Mode.TEST, seed=77)
    for i in range(20):
        record = run.item_at(i)
        assert record == again.item_at(i)
        fields = {f.name: f for f in record.fields}
        assert iban_is_valid(fields["iban"].expected)
        assert fields["iban"].display == group_in_fours(fields["iban"].expected)
        assert luhn_is_valid(fields["card"].expected)
        assert 16 <= len(fields["card"].expected) <= 19
        born = dt.date.fromisoformat(fields["birth_date"].expected)
        assert dt.date(1940, 1, 1) <= born <= dt.date(2006, 12, 31)
        assert fields["customer"].expected.isascii()
        assert "," not in fields["deposit"].expected


def test_chinese_pack_uses_chinese_names_and_19_digit_unionpay_cards():
    definition = load_pack("drills/data-entry-practice.zh.toml")
    run = start_run(definition, Mode.PRACTICE, seed=5)
    for i in range(30):
        fields = {f.name: f for f in run.item_at(i).fields}
        name = fields["customer"].expected
        assert name[0] in CHINESE_SURNAMES
        assert 2 <= len(name) <= 3
        assert all(ch in CHINESE_GIVEN for ch in name[1:])
        card = fields["card"].expected
        assert (len(card), card[:2], luhn_is_valid(card)) == (19, "62", True)
        assert fields["card"].label == "银行卡号"


# -- typing records --------------------------------------------------------------------


def test_tab_or_enter_moves_to_next_field_and_per_field_accuracy():
    run = start_run(pack(FIELDS + FIXED), Mode.PRACTICE, seed=1)
    t = Typist(run, start_ms=0)
    t.type([*"Ann Lee", TAB])
    assert run.state().field_index == 1
    t.type([*"1987-03-15"])  # wrong last digit
    assert t.key(BACKSPACE).verdict is Verdict.CORRECTION
    t.type(["4", ENTER])
    assert (run.state().item_index, run.state().field_index) == (1, 0)
    t.type([*"Bo Wu", ENTER, *"2001-12-01", TAB])
    r = run.result()
    assert r.ended_by == "items"
    fields = r.details.to_dict()["field_stats"]
    # name fields: 7 + Tab + 5 + Enter = 14 correct strokes, no errors
    assert fields["customer"] == {
        "correct_strokes": 14, "wrong_strokes": 0, "accuracy": 1.0,
        "confirmed": 2, "exact": 2, "uncorrected_errors": 0,
    }  # fmt: skip
    # dates: 9 right + '5' wrong + '4' + Enter = 11 correct, then 10 + Tab = 11 -> 22 of 23
    assert fields["born"]["correct_strokes"] == 22
    assert fields["born"]["wrong_strokes"] == 1
    assert fields["born"]["accuracy"] == 0.9565
    assert r.speed_unit == "cpm"
    # correct characters: 7+1, 10+1, 5+1, 10+1 = 36
    assert r.details.to_dict()["correct_chars"] == 36
    assert r.speed == r.details.to_dict()["cpm"]


def test_ime_commit_counts_each_character_as_a_stroke():
    body = """
[[generator.fields]]
name = "customer"
kind = "name"
label = "姓名"
[[items]]
customer = "张伟"
[[items]]
customer = "李秀英"
"""
    run = start_run(pack(body, lang="zh"), Mode.PRACTICE, seed=1)
    t = Typist(run, start_ms=0)
    fb = t.key(IME, 800, text="张伟")
    assert (fb.verdict, fb.strokes, fb.errors) == (Verdict.CORRECT, 2, 0)
    t.key(TAB)
    fb = t.key(IME, 800, text="李秀")
    assert fb.strokes == 2
    fb = t.key(IME, 800, text="应")  # the IME offered the wrong homophone
    assert (fb.verdict, fb.expected) == (Verdict.WRONG, "英")
    t.key(BACKSPACE)
    t.key(IME, 800, text="英")
    t.key(TAB)
    r = run.result()
    # strokes: 2 + Tab + 2 + 1 + BS + 1 + Tab = 9; wrong 1; corrections 1
    assert (r.strokes, r.details.wrong_strokes, r.details.corrections) == (9, 1, 1)
    assert r.details.to_dict()["mistakes"][0]["typed"] == "应"
    stats = r.details.to_dict()["key_stats"]
    assert stats["伟"]["latency_samples"] == 0  # second char of a commit: no latency of its own
    assert stats["张"]["hits"] == 1


def test_fixed_records_keep_display_and_typed_forms():
    body = """
[[generator.fields]]
name = "iban"
kind = "iban"
label = "IBAN"
[[generator.fields]]
name = "card"
kind = "card"
label = "Card"
[[generator.fields]]
name = "amount"
kind = "amount"
label = "Amount"
[[items]]
iban = "GB82 WEST 1234 5698 7654 32"
card = "4111111111111111"
amount = "12480.35"
"""
    run = start_run(pack(body, count=1), Mode.PRACTICE, seed=1)
    fields = run.item_at(0).fields
    assert [(f.display, f.expected) for f in fields] == [
        ("GB82 WEST 1234 5698 7654 32", "GB82WEST12345698765432"),
        ("4111 1111 1111 1111", "4111111111111111"),
        ("12,480.35", "12480.35"),
    ]


def test_data_entry_refuses_options():
    with pytest.raises(ValueError, match="data-entry options"):
        start_run(pack(FIELDS + FIXED), Mode.PRACTICE, options={"adaptive": {}})
