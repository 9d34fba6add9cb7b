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

A thinking drill may also start its clock when its first case is *shown* (``start``, fed
as the logged ``<shown>`` control event) rather than at the first key, and cap the time
one case can earn (``case_cap_ns``; the run calls ``next_case`` when the next case is
shown). Which of these a kind uses under which scoring-rules version is its
``DrillClock`` (``DrillKind.clock_for``), so a stored log replays under the clock it was
timed by.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from svctrainer.core.durations import NS_PER_S

IDLE_NS = 5 * NS_PER_S


class ClockRule(StrEnum):
    """How a drill kind's active time is measured (``DrillKind.clock_rule``)."""

    KEYING = "keying"  # rule 2 as written: gaps over 5 s count 5 s where the mode pauses
    THINKING = "thinking"  # time spent between keys is the work: no idle pause, ever


@dataclass(frozen=True, slots=True)
class DrillClock:
    """How one kind's runs are timed under one scoring-rules version: the ``rule``,
    whether the clock starts when the first case is shown (``from_shown``) and the most
    active time one case can earn (``case_cap_ns``, None: no cap)."""

    rule: ClockRule
    from_shown: bool = False
    case_cap_ns: int | None = None


class ActiveClock:
    __slots__ = (
        "_cap",
        "_case_cap",
        "active_ns",
        "case_ns",
        "interrupted",
        "keyed",
        "last_ns",
        "paused",
        "started",
    )

    def __init__(
        self,
        *,
        idle_pause: bool,
        rule: ClockRule = ClockRule.KEYING,
        case_cap_ns: int | None = None,
    ) -> None:
        capped = idle_pause and rule is ClockRule.KEYING
        self._cap = IDLE_NS if capped else None
        self._case_cap = case_cap_ns
        self.started = False
        self.keyed = False  # a counted keystroke has come (the clock may start before)
        self.paused = False
        self.active_ns = 0
        self.case_ns = 0  # active time credited to the case on screen
        self.last_ns = 0
        self.interrupted = False  # an explicit pause lies between last_ns and now

    def credit(self, t_ns: int) -> int:
        """Active ns the gap up to ``t_ns`` would add (rules 2–4 and the case cap),
        without advancing."""
        if not self.started or self.paused:
            return 0
        gap = t_ns - self.last_ns
        if gap <= 0:
            return 0
        if self._cap is not None and gap > self._cap:
            gap = self._cap
        if self._case_cap is not None:
            gap = min(gap, max(0, self._case_cap - self.case_ns))
        return gap

    def start(self, t_ns: int) -> None:
        """The first case is shown at ``t_ns``: the clock runs from here (a thinking
        drill's ``<shown>``); the first key then carries no latency."""
        if self.started:
            return
        self.started = True
        self.last_ns = t_ns
        self.interrupted = True

    def next_case(self) -> None:
        """The next case is on screen: its time cap starts afresh."""
        self.case_ns = 0

    def case_capped_at(self, t_ns: int) -> bool:
        """True when the case on screen has earned its cap: the clock stands still."""
        return (
            self._case_cap is not None
            and self.started
            and not self.paused
            and self.case_ns + max(0, t_ns - self.last_ns) >= self._case_cap
        )

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
        self.keyed = True
        if not self.started:
            self.started = True
            self.last_ns = t_ns
            self.interrupted = False
            return None
        gap = t_ns - self.last_ns
        latency = gap if 0 <= gap <= IDLE_NS and not self.interrupted else None
        if gap > 0:
            # ``_advance`` (``credit``, started here) written out: every keystroke of
            # every drill comes here, the GUI's, a replay's and the simulated trainee's.
            if not self.paused:
                if self._cap is not None and gap > self._cap:
                    gap = self._cap
                if self._case_cap is not None:
                    gap = min(gap, max(0, self._case_cap - self.case_ns))
                self.active_ns += gap
                self.case_ns += gap
            self.last_ns = t_ns
        self.interrupted = False
        return latency

    def _advance(self, t_ns: int) -> None:
        credited = self.credit(t_ns)
        self.active_ns += credited
        self.case_ns += credited

    def pause(self, t_ns: int) -> None:
        self._advance(t_ns)
        self.last_ns = max(self.last_ns, t_ns)
        self.paused = True
        self.interrupted = True

    def resume(self, t_ns: int) -> None:
        self.paused = False
        self.last_ns = max(self.last_ns, t_ns)
