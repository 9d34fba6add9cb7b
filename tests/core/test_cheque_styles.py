"""UK and euro cheque wording beside the US one: canonical words read back to the same
amount, every form the instructions accept is read, and the forms they do not accept
are refused where they go wrong."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svctrainer.core.amount_words_en import (
    ChequeStyle,
    integer_words,
    parse_en_words,
    style_for,
    to_en_words,
)
from svctrainer.core.amount_words_mistakes import MistakeCode, classify_en
from svctrainer.core.money import AmountError

D = Decimal
amounts = st.integers(1, 10**12 - 1).map(lambda cents: D(cents) / 100)
styles = st.sampled_from(list(ChequeStyle))


@settings(max_examples=300, deadline=None)
@given(amounts, styles)
def test_canonical_words_read_back(amount, style):
    words = to_en_words(amount, style)
    assert parse_en_words(words, style) == amount
    assert parse_en_words(words.upper(), style) == amount


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 10**10), st.integers(0, 99))
def test_uk_accepted_forms(pounds, pence):
    amount = D(pounds) + D(pence) / 100
    number = integer_words(pounds, british_and=True)
    unit = "pound" if pounds == 1 else "pounds"
    forms = [f"{number} {unit} and {pence:02d}/100"]
    if pence:
        forms += [f"{number} {unit} and {pence}p", f"{number} {unit} {pence:02d}"]
        forms.append(f"{number} {unit} and {integer_words(pence)} pence")
    else:
        forms += [f"{number} {unit}", f"{number} {unit} only", f"{number} {unit} and no pence"]
    for form in forms:
        assert parse_en_words(form, ChequeStyle.UK) == amount, form


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 10**10), st.integers(0, 99))
def test_euro_accepted_forms(euros, cents):
    amount = D(euros) + D(cents) / 100
    number = integer_words(euros, british_and=True)
    forms = []
    for unit in ("euro", "euros"):
        if cents:
            forms += [f"{number} {unit} and {cents}c"]
            forms += [f"{number} {unit} and {integer_words(cents)} {c}" for c in ("cent", "cents")]
        else:
            forms += [f"{number} {unit}", f"{number} {unit} only", f"{number} {unit} and no cents"]
    for form in forms:
        assert parse_en_words(form, ChequeStyle.EURO) == amount, form


@pytest.mark.parametrize(
    ("amount", "style", "words"),
    [
        ("82.50", ChequeStyle.UK, "Eighty-two pounds and 50p"),
        ("25.00", ChequeStyle.UK, "Twenty-five pounds only"),
        ("1.01", ChequeStyle.UK, "One pound and 1p"),
        ("1005.00", ChequeStyle.UK, "One thousand and five pounds only"),
        ("120.00", ChequeStyle.UK, "One hundred and twenty pounds only"),
        ("1234.56", ChequeStyle.EURO,
         "One thousand two hundred and thirty-four euros and fifty-six cents"),
        ("10.50", ChequeStyle.EURO, "Ten euros and fifty cents"),
        ("1.01", ChequeStyle.EURO, "One euro and one cent"),
        ("1234.56", ChequeStyle.US, "One thousand two hundred thirty-four and 56/100"),
    ],
)  # fmt: skip
def test_standard_writings(amount, style, words):
    assert to_en_words(D(amount), style) == words


@pytest.mark.parametrize(
    ("text", "style"),
    [
        ("Eighty-two and 50/100", ChequeStyle.UK),  # no unit named
        ("Eighty-two pounds fifty pence", ChequeStyle.UK),  # 'and' missing
        ("Eighty-two pounds and 50c", ChequeStyle.UK),  # cents on a sterling cheque
        ("Eighty-two pounds and 150p", ChequeStyle.UK),
        ("Ten euros and 50p", ChequeStyle.EURO),
        ("Ten euros and fifty", ChequeStyle.EURO),
        ("Ten dollars and 50/100", ChequeStyle.EURO),
        ("Eighty two pounds only", ChequeStyle.UK),  # hyphen missing
    ],
)
def test_forms_outside_the_wording_are_refused(text, style):
    with pytest.raises(AmountError):
        parse_en_words(text, style)


def test_the_currency_shown_picks_the_wording():
    assert style_for("£") is ChequeStyle.UK
    assert style_for("€") is ChequeStyle.EURO
    assert style_for("$") is ChequeStyle.US
    assert style_for("") is ChequeStyle.US


def test_mistakes_in_uk_words_are_told_apart():
    assert classify_en(D("82.50"), "Eighty-two pounds and 50p", ChequeStyle.UK) == []
    assert classify_en(D("82.50"), "Eighty-three pounds and 50p", ChequeStyle.UK) == [
        MistakeCode.WRONG_AMOUNT
    ]
    assert classify_en(D("82.50"), "Eighty-two pounds and fifty", ChequeStyle.UK) == [
        MistakeCode.NONSTANDARD_FORM
    ]
    assert classify_en(D("82.50"), "Eighty-two and 50/100", ChequeStyle.UK) == [
        MistakeCode.UNPARSEABLE
    ]
