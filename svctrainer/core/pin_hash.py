"""Salted slow hashing of PINs with scrypt at OWASP cost.

A teller PIN has little entropy, so the hash must be slow enough that a stolen database
does not give the PINs away in minutes: OWASP's Password Storage Cheat Sheet asks for
scrypt with N=2^17, r=8, p=1 (128 MiB, about 0.5 s here). The parameters are stored in
every hash, so a later cost increase still verifies old hashes and can rehash them at the
next login (:func:`needs_rehash`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
from dataclasses import dataclass

SCHEME = "scrypt"
MIN_DIGITS = 4  # the shortest a branch may allow; a branch may require 6 or more
MAX_DIGITS = 12


@dataclass(frozen=True, slots=True)
class ScryptCost:
    n: int = 2**17
    r: int = 8
    p: int = 1

    @property
    def maxmem(self) -> int:
        # scrypt needs 128 * n * r * p bytes; leave head-room for OpenSSL's bookkeeping.
        return 128 * self.n * self.r * self.p + 2 * 1024 * 1024


OWASP_COST = ScryptCost()


class PinFormatError(ValueError):
    """The PIN does not meet the format rule (``min_digits`` to 12 digits)."""


def check_pin_format(pin: str, min_digits: int = MIN_DIGITS) -> None:
    """A PIN is ``min_digits`` (the branch's policy, 4 by default) to 12 ASCII digits.

    Longer PINs are the defence against a stolen database: at OWASP cost each guess
    takes about 0.5 s of scrypt, so 4 digits fall in about an hour and a half of one core
    and 6 digits in about six days."""
    if not (len(pin) <= MAX_DIGITS and re.fullmatch(f"[0-9]{{{min_digits},}}", pin)):
        raise PinFormatError(f"a PIN is {min_digits} to {MAX_DIGITS} digits")


def hash_pin(pin: str, cost: ScryptCost = OWASP_COST, min_digits: int = MIN_DIGITS) -> str:
    """Return ``scrypt$n$r$p$salt$hash`` (salt and hash urlsafe base64)."""
    check_pin_format(pin, min_digits)
    salt = os.urandom(16)
    digest = _derive(pin, salt, cost)
    return "$".join([SCHEME, str(cost.n), str(cost.r), str(cost.p), _b64(salt), _b64(digest)])


def verify_pin(pin: str, stored: str) -> bool:
    """Constant-time check of ``pin`` against a stored hash; False for any malformed hash."""
    parsed = _parse(stored)
    if parsed is None:
        return False
    cost, salt, expected = parsed
    try:
        digest = _derive(pin, salt, cost)
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(digest, expected)


def needs_rehash(stored: str, cost: ScryptCost = OWASP_COST) -> bool:
    parsed = _parse(stored)
    return parsed is None or parsed[0] != cost


def _derive(pin: str, salt: bytes, cost: ScryptCost) -> bytes:
    return hashlib.scrypt(
        pin.encode("utf-8"), salt=salt, n=cost.n, r=cost.r, p=cost.p, maxmem=cost.maxmem, dklen=32
    )


def _parse(stored: str) -> tuple[ScryptCost, bytes, bytes] | None:
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != SCHEME:
        return None
    try:
        cost = ScryptCost(int(parts[1]), int(parts[2]), int(parts[3]))
        salt = base64.urlsafe_b64decode(parts[4] + "==")
        digest = base64.urlsafe_b64decode(parts[5] + "==")
    except ValueError:
        return None
    # Refuse absurd parameters so a tampered row cannot make a login allocate gigabytes.
    if not (2 <= cost.n <= 2**20 and 1 <= cost.r <= 32 and 1 <= cost.p <= 16):
        return None
    return cost, salt, digest


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")
