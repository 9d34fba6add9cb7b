"""Sitting a contest drill without a screen: a perfect typist's keys on the contest's one
form, stored through the drill session as the GUI stores them (imported by name)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from support import typed_perfectly

from svctrainer.core.drills.registry import start_run
from svctrainer.core.packs.definition import Mode
from svctrainer.services.drill_session import DrillSession, PendingDrill


def sit(
    services: Any, actor: Any, ticket: Any, started_at: datetime, gap_ms: int,
    *, complete: bool = True,
) -> Any:  # fmt: skip
    """Store ``actor``'s attempt on ``ticket`` (a ``ContestTicket``), keys ``gap_ms``
    apart; returns the stored ``AttemptRecord``."""
    run = start_run(ticket.definition, Mode.TEST, seed=ticket.seed)
    for event in typed_perfectly(
        ticket.definition, Mode.TEST, ticket.seed, items=2, gap_ms=gap_ms, complete=complete
    ):
        run.feed(event)
    session = DrillSession(services, actor)
    return session.save(PendingDrill.of(ticket.content, run, started_at)).attempt
