"""Active drill time from key-event timestamps: the exact rule every result relies on.

Rule (all integer nanoseconds, monotonic timestamps):

1. The clock starts at the first counted keystroke; active time is 0 there.
2. Each later timing point (a counted keystroke, an explicit pause) credits the gap since
   the previous timing point (a counted keystroke, or a resume), capped at
   ``IDLE_NS`` = 5 s when ``idle_pause`` is on. So a 7 s gap counts as 5 s, and from 5 s
   after the last keystroke on the clock stands still and the drill shows "paused".
   With ``idle_pause`` off (test mode default) gaps are credited in full.
3. A timestamp earlier than the previous timing point credits 0 (clocks that step back
   never make time negative or count twice).
4. Between an explicit pause and the resume nothing is credited; the gap from the resume
   to the next keystroke is credited as in rule 2.
5. A time limit ends the drill at the moment the active time reaches it; the result's
   active time is then exactly the limit.

A keystroke's latency (for per-key statistics) is its gap from the previous counted
keystroke, left out when the gap exceeds 5 s or spans an explicit pause.

Which rule a drill's clock follows is a declared attribute of its kind (``ClockRule``):
keying drills keep the 5-second idle pause of rule 2; a "thinking" drill, where the work
between keys is reading and reasoning, credits every gap in full whatever its mode says.
"""

from __future__ import annotations

from enum import StrEnum

from svctrainer.core.durations import NS_PER_S

IDLE_NS = 5 * NS_PER_S


class ClockRule(StrEnum):
    """How a drill kind's active time is measured (``DrillKind.clock_rule``)."""

    KEYING = "keying"  # rule 2 as written: gaps over 5 s count 5 s where the mode pauses
    THINKING = "thinking"  # time spent between keys is the work: no idle pause, ever


class ActiveClock:
    __slots__ = ("_cap", "active_ns", "interrupted", "last_ns", "paused", "started")

    def __init__(self, *, idle_pause: bool, rule: ClockRule = ClockRule.KEYING) -> None:
        capped = idle_pause and rule is ClockRule.KEYING
        self._cap = IDLE_NS if capped else None
        self.started = False
        self.paused = False
        self.active_ns = 0
        self.last_ns = 0
        self.interrupted = False  # an explicit pause lies between last_ns and now

    def credit(self, t_ns: int) -> int:
        """Active ns the gap up to ``t_ns`` would add (rules 2–4), without advancing."""
        if not self.started or self.paused:
            return 0
        gap = t_ns - self.last_ns
        if gap <= 0:
            return 0
        return gap if self._cap is None or gap <= self._cap else self._cap

    def active_at(self, t_ns: int) -> int:
        return self.active_ns + self.credit(t_ns)

    def idle_at(self, t_ns: int) -> bool:
        """True when the clock stands still because of idleness (not an explicit pause)."""
        return (
            self._cap is not None
            and self.started
            and not self.paused
            and t_ns - self.last_ns > self._cap
        )

    def stroke(self, t_ns: int) -> int | None:
        """Advance to a counted keystroke at ``t_ns``; returns its latency in ns or None."""
        if not self.started:
            self.started = True
            self.last_ns = t_ns
            self.interrupted = False
            return None
        gap = t_ns - self.last_ns
        latency = gap if 0 <= gap <= IDLE_NS and not self.interrupted else None
        self.active_ns += self.credit(t_ns)
        self.last_ns = max(self.last_ns, t_ns)
        self.interrupted = False
        return latency

    def pause(self, t_ns: int) -> None:
        self.active_ns += self.credit(t_ns)
        self.last_ns = max(self.last_ns, t_ns)
        self.paused = True
        self.interrupted = True

    def resume(self, t_ns: int) -> None:
        self.paused = False
        self.last_ns = max(self.last_ns, t_ns)
