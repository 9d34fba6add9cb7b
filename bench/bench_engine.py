"""Per-keystroke cost of the pure drill engine (no Qt).

Feeds 100 000 synthetic key events (presses and releases; mostly right keys, some wrong
ones, Backspace, idle gaps) through a ten-key and a data-entry run and prints the
per-event handling time p50/p99 in µs, plus replay time and the stored log size.
The GUI budget is p99 ≤ 2 ms per keystroke including Qt; this is the engine's share.

Run:  .venv/bin/python bench/bench_engine.py [EVENTS]
"""

from __future__ import annotations

import itertools
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from figures import Figure  # noqa: E402

from svctrainer.core.drills.active_clock import IDLE_NS  # noqa: E402
from svctrainer.core.drills.registry import replay, start_run  # noqa: E402
from svctrainer.core.drills.seeded_random import SeededRandom  # noqa: E402
from svctrainer.core.keystrokes import BACKSPACE, KeyEvent, decode_events, encode_events  # noqa: E402
from svctrainer.core.packs.definition import Mode  # noqa: E402
from svctrainer.core.packs.loader import load_pack  # noqa: E402


def synthetic_run(pack: str, mode: Mode, events: int) -> tuple[float, float]:
    """(p99 µs per key event, replay ms of the whole log)."""
    shipped = load_pack(ROOT / "drills" / pack)
    # The shipped packs end by time limit; benchmark an endless run instead.
    endless = replace(shipped.settings(mode), time_limit_s=None, item_count=None)
    definition = replace(shipped, modes={mode: endless})
    run = start_run(definition, mode, seed=1)
    rng = SeededRandom(42)
    t = 10**12
    costs: list[int] = []
    fed = 0
    perf = time.perf_counter_ns
    while fed < events:
        expected = run.expected_key() or "1"
        roll = rng.below(100)
        key = expected if roll >= 4 else ("9" if expected != "9" else "8")
        if roll == 0 and run.state().typed:
            key = BACKSPACE
        text = key if len(key) == 1 else ""
        t += 120_000_000 + rng.below(200_000_000) + (6_000_000_000 if roll == 99 else 0)
        for press in (True, False):
            ev = KeyEvent(t + (0 if press else 50_000_000), key, text, press)
            start = perf()
            run.feed(ev)
            costs.append(perf() - start)
            fed += 1
    costs.sort()
    p50 = costs[len(costs) // 2] / 1000
    p99 = costs[int(len(costs) * 0.99)] / 1000
    worst = costs[-1] / 1000
    print(f"{pack}: {len(costs)} events  p50 {p50:.1f} µs  p99 {p99:.1f} µs  max {worst:.0f} µs")

    log = run.events
    start = perf()
    blob = encode_events(log)
    encode_ms = (perf() - start) / 1e6
    start = perf()
    decoded = decode_events(blob)
    decode_ms = (perf() - start) / 1e6
    result = run.result()
    start = perf()
    again = replay(definition, mode, run.seed, decoded, result.options)
    replay_ms = (perf() - start) / 1e6
    presses = [ev.t_ns for ev in log if ev.press]
    credited = sum(min(b - a, IDLE_NS) for a, b in itertools.pairwise(presses))
    timing_error = credited - result.active_ms * 1_000_000
    print(
        f"  log {len(log)} events -> {len(blob)} bytes "
        f"({len(blob) / max(1, len(log)):.2f} B/event); "
        f"encode {encode_ms:.0f} ms, decode {decode_ms:.0f} ms, replay {replay_ms:.0f} ms; "
        f"replay equal: {again == result}"
    )
    print(
        f"  mean {statistics.fmean(costs) / 1000:.1f} µs; active time {result.active_ms} ms, "
        f"independent sum of capped gaps differs by {timing_error} ns (< 1 ms: ms rounding)"
    )
    return p99, replay_ms


def figures(quick: bool) -> list[Figure]:
    """``python -m bench``: 100 000 key events per drill, 10 000 with ``quick``."""
    events = 10_000 if quick else 100_000
    found = []
    for pack in ("tenkey-amounts-practice.en.toml", "data-entry-practice.en.toml"):
        p99, replay_ms = synthetic_run(pack, Mode.PRACTICE, events)
        name = pack.removesuffix("-practice.en.toml")
        note = f"{events:,} events; the GUI budget (2 ms) includes Qt"
        found.append(Figure(f"engine p99 per key event, {name}", p99, "µs", note=note))
        found.append(Figure(f"engine replay of {events:,} events, {name}", replay_ms, "ms"))
    return found


def main() -> None:
    events = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    synthetic_run("tenkey-amounts-practice.en.toml", Mode.PRACTICE, events)
    synthetic_run("data-entry-practice.en.toml", Mode.PRACTICE, events)


if __name__ == "__main__":
    main()
