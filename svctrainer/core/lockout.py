"""The wrong-PIN lockout rule: every 5th consecutive wrong PIN locks the profile, each lock
twice as long as the one before (5 minutes, 10, 20 … at most a day), and 100 consecutive
wrong PINs lock it until an admin resets the PIN.

NIST SP 800-63B (5.2.2, rate limiting) asks a verifier to allow no more than 100
consecutive failed attempts on one account; a 4-digit PIN then falls to online guessing
with probability 1 %, and reaching 100 guesses takes about 12 days of waiting. So the
count is never reset by a lock, only by a successful sign-in (or an admin's PIN reset).

Kept pure (the clock is a parameter) so the rule is tested exactly. A lock is an absolute
UTC instant because it must survive an app restart; this is a deadline, not a measured
duration, so wall-clock time is right here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

FAILURES_PER_LOCK = 5
FIRST_LOCK = timedelta(minutes=5)
LONGEST_LOCK = timedelta(hours=24)
MAX_CONSECUTIVE_FAILURES = 100


@dataclass(frozen=True, slots=True)
class LockState:
    failures: int  # consecutive wrong PINs since the last successful sign-in
    locked_until: datetime | None

    @property
    def needs_reset(self) -> bool:
        """100 consecutive failures: locked until an admin resets the PIN."""
        return self.failures >= MAX_CONSECUTIVE_FAILURES

    def is_locked(self, now: datetime) -> bool:
        if self.needs_reset:
            return True
        return self.locked_until is not None and now < self.locked_until

    def remaining(self, now: datetime) -> timedelta:
        if self.locked_until is None or now >= self.locked_until:
            return timedelta(0)
        return self.locked_until - now

    @property
    def attempts_before_lock(self) -> int:
        """Wrong PINs still allowed before the next lock (0 once reset is needed)."""
        if self.needs_reset:
            return 0
        return FAILURES_PER_LOCK - self.failures % FAILURES_PER_LOCK


def lock_duration(failures: int) -> timedelta:
    """How long the lock after the ``failures``-th consecutive failure lasts."""
    step = max(1, failures // FAILURES_PER_LOCK)
    return min(FIRST_LOCK * (1 << min(step - 1, 20)), LONGEST_LOCK)


def after_failure(state: LockState, now: datetime) -> LockState:
    """State after one more wrong PIN: every 5th starts a (longer) lock; the 100th locks
    until an admin reset. The count is never reset here."""
    failures = state.failures + 1
    if failures >= MAX_CONSECUTIVE_FAILURES:
        return LockState(failures=failures, locked_until=None)
    if failures % FAILURES_PER_LOCK == 0:
        return LockState(failures=failures, locked_until=now + lock_duration(failures))
    return LockState(failures=failures, locked_until=state.locked_until)


def after_success() -> LockState:
    return LockState(failures=0, locked_until=None)
