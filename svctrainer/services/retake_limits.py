"""Test retake limits: a trainer's "at most 3 tests a week" holds on every workstation.

A test paper learnt by heart measures memory, not skill; a trainer therefore limits how
often a test may be taken under an assignment (``Target.max_tests`` per
``Target.per_days``). The limit is read from the database when a test starts, so a
teller cannot get round it by moving to the next counter. Every recorded test counts,
complete or not: stopping early to see the paper again is a try like any other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import false, or_, select
from sqlalchemy.orm import Session

from svctrainer.core.assignment_progress import Target, TargetError
from svctrainer.store.models import Assignment, Attempt, ContentItem, Person


@dataclass(frozen=True, slots=True)
class RetakeAllowance:
    """How many tests of ``content_id`` the person may still take now; ``limit`` None
    when no assignment limits them. ``next_at``: when the oldest counted test leaves the
    window (the next try), when none are left."""

    content_id: str
    limit: int | None
    per_days: int | None
    taken: int
    next_at: datetime | None = None

    @property
    def allowed(self) -> bool:
        return self.limit is None or self.taken < self.limit


def retake_allowance(
    session: Session, person: Person, content_id: str, now: datetime | None = None
) -> RetakeAllowance:
    """The strictest retake limit of the person's open assignments on ``content_id``
    (their own or their team's) and how many tests fall in its window."""
    now = now or datetime.now(UTC)
    rows = session.scalars(
        select(Assignment).where(
            Assignment.content_id == content_id,
            Assignment.cancelled_at.is_(None),
            or_(
                Assignment.person_id == person.id,
                Assignment.team_id == person.team_id if person.team_id else false(),
            ),
        )
    )
    strictest: RetakeAllowance | None = None
    for row in rows:
        try:
            target = Target.from_json(row.target or {})
        except TargetError:
            continue  # a damaged target limits nothing; the trainer's view reports it
        if target.max_tests is None or target.per_days is None:
            continue
        since = max(now - timedelta(days=target.per_days), row.created_at)
        times = list(
            session.scalars(
                select(Attempt.started_at)
                .join(ContentItem, ContentItem.id == Attempt.content_item_id)
                .where(
                    Attempt.person_id == person.id,
                    ContentItem.content_id == content_id,
                    Attempt.mode == "test",
                    Attempt.started_at >= since,
                )
                .order_by(Attempt.started_at)
            )
        )
        left = target.max_tests - len(times)
        next_at = None
        if left <= 0:
            next_at = times[-target.max_tests] + timedelta(days=target.per_days)
        allowance = RetakeAllowance(
            content_id, target.max_tests, target.per_days, len(times), next_at
        )
        if strictest is None or left < (strictest.limit or 0) - strictest.taken:
            strictest = allowance
    return strictest or RetakeAllowance(content_id, None, None, 0)
