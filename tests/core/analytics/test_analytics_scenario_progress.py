"""Scenario tiers over time and the SERVQUAL radar, first vs latest."""

from datetime import UTC, datetime, timedelta

import pytest

from svctrainer.core.analytics.scenario_progress import (
    CORE_DIMENSIONS,
    TANGIBLES,
    TIER_CODES,
    ScenarioRunPoint,
    servqual_radar,
    tier_series,
    tiers_by_week,
)
from svctrainer.core.scenarios.model import ServqualDimension, Tier

MONDAY = datetime(2024, 5, 6, 9, 0, tzinfo=UTC)


def run(days, tier, *, valid=True, mode="practice", **points):
    return ScenarioRunPoint(MONDAY + timedelta(days=days), tier, points, valid, mode, f"r{days:03}")


def test_codes_match_the_scenario_model():
    assert tuple(t.code for t in sorted(Tier)) == TIER_CODES
    assert set(CORE_DIMENSIONS) | {TANGIBLES} == {d.value for d in ServqualDimension}


def test_tier_series_is_chronological_and_skips_invalid_runs():
    runs = [run(3, 2), run(0, 0), run(1, 3, valid=False), run(2, 1, mode="test")]
    series = tier_series(runs)
    assert [(p.tier, p.code) for p in series] == [(0, "not_met"), (1, "satisfaction"),
                                                  (2, "comfort")]  # fmt: skip
    assert [p.at for p in tier_series(runs, modes={"test"})] == [MONDAY + timedelta(days=2)]


def test_tiers_by_week_count_runs_per_tier():
    runs = [run(0, 0), run(1, 1), run(2, 1), run(8, 3), run(9, 2), run(10, 3)]
    weeks = tiers_by_week(runs)
    assert [(w.week.isoformat(), w.counts) for w in weeks] == [
        ("2024-05-06", (1, 2, 0, 0)),
        ("2024-05-13", (0, 0, 1, 2)),
    ]


def test_radar_compares_the_first_and_latest_valid_run():
    runs = [
        run(5, 3, reliability=4, responsiveness=3, assurance=2, empathy=5),
        run(0, 0, reliability=1, responsiveness=-1, assurance=0, empathy=1),
        run(9, 3, valid=False, reliability=9, responsiveness=9, assurance=9, empathy=9),
    ]
    radar = servqual_radar(runs)
    assert radar is not None
    assert radar.dimensions == ("reliability", "responsiveness", "assurance", "empathy")
    assert radar.first == (1.0, -1.0, 0.0, 1.0)
    assert radar.latest == (4.0, 3.0, 2.0, 5.0)
    assert radar.runs == 2
    assert radar.first_at == MONDAY
    assert not radar.normalised


def test_radar_normalised_by_the_scenario_maxima_and_clamped():
    runs = [
        run(0, 1, reliability=2, responsiveness=-1, assurance=0, empathy=6, tangibles=1),
        run(7, 2, reliability=4, responsiveness=2, assurance=3, empathy=8, tangibles=2),
    ]
    maxima = {"reliability": 4, "responsiveness": 4, "assurance": 0, "empathy": 8, "tangibles": 2}
    radar = servqual_radar(runs, maxima)
    assert radar is not None
    assert radar.dimensions[-1] == "tangibles"  # a dimension the scenario uses
    # 2/4, -1/4 clamped to 0, no maximum -> 0, 6/8, 1/2
    assert radar.first == (0.5, 0.0, 0.0, 0.75, 0.5)
    assert radar.latest == (1.0, 0.5, 0.0, 1.0, 1.0)
    assert radar.normalised


def test_radar_with_one_run_and_without_runs():
    radar = servqual_radar([run(0, 2, empathy=3)])
    assert radar is not None
    assert radar.first == radar.latest == (0.0, 0.0, 0.0, 3.0)
    assert radar.runs == 1
    assert servqual_radar([run(0, 2, valid=False)]) is None


def test_run_points_are_checked():
    with pytest.raises(ValueError, match="tier must be"):
        run(0, 4)
    with pytest.raises(ValueError, match="timezone-aware"):
        ScenarioRunPoint(datetime(2024, 1, 1), 1)
