"""Mood arithmetic and the portrait expression for each region of the circumplex."""

from __future__ import annotations

import pytest

from svctrainer.core.scenarios.model import Mood
from svctrainer.core.scenarios.mood import Expression, displaced, expression_for


@pytest.mark.parametrize(
    ("valence", "arousal", "expected"),
    [
        (-2, 1, Expression.ANGRY),  # boundary belongs to angry
        (-5, 5, Expression.ANGRY),
        (-2, 0.9, Expression.UPSET),
        (-1.9, 1, Expression.ANXIOUS),
        (-0.6, 3, Expression.ANXIOUS),
        (-0.6, -3, Expression.UPSET),
        (-0.5, 4, Expression.NEUTRAL),
        (1, 0, Expression.NEUTRAL),
        (1.01, 0, Expression.CONTENT),
        (2.49, 5, Expression.CONTENT),
        (2.5, 1.5, Expression.DELIGHTED),
        (2.5, 1.49, Expression.PLEASED),
        (5, -5, Expression.PLEASED),
    ],
)
def test_expression_regions(valence, arousal, expected):
    assert expression_for(Mood(valence, arousal)) is expected


def test_displacement_is_scaled_rounded_and_clamped():
    assert displaced(Mood(0, 0), Mood(1, -1), 1.5) == Mood(1.5, -1.5)
    assert displaced(Mood(0.1, 0), Mood(0.2, 0), 1) == Mood(0.3, 0)  # not 0.30000000000000004
    assert displaced(Mood(4, -4), Mood(3, -3), 2) == Mood(5, -5)
