"""A large synthetic branch for ``bench_dashboard.py``: people × attempts, bulk-inserted.

Rows go straight into SQLite with ``executemany`` (about 10 s for a million attempts),
bypassing the services: the benchmark measures reading, not recording. The data look
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
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

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
    _attempts(conn, rng, items, person_ids, per_person=per_person, now=now)
    conn.commit()
    for sql in indexes:
        conn.execute(sql)
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return {"supervisor": supervisor, "person": person_ids[0], "team": "Team 01"}


def _people(conn: sqlite3.Connection, people: int, stamp: str) -> tuple[list[str], str]:
    """A branch, teams of ``TEAM_SIZE`` tellers, and one supervisor (returned last)."""
    branch_id = uuid.uuid4().hex
    conn.execute("INSERT INTO branch VALUES (?, ?, ?)", (branch_id, "Benchmark Branch", stamp))
    teams = [uuid.uuid4().hex for _ in range(math.ceil(people / TEAM_SIZE))]
    conn.executemany(
        "INSERT INTO team (id, branch_id, name, created_at) VALUES (?, ?, ?, ?)",
        [(t, branch_id, f"Team {i + 1:02d}", stamp) for i, t in enumerate(teams)],
    )
    person_rows = []
    role_rows = []
    person_ids = []
    for i in range(people):
        pid = uuid.uuid4().hex
        person_ids.append(pid)
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
    conn.executemany("INSERT INTO person VALUES (?,?,?,?,?,?,?,?,?,?,?)", person_rows)
    conn.executemany("INSERT INTO person_role VALUES (?, ?)", role_rows)
    conn.commit()
    return person_ids, supervisor


def _attempts(
    conn: sqlite3.Connection,
    rng: random.Random,
    items: dict[str, str],
    person_ids: list[str],
    *,
    per_person: int,
    now: datetime,
) -> None:
    insert = (
        "INSERT INTO attempt (id, person_id, content_item_id, mode, started_at, duration_ms, "
        "speed, speed_unit, accuracy, score, grade, valid, invalidated_reason, seed, "
        "app_version, workstation, details, recorded_at) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
    )
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
        conn.executemany(insert, rows)


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
