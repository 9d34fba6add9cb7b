"""A database of schema 0011 holding people and attempts upgrades to the branch summary's
figures kept in the recent rows (0012, ``progress_recent.tests_packed``) without changing
any other column or row; the packed figures equal the recomputation from the attempts,
the branch summary then reads them (the same lines as from the attempts) and every write
keeps them current.

Schema 0011 with data is the 0001 fixture (``fixtures/schema_0001.sqlite3``: a branch,
its people and eight ten-key attempts) upgraded to 0011, plus attempts written in that
schema over three months on both ten-key items (tests on each, so a person's tests on the
skill merge across items), some at the same second (the attempt id breaks the tie), an
invalidated test, a practice run and an incomplete test; the derived tables as release
0011 kept them (its own backfills).
"""

from __future__ import annotations

import importlib.util
import sqlite3
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from schema_history import schema_at, table_rows
from sqlalchemy import create_engine
from summary_support import (
    assert_current,
    assert_figures_as_from_attempts,
    expected_tests,
    stored_tests,
)
from support import FAST_PIN_COST

from svctrainer.services.actor import Actor
from svctrainer.services.api import Services
from svctrainer.store.database import Database, resolve_url
from svctrainer.store.migrate import SchemaStatus, ensure_current
from svctrainer.store.migrations import HEAD_REVISION, SCRIPT_LOCATION

CLI = Actor.command_line()
START = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)
NOW = START + timedelta(days=91)


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def _migration(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(
        name, Path(SCRIPT_LOCATION) / "versions" / f"{name}.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _schema_0011(tmp_path: Path) -> Path:
    path = schema_at(tmp_path, "0011_progress_recent")
    with sqlite3.connect(path) as conn:  # more history, written as release 0011 wrote it
        items = [i for (i,) in conn.execute("SELECT id FROM content_item ORDER BY content_id")]
        people = [p for (p,) in conn.execute("SELECT DISTINCT person_id FROM attempt")]
        rows = []
        for n in range(60):
            person = people[n % len(people)]
            item = items[(n // 3) % len(items)]  # tests on both items of the skill
            # pairs of attempts at the same moment: the id decides their order
            at = START + timedelta(days=(n // 2) * 3, microseconds=999_700 * (n % 3 == 1))
            invalidated = "keyed by a colleague" if n == 33 else None
            mode = "practice" if n % 7 == 4 else "test"
            completion = "incomplete" if n == 35 else "complete"
            rows.append((uuid.uuid4().hex, person, item, mode, _stamp(at), 300_000,
                         4000.0 + 37 * n, "net_kph", 0.95, None, None, 1, completion,
                         invalidated, 1, "0.7", "ws", "{}", _stamp(at)))  # fmt: skip
        conn.executemany(
            "INSERT INTO attempt (id, person_id, content_item_id, mode, started_at, "
            "duration_ms, speed, speed_unit, accuracy, score, grade, valid, completion, "
            "invalidated_reason, seed, app_version, workstation, details, recorded_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
    # The derived tables as release 0011 kept them: its own backfills over every attempt.
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        for table in ("progress_recent", "progress_test_edge", "progress_summary"):
            conn.exec_driver_sql(f"DELETE FROM {table}")  # noqa: S608
        _migration("0009_progress_summary").backfill(conn)
        _migration("0011_progress_recent").backfill(conn)
    engine.dispose()
    return path


def test_upgrade_packs_each_pairs_tests_from_the_stored_summary(tmp_path):
    path = _schema_0011(tmp_path)
    before = table_rows(path)
    assert "tests_packed" not in str(before.keys())

    db = Database(resolve_url(str(path)))
    state = ensure_current(db, backup=False)
    assert (state.status, state.revision) == (SchemaStatus.OUTDATED, "0011_progress_recent")
    after = table_rows(path)
    assert {t: after[t] for t in before if t != "progress_recent"} == {
        t: rows for t, rows in before.items() if t != "progress_recent"
    }
    # the recent rows keep every column they had; the new one is last
    assert [r[:-1] for r in after["progress_recent"]] == before["progress_recent"]
    packed = stored_tests(db)
    assert packed == expected_tests(db)
    assert len(packed) == len(before["progress_recent"])
    merged = {pid for (pid, _iid), (tests, _last, _kept) in packed.items() if tests}
    assert len(merged) < sum(1 for t, _l, _k in packed.values() if t), (
        "someone with tests on both items of the skill"
    )
    assert all(len(kept) <= 6 for _t, _l, kept in packed.values())
    assert any(len(kept) == 6 for _t, _l, kept in packed.values()), "more tests than kept"
    db.dispose()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (
            HEAD_REVISION,
        )

    services = Services.open(str(path), pin_cost=FAST_PIN_COST)
    try:
        assert_current(services.db)
        assert_figures_as_from_attempts(services, CLI, NOW)
        with sqlite3.connect(path) as conn:  # a kept test invalidated: the next one moves in
            (latest,) = conn.execute(
                "SELECT id FROM attempt WHERE valid = 1 AND completion = 'complete' AND "
                "invalidated_reason IS NULL AND mode = 'test' ORDER BY started_at DESC LIMIT 1"
            ).fetchone()
        services.attempts.invalidate(CLI, uuid.UUID(latest), "keyed by a colleague")
        assert_current(services.db)
        assert_figures_as_from_attempts(services, CLI, NOW)
    finally:
        services.close()
