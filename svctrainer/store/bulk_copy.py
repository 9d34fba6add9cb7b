"""Copying every row of a SQLite database of the same schema into another database
(a PostgreSQL server, or a SQLite file that is already set up), in bulk, in the
caller's one transaction.

The demo on a server is the shipped demo snapshot poured in this way: tens of thousands
of rows streamed with PostgreSQL's ``COPY`` (or one prepared ``INSERT`` run over all rows
on SQLite) instead of six months of attempts played and stored one at a time. Values
travel as SQLite keeps them, which both databases read as they are (UUIDs as hex, JSON
as text, timestamps as ISO text, marked UTC for the server); nothing is decoded into
Python objects and encoded again. Every date moves by the same whole number of days on
the way (as ``store.date_shift`` does to a SQLite copy).

Drill packs and scenarios may already be in the target (a server whose workstations
synced the shipped content): a content version with the same content id and hash is
kept as it is, and the copied rows point at it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Date, Table, select
from sqlalchemy.orm import Session

from svctrainer.store.models import Base, ContentItem
from svctrainer.store.types import UTCDateTime

_BATCH = 5_000

Row = tuple[Any, ...]
Convert = Callable[[Any], Any]


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
    server = session.get_bind().dialect.name == "postgresql"
    count = CopyCount()
    reading = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        present = {
            name for (name,) in reading.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        tables = [t for t in Base.metadata.sorted_tables if t.name in present]
        total = max(1, sum(_count(reading, t.name) for t in tables))
        kept = _content_already_there(reading, session)
        count.content_kept = len(kept)
        done = 0
        for table in tables:
            columns = [c.name for c in table.columns if _has_column(reading, table.name, c.name)]
            converters = [_converter(table, name, shift_days, server, kept) for name in columns]
            skip_kept = table.name == ContentItem.__tablename__ and bool(kept)
            copied = 0
            for batch in _batches(reading, table.name, columns):
                done += len(batch)
                rows = [
                    tuple(convert(value) for convert, value in zip(converters, row, strict=True))
                    for row in batch
                    if not (skip_kept and row[columns.index("id")] in kept)
                ]
                if rows:
                    (_copy_in if server else _insert)(session, table.name, columns, rows)
                copied += len(rows)
                if progress is not None:
                    progress(min(done, total), total)
            count.rows[table.name] = copied
    finally:
        reading.close()
    return count


def _count(reading: sqlite3.Connection, table: str) -> int:
    return int(reading.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])  # noqa: S608 - schema names


def _has_column(reading: sqlite3.Connection, table: str, column: str) -> bool:
    return any(info[1] == column for info in reading.execute(f'PRAGMA table_info("{table}")'))


def _batches(
    reading: sqlite3.Connection, table: str, columns: Sequence[str]
) -> Iterator[list[Row]]:
    names = ", ".join(f'"{c}"' for c in columns)
    cursor = reading.execute(f'SELECT {names} FROM "{table}"')  # noqa: S608 - schema names
    while batch := cursor.fetchmany(_BATCH):
        yield batch


def _insert(session: Session, table: str, columns: Sequence[str], rows: list[Row]) -> None:
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    statement = f'INSERT INTO "{table}" ({names}) VALUES ({marks})'  # noqa: S608 - schema names
    session.connection().exec_driver_sql(statement, rows)


def _copy_in(session: Session, table: str, columns: Sequence[str], rows: list[Row]) -> None:
    """PostgreSQL's COPY on the session's own connection (inside its transaction)."""
    # psycopg's own connection (its COPY is no part of the DB-API SQLAlchemy types)
    raw: Any = session.connection().connection.dbapi_connection
    names = ", ".join(f'"{c}"' for c in columns)
    with raw.cursor() as cursor, cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)


def _content_already_there(reading: sqlite3.Connection, session: Session) -> dict[str, str]:
    """Source content item id → the target's id of the same content version (as SQLite
    stores ids: 32 hex digits)."""
    have = {
        (content_id, content_hash): item_id.hex
        for item_id, content_id, content_hash in session.execute(
            select(ContentItem.id, ContentItem.content_id, ContentItem.content_hash)
        )
    }
    if not have:
        return {}
    return {
        str(item_id): have[(content_id, content_hash)]
        for item_id, content_id, content_hash in reading.execute(
            "SELECT id, content_id, content_hash FROM content_item"
        )
        if (content_id, content_hash) in have
    }


def _converter(
    table: Table, name: str, shift_days: int, server: bool, kept: dict[str, str]
) -> Convert:
    """How one column's stored SQLite value becomes the target's."""
    kind = table.c[name].type
    shift = timedelta(days=shift_days)
    if isinstance(kind, UTCDateTime):  # 'YYYY-MM-DD HH:MM:SS.ffffff', in UTC
        zone = "+00:00" if server else ""
        return lambda v: None if v is None else _moved_day(v[:10], shift) + v[10:] + zone
    if isinstance(kind, Date):
        return lambda v: None if v is None else _moved_day(v, shift)
    if isinstance(kind, Boolean) and server:
        return lambda v: None if v is None else bool(v)
    if name == "content_item_id" and kept:
        return lambda v: kept.get(v, v)
    return _same


def _moved_day(day: str, shift: timedelta) -> str:
    return (date.fromisoformat(day) + shift).isoformat() if shift else day


def _same(value: Any) -> Any:
    return value
