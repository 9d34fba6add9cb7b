"""Which writing rule a trainee broke, so results and charts can say "you keep missing
整" rather than just "wrong".

Each classifier returns a list of :class:`MistakeCode` in enum order, empty exactly when
the answer is correct — i.e. when the strict parser of the same module accepts it and it
has the expected value. Classification then works on a repaired copy of the answer:
forbidden characters are mapped to the capital ones (and recorded), the value is read
leniently (ignoring 零/整/壹拾 rules, or hyphens and spelling in English), and only if
that value is right are rule breaks looked for; a different value is WRONG_AMOUNT, since
charting 零 mistakes inside a misread amount would be noise.

The codes' string values are stored with results: never rename a value.
"""

from __future__ import annotations

import re
from decimal import Decimal
from enum import StrEnum

from svctrainer.core import amount_words_en as en
from svctrainer.core import amount_words_zh as zh
from svctrainer.core.money import AmountError, check_amount, from_cents, parse_amount, split_cents

MAX_TYPED = 400
"""Longer answers are UNPARSEABLE without analysis: the longest correct writing (English,
999,999,999,999.99) has under 200 characters, and spelling checks cost time per word."""


class MistakeCode(StrEnum):
    """One broken rule. zh = capital amounts, en = cheque words, fig = figures keyed."""

    WRONG_AMOUNT = "wrong_amount"
    """Readable, but the value differs (a misread or mis-keyed amount). All drills."""
    UNPARSEABLE = "unparseable"
    """Cannot be read as an amount at all. All drills."""
    MISSING_ZHENG = "missing_zheng"
    """zh: no 整/正 after 元 when there are no 角/分 (PBOC basic rules 二)."""
    EXTRA_ZHENG = "extra_zheng"
    """zh: 整 after 分, or 整 written twice (二: 分后面不写整)."""
    WRONG_LING = "wrong_ling"
    """zh: 零 missing, doubled or misplaced (四(一)–(四)), e.g. 壹仟肆佰玖元, 壹元伍分."""
    LOWERCASE_DIGIT = "lowercase_digit"
    """zh: 一…九, 两, 〇, 另, 念/廿/卅 or an Arabic digit instead of 壹…玖/零 (一)."""
    WRONG_UNIT = "wrong_unit"
    """zh: 十/百/千/伯 instead of 拾/佰/仟, 毛 for 角, 块 for 元 (一). 圆 is permitted
    by the same rule (使用繁体字如圓的也应受理) and is not a mistake."""
    MISSING_LEADING_YI_SHI = "missing_leading_yi_shi"
    """zh: 拾 without its digit, e.g. 拾伍元整 for 壹拾伍元整."""
    BLANK_SPACE = "blank_space"
    """zh: a gap inside the amount or after 人民币 (三: 不得留有空白)."""
    MISSING_CENTS_FRACTION = "missing_cents_fraction"
    """en: the "and NN/100" ending is missing or malformed (no "and", "5/100", cents in words)."""
    MISSING_HYPHEN = "missing_hyphen"
    """en: "twenty four" or "twentyfour" for twenty-four."""
    EXTRA_HYPHEN = "extra_hyphen"
    """en: a hyphen outside a 21–99 compound, e.g. "one-hundred"."""
    SPELLING = "spelling"
    """en: a misspelled number word ("fourty", "ninty", "thousend")."""
    WRONG_ORDER = "wrong_order"
    """en: number words in an impossible order ("thousand one", "twelve hundred")."""
    MISSING_DECIMALS = "missing_decimals"
    """fig: right value but not written to the cent: 1409.5 or 1409 for 1409.50
    (《会计基础工作规范》第五十二条: 一律填写到角分)."""
    NONSTANDARD_FORM = "nonstandard_form"
    """Right value, wrong form, and no rule above explains it (e.g. commas in words)."""


