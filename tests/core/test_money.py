"""Amounts as typed, validated and formatted (svctrainer.core.money)."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, localcontext

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svctrainer.core.money import (
    MAX_AMOUNT,
    AmountError,
    AmountProblem,
    check_amount,
    format_amount,
    from_cents,
    parse_amount,
    round_to_cents,
    split_cents,
)

D = Decimal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1409.5", "1409.50"),  # one decimal is enough
        ("1,409.50", "1409.50"),
        ("¥1,409.50", "1409.50"),
        ("￥1,409.50", "1409.50"),  # full-width yen sign (Chinese IME)
        ("$1,234.56", "1234.56"),
        ("€12", "12.00"),
        ("£0.99", "0.99"),
        (" 12480.35 ", "12480.35"),
        ("\u300012480.35\u3000", "12480.35"),  # ideographic spaces
        ("¥ 5", "5.00"),
        ("１，４０９．５０", "1409.50"),  # full-width digits and punctuation
        ("0.01", "0.01"),
        ("1000000", "1000000.00"),
        ("1,000,000", "1000000.00"),
        ("999,999,999,999.99", "999999999999.99"),
        ("007", "7.00"),  # leading zeros are harmless without separators
    ],
)
def test_parse_amount_accepts_what_people_type(text: str, expected: str) -> None:
    value = parse_amount(text)
    assert value == D(expected)
    assert str(value) == expected  # always exactly two places


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", AmountProblem.EMPTY),
        ("   ", AmountProblem.EMPTY),
        ("-5", AmountProblem.NEGATIVE),
        ("\u22125.00", AmountProblem.NEGATIVE),  # typographic minus
        ("¥-5", AmountProblem.NEGATIVE),
        ("-¥5", AmountProblem.NEGATIVE),
        ("1.234", AmountProblem.TOO_MANY_DECIMALS),
        ("1.230", AmountProblem.TOO_MANY_DECIMALS),  # typed: never silently dropped
        ("0.001", AmountProblem.TOO_MANY_DECIMALS),
        ("NaN", AmountProblem.NOT_FINITE),
        ("inf", AmountProblem.NOT_FINITE),
        ("-Infinity", AmountProblem.NOT_FINITE),
        ("sNaN", AmountProblem.NOT_FINITE),
        ("abc", AmountProblem.NOT_A_NUMBER),
        ("1.2.3", AmountProblem.NOT_A_NUMBER),
        ("1e5", AmountProblem.NOT_A_NUMBER),
        ("1409.", AmountProblem.NOT_A_NUMBER),
        (".5", AmountProblem.NOT_A_NUMBER),
        ("+5", AmountProblem.NOT_A_NUMBER),
        ("5 00", AmountProblem.NOT_A_NUMBER),
        ("¥¥5", AmountProblem.NOT_A_NUMBER),
        ("١٢٣", AmountProblem.NOT_A_NUMBER),  # Arabic-Indic digits: not what a teller keys
        ("14,09.50", AmountProblem.BAD_GROUPING),
        ("1,2345", AmountProblem.BAD_GROUPING),
        ("1,40", AmountProblem.BAD_GROUPING),  # could be a European decimal comma
        ("0,123", AmountProblem.BAD_GROUPING),
        ("1000000000000", AmountProblem.TOO_LARGE),  # 10^12: beyond 9999亿
        ("1,000,000,000,000.00", AmountProblem.TOO_LARGE),
        ("9" * 500, AmountProblem.TOO_LARGE),
        ("0", AmountProblem.ZERO),
        ("0.00", AmountProblem.ZERO),
    ],
)
def test_parse_amount_rejects_with_a_one_line_reason(text: str, problem: AmountProblem) -> None:
    with pytest.raises(AmountError) as caught:
        parse_amount(text)
    assert caught.value.problem is problem
    assert isinstance(caught.value, ValueError)
    message = str(caught.value)
    assert message
    assert "\n" not in message


def test_zero_only_when_asked_for() -> None:
    assert str(parse_amount("0", allow_zero=True)) == "0.00"
    assert str(parse_amount("-0.00", allow_zero=True)) == "0.00"  # never "-0.00"


def test_parse_amount_refuses_non_strings() -> None:
    with pytest.raises(TypeError):
        parse_amount(12.5)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D("1.230"), "1.23"),  # a held Decimal is judged by value, not by its exponent
        (D("5"), "5.00"),
        (5, "5.00"),
        (D("1E+3"), "1000.00"),
        (MAX_AMOUNT, "999999999999.99"),
    ],
)
def test_check_amount_quantizes_exactly(value: Decimal | int, expected: str) -> None:
    assert str(check_amount(value)) == expected


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (D("NaN"), AmountProblem.NOT_FINITE),
        (D("sNaN"), AmountProblem.NOT_FINITE),
        (D("-Infinity"), AmountProblem.NOT_FINITE),
        (D("-0.01"), AmountProblem.NEGATIVE),
        (D("1.234"), AmountProblem.TOO_MANY_DECIMALS),
        (MAX_AMOUNT + D("0.01"), AmountProblem.TOO_LARGE),
        (D("1E+40"), AmountProblem.TOO_LARGE),
        (D("0"), AmountProblem.ZERO),
    ],
)
def test_check_amount_rejects(value: Decimal, problem: AmountProblem) -> None:
    with pytest.raises(AmountError) as caught:
        check_amount(value)
    assert caught.value.problem is problem


@pytest.mark.parametrize("value", [1.5, True, "1.50", None])
def test_money_is_never_a_float_or_text_here(value: object) -> None:
    with pytest.raises(TypeError):
        check_amount(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2.345", "2.35"),  # half up (四舍五入); half-even would give 2.34
        ("2.344", "2.34"),
        ("2.355", "2.36"),
        ("-2.345", "-2.35"),  # half up rounds away from zero
        ("2.5", "2.50"),
        ("-0.001", "0.00"),  # never "-0.00"
        ("1000.005", "1000.01"),
    ],
)
def test_round_to_cents_half_up(value: str, expected: str) -> None:
    assert str(round_to_cents(D(value))) == expected


def test_round_to_cents_ignores_the_callers_decimal_context() -> None:
    with localcontext() as context:
        context.prec = 3
        assert str(round_to_cents(D("12345.675"))) == "12345.68"
        assert str(check_amount(D("12345.67"))) == "12345.67"


def test_round_to_cents_rejects_non_finite_and_absurd_values() -> None:
    with pytest.raises(AmountError):
        round_to_cents(D("NaN"))
    with pytest.raises(AmountError):
        round_to_cents(D("1E+40"))


@pytest.mark.parametrize(
    ("value", "grouping", "expected"),
    [
        ("12480.35", True, "12,480.35"),
        ("12480.35", False, "12480.35"),
        ("5", True, "5.00"),
        ("999.9", True, "999.90"),
        ("1000", True, "1,000.00"),
        ("-12.5", True, "-12.50"),  # a drawer can be short
        ("-1234.5", True, "-1,234.50"),
        ("0", True, "0.00"),
        ("-0", True, "0.00"),
        ("999999999999.99", True, "999,999,999,999.99"),
        ("999999999999.99", False, "999999999999.99"),
    ],
)
def test_format_amount(value: str, grouping: bool, expected: str) -> None:
    assert format_amount(D(value), grouping=grouping) == expected


@pytest.mark.parametrize("value", [D("1.234"), D("NaN"), D("1E+13")])
def test_format_amount_never_rounds_or_guesses(value: Decimal) -> None:
    with pytest.raises(AmountError):
        format_amount(value)


def test_split_and_from_cents() -> None:
    assert split_cents(D("1409.50")) == (1409, 50)
    assert split_cents(D("0.05")) == (0, 5)
    assert str(from_cents(140950)) == "1409.50"
    assert str(from_cents(5)) == "0.05"
    assert str(from_cents(-5)) == "-0.05"


amounts = st.integers(min_value=0, max_value=10**14 - 1).map(from_cents)


@settings(max_examples=300, deadline=None)
@given(amounts, st.booleans())
def test_format_then_parse_round_trips(amount: Decimal, grouping: bool) -> None:
    text = format_amount(amount, grouping=grouping)
    assert re.fullmatch(
        r"[0-9]{1,3}(,[0-9]{3})*\.[0-9]{2}" if grouping else r"[0-9]+\.[0-9]{2}", text
    )
    assert parse_amount(text, allow_zero=True) == amount
    assert parse_amount(f"¥{text}", allow_zero=True) == amount


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789.,-¥$ ￥１Ee+naifNIF\u2212\u3000")) | st.text())
def test_parse_amount_raises_only_amount_error(text: str) -> None:
    outcome = _outcome(lambda t: parse_amount(t, allow_zero=True), text)
    if isinstance(outcome, AmountError):
        error = outcome
        assert "\n" not in str(error)
    else:
        value = outcome
        assert D(0) <= value <= MAX_AMOUNT
        assert value == value.quantize(D("0.01"))


def _outcome(parse: Callable[[str], Decimal], text: str) -> Decimal | AmountError:
    try:
        return parse(text)
    except AmountError as error:
        return error
