"""Chinese capital amounts (大写金额) as the People's Bank of China requires them on
bills and settlement vouchers, in both directions.

Source: 中国人民银行《支付结算办法》(银发〔1997〕393号), 附件一
《正确填写票据和结算凭证的基本规定》, items 一–四 (五 is the ¥ sign, 六 the dates;
some circulated copies number them differently). The rules implemented, quoted:

一  "中文大写金额数字应用正楷或行书填写，如壹、贰、叁、肆、伍、陆、柒、捌、玖、拾、佰、仟、
    万、亿、元、角、分、零、整（正）等字样。不得用一、二（两）、三、四、五、六、七、八、九、
    十、念、毛、另（或0）填写 … 如果金额数字书写中使用繁体字，如貳、陸、億、萬、圓的，也应受理。"
二  "中文大写金额数字到'元'为止的，在'元'之后，应写'整'（或'正'）字，在'角'之后可以不写
    '整'（或'正'）字。大写金额数字有'分'的，'分'后面不写'整'（或'正'）字。"
三  "中文大写金额数字前应标明'人民币'字样，大写金额数字应紧接'人民币'字样填写，不得留有空白。"
四  "阿拉伯小写金额数字中有'0'时，中文大写应按照汉语语言规律、金额数字构成和防止涂改的要求进行书写":
    (一) 中间有"0"时要写"零"字：¥1,409.50 → 壹仟肆佰零玖元伍角。
    (二) 中间连续有几个"0"时可以只写一个"零"字：¥6,007.14 → 陆仟零柒元壹角肆分。
    (三) 万位或元位是"0"，或者数字中间连续有几个"0"，万位、元位也是"0"，但千位、角位不是"0"
         时，可以只写一个零字，也可以不写"零"字：¥1,680.32 → 壹仟陆佰捌拾元零叁角贰分 或
         壹仟陆佰捌拾元叁角贰分；¥107,000.53 → 壹拾万柒仟元零伍角叁分 或 壹拾万零柒仟元伍角叁分。
    (四) 角位是"0"而分位不是"0"时，"元"后面应写"零"字：¥16,409.02 → 壹万陆仟肆佰零玖元零贰分；
         ¥325.04 → 叁佰贰拾伍元零肆分。

Canonical form produced by :func:`to_zh_words` (where the rules leave a choice, the
first form the regulation itself gives):

* Integer part read by 级 (sections of four digits: 个, 万, 亿). A run of zeros between
  non-zero digits is one 零 (四(一)(二)); zeros at the end of a section are not written
  (壹拾万柒仟, 四(三) first example); a whole zero section between non-zero digits is one
  零 (壹亿零伍仟元整), as in ordinary reading. When the 亿 digit is 0 and the 千万 digit
  is not, canonical writes 零 after 亿 (壹拾亿零伍仟万元整): 四(三) names the 万 and 元
  places only, so one reading of it wants the 零 and none forbids it; 壹拾亿伍仟万元整
  stays accepted.
* Every 拾 has its digit, including a leading one: 壹拾元整, 壹拾万元整 — the regulation's
  own example writes 壹拾万柒仟; it has no sentence on a bare leading 拾 for amounts, but
  it requires the 壹 for dates (六: "日为拾壹至拾玖的，应在其前加'壹'") for the same
  anti-alteration reason, and banks apply it to amounts. A bare 拾 is refused.
* 元整 when there are no 角/分 (二); nothing after 角 when 分 is 0 (二 allows 整 there;
  the issue's example ¥1,409.50 → 壹仟肆佰零玖元伍角 has none; 财政部《会计基础工作规范》
  第五十二条 asks for 整 after 角 on accounting vouchers, so both are accepted); never 整
  after 分 (二).
* 元位 0 with 角 non-zero: 零 after 元 (四(三) first form: 壹仟陆佰捌拾元零叁角贰分).
  角 0 with 分 non-zero: 元零…分, required (四(四)).
* Below one yuan no integer part: 伍角, 伍分, 壹角伍分.
* No "人民币": it is usually pre-printed; callers prepend :data:`RMB_PREFIX` if needed.

:func:`parse_zh_words` accepts exactly the canonical form and these variants, each
allowed by the rule cited: 正 for 整, and 圆/圓, 貳, 陸, 億, 萬 (also 叄/參 for 叁) (一);
整 after 角 (二); omitting the 零 after 元 when 元位 is 0 and 角 is not (四(三)); writing
or omitting one 零 where a zero run ends just before a section's 仟 digit — the 万/千
case of 四(三) and, by the same reading, the 亿/千万 case (壹拾万零柒仟, 壹亿伍仟元整);
for amounts below one yuan, a leading 零元 (零元伍角, 零元零伍分 — the 零 after 元 then
follows 四(四)); a leading 人民币/人民幣 with no gap (三); blanks around the whole text.

Zero is not an amount one writes on a bill: 0.00 and 零元整 raise ``AmountError``, as do
negative amounts, more than two decimals and anything beyond 9999亿 (10^12 and up).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from decimal import Decimal

from svctrainer.core.money import (
    AmountError,
    AmountProblem,
    check_amount,
    from_cents,
    split_cents,
)

DIGITS = "零壹贰叁肆伍陆柒捌玖"
RMB_PREFIX = "人民币"
_RMB_PREFIXES = ("人民币", "人民幣")
_SMALL_UNITS = ("", "拾", "佰", "仟")
_SMALL_VALUE = {"拾": 10, "佰": 100, "仟": 1000}
_BIG_UNITS = ("", "万", "亿")
YI_POWER = 8  # 亿 is 10**8
_DIGIT_VALUE = {ch: value for value, ch in enumerate(DIGITS) if value}

ACCEPTED_VARIANTS = {
    "正": "整",
    "圆": "元",
    "圓": "元",
    "貳": "贰",
    "陸": "陆",
    "億": "亿",
    "萬": "万",
    "叄": "叁",
    "參": "叁",
}
"""Characters the regulation says must also be accepted, mapped to the canonical ones."""

DIGIT_SUBSTITUTES = {
    "一": "壹",
    "二": "贰",
    "两": "贰",
    "兩": "贰",
    "三": "叁",
    "四": "肆",
    "五": "伍",
    "六": "陆",
    "七": "柒",
    "八": "捌",
    "九": "玖",
    "〇": "零",
    "○": "零",
    "另": "零",
    "念": "贰拾",
    "廿": "贰拾",
    "卅": "叁拾",
    **{str(d): DIGITS[d] for d in range(10)},
}
"""Forbidden stand-ins for capital digits (rule 一: 一…九, 两, 念, 另, 0), with the capital
form they stand for."""

UNIT_SUBSTITUTES = {"十": "拾", "百": "佰", "千": "仟", "伯": "佰", "毛": "角", "块": "元"}
"""Forbidden stand-ins for units (rule 一: 十, 毛; also 百/千 and the 伯/块 slips)."""

_ALPHABET = frozenset(DIGITS + "拾佰仟万亿元角分整") | frozenset(ACCEPTED_VARIANTS)


def to_zh_words(amount: Decimal) -> str:
    """The canonical capital amount, e.g. ``Decimal("1409.50")`` → 壹仟肆佰零玖元伍角.

    Raises ``AmountError`` for zero, negative, more than two decimals or ≥ 10^12.
    """
    return spellings(amount)[0]


def parse_zh_words(text: str) -> Decimal:
    """Read a capital amount written by the rules (canonical form or a documented
    variant, optionally after 人民币) and return it with two decimals.

    Anything else raises ``AmountError`` whose ``position`` (1-based, in ``text``) is
    the first character that cannot be part of a correct writing, and whose message
    names what was expected there.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_zh_words expects str, got {type(text).__name__}")
    body, offset = strip_prefix(text)
    if not body:
        raise AmountError(AmountProblem.EMPTY, "no capital amount given")
    for index, char in enumerate(body):
        if char not in _ALPHABET:
            raise _bad(offset + index, _char_complaint(char))
    normal = normalise(body)
    cents = read_lenient(normal, offset)
    amount = from_cents(cents)
    if cents == 0:
        raise AmountError(AmountProblem.ZERO, "a capital amount must be greater than zero")
    accepted = spellings(amount)
    if normal not in accepted:
        best = max(accepted, key=lambda form: _common_prefix(form, normal))
        at = _common_prefix(best, normal)
        if at < len(best):
            found = f", found {normal[at]!r}" if at < len(normal) else " (text ends)"
            detail = f"expected {best[at]!r}{found}"
        else:
            detail = f"unexpected {normal[at]!r}"
        raise _bad(offset + at, f"{detail}; the standard form is {accepted[0]}")
    return amount


