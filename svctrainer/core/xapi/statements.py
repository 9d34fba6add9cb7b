"""xAPI statements for every attempt and every scenario choice.

Per attempt, one verdict statement; its verb:

- ``terminated`` (never ``completed``) if it was stopped before its end or abandoned
  (``result.completion`` false): it was left, its result is not graded and does not count;
- ``attempted`` if the attempt is invalid (too short, or invalidated by a supervisor): it
  happened, but its result does not count;
- ``passed`` / ``failed`` for a valid, completed TEST attempt with a pass mark
  (``ExportedAttempt.success`` True / False);
- ``completed`` otherwise (practice, logged results, tests without a pass mark).

Its result carries ``score`` (raw 0..100, scaled = raw / 100, only for valid attempts
with a score in range), ``success`` (when known and valid), ``completion``, ``duration``
(active time, to 0.01 s) and the drill's figures in ``extensions`` keyed by
``{base}/extensions/{name}`` (the speed under its unit's name, e.g. ``net_kph``, plus
accuracy, grade, validity and ``ExportedAttempt.metrics``). Its timestamp is the start
plus the active duration (the end of the attempt, approximately: pauses are not in it).

Per scenario decision, one ``answered`` statement whose object is the node as a
``cmi.interaction`` of type ``choice``: the choices offered (id + text), the best
choice(s) as ``correctResponsesPattern`` (one pattern each: any of them is correct), the
chosen id as ``response`` ("" when the time ran out), ``success`` = a best choice was
made, and the decision time as ``duration``. Its parent is the scenario activity.

Every statement has ``context.registration`` = the attempt id (so an LMS groups one run's
statements), the content version as ``revision``, the platform and the content language.
``contextActivities``: a verdict's parent is the training programme (the activity
``base_iri``); a decision's parent is its scenario, grouped under the programme, as a
quiz question's parent is its quiz and its grouping the course.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from svctrainer.core.analytics.records import ExportedAttempt
from svctrainer.core.xapi.iso8601 import format_duration, format_timestamp
from svctrainer.core.xapi.vocabulary import (
    ACTIVITY_TYPES,
    ANSWERED,
    ATTEMPTED,
    CMI_INTERACTION,
    COMPLETED,
    FAILED,
    PASSED,
    PERFORMANCE,
    TERMINATED,
    XapiConfig,
    language_tag,
    verb,
)

XAPI_VERSION = "1.0.3"
SCORE_MIN = 0.0
SCORE_MAX = 100.0
DURATION_PLACES = 2  # xAPI: providers SHOULD give at most 0.01 s precision


@dataclass(frozen=True, slots=True)
class ChoiceOption:
    id: str
    text: str


@dataclass(frozen=True, slots=True)
class ChoiceRecord:
    """One decision of a scenario run (from its decision log and the scenario)."""

    index: int  # 0-based position in the run's decision log
    node_id: str
    prompt: str  # what the customer said or did at the node
    options: tuple[ChoiceOption, ...]  # the choices offered at that moment
    best: tuple[str, ...]  # ids of the best choice(s) there, from the scenario analysis
    chosen: str | None  # None: the node's time limit ran out
    offset_ms: int  # from the start of the run to the decision
    latency_ms: int  # from entering the node to the decision


def verdict_verb(record: ExportedAttempt) -> str:
    """The verb of an attempt's verdict statement (module docstring)."""
    if not record.completed:
        return TERMINATED
    if not record.valid:
        return ATTEMPTED
    if record.mode == "test" and record.success is not None:
        return PASSED if record.success else FAILED
    return COMPLETED


def attempt_statement(record: ExportedAttempt, config: XapiConfig) -> dict[str, Any]:
    """The verdict statement of one attempt."""
    verb_name = verdict_verb(record)
    result: dict[str, Any] = {
        "completion": record.completed,
        "duration": format_duration(record.duration_ms, DURATION_PLACES),
    }
    score = record.score
    if record.valid and score is not None and SCORE_MIN <= score <= SCORE_MAX:
        result["score"] = {
            "scaled": round((score - SCORE_MIN) / (SCORE_MAX - SCORE_MIN), 4),
            "raw": score,
            "min": SCORE_MIN,
            "max": SCORE_MAX,
        }
    if verb_name not in (ATTEMPTED, TERMINATED) and record.success is not None:
        result["success"] = record.success
    result["extensions"] = _result_extensions(record, config)
    ended = record.started_at + timedelta(milliseconds=record.duration_ms)
    return {
        "id": str(config.attempt_statement_id(record.attempt_id)),
        "version": XAPI_VERSION,
        "actor": _actor(record, config),
        "verb": verb(verb_name),
        "object": _content_activity(record, config, with_definition=True),
        "result": result,
        "context": _context(record, config, parent=None),
        "timestamp": format_timestamp(ended),
    }


