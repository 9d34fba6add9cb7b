"""Attempt rows as the exports need them: ``core.analytics.records.ExportedAttempt`` with
who, what and the scenario choices, streamed from one query (an xAPI export of a
branch's whole history must not hold a million ORM objects).

Pass marks (``ExportedAttempt.success``): a drill attempt passed when it reached a level
of its grade table (``grade`` set); a scenario run when its service tier is above
"not met". Practice has no pass mark (None). ``completed``: a drill run not stopped
early (``ended_by`` ≠ "stopped"); a scenario run that reached an ending.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from svctrainer.core.analytics.records import ExportedAttempt, scalar_details
from svctrainer.core.drills.completion import counts_toward_figures
from svctrainer.core.durations import NS_PER_MS
from svctrainer.core.scenarios.analysis import review
from svctrainer.core.scenarios.decision_log_codec import (
    DECISION_ENCODING,
    DecisionLogError,
    decode_decisions,
)
from svctrainer.core.scenarios.engine import ReplayError
from svctrainer.core.scenarios.model import Scenario
from svctrainer.core.scenarios.rules import available_choices
from svctrainer.core.xapi.statements import ChoiceOption, ChoiceRecord
from svctrainer.services.content import parse_stored
from svctrainer.services.progress_queries import EVERYTHING, in_range
from svctrainer.services.progress_records import DateRange
from svctrainer.store.models import Attempt, AttemptEvent, ContentItem, Person, Team

STREAM_BATCH = 2000
NOT_MET = "not_met"


def attempt_query(
    people: Select[Any], window: DateRange = EVERYTHING
) -> Select[Attempt, str, str, str, ContentItem]:
    return (
        select(Attempt, Person.employee_number, Person.name, Team.name, ContentItem)
        .join(Person, Person.id == Attempt.person_id)
        .outerjoin(Team, Team.id == Person.team_id)
        .join(ContentItem, ContentItem.id == Attempt.content_item_id)
        .where(Attempt.person_id.in_(people), *in_range(Attempt, window))
        .order_by(Attempt.started_at, Attempt.id)
    )


def stream_records(
    session: Session, people: Select[Any], window: DateRange = EVERYTHING
) -> Iterator[tuple[ExportedAttempt, ContentItem]]:
    """Every attempt of ``people`` in range, oldest first, with its content item."""
    result = session.execute(
        attempt_query(people, window).execution_options(yield_per=STREAM_BATCH)
    )
    for attempt, number, name, team, item in result:
        yield to_record(attempt, number, name, team, item), item
        session.expunge(attempt)


def to_record(
    attempt: Attempt, number: str, name: str, team: str | None, item: ContentItem
) -> ExportedAttempt:
    details = attempt.details or {}
    counted = (
        attempt.valid
        and counts_toward_figures(attempt.completion)
        and attempt.invalidated_reason is None
    )
    if item.kind == "scenario":
        completed = counts_toward_figures(attempt.completion)
        success = None if attempt.mode != "test" else attempt.grade not in (None, NOT_MET)
        metrics: dict[str, Any] = {
            k: details[k] for k in ("points", "decisions", "timeouts") if k in details
        }
    else:
        completed = counts_toward_figures(attempt.completion)
        success = None if attempt.mode != "test" else attempt.grade is not None
        inner = details.get("details")
        metrics = scalar_details(inner) if isinstance(inner, dict) else {}
    return ExportedAttempt(
        attempt_id=attempt.id,
        employee_number=number,
        person_name=name,
        team=team,
        content_kind=item.kind,
        content_id=item.content_id,
        content_version=item.version,
        content_title=item.title,
        content_language=item.language,
        drill_type=item.drill_type,
        mode=attempt.mode,
        started_at=attempt.started_at,
        duration_ms=max(0, attempt.duration_ms),
        speed=attempt.speed,
        speed_unit=attempt.speed_unit,
        accuracy=attempt.accuracy,
        score=attempt.score,
        grade=attempt.grade,
        valid=counted,
        invalidated_reason=attempt.invalidated_reason,
        completed=completed,
        success=success if counted else None,
        metrics=metrics,
    )


def scenario_choices(
    session: Session, attempt_id: uuid.UUID, item: ContentItem
) -> list[ChoiceRecord]:
    """Each decision of a scenario run with the choices offered and the best ones there;
    [] when the run has no readable decision log (the verdict is still exported)."""
    log_row = session.get(AttemptEvent, attempt_id)
    if log_row is None or log_row.encoding != DECISION_ENCODING:
        return []
    scenario = parse_stored(f"{item.content_hash[:12]}/{item.source_name}", item.source_text)
    if not isinstance(scenario, Scenario):
        return []
    try:
        log = decode_decisions(log_row.data)
        steps = review(scenario, log)
    except (DecisionLogError, ReplayError, ValueError):
        return []
    start = log[0].entered_ns if log else 0
    out = []
    for index, step in enumerate(steps):
        node = scenario.node(step.entry.node_id)
        offered = available_choices(scenario, step.state_before)
        best = () if step.best is None or step.best.choice_id is None else (step.best.choice_id,)
        out.append(
            ChoiceRecord(
                index=index,
                node_id=node.id,
                prompt=node.text,
                options=tuple(ChoiceOption(c.id, c.text) for c in offered),
                best=best,
                chosen=step.entry.choice_id,
                offset_ms=max(0, (step.entry.t_ns - start) // NS_PER_MS),
                latency_ms=max(0, (step.entry.t_ns - step.entry.entered_ns) // NS_PER_MS),
            )
        )
    return out
