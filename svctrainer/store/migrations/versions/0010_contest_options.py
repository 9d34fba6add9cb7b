"""Contest options: a live public board for a show event.

Until a contest closes, contestants see only their own results ("results are published
when the contest closes"), as a skills contest publishes them after the event; a trainer
may open the live standings to everyone for a show event (现场公布实时排名). Existing
contests keep the default: not public.

Revision ID: 0010_contest_options
Revises: 0009_progress_summary
Create Date: 2026-12-06 18:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_contest_options"
down_revision: str | None = "0009_progress_summary"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN, never a batch copy of the table: on SQLite the copy drops the old
    # table, and with foreign keys on that deletes every contest's drills and sittings
    # (ON DELETE CASCADE). A NOT NULL column with a constant default is an ADD COLUMN on
    # SQLite and PostgreSQL alike.
    op.add_column(
        "contest",
        sa.Column("public_board", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    raise NotImplementedError("svctrainer does not downgrade; restore a backup instead")
