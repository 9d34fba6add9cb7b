"""11-digit mainland China mobile numbers (手机号码) for data entry.

A number is a 3-digit network segment (号段) of an operator, then 8 digits. A core banking
screen checks the length and that the segment is one in use; there is no check digit, so
a wrong digit inside a valid segment passes the screen and only the comparison with the
customer's form finds it. Segments follow the operators' published allocations: China
Mobile, China Unicom, China Telecom, China Broadnet and the virtual operators' 170/171,
162, 165, 167. The 13-digit IoT segments 140–144 and the unused 154 are excluded.
"""

from __future__ import annotations

import re

from svctrainer.core.drills.seeded_random import SeededRandom

MOBILE_LENGTH = 11
# segment -> relative weight (how often a customer's number has it): the large, older
# 13x/15x/18x blocks dominate real customer files, 19x is growing, the rest are small.
SEGMENTS: dict[str, int] = {
    **{f"13{d}": 10 for d in range(10)},
    **{s: 2 for s in ("145", "146", "147", "148", "149")},
    **{f"15{d}": 8 for d in (0, 1, 2, 3, 5, 6, 7, 8, 9)},
    **{s: 2 for s in ("162", "165", "166", "167")},
    **{f"17{d}": 3 for d in range(9)},
    **{f"18{d}": 9 for d in range(10)},
    **{f"19{d}": 5 for d in (0, 1, 2, 3, 5, 6, 7, 8, 9)},
}
# The same set as a pattern, written the way core banking screens carry it.
MOBILE_PATTERN = re.compile(r"1(3\d|4[5-9]|5[0-35-9]|6[2567]|7[0-8]|8\d|9[0-35-9])\d{8}")
_SEGMENT_LIST = tuple(SEGMENTS)
_SEGMENT_WEIGHTS = tuple(SEGMENTS.values())


def mobile_is_valid(number: str) -> bool:
    """11 ASCII digits in a segment in use."""
    return number.isascii() and MOBILE_PATTERN.fullmatch(number) is not None


def generate_mobile(rng: SeededRandom) -> str:
    """A valid number: a segment drawn by weight, then 8 random digits."""
    segment = _SEGMENT_LIST[rng.weighted_index(_SEGMENT_WEIGHTS)]
    return segment + "".join(str(rng.below(10)) for _ in range(MOBILE_LENGTH - 3))


def group_mobile(number: str) -> str:
    """Print format 3-4-4 (``138 0013 8000``), as forms and receipts show it."""
    return f"{number[:3]} {number[3:7]} {number[7:]}"
