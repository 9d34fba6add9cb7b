"""Whether an attempt is complete, incomplete or abandoned — and so whether it counts.

A supervisor's figures (grade, baseline, best, trend, gain, customer time, assignment
completion) are only fair over finished work: five amounts keyed in two seconds of a
five-minute test and then Stop is not a test result. Each drill states what a complete
attempt is:

- a **test** is complete when its time ran out or every item was answered; stopping it
  early leaves it *incomplete*, whatever was done before;
- a **practice** run is complete when it ends the same way, or when it is stopped after
  the pack's ``complete_share`` (default one half) of its time or of its items;
- an attempt whose run never ended (kept from a draft after a crash or an automatic
  sign-out) is *abandoned*.

Incomplete and abandoned attempts are kept with their event log and shown in history as
such, never graded and never counted.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from svctrainer.core.drills.result import EndReason
from svctrainer.core.packs.definition import Mode, RunSettings

DEFAULT_COMPLETE_SHARE = Decimal("0.5")


class Completion(StrEnum):
    COMPLETE = "complete"
    INCOMPLETE = "incomplete"
    ABANDONED = "abandoned"


def completion_of(
    mode: Mode,
    settings: RunSettings,
    ended_by: str | None,
    active_ms: int,
    items_done: int,
) -> Completion:
    """How complete a run is, from how it ended and how much of it was done."""
    if ended_by is None:
        return Completion.ABANDONED
    if ended_by in (EndReason.ITEMS, EndReason.TIME_LIMIT):
        return Completion.COMPLETE
    if Mode(mode) is Mode.TEST:
        return Completion.INCOMPLETE
    return (
        Completion.COMPLETE
        if share_done(settings, active_ms, items_done) >= (settings.complete_share)
        else Completion.INCOMPLETE
    )


def share_done(settings: RunSettings, active_ms: int, items_done: int) -> Decimal:
    """The larger of the shares of time and of items done (0..1)."""
    shares = [Decimal(0)]
    if settings.time_limit_s:
        limit_ms = settings.time_limit_s * 1000
        shares.append(Decimal(min(active_ms, limit_ms)) / Decimal(limit_ms))
    if settings.item_count:
        shares.append(Decimal(min(items_done, settings.item_count)) / settings.item_count)
    return max(shares)


def counts_toward_figures(completion: str) -> bool:
    """Only complete attempts are graded and counted."""
    return completion == Completion.COMPLETE
