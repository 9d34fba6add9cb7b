"""Moving every date and timestamp of a SQLite database by whole days, in one transaction.

A demo database is built once (six months of simulated practice take a minute of CPU)
and then reused on later days and other machines: its history must end today, so each
copy has all its dates moved forward. Every ``Date`` and ``UTCDateTime`` column of every
table in the schema is moved, so a table added later is moved too, and nothing is decoded
in Python: SQLite rewrites the date part of the stored text and keeps the time as it is.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Date, UniqueConstraint

from svctrainer.store.models import Base
from svctrainer.store.types import UTCDateTime

# Moved away and back in two steps: a key holding a time (queue tickets) never meets a
# row that has not moved yet (SQLite checks uniqueness row by row). 100 years is far
# beyond any history and well inside SQLite's calendar.
_APART_DAYS = 36_525


@dataclass(frozen=True, slots=True)
class DateColumn:
    table: str
    column: str
    timestamp: bool  # date and time ('YYYY-MM-DD HH:MM:SS.ffffff'), or a date
    unique: bool  # part of a primary key or unique index: moved in two steps


def date_columns() -> Iterator[DateColumn]:
    """Every date column of the schema."""
    for table in Base.metadata.sorted_tables:
        keyed = {c.name for c in table.primary_key.columns}
        for index in table.indexes:
            if index.unique:
                keyed |= {c.name for c in index.columns}
        for constraint in table.constraints:
            if isinstance(constraint, UniqueConstraint):
                keyed |= {c.name for c in constraint.columns}
        for column in table.columns:
            if isinstance(column.type, UTCDateTime | Date):
                timestamp = isinstance(column.type, UTCDateTime)
                yield DateColumn(table.name, column.name, timestamp, column.name in keyed)


def _moving(date_column: DateColumn, days: int) -> str:
    """The UPDATE that moves one column; a timestamp's text is 'YYYY-MM-DD HH:MM:SS.ffffff':
    its date part moves, its time is kept as written."""
    name, step = f'"{date_column.column}"', f"'{days:+d} days'"
    moved = (
        f"date(substr({name}, 1, 10), {step}) || substr({name}, 11)"
        if date_column.timestamp
        else f"date({name}, {step})"
    )
    return f'UPDATE "{date_column.table}" SET {name} = {moved} WHERE {name} IS NOT NULL'  # noqa: S608 - names from the schema


def shift_sqlite_dates(path: Path, days: int, *, private_copy: bool = False) -> None:
    """Move every date in the SQLite file at ``path`` by ``days`` (whole days, so the
    weekday pattern of a history stays when ``days`` is a multiple of 7). A
    ``private_copy`` (a new file no one else opens, discarded if this fails) is changed
    without a rollback journal."""
    if days == 0:
        return
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        if private_copy:
            # Nobody else has the file yet, and a copy cut off midway is thrown away.
            connection.execute("PRAGMA journal_mode=MEMORY")
            connection.execute("PRAGMA synchronous=OFF")
        connection.execute("BEGIN IMMEDIATE")
        present = {
            (table, column)
            for (table,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            for (_cid, column, *_rest) in connection.execute(f'PRAGMA table_info("{table}")')
        }
        columns = [c for c in date_columns() if (c.table, c.column) in present]
        # (a column missing from the file belongs to a later schema than the file's)
        steps = [(c, days) for c in columns if not c.unique]
        steps += [(c, days + _APART_DAYS) for c in columns if c.unique]
        steps += [(c, -_APART_DAYS) for c in columns if c.unique]
        for date_column, step in steps:
            connection.execute(_moving(date_column, step))
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    finally:
        connection.close()
