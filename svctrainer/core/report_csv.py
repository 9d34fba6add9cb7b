"""CSV rows for the attempts export and the supervisor dashboard table.

Files are RFC 4180 CSV (comma, CRLF, fields quoted only when needed) written with the
stdlib ``csv`` module; open them with ``open(path, "w", encoding=CSV_ENCODING,
newline="")``: UTF-8 with a byte order mark, so spreadsheet programs show Chinese names
correctly instead of guessing a legacy code page.

Formula injection (OWASP "CSV Injection"): a text cell beginning with ``=``, ``+``,
``-``, ``@``, tab or carriage return is prefixed with a single quote, so a spreadsheet
shows it as text instead of evaluating, e.g., a "name" of ``=HYPERLINK(...)``. The
full-width forms ＝ ＋ － ＠ are treated the same, as some East Asian spreadsheet
versions evaluate them too. Every text cell is escaped, including translated headers.
A spreadsheet set to ";" (most of Europe) or tab as its separator splits a cell at each
";" or tab, so a piece that would start a formula there (``Ann;=HYPERLINK(…)``) gets the
same quote after the separator.
Numbers are formatted here from floats and integers (digits, one ".", maybe a leading
"-"), never from user text, and stay unescaped so they remain numbers.

Numbers are machine-readable: "." as decimal point, no grouping, rounded half up:
speed and score to 0.1, accuracy as percent to 0.01, gains to 0.1 (percent, percentage
points or points, as the ``gain_unit`` column says), durations in seconds to 0.001.
Times are UTC, ISO 8601 to the second with "Z". Column names are stable snake_case
codes; the GUI may pass translated headers of the same length.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import Enum
from typing import TextIO

from svctrainer.core.analytics.dashboard import PersonSummary
from svctrainer.core.analytics.records import ExportedAttempt
from svctrainer.core.analytics.series import Metric

CSV_ENCODING = "utf-8-sig"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
# A separator some spreadsheets split on, followed by a formula start or by a quote (a
# quoted piece is unquoted, then evaluated).
_PIECE_START = re.compile("([;\t])(?=[" + re.escape("".join(FORMULA_PREFIXES) + '"') + "])")

ATTEMPT_COLUMNS = (
    "attempt_id",
    "employee_number",
    "name",
    "team",
    "content_kind",
    "content_id",
    "content_version",
    "title",
    "language",
    "drill_type",
    "mode",
    "started_at_utc",
    "duration_s",
    "speed",
    "speed_unit",
    "accuracy_percent",
    "score",
    "grade",
    "valid",
    "invalidated_reason",
    "completed",
    "success",
)

DASHBOARD_COLUMNS = (
    "employee_number",
    "name",
    "team",
    "content_id",
    "metric",
    "unit",
    "baseline",
    "latest",
    "gain",
    "gain_unit",
    "tests",
    "assignments_done",
    "assignments_overdue",
    "last_practice_at_utc",
    "status",
)

CellValue = str | int | float | Decimal | bool | date | datetime | Enum | None


def escape_cell(text: str) -> str:
    """``text`` made safe to open in a spreadsheet (a quote before anything that could
    start a formula, at the start or after a ";" or tab); everything else unchanged."""
    escaped = "'" + text if text.startswith(FORMULA_PREFIXES) else text
    return _PIECE_START.sub(r"\1'", escaped)


def fixed(value: float | None, places: int) -> str:
    """``value`` rounded half up to ``places`` decimals ("" for None or non-finite; never
    "-0.0")."""
    if value is None or not math.isfinite(value):
        return ""
    try:
        quantised = Decimal(repr(float(value))).quantize(
            Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP
        )
    except InvalidOperation:  # beyond Decimal's precision: no real figure is this large
        return format(float(value), f".{places}f")
    return format(quantised.copy_abs() if quantised == 0 else quantised, "f")


def cell(value: CellValue) -> str:
    """One cell's text: text escaped, numbers plain, times as UTC ISO 8601."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return escape_cell(str(value.value))
    if isinstance(value, int | float | Decimal):
        return _number(value)
    if isinstance(value, datetime):
        return utc_text(value)
    if isinstance(value, date):
        return value.isoformat()
    return escape_cell(str(value))


def _number(value: int | float | Decimal) -> str:
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    text = fixed(value, 6)  # at most 6 decimals, trailing zeros dropped
    return text.rstrip("0").rstrip(".") if "." in text else text


