"""The wrong-PIN lockout rule: 5 wrong PINs lock a profile for 5 minutes.

Kept pure (the clock is a parameter) so the rule is tested exactly. The lock is an
absolute UTC instant because it must survive an app restart; this is a deadline, not a
measured duration, so wall-clock time is right here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

MAX_FAILURES = 5
LOCK_DURATION = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class LockState:
    failures: int
    locked_until: datetime | None

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def remaining(self, now: datetime) -> timedelta:
        if self.locked_until is None or now >= self.locked_until:
            return timedelta(0)
        return self.locked_until - now


def after_failure(state: LockState, now: datetime) -> LockState:
    """State after one more wrong PIN; the 5th failure starts a lock and resets the count."""
    failures = state.failures + 1
    if failures >= MAX_FAILURES:
        return LockState(failures=0, locked_until=now + LOCK_DURATION)
    return LockState(failures=failures, locked_until=state.locked_until)


def after_success() -> LockState:
    return LockState(failures=0, locked_until=None)
