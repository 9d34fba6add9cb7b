"""Which finger keys which key of the numeric keypad, as typing tutors teach it, and the
figures of a ten-key result per finger.

Why a model: a tutor (TIPP10 does it for letters) colours each key by its finger, names
the finger for the next key, and tells the trainee which finger is slow or makes the
mistakes, which a per-key heat map leaves them to work out. The home row is 4-5-6 with
the middle finger on the raised 5; the thumb rests on 0 and the little finger on Enter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from svctrainer.core import metrics
from svctrainer.core.durations import NS_PER_MS
from svctrainer.core.metrics import KeyStat


class Finger(StrEnum):
    THUMB = "thumb"
    INDEX = "index"
    MIDDLE = "middle"
    RING = "ring"
    LITTLE = "little"


HOME_ROW = ("4", "5", "6")  # index, middle (the bump), ring
HOME_KEYS: Mapping[str, Finger] = {
    "4": Finger.INDEX,
    "5": Finger.MIDDLE,
    "6": Finger.RING,
    "0": Finger.THUMB,
    "Enter": Finger.LITTLE,
}
KEYPAD_FINGERS: Mapping[str, Finger] = {
    "0": Finger.THUMB,
    "1": Finger.INDEX,
    "4": Finger.INDEX,
    "7": Finger.INDEX,
    "2": Finger.MIDDLE,
    "5": Finger.MIDDLE,
    "8": Finger.MIDDLE,
    "3": Finger.RING,
    "6": Finger.RING,
    "9": Finger.RING,
    ".": Finger.RING,
    "Enter": Finger.LITTLE,
    "Backspace": Finger.LITTLE,
    "+": Finger.LITTLE,
    "-": Finger.LITTLE,
}
FINGER_ORDER = (Finger.THUMB, Finger.INDEX, Finger.MIDDLE, Finger.RING, Finger.LITTLE)


def finger_for(key: str | None) -> Finger | None:
    """The finger that keys ``key`` on the keypad; None for a key off the keypad."""
    return None if key is None else KEYPAD_FINGERS.get(key)


@dataclass(frozen=True, slots=True)
class FingerStat:
    """One finger's share of a result: right and wrong strokes when one of its keys was
    due, the error rate, and the mean time to a right press (None without samples)."""

    finger: Finger
    hits: int
    errors: int
    error_rate: float
    mean_ms: float | None


def finger_stats(key_stats: Mapping[str, KeyStat]) -> tuple[FingerStat, ...]:
    """Per finger (thumb to little finger, fingers without strokes left out), summed
    over its keys: error rate = errors / (hits + errors) (0.0001); mean ms = summed
    latency / samples (0.1)."""
    sums: dict[Finger, list[int]] = {f: [0, 0, 0, 0] for f in FINGER_ORDER}
    for key, stat in key_stats.items():
        finger = finger_for(key)
        if finger is None:
            continue
        total = sums[finger]
        total[0] += stat.hits
        total[1] += stat.errors
        total[2] += stat.latency_ns
        total[3] += stat.latency_samples
    out = []
    for finger in FINGER_ORDER:
        hits, errors, latency, samples = sums[finger]
        if hits + errors == 0:
            continue
        mean = metrics.ratio(latency, samples * NS_PER_MS) if samples else None
        out.append(FingerStat(finger, hits, errors, metrics.ratio(errors, hits + errors, 4), mean))
    return tuple(out)
