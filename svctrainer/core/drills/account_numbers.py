"""Account and card numbers with real check digits, for data-entry drills.

Tellers key IBANs and card numbers all day; a realistic drill uses numbers that pass the
same checks a core banking system applies (ISO 13616 IBAN mod 97, Luhn for cards), so a
trainee's transposition is an error the check would catch, as at the counter. The numbers
are random specimens, not real accounts.
"""

from __future__ import annotations

import string

from svctrainer.core.drills.seeded_random import SeededRandom

# Country -> BBAN layout as (length, character class): n digits, a upper-case letters,
# c digits or upper-case letters (ISO 13616 registry notation "8!n10!n" etc.).
IBAN_LAYOUTS: dict[str, tuple[tuple[int, str], ...]] = {
    "AT": ((5, "n"), (11, "n")),
    "BE": ((3, "n"), (7, "n"), (2, "n")),
    "CH": ((5, "n"), (12, "c")),
    "DE": ((8, "n"), (10, "n")),
    "ES": ((4, "n"), (4, "n"), (1, "n"), (1, "n"), (10, "n")),
    "FR": ((5, "n"), (5, "n"), (11, "c"), (2, "n")),
    "GB": ((4, "a"), (6, "n"), (8, "n")),
    "IT": ((1, "a"), (5, "n"), (5, "n"), (12, "c")),
    "NL": ((4, "a"), (10, "n")),
}
IBAN_LENGTHS = {cc: 4 + sum(n for n, _ in layout) for cc, layout in IBAN_LAYOUTS.items()}
_CLASSES = {
    "n": string.digits,
    "a": string.ascii_uppercase,
    "c": string.digits + string.ascii_uppercase,
}


def _iban_number(text: str) -> int:
    """Letters as 10..35, digits as themselves (ISO 7064 preparation)."""
    return int("".join(str(int(ch, 36)) for ch in text))


def iban_check_digits(country: str, bban: str) -> str:
    """The two check digits making ``country + check + bban`` valid (98 − n mod 97)."""
    return f"{98 - _iban_number(bban + country + '00') % 97:02d}"


def iban_is_valid(iban: str) -> bool:
    """ISO 13616: known country, its length, and the rearranged number mod 97 == 1.

    Spaces (print format) are ignored; letters must be upper case."""
    compact = iban.replace(" ", "")
    country = compact[:2]
    if not compact.isascii() or IBAN_LENGTHS.get(country) != len(compact):
        return False
    if not compact[2:4].isdigit() or not all(ch in _CLASSES["c"] for ch in compact[4:]):
        return False
    return _iban_number(compact[4:] + compact[:4]) % 97 == 1


def generate_iban(rng: SeededRandom, country: str) -> str:
    """A random IBAN in electronic format (no spaces) for a country in ``IBAN_LAYOUTS``."""
    bban = "".join(
        "".join(rng.choice(_CLASSES[kind]) for _ in range(count))
        for count, kind in IBAN_LAYOUTS[country]
    )
    return country + iban_check_digits(country, bban) + bban


def luhn_check_digit(payload: str) -> str:
    """The digit that, appended to ``payload``, makes the Luhn sum divisible by 10."""
    total = 0
    for index, ch in enumerate(reversed(payload)):
        d = int(ch)
        if index % 2 == 0:  # doubled: these become the odd positions once the check is added
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return str((10 - total % 10) % 10)


def luhn_is_valid(number: str) -> bool:
    compact = number.replace(" ", "")
    if len(compact) < 2 or not compact.isascii() or not compact.isdigit():
        return False
    return luhn_check_digit(compact[:-1]) == compact[-1]


def generate_card_number(rng: SeededRandom, length: int, prefix: str) -> str:
    """``prefix`` + random digits + Luhn check digit, ``length`` digits in all."""
    body = prefix + "".join(str(rng.below(10)) for _ in range(length - len(prefix) - 1))
    return body + luhn_check_digit(body)


def group_in_fours(number: str) -> str:
    """Print format, e.g. ``GB82 WEST 1234 5698 7654 32``."""
    return " ".join(number[i : i + 4] for i in range(0, len(number), 4))
