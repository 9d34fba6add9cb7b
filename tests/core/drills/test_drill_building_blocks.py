"""Seeded random numbers, edit distance, the active clock, results as JSON, the registry."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from svctrainer.core.drills.active_clock import IDLE_NS, ActiveClock
from svctrainer.core.drills.edit_distance import edit_distance
from svctrainer.core.drills.registry import drill_kind, drill_kind_names, register_drill_kind
from svctrainer.core.drills.result import DrillResult, InvalidReason, validity
from svctrainer.core.drills.seeded_random import SeededRandom
from svctrainer.core.drills.tenkey import TENKEY, TenKeyDrill
from svctrainer.core.drills.typing_details import TypingDetails

S = 1_000_000_000


def test_splitmix64_reference_output_never_changes():
    rng = SeededRandom(0)
    assert rng.next_u64() == 0xE220A8397B1DCDAF  # published SplitMix64 output for seed 0
    assert rng.next_u64() == 0x6E789E6AA1B965F4


@given(st.integers(0, 2**64 - 1), st.integers(1, 10**12))
def test_below_stays_in_range(seed, n):
    assert 0 <= SeededRandom(seed).below(n) < n


@given(st.integers(0, 2**64 - 1))
def test_unit_draws_stay_inside_zero_and_one(seed):
    rng = SeededRandom(seed)
    assert all(0.0 < rng.unit() < 1.0 for _ in range(20))


@given(st.integers(0, 2**64 - 1), st.lists(st.integers(1, 2**64), min_size=1, max_size=30))
def test_the_written_out_draws_are_those_of_splitmix64_as_specified(seed, bounds):
    """``below``, ``unit`` and ``log_normal`` repeat SplitMix64's step inline (speed): each
    draw, and the state after it, is still the one the plain definition gives (every
    stored attempt's form and the demo history depend on it). Bounds near 2**64 reject
    most draws, so the rejection loop is exercised too."""
    import math

    def below(rng: SeededRandom, n: int) -> int:
        limit = (1 << 64) - ((1 << 64) % n)
        while True:
            x = rng.next_u64()
            if x < limit:
                return x % n

    def unit(rng: SeededRandom) -> float:
        return (below(rng, 1_000_000) + 0.5) / 1_000_000

    fast, plain = SeededRandom(seed), SeededRandom(seed)
    for n in bounds:
        assert fast.below(n) == below(plain, n)
        assert fast.unit() == unit(plain)
        mean, sigma = 1.0 + n % 997, 0.05 + (n % 7) / 10
        mu = math.log(mean) - sigma * sigma / 2
        z = math.sqrt(-2.0 * math.log(unit(plain))) * math.cos(2 * math.pi * unit(plain))
        assert fast.log_normal(mean, sigma) == math.exp(mu + sigma * z)
        z = math.sqrt(-2.0 * math.log(unit(plain))) * math.cos(2 * math.pi * unit(plain))
        assert fast.log_normal_mu(mu, sigma) == math.exp(mu + sigma * z)
        assert fast.next_u64() == plain.next_u64()


@given(
    st.integers(0, 2**64 - 1),
    st.floats(0.0, 1.0),
    st.lists(st.floats(0.0, 3_000.0), min_size=1, max_size=30),
)
def test_a_simulated_trainee_s_gaps_are_the_plain_formula_s(seed, spread, means):
    """``Timing.gap`` and ``advance`` keep each mean's ``mu`` and draw from it: every
    gap is still ``max(40, log_normal(max(mean, 30), max(0.05, spread)))`` ms of the same
    generator (the demo history and its shipped snapshot depend on it), whatever the
    order and repetition of the means."""
    from svctrainer.core.drills.simulated_play import Skill, Timing
    from svctrainer.core.durations import NS_PER_MS

    timing = Timing(Skill(spread=spread), SeededRandom(seed), 1_000)
    plain = SeededRandom(seed)
    t = 1_000
    for n, mean in enumerate(means * 2):
        ms = max(40.0, plain.log_normal(max(mean, 30.0), max(0.05, spread)))
        step = int(ms * NS_PER_MS)
        if n % 2:
            assert timing.gap(mean) == step
            timing.t_ns += step
            t += step
        else:
            t += step
            assert timing.advance(mean) == t
        assert timing.t_ns == t


def test_log_normal_draws_keep_their_mean_and_never_go_negative():
    rng = SeededRandom(11)
    draws = [rng.log_normal(400.0, 0.4) for _ in range(20_000)]
    assert min(draws) > 0
    assert sum(draws) / len(draws) == pytest.approx(400.0, rel=0.02)
    hits = sum(rng.chance(0.25) for _ in range(20_000))
    assert hits / 20_000 == pytest.approx(0.25, abs=0.01)


def test_weighted_index_and_guards():
    rng = SeededRandom(3)
    assert {rng.weighted_index([0, 5, 0]) for _ in range(50)} == {1}
    with pytest.raises(ValueError, match="zero"):
        rng.weighted_index([0, 0])
    with pytest.raises(ValueError, match="positive"):
        rng.below(0)


def naive_distance(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[:], i
        for j, cb in enumerate(b, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
    return row[-1]


@given(st.text("abc1", max_size=12), st.text("abc1", max_size=12))
def test_edit_distance_matches_dynamic_programming(a, b):
    assert edit_distance(a, b) == naive_distance(a, b)


@pytest.mark.parametrize(
    ("expected", "typed", "distance"),
    [
        ("12345", "1345", 1),
        ("12345", "12435", 2),
        ("12345", "", 5),
        ("", "99", 2),
        ("张伟", "张玮", 1),
    ],
)
def test_edit_distance_cases(expected, typed, distance):
    assert edit_distance(expected, typed) == distance


def test_clock_rules():
    clock = ActiveClock(idle_pause=True)
    assert clock.stroke(10 * S) is None  # starts, no latency
    assert clock.stroke(11 * S) == 1 * S
    assert clock.stroke(19 * S) is None  # 8 s gap: credited 5 s, no latency
    assert clock.active_ns == 6 * S
    assert clock.stroke(18 * S) is None  # a step back credits nothing
    assert clock.active_ns == 6 * S
    assert clock.idle_at(19 * S + IDLE_NS + 1)
    clock.pause(20 * S)
    assert clock.active_ns == 7 * S
    assert clock.active_at(100 * S) == 7 * S
    clock.resume(100 * S)
    assert clock.stroke(101 * S) is None  # latency across a pause is not measured
    assert clock.active_ns == 8 * S


def test_clock_without_idle_pause_counts_everything():
    clock = ActiveClock(idle_pause=False)
    clock.stroke(0)
    clock.stroke(60 * S)
    assert clock.active_ns == 60 * S
    assert not clock.idle_at(600 * S)


@pytest.mark.parametrize(
    ("active_ms", "strokes", "reason"),
    [
        (999, 100, InvalidReason.ACTIVE_UNDER_1S),
        (1000, 9, InvalidReason.UNDER_10_STROKES),
        (1000, 10, None),
    ],
)
def test_validity_rule(active_ms, strokes, reason):
    assert validity(active_ms, strokes) == reason


RESULT = DrillResult(
    drill_type="tenkey",
    definition_id="x",
    definition_hash="ab",
    mode="practice",
    seed=5,
    options={"adaptive": {"keys": {"7": 200}, "bigrams": {}}},
    ended_by="items",
    valid=True,
    invalid_reason=None,
    active_ms=12_000,
    strokes=120,
    speed=3600.0,
    speed_unit="net_kph",
    accuracy=1,  # type: ignore[arg-type]
    score=30.0,
    grade=None,
    details=TypingDetails.from_dict({"per_second": [1, 2], "slowest_keys": [["7", 300.5]]}),
)


def test_result_json_round_trip():
    data = json.loads(json.dumps(RESULT.to_dict()))
    back = DrillResult.from_dict(data, TypingDetails)
    assert back == RESULT
    assert isinstance(back.accuracy, float)


@pytest.mark.parametrize(
    "change",
    [{"valid": "yes"}, {"seed": True}, {"speed": "fast"}, {"details": []}, {"grade": 3}],
)
def test_result_from_dict_rejects_wrong_types(change):
    with pytest.raises(ValueError, match="wrong type"):
        DrillResult.from_dict({**RESULT.to_dict(), **change}, TypingDetails)


def test_result_from_dict_rejects_missing_fields():
    data = RESULT.to_dict()
    del data["active_ms"]
    with pytest.raises(ValueError, match="missing active_ms"):
        DrillResult.from_dict(data, TypingDetails)


def test_registry():
    assert {"data_entry", "tenkey"} <= set(drill_kind_names())
    assert drill_kind("tenkey") is TENKEY
    assert TENKEY.speed_unit == "net_kph"
    assert drill_kind("nope") is None
    with pytest.raises(ValueError, match="already registered"):
        register_drill_kind(TenKeyDrill())


def test_feedback_is_a_frozen_value_with_its_defaults():
    """``Feedback`` sets its slots itself (for speed, every keystroke makes one): it must
    still behave as the frozen dataclass it was: defaults, positions and keywords,
    equality, hashing, ``replace``, repr, no assignment."""
    import dataclasses

    from svctrainer.core.drills.base import FINISHED, IGNORED, Feedback, Verdict

    fb = Feedback(Verdict.CORRECT, None, 1)
    assert (fb.verdict, fb.expected, fb.strokes, fb.errors, fb.advanced, fb.finished) == (
        Verdict.CORRECT, None, 1, 0, False, False,
    )  # fmt: skip
    full = Feedback(Verdict.WRONG, "a", 2, 1, True, True)
    assert full == Feedback(
        verdict=Verdict.WRONG, expected="a", strokes=2, errors=1, advanced=True, finished=True
    )
    assert hash(full) == hash(Feedback(Verdict.WRONG, "a", 2, 1, True, True))
    assert dataclasses.replace(full, errors=3).errors == 3
    assert (IGNORED.verdict, FINISHED.finished) == (Verdict.IGNORED, True)
    assert repr(fb) == (
        f"Feedback(verdict={Verdict.CORRECT!r}, expected=None, strokes=1, errors=0,"
        " advanced=False, finished=False)"
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        fb.strokes = 2  # type: ignore[misc]
