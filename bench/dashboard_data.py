"""A large synthetic branch for ``bench_dashboard.py``: people × attempts, bulk-inserted.

Rows go straight into SQLite with ``executemany`` (about 10 s for a million attempts), or
into PostgreSQL with ``COPY`` (``generate_postgresql``), bypassing the services: the
benchmark measures reading, not recording. The attempt indexes are built once after the
load, and the progress summary the dashboards read is then built in bulk by
``store.progress_summary.rebuild`` (what migration 0008's backfill does). The data look
like the real thing where the queries care: practice and test packs of four drill
families plus one scenario, learning curves with noise, a few invalid and invalidated
attempts, per-key statistics on ten-key attempts (the heatmap reads them) and SERVQUAL
points on scenario runs.
"""

from __future__ import annotations

import json
import math
import random
import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from svctrainer.store.models import utcnow

TEAM_SIZE = 20
SPAN_DAYS = 730
TEST_SHARE = 0.12
TENKEY_KEYS = (*"0123456789", ".", "Enter")
SERVQUAL = ("reliability", "responsiveness", "assurance", "empathy", "tangibles")
TIERS = ("not_met", "satisfaction", "comfort", "delight")


@dataclass(frozen=True, slots=True)
class Family:
    practice: str
    test: str | None
    unit: str | None
    start: float  # speed at the first session
    plateau: float  # speed after long practice
    share: float  # of each person's attempts


FAMILIES = (
    Family("tenkey-amounts-practice.en", "tenkey-amounts-test.en", "net_kph", 4200, 10500, 0.40),
    Family("data-entry-practice.en", "data-entry-test.en", "cpm", 110, 260, 0.25),
    Family("cash-counting-practice.en", "cash-counting-test.en", "notes_per_min", 70, 190, 0.20),
    Family(
        "voucher-summing-practice.en", "voucher-summing-test.en", "vouchers_per_min", 3, 9, 0.10
    ),
    Family("angry-transfer.en", None, None, 30, 90, 0.05),
)


