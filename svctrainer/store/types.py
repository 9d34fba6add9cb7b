"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine


class UTCDateTime(TypeDecorator[datetime]):
    """Timestamps are stored in UTC and always come back timezone-aware.

    SQLite keeps no offset, so a naive value read back is UTC by construction; refusing
    naive values on the way in stops local wall-clock times from sneaking into results
    that several workstations (and time zones) later merge.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: store times in UTC with tzinfo")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class PortableJSON(TypeDecorator[Any]):
    """JSONB on PostgreSQL (indexable, compact), JSON text on SQLite.

    Chosen when a database is met rather than when this module loads: PostgreSQL's dialect
    costs every command-line run on SQLite a tenth of its start-up (it was
    ``JSON().with_variant(JSONB(), "postgresql")``). JSON's behaviour is kept: ``None`` is
    stored as JSON ``null``, and values are not hashed (dicts are not hashable).
    """

    impl = JSON
    cache_ok = True
    should_evaluate_none = True
    hashable = False

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            # Loaded by now: the engine is PostgreSQL's.
            from sqlalchemy.dialects.postgresql import JSONB  # noqa: PLC0415

            return dialect.type_descriptor(JSONB())
        return dialect.type_descriptor(JSON())
