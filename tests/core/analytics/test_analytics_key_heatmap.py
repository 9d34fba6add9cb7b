"""Per-key heatmap over weeks: pooled latency and error rate, by hand."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from svctrainer.core.analytics.key_heatmap import KeyStatsSample, key_heatmap

MONDAY = datetime(2024, 4, 1, 9, 0, tzinfo=UTC)
MS = 1_000_000  # ns per ms


def stat(hits, errors, latency_ms_total, samples):
    return {
        "hits": hits,
        "errors": errors,
        "latency_ns": latency_ms_total * MS,
        "latency_samples": samples,
        "mean_ms": None,  # stored alongside; ignored
    }


def test_cells_pool_counts_within_a_week():
    samples = [
        # key 7: 3 hits, 1 error, 3 latency samples of 200 ms each
        KeyStatsSample(MONDAY, {"7": stat(3, 1, 600, 3), "8": stat(2, 0, 300, 2)}),
        # key 7: 9 hits, no error, 9 samples of 100 ms each (same week, Wednesday)
        KeyStatsSample(MONDAY + timedelta(days=2), {"7": stat(9, 0, 900, 9)}),
    ]
    heat = key_heatmap(samples)
    cell = heat.cell("7", MONDAY.date())
    assert cell is not None
    # pooled: (600 + 900) ms / 12 samples = 125 ms (a mean of means would say 150 ms)
    assert cell.mean_latency_ms == pytest.approx(125.0)
    # 1 error in 3 + 1 + 9 = 13 strokes
    assert cell.error_rate == pytest.approx(1 / 13)
    assert cell.attempts == 2
    assert heat.keys == ("7", "8")
    assert heat.weeks == (MONDAY.date(),)


def test_weeks_have_no_gaps_and_the_weak_key_change_is_measurable():
    samples = [
        KeyStatsSample(MONDAY, {"7": stat(3, 1, 600, 3)}),  # 200 ms, 1/4 errors
        # nothing in the second week
        KeyStatsSample(MONDAY + timedelta(days=15), {"7": stat(10, 0, 800, 10)}),  # 80 ms, 0
    ]
    heat = key_heatmap(samples)
    assert [w.isoformat() for w in heat.weeks] == ["2024-04-01", "2024-04-08", "2024-04-15"]
    assert heat.latency_row("7") == pytest.approx([200.0, None, 80.0])
    assert heat.error_rate_row("7") == [0.25, None, 0.0]
    change = heat.change("7")
    assert change is not None
    assert change.latency_change_ms == pytest.approx(-120.0)  # faster: improving
    assert change.error_rate_change == pytest.approx(-0.25)
    assert heat.change("8") is None


def test_cells_without_samples_have_no_latency():
    heat = key_heatmap([KeyStatsSample(MONDAY, {"Enter": stat(0, 2, 0, 0)})])
    cell = heat.cell("Enter", MONDAY.date())
    assert cell is not None
    assert cell.mean_latency_ms is None
    assert cell.error_rate == 1.0
    assert heat.cell("Enter", MONDAY.date() + timedelta(days=7)) is None


def test_invalid_attempts_and_malformed_statistics_are_skipped():
    samples = [
        KeyStatsSample(MONDAY, {"7": stat(5, 5, 500, 5)}, valid=False),
        KeyStatsSample(MONDAY, {"7": {**stat(1, 0, 0, 0), "hits": -1}}),
        KeyStatsSample(MONDAY, {"7": {"hits": "3"}}),
        KeyStatsSample(MONDAY, {"7": [1, 2, 3]}),
        KeyStatsSample(MONDAY, "not a mapping"),  # type: ignore[arg-type]
        KeyStatsSample(MONDAY, {"7": stat(4, 0, 400, 4), 5: stat(1, 0, 1, 1)}),
    ]
    heat = key_heatmap(samples)
    cell = heat.cell("7", MONDAY.date())
    assert cell is not None
    assert (cell.hits, cell.attempts, cell.mean_latency_ms) == (4, 1, 100.0)
    assert heat.keys == ("7",)


def test_weeks_follow_the_given_zone():
    sunday_night = datetime(2024, 4, 7, 20, 0, tzinfo=UTC)  # Monday 04:00 in UTC+8
    sample = [KeyStatsSample(sunday_night, {"1": stat(1, 0, 100, 1)})]
    assert key_heatmap(sample).weeks[0].isoformat() == "2024-04-01"
    beijing = timezone(timedelta(hours=8))
    assert key_heatmap(sample, beijing).weeks[0].isoformat() == "2024-04-08"


def test_empty_heatmap():
    heat = key_heatmap([])
    assert heat.weeks == ()
    assert heat.keys == ()