def spellings(amount: Decimal) -> list[str]:
    """Every writing of ``amount`` the rules accept, canonical first, in normalised
    characters (元 not 圆, 整 not 正, simplified forms) and without 人民币."""
    whole, cents = split_cents(check_amount(amount))
    jiao, fen = divmod(cents, 10)
    tails = _fraction_variants(whole, jiao, fen)
    if whole == 0:
        return tails
    return [head + tail for head in _integer_variants(whole) for tail in tails]


def strip_prefix(text: str) -> tuple[str, int]:
    """Remove surrounding blanks and a leading 人民币; return the rest and how many
    characters of ``text`` precede it (to report positions in the original text)."""
    stripped = text.lstrip()
    offset = len(text) - len(stripped)
    stripped = stripped.rstrip()
    for prefix in _RMB_PREFIXES:
        if stripped.startswith(prefix):
            return stripped[len(prefix) :], offset + len(prefix)
    return stripped, offset


def normalise(body: str) -> str:
    """Map the accepted variant characters (正, 圆, 貳, 萬, …) to the canonical ones."""
    return "".join(ACCEPTED_VARIANTS.get(char, char) for char in body)


def read_lenient(normal: str, offset: int = 0) -> int:
    """The value in cents of a capital amount whose *structure* is readable, without
    checking the 零/整/壹拾 rules: 零 is skipped, a bare 拾 counts as 壹拾, repeated 整
    is ignored. The strict parser checks the rules afterwards by comparing with
    :func:`spellings`; the mistake classifier uses the value to tell a rule break from
    a wrong amount. Structural errors raise ``AmountError`` at ``offset`` + index + 1.
    """
    reader = _Reader(offset)
    for index, char in enumerate(normal):
        reader.feed(char, index)
    return reader.finish(len(normal))


