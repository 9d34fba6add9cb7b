"""How a scenario run is stored: its decision log (compressed) and its result (as JSON).

The decision log is what the service replays to score a run, so its stored form must
give back exactly the entries the GUI recorded: node and choice ids, integer nanosecond
times and the mood after each decision (floats, which JSON writes in their shortest
round-tripping form). Stored form, encoding ``decisions-v1``::

    zlib( UTF-8 JSON {"format": "decisions-v1", "entries": [DecisionLogEntry.to_dict(), ...]} )

Decoding anything else raises ``DecisionLogError`` and nothing else, whatever the bytes.

``stored_run`` replays a log and gives what an attempt row keeps: its figures (score,
grade = tier code, accuracy = share of decisions that kept the best outcome reachable,
duration) and ``details``, the full RunResult as ``ScenarioDetails`` (plain JSON types:
codes, not enums), so the debrief, charts and exports read it without the engine.
Recording and rescoring both call it, so a rescore compares like with like.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from svctrainer.core.durations import NS_PER_MS
from svctrainer.core.scenarios.analysis import review
from svctrainer.core.scenarios.details import ScenarioDetails
from svctrainer.core.scenarios.engine import DecisionLogEntry, RunResult, replay
from svctrainer.core.scenarios.model import Scenario

DECISION_ENCODING = "decisions-v1"
MAX_ENTRIES = 100_000  # a conversation has tens of decisions; refuse absurd logs
_MAX_DECODED_BYTES = 32 * 1024 * 1024  # ~200 bytes an entry: far above MAX_ENTRIES; no zlib bombs


class DecisionLogError(ValueError):
    """Stored bytes are not a decision log this version can read."""


def encode_decisions(log: Sequence[DecisionLogEntry]) -> bytes:
    if len(log) > MAX_ENTRIES:
        raise ValueError(f"a decision log holds at most {MAX_ENTRIES} entries")
    payload = {"format": DECISION_ENCODING, "entries": [entry.to_dict() for entry in log]}
    text = json.dumps(payload, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return zlib.compress(text.encode("utf-8", errors="surrogatepass"), 9)


def _reject_constant(name: str) -> None:
    raise DecisionLogError(f"decision log contains {name}")


def decode_decisions(data: bytes) -> list[DecisionLogEntry]:
    """Inverse of ``encode_decisions``; DecisionLogError for anything malformed."""
    try:
        inflater = zlib.decompressobj()
        raw = inflater.decompress(data, _MAX_DECODED_BYTES)
        if inflater.unconsumed_tail or not inflater.eof:
            raise DecisionLogError("decision log is truncated or too large")
        if inflater.unused_data:
            raise DecisionLogError("trailing bytes after the decision log")
    except zlib.error as exc:
        raise DecisionLogError(f"decision log is corrupt: {exc}") from None
    try:
        payload = json.loads(
            raw.decode("utf-8", errors="surrogatepass"), parse_constant=_reject_constant
        )
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise DecisionLogError(f"decision log is not JSON: {exc}") from None
    if not isinstance(payload, dict) or payload.get("format") != DECISION_ENCODING:
        raise DecisionLogError(f"not a {DECISION_ENCODING} decision log")
    entries = payload.get("entries")
    if not isinstance(entries, list) or len(entries) > MAX_ENTRIES:
        raise DecisionLogError("decision log entries must be a list")
    log: list[DecisionLogEntry] = []
    for number, item in enumerate(entries, start=1):
        if not isinstance(item, dict):
            raise DecisionLogError(f"decision {number} is not an object")
        try:
            log.append(DecisionLogEntry.from_dict(item))
        except ValueError as exc:
            raise DecisionLogError(f"decision {number}: {exc}") from None
    return log


def decision_accuracy(scenario: Scenario, log: Sequence[DecisionLogEntry]) -> float | None:
    """Share of decisions (0..1) after which the best outcome of the scenario was still
    reachable: the choice was as good as the best alternative at that point (as the
    debrief shows it). Letting the time run out counts as a decision. None without
    decisions. ReplayError if the log does not fit the scenario."""
    steps = review(scenario, log)
    if not steps:
        return None
    return sum(1 for s in steps if s.was_best) / len(steps)


def run_duration_ms(log: Sequence[DecisionLogEntry]) -> int:
    """From entering the first node to the last decision (monotonic ns, floored to ms)."""
    if not log:
        return 0
    return max(0, (log[-1].t_ns - log[0].entered_ns) // NS_PER_MS)


@dataclass(frozen=True)
class StoredRun:
    """What the attempt row of a scenario run keeps, all recomputed from its log."""

    result: RunResult
    figures: dict[str, Any]  # valid, duration_ms, speed, speed_unit, accuracy, score, grade
    details: dict[str, Any]  # ScenarioDetails.to_dict()


def stored_run(scenario: Scenario, log: Sequence[DecisionLogEntry]) -> StoredRun:
    """Replay ``log`` and derive the stored figures; ReplayError if it does not fit."""
    result = replay(scenario, list(log))
    complete = result.ending_id is not None  # stopped before an ending: never graded
    figures = {
        "valid": True,
        "completion": "complete" if complete else "incomplete",
        "duration_ms": run_duration_ms(log),
        "speed": None,  # a conversation has no speed; time matters through the countdowns
        "speed_unit": None,
        "accuracy": decision_accuracy(scenario, log),
        "score": float(result.score),
        "grade": result.tier.code if complete else None,
    }
    return StoredRun(result, figures, ScenarioDetails.of(scenario, result).to_dict())
