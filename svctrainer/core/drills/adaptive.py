"""Adaptive practice (keybr-style): weight the keys and key pairs a person is weak at.

``adaptive_weights`` is a pure function of the person's past results (their
``details["key_stats"]`` / ``details["bigram_stats"]``, oldest first). The ten-key
generator multiplies its digit probabilities by these weights, so weak digits and digit
pairs come up more often. Weights are integers (100 = neutral, 50..400) so they can be
stored in a result's ``options`` and replay draws exactly the same amounts.

Formula, per key (and likewise per pair, against the pairs' own baseline):

- each past result counts with recency weight ``0.5 ** (age / 5)`` (age 0 = newest);
- slowness = mean latency of the key / mean latency over all keys;
- error rate = errors / (hits + errors);
- difficulty = slowness × (1 + 4 × error rate);
- weight = clamp(round(100 × difficulty²), 50, 400); keys with fewer than 3 (weighted)
  samples stay at 100.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

NEUTRAL = 100
MIN_WEIGHT = 50
MAX_WEIGHT = 400
MIN_SAMPLES = 3.0
ERROR_FACTOR = 4.0
HALF_LIFE_RESULTS = 5.0
WEAK_THRESHOLD = 130


@dataclass(frozen=True)
class AdaptiveWeights:
    """Integer weights; anything not listed is neutral (100)."""

    keys: Mapping[str, int] = field(default_factory=dict)
    bigrams: Mapping[str, int] = field(default_factory=dict)

    def key_weight(self, key: str) -> int:
        return self.keys.get(key, NEUTRAL)

    def bigram_weight(self, first: str, second: str) -> int:
        return self.bigrams.get(first + second, NEUTRAL)

    def weak_keys(self, limit: int = 3) -> list[str]:
        """The weakest keys (weight ≥ 130), weakest first, ties by key."""
        return _weakest(self.keys, limit)

    def weak_bigrams(self, limit: int = 3) -> list[str]:
        return _weakest(self.bigrams, limit)

    def to_dict(self) -> dict[str, dict[str, int]]:
        return {
            "keys": dict(sorted(self.keys.items())),
            "bigrams": dict(sorted(self.bigrams.items())),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AdaptiveWeights:
        """ValueError unless ``data`` is what ``to_dict`` produced."""
        if not isinstance(data, Mapping):
            raise ValueError("adaptive weights must be a mapping")
        parts: list[dict[str, int]] = []
        for name in ("keys", "bigrams"):
            table = data.get(name, {})
            if not isinstance(table, Mapping) or not all(
                isinstance(k, str) and type(v) is int and MIN_WEIGHT <= v <= MAX_WEIGHT
                for k, v in table.items()
            ):
                raise ValueError(f"bad adaptive weights: {name}")
            parts.append(dict(table))
        return cls(parts[0], parts[1])


def _weakest(weights: Mapping[str, int], limit: int) -> list[str]:
    weak = [(w, k) for k, w in weights.items() if w >= WEAK_THRESHOLD]
    weak.sort(key=lambda pair: (-pair[0], pair[1]))
    return [k for _, k in weak[:limit]]


def adaptive_weights(history: Sequence[Mapping[str, Any]]) -> AdaptiveWeights:
    """Weights from past results' details, oldest first; malformed entries are skipped
    (a single odd old record must not stop practice)."""
    n = len(history)
    keys: dict[str, list[float]] = {}
    bigrams: dict[str, list[float]] = {}
    for index, details in enumerate(history):
        recency = 0.5 ** ((n - 1 - index) / HALF_LIFE_RESULTS)
        if not isinstance(details, Mapping):
            continue
        _accumulate(keys, details.get("key_stats"), recency)
        _accumulate(bigrams, details.get("bigram_stats"), recency)
    return AdaptiveWeights(_weights(keys), _weights(bigrams))


def _accumulate(into: dict[str, list[float]], stats: object, recency: float) -> None:
    """Add ``[hits, errors, latency_ns, samples]`` × recency per key."""
    if not isinstance(stats, Mapping):
        return
    for key, stat in stats.items():
        if not isinstance(key, str) or not isinstance(stat, Mapping):
            continue
        values = [stat.get(name) for name in ("hits", "errors", "latency_ns", "latency_samples")]
        if not all(type(v) is int and v >= 0 for v in values):
            continue
        acc = into.setdefault(key, [0.0, 0.0, 0.0, 0.0])
        for k, v in enumerate(values):
            acc[k] += recency * float(v)  # type: ignore[arg-type]


def _weights(acc: Mapping[str, list[float]]) -> dict[str, int]:
    total_latency = sum(a[2] for a in acc.values() if a[3] >= MIN_SAMPLES)
    total_samples = sum(a[3] for a in acc.values() if a[3] >= MIN_SAMPLES)
    baseline = total_latency / total_samples if total_samples > 0 else 0.0
    out: dict[str, int] = {}
    for key, (hits, errors, latency, samples) in acc.items():
        if hits + errors < MIN_SAMPLES:
            continue
        slowness = 1.0
        if samples >= MIN_SAMPLES and baseline > 0:
            slowness = (latency / samples) / baseline
        error_rate = errors / (hits + errors)
        difficulty = slowness * (1.0 + ERROR_FACTOR * error_rate)
        weight = min(MAX_WEIGHT, max(MIN_WEIGHT, int(100.0 * difficulty * difficulty + 0.5)))
        if weight != NEUTRAL:
            out[key] = weight
    return out
