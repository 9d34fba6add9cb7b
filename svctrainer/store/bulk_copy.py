"""Copying every row of a SQLite database of the same schema into another database
(a PostgreSQL server, or a SQLite file that is already set up), in bulk, in the
caller's one transaction.

The demo on a server is the shipped demo snapshot poured in this way: tens of thousands
of rows sent in multi-row batches (SQLAlchemy's "insertmanyvalues") instead of the
attempts being played and stored one service call at a time. Rows are read through the
schema's own column types (UUIDs, UTC timestamps, JSON), so each database gets them in
its own representation, and every date moves by the same whole number of days on the
way (as ``store.date_shift`` does to a SQLite copy).

Drill packs and scenarios may already be in the target (a server whose workstations
synced the shipped content): a content version with the same content id and hash is
kept as it is, and the copied rows point at it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, create_engine, func, insert, inspect, select
from sqlalchemy.orm import Session

from svctrainer.store.date_shift import date_columns
from svctrainer.store.models import Base, ContentItem

_BATCH = 2_000


@dataclass(slots=True)
class CopyCount:
    """Rows copied per table, and content versions the target already held."""

    rows: dict[str, int] = field(default_factory=dict)
    content_kept: int = 0


def copy_rows(
    source: Path,
    session: Session,
    *,
    shift_days: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> CopyCount:
    """Insert every row of the SQLite file ``source`` into ``session``'s database, parent
    tables first, dates moved by ``shift_days``. Nothing is committed here: the caller's
    transaction makes the copy all or nothing."""
    engine = create_engine(f"sqlite:///{source}")
    moved: dict[str, set[str]] = {}
    for column in date_columns():
        moved.setdefault(column.table, set()).add(column.column)
    shift = timedelta(days=shift_days)
    count = CopyCount()
    try:
        with engine.connect() as reading:
            present = set(inspect(reading).get_table_names())
            tables = [t for t in Base.metadata.sorted_tables if t.name in present]
            sizes = {t.name: _count(reading, t) for t in tables}
            total = max(1, sum(sizes.values()))
            done = 0
            content_ids = _content_already_there(reading, session)
            count.content_kept = len(content_ids)
            for table in tables:
                copied = 0
                dated = moved.get(table.name, set())
                # a content version the target holds stays the target's own
                kept = content_ids if table.name == ContentItem.__tablename__ else {}
                for batch in _batches(reading, table):
                    done += len(batch)
                    rows = [
                        _moved(row, dated, shift, content_ids)
                        for row in batch
                        if not kept or row["id"] not in kept
                    ]
                    if rows:
                        session.execute(insert(table), rows)
                    copied += len(rows)
                    if progress is not None:
                        progress(min(done, total), total)
                count.rows[table.name] = copied
    finally:
        engine.dispose()
    return count


def _count(reading: Connection, table: Table) -> int:
    return int(reading.execute(select(func.count()).select_from(table)).scalar_one())


def _batches(reading: Connection, table: Table) -> Iterator[list[dict[str, Any]]]:
    result = reading.execute(select(table)).mappings()
    while batch := result.fetchmany(_BATCH):
        yield [dict(row) for row in batch]


def _content_already_there(reading: Connection, session: Session) -> dict[uuid.UUID, uuid.UUID]:
    """Source content item id → the target's id of the same content version."""
    have = {
        (content_id, content_hash): item_id
        for item_id, content_id, content_hash in session.execute(
            select(ContentItem.id, ContentItem.content_id, ContentItem.content_hash)
        )
    }
    if not have:
        return {}
    table = ContentItem.__table__
    mapping = {}
    for item_id, content_id, content_hash in reading.execute(
        select(table.c.id, table.c.content_id, table.c.content_hash)
    ):
        if (content_id, content_hash) in have:
            mapping[item_id] = have[(content_id, content_hash)]
    return mapping


def _moved(
    row: dict[str, Any],
    dated: set[str],
    shift: timedelta,
    content_ids: dict[uuid.UUID, uuid.UUID],
) -> dict[str, Any]:
    if shift:
        for name in dated:
            value = row.get(name)
            if isinstance(value, datetime | date):
                row[name] = value + shift
    if content_ids and (old := row.get("content_item_id")) in content_ids:
        row["content_item_id"] = content_ids[old]
    return row