def classify_zh(expected_amount: Decimal, typed: str) -> list[MistakeCode]:
    """Mistakes in a capital amount typed for ``expected_amount`` ([] = correct)."""
    expected = check_amount(expected_amount)
    try:
        return [] if zh.parse_zh_words(typed) == expected else [MistakeCode.WRONG_AMOUNT]
    except AmountError:
        pass
    if len(typed) > MAX_TYPED:
        return [MistakeCode.UNPARSEABLE]
    found: set[MistakeCode] = set()
    body, _ = zh.strip_prefix(typed)
    if any(char.isspace() for char in body):
        found.add(MistakeCode.BLANK_SPACE)
    repaired = []
    for char in body:
        if char in zh.DIGIT_SUBSTITUTES:
            found.add(MistakeCode.LOWERCASE_DIGIT)
        elif char in zh.UNIT_SUBSTITUTES:
            found.add(MistakeCode.WRONG_UNIT)
        if not char.isspace():
            repaired.append(zh.DIGIT_SUBSTITUTES.get(char) or zh.UNIT_SUBSTITUTES.get(char, char))
    text = zh.normalise("".join(repaired))
    # 零拾 is read as 零壹拾 (壹仟零拾元, a common slip for 1010); if that gives the
    # wrong value, try it as a zero digit written with its unit (壹仟零佰零拾伍元).
    readings = [text, text.replace("零拾", "零")] if "零拾" in text else [text]
    values: list[Decimal | None] = []
    for reading in readings:
        try:
            values.append(from_cents(zh.read_lenient(reading)))
        except AmountError:
            values.append(None)
    if expected not in values:
        wrong = (
            MistakeCode.UNPARSEABLE if values == [None] * len(values) else MistakeCode.WRONG_AMOUNT
        )
        return _ordered(found | {wrong})
    reading = readings[values.index(expected)]
    if reading != text:
        found.add(MistakeCode.WRONG_LING)
    found |= _zh_rule_breaks(reading, expected)
    return _ordered(found or {MistakeCode.NONSTANDARD_FORM})


def classify_en(
    expected_amount: Decimal, typed: str, style: en.ChequeStyle = en.ChequeStyle.US
) -> list[MistakeCode]:
    """Mistakes in cheque words typed for ``expected_amount`` ([] = correct), in the
    wording of ``style`` (UK and euro answers that do not read are judged by their
    number of pounds or euros: a wrong number, or a form the drill does not accept)."""
    expected = check_amount(expected_amount)
    try:
        right = en.parse_en_words(typed, style) == expected
        return [] if right else [MistakeCode.WRONG_AMOUNT]
    except AmountError:
        pass
    if style is not en.ChequeStyle.US:
        return _classify_named_unit(expected, typed, style)
    if len(typed) > MAX_TYPED:
        return [MistakeCode.UNPARSEABLE]
    found: set[MistakeCode] = set()
    words, cents = _en_split_cents(typed.lower().replace(",", " ").rstrip(" .").split(), found)
    tokens = _en_number_tokens(words, found)
    if not tokens:  # other codes found on the way would be guesses
        return [MistakeCode.UNPARSEABLE]
    try:
        whole = en.read_integer([(token, 0) for token in tokens])
    except AmountError:
        return _ordered(found | {MistakeCode.WRONG_ORDER})
    expected_whole, expected_cents = split_cents(expected)
    if whole != expected_whole or cents not in (None, expected_cents):
        found.add(MistakeCode.WRONG_AMOUNT)
    return _ordered(found or {MistakeCode.NONSTANDARD_FORM})


def _classify_named_unit(expected: Decimal, typed: str, style: en.ChequeStyle) -> list[MistakeCode]:
    words = typed.lower().replace(",", " ").split()
    units = {"pound", "pounds"} if style is en.ChequeStyle.UK else {"euro", "euros"}
    at = next((i for i, word in enumerate(words) if word in units), None)
    if at is None or at == 0 or len(typed) > MAX_TYPED:
        return [MistakeCode.UNPARSEABLE]
    try:
        whole = en.read_integer([(word, 0) for word in words[:at]])
    except AmountError:
        return [MistakeCode.WRONG_ORDER]
    if whole != split_cents(expected)[0]:
        return [MistakeCode.WRONG_AMOUNT]
    return [MistakeCode.NONSTANDARD_FORM]