def choice_statement(
    record: ExportedAttempt, choice: ChoiceRecord, config: XapiConfig
) -> dict[str, Any]:
    """The ``answered`` statement of one scenario decision."""
    tag = language_tag(record.content_language)
    definition: dict[str, Any] = {
        "name": {tag: f"{record.content_title} — {choice.node_id}"},
        "description": {tag: choice.prompt or choice.node_id},
        "type": CMI_INTERACTION,
        "interactionType": "choice",
        "choices": [{"id": o.id, "description": {tag: o.text or o.id}} for o in choice.options],
    }
    if choice.best:
        definition["correctResponsesPattern"] = list(choice.best)
    result: dict[str, Any] = {
        "response": choice.chosen or "",
        "duration": format_duration(max(0, choice.latency_ms), DURATION_PLACES),
        "extensions": {config.extension("timed_out"): choice.chosen is None},
    }
    if choice.best:
        result["success"] = choice.chosen in choice.best
    at = record.started_at + timedelta(milliseconds=max(0, choice.offset_ms))
    return {
        "id": str(config.choice_statement_id(record.attempt_id, choice.index)),
        "version": XAPI_VERSION,
        "actor": _actor(record, config),
        "verb": verb(ANSWERED),
        "object": {
            "objectType": "Activity",
            "id": config.node_activity_id(record.content_id, choice.node_id),
            "definition": definition,
        },
        "result": result,
        "context": _context(record, config, parent=_content_activity(record, config)),
        "timestamp": format_timestamp(at),
    }


def attempt_statements(
    record: ExportedAttempt, config: XapiConfig, choices: Sequence[ChoiceRecord] = ()
) -> list[dict[str, Any]]:
    """All statements of one attempt: its decisions in order, then the verdict."""
    ordered = sorted(choices, key=lambda c: c.index)
    return [
        *(choice_statement(record, c, config) for c in ordered),
        attempt_statement(record, config),
    ]


def _actor(record: ExportedAttempt, config: XapiConfig) -> dict[str, Any]:
    actor: dict[str, Any] = {
        "objectType": "Agent",
        "account": {"homePage": config.account_home_page, "name": record.employee_number},
    }
    if config.include_names and record.person_name:
        actor["name"] = record.person_name
    return actor


def _content_activity(
    record: ExportedAttempt, config: XapiConfig, *, with_definition: bool = False
) -> dict[str, Any]:
    activity: dict[str, Any] = {
        "objectType": "Activity",
        "id": config.content_activity_id(record.content_kind, record.content_id),
    }
    if with_definition:
        definition: dict[str, Any] = {
            "name": {language_tag(record.content_language): record.content_title},
            "type": ACTIVITY_TYPES.get(record.content_kind, PERFORMANCE),
        }
        if record.drill_type:
            definition["extensions"] = {config.extension("drill_type"): record.drill_type}
        activity["definition"] = definition
    return activity


def _context(
    record: ExportedAttempt, config: XapiConfig, parent: dict[str, Any] | None
) -> dict[str, Any]:
    programme = {"objectType": "Activity", "id": config.base_iri}
    if parent is None:  # an attempt: its drill or scenario belongs to the programme
        activities = {"parent": [programme]}
    else:  # a decision: part of its scenario, which belongs to the programme
        activities = {"parent": [parent], "grouping": [programme]}
    return {
        "registration": str(record.attempt_id),
        "contextActivities": activities,
        "revision": str(record.content_version),
        "platform": config.platform,
        "language": language_tag(record.content_language),
        "extensions": {config.extension("mode"): record.mode},
    }


def _result_extensions(record: ExportedAttempt, config: XapiConfig) -> dict[str, Any]:
    figures: dict[str, Any] = dict(record.metrics)
    if record.speed is not None and record.speed_unit:
        figures[record.speed_unit] = record.speed
    if record.accuracy is not None:
        figures["accuracy"] = record.accuracy
    if record.grade is not None:
        figures["grade"] = record.grade
    figures["valid"] = record.valid
    if record.invalidated_reason:
        figures["invalidated_reason"] = record.invalidated_reason
    return {
        config.extension(name): value
        for name, value in sorted(figures.items())
        if not (isinstance(value, float) and not math.isfinite(value))  # JSON has no NaN
    }
