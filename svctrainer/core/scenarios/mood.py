"""Customer mood on Russell's circumplex (valence x arousal, each in [-5, +5]) and the
portrait expression that shows it.

Mood arithmetic is rounded to 3 decimals after every step: replay must reproduce a
stored run bit for bit, and hand-computed test cases must hit thresholds exactly.
"""

from __future__ import annotations

from enum import StrEnum

from svctrainer.core.scenarios.model import MOOD_MAX, MOOD_MIN, Mood


class Expression(StrEnum):
    """Portrait expressions, from most negative to most positive."""

    ANGRY = "angry"
    UPSET = "upset"
    ANXIOUS = "anxious"
    NEUTRAL = "neutral"
    CONTENT = "content"
    PLEASED = "pleased"
    DELIGHTED = "delighted"


def clamp_axis(value: float) -> float:
    return min(MOOD_MAX, max(MOOD_MIN, round(value, 3)))


def displaced(mood: Mood, delta: Mood, multiplier: float) -> Mood:
    """``mood`` moved by ``delta`` scaled by the customer's sensitivity, clamped to the scale."""
    return Mood(
        clamp_axis(mood.valence + round(delta.valence * multiplier, 3)),
        clamp_axis(mood.arousal + round(delta.arousal * multiplier, 3)),
    )


def expression_for(mood: Mood) -> Expression:
    """The portrait to show for a mood.

    Regions (v = valence, a = arousal; boundaries belong to the region written first):
    v <= -2 and a >= 1: angry; v < -0.5 and a >= 1: anxious; v < -0.5: upset;
    v <= 1: neutral; v < 2.5: content; a >= 1.5: delighted; otherwise pleased.
    """
    v, a = mood.valence, mood.arousal
    if v <= -2 and a >= 1:
        return Expression.ANGRY
    if v < -0.5:
        return Expression.ANXIOUS if a >= 1 else Expression.UPSET
    if v <= 1:
        return Expression.NEUTRAL
    if v < 2.5:
        return Expression.CONTENT
    return Expression.DELIGHTED if a >= 1.5 else Expression.PLEASED