def classify_figures(expected: Decimal, typed: str) -> list[MistakeCode]:
    """Mistakes in figures keyed for words shown (the reverse drill). Currency symbol and
    thousands separators are optional; two decimals are required."""
    expected = check_amount(expected)
    try:
        value = parse_amount(typed, allow_zero=True)
    except AmountError:
        return [MistakeCode.UNPARSEABLE]
    if value != expected:
        return [MistakeCode.WRONG_AMOUNT]
    if not re.search(r"[.．][0-9０-９]{2}$", typed.strip()):
        return [MistakeCode.MISSING_DECIMALS]
    return []


def _ordered(codes: set[MistakeCode]) -> list[MistakeCode]:
    return [code for code in MistakeCode if code in codes]


def _zh_rule_breaks(text: str, expected: Decimal) -> set[MistakeCode]:
    """整, 壹拾 and 零 rule breaks in ``text`` (normalised, right value)."""
    accepted = zh.spellings(expected)
    if text in accepted:
        return set()
    found = set()
    body = text.rstrip("整")
    zhengs = len(text) - len(body)
    cents = split_cents(expected)[1]
    if cents == 0 and zhengs == 0:
        found.add(MistakeCode.MISSING_ZHENG)
    if zhengs > 1 or (cents % 10 and zhengs):
        found.add(MistakeCode.EXTRA_ZHENG)
    fixed = re.sub(r"(?<![壹贰叁肆伍陆柒捌玖])拾", "壹拾", body)
    if fixed != body:
        found.add(MistakeCode.MISSING_LEADING_YI_SHI)
    bodies = {form.removesuffix("整") for form in accepted}
    if fixed not in bodies and _without_ling(fixed) in {_without_ling(b) for b in bodies}:
        found.add(MistakeCode.WRONG_LING)
    return found


def _without_ling(text: str) -> str:
    """``text`` with every 零 removed, and with it a unit written for a zero digit
    (零佰, 零仟, 零万, 零角, 零分 …): what is left is the same for all 零 placements."""
    return re.sub(r"零[佰仟万亿角分]?", "", text)


_CENTS_WORDS = {"cent", "cents"}
_TRAILERS = {"only"} | en.CURRENCY_WORDS
_LOOSE_FRACTION = re.compile(r"(?:([0-9]{1,3})|xx|no)/100", re.ASCII)


def _en_split_cents(words: list[str], found: set[MistakeCode]) -> tuple[list[str], int | None]:
    """Split the dollar words from the cents; cents None when they cannot be told."""
    while words and words[-1] in _TRAILERS:
        words = words[:-1]
    if words and (fraction := _LOOSE_FRACTION.fullmatch(words[-1])):
        digits = fraction.group(1)
        if digits is not None and len(digits) != 2:
            found.add(MistakeCode.MISSING_CENTS_FRACTION)
        words = _drop_trailing(words[:-1], en.CURRENCY_WORDS)
        if words and words[-1] == "and":
            words = words[:-1]
        else:
            found.add(MistakeCode.MISSING_CENTS_FRACTION)
        return _drop_trailing(words, en.CURRENCY_WORDS), int(digits or 0)
    found.add(MistakeCode.MISSING_CENTS_FRACTION)
    if words and words[-1] in _CENTS_WORDS and "and" in words:
        cut = len(words) - 1 - words[::-1].index("and")
        spoken = "-".join(words[cut + 1 : -1])
        cents = int(spoken) if spoken.isascii() and spoken.isdigit() else None
        cents = en.below_hundred_value(spoken) if cents is None else cents
        return _drop_trailing(words[:cut], en.CURRENCY_WORDS), cents
    if words and re.fullmatch(r"[0-9]{1,2}", words[-1]):
        rest = words[:-1]
        rest = rest[:-1] if rest and rest[-1] == "and" else rest
        return _drop_trailing(rest, en.CURRENCY_WORDS), int(words[-1])
    return words, None


