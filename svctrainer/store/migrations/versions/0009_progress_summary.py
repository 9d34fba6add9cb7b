"""The progress summary: per person and content item, what the branch and region
dashboards read, so they no longer scan every attempt (issue 17 point 4, issue 16 point 5).

Two derived tables (``models.ProgressSummary``, ``models.ProgressTestEdge``): counts of
attempts, tests and counted attempts, the latest counted attempt's start, and the first
and last three counted tests with a headline value (score for a scenario, speed for a
drill). Built here from the attempts already stored, with the rules of
``store.progress_summary`` written out so this revision keeps meaning what it meant when
that module changes; from then on every write keeps them current. No existing row changes.

Revision ID: 0009_progress_summary
Revises: 0008_workstation_branch
Create Date: 2026-12-06 18:45:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import svctrainer.store.types

revision: str = "0009_progress_summary"
down_revision: str | None = "0008_workstation_branch"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIME = svctrainer.store.types.UTCDateTime(timezone=True)
EDGE_TESTS = 3

attempt = sa.table(
    "attempt",
    sa.column("id", sa.Uuid()),
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
content_item = sa.table("content_item", sa.column("id", sa.Uuid()), sa.column("kind", sa.String()))


def upgrade() -> None:
    op.create_table(
        "progress_summary",
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("content_item_id", sa.Uuid(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("test_attempts", sa.Integer(), nullable=False),
        sa.Column("counted", sa.Integer(), nullable=False),
        sa.Column("tests", sa.Integer(), nullable=False),
        sa.Column("last_counted_at", UTC_TIME, nullable=True),
        sa.ForeignKeyConstraint(
            ["content_item_id"],
            ["content_item.id"],
            name=op.f("fk_progress_summary_content_item_id_content_item"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_progress_summary_person_id_person")
        ),
        sa.PrimaryKeyConstraint("person_id", "content_item_id", name=op.f("pk_progress_summary")),
    )
    op.create_index(
        "ix_progress_summary_content_item", "progress_summary", ["content_item_id"], unique=False
    )
    op.create_table(
        "progress_test_edge",
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("content_item_id", sa.Uuid(), nullable=False),
        sa.Column("attempt_id", sa.Uuid(), nullable=False),
        sa.Column("started_at", UTC_TIME, nullable=False),
        sa.Column("speed", sa.Float(), nullable=True),
        sa.Column("accuracy", sa.Float(), nullable=True),
        sa.Column("score", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["content_item_id"],
            ["content_item.id"],
            name=op.f("fk_progress_test_edge_content_item_id_content_item"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_progress_test_edge_person_id_person")
        ),
        sa.PrimaryKeyConstraint(
            "person_id", "content_item_id", "attempt_id", name=op.f("pk_progress_test_edge")
        ),
    )
    backfill(op.get_bind())


def downgrade() -> None:
    raise NotImplementedError("svctrainer does not downgrade; restore a backup instead")


def backfill(conn: sa.Connection) -> None:
    """Both tables from every stored attempt, in two INSERT … SELECT statements."""
    a, item = attempt, content_item
    counted = sa.and_(
        a.c.valid.is_(True), a.c.completion == "complete", a.c.invalidated_reason.is_(None)
    )
    value = sa.case((item.c.kind == "scenario", a.c.score), else_=a.c.speed)
    is_test = a.c.mode == "test"
    summary = sa.table(
        "progress_summary",
        *(sa.column(n) for n in ("person_id", "content_item_id", "attempts", "test_attempts",
                                 "counted", "tests", "last_counted_at")),
    )  # fmt: skip
    conn.execute(
        summary.insert().from_select(
            [c.name for c in summary.c],
            sa.select(
                a.c.person_id,
                a.c.content_item_id,
                sa.func.count(),
                sa.func.sum(sa.case((is_test, 1), else_=0)),
                sa.func.sum(sa.case((counted, 1), else_=0)),
                sa.func.sum(sa.case((sa.and_(counted, is_test, value.is_not(None)), 1), else_=0)),
                sa.func.max(sa.case((counted, a.c.started_at), else_=None)),
            )
            .join(item, item.c.id == a.c.content_item_id)
            .group_by(a.c.person_id, a.c.content_item_id),
        )
    )
    pair = (a.c.person_id, a.c.content_item_id)
    ranked = (
        sa.select(
            a.c.person_id,
            a.c.content_item_id,
            a.c.id,
            a.c.started_at,
            a.c.speed,
            a.c.accuracy,
            a.c.score,
            sa.func.row_number()
            .over(partition_by=pair, order_by=(a.c.started_at, a.c.id))
            .label("up"),
            sa.func.row_number()
            .over(partition_by=pair, order_by=(a.c.started_at.desc(), a.c.id.desc()))
            .label("down"),
        )
        .join(item, item.c.id == a.c.content_item_id)
        .where(is_test, counted, value.is_not(None))
        .subquery("ranked")
    )
    r = ranked.c
    edge = sa.table(
        "progress_test_edge",
        *(sa.column(n) for n in ("person_id", "content_item_id", "attempt_id", "started_at",
                                 "speed", "accuracy", "score")),
    )  # fmt: skip
    conn.execute(
        edge.insert().from_select(
            [c.name for c in edge.c],
            sa.select(
                r.person_id, r.content_item_id, r.id, r.started_at, r.speed, r.accuracy, r.score
            ).where(sa.or_(r.up <= EDGE_TESTS, r.down <= EDGE_TESTS)),
        )
    )
