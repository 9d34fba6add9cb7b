"""The keypad's fingers as tutors teach them, and a ten-key result's figures per finger."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from svctrainer.core.drills.keypad_fingers import (
    HOME_KEYS,
    KEYPAD_FINGERS,
    Finger,
    finger_for,
    finger_stats,
)
from svctrainer.core.metrics import KeyStat


def test_the_home_row_and_the_columns():
    assert HOME_KEYS == {
        "4": Finger.INDEX,
        "5": Finger.MIDDLE,
        "6": Finger.RING,
        "0": Finger.THUMB,
        "Enter": Finger.LITTLE,
    }
    for column, finger in (("147", Finger.INDEX), ("258", Finger.MIDDLE), ("369", Finger.RING)):
        assert {finger_for(k) for k in column} == {finger}
    assert (finger_for("."), finger_for("Backspace"), finger_for("a"), finger_for(None)) == (
        Finger.RING,
        Finger.LITTLE,
        None,
        None,
    )


def test_figures_per_finger_hand_computed():
    stats = {
        "4": KeyStat(hits=8, errors=2, latency_ns=8 * 250_000_000, latency_samples=8),
        "7": KeyStat(hits=2, errors=0, latency_ns=2 * 400_000_000, latency_samples=2),
        "5": KeyStat(hits=5, errors=0, latency_ns=0, latency_samples=0),
        "Enter": KeyStat(hits=3, errors=1, latency_ns=3 * 300_000_000, latency_samples=3),
        "a": KeyStat(hits=9, errors=9, latency_ns=1, latency_samples=1),  # not on the keypad
    }
    by_finger = {s.finger: s for s in finger_stats(stats)}
    assert list(by_finger) == [Finger.INDEX, Finger.MIDDLE, Finger.LITTLE]  # thumb, ring: none
    index = by_finger[Finger.INDEX]
    assert (index.hits, index.errors, index.error_rate, index.mean_ms) == (10, 2, 0.1667, 280.0)
    assert by_finger[Finger.MIDDLE].mean_ms is None
    assert by_finger[Finger.LITTLE].error_rate == 0.25


@given(
    st.dictionaries(
        st.sampled_from(sorted(KEYPAD_FINGERS)),
        st.tuples(st.integers(0, 500), st.integers(0, 50), st.integers(0, 500)),
    )
)
def test_per_finger_figures_add_up_to_the_keys(raw):
    stats = {k: KeyStat(h, e, n * 200_000_000, n) for k, (h, e, n) in raw.items()}
    rows = finger_stats(stats)
    assert sum(r.hits for r in rows) == sum(s.hits for s in stats.values())
    assert sum(r.errors for r in rows) == sum(s.errors for s in stats.values())
    for row in rows:
        assert 0.0 <= row.error_rate <= 1.0
        assert row.mean_ms is None or row.mean_ms == 200.0
