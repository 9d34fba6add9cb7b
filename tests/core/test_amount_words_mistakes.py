"""Classifying a trainee's wrong answer by the rule it breaks."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from svctrainer.core.amount_words_en import parse_en_words, to_en_words
from svctrainer.core.amount_words_mistakes import (
    MistakeCode,
    classify_en,
    classify_figures,
    classify_zh,
)
from svctrainer.core.amount_words_zh import parse_zh_words, spellings, to_zh_words
from svctrainer.core.money import AmountError, from_cents

D = Decimal
M = MistakeCode


@pytest.mark.parametrize(
    ("amount", "typed", "codes"),
    [
        ("1409.50", "壹仟肆佰零玖元伍角", []),
        ("1409.50", "人民币壹仟肆佰零玖元伍角整", []),  # 整 after 角 is allowed
        ("100.00", "壹佰圆整", []),  # 圆 is permitted by the regulation
        ("100.00", "壹佰元正", []),
        ("100005000", "壹亿伍仟元整", []),  # 四(三) allows omitting this 零
        ("10.10", "壹拾元壹角", []),
        ("1409.50", "壹仟肆佰零捌元伍角", [M.WRONG_AMOUNT]),
        ("1409.50", "壹仟肆佰零玖元", [M.WRONG_AMOUNT]),  # 伍角 forgotten: value differs
        ("100.00", "壹佰元", [M.MISSING_ZHENG]),
        ("100.00", "壹佰圆", [M.MISSING_ZHENG]),
        ("100.00", "壹佰元整整", [M.EXTRA_ZHENG]),
        ("1.05", "壹元零伍分整", [M.EXTRA_ZHENG]),  # 分后面不写整
        ("1.55", "壹元伍角伍分正", [M.EXTRA_ZHENG]),
        ("1409.50", "壹仟肆佰玖元伍角", [M.WRONG_LING]),  # 四(一)
        ("6007.14", "陆仟零零柒元壹角肆分", [M.WRONG_LING]),  # 四(二)
        ("1.05", "壹元伍分", [M.WRONG_LING]),  # 四(四)
        ("100.00", "壹佰零元整", [M.WRONG_LING]),  # 零 at the end
        ("1.50", "壹元零伍角", [M.WRONG_LING]),
        ("1.50", "壹元伍角零分", [M.WRONG_LING]),
        ("1005.00", "壹仟零佰零拾伍元整", [M.WRONG_LING]),  # zero digits written with units
        ("1005.00", "壹仟零拾伍元整", [M.WRONG_LING]),
        ("1015.00", "壹仟零拾伍元整", [M.MISSING_LEADING_YI_SHI]),
        ("0.05", "零元伍分", [M.WRONG_LING]),
        ("100005000", "壹亿零零伍仟元整", [M.WRONG_LING]),
        ("10005.00", "壹万伍元整", [M.WRONG_LING]),
        ("1409.50", "一仟肆佰零玖元伍角", [M.LOWERCASE_DIGIT]),
        ("1409.50", "壹仟肆佰〇玖元伍角", [M.LOWERCASE_DIGIT]),
        ("1409.50", "壹仟肆佰另玖元伍角", [M.LOWERCASE_DIGIT]),
        ("2.00", "两元整", [M.LOWERCASE_DIGIT]),
        ("20.00", "廿元整", [M.LOWERCASE_DIGIT]),
        ("5.00", "5元整", [M.LOWERCASE_DIGIT]),
        ("1409.50", "壹千肆百零玖元伍角", [M.WRONG_UNIT]),
        ("1.50", "壹元伍毛", [M.WRONG_UNIT]),
        ("1.00", "壹块整", [M.WRONG_UNIT]),
        ("15.00", "拾伍元整", [M.MISSING_LEADING_YI_SHI]),
        ("110.00", "壹佰拾元整", [M.MISSING_LEADING_YI_SHI]),
        ("1010.00", "壹仟零拾元整", [M.MISSING_LEADING_YI_SHI]),
        ("15.00", "十五元整", [M.LOWERCASE_DIGIT, M.WRONG_UNIT, M.MISSING_LEADING_YI_SHI]),
        ("1409.50", "壹仟 肆佰零玖元伍角", [M.BLANK_SPACE]),
        ("1409.50", "人民币 壹仟肆佰零玖元伍角", [M.BLANK_SPACE]),
        ("1010.00", "壹仟零一十元", [M.MISSING_ZHENG, M.LOWERCASE_DIGIT, M.WRONG_UNIT]),
        ("10.00", "拾元", [M.MISSING_ZHENG, M.MISSING_LEADING_YI_SHI]),
        ("1409.50", "hello", [M.UNPARSEABLE]),
        ("1409.50", "", [M.UNPARSEABLE]),
        ("1409.50", "壹仟肆佰零玖伍角", [M.UNPARSEABLE]),  # 元 missing
        ("1409.50", "一千四百零九元五角钱", [M.UNPARSEABLE, M.LOWERCASE_DIGIT, M.WRONG_UNIT]),
        ("100.00", "零元整", [M.WRONG_AMOUNT]),
    ],
)
def test_classify_zh(amount: str, typed: str, codes: list[MistakeCode]) -> None:
    assert classify_zh(D(amount), typed) == sorted(codes, key=list(MistakeCode).index)


@pytest.mark.parametrize(
    ("amount", "typed", "codes"),
    [
        ("1234.56", "One thousand two hundred thirty-four and 56/100", []),
        ("1234.56", "one thousand two hundred and thirty-four dollars and 56/100 only", []),
        ("1234.56", "One thousand two hundred thirty-five and 56/100", [M.WRONG_AMOUNT]),
        ("1234.56", "One thousand two hundred thirty-four and 65/100", [M.WRONG_AMOUNT]),
        ("1234.56", "One thousand two hundred thirty-four", [M.MISSING_CENTS_FRACTION]),
        ("1234.56", "One thousand two hundred thirty-four dollars", [M.MISSING_CENTS_FRACTION]),
        ("1234.56", "One thousand two hundred thirty-four 56/100", [M.MISSING_CENTS_FRACTION]),
        ("1234.56", "One thousand two hundred thirty-four and 56", [M.MISSING_CENTS_FRACTION]),
        (
            "1234.56",
            "One thousand two hundred thirty-four dollars and fifty-six cents",
            [M.MISSING_CENTS_FRACTION],
        ),
        (
            "1234.56",
            "One thousand two hundred thirty-four and fifty-five cents",
            [M.WRONG_AMOUNT, M.MISSING_CENTS_FRACTION],
        ),
        ("1234.05", "One thousand two hundred thirty-four and 5/100", [M.MISSING_CENTS_FRACTION]),
        ("1234.56", "One thousand two hundred thirty four and 56/100", [M.MISSING_HYPHEN]),
        ("1234.56", "One thousand two hundred thirtyfour and 56/100", [M.MISSING_HYPHEN]),
        ("1234.56", "One-thousand two hundred thirty-four and 56/100", [M.EXTRA_HYPHEN]),
        ("1234.56", "One thousend two hundred thirty-four and 56/100", [M.SPELLING]),
        ("42.00", "Fourty-two and 00/100", [M.SPELLING]),
        ("42.00", "fourty two and 00/100", [M.MISSING_HYPHEN, M.SPELLING]),
        ("90.00", "Ninty and 00/100", [M.SPELLING]),
        ("19.00", "Ninteen and 00/100", [M.SPELLING]),
        ("30.00", "Thrity and 00/100", [M.SPELLING]),  # swapped letters
        (
            "1234.56",
            "One thousand two hundred fourty-four and 56/100",
            [M.WRONG_AMOUNT, M.SPELLING],
        ),
        ("1234.56", "thousand one two hundred thirty-four and 56/100", [M.WRONG_ORDER]),
        ("1200.00", "Twelve hundred and 00/100", [M.WRONG_ORDER]),
        ("1234.56", "One thousand, two hundred thirty-four and 56/100", [M.NONSTANDARD_FORM]),
        ("1234.56", "One thousand two hundred thirty-four and 56/100.", [M.NONSTANDARD_FORM]),
        ("1234.56", "blah blah", [M.UNPARSEABLE]),
        ("1234.56", "", [M.UNPARSEABLE]),
        ("1234.56", "and 56/100", [M.UNPARSEABLE]),
    ],
)
def test_classify_en(amount: str, typed: str, codes: list[MistakeCode]) -> None:
    assert classify_en(D(amount), typed) == sorted(codes, key=list(MistakeCode).index)


@pytest.mark.parametrize(
    ("amount", "typed", "codes"),
    [
        ("1409.50", "1409.50", []),
        ("1409.50", "¥1,409.50", []),
        ("1409.50", "１４０９．５０", []),
        ("1409.50", "1409.5", [M.MISSING_DECIMALS]),  # 会计基础工作规范: 一律填写到角分
        ("1409.00", "1409", [M.MISSING_DECIMALS]),
        ("1409.50", "1409", [M.WRONG_AMOUNT]),
        ("1409.50", "1490.50", [M.WRONG_AMOUNT]),
        ("1409.50", "14,09.50", [M.UNPARSEABLE]),
        ("1409.50", "1409.500", [M.UNPARSEABLE]),
        ("1409.50", "abc", [M.UNPARSEABLE]),
        ("1409.50", "", [M.UNPARSEABLE]),
        ("1409.50", "0.00", [M.WRONG_AMOUNT]),
        ("1409.50", "-1409.50", [M.UNPARSEABLE]),
    ],
)
def test_classify_figures(amount: str, typed: str, codes: list[MistakeCode]) -> None:
    assert classify_figures(D(amount), typed) == codes


def test_absurdly_long_answers_are_not_analysed() -> None:
    assert classify_en(D("5"), "fourty " * 20_000) == [M.UNPARSEABLE]
    assert classify_zh(D("5"), "壹" * 20_000) == [M.UNPARSEABLE]


def test_codes_are_stable_strings() -> None:
    # Stored with results: changing a value breaks saved history.
    assert MistakeCode.MISSING_ZHENG == "missing_zheng"
    assert MistakeCode.WRONG_LING == "wrong_ling"
    assert MistakeCode.MISSING_CENTS_FRACTION == "missing_cents_fraction"
    assert len({code.value for code in MistakeCode}) == len(MistakeCode)


# --- properties -----------------------------------------------------------------------

zero_heavy = st.lists(st.sampled_from("0000000123456789"), min_size=1, max_size=14).map(
    lambda digits: int("".join(digits))
)
amounts = (
    st.one_of(st.integers(min_value=1, max_value=10**14 - 1), zero_heavy)
    .filter(lambda c: 0 < c < 10**14)
    .map(from_cents)
)


@settings(max_examples=150, deadline=None)
@given(amounts)
def test_every_correct_writing_has_no_mistakes(amount: Decimal) -> None:
    for form in spellings(amount):
        assert classify_zh(amount, form) == []
    assert classify_en(amount, to_en_words(amount)) == []
    assert classify_figures(amount, f"{amount:,.2f}") == []


@settings(max_examples=150, deadline=None)
@given(amounts, amounts)
def test_another_amounts_words_are_a_wrong_amount(amount: Decimal, other: Decimal) -> None:
    assume(amount != other)
    assert classify_zh(amount, to_zh_words(other)) == [M.WRONG_AMOUNT]
    assert classify_en(amount, to_en_words(other)) == [M.WRONG_AMOUNT]
    assert classify_figures(amount, str(other)) == [M.WRONG_AMOUNT]


@settings(max_examples=150, deadline=None)
@given(amounts, st.data())
def test_dropping_a_ling_is_a_ling_mistake_or_an_allowed_variant(
    amount: Decimal, data: st.DataObject
) -> None:
    words = to_zh_words(amount)
    zeros = [i for i, char in enumerate(words) if char == "零"]
    assume(zeros)
    index = data.draw(st.sampled_from(zeros))
    assert classify_zh(amount, words[:index] + words[index + 1 :]) in ([], [M.WRONG_LING])


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(
        st.integers(min_value=1, max_value=10**12 - 1), zero_heavy.filter(lambda n: 0 < n < 10**12)
    ).map(lambda whole: from_cents(whole * 100))
)
def test_dropping_zheng_is_missing_zheng(amount: Decimal) -> None:
    assert classify_zh(amount, to_zh_words(amount).removesuffix("整")) == [M.MISSING_ZHENG]


@settings(max_examples=150, deadline=None)
@given(amounts)
def test_lowercase_digits_are_flagged_not_misread(amount: Decimal) -> None:
    lower = to_zh_words(amount).translate(str.maketrans("壹贰叁肆伍陆柒捌玖", "一二三四五六七八九"))
    assert classify_zh(amount, lower) == [M.LOWERCASE_DIGIT]


def _strictly_correct(parse: object, amount: Decimal, typed: str) -> bool:
    try:
        return parse(typed) == amount  # type: ignore[operator]
    except AmountError:
        return False


@settings(max_examples=400, deadline=None)
@given(
    amounts,
    st.one_of(
        st.text(),
        st.lists(st.sampled_from(list("零壹贰伍拾佰仟万亿元角分整一十 人民币")), max_size=16).map(
            "".join
        ),
    ),
)
def test_zh_empty_exactly_when_strictly_correct(amount: Decimal, typed: str) -> None:
    codes = classify_zh(amount, typed)
    assert (codes == []) == _strictly_correct(parse_zh_words, amount, typed)
    assert codes == sorted(set(codes), key=list(MistakeCode).index)


@settings(max_examples=400, deadline=None)
@given(
    amounts,
    st.one_of(
        st.text(),
        st.lists(
            st.sampled_from(
                [
                    "one",
                    "twenty",
                    "four",
                    "fourty",
                    "hundred",
                    "thousand",
                    "and",
                    "56/100",
                    "5/100",
                    "dollars",
                    "cents",
                    "-",
                    "twenty-",
                    "only",
                    ",",
                    "thirtyfour",
                ]
            ),
            max_size=10,
        ).map(" ".join),
    ),
)
def test_en_empty_exactly_when_strictly_correct(amount: Decimal, typed: str) -> None:
    codes = classify_en(amount, typed)
    assert (codes == []) == _strictly_correct(parse_en_words, amount, typed)
    assert codes == sorted(set(codes), key=list(MistakeCode).index)
