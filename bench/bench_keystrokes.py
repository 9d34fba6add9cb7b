"""Keystroke handling through the real drill widget, and saving an attempt.

    .venv/bin/python bench/bench_keystrokes.py [EVENTS]

Feeds EVENTS (default 100 000) synthetic key events (press + release) carrying window
system timestamps through ``DrillScreen`` offscreen — Qt event delivery, key
normalisation, the engine, the view update — and reports per-event handling time
p50/p99/max (budget: p99 ≤ 2 ms), the timing error between the events' timestamps and the
engine's active time, and the time to save the attempt with its event log.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

from figures import Figure  # noqa: E402


def main() -> None:
    run, pack_id, _p99 = _drive_keys(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
    _save(run, pack_id)


def figures(quick: bool) -> list[Figure]:
    """``python -m bench``: 100 000 key events, 5 000 with ``quick``."""
    events = 5_000 if quick else 100_000
    run, pack_id, p99 = _drive_keys(events)
    save_ms = _save(run, pack_id)
    return [
        Figure("key event through the drill screen, p99", p99, "ms", 2.0,
               note=f"{events:,} events"),
        Figure(f"saving an attempt of {len(run.events):,} events", save_ms, "ms"),
    ]  # fmt: skip


def _drive_keys(total: int):
    """Send key events through the real widget and report how long each took to handle."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from svctrainer.core.drills.registry import start_run
    from svctrainer.core.packs.definition import Mode
    from svctrainer.core.packs.loader import load_pack
    from svctrainer.gui.drills.drill_screen import DrillScreen

    app = QApplication.instance() or QApplication([])
    definition = load_pack(ROOT / "drills" / "tenkey-amounts-test.en.toml")
    run = start_run(definition, Mode.TEST)
    screen = DrillScreen(run, sounds=False)
    screen.resize(1280, 800)
    screen.show()
    app.processEvents()
    keys = {str(d): Qt.Key(Qt.Key.Key_0 + d) for d in range(10)} | {".": Qt.Key.Key_Period}
    gap_ms = max(1, int(280_000 / (total // 2)))  # fit inside the 300 s test
    stamp = 1_000_000
    timings: list[int] = []
    first_stamp = stamp
    last_press = stamp
    sent = 0
    while sent < total and not run.finished:
        expected = run.expected_key() or "Enter"
        if expected == "Enter":
            key, text = Qt.Key.Key_Return, ""
        else:
            key, text = keys[expected], expected
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.KeypadModifier, text)
            event.setTimestamp(stamp if kind == QEvent.Type.KeyPress else stamp + 1)
            t0 = time.perf_counter_ns()
            QApplication.sendEvent(screen, event)
            timings.append(time.perf_counter_ns() - t0)
            sent += 1
        last_press = stamp
        stamp += gap_ms
        if sent % 2000 == 0:
            app.processEvents()  # let the 100 ms timer and repaints run, as in real use
    result = run.result()
    expected_active_ms = last_press - first_stamp
    timings.sort()
    p50 = timings[len(timings) // 2] / 1e6
    p99 = timings[int(len(timings) * 0.99)] / 1e6
    print(f"{len(timings):,} events through DrillScreen: p50 {p50:.3f} ms, p99 {p99:.3f} ms, "
          f"max {timings[-1] / 1e6:.1f} ms, "
          f"mean {statistics.fmean(timings) / 1e6:.3f} ms")  # fmt: skip
    print(f"timing: events span {expected_active_ms:,} ms, "
          f"engine active {result.active_ms:,} ms "
          f"(error {result.active_ms - expected_active_ms} ms)")  # fmt: skip
    return run, definition.id, p99


def _save(run, pack_id: str) -> float:
    """Time saving the attempt: the whole event log is replayed and committed."""
    from support import FAST_PIN_COST

    from svctrainer.core.packs.definition import Mode
    from svctrainer.core.roles import Role
    from svctrainer.services.actor import Actor
    from svctrainer.services.api import Services

    folder = Path(tempfile.mkdtemp(prefix="svctrainer-bench-"))
    services = Services.open(str(folder / "bench.sqlite3"), pin_cost=FAST_PIN_COST)
    services.content.sync_bundled()
    services.auth.set_up_branch(branch_name="B", admin_name="A", employee_number="A1", pin="1234")
    teller = services.people.create_person(
        Actor.command_line(), name="T", employee_number="T1", pin="1234", roles=[Role.TELLER]
    )
    actor = Actor.person(teller.id, teller.name, teller.employee_number)
    record = next(r for r in services.content.latest(actor) if r.content_id == pack_id)
    events = run.events
    t0 = time.perf_counter()
    services.attempts.record_drill(
        actor, record.id, mode=Mode.TEST, seed=run.seed, events=events, started_at=datetime.now(UTC)
    )
    took = time.perf_counter() - t0
    print(f"saving the attempt ({len(events):,} events, replayed and committed with "
          f"synchronous=FULL): {took * 1000:.0f} ms")  # fmt: skip
    services.close()
    return took * 1000


if __name__ == "__main__":
    main()
