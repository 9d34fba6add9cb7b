"""The wrong-PIN lockout rule: progressive, and never forgotten until a sign-in."""

from datetime import UTC, datetime, timedelta

from svctrainer.core.lockout import (
    FIRST_LOCK,
    LONGEST_LOCK,
    MAX_CONSECUTIVE_FAILURES,
    LockState,
    after_failure,
    after_success,
    lock_duration,
)

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def _fail(state: LockState, times: int, now: datetime = NOW) -> LockState:
    for _ in range(times):
        state = after_failure(state, now)
    return state


def test_fifth_failure_locks_for_five_minutes():
    state = LockState(0, None)
    for expected in range(1, 5):
        state = after_failure(state, NOW)
        assert state.failures == expected
        assert not state.is_locked(NOW)
        assert state.attempts_before_lock == 5 - expected
    state = after_failure(state, NOW)
    assert state.is_locked(NOW)
    assert state.locked_until == NOW + timedelta(minutes=5) == NOW + FIRST_LOCK
    assert state.remaining(NOW + timedelta(minutes=4)) == timedelta(minutes=1)
    assert not state.is_locked(NOW + timedelta(minutes=5))
    assert state.remaining(NOW + timedelta(minutes=6)) == timedelta(0)


def test_a_lock_does_not_reset_the_count_and_each_next_lock_is_longer():
    """The count reset to 0 at every lock: 5 guesses every 5 minutes, forever (issue 19,
    point 2). Now it only grows, and each lock lasts twice the one before, up to a day."""
    state = _fail(LockState(0, None), 5)
    assert state.failures == 5
    later = NOW + timedelta(minutes=5)
    state = _fail(state, 4, later)
    assert state.failures == 9
    assert not state.is_locked(later)
    state = after_failure(state, later)
    assert state.locked_until == later + timedelta(minutes=10)
    assert [lock_duration(n) for n in (5, 10, 15, 20)] == [
        timedelta(minutes=m) for m in (5, 10, 20, 40)
    ]
    assert lock_duration(95) == LONGEST_LOCK == timedelta(hours=24)


def test_after_100_consecutive_failures_only_an_admin_reset_unlocks():
    """NIST SP 800-63B 5.2.2: at most 100 consecutive failed attempts on one account."""
    state = LockState(MAX_CONSECUTIVE_FAILURES - 1, None)
    state = after_failure(state, NOW)
    assert state.failures == 100
    assert state.needs_reset
    assert state.is_locked(NOW + timedelta(days=3650))
    assert state.locked_until is None
    assert state.attempts_before_lock == 0


def test_a_hundred_guesses_take_about_two_weeks_at_the_fastest():
    state, now = LockState(0, None), NOW
    while not state.needs_reset:
        if state.is_locked(now):
            now = state.locked_until
        state = after_failure(state, now)
    assert timedelta(days=10) < now - NOW < timedelta(days=16)


def test_success_clears_failures():
    assert after_success() == LockState(0, None)
