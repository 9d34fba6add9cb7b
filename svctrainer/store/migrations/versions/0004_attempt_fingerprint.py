"""A fingerprint per attempt, unique: the same attempt is never stored twice.

Two ``svctrainer attempt import`` runs of the same 40 files at once stored 64 and 75 rows
(56 on PostgreSQL): each checked "already stored?" and inserted in separate
transactions. The fingerprint (``core/attempt_identity.py``: who, which content version,
mode, start, and the log) is set on every attempt recorded from this release on, and a
unique index makes the second insert fail instead. Rows stored before this migration keep
no fingerprint (NULLs never collide, on SQLite as on PostgreSQL): computing one would need
every stored log, and a database may already hold the duplicates this guards against.

Revision ID: 0004_attempt_fingerprint
Revises: 0003_queue_tickets
Create Date: 2026-12-06 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_attempt_fingerprint"
down_revision: str | None = "0003_queue_tickets"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("attempt", sa.Column("fingerprint", sa.String(length=64), nullable=True))
    op.create_index("ix_attempt_fingerprint", "attempt", ["fingerprint"], unique=True)


def downgrade() -> None:
    raise NotImplementedError("svctrainer does not downgrade; restore a backup instead")