def _ts(moment: datetime) -> str:
    """SQLAlchemy's SQLite DATETIME text for a UTC moment."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def generate(
    path: Path, people: int, per_person: int, *, seed: int = 6, now: datetime | None = None
) -> dict[str, object]:
    """Fill the (migrated, content-synced) database at ``path``; returns ids of interest."""
    rng = random.Random(seed)
    now = now or utcnow()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    items = dict(conn.execute("SELECT content_id, id FROM content_item"))
    person_ids, supervisor = _people(conn, people, _ts(now))
    # Building the attempt indexes once at the end is several times faster than keeping
    # them up to date through a million inserts.
    indexes = [
        sql
        for (sql,) in conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'attempt' "
            "AND sql IS NOT NULL"
        )
    ]
    for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'attempt' "
        "AND sql IS NOT NULL"
    ).fetchall():
        conn.execute(f'DROP INDEX "{name}"')
    for rows in _attempts(rng, items, person_ids, per_person=per_person, now=now):
        conn.executemany(INSERT_ATTEMPT, rows)
    conn.commit()
    for sql in indexes:
        conn.execute(sql)
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    summarise(str(path))
    return {"supervisor": supervisor, "person": person_ids[0], "team": "Team 01"}


def summarise(url: str) -> None:
    """Build the progress summary from the loaded attempts in one pass (as migration 0008
    does); a database of an older schema (no summary) is left as it is."""
    from sqlalchemy import inspect

    from svctrainer.store.database import Database, resolve_url
    from svctrainer.store.progress_summary import rebuild

    db = Database(resolve_url(url))
    try:
        if inspect(db.engine).has_table("progress_summary"):
            with db.writing() as session:
                rebuild(session)
    finally:
        db.dispose()


ATTEMPT_COLUMNS = (
    "id", "person_id", "content_item_id", "mode", "started_at", "duration_ms", "speed",
    "speed_unit", "accuracy", "score", "grade", "valid", "invalidated_reason", "seed",
    "app_version", "workstation", "details", "recorded_at",
)  # fmt: skip
_MARKS = ", ".join("?" * len(ATTEMPT_COLUMNS))
INSERT_ATTEMPT = f"INSERT INTO attempt ({', '.join(ATTEMPT_COLUMNS)}) VALUES ({_MARKS})"  # noqa: S608
PERSON_COLUMNS = (
    "id", "branch_id", "team_id", "employee_number", "name", "pin_hash", "active",
    "failed_pin_count", "locked_until", "created_at", "updated_at",
)  # fmt: skip


def generate_postgresql(
    url: str, people: int, per_person: int, *, seed: int = 6, now: datetime | None = None
) -> dict[str, object]:
    """The same branch in the (migrated, content-synced) PostgreSQL database at ``url``:
    ``COPY`` for every row, the attempt indexes dropped during the load and built after
    it, foreign keys not checked row by row (``session_replication_role``)."""
    import psycopg

    rng = random.Random(seed)
    now = now or utcnow()
    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn) as conn:
        conn.execute("SET TIME ZONE 'UTC'")
        conn.execute("SET session_replication_role = replica")
        conn.execute("SET maintenance_work_mem = '256MB'")
        items = {c: i.hex for c, i in conn.execute("SELECT content_id, id FROM content_item")}
        person_ids, supervisor = _people_postgresql(conn, people, _ts(now))
        indexes = conn.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'attempt' "
            "AND indexname <> 'pk_attempt'"
        ).fetchall()
        for name, _sql in indexes:
            conn.execute(f'DROP INDEX "{name}"')
        columns = ", ".join(ATTEMPT_COLUMNS)
        with conn.cursor().copy(f"COPY attempt ({columns}) FROM STDIN") as copy:
            for rows in _attempts(rng, items, person_ids, per_person=per_person, now=now):
                for row in rows:
                    copy.write_row(row)
        for _name, sql in indexes:
            conn.execute(sql)
        conn.commit()
    summarise(url)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("ANALYZE")
    return {"supervisor": supervisor, "person": person_ids[0], "team": "Team 01"}


def _people_postgresql(conn: Any, people: int, stamp: str) -> tuple[list[str], str]:
    branch_id = uuid.uuid4().hex
    conn.execute(
        "INSERT INTO branch (id, name, created_at) VALUES (%s, %s, %s)",
        (branch_id, "Benchmark Branch", stamp),
    )
    teams = [uuid.uuid4().hex for _ in range(math.ceil(people / TEAM_SIZE))]
    with conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO team (id, branch_id, name, created_at) VALUES (%s, %s, %s, %s)",
            [(t, branch_id, f"Team {i + 1:02d}", stamp) for i, t in enumerate(teams)],
        )
        rows, roles, ids = _people_rows(people, branch_id, teams, stamp)
        marks = ", ".join(["%s"] * len(PERSON_COLUMNS))
        cur.executemany(
            f"INSERT INTO person ({', '.join(PERSON_COLUMNS)}) VALUES ({marks})",  # noqa: S608
            [(*r[:6], bool(r[6]), *r[7:]) for r in rows],
        )
        cur.executemany("INSERT INTO person_role (person_id, role) VALUES (%s, %s)", roles)
    return ids[:-1], ids[-1]


def _people(conn: sqlite3.Connection, people: int, stamp: str) -> tuple[list[str], str]:
    """A branch, teams of ``TEAM_SIZE`` tellers, and one supervisor (returned last)."""
    branch_id = uuid.uuid4().hex
    conn.execute("INSERT INTO branch VALUES (?, ?, ?)", (branch_id, "Benchmark Branch", stamp))
    teams = [uuid.uuid4().hex for _ in range(math.ceil(people / TEAM_SIZE))]
    conn.executemany(
        "INSERT INTO team (id, branch_id, name, created_at) VALUES (?, ?, ?, ?)",
        [(t, branch_id, f"Team {i + 1:02d}", stamp) for i, t in enumerate(teams)],
    )
    rows, roles, ids = _people_rows(people, branch_id, teams, stamp)
    marks = ", ".join("?" * len(PERSON_COLUMNS))
    names = ", ".join(PERSON_COLUMNS)
    conn.executemany(f"INSERT INTO person ({names}) VALUES ({marks})", rows)  # noqa: S608
    conn.executemany("INSERT INTO person_role VALUES (?, ?)", roles)
    conn.commit()
    return ids[:-1], ids[-1]


def _people_rows(
    people: int, branch_id: str, teams: list[str], stamp: str
) -> tuple[list[tuple[object, ...]], list[tuple[str, str]], list[str]]:
    """Person rows, role rows and the ids: ``people`` tellers, then the supervisor."""
    person_rows: list[tuple[object, ...]] = []
    role_rows = []
    ids = []
    for i in range(people):
        pid = uuid.uuid4().hex
        ids.append(pid)
        person_rows.append(
            (pid, branch_id, teams[i // TEAM_SIZE], f"E{i:05d}", f"Teller {i:05d}", "x", 1, 0,
             None, stamp, stamp)
        )  # fmt: skip
        role_rows.append((pid, "teller"))
    supervisor = uuid.uuid4().hex
    person_rows.append(
        (supervisor, branch_id, None, "SUP1", "Bench Supervisor", "x", 1, 0, None, stamp, stamp)
    )
    role_rows.append((supervisor, "supervisor"))
    ids.append(supervisor)
    return person_rows, role_rows, ids


def _attempts(
    rng: random.Random,
    items: dict[str, str],
    person_ids: list[str],
    *,
    per_person: int,
    now: datetime,
) -> Iterator[list[tuple[object, ...]]]:
    """Each person's attempts (``ATTEMPT_COLUMNS``), one list per person."""
    weights = [f.share for f in FAMILIES]
    first = now - timedelta(days=SPAN_DAYS)
    for pid in person_ids:
        talent = rng.uniform(0.7, 1.3)
        pace = rng.uniform(80, 600)  # sessions to get most of the way to the plateau
        # One sorted list of start times per person: a steady habit with gaps.
        offsets = sorted(rng.uniform(0, SPAN_DAYS * 86400) for _ in range(per_person))
        rows = []
        for n, offset in enumerate(offsets):
            family = rng.choices(FAMILIES, weights)[0]
            test = family.test is not None and rng.random() < TEST_SHARE
            content = items[family.test if test else family.practice]
            learnt = 1 - math.exp(-n / pace)
            level = (family.start + (family.plateau - family.start) * learnt) * talent
            speed = max(1.0, rng.gauss(level, level * 0.08))
            accuracy = min(1.0, max(0.5, rng.gauss(0.9 + 0.08 * learnt, 0.02)))
            score = min(100.0, speed / family.plateau * 80 * accuracy)
            valid = rng.random() > 0.02
            reason = "bench: invalidated" if valid and rng.random() < 0.002 else None
            details: dict[str, object]
            grade = None
            if family.unit is None:  # a scenario run
                tier = min(3, int(learnt * 3.2 + rng.random()))
                grade = TIERS[tier]
                details = {
                    "tier": grade,
                    "tier_level": tier,
                    "servqual": {d: rng.randint(0, 2 + tier * 2) for d in SERVQUAL},
                }
                speed_value, score = None, 25.0 * tier + rng.uniform(0, 20)
            elif family.unit == "net_kph":
                details = {"details": {"key_stats": _key_stats(rng, learnt)}}
                speed_value = speed
            else:
                details = {"details": {}}
                speed_value = speed
            started = first + timedelta(seconds=offset)
            rows.append(
                (_next_id(), pid, content, "test" if test else "practice", _ts(started),
                 300_000 if test else 180_000, speed_value, family.unit, accuracy, score, grade,
                 int(valid), reason, rng.getrandbits(62), "bench", "bench",
                 json.dumps(details), _ts(started + timedelta(minutes=5)))
            )  # fmt: skip
        yield rows


_SEQUENCE = iter(range(1, 1 << 62))


def _next_id() -> str:
    """Increasing ids (time-ordered like UUIDv7) so the primary-key index is appended to,
    not split at random a million times; the queries measured never read by id order."""
    return f"{next(_SEQUENCE):016x}{uuid.uuid4().hex[16:]}"


def _key_stats(rng: random.Random, learnt: float) -> dict[str, dict[str, int]]:
    stats = {}
    for key in TENKEY_KEYS:
        hits = rng.randint(8, 40)
        slow = 1.6 if key in ("7", "0") else 1.0  # two weak keys that improve with practice
        mean_ms = (520 - 260 * learnt) * (slow - (slow - 1) * learnt) * rng.uniform(0.85, 1.15)
        stats[key] = {
            "hits": hits,
            "errors": rng.randint(0, max(1, int(4 * (1 - learnt) * slow))),
            "latency_ns": int(mean_ms * 1_000_000 * hits),
            "latency_samples": hits,
        }
    return stats
