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
    keys: dict[str, _Evidence] = {}
    bigrams: dict[str, _Evidence] = {}
    for index, details in enumerate(history):
        recency = 0.5 ** ((n - 1 - index) / HALF_LIFE_RESULTS)
        if not isinstance(details, Mapping):
            continue
        _accumulate(keys, details.get("key_stats"), recency)
        _accumulate(bigrams, details.get("bigram_stats"), recency)
    return AdaptiveWeights(_weights(keys), _weights(bigrams))


@dataclass(slots=True)
class _Evidence:
    """A key's statistics summed over results, each weighted by its recency."""

    hits: float = 0.0
    errors: float = 0.0
    latency_ns: float = 0.0
    samples: float = 0.0


def _accumulate(into: dict[str, _Evidence], stats: object, recency: float) -> None:
    """Add each key's hits, errors, latency and latency samples × recency."""
    if not isinstance(stats, Mapping):
        return
    for key, stat in stats.items():
        if not isinstance(key, str) or not isinstance(stat, Mapping):
            continue
        values = [stat.get(name) for name in ("hits", "errors", "latency_ns", "latency_samples")]
        counts = [v for v in values if type(v) is int and v >= 0]
        if len(counts) != len(values):
            continue
        evidence = into.setdefault(key, _Evidence())
        evidence.hits += recency * float(counts[0])
        evidence.errors += recency * float(counts[1])
        evidence.latency_ns += recency * float(counts[2])
        evidence.samples += recency * float(counts[3])


def _weights(evidence: Mapping[str, _Evidence]) -> dict[str, int]:
    sampled = [e for e in evidence.values() if e.samples >= MIN_SAMPLES]
    total_latency = sum(e.latency_ns for e in sampled)
    total_samples = sum(e.samples for e in sampled)
    baseline = total_latency / total_samples if total_samples > 0 else 0.0
    out: dict[str, int] = {}
    for key, e in evidence.items():
        if e.hits + e.errors < MIN_SAMPLES:
            continue
        slowness = 1.0
        if e.samples >= MIN_SAMPLES and baseline > 0:
            slowness = (e.latency_ns / e.samples) / baseline
        error_rate = e.errors / (e.hits + e.errors)
        difficulty = slowness * (1.0 + ERROR_FACTOR * error_rate)
        weight = min(MAX_WEIGHT, max(MIN_WEIGHT, int(100.0 * difficulty * difficulty + 0.5)))
        if weight != NEUTRAL:
            out[key] = weight
    return out