def _integer_variants(whole: int) -> list[str]:
    """Writings of a positive integer part, canonical first (see module docstring)."""
    digits = str(whole)[::-1]  # digits[p] is the digit worth 10**p
    nonzero = [p for p in range(len(digits) - 1, -1, -1) if digits[p] != "0"]
    items: list[str | bool] = []  # a bool is an optional 零: True if canonical writes it
    for i, power in enumerate(nonzero):
        if i and (gap := nonzero[i - 1] - power - 1) > 0:
            # A run ending just before a section's 仟 digit: 四(三) makes its 零 optional.
            # Canonical writes it when the run spans a whole section, and after 亿 when
            # the 亿 digit is 0 and the 千万 digit is not (壹拾亿零伍仟万元整): written, the
            # 零 is right under both readings of 四(三), which names only 万 and 元.
            after_yi = power == YI_POWER - 1 and nonzero[i - 1] > YI_POWER
            items.append(gap >= 4 or after_yi if power % 4 == 3 else "零")
        text = DIGITS[int(digits[power])] + _SMALL_UNITS[power % 4]
        lower = nonzero[i + 1] if i + 1 < len(nonzero) else -1
        if power >= 4 and lower // 4 != power // 4:  # last non-zero digit of 万/亿 section
            text += _BIG_UNITS[power // 4]
        items.append(text)
    options = [(item, not item) for item in items if isinstance(item, bool)]
    variants = []
    for choice in itertools.product(*options):
        picks = iter(choice)
        variants.append(
            "".join(("零" if next(picks) else "") if isinstance(it, bool) else it for it in items)
        )
    return variants


def _fraction_variants(whole: int, jiao: int, fen: int) -> list[str]:
    """Writings from 元 onwards (or of the whole amount below one yuan), canonical first."""
    if jiao == 0 and fen == 0:
        return ["元整"]  # 二: 到"元"为止的，在"元"之后应写"整"
    if jiao == 0:
        cents = DIGITS[fen] + "分"
        # 四(四): 角位是0而分位不是0时，"元"后面应写"零"字.
        return ["元零" + cents] if whole else [cents, "零元零" + cents]
    tail = DIGITS[jiao] + "角" + (DIGITS[fen] + "分" if fen else "")
    tails = [tail, tail + "整"] if fen == 0 else [tail]  # 二: 在"角"之后可以不写"整"
    if whole == 0:
        return tails + ["零元" + t for t in tails]
    heads = ["元零", "元"] if whole % 10 == 0 else ["元"]  # 四(三): 元位是0 … 可以不写零
    return [head + t for head in heads for t in tails]


@dataclass
class _Reader:
    """Left-to-right reader for :func:`read_lenient` (state of one parse)."""

    offset: int
    yi: int | None = None
    wan: int | None = None
    section: int = 0
    last_small: int = 10_000
    digit: int | None = None
    zero: bool = False  # a 零 since the last digit or unit
    started: bool = False  # an integer unit (拾…亿) has been read
    whole: int | None = None  # set by 元
    jiao: int | None = None
    fen: int | None = None
    done: bool = False  # 整 seen

    def feed(self, char: str, index: int) -> None:
        if self.done and char != "整":
            raise self._bad(index, "nothing may follow 整")
        if char == "整":
            self._zheng(index)
        elif char == "零":
            if self.digit is not None:
                raise self._bad(index, f"{DIGITS[self.digit]} has no unit before 零")
            self.zero = True
        elif char in _DIGIT_VALUE:
            if self.digit is not None:
                raise self._bad(index, "two digits in a row without a unit between them")
            self.digit = _DIGIT_VALUE[char]
        elif char in "角分":
            self._fraction(char, index)
        elif self.whole is not None:
            raise self._bad(index, f"{char!r} cannot follow 元")
        elif char in _SMALL_VALUE:
            self._small(char, index)
        elif char in "万亿":
            self._big(char, index)
        elif char == "元":
            self._yuan(index)
        else:
            raise self._bad(index, _char_complaint(char))

    def finish(self, index: int) -> int:
        if self.digit is not None:
            raise self._bad(index, "the last digit has no unit (元, 角 or 分)")
        if self.whole is None:
            raise self._bad(index, "元 is missing")
        return self.whole * 100 + (self.jiao or 0) * 10 + (self.fen or 0)

    def _take_digit(self) -> None:
        if self.digit is not None:
            self.section += self.digit
            self.digit = None

    def _small(self, char: str, index: int) -> None:
        unit = _SMALL_VALUE[char]
        if self.digit is not None:
            count = self.digit
        elif unit == 10:
            count = 1  # bare 拾 (also after 零): means 壹拾; the strict check refuses it
        elif self.zero:
            count = 0  # 零佰 / 零仟: a zero digit written with its unit
        else:
            raise self._bad(index, f"{char} needs a digit before it")
        if unit >= self.last_small:
            raise self._bad(index, f"{char} is out of order")
        self.section += count * unit
        self.last_small, self.digit, self.zero, self.started = unit, None, False, True

    def _big(self, char: str, index: int) -> None:
        self._take_digit()
        if self.wan is not None or (char == "亿" and self.yi is not None):
            raise self._bad(index, f"{char} is out of order")
        if self.section == 0 and not self.zero:
            raise self._bad(index, f"{char} needs digits before it")
        if char == "亿":
            self.yi = self.section
        else:
            self.wan = self.section
        self.section, self.last_small, self.zero, self.started = 0, 10_000, False, True

    def _yuan(self, index: int) -> None:
        self._take_digit()
        if not (self.started or self.section or self.zero):
            raise self._bad(index, "元 needs an amount before it")
        self.whole = (self.yi or 0) * 10**8 + (self.wan or 0) * 10**4 + self.section
        self.zero = False

    def _fraction(self, char: str, index: int) -> None:
        if self.whole is None:
            if self.started or self.section:
                raise self._bad(index, f"元 is missing before {char}")
            self.whole = 0  # below one yuan, written without 元 (伍角)
        if self.fen is not None or (char == "角" and self.jiao is not None):
            raise self._bad(index, f"{char} is out of order")
        if self.digit is None and not self.zero:
            raise self._bad(index, f"{char} needs a digit before it")
        value = self.digit or 0
        if char == "角":
            self.jiao = value
        else:
            self.fen = value
        self.digit, self.zero = None, False

    def _zheng(self, index: int) -> None:
        if self.digit is not None:
            raise self._bad(index, f"{DIGITS[self.digit]} has no unit before 整")
        if self.whole is None:
            raise self._bad(index, "元 is missing before 整")
        self.done = True

    def _bad(self, index: int, message: str) -> AmountError:
        return _bad(self.offset + index, message)


def _bad(index: int, message: str) -> AmountError:
    """An ``AmountError`` for the character at 0-based ``index`` (reported 1-based)."""
    return AmountError(
        AmountProblem.BAD_WORDS,
        f"capital amount, character {index + 1}: {message}",
        position=index + 1,
    )


def _char_complaint(char: str) -> str:
    if char.isspace():
        return "blank space; write the amount without gaps (rule 三: 不得留有空白)"
    if char in DIGIT_SUBSTITUTES or char in UNIT_SUBSTITUTES:
        capital = DIGIT_SUBSTITUTES.get(char) or UNIT_SUBSTITUTES[char]
        return f"{char!r} is not allowed in a capital amount; write {capital!r}"
    return f"{char!r} is not allowed in a capital amount"


def _common_prefix(left: str, right: str) -> int:
    count = 0
    for a, b in zip(left, right, strict=False):
        if a != b:
            break
        count += 1
    return count
