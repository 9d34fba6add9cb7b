from datetime import UTC, datetime, timedelta

from svctrainer.core.lockout import LOCK_DURATION, LockState, after_failure, after_success

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_fifth_failure_locks_for_five_minutes():
    state = LockState(0, None)
    for expected in range(1, 5):
        state = after_failure(state, NOW)
        assert state.failures == expected
        assert not state.is_locked(NOW)
    state = after_failure(state, NOW)
    assert state.is_locked(NOW)
    assert state.locked_until == NOW + timedelta(minutes=5) == NOW + LOCK_DURATION
    assert state.remaining(NOW + timedelta(minutes=4)) == timedelta(minutes=1)
    assert not state.is_locked(NOW + timedelta(minutes=5))
    assert state.remaining(NOW + timedelta(minutes=6)) == timedelta(0)


def test_success_clears_failures():
    assert after_success() == LockState(0, None)
