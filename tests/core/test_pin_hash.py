import pytest

from svctrainer.core.pin_hash import (
    OWASP_COST,
    PinFormatError,
    ScryptCost,
    check_pin_format,
    hash_pin,
    needs_rehash,
    verify_pin,
)

CHEAP = ScryptCost(n=2**10)


def test_owasp_cost_is_the_production_default():
    # OWASP Password Storage Cheat Sheet: scrypt N=2^17, r=8, p=1.
    assert (OWASP_COST.n, OWASP_COST.r, OWASP_COST.p) == (2**17, 8, 1)


def test_production_hash_uses_owasp_parameters():
    stored = hash_pin("4821")
    assert stored.split("$")[:4] == ["scrypt", "131072", "8", "1"]
    assert verify_pin("4821", stored)
    assert not verify_pin("4822", stored)


def test_same_pin_hashes_differently_each_time():
    assert hash_pin("1234", CHEAP) != hash_pin("1234", CHEAP)


@pytest.mark.parametrize("pin", ["123", "1234567890123", "12a4", " 1234", ""])
def test_pin_format_is_enforced(pin):
    with pytest.raises(PinFormatError):
        check_pin_format(pin)


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "plain",
        "scrypt$1$8$1$AA$AA",
        "scrypt$x$8$1$AA$AA",
        "bcrypt$10$8$1$AA$AA",
        "scrypt$1048576000$8$1$AA$AA",
    ],
)
def test_malformed_or_absurd_hashes_never_verify(stored):
    assert verify_pin("1234", stored) is False


def test_needs_rehash_when_cost_changes():
    stored = hash_pin("1234", CHEAP)
    assert needs_rehash(stored, OWASP_COST)
    assert not needs_rehash(stored, CHEAP)
