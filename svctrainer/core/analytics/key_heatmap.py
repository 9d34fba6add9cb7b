"""Per-key heatmap over time: is the weak key improving?

Input is each valid attempt's ``details["key_stats"]`` (``metrics.KeyStat.to_dict``: hits,
errors, latency_ns, latency_samples per key). For every key and ISO week (Monday, in the
given zone) the attempts' counts are POOLED, then:

    mean latency (ms) = Σ latency_ns / Σ latency_samples / 1 000 000
    error rate        = Σ errors / Σ (hits + errors)                     (fraction 0..1)

Pooling weights each attempt by how often the key came up, so a run with forty 7s
counts more than one with two (a mean of per-attempt means would not). A cell without
latency samples has no latency; one without strokes has no error rate.

Weeks run without gaps from the first to the last week with data, so the heatmap's time
axis is linear; weeks without practice are empty columns. Malformed stored statistics
(wrong types, negative counts) are skipped, never raised: one bad row must not break a
supervisor's chart.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from svctrainer.core.analytics.series import week_start
from svctrainer.core.durations import NS_PER_MS
from svctrainer.core.metrics import KeyStat


@dataclass(frozen=True, slots=True)
class KeyStatsSample:
    """One attempt's per-key statistics (invalid attempts are ignored)."""

    started_at: datetime
    key_stats: Mapping[str, Any]
    valid: bool = True


@dataclass(frozen=True, slots=True)
class KeyCell:
    """Pooled counts of one key in one week."""

    hits: int = 0
    errors: int = 0
    latency_ns: int = 0
    latency_samples: int = 0
    attempts: int = 0

    @property
    def mean_latency_ms(self) -> float | None:
        if self.latency_samples == 0:
            return None
        return self.latency_ns / self.latency_samples / NS_PER_MS

    @property
    def error_rate(self) -> float | None:
        strokes = self.hits + self.errors
        return None if strokes == 0 else self.errors / strokes

    def plus(self, stat: KeyStat) -> KeyCell:
        return KeyCell(
            self.hits + stat.hits,
            self.errors + stat.errors,
            self.latency_ns + stat.latency_ns,
            self.latency_samples + stat.latency_samples,
            self.attempts + 1,
        )


@dataclass(frozen=True, slots=True)
class KeyChange:
    """First vs last week with data for one key; negative changes are improvements."""

    first_week: date
    last_week: date
    latency_change_ms: float | None  # last − first mean latency (ms)
    error_rate_change: float | None  # last − first error rate (fraction)


@dataclass(frozen=True)
class KeyHeatmap:
    weeks: tuple[date, ...]  # Mondays, ascending, without gaps
    keys: tuple[str, ...]  # sorted
    cells: Mapping[tuple[str, date], KeyCell] = field(default_factory=dict)

    def cell(self, key: str, week: date) -> KeyCell | None:
        return self.cells.get((key, week))

    def latency_row(self, key: str) -> list[float | None]:
        """Mean latency (ms) of ``key`` per week, None where there were no samples."""
        return [c.mean_latency_ms if (c := self.cell(key, w)) else None for w in self.weeks]

    def error_rate_row(self, key: str) -> list[float | None]:
        """Error rate of ``key`` per week, None where the key did not come up."""
        return [c.error_rate if (c := self.cell(key, w)) else None for w in self.weeks]

    def change(self, key: str) -> KeyChange | None:
        """How ``key`` changed between its first and last week with data; None with data in
        fewer than two weeks."""
        with_data = [w for w in self.weeks if (key, w) in self.cells]
        if len(with_data) < 2:
            return None
        first, last = self.cells[(key, with_data[0])], self.cells[(key, with_data[-1])]
        return KeyChange(
            with_data[0],
            with_data[-1],
            _difference(last.mean_latency_ms, first.mean_latency_ms),
            _difference(last.error_rate, first.error_rate),
        )


STAT_FIELDS = ("hits", "errors", "latency_ns", "latency_samples")


def key_heatmap(samples: Iterable[KeyStatsSample], tz: tzinfo = UTC) -> KeyHeatmap:
    """Pool every valid sample's key statistics per key and week.

    Counts are summed into plain lists and made ``KeyCell`` values once at the end: a
    year of daily practice is ten thousand key statistics, and a frozen cell per
    addition was most of a chart page's time."""
    sums: dict[tuple[str, date], list[int]] = {}
    for sample in samples:
        if not sample.valid or not isinstance(sample.key_stats, Mapping):
            continue
        week = week_start(sample.started_at, tz)
        for key, raw in sample.key_stats.items():
            counts = _counts(raw)
            if counts is None or not isinstance(key, str):
                continue
            cell = sums.get((key, week))
            if cell is None:
                sums[(key, week)] = [*counts, 1]
            else:  # hits, errors, latency_ns, latency_samples, attempts
                for i, n in enumerate(counts):
                    cell[i] += n
                cell[4] += 1
    if not sums:
        return KeyHeatmap((), (), {})
    cells = {where: KeyCell(*totals) for where, totals in sums.items()}
    used_weeks = {week for _, week in cells}
    first, last = min(used_weeks), max(used_weeks)
    count = (last - first).days // 7 + 1
    weeks = tuple(first + timedelta(weeks=i) for i in range(count))
    keys = tuple(sorted({key for key, _ in cells}))
    return KeyHeatmap(weeks, keys, cells)


def _counts(raw: object) -> list[int] | None:
    """``KeyStat.from_dict``'s check (four non-negative ints), without building one."""
    if not isinstance(raw, Mapping):
        return None
    counts: list[int] = []
    for name in STAT_FIELDS:
        value = raw.get(name)
        if type(value) is not int or value < 0:
            return None
        counts.append(value)
    return counts


def _difference(later: float | None, earlier: float | None) -> float | None:
    return None if later is None or earlier is None else later - earlier
