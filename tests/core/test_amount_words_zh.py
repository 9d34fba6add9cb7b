"""Chinese capital amounts (大写金额) against the PBOC rules.

Rule references are to 《正确填写票据和结算凭证的基本规定》 (附件一 of 《支付结算办法》):
二 = 整 rules; 四(一) 中间有0写零; 四(二) 连续几个0只写一个零; 四(三) 万位/元位是0而千位/角位
不是0时零可写可不写; 四(四) 角位是0而分位不是0时元后写零. "级" = four-digit section.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svctrainer.core.amount_words_zh import (
    DIGITS,
    parse_zh_words,
    spellings,
    to_zh_words,
)
from svctrainer.core.money import AmountError, AmountProblem, from_cents

D = Decimal

CANONICAL = [
    # The regulation's own examples (first form where it gives two).
    (
        "1409.50",
        "壹仟肆佰零玖元伍角",
    ),  # 四(一); nothing after 角 (二 allows 整, issue example has none)
    ("6007.14", "陆仟零柒元壹角肆分"),  # 四(二): two zeros, one 零
    ("1680.32", "壹仟陆佰捌拾元零叁角贰分"),  # 四(三) first form: 零 after 元
    ("107000.53", "壹拾万柒仟元零伍角叁分"),  # 四(三) first form; 壹拾 at the start
    ("16409.02", "壹万陆仟肆佰零玖元零贰分"),  # 四(四)
    ("325.04", "叁佰贰拾伍元零肆分"),  # 四(四)
    # 整 (二)
    ("1.00", "壹元整"),
    ("100000000", "壹亿元整"),  # empty 万 and 个 sections: nothing written
    ("1005.00", "壹仟零伍元整"),  # 四(二)
    ("1000000.00", "壹佰万元整"),
    ("10000.00", "壹万元整"),
    ("1000000000.00", "壹拾亿元整"),
    ("100000000000.00", "壹仟亿元整"),
    # 壹拾: every 拾 carries its digit, also at the start
    ("10.00", "壹拾元整"),
    ("15.00", "壹拾伍元整"),
    ("110.00", "壹佰壹拾元整"),
    ("100000.00", "壹拾万元整"),
    # below one yuan: no integer part
    ("0.01", "壹分"),
    ("0.05", "伍分"),
    ("0.10", "壹角"),
    ("0.50", "伍角"),
    ("0.15", "壹角伍分"),
    # 角 and 分 after a non-zero 元 digit: no 零 there
    ("1.50", "壹元伍角"),
    ("1.55", "壹元伍角伍分"),
    ("12345.67", "壹万贰仟叁佰肆拾伍元陆角柒分"),
    # 四(四): 角 is 0, 分 is not → 元零…分 (required)
    ("1.05", "壹元零伍分"),
    ("10.05", "壹拾元零伍分"),
    ("1000.01", "壹仟元零壹分"),
    ("200000000.02", "贰亿元零贰分"),
    ("100050000.05", "壹亿零伍万元零伍分"),  # plus 四(一) across the 亿/万 boundary
    # 四(三): 元位 0 and 角 not 0 → canonical writes 零 after 元
    ("10.50", "壹拾元零伍角"),
    ("20000.20", "贰万元零贰角"),
    ("5000000000.50", "伍拾亿元零伍角"),
    ("1090.90", "壹仟零玖拾元零玖角"),
    ("1234567890.12", "壹拾贰亿叁仟肆佰伍拾陆万柒仟捌佰玖拾元零壹角贰分"),
    # zeros inside a section: one 零 (四(一)(二)); none at a section's end
    ("101.00", "壹佰零壹元整"),
    ("109.00", "壹佰零玖元整"),
    ("1001.00", "壹仟零壹元整"),
    ("1100.00", "壹仟壹佰元整"),  # trailing zeros of the number: no 零
    ("10001.00", "壹万零壹元整"),
    ("10010.00", "壹万零壹拾元整"),
    ("10100.00", "壹万零壹佰元整"),
    ("11000.00", "壹万壹仟元整"),
    ("40300000.00", "肆仟零叁拾万元整"),
    # a run crossing into a lower section whose 仟 is also 0: 零 required
    ("100500.00", "壹拾万零伍佰元整"),
    ("70000800.00", "柒仟万零捌佰元整"),
    ("100100000", "壹亿零壹拾万元整"),
    ("100000001.00", "壹亿零壹元整"),
    # run ending at a section end before a non-zero 仟: 四(三) optional, canonical omits
    ("101000.00", "壹拾万壹仟元整"),
    ("10001000.00", "壹仟万壹仟元整"),
    ("80009005.00", "捌仟万玖仟零伍元整"),
    # ... but after 亿, with the 亿 digit 0 and the 千万 digit not: 零 written (issue 11:
    # right under both readings of 四(三), which names 万 and 元 only)
    ("1010000000.00", "壹拾亿零壹仟万元整"),
    ("1050000000.00", "壹拾亿零伍仟万元整"),
    ("3080009000.00", "叁拾亿零捌仟万玖仟元整"),
    ("1005000000.00", "壹拾亿零伍佰万元整"),  # 千万 is 0 too: 四(一), as before
    # ... unless a whole 级 is zero: then one 零 (as read aloud)
    ("100005000.00", "壹亿零伍仟元整"),
    ("100000001000.00", "壹仟亿零壹仟元整"),
    # everything at once
    ("1010101010.10", "壹拾亿零壹仟零壹拾万壹仟零壹拾元零壹角"),
    ("999999999999.99", "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
]


@pytest.mark.parametrize(("amount", "words"), CANONICAL)
def test_canonical_words(amount: str, words: str) -> None:
    assert to_zh_words(D(amount)) == words
    assert parse_zh_words(words) == D(amount)


def test_there_are_enough_hand_checked_cases() -> None:
    assert len(CANONICAL) >= 40


VARIANTS = [
    ("1409.50", "壹仟肆佰零玖元伍角整"),  # 二: 在角之后可以不写整 — may also be written
    ("1409.50", "壹仟肆佰零玖元伍角正"),  # 整（正）
    ("1680.32", "壹仟陆佰捌拾元叁角贰分"),  # 四(三) second form
    ("107000.53", "壹拾万零柒仟元伍角叁分"),  # 四(三) second form
    ("107000.53", "壹拾万零柒仟元零伍角叁分"),  # each 零 of 四(三) is optional on its own
    ("107000.53", "壹拾万柒仟元伍角叁分"),
    ("101000.00", "壹拾万零壹仟元整"),
    ("100005000.00", "壹亿伍仟元整"),  # 四(三): 万位 0, 千位 not 0
    ("1010000000.00", "壹拾亿壹仟万元整"),  # the 零 after 亿 may be left out
    ("1050000000.00", "壹拾亿伍仟万元整"),
    ("3080009000.00", "叁拾亿捌仟万玖仟元整"),
    ("100.00", "壹佰元正"),
    ("100.00", "壹佰圆整"),  # 一: 圆/圓 也应受理
    ("100.00", "壹佰圓整"),
    ("20000.00", "貳萬元整"),
    ("6.00", "陸元整"),
    ("300000000.00", "叁億元整"),
    ("3.00", "叄元整"),
    ("3.00", "參元整"),
    ("100.00", "人民币壹佰元整"),  # 三: 紧接"人民币"
    ("100.00", "人民幣壹佰元整"),
    ("100.00", "  人民币壹佰元整 "),
    ("0.50", "伍角整"),
    ("0.50", "零元伍角"),
    ("0.50", "零元伍角整"),
    ("0.15", "零元壹角伍分"),
    ("0.05", "零元零伍分"),  # 四(四) after a written 零元
    ("10.50", "壹拾元伍角"),  # 四(三) without the 零
]


@pytest.mark.parametrize(("amount", "words"), VARIANTS)
def test_documented_variants_are_accepted(amount: str, words: str) -> None:
    assert parse_zh_words(words) == D(amount)


REJECTED = [
    # (text, 1-based position of the first bad character)
    ("壹仟肆佰玖元伍角", 5),  # 四(一): 零 missing
    ("壹仟元零零伍角", 5),  # 四(二): one 零 for a run
    ("壹佰零元整", 3),  # no 零 at the end of the integer part
    ("壹拾万零零柒仟元整", 5),
    ("零壹元整", 1),
    ("壹元零伍角", 3),  # 元位 is not 0: no 零 before 角
    ("壹元伍分", 3),  # 四(四): 元零伍分 required
    ("伍元零伍角", 3),
    ("零元伍分", 3),  # 四(四) after 零元
    ("零伍分", 2),  # "零" could still start 零元零伍分
    ("壹佰元", 4),  # 二: 整 after 元 required
    ("壹佰元整整", 5),
    ("壹元伍角伍分整", 7),  # 二: 分后面不写整
    ("伍分整", 3),
    ("壹元伍角整整", 6),
    ("拾伍元整", 1),  # 壹拾
    ("拾元整", 1),
    ("壹佰拾元整", 3),
    ("一元整", 1),  # 一: lower-case digit
    ("壹十元整", 2),
    ("壹佰元零", 4),
    ("壹元伍毛", 4),
    ("人民币 壹元整", 4),  # 三: no blank
    ("壹万 元整", 3),
    ("壹万万元整", 3),
    ("壹亿壹亿元整", 4),
    ("壹万壹亿元整", 4),
    ("壹佰伍角", 3 + 1),  # 元 missing before 角
    ("壹贰元整", 2),
    ("伍角壹元整", 4),
    ("元整", 1),
    ("壹佰", 3),  # ends without 元
    ("壹元整伍角", 4),
    ("壹仟佰元整", 3),
    ("壹佰壹仟元整", 4),
]


@pytest.mark.parametrize(("text", "position"), REJECTED)
def test_rule_breaks_are_rejected_at_the_first_bad_character(text: str, position: int) -> None:
    with pytest.raises(AmountError) as caught:
        parse_zh_words(text)
    assert caught.value.problem is AmountProblem.BAD_WORDS
    assert caught.value.position == position
    assert f"character {position}" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_rejection_names_the_standard_form() -> None:
    with pytest.raises(AmountError, match="standard form is 壹仟肆佰零玖元伍角"):
        parse_zh_words("壹仟肆佰玖元伍角")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", AmountProblem.EMPTY),
        ("   ", AmountProblem.EMPTY),
        ("人民币", AmountProblem.EMPTY),
        ("零元整", AmountProblem.ZERO),  # zero is not a cheque amount
        ("零角", AmountProblem.ZERO),
    ],
)
def test_empty_and_zero(text: str, problem: AmountProblem) -> None:
    with pytest.raises(AmountError) as caught:
        parse_zh_words(text)
    assert caught.value.problem is problem


@pytest.mark.parametrize(
    ("amount", "problem"),
    [
        ("0", AmountProblem.ZERO),
        ("-1", AmountProblem.NEGATIVE),
        ("1.005", AmountProblem.TOO_MANY_DECIMALS),
        ("1000000000000", AmountProblem.TOO_LARGE),  # beyond 9999亿
        ("NaN", AmountProblem.NOT_FINITE),
    ],
)
def test_invalid_amounts_have_no_words(amount: str, problem: AmountProblem) -> None:
    with pytest.raises(AmountError) as caught:
        to_zh_words(D(amount))
    assert caught.value.problem is problem
    assert "\n" not in str(caught.value)


def test_spellings_list_canonical_first_and_are_distinct() -> None:
    forms = spellings(D("107000.53"))
    assert forms[0] == "壹拾万柒仟元零伍角叁分"
    assert len(forms) == len(set(forms)) == 4


# --- properties -----------------------------------------------------------------------

# Amounts with many zeros exercise the 零 rules far more than uniform ones would.
zero_heavy = st.lists(st.sampled_from("00000000123456789"), min_size=1, max_size=14).map(
    lambda digits: int("".join(digits))
)
cents = st.one_of(st.integers(min_value=1, max_value=10**14 - 1), zero_heavy).filter(
    lambda c: 0 < c < 10**14
)
amounts = cents.map(from_cents)


@settings(max_examples=400, deadline=None)
@given(amounts)
def test_words_round_trip(amount: Decimal) -> None:
    words = to_zh_words(amount)
    assert parse_zh_words(words) == amount
    assert to_zh_words(parse_zh_words(words)) == words


@settings(max_examples=200, deadline=None)
@given(amounts)
def test_every_accepted_spelling_reads_back(amount: Decimal) -> None:
    for form in spellings(amount):
        assert parse_zh_words(form) == amount


def reference_words(amount: Decimal) -> str:
    """An independent implementation for cross-checking: the widely used
    "digit + unit, then collapse zeros with regular expressions" converter for the
    integer part, with the regulation's 元/角/分 rules written out directly."""
    digits, units = "零壹贰叁肆伍陆柒捌玖", ["", "拾", "佰", "仟"]
    cents_total = int(amount * 100)
    whole, rest = divmod(cents_total, 100)
    jiao, fen = divmod(rest, 10)
    integer = ""
    number = whole
    for big in ("元", "万", "亿"):
        if number == 0:
            break
        part, position = "", 0
        while position < 4 and number > 0:
            part = digits[number % 10] + units[position] + part
            number //= 10
            position += 1
        part = re.sub(r"(零.)*零$", "", part) or "零"
        integer = part + big + integer
    integer = re.sub(r"(零.)*零元", "元", integer, count=1)
    integer = re.sub(r"(零.)+", "零", integer)
    if (whole // 10**8) % 10 == 0 and (whole // 10**7) % 10 and whole >= 10**9:
        integer = integer.replace("亿", "亿零", 1)  # issue 11: 零 after 亿 before 千万
    if whole == 0:
        return (digits[jiao] + "角" if jiao else "") + (digits[fen] + "分" if fen else "")
    if jiao == fen == 0:
        return integer + "整"
    if jiao == 0:
        return integer + "零" + digits[fen] + "分"
    zero = "零" if whole % 10 == 0 else ""
    return integer + zero + digits[jiao] + "角" + (digits[fen] + "分" if fen else "")


@pytest.mark.parametrize(("amount", "words"), CANONICAL)
def test_reference_agrees_with_hand_cases(amount: str, words: str) -> None:
    assert reference_words(D(amount)) == words


@settings(max_examples=400, deadline=None)
@given(amounts)
def test_agrees_with_independent_reference(amount: Decimal) -> None:
    assert to_zh_words(amount) == reference_words(amount)


zh_alphabet = st.sampled_from(
    [*"零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整正圆貳萬人民币一十百 ", "人民币"]
)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.lists(zh_alphabet, max_size=24).map("".join), st.text()))
def test_parse_raises_only_amount_error(text: str) -> None:
    outcome = _outcome(parse_zh_words, text)
    if isinstance(outcome, AmountError):
        error = outcome
        assert "\n" not in str(error)
        if error.position is not None:
            assert 1 <= error.position <= len(text) + 1
    else:
        value = outcome
        assert D("0.01") <= value < D(10**12)


