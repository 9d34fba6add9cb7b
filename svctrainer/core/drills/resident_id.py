"""18-digit resident identity card numbers (居民身份证号码, GB 11643-1999) for data entry.

The number a Chinese counter keys most often. Its structure is checked by every core
banking screen, so a drill uses numbers that pass the same checks and refuses the ones a
teller mistypes: a 6-digit address code (a county-level division of GB/T 2260), the
8-digit birth date YYYYMMDD, a 3-digit sequence code (odd for men, even for women) and
one check character computed by ISO 7064 MOD 11-2 (``0``–``9`` or an upper-case ``X``).
The MOD 11-2 check catches every single-character change and every swap of two adjacent
characters, which is why a teller's slip is refused at the screen.

The 15-digit first-generation numbers (GB 11643-1989) are obsolete and not generated.
Generated numbers are random specimens and may coincide with a real person's; they are
shown inside the training application only.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum

from svctrainer.core.drills.seeded_random import SeededRandom

ID_LENGTH = 18
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)  # 2**(18-i) mod 11
CHECK_CHARACTERS = "10X98765432"  # indexed by the weighted sum mod 11

# Real county-level codes (GB/T 2260), so a screen that checks the address prefix accepts
# them: a spread of districts from the largest cities.
ADDRESS_CODES = (
    "110101",  # 北京市东城区
    "110102",  # 北京市西城区
    "110105",  # 北京市朝阳区
    "110108",  # 北京市海淀区
    "120101",  # 天津市和平区
    "130102",  # 石家庄市长安区
    "210102",  # 沈阳市和平区
    "230103",  # 哈尔滨市南岗区
    "310101",  # 上海市黄浦区
    "310104",  # 上海市徐汇区
    "310115",  # 上海市浦东新区
    "320102",  # 南京市玄武区
    "320505",  # 苏州市虎丘区
    "330106",  # 杭州市西湖区
    "340104",  # 合肥市蜀山区
    "350203",  # 厦门市思明区
    "370102",  # 济南市历下区
    "410105",  # 郑州市金水区
    "420111",  # 武汉市洪山区
    "430104",  # 长沙市岳麓区
    "440106",  # 广州市天河区
    "440305",  # 深圳市南山区
    "500103",  # 重庆市渝中区
    "510107",  # 成都市武侯区
    "610113",  # 西安市雁塔区
)
ADDRESS_PROVINCES = frozenset(code[:2] for code in ADDRESS_CODES) | frozenset(
    # every province-level prefix of GB/T 2260, so a number from elsewhere is accepted
    [
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
    ]
)
_SHAPE = re.compile(r"[0-9]{17}[0-9X]")


class IdProblem(StrEnum):
    """Why a core banking screen refuses a typed resident ID number."""

    LENGTH = "length"  # not 18 characters
    CHARACTERS = "characters"  # not 17 digits then a digit or X
    REGION = "region"  # no such province code
    BIRTH_DATE = "birth_date"  # not a calendar date, or in the future of ``today``
    CHECK = "check"  # the MOD 11-2 check character does not match


def check_character(body: str) -> str:
    """The MOD 11-2 check character of the first 17 digits ``body``."""
    if len(body) != ID_LENGTH - 1 or not body.isascii() or not body.isdigit():
        raise ValueError("the body of a resident ID number is 17 digits")
    total = sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=True))
    return CHECK_CHARACTERS[total % 11]


def birth_date(number: str) -> dt.date | None:
    """The birth date coded in ``number`` (positions 7–14), or None if it is no date."""
    digits = number[6:14]
    if len(digits) != 8 or not digits.isascii() or not digits.isdigit():
        return None
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None


def id_problem(number: str, today: dt.date | None = None) -> IdProblem | None:
    """What is wrong with ``number`` as a core banking screen checks it, or None.

    ``today`` (when given) refuses birth dates after it; a drill form passes none, so
    that replaying an attempt years later gives the same verdict."""
    if len(number) != ID_LENGTH:
        return IdProblem.LENGTH
    if not _SHAPE.fullmatch(number):
        return IdProblem.CHARACTERS
    if number[:2] not in ADDRESS_PROVINCES:
        return IdProblem.REGION
    born = birth_date(number)
    if born is None or born.year < 1900 or (today is not None and born > today):
        return IdProblem.BIRTH_DATE
    if check_character(number[:17]) != number[17]:
        return IdProblem.CHECK
    return None


def id_is_valid(number: str) -> bool:
    return id_problem(number) is None


def generate_resident_id(
    rng: SeededRandom, born_from: dt.date, born_to: dt.date, female: bool | None = None
) -> str:
    """A valid 18-character number: a real address code, a birth date in the range, a
    sequence code of the given sex (random when None) and its check character."""
    born = dt.date.fromordinal(rng.between(born_from.toordinal(), born_to.toordinal()))
    sex = (rng.below(2) == 0) if female is None else female
    sequence = 2 * rng.between(0, 498) + (2 if sex else 1)  # 001..999, parity = sex
    body = f"{rng.choice(ADDRESS_CODES)}{born:%Y%m%d}{sequence:03d}"
    return body + check_character(body)
