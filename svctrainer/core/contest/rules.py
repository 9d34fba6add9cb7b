"""The rules a contest fixes for every contestant, and its life cycle.

A contest is fair because everyone sits the same paper under the same conditions: one
form per drill (one seed stored in the contest, drawn when it is created), the same
number of attempts (one, or the best of N), and the same time window, which starts for
the whole room at once when the trainer starts it (the invigilated start), after a
countdown that every workstation shows.

Life cycle: ``draft`` (being composed, invisible to contestants) → ``open`` (announced;
contestants see it and wait) → ``running`` (started: the countdown, then the window) →
``closed`` (results locked; nothing recorded afterwards changes them). A contest may also
be closed from ``open`` (called off before it started); no state is ever left backwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

MAX_ATTEMPTS = 5
MAX_WINDOW_MINUTES = 240
MAX_COUNTDOWN_S = 600
MAX_NAME = 80
_NAME = re.compile(r"^[^\s/\\][^/\\\x00-\x1f]*$")


class ContestState(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    RUNNING = "running"
    CLOSED = "closed"


class Phase(StrEnum):
    """Where a contest stands at one moment, for the screens: its state, with ``running``
    split into the countdown, the window and the time after it (until the trainer closes)."""

    DRAFT = "draft"
    OPEN = "open"
    COUNTDOWN = "countdown"
    LIVE = "live"
    TIME_UP = "time_up"
    CLOSED = "closed"


NEXT_STATES: dict[ContestState, frozenset[ContestState]] = {
    ContestState.DRAFT: frozenset({ContestState.OPEN}),
    ContestState.OPEN: frozenset({ContestState.RUNNING, ContestState.CLOSED}),
    ContestState.RUNNING: frozenset({ContestState.CLOSED}),
    ContestState.CLOSED: frozenset(),
}


class ContestRuleError(ValueError):
    """A rule that cannot hold (a wrong number of attempts, a step backwards…); the
    message names what is wrong."""


def check_step(current: ContestState, target: ContestState) -> None:
    """ContestRuleError unless a contest in ``current`` may go to ``target``."""
    if target not in NEXT_STATES[current]:
        raise ContestRuleError(f"a contest that is {current.value} cannot become {target.value}")


@dataclass(frozen=True, slots=True)
class ContestRules:
    """What every contestant gets: ``attempts`` tries per drill (the best complete one
    counts), a window of ``window_minutes`` from the start, announced ``countdown_s``
    seconds ahead. ``public_board``: everyone sees the live standings before the close
    (a show event); otherwise contestants see only their own results until then, as a
    skills contest publishes its results after the event."""

    attempts: int = 1
    window_minutes: int = 30
    countdown_s: int = 60
    public_board: bool = False

    def __post_init__(self) -> None:
        if not 1 <= self.attempts <= MAX_ATTEMPTS:
            raise ContestRuleError(f"attempts must be 1 to {MAX_ATTEMPTS}, not {self.attempts}")
        if not 1 <= self.window_minutes <= MAX_WINDOW_MINUTES:
            raise ContestRuleError(
                f"the window must be 1 to {MAX_WINDOW_MINUTES} minutes, not {self.window_minutes}"
            )
        if not 0 <= self.countdown_s <= MAX_COUNTDOWN_S:
            raise ContestRuleError(
                f"the countdown must be 0 to {MAX_COUNTDOWN_S} s, not {self.countdown_s}"
            )

    def window(self, started_at: datetime) -> tuple[datetime, datetime]:
        """When attempts count: from the end of the countdown to the end of the window."""
        begins = started_at + timedelta(seconds=self.countdown_s)
        return begins, begins + timedelta(minutes=self.window_minutes)


def check_name(name: str) -> str:
    """The contest's name, stripped; ContestRuleError when empty, too long or holding a
    path separator or a control character (it names the exported files)."""
    clean = name.strip()
    if not clean:
        raise ContestRuleError("a contest needs a name")
    if len(clean) > MAX_NAME:
        raise ContestRuleError(f"a contest name has at most {MAX_NAME} characters")
    if not _NAME.match(clean):
        raise ContestRuleError("a contest name may not hold / \\ or control characters")
    return clean


def phase(
    state: ContestState,
    now: datetime,
    begins_at: datetime | None,
    ends_at: datetime | None,
) -> Phase:
    """The phase at ``now`` (UTC) of a contest in ``state`` whose window is
    ``begins_at``–``ends_at`` (set when it was started)."""
    if state is not ContestState.RUNNING:
        return Phase(state.value)
    if begins_at is None or ends_at is None:
        raise ContestRuleError("a running contest has a window")
    if now < begins_at:
        return Phase.COUNTDOWN
    if now < ends_at:
        return Phase.LIVE
    return Phase.TIME_UP


def in_window(moment: datetime, begins_at: datetime, ends_at: datetime) -> bool:
    """Whether an attempt started at ``moment`` was sat during the contest."""
    return begins_at <= moment < ends_at
