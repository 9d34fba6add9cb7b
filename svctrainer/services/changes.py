"""What a service write changes, so that screens redraw only what concerns them.

Every write method carries a ``Changes`` record (``@writes(PEOPLE | TEAMS)``), read back
with ``changes_of(method)``. The GUI's change hub runs a write and, with its result,
broadcasts that record together with whoever started the write; a page reloads when the
record touches what it shows, and skips the broadcast of its own write (it already shows
the outcome). The pattern is Anki's ``OpChanges``, adapted: our writes are plain methods
returning plain records, so the record travels beside the method instead of inside the
result, and the CLI (which redraws nothing) never has to unwrap anything.

A record says what a write *may* change: one that turns out to change nothing (setting
the roles a person already holds) still reports its areas, and the pages that reload then
find the same data. That costs a query, never a stale screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any, TypeVar

_MARK = "__svctrainer_changes__"


@dataclass(frozen=True, slots=True)
class Changes:
    """Areas of the branch's data a write touches."""

    people: bool = False
    """Profiles: names, numbers, roles, team membership, active, PINs and lockouts."""
    teams: bool = False
    """Teams, their member counts and their trainers."""
    attempts: bool = False
    """Attempts recorded, kept from a checkpoint, imported or invalidated."""
    hand_counts: bool = False
    """Hand-count results a trainer logged."""
    content: bool = False
    """Drill packs and scenarios (new content or new versions)."""
    assignments: bool = False
    """Assignments created, edited or cancelled."""
    settings: bool = False
    """Branch settings (the transaction mix behind the customer-time figures)."""
    queue_data: bool = False
    """Queue tickets imported or deleted (the branch's measured waiting figures)."""
    contests: bool = False
    """Skills contests created, opened, started or closed (their standings follow attempts)."""
    database: bool = False
    """The whole database was replaced (a restore): everything may differ."""

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            **{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)}
        )

    def touches(self, concerns: Changes) -> bool:
        """Whether a screen showing ``concerns`` must reload after this change."""
        if self.database:
            return True
        return any(getattr(self, f.name) and getattr(concerns, f.name) for f in fields(self))

    @property
    def areas(self) -> tuple[str, ...]:
        """The names of the areas touched, for logs and test messages."""
        return tuple(f.name for f in fields(self) if getattr(self, f.name))


NOTHING_SHOWN = Changes()
"""For writes no screen shows (a drill's checkpoint, the audit entry of a sign-in)."""
PEOPLE = Changes(people=True)
TEAMS = Changes(teams=True)
ATTEMPTS = Changes(attempts=True)
HAND_COUNTS = Changes(hand_counts=True)
CONTENT = Changes(content=True)
ASSIGNMENTS = Changes(assignments=True)
SETTINGS = Changes(settings=True)
QUEUE_DATA = Changes(queue_data=True)
CONTESTS = Changes(contests=True)
DATABASE = Changes(database=True)
RESULTS = ATTEMPTS | HAND_COUNTS
"""Everything a progress chart or dashboard is computed from."""

F = TypeVar("F", bound=Callable[..., Any])


def writes(changes: Changes) -> Callable[[F], F]:
    """Mark a service method as a write and say what it changes."""

    def mark(method: F) -> F:
        setattr(method, _MARK, changes)
        return method

    return mark


def changes_of(method: Callable[..., Any]) -> Changes:
    """The record ``@writes`` put on ``method`` (a function or a bound method)."""
    changes = getattr(method, _MARK, None)
    if not isinstance(changes, Changes):
        name = getattr(method, "__qualname__", repr(method))
        raise TypeError(f"{name} is not a service write (mark it with @writes)")
    return changes
