"""One stored attempt with who took it and on what: the input of the CSV and xAPI exports.

The service layer builds ``ExportedAttempt`` from an ``attempt`` row joined with its person,
team and content item, so the exports never touch the database. ``point()`` gives the
chart view of the same attempt.
"""

from __future__ import annotations

import math
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from svctrainer.core.analytics.series import AttemptPoint

Scalar = str | int | float | bool
_METRIC_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")


@dataclass(frozen=True)
class ExportedAttempt:
    """One attempt as exported.

    - ``content_kind``: "drill" or "scenario"; ``content_id`` names the content across
      versions, ``content_version`` the exact version taken.
    - ``content_language``: the content's language code ("en", "zh").
    - ``speed`` in ``speed_unit``; ``accuracy`` 0..1; ``score`` 0..100; ``grade`` the grade
      level reached (drills) or the tier code (scenarios).
    - ``completed``: the run reached its end (all items, the time limit, or a scenario
      ending) rather than being stopped early.
    - ``success``: the pass mark was met (a drill grade reached, a scenario tier above
      "not met"), None where there is no pass mark. The service decides; exports report.
    - ``metrics``: further scalar figures for xAPI extensions (``scalar_details``).
    """

    attempt_id: uuid.UUID
    employee_number: str
    person_name: str
    team: str | None
    content_kind: str
    content_id: str
    content_version: int
    content_title: str
    content_language: str
    drill_type: str | None
    mode: str
    started_at: datetime
    duration_ms: int
    speed: float | None
    speed_unit: str | None
    accuracy: float | None
    score: float | None
    grade: str | None
    valid: bool
    invalidated_reason: str | None = None
    completed: bool = True
    success: bool | None = None
    metrics: Mapping[str, Scalar] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.started_at.tzinfo is None or self.started_at.utcoffset() is None:
            raise ValueError("ExportedAttempt.started_at must be timezone-aware (UTC)")
        if self.duration_ms < 0:
            raise ValueError("ExportedAttempt.duration_ms must not be negative")

    def point(self) -> AttemptPoint:
        return AttemptPoint(
            self.started_at,
            self.mode,
            self.speed,
            self.accuracy,
            self.score,
            self.valid,
            str(self.attempt_id),
        )


def scalar_details(details: Mapping[str, Any]) -> dict[str, Scalar]:
    """The top-level scalar figures of ``DrillResult.details`` (gross_kph, net_kph, cpm,
    consistency, strokes, ...), for ``ExportedAttempt.metrics``.

    Nested statistics (key_stats, mistakes, per_second) are left out; so are None,
    non-finite numbers and names that would not make a clean IRI segment.
    """
    out: dict[str, Scalar] = {}
    for name, value in details.items():
        if not isinstance(name, str) or not _METRIC_NAME.fullmatch(name):
            continue
        if isinstance(value, float) and not math.isfinite(value):
            continue
        if isinstance(value, str | int | float | bool):
            out[name] = value
    return out
