"""Queue-ticket data: imported exports, their tickets, and per-hour queue figures.

A branch imports its queue-ticket system's export (``svctrainer queue import``); the
tickets are kept, their later moments as durations (so an overlapping export adds only
what is new, and the share waiting longer than any target can be counted), and summed
per local day and clock hour (``queue_hour``), which is what the customer-time figures
read. New tables only: no existing row changes.

Revision ID: 0003_queue_tickets
Revises: 0002
Create Date: 2026-12-06 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import svctrainer.store.types

revision: str = "0003_queue_tickets"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIME = svctrainer.store.types.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "queue_import",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("branch_id", sa.Uuid(), nullable=False),
        sa.Column("file_name", sa.String(length=260), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("encoding", sa.String(length=20), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("added", sa.Integer(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("imported_at", UTC_TIME, nullable=False),
        sa.Column("imported_by", sa.String(length=160), nullable=False),
        sa.ForeignKeyConstraint(
            ["branch_id"], ["branch.id"], name=op.f("fk_queue_import_branch_id_branch")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_queue_import")),
    )
    with op.batch_alter_table("queue_import", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_queue_import_branch_id"), ["branch_id"], unique=False)

    op.create_table(
        "queue_ticket",
        sa.Column("branch_id", sa.Uuid(), nullable=False),
        sa.Column("issued_at", UTC_TIME, nullable=False),
        sa.Column("ticket", sa.String(length=32), nullable=False),
        sa.Column("import_id", sa.Uuid(), nullable=False),
        sa.Column("business_type", sa.String(length=60), nullable=False),
        sa.Column("window", sa.String(length=32), nullable=False),
        sa.Column("local_day", sa.Date(), nullable=False),
        sa.Column("local_hour", sa.Integer(), nullable=False),
        sa.Column("utc_offset_s", sa.Integer(), nullable=False),
        sa.Column("wait_s", sa.Float(), nullable=True),
        sa.Column("holding_s", sa.Float(), nullable=True),
        sa.Column("service_s", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["branch_id"], ["branch.id"], name=op.f("fk_queue_ticket_branch_id_branch")
        ),
        sa.ForeignKeyConstraint(
            ["import_id"], ["queue_import.id"], name=op.f("fk_queue_ticket_import_id_queue_import")
        ),
        sa.PrimaryKeyConstraint("branch_id", "issued_at", "ticket", name=op.f("pk_queue_ticket")),
    )
    with op.batch_alter_table("queue_ticket", schema=None) as batch_op:
        batch_op.create_index(
            "ix_queue_ticket_branch_day", ["branch_id", "local_day"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_queue_ticket_import_id"), ["import_id"], unique=False)

    op.create_table(
        "queue_hour",
        sa.Column("branch_id", sa.Uuid(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("hour", sa.Integer(), nullable=False),
        *[
            sa.Column(name, sa.Integer(), nullable=False)
            for name in ("arrivals", "served", "no_shows", "walked_away", "windows")
        ],
        *[
            column
            for moment in ("holding", "service", "wait", "gap")
            for column in (
                sa.Column(f"{moment}_n", sa.Integer(), nullable=False),
                sa.Column(f"{moment}_sum", sa.Float(), nullable=False),
                sa.Column(f"{moment}_sq", sa.Float(), nullable=False),
            )
        ],
        sa.ForeignKeyConstraint(
            ["branch_id"], ["branch.id"], name=op.f("fk_queue_hour_branch_id_branch")
        ),
        sa.PrimaryKeyConstraint("branch_id", "day", "hour", name=op.f("pk_queue_hour")),
    )


def downgrade() -> None:
    raise NotImplementedError("svctrainer does not downgrade; restore a backup instead")
