"""The stall rule's recent window kept current: ``progress_recent`` (issue 17 point 4).

A derived table (``models.ProgressRecent``): per person and content item, the counted
attempts since a horizon eight weeks before the pair's latest counted attempt, packed
into one value. Built here from the attempts already stored, pair by pair (an index
range scan each; about 7 s for a million attempts, 500 people, 4 000 pairs), with the queries
of ``store.recent_attempts`` written out and its packing (``pack``, ``horizon_of``: pure
functions of the rows) reused; from then on every write keeps it current. No existing
row changes.

Revision ID: 0011_progress_recent
Revises: 0010_contest_options
Create Date: 2026-12-07 00:50:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import svctrainer.store.types
from svctrainer.store.recent_attempts import horizon_of, pack

revision: str = "0011_progress_recent"
down_revision: str | None = "0010_contest_options"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIME = svctrainer.store.types.UTCDateTime(timezone=True)

attempt = sa.table(
    "attempt",
    sa.column("person_id", sa.Uuid()),
    sa.column("content_item_id", sa.Uuid()),
    sa.column("mode", sa.String()),
    sa.column("started_at", UTC_TIME),
    sa.column("speed", sa.Float()),
    sa.column("accuracy", sa.Float()),
    sa.column("score", sa.Float()),
    sa.column("valid", sa.Boolean()),
    sa.column("completion", sa.String()),
    sa.column("invalidated_reason", sa.Text()),
)
summary = sa.table(
    "progress_summary",
    sa.column("person_id", sa.Uuid()),
    sa.column("content_item_id", sa.Uuid()),
    sa.column("last_counted_at", UTC_TIME),
)
recent = sa.table(
    "progress_recent",
    sa.column("person_id", sa.Uuid()),
    sa.column("content_item_id", sa.Uuid()),
    sa.column("horizon", UTC_TIME),
    sa.column("attempts", sa.Integer()),
    sa.column("packed", sa.LargeBinary()),
)


def upgrade() -> None:
    op.create_table(
        "progress_recent",
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("content_item_id", sa.Uuid(), nullable=False),
        sa.Column("horizon", UTC_TIME, nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("packed", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["content_item_id"],
            ["content_item.id"],
            name=op.f("fk_progress_recent_content_item_id_content_item"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_progress_recent_person_id_person")
        ),
        sa.PrimaryKeyConstraint("person_id", "content_item_id", name=op.f("pk_progress_recent")),
    )
    op.create_index(
        "ix_progress_recent_content_item", "progress_recent", ["content_item_id"], unique=False
    )
    backfill(op.get_bind())


def downgrade() -> None:
    raise NotImplementedError("svctrainer does not downgrade; restore a backup instead")


def backfill(conn: sa.Connection) -> None:
    """A row for every pair with a counted attempt (the summary's latest counted one)."""
    a = attempt.c
    pairs = conn.execute(
        sa.select(summary.c.person_id, summary.c.content_item_id, summary.c.last_counted_at)
        .where(summary.c.last_counted_at.is_not(None))
    ).all()  # fmt: skip
    rows = []
    for pid, iid, last in pairs:
        horizon = horizon_of(last)
        attempts = conn.execute(
            sa.select(a.started_at, a.speed, a.accuracy, a.score).where(
                a.person_id == pid,
                a.content_item_id == iid,
                a.started_at >= horizon,
                a.mode.in_(("logged", "practice", "test")),
                a.valid.is_(True),
                a.completion == "complete",
                a.invalidated_reason.is_(None),
            )
        ).all()
        rows.append({"person_id": pid, "content_item_id": iid, "horizon": horizon,
                     "attempts": len(attempts), "packed": pack(horizon, attempts)})  # fmt: skip
        if len(rows) >= 500:
            conn.execute(recent.insert(), rows)
            rows = []
    if rows:
        conn.execute(recent.insert(), rows)
