"""Regions: sets of branches on one server, and who reads them.

One server may hold many branches. A *region* is a named set of them, compared side by
side by a regional supervisor (``region_supervisor``: only the regions named there).
Branch names become unique, since the command line picks a branch by its name
(``--branch``): a database holding two branches of one name (possible only by writing
it directly, the services never did) keeps the first by creation and gives the others
a numbered suffix, so nothing is lost and every name means one branch. New tables and
an index otherwise: no existing row changes.

Revision ID: 0006_regions
Revises: 0005_attempt_completion
Create Date: 2026-12-06 15:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import svctrainer.store.types

revision: str = "0006_regions"
down_revision: str | None = "0005_attempt_completion"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIME = svctrainer.store.types.UTCDateTime(timezone=True)

branch = sa.table(
    "branch",
    sa.column("id", sa.Uuid()),
    sa.column("name", sa.String()),
    sa.column("created_at", UTC_TIME),
)


def upgrade() -> None:
    _number_duplicate_names(op.get_bind())
    op.create_index("ix_branch_name", "branch", ["name"], unique=True)
    op.create_table(
        "region",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_region")),
        sa.UniqueConstraint("name", name=op.f("uq_region_name")),
    )
    op.create_table(
        "region_branch",
        sa.Column("region_id", sa.Uuid(), nullable=False),
        sa.Column("branch_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["branch_id"], ["branch.id"], name=op.f("fk_region_branch_branch_id_branch")
        ),
        sa.ForeignKeyConstraint(
            ["region_id"], ["region.id"], name=op.f("fk_region_branch_region_id_region")
        ),
        sa.PrimaryKeyConstraint("region_id", "branch_id", name=op.f("pk_region_branch")),
    )
    op.create_index(
        op.f("ix_region_branch_branch_id"), "region_branch", ["branch_id"], unique=False
    )
    op.create_table(
        "region_supervisor",
        sa.Column("region_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_region_supervisor_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["region_id"], ["region.id"], name=op.f("fk_region_supervisor_region_id_region")
        ),
        sa.PrimaryKeyConstraint("region_id", "person_id", name=op.f("pk_region_supervisor")),
    )
    op.create_index(
        op.f("ix_region_supervisor_person_id"), "region_supervisor", ["person_id"], unique=False
    )


def downgrade() -> None:
    raise NotImplementedError("svctrainer does not downgrade; restore a backup instead")


def _number_duplicate_names(conn: sa.Connection) -> int:
    """Give the second and later branches of one name a suffix " (2)", " (3)"…; returns
    how many were renamed."""
    rows = conn.execute(
        sa.select(branch.c.id, branch.c.name).order_by(branch.c.created_at, branch.c.id)
    ).all()
    taken = {name for _, name in rows}
    seen: set[str] = set()
    renamed = 0
    for branch_id, name in rows:
        if name not in seen:
            seen.add(name)
            continue
        n = 2
        while f"{name} ({n})"[:120] in taken:
            n += 1
        new = f"{name} ({n})"[:120]
        taken.add(new)
        conn.execute(branch.update().where(branch.c.id == branch_id).values(name=new))
        renamed += 1
    return renamed
