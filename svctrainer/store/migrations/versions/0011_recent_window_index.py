"""PostgreSQL: an index led by ``started_at`` for the stall rule's recent window.

The stall check reads, per skill, every counted attempt of the branch in the last four
weeks (``progress_queries._server_window_stats``). ``ix_attempt_content_mode_person``
(0002) is led by the content item and person, so PostgreSQL read each person's whole
history of the drill to keep the last weeks: 194 ms of a 1 M-attempt branch's skill
table. Led by ``started_at``, with the columns the window filters on and reads carried
in the index, the window is one index-only range scan (38 ms in the same measurement).

SQLite's planner keeps the 0002 index for the same query (the SQLite branch of
``window_stats_of_families`` fixes content item and mode and range-scans ``started_at``
per person in it), so there the new index would only cost disk and write time (about
150 MB per million attempts): the upgrade creates it on PostgreSQL only and is a no-op
on SQLite. For that reason it is not declared on the
``Attempt`` model (the model's indexes are those of every engine).

Revision ID: 0011_recent_window_index
Revises: 0010_contest_options
Create Date: 2026-12-06 23:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011_recent_window_index"
down_revision: str | None = "0010_contest_options"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAME = "ix_attempt_recent_window"
# Searched: the window's range first, then what picks the skill's attempts and people.
KEYS = ["started_at", "content_item_id", "mode", "person_id"]
# Carried, not searched: the counted flags and the figures the window reads.
CARRIED = ["valid", "completion", "invalidated_reason", "speed", "accuracy", "score"]


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.create_index(NAME, "attempt", KEYS, unique=False, postgresql_include=CARRIED)


def downgrade() -> None:
    raise NotImplementedError("svctrainer does not downgrade; restore a backup instead")
