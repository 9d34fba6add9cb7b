"""Currency sets: the built-in CNY/USD/EUR definitions, their artwork, and currencies a
pack defines or overrides (with every problem at its exact line:col)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from svctrainer.core.currency import (
    BUILTIN_CODES,
    GENERIC_COIN_IMAGE,
    GENERIC_NOTE_IMAGE,
    PieceKind,
    amount_text,
    builtin_currency,
    face_text,
)
from svctrainer.core.drills.cash_bundle import FEATURE_IMAGES, OVERLAY_IMAGES
from svctrainer.core.packs.loader import check_pack_bytes

NOTES_DIR = Path(__file__).resolve().parents[2] / "assets" / "notes"
D = Decimal


def values(code: str) -> list[Decimal]:
    currency = builtin_currency(code)
    assert currency is not None
    return [d.value for d in currency.denominations]


def test_builtin_denominations_are_exact_decimals_largest_first():
    assert values("CNY") == [D(v) for v in ("100", "50", "20", "10", "5", "1", "0.5", "0.1")]
    assert values("USD") == [
        D(v) for v in ("100", "50", "20", "10", "5", "1", "0.25", "0.10", "0.05", "0.01")
    ]
    eur = "200 100 50 20 10 5 2 1 0.5 0.2 0.1 0.05 0.02 0.01"
    assert values("EUR") == [D(v) for v in eur.split()]
    for code in BUILTIN_CODES:
        for value in values(code):
            assert isinstance(value, Decimal)
            assert value.as_tuple().exponent == -2  # always two places


@pytest.mark.parametrize(
    ("code", "one_of_each", "notes_total"),
    [("CNY", "186.60", "186.00"), ("USD", "186.41", "186.00"), ("EUR", "388.88", "385.00")],
)
def test_one_piece_of_each_denomination_sums_exactly(code, one_of_each, notes_total):
    currency = builtin_currency(code)
    assert currency is not None
    assert sum(values(code), D(0)) == D(one_of_each)
    assert currency.total(dict.fromkeys(values(code), 1)) == D(one_of_each)
    assert sum((d.value for d in currency.notes), D(0)) == D(notes_total)


def test_total_of_a_drawer_count():
    currency = builtin_currency("CNY")
    assert currency is not None
    counts = {D(100): 52, D(50): 3, D(10): 7, D(1): 4, D("0.5"): 3, D("0.1"): 9}
    # 5200 + 150 + 70 + 4 + 1.5 + 0.9
    assert currency.total(counts) == D("5426.40")
    assert str(currency.total(counts)) == "5426.40"


@given(st.lists(st.integers(0, 500), min_size=14, max_size=14))
def test_total_agrees_with_integer_cents(counts):
    currency = builtin_currency("EUR")
    assert currency is not None
    mapping = {d.value: n for d, n in zip(currency.denominations, counts, strict=False)}
    cents = sum(d.cents * n for d, n in zip(currency.denominations, counts, strict=False))
    assert currency.total(mapping) == D(cents) / 100


def test_every_value_is_a_whole_multiple_of_the_smallest():
    for code in BUILTIN_CODES:
        currency = builtin_currency(code)
        assert currency is not None
        smallest = currency.smallest.value
        assert all(d.value % smallest == 0 for d in currency.denominations)
        assert len({d.value for d in currency.denominations}) == len(currency.denominations)


def test_labels_follow_the_pack_language():
    en, zh = builtin_currency("CNY", "en"), builtin_currency("CNY", "zh")
    assert en is not None
    assert zh is not None
    assert [d.label for d in en.denominations][-2:] == ["¥0.5", "¥0.1"]
    assert [d.label for d in zh.denominations] == [
        "100元", "50元", "20元", "10元", "5元", "1元", "5角", "1角"
    ]  # fmt: skip
    usd = builtin_currency("USD", "zh-Hans")
    assert usd is not None
    assert usd.find(D("0.25")).label == "25美分"  # type: ignore[union-attr]
    assert builtin_currency("GBP") is None


def test_face_and_amount_text():
    assert [face_text(D(v)) for v in ("100.00", "0.50", "0.25", "20")] == [
        "100",
        "0.5",
        "0.25",
        "20",
    ]
    assert amount_text(D("13.4")) == "13.40"
    assert amount_text(D("-7")) == "-7.00"


def test_every_builtin_image_and_layer_exists_and_is_a_marked_specimen():
    names = {
        GENERIC_NOTE_IMAGE,
        GENERIC_COIN_IMAGE,
        *FEATURE_IMAGES.values(),
        *OVERLAY_IMAGES.values(),
    }
    for code in BUILTIN_CODES:
        currency = builtin_currency(code)
        assert currency is not None
        for d in currency.denominations:
            assert d.image == f"{code.lower()}-{d.kind}-{face_text(d.value)}.svg"
            assert re.fullmatch(r"#[0-9a-f]{6}", d.colour)
            names.add(d.image)
    present = {p.name for p in NOTES_DIR.glob("*.svg")}
    assert names <= present
    for name in present:
        text = (NOTES_DIR / name).read_text(encoding="utf-8")
        assert text.lstrip().startswith("<?xml")
        assert "href" not in text  # self-contained: no linked files or images
        if "-note-" in name or name == GENERIC_NOTE_IMAGE:
            assert "TRAINING SPECIMEN — NOT LEGAL TENDER" in text
            assert "练功券 样本" in text
        if "-coin-" in name or name == GENERIC_COIN_IMAGE:
            assert "SPECIMEN" in text


PACK = """\
format = 1
id = "mc"
type = "making_change"
language = "en"
title = "T"
instructions = "I"
[practice]
item_count = 3
[scoring]
reference_speed = 6
[generator]
price_min = 1
price_max = 9
currency = "XTS"
currency_symbol = "T"
[[generator.denominations]]
value = 10
kind = "note"
[[generator.denominations]]
value = 4
kind = "coin"
label = "four"
[[generator.denominations]]
value = 1
kind = "coin"
"""


def definition_of(text: str):
    definition, problems = check_pack_bytes("p.toml", text.encode())
    return definition, [str(p) for p in problems]


def test_a_pack_defines_its_own_currency():
    definition, problems = definition_of(PACK)
    assert problems == []
    currency = definition.content.currency
    assert currency.code == "XTS"
    assert [(d.value, d.kind, d.label, d.image) for d in currency.denominations] == [
        (D("10.00"), PieceKind.NOTE, "T10", GENERIC_NOTE_IMAGE),
        (D("4.00"), PieceKind.COIN, "four", GENERIC_COIN_IMAGE),
        (D("1.00"), PieceKind.COIN, "T1", GENERIC_COIN_IMAGE),
    ]
    assert currency.find(D(4)).generic_image  # type: ignore[union-attr]


def test_a_pack_overrides_a_builtin_drawer_keeping_its_labels_and_artwork():
    text = PACK.replace('"XTS"', '"EUR"').replace('currency_symbol = "T"\n', "")
    text = text.replace('label = "four"\n', "").replace("value = 4", "value = 2")
    definition, problems = definition_of(text)
    assert problems == []
    currency = definition.content.currency
    assert [(d.label, d.image) for d in currency.denominations] == [
        ("€10", "eur-note-10.svg"),
        ("€2", "eur-coin-2.svg"),
        ("€1", "eur-coin-1.svg"),
    ]


def test_a_new_symbol_relabels_a_builtin_set():
    text = PACK.split("currency = ", maxsplit=1)[0] + 'currency = "USD"\ncurrency_symbol = "US$"\n'
    definition, problems = definition_of(text)
    assert problems == []
    assert definition.content.currency.denominations[0].label == "US$100"
    assert definition.content.currency.find(D("0.25")).label == "25¢"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'currency = "XTS"\ncurrency_symbol = "T"\n[[generator.denominations]]\nvalue = 10'
            '\nkind = "note"\n[[generator.denominations]]\nvalue = 4\nkind = "coin"\nlabel = '
            '"four"\n[[generator.denominations]]\nvalue = 1\nkind = "coin"\n',
            'currency = "XTS"\n',
            "p.toml:14:1: 'XTS' is not a built-in currency (CNY, EUR, USD); define its notes and"
            " coins with [[generator.denominations]]",
        ),
        (
            'currency = "XTS"',
            'currency = "xts"',
            "p.toml:14:1: generator.currency 'xts' is not valid",
        ),
        ("value = 4", "value = 10", "p.toml:20:1: value 10 is listed twice"),
        (
            "value = 4",
            "value = 2.5",
            "p.toml:20:1: value 2.5 is not a whole multiple of the smallest",
        ),
        ("value = 4", "value = 4.005", "p.toml:20:1: value 4.005 has more than two decimals"),
        ('kind = "note"', 'kind = "coin"', "p.toml:16:13: list at least one note"),
        (
            'kind = "note"',
            'kind = "bill"',
            "p.toml:18:1: generator.denominations[0].kind must be one of",
        ),
        (
            "value = 10",
            "value = 0",
            "p.toml:17:1: generator.denominations[0].value must be at least 0.01",
        ),
        (
            'label = "four"',
            'image = "../x.svg"',
            "p.toml:22:1: generator.denominations[1].image '../x.svg' is not valid",
        ),
        (
            'label = "four"',
            'colour = "red"',
            "p.toml:22:1: generator.denominations[1].colour 'red' is not valid",
        ),
        (
            'label = "four"',
            'lable = "four"',
            "p.toml:22:1: unknown key 'lable' in [generator.denominations[1]] (did you mean"
            " 'label'?)",
        ),
    ],
)
def test_currency_problems_point_at_the_key(old, new, expected):
    assert old in PACK
    _, problems = definition_of(PACK.replace(old, new, 1))
    assert any(p.startswith(expected) for p in problems), problems


def test_denominations_must_not_be_empty():
    text = PACK.split("[[generator.denominations]]", maxsplit=1)[0] + "denominations = []\n"
    _, problems = definition_of(text)
    assert "p.toml:16:1: list at least one denomination" in problems
