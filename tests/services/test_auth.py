from datetime import UTC, datetime, timedelta

import pytest

from svctrainer.services.actor import Actor
from svctrainer.services.errors import (
    InactiveProfileError,
    ProfileLockedError,
    WrongPinError,
)

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_sign_in_with_the_right_pin(branch):
    signed = branch.services.auth.sign_in(branch.teller.id, branch.pin, NOW)
    assert signed.person.name == "Tom Teller"
    assert signed.branch_name == "Test Branch"


def test_five_wrong_pins_lock_for_five_minutes_and_are_audited(branch):
    auth = branch.services.auth
    for left in (4, 3, 2, 1):
        with pytest.raises(WrongPinError) as info:
            auth.sign_in(branch.teller.id, "0000", NOW)
        assert info.value.attempts_left == left
    with pytest.raises(ProfileLockedError) as locked:
        auth.sign_in(branch.teller.id, "0000", NOW)
    assert locked.value.until == NOW + timedelta(minutes=5)
    # Even the right branch.pin is refused while locked, without being checked.
    with pytest.raises(ProfileLockedError):
        auth.sign_in(branch.teller.id, branch.pin, NOW + timedelta(minutes=4, seconds=59))
    assert (
        auth.sign_in(branch.teller.id, branch.pin, NOW + timedelta(minutes=5)).person.id
        == branch.teller.id
    )
    entries = branch.services.audit.recent(Actor.command_line())
    lock = next(e for e in entries if e.action == "person.locked")
    assert lock.target_id == str(branch.teller.id)


def test_success_resets_the_failure_count(branch):
    auth = branch.services.auth
    for _ in range(4):
        with pytest.raises(WrongPinError):
            auth.sign_in(branch.teller.id, "0000", NOW)
    auth.sign_in(branch.teller.id, branch.pin, NOW)
    with pytest.raises(WrongPinError) as info:
        auth.sign_in(branch.teller.id, "0000", NOW)
    assert info.value.attempts_left == 4


def test_admin_reset_lifts_a_lock_and_is_audited(branch):
    auth = branch.services.auth
    for _ in range(5):
        with pytest.raises((WrongPinError, ProfileLockedError)):
            auth.sign_in(branch.teller.id, "0000", NOW)
    admin = branch.actor(branch.admin)
    branch.services.people.reset_pin(admin, branch.teller.id, "9753")
    assert auth.sign_in(branch.teller.id, "9753", NOW).person.id == branch.teller.id
    assert any(e.action == "person.pin_reset" for e in branch.services.audit.recent(admin))


def test_deactivated_profile_cannot_sign_in(branch):
    branch.services.people.set_active(Actor.command_line(), branch.teller.id, False)
    with pytest.raises(InactiveProfileError):
        branch.services.auth.sign_in(branch.teller.id, branch.pin, NOW)
    assert "Tom Teller" not in [p.name for p in branch.services.auth.profiles()]


def test_profile_search(branch):
    auth = branch.services.auth
    assert [p.name for p in auth.profiles("tess")] == ["Tess Teller"]
    assert [p.employee_number for p in auth.profiles("T3")] == ["T3"]
    assert auth.profiles("%") != []
    assert auth.profiles("no such person") == []


def test_change_own_pin(branch):
    actor = branch.actor(branch.teller)
    with pytest.raises(WrongPinError):
        branch.services.auth.change_own_pin(actor, "0000", "8642")
    branch.services.auth.change_own_pin(actor, branch.pin, "8642")
    assert branch.services.auth.sign_in(branch.teller.id, "8642", NOW)
