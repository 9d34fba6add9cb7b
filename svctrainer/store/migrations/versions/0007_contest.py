"""Branch skills contests: a contest, and the drills it is sat on.

A contest (``core.contest``) keeps its rules, the one seed that gives every contestant
the same form, its window once started and its standings locked as JSON once closed.
Its attempts are ordinary test attempts (found by drill, seed, person and window), so no
existing table changes: new tables only. A try is used when the paper is handed out
(``contest_sitting``), not when a result is saved.

Revision ID: 0007_contest
Revises: 0006_regions
Create Date: 2026-12-06 15:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

import svctrainer.store.types

revision: str = "0007_contest"
down_revision: str | None = "0006_regions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIME = svctrainer.store.types.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "contest",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("branch_id", sa.Uuid(), nullable=True),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("seed", sa.BigInteger(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("window_minutes", sa.Integer(), nullable=False),
        sa.Column("countdown_s", sa.Integer(), nullable=False),
        sa.Column("started_at", UTC_TIME, nullable=True),
        sa.Column("begins_at", UTC_TIME, nullable=True),
        sa.Column("ends_at", UTC_TIME, nullable=True),
        sa.Column("closed_at", UTC_TIME, nullable=True),
        sa.Column("results", sa.JSON().with_variant(JSONB(), "postgresql"), nullable=True),
        sa.Column("created_by_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["branch_id"], ["branch.id"], name=op.f("fk_contest_branch_id_branch")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["person.id"], name=op.f("fk_contest_created_by_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contest")),
        sa.UniqueConstraint("branch_id", "name", name=op.f("uq_contest_branch_id_name")),
    )
    with op.batch_alter_table("contest", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contest_branch_id"), ["branch_id"], unique=False)
    op.create_table(
        "contest_drill",
        sa.Column("contest_id", sa.Uuid(), nullable=False),
        sa.Column("content_id", sa.String(length=120), nullable=False),
        sa.Column("content_item_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("seed", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contest_id"],
            ["contest.id"],
            name=op.f("fk_contest_drill_contest_id_contest"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["content_item_id"],
            ["content_item.id"],
            name=op.f("fk_contest_drill_content_item_id_content_item"),
        ),
        sa.PrimaryKeyConstraint("contest_id", "content_id", name=op.f("pk_contest_drill")),
    )
    op.create_table(
        "contest_sitting",
        sa.Column("contest_id", sa.Uuid(), nullable=False),
        sa.Column("content_id", sa.String(length=120), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("try_number", sa.Integer(), nullable=False),
        sa.Column("issued_at", UTC_TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["contest_id"],
            ["contest.id"],
            name=op.f("fk_contest_sitting_contest_id_contest"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_contest_sitting_person_id_person")
        ),
        sa.PrimaryKeyConstraint(
            "contest_id", "content_id", "person_id", "try_number", name=op.f("pk_contest_sitting")
        ),
    )


def downgrade() -> None:
    raise NotImplementedError("svctrainer does not downgrade; restore a backup instead")
