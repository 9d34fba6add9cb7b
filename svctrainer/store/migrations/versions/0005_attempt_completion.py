"""Attempts say whether they are complete, and stored ones are reclassified from their logs.

A stopped test used to be graded and charted like a finished one. From this revision
each attempt records ``completion`` — "complete", "incomplete" or "abandoned" (see
``core.drills.completion``) — and every figure counts complete attempts only.

Stored attempts are reclassified from their event logs, with the rules of that module
written out here so this revision keeps meaning what it meant when later code changes:

- a keystroke log holding ``<stop>`` ended early; one holding ``<timeup>`` ran out of
  time; otherwise the stored result's ``ended_by`` says whether every item was done
  ("items", "time_limit") or the run never ended (None: *abandoned*);
- a test that ended early is *incomplete*; a practice run that ended early is complete
  only past one half (or the pack's ``complete_share``) of its time limit or of its
  item count: its log is replayed through the drill engine with its stored pack
  version, seed and options, which counts the items done as each kind counts them
  (cases, bundles, groups…); only where that replay cannot run are the items read from
  the stored details;
- a scenario run is incomplete when it stopped before an ending (``completed`` false);
- logged hand counts are complete.

Incomplete and abandoned attempts lose their grade (never graded); everything else
stays as it was. The dashboard's covering index gains the column so its filter stays
index-only.

Revision ID: 0005_attempt_completion
Revises: 0003_queue_tickets
Create Date: 2026-12-06 12:30:00
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

import sqlalchemy as sa
from alembic import op

from svctrainer.core.keystrokes import decode_events

revision: str = "0005_attempt_completion"
down_revision: str | None = "0004_attempt_fingerprint"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_attempt_content_mode_person"
OLD_COLUMNS = [
    "content_item_id",
    "mode",
    "person_id",
    "started_at",
    "id",
    "valid",
    "invalidated_reason",
    "speed",
    "accuracy",
    "score",
]
NEW_COLUMNS = [*OLD_COLUMNS[:7], "completion", *OLD_COLUMNS[7:]]
KEYSTROKES = "keystrokes-v1"
DECISIONS = "decisions-v1"
BATCH = 500

attempt = sa.table(
    "attempt",
    sa.column("id", sa.Uuid()),
    sa.column("content_item_id", sa.Uuid()),
    sa.column("mode", sa.String()),
    sa.column("seed", sa.BigInteger()),
    sa.column("duration_ms", sa.Integer()),
    sa.column("details", sa.JSON()),
    sa.column("grade", sa.String()),
    sa.column("completion", sa.String()),
)
content_item = sa.table(
    "content_item",
    sa.column("id", sa.Uuid()),
    sa.column("kind", sa.String()),
    sa.column("source_text", sa.Text()),
)
attempt_event = sa.table(
    "attempt_event",
    sa.column("attempt_id", sa.Uuid()),
    sa.column("encoding", sa.String()),
    sa.column("data", sa.LargeBinary()),
)


def upgrade() -> None:
    op.add_column(
        "attempt",
        sa.Column("completion", sa.String(12), nullable=False, server_default="complete"),
    )
    op.drop_index(INDEX, table_name="attempt")
    op.create_index(INDEX, "attempt", NEW_COLUMNS, unique=False)
    reclassify(op.get_bind())


def downgrade() -> None:
    raise NotImplementedError("svctrainer does not downgrade; restore a backup instead")


def reclassify(conn: sa.Connection) -> dict[str, int]:
    """Set ``completion`` (and clear the grade of what is not complete) on every attempt;
    returns how many attempts ended in each class."""
    tally = {"complete": 0, "incomplete": 0, "abandoned": 0}
    settings_of: dict[Any, dict[str, Any]] = {}
    rows = conn.execute(
        sa.select(
            attempt.c.id,
            attempt.c.content_item_id,
            attempt.c.mode,
            attempt.c.seed,
            attempt.c.duration_ms,
            attempt.c.details,
            content_item.c.kind,
            content_item.c.source_text,
            attempt_event.c.encoding,
            attempt_event.c.data,
        )
        .join(content_item, content_item.c.id == attempt.c.content_item_id)
        .outerjoin(attempt_event, attempt_event.c.attempt_id == attempt.c.id)
    ).all()
    changes: list[dict[str, Any]] = []
    for aid, item_id, mode, seed, duration_ms, stored, kind, source, encoding, data in rows:
        details = _mapping(stored)
        if kind == "scenario" or encoding == DECISIONS:
            completion = "complete" if details.get("completed", True) else "incomplete"
        elif mode not in ("practice", "test"):
            completion = "complete"  # logged hand counts: a count is recorded whole
        else:
            if item_id not in settings_of:
                settings_of[item_id] = _practice_settings(source)
            ended_by = _ended_by(encoding, data, details)
            completion = _completion(
                mode, ended_by, settings_of[item_id], duration_ms, _items_done(details)
            )
            if completion == "incomplete" and mode == "practice" and ended_by == "stopped":
                completion = _replayed(source, mode, seed, data, details) or completion
        tally[completion] += 1
        if completion != "complete":
            changes.append({"b_id": aid, "b_completion": completion})
    update = (
        attempt.update()
        .where(attempt.c.id == sa.bindparam("b_id"))
        .values(completion=sa.bindparam("b_completion"), grade=None)
    )
    for start in range(0, len(changes), BATCH):
        conn.execute(update, changes[start : start + BATCH])
    return tally


def _mapping(value: Any) -> Mapping[str, Any]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return {}
    return value if isinstance(value, Mapping) else {}


def _ended_by(encoding: str | None, data: bytes | None, details: Mapping[str, Any]) -> Any:
    if encoding == KEYSTROKES and data is not None:
        try:
            keys = {e.key for e in decode_events(bytes(data))}
        except ValueError:
            keys = set()
        if "<stop>" in keys:
            return "stopped"
        if "<timeup>" in keys:
            return "time_limit"
    return details.get("ended_by")


def _replayed(
    source: str | None, mode: str, seed: int | None, data: bytes | None, details: Mapping[str, Any]
) -> str | None:
    """The completion the drill engine gives the stored log; None if it cannot run."""
    from svctrainer.core.drills.registry import replay  # noqa: PLC0415 - only here
    from svctrainer.core.packs.definition import Mode  # noqa: PLC0415
    from svctrainer.core.packs.loader import check_pack_bytes  # noqa: PLC0415

    if source is None or seed is None or data is None:
        return None
    try:
        definition, _problems = check_pack_bytes("stored.toml", source.encode("utf-8"))
        if definition is None:
            return None
        options = details.get("options")
        result = replay(
            definition,
            Mode(mode),
            int(seed),
            decode_events(bytes(data)),
            dict(options) if isinstance(options, Mapping) else None,
            rules=1,  # every attempt stored before this migration was scored by rules 1
        )
    except (ValueError, KeyError, TypeError):
        return None
    return result.completion


def _items_done(details: Mapping[str, Any]) -> int:
    inner = details.get("details")
    done = inner.get("items_done") if isinstance(inner, Mapping) else None
    return done if isinstance(done, int) and not isinstance(done, bool) else 0


def _practice_settings(source: str | None) -> dict[str, Any]:
    """time_limit_s, item_count and complete_share of the pack's practice mode."""
    try:
        pack = tomllib.loads(source or "")
    except tomllib.TOMLDecodeError:
        pack = {}
    merged: dict[str, Any] = {}
    for table in ("run", "practice"):
        if isinstance(pack.get(table), dict):
            merged.update(pack[table])
    return merged


def _completion(
    mode: str, ended_by: Any, settings: Mapping[str, Any], active_ms: int, items_done: int
) -> str:
    if ended_by is None:
        return "abandoned"
    if ended_by in ("items", "time_limit"):
        return "complete"
    if mode == "test":
        return "incomplete"
    try:
        needed = Decimal(str(settings.get("complete_share", "0.5")))
    except InvalidOperation:
        needed = Decimal("0.5")
    shares = [Decimal(0)]
    limit_s, count = settings.get("time_limit_s"), settings.get("item_count")
    if isinstance(limit_s, int) and limit_s > 0:
        shares.append(Decimal(min(active_ms, limit_s * 1000)) / (limit_s * 1000))
    if isinstance(count, int) and count > 0:
        shares.append(Decimal(min(items_done, count)) / count)
    return "complete" if max(shares) >= needed else "incomplete"
