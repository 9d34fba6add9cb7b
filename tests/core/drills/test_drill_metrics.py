"""Every metric formula on hand-computed cases (svctrainer/core/metrics.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from svctrainer.core import metrics
from svctrainer.core.metrics import KeyStat
from svctrainer.core.packs.definition import GradeLevel


@pytest.mark.parametrize(
    ("num", "den", "places", "expected"),
    [
        (1, 8, 2, 0.13),  # 0.125 rounds half up, not to even
        (1, 3, 4, 0.3333),
        (2, 3, 1, 0.7),
        (5, 2, 0, 3.0),  # 2.5 -> 3
        (7, 0, 1, 0.0),  # nothing measured: 0, not an exception
    ],
)
def test_ratio_rounds_half_up_exactly(num, den, places, expected):
    assert metrics.ratio(num, den, places) == expected


def test_gross_kph_is_strokes_times_3600_over_active_seconds():
    # 6 strokes in 0.5 s -> 6 × 3600 / 0.5 = 43 200 KPH
    assert metrics.gross_kph(6, 500) == 43200.0
    # 250 strokes in 90 s -> 10 000 KPH
    assert metrics.gross_kph(250, 90_000) == 10000.0
    # 7 strokes in 3 s -> 8 400
    assert metrics.gross_kph(7, 3_000) == 8400.0


def test_net_kph_subtracts_penalty_per_uncorrected_error():
    # 40 strokes, 2 uncorrected errors × 10 -> 20 strokes in 10 s -> 7 200 KPH
    assert metrics.net_strokes(40, 2, 10) == 20
    assert metrics.net_kph(40, 2, 10, 10_000) == 7200.0
    # never negative
    assert metrics.net_kph(5, 3, 10, 10_000) == 0.0
    # no errors: equals gross
    assert metrics.net_kph(40, 0, 10, 10_000) == metrics.gross_kph(40, 10_000)


def test_cpm_and_wpm_from_correct_characters():
    # 150 correct characters in 60 s: 150 CPM, 30 WPM
    assert metrics.cpm(150, 60_000) == 150.0
    assert metrics.wpm(150, 60_000) == 30.0
    # 5 characters in 0.5 s: 600 CPM, 120 WPM
    assert metrics.cpm(5, 500) == 600.0
    assert metrics.wpm(5, 500) == 120.0
    # 101 characters in 45 s: 134.666.. -> 134.7 CPM; 26.933.. -> 26.9 WPM
    assert metrics.cpm(101, 45_000) == 134.7
    assert metrics.wpm(101, 45_000) == 26.9


def test_accuracy_is_correct_over_correct_plus_wrong():
    assert metrics.accuracy(5, 1) == 0.8333
    assert metrics.accuracy(3, 2) == 0.6
    assert metrics.accuracy(10, 0) == 1.0
    assert metrics.accuracy(0, 0) == 0.0


def test_kogasa_matches_monkeytype_formula():
    assert metrics.kogasa(0.0) == 100.0
    # cv = 0.5: 0.5 + 0.125/3 + 0.03125/5 = 0.547916..; tanh = 0.498957.. -> 50.104..
    assert metrics.kogasa(0.5) == pytest.approx(50.1043, abs=1e-4)


def test_consistency_of_per_second_counts():
    assert metrics.consistency([2, 2, 2]) == 100.0
    # counts 1 and 3: mean 2, population sd 1, cv 0.5 -> 50.1
    assert metrics.consistency([1, 3]) == 50.1
    # counts 4, 0: mean 2, sd 2, cv 1: 1 + 1/3 + 1/5 = 1.5333; tanh = 0.9113 -> 8.9
    assert metrics.consistency([4, 0]) == 8.9
    assert metrics.consistency([5]) is None  # one second shows no spread
    assert metrics.consistency([0, 0]) == 0.0


def test_key_stat_mean_latency_and_round_trip():
    stat = KeyStat(hits=3, errors=1, latency_ns=900_000_000, latency_samples=3)
    assert stat.mean_ms == 300.0
    assert KeyStat(1, 0, 0, 0).mean_ms is None
    assert KeyStat.from_dict(stat.to_dict()) == stat
    with pytest.raises(ValueError, match="bad key statistics"):
        KeyStat.from_dict({"hits": -1, "errors": 0, "latency_ns": 0, "latency_samples": 0})


def test_slowest_keys_need_two_samples_and_sort_slowest_first():
    stats = {
        "1": KeyStat(5, 0, 5 * 200_000_000, 5),  # 200 ms
        "7": KeyStat(4, 2, 4 * 450_000_000, 4),  # 450 ms
        "9": KeyStat(1, 0, 900_000_000, 1),  # one sample only: left out
        "5": KeyStat(2, 0, 2 * 450_000_000, 2),  # ties broken by key
    }
    assert metrics.slowest_keys(stats) == [("5", 450.0), ("7", 450.0), ("1", 200.0)]
    assert metrics.slowest_keys(stats, limit=1) == [("5", 450.0)]


LEVELS = (
    GradeLevel("Bronze", {"net_kph": Decimal(4000), "accuracy": Decimal("0.9")}),
    GradeLevel("Silver", {"net_kph": Decimal(8000), "accuracy": Decimal("0.95")}),
    GradeLevel("Gold", {"net_kph": Decimal(12000), "accuracy": Decimal("0.99")}),
)


@pytest.mark.parametrize(
    ("net", "acc", "grade"),
    [
        (3999.9, 1.0, None),
        (4000.0, 0.9, "Bronze"),  # exactly the minimum counts
        (9000.0, 0.95, "Silver"),
        (9000.0, 0.9499, "Bronze"),  # fast but not accurate enough for Silver
        (20000.0, 0.99, "Gold"),
    ],
)
def test_grade_reached_is_last_level_with_all_minima_met(net, acc, grade):
    assert metrics.grade_reached(LEVELS, {"net_kph": net, "accuracy": acc}) == grade


def test_grade_needs_every_figure_present():
    assert metrics.grade_reached(LEVELS, {"net_kph": 9000.0, "accuracy": None}) is None


def test_speed_score_caps_at_reference_and_scales_by_accuracy():
    # 6000 of 12000 -> 50, × 0.95 -> 47.5
    assert metrics.speed_score(6000.0, Decimal(12000), 0.95) == 47.5
    # faster than the reference: 100 × 0.95
    assert metrics.speed_score(15000.0, Decimal(12000), 0.95) == 95.0
    # 1000 / 3000 × 100 = 33.33.. × 0.9 = 30.0
    assert metrics.speed_score(1000.0, Decimal(3000), 0.9) == 30.0
    assert metrics.speed_score(1000.0, Decimal(0), 0.9) == 0.0


def test_round_half_up():
    assert metrics.round_half_up(50.05, 1) == 50.1
    assert metrics.round_half_up(0.125, 2) == 0.13
