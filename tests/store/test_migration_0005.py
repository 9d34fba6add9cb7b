"""A database of schema 0003 holding attempts upgrades to ``completion`` (0005): stored
attempts are reclassified from their event logs, incomplete ones lose their grade, and
the services then leave them out of every figure.

Schema 0003 with data is the 0001 fixture (``fixtures/schema_0001.sqlite3``: eight
ten-key attempts, each stopped after about four seconds, every one graded "Expert")
upgraded to 0003 exactly, plus three attempts copied from them with other endings: a
test that ran out of time, a practice run stopped after two thirds of its three minutes,
and a test whose log never ended.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from pathlib import Path

from schema_history import schema_at
from support import FAST_PIN_COST

from svctrainer.core.keystrokes import decode_events, encode_events
from svctrainer.services.actor import Actor
from svctrainer.services.api import Services
from svctrainer.store.database import Database, resolve_url
from svctrainer.store.migrate import SchemaStatus, ensure_current


def _schema_0003(tmp_path: Path) -> Path:
    return schema_at(tmp_path, "0003_queue_tickets")


def _copy(conn: sqlite3.Connection, mode: str, *, ended_by, keep, duration_ms=None) -> str:
    """A copy of one of the fixture's attempts in ``mode`` with another ending: its log
    keeps the events ``keep`` accepts, its stored result says ``ended_by``."""
    source_id, details, duration = conn.execute(
        "SELECT id, details, duration_ms FROM attempt WHERE mode = ? LIMIT 1", (mode,)
    ).fetchone()
    (data,) = conn.execute(
        "SELECT data FROM attempt_event WHERE attempt_id = ?", (source_id,)
    ).fetchone()
    events = [e for e in decode_events(data) if keep(e)]
    stored = json.loads(details)
    stored["ended_by"] = ended_by
    new_id = uuid.uuid4().hex
    columns = [n for (n,) in conn.execute("SELECT name FROM pragma_table_info('attempt')")]
    picked = ", ".join("?" if n in ("id", "details", "duration_ms") else n for n in columns)
    conn.execute(
        f"INSERT INTO attempt ({', '.join(columns)}) SELECT {picked} FROM attempt "  # noqa: S608
        "WHERE id = ?",
        [
            *(
                {
                    "id": new_id,
                    "details": json.dumps(stored),
                    "duration_ms": duration_ms or duration,
                }[n]
                for n in columns
                if n in ("id", "details", "duration_ms")
            ),
            source_id,
        ],
    )
    conn.execute(
        "INSERT INTO attempt_event (attempt_id, encoding, event_count, data) VALUES (?, ?, ?, ?)",
        (new_id, "keystrokes-v1", len(events), encode_events(events)),
    )
    return new_id


def test_stored_attempts_are_reclassified_from_their_logs(tmp_path):
    path = _schema_0003(tmp_path)
    with sqlite3.connect(path) as conn:
        timed_out = _copy(conn, "test", ended_by="time_limit", keep=lambda e: e.key != "<stop>")
        timed_out_log = conn.execute(
            "SELECT data FROM attempt_event WHERE attempt_id = ?", (timed_out,)
        ).fetchone()[0]
        last = decode_events(timed_out_log)[-1].t_ns
        conn.execute(
            "UPDATE attempt_event SET data = ? WHERE attempt_id = ?",
            (
                encode_events([*decode_events(timed_out_log), _timeup(last)]),
                timed_out,
            ),
        )
        long_practice = _copy(
            conn, "practice", ended_by="stopped", keep=lambda e: True, duration_ms=120_000
        )
        never_ended = _copy(conn, "test", ended_by=None, keep=lambda e: e.key != "<stop>")
        graded_before = conn.execute("SELECT COUNT(*) FROM attempt WHERE grade IS NOT NULL")
        assert graded_before.fetchone() == (11,)

    db = Database(resolve_url(str(path)))
    state = ensure_current(db)
    assert (state.status, state.revision) == (SchemaStatus.OUTDATED, "0003_queue_tickets")
    db.dispose()

    with sqlite3.connect(path) as conn:
        rows = dict(
            conn.execute("SELECT id, completion || ':' || COALESCE(grade, '-') FROM attempt")
        )
        indexed = [
            n for (n,) in conn.execute("SELECT name FROM pragma_index_info(?)", (
                "ix_attempt_content_mode_person",
            ))
        ]  # fmt: skip
    assert rows.pop(timed_out) == "complete:Expert"
    assert rows.pop(long_practice) == "complete:Expert"
    assert rows.pop(never_ended) == "abandoned:-"
    assert sorted(rows.values()) == ["incomplete:-"] * 8  # the fixture's stopped runs
    assert "completion" in indexed

    services = Services.open(str(path), pin_cost=FAST_PIN_COST)
    try:
        cli = Actor.command_line()
        teller = next(p for p in services.people.list_people(cli) if p.employee_number == "T1")
        history = services.attempts.history(cli, teller.id)
        assert len(history) == 11
        counted = {a.id.hex for a in history if a.counts}
        assert counted == {timed_out, long_practice}
        for record in history:  # the reclassified rows agree with a replay of their logs
            if record.id.hex not in (timed_out, long_practice, never_ended):
                assert services.attempts.rescore(cli, record.id).matches
    finally:
        services.close()


def _timeup(t_ns: int):
    from svctrainer.core.keystrokes import CONTROL_TIMEUP, KeyEvent

    return KeyEvent(t_ns + 1, CONTROL_TIMEUP)