def utc_text(moment: datetime) -> str:
    """2024-03-05T08:15:00Z (seconds truncated). ValueError for a naive datetime."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("CSV times must be timezone-aware")
    # isoformat, not strftime: "%Y" does not zero-pad years before 1000 on every platform
    return moment.astimezone(UTC).replace(tzinfo=None, microsecond=0).isoformat() + "Z"


def duration_seconds(ms: int) -> str:
    """Milliseconds as seconds with exactly 3 decimals (exact, integer arithmetic)."""
    sign = "-" if ms < 0 else ""
    whole, rest = divmod(abs(ms), 1000)
    return f"{sign}{whole}.{rest:03d}"


def accuracy_percent(accuracy: float | None) -> str:
    """A 0..1 accuracy as percent to 0.01 ("98.25")."""
    return "" if accuracy is None else fixed(accuracy * 100.0, 2)


def attempt_cells(record: ExportedAttempt) -> list[str]:
    """One attempt as cells in ``ATTEMPT_COLUMNS`` order."""
    return [
        str(record.attempt_id),
        cell(record.employee_number),
        cell(record.person_name),
        cell(record.team),
        cell(record.content_kind),
        cell(record.content_id),
        str(record.content_version),
        cell(record.content_title),
        cell(record.content_language),
        cell(record.drill_type),
        cell(record.mode),
        utc_text(record.started_at),
        duration_seconds(record.duration_ms),
        fixed(record.speed, 1),
        cell(record.speed_unit),
        accuracy_percent(record.accuracy),
        fixed(record.score, 1),
        cell(record.grade),
        cell(record.valid),
        cell(record.invalidated_reason),
        cell(record.completed),
        cell(record.success),
    ]


@dataclass(frozen=True, slots=True)
class DashboardRow:
    """One line of the supervisor dashboard table (one person, one drill)."""

    employee_number: str
    name: str
    team: str | None
    content_id: str
    metric: Metric
    unit: str | None  # speed unit for speed; "percent" for accuracy; "points" for score
    baseline: float | None  # in the metric's stored units (accuracy as a fraction)
    latest: float | None
    gain: float | None
    gain_unit: str
    tests: int
    assignments_done: int
    assignments_overdue: int
    last_practice_at: datetime | None
    status: str  # dashboard.StallStatus code

    @classmethod
    def from_summary(
        cls,
        summary: PersonSummary,
        *,
        name: str,
        content_id: str,
        speed_unit: str | None,
        assignments_done: int = 0,
        assignments_overdue: int = 0,
    ) -> DashboardRow:
        p = summary.progress
        unit = {Metric.SPEED: speed_unit, Metric.ACCURACY: "percent"}.get(p.metric, "points")
        return cls(
            employee_number=summary.person_key,
            name=name,
            team=summary.team,
            content_id=content_id,
            metric=p.metric,
            unit=unit,
            baseline=p.baseline.value,
            latest=p.latest.value,
            gain=p.gain,
            gain_unit=str(p.gain_unit),
            tests=p.tests,
            assignments_done=assignments_done,
            assignments_overdue=assignments_overdue,
            last_practice_at=summary.stall.last_practice_at,
            status=str(summary.stall.status),
        )


def _level(value: float | None, metric: Metric) -> str:
    return accuracy_percent(value) if metric is Metric.ACCURACY else fixed(value, 1)


def dashboard_cells(row: DashboardRow) -> list[str]:
    """One dashboard row as cells in ``DASHBOARD_COLUMNS`` order."""
    return [
        cell(row.employee_number),
        cell(row.name),
        cell(row.team),
        cell(row.content_id),
        cell(row.metric),
        cell(row.unit),
        _level(row.baseline, row.metric),
        _level(row.latest, row.metric),
        fixed(row.gain, 1),
        cell(row.gain_unit),
        str(row.tests),
        str(row.assignments_done),
        str(row.assignments_overdue),
        "" if row.last_practice_at is None else utc_text(row.last_practice_at),
        cell(row.status),
    ]


def write_csv(stream: TextIO, header: Sequence[str], rows: Iterable[Sequence[str]]) -> int:
    """Write ``header`` (escaped) and ``rows`` (already cells); returns the data row count."""
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow([escape_cell(h) for h in header])
    count = 0
    for row in rows:
        if len(row) != len(header):
            raise ValueError(f"row {count} has {len(row)} cells, the header {len(header)}")
        writer.writerow(row)
        count += 1
    return count


def _header(default: Sequence[str], header: Sequence[str] | None) -> Sequence[str]:
    if header is not None and len(header) != len(default):
        raise ValueError(f"a translated header needs {len(default)} columns")
    return default if header is None else header


def write_attempts_csv(
    stream: TextIO, records: Iterable[ExportedAttempt], header: Sequence[str] | None = None
) -> int:
    """The attempts export; ``header`` replaces ``ATTEMPT_COLUMNS`` (e.g. translated)."""
    head = _header(ATTEMPT_COLUMNS, header)
    return write_csv(stream, head, (attempt_cells(r) for r in records))


def write_dashboard_csv(
    stream: TextIO, rows: Iterable[DashboardRow], header: Sequence[str] | None = None
) -> int:
    """The dashboard table export; ``header`` replaces ``DASHBOARD_COLUMNS``."""
    head = _header(DASHBOARD_COLUMNS, header)
    return write_csv(stream, head, (dashboard_cells(r) for r in rows))