def _drop_trailing(words: list[str], drop: frozenset[str] | set[str]) -> list[str]:
    while words and words[-1] in drop:
        words = words[:-1]
    return words


def _en_number_tokens(words: list[str], found: set[MistakeCode]) -> list[str] | None:
    """Repair hyphens and spelling; None if a word is no number word at all."""
    tokens: list[str] = []
    for raw in words:
        word = re.sub("[\u2010\u2011\u2013\u2014]", "-", raw)
        parts = [word]
        if "-" in word and en.below_hundred_value(word) is None:
            parts = [part for part in word.split("-") if part]
            if compound := _respelled_compound(parts, found):
                tokens.append(compound)
                continue
            found.add(MistakeCode.EXTRA_HYPHEN)
        for part in parts:
            if en.below_hundred_value(part) is not None or part in _KNOWN:
                tokens.append(part)
            elif joined := _joined_compound(part):
                found.add(MistakeCode.MISSING_HYPHEN)
                tokens.append(joined)
            elif (near := _spelled(part, found)) is not None:
                tokens.append(near)
            else:
                return None
    merged: list[str] = []
    for token in tokens:
        if merged and merged[-1] in en.TENS[2:] and token in en.ONES[1:10]:
            found.add(MistakeCode.MISSING_HYPHEN)
            merged[-1] = f"{merged[-1]}-{token}"
        else:
            merged.append(token)
    return merged


_KNOWN = en.NUMBER_WORDS | en.CURRENCY_WORDS | {"and", "only"}


def _respelled_compound(parts: list[str], found: set[MistakeCode]) -> str | None:
    """Repair a hyphenated compound's spelling ("fourty-two" → "forty-two", recording
    SPELLING) when its two parts make a 21–99 compound; None otherwise."""
    if len(parts) != 2:
        return None
    probe: set[MistakeCode] = set()
    tens, ones = (_spelled(part, probe) for part in parts)
    if tens is None or ones is None or en.below_hundred_value(f"{tens}-{ones}") is None:
        return None
    found |= probe
    return f"{tens}-{ones}"


def _joined_compound(word: str) -> str | None:
    """A compound written without its hyphen: "twentyfour" → "twenty-four"."""
    for tens in en.TENS[2:]:
        if word.startswith(tens) and word[len(tens) :] in en.ONES[1:10]:
            return f"{tens}-{word[len(tens) :]}"
    return None


def _spelled(word: str, found: set[MistakeCode]) -> str | None:
    """The vocabulary word ``word`` is a misspelling of (≤ 1 edit for words of up to
    four letters, ≤ 2 otherwise; ties go to the alphabetically first), or None."""
    if word in _KNOWN:
        return word
    if len(word) > 12:  # the longest vocabulary word has 9 letters; skip the work
        return None
    limit = 1 if len(word) <= 4 else 2
    best = min(sorted(_KNOWN), key=lambda known: _edit_distance(word, known))
    if _edit_distance(word, best) > limit:
        return None
    found.add(MistakeCode.SPELLING)
    return best


def _edit_distance(left: str, right: str) -> int:
    """Optimal-string-alignment distance: insertions, deletions, substitutions and
    swaps of two adjacent letters ("thrity") each cost 1."""
    rows = [list(range(len(right) + 1))]
    for i in range(1, len(left) + 1):
        row = [i] + [0] * len(right)
        for j in range(1, len(right) + 1):
            cost = left[i - 1] != right[j - 1]
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + cost)
            if i > 1 and j > 1 and left[i - 1] == right[j - 2] and left[i - 2] == right[j - 1]:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]