@settings(max_examples=300, deadline=None)
@given(amounts, st.data())
def test_one_character_edits_are_caught_or_still_correct(
    amount: Decimal, data: st.DataObject
) -> None:
    """A slip of one character either is refused or is itself a correct writing of
    what it now says (e.g. dropping an optional 零) — never silently misread."""
    words = to_zh_words(amount)
    index = data.draw(st.integers(min_value=0, max_value=len(words) - 1))
    char = data.draw(st.sampled_from("零壹贰伍玖拾佰仟万亿元角分整"))
    edited = data.draw(
        st.sampled_from(
            [
                words[:index] + words[index + 1 :],
                words[:index] + char + words[index:],
                words[:index] + char + words[index + 1 :],
            ]
        )
    )
    try:
        value = parse_zh_words(edited)
    except AmountError:
        return
    assert edited in spellings(value)


def _outcome(parse: Callable[[str], Decimal], text: str) -> Decimal | AmountError:
    try:
        return parse(text)
    except AmountError as error:
        return error


@given(
    st.integers(1, 99),  # 亿 and up, 亿 digit 0: tens of 亿
    st.integers(1, 9),  # the 千万 digit
    st.integers(0, 999_9999),  # the rest of the 万 and 个 sections
    st.integers(0, 99),
)
def test_after_yi_the_standard_writing_has_zero_and_both_readings_parse(
    tens_of_yi: int, qianwan: int, rest: int, cents: int
) -> None:
    amount = D(tens_of_yi * 10 * 10**8 + qianwan * 10**7 + rest) + D(cents) / 100
    words = to_zh_words(amount)
    assert "亿零" + DIGITS[qianwan] + "仟" in words
    assert parse_zh_words(words) == amount
    without = words.replace("亿零", "亿", 1)
    assert parse_zh_words(without) == amount
