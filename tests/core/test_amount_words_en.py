"""English cheque words (svctrainer.core.amount_words_en)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svctrainer.core.amount_words_en import NUMBER_WORDS, parse_en_words, to_en_words
from svctrainer.core.money import AmountError, AmountProblem, from_cents

D = Decimal

CANONICAL = [
    ("1234.56", "One thousand two hundred thirty-four and 56/100"),  # the example
    ("0.45", "Zero and 45/100"),  # cents only
    ("0.01", "Zero and 01/100"),
    ("1.00", "One and 00/100"),  # "and NN/100" always, also for whole amounts
    ("10.00", "Ten and 00/100"),
    ("11.00", "Eleven and 00/100"),
    ("15.00", "Fifteen and 00/100"),
    ("18.00", "Eighteen and 00/100"),
    ("19.00", "Nineteen and 00/100"),
    ("20.00", "Twenty and 00/100"),  # round tens: no hyphen
    ("21.00", "Twenty-one and 00/100"),  # 21–99 hyphenated
    ("40.00", "Forty and 00/100"),  # not "fourty"
    ("80.08", "Eighty and 08/100"),
    ("99.99", "Ninety-nine and 99/100"),
    ("100.00", "One hundred and 00/100"),  # US style: no "and" inside the number
    ("101.00", "One hundred one and 00/100"),
    ("110.00", "One hundred ten and 00/100"),
    ("999.00", "Nine hundred ninety-nine and 00/100"),
    ("1000.00", "One thousand and 00/100"),
    ("1001.00", "One thousand one and 00/100"),
    ("1010.00", "One thousand ten and 00/100"),
    ("1100.00", "One thousand one hundred and 00/100"),
    ("12480.35", "Twelve thousand four hundred eighty and 35/100"),
    ("100000.00", "One hundred thousand and 00/100"),
    ("101000.00", "One hundred one thousand and 00/100"),
    ("1000000.00", "One million and 00/100"),
    ("1000001.00", "One million one and 00/100"),
    ("2500000.50", "Two million five hundred thousand and 50/100"),
    ("1000000000.00", "One billion and 00/100"),
    ("1002003004.05", "One billion two million three thousand four and 05/100"),
    (
        "999999999999.99",
        "Nine hundred ninety-nine billion nine hundred ninety-nine million nine hundred"
        " ninety-nine thousand nine hundred ninety-nine and 99/100",
    ),
]


@pytest.mark.parametrize(("amount", "words"), CANONICAL)
def test_canonical_words(amount: str, words: str) -> None:
    assert to_en_words(D(amount)) == words
    assert parse_en_words(words) == D(amount)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("one thousand two hundred thirty-four and 56/100", "1234.56"),  # any case
        ("ONE THOUSAND TWO HUNDRED THIRTY-FOUR AND 56/100", "1234.56"),
        ("  One   thousand  and   00/100  ", "1000.00"),  # extra blanks
        ("One hundred and five and 00/100", "105.00"),  # UK "and"
        ("One thousand and five and 00/100", "1005.00"),
        ("Five hundred and five thousand and 00/100", "505000.00"),
        ("One thousand two hundred and thirty-four and 56/100", "1234.56"),
        ("One hundred dollars and 00/100", "100.00"),
        ("One dollar and 00/100", "1.00"),
        ("One hundred and 00/100 dollars", "100.00"),
        ("One hundred dollars and 00/100 only", "100.00"),
        ("One hundred and 00/100 dollars only", "100.00"),
        ("One hundred and xx/100", "100.00"),  # US practice for no cents
        ("One hundred and no/100", "100.00"),
        ("Zero dollars and 45/100", "0.45"),
        ("Thirty\u2010four and 00/100", "34.00"),  # U+2010 HYPHEN
    ],
)
def test_tolerated_forms(text: str, amount: str) -> None:
    assert parse_en_words(text) == D(amount)


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("Twenty four and 00/100", 8),  # hyphen required
        ("One hundred", 5),  # cents fraction required
        ("One hundred 56/100", 13),  # "and" before the fraction
        ("One hundred and 5/100", 17),  # two digits
        ("One hundred and 100/100", 17),
        ("A hundred and 00/100", 1),
        ("Twelve hundred and 00/100", 8),
        ("One thousand and two hundred and 00/100", 22),  # UK "and" only before tens/units
        ("One hundred and and 00/100", 13),
        ("One million thousand and 00/100", 13),
        ("One thousand million and 00/100", 14),
        ("One thousand billion and 00/100", 14),  # ≥ 10^12
        ("One, two and 00/100", 1),
        ("One hundred fourty and 00/100", 13),
        ("Zero one and 00/100", 1),
        ("One zero and 00/100", 5),
        ("One-hundred and 00/100", 1),
        ("and 00/100", 5),
        ("One dollars dollars and 00/100", 5),
        ("One hundred and fifty-six cents", 27),
        ("Ninety-ten and 00/100", 1),
        ("Twenty- and 00/100", 1),
        ("and and 00/100", 1),
        ("One hundred only and 00/100", 13),
    ],
)
def test_rejected_at_the_offending_word(text: str, position: int) -> None:
    with pytest.raises(AmountError) as caught:
        parse_en_words(text)
    assert caught.value.problem is AmountProblem.BAD_WORDS
    assert caught.value.position == position
    assert "\n" not in str(caught.value)


def test_hyphen_hint() -> None:
    with pytest.raises(AmountError, match="twenty-four"):
        parse_en_words("Twenty four and 00/100")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", AmountProblem.EMPTY),
        ("  ", AmountProblem.EMPTY),
        ("Zero and 00/100", AmountProblem.ZERO),
    ],
)
def test_empty_and_zero(text: str, problem: AmountProblem) -> None:
    with pytest.raises(AmountError) as caught:
        parse_en_words(text)
    assert caught.value.problem is problem


@pytest.mark.parametrize(
    ("amount", "problem"),
    [
        ("0.00", AmountProblem.ZERO),
        ("-5", AmountProblem.NEGATIVE),
        ("5.001", AmountProblem.TOO_MANY_DECIMALS),
        ("1000000000000", AmountProblem.TOO_LARGE),
    ],
)
def test_invalid_amounts_have_no_words(amount: str, problem: AmountProblem) -> None:
    with pytest.raises(AmountError) as caught:
        to_en_words(D(amount))
    assert caught.value.problem is problem


amounts = st.integers(min_value=1, max_value=10**14 - 1).map(from_cents)


@settings(max_examples=400, deadline=None)
@given(amounts)
def test_words_round_trip(amount: Decimal) -> None:
    words = to_en_words(amount)
    assert parse_en_words(words) == amount
    assert to_en_words(parse_en_words(words)) == words
    assert words[0].isupper()
    assert words[1:] == words[1:].lower()


@settings(max_examples=200, deadline=None)
@given(amounts)
def test_uk_and_style_reads_the_same(amount: Decimal) -> None:
    """Inserting the UK "and" after every "hundred" that is followed by tens/units
    must not change the value."""
    words = to_en_words(amount).split()
    uk = []
    for index, word in enumerate(words):
        uk.append(word)
        following = words[index + 1] if index + 1 < len(words) else ""
        if word == "hundred" and following not in ("", "and", "thousand", "million", "billion"):
            uk.append("and")
    assert parse_en_words(" ".join(uk)) == amount


vocabulary = st.sampled_from(
    [
        *sorted(NUMBER_WORDS),
        "and",
        "dollars",
        "only",
        "56/100",
        "00/100",
        "xx/100",
        "-",
        "twenty-one",
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.lists(vocabulary, max_size=12).map(" ".join), st.text()))
def test_parse_raises_only_amount_error(text: str) -> None:
    outcome = _outcome(parse_en_words, text)
    if isinstance(outcome, AmountError):
        error = outcome
        assert "\n" not in str(error)
        if error.position is not None:
            assert 1 <= error.position <= len(text) + 1
    else:
        value = outcome
        assert D("0.01") <= value < D(10**12)
        assert parse_en_words(to_en_words(value)) == value


def _outcome(parse: Callable[[str], Decimal], text: str) -> Decimal | AmountError:
    try:
        return parse(text)
    except AmountError as error:
        return error
