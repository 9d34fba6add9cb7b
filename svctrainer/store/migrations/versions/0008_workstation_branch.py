"""Workstations tied to a branch: on a server shared by several branches, a counter
workstation signs in only the people of the branch an administrator tied it to.

One row per workstation (its host name, as attempts record it) that has been tied; a
workstation without a row signs in anyone, as before. New table only.

Revision ID: 0008_workstation_branch
Revises: 0007_contest
Create Date: 2026-12-06 19:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import svctrainer.store.types

revision: str = "0008_workstation_branch"
down_revision: str | None = "0007_contest"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIME = svctrainer.store.types.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "workstation_branch",
        sa.Column("workstation", sa.String(length=120), nullable=False),
        sa.Column("branch_id", sa.Uuid(), nullable=False),
        sa.Column("set_by", sa.String(length=200), nullable=False),
        sa.Column("set_at", UTC_TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["branch_id"], ["branch.id"], name=op.f("fk_workstation_branch_branch_id_branch")
        ),
        sa.PrimaryKeyConstraint("workstation", name=op.f("pk_workstation_branch")),
    )
    with op.batch_alter_table("workstation_branch", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_workstation_branch_branch_id"), ["branch_id"], unique=False
        )


def downgrade() -> None:
    raise NotImplementedError("svctrainer does not downgrade; restore a backup instead")
