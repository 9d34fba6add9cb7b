"""What a keyboard drill (ten-key, data entry) stores about a run: its figures, the
per-key and per-field statistics and the first mistakes (``typing_engine`` makes them).

Layout 1 (``TypingDetails.VERSION``): the keys below, in this order. ``bigram_stats`` is
left out of attempt rows (``services.attempts.UNSTORED_DETAILS``: recomputable and
large), so a stored row reads back with it empty.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Self

from svctrainer.core.drills.details import Details, DetailsError, Fields
from svctrainer.core.drills.result import Mistake
from svctrainer.core.metrics import KeyStat


def _key_stat(f: Fields) -> KeyStat:
    stat = KeyStat(
        f.integer("hits"),
        f.integer("errors"),
        f.integer("latency_ns"),
        f.integer("latency_samples"),
    )
    if min(stat.hits, stat.errors, stat.latency_ns, stat.latency_samples) < 0:
        raise DetailsError(f"{f.where} holds a negative count")
    return stat


@dataclass(frozen=True, slots=True)
class FieldStat:
    """Strokes and confirmations in one field of every item (``correct_strokes`` …
    ``uncorrected_errors`` as in ``typing_engine``; ``exact``: confirmed without error;
    ``invalid``: values the screen refused, e.g. a wrong check digit; written only when
    not 0, so the layout of fields without a refusal, and of rows stored before the
    check existed, stays as it was)."""

    correct_strokes: int
    wrong_strokes: int
    accuracy: float
    confirmed: int
    exact: int
    uncorrected_errors: int
    invalid: int = 0

    def to_dict(self) -> dict[str, int | float]:
        stored: dict[str, int | float] = {
            "correct_strokes": self.correct_strokes,
            "wrong_strokes": self.wrong_strokes,
            "accuracy": self.accuracy,
            "confirmed": self.confirmed,
            "exact": self.exact,
            "uncorrected_errors": self.uncorrected_errors,
        }
        if self.invalid:
            stored["invalid"] = self.invalid
        return stored

    @classmethod
    def read(cls, f: Fields) -> FieldStat:
        return cls(
            f.integer("correct_strokes"),
            f.integer("wrong_strokes"),
            f.number("accuracy"),
            f.integer("confirmed"),
            f.integer("exact"),
            f.integer("uncorrected_errors"),
            f.integer("invalid"),
        )


@dataclass(frozen=True, slots=True)
class TypingDetails(Details):
    """Figures (as in ``metrics``), stroke counts, the error policy and penalty applied,
    statistics per key (``key_stats``), per key pair (``bigram_stats``) and per field,
    the five slowest keys with their mean ms, the first ``MAX_STORED_MISTAKES`` mistakes
    (``mistake_count`` counts them all), strokes per active second, and the weakest keys
    and pairs (``adaptive.AdaptiveWeights.weak_keys``)."""

    gross_kph: float
    net_kph: float
    cpm: float
    wpm: float
    accuracy: float
    consistency: float | None
    score: float
    strokes: int
    correct_strokes: int
    wrong_strokes: int
    corrections: int
    uncorrected_errors: int
    correct_chars: int
    error_policy: str
    error_penalty: int
    items_done: int
    fields_done: int
    key_stats: Mapping[str, KeyStat]
    bigram_stats: Mapping[str, KeyStat]
    slowest_keys: tuple[tuple[str, float], ...]
    field_stats: Mapping[str, FieldStat]
    mistake_count: int
    mistakes: tuple[Mistake, ...]
    per_second: tuple[int, ...]
    weak_keys: tuple[str, ...]
    weak_bigrams: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "gross_kph": self.gross_kph,
            "net_kph": self.net_kph,
            "cpm": self.cpm,
            "wpm": self.wpm,
            "accuracy": self.accuracy,
            "consistency": self.consistency,
            "score": self.score,
            "strokes": self.strokes,
            "correct_strokes": self.correct_strokes,
            "wrong_strokes": self.wrong_strokes,
            "corrections": self.corrections,
            "uncorrected_errors": self.uncorrected_errors,
            "correct_chars": self.correct_chars,
            "error_policy": self.error_policy,
            "error_penalty": self.error_penalty,
            "items_done": self.items_done,
            "fields_done": self.fields_done,
            "key_stats": {k: s.to_dict() for k, s in self.key_stats.items()},
            "bigram_stats": {k: s.to_dict() for k, s in self.bigram_stats.items()},
            "slowest_keys": [[k, ms] for k, ms in self.slowest_keys],
            "field_stats": {k: s.to_dict() for k, s in self.field_stats.items()},
            "mistake_count": self.mistake_count,
            "mistakes": [m.to_dict() for m in self.mistakes],
            "per_second": list(self.per_second),
            "weak_keys": list(self.weak_keys),
            "weak_bigrams": list(self.weak_bigrams),
        }

    @classmethod
    def read(cls, f: Fields, version: int) -> Self:
        return cls(
            gross_kph=f.number("gross_kph"),
            net_kph=f.number("net_kph"),
            cpm=f.number("cpm"),
            wpm=f.number("wpm"),
            accuracy=f.number("accuracy"),
            consistency=f.optional_number("consistency"),
            score=f.number("score"),
            strokes=f.integer("strokes"),
            correct_strokes=f.integer("correct_strokes"),
            wrong_strokes=f.integer("wrong_strokes"),
            corrections=f.integer("corrections"),
            uncorrected_errors=f.integer("uncorrected_errors"),
            correct_chars=f.integer("correct_chars"),
            error_policy=f.text("error_policy"),
            error_penalty=f.integer("error_penalty"),
            items_done=f.integer("items_done"),
            fields_done=f.integer("fields_done"),
            key_stats=f.named_records("key_stats", _key_stat),
            bigram_stats=f.named_records("bigram_stats", _key_stat),
            slowest_keys=f.pairs("slowest_keys"),
            field_stats=f.named_records("field_stats", FieldStat.read),
            mistake_count=f.integer("mistake_count"),
            mistakes=f.records("mistakes", Mistake.read),
            per_second=f.integers("per_second"),
            weak_keys=f.texts("weak_keys"),
            weak_bigrams=f.texts("weak_bigrams"),
        )
