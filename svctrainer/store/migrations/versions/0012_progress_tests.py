"""The branch summary's figures of a pair in its recent row: ``progress_recent.tests_packed``.

Per person and content item, beside the stall rule's recent window (0011), the pair's
count of counted tests with a headline value, its latest counted attempt and its kept
first and last three tests (``store.recent_attempts.pack_tests``), so the supervisor's
branch summary reads one row a pair instead of three tables (issue 17 point 4). Built
here from ``progress_summary`` and ``progress_test_edge`` (both kept current since
0009), with the packing of ``store.recent_attempts`` reused (a pure function of the
rows); from then on every write keeps it current. No other column or row changes.

Revision ID: 0012_progress_tests
Revises: 0011_progress_recent
Create Date: 2026-12-07 03:20:00
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

import svctrainer.store.types
from svctrainer.store.recent_attempts import pack_tests

revision: str = "0012_progress_tests"
down_revision: str | None = "0011_progress_recent"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIME = svctrainer.store.types.UTCDateTime(timezone=True)

summary = sa.table(
    "progress_summary",
    sa.column("person_id", sa.Uuid()),
    sa.column("content_item_id", sa.Uuid()),
    sa.column("tests", sa.Integer()),
    sa.column("last_counted_at", UTC_TIME),
)
edge = sa.table(
    "progress_test_edge",
    sa.column("person_id", sa.Uuid()),
    sa.column("content_item_id", sa.Uuid()),
    sa.column("attempt_id", sa.Uuid()),
    sa.column("started_at", UTC_TIME),
    sa.column("speed", sa.Float()),
    sa.column("score", sa.Float()),
)
recent = sa.table(
    "progress_recent",
    sa.column("person_id", sa.Uuid()),
    sa.column("content_item_id", sa.Uuid()),
    sa.column("horizon", UTC_TIME),
    sa.column("tests_packed", sa.LargeBinary()),
)


def upgrade() -> None:
    op.add_column(
        "progress_recent",
        sa.Column("tests_packed", sa.LargeBinary(), nullable=False, server_default=""),
    )
    backfill(op.get_bind())


def downgrade() -> None:
    raise NotImplementedError("svctrainer does not downgrade; restore a backup instead")


def backfill(conn: sa.Connection) -> None:
    """Every recent row (a pair with a counted attempt) packs its summary and kept tests."""
    totals = {
        (pid, iid): (tests, last)
        for pid, iid, tests, last in conn.execute(
            sa.select(summary.c.person_id, summary.c.content_item_id, summary.c.tests,
                      summary.c.last_counted_at)
        )
    }  # fmt: skip
    kept: dict[tuple[Any, Any], list[Any]] = {}
    e = edge.c
    for pid, iid, attempt_id, started_at, speed, score in conn.execute(
        sa.select(e.person_id, e.content_item_id, e.attempt_id, e.started_at, e.speed, e.score)
    ):
        kept.setdefault((pid, iid), []).append((attempt_id, started_at, speed, score))
    r = recent.c
    update = (
        recent.update()
        .where(r.person_id == sa.bindparam("pid"), r.content_item_id == sa.bindparam("iid"))
        .values(tests_packed=sa.bindparam("blob"))
    )
    rows = []
    for pid, iid, horizon in conn.execute(sa.select(r.person_id, r.content_item_id, r.horizon)):
        tests, last = totals[(pid, iid)]
        blob = pack_tests(horizon, tests, last, kept.get((pid, iid), ()))
        rows.append({"pid": pid, "iid": iid, "blob": blob})
        if len(rows) >= 500:
            conn.execute(update, rows)
            rows = []
    if rows:
        conn.execute(update, rows)
