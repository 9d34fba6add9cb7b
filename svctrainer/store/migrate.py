"""Bringing a database to the schema this release expects.

Order at start: look at the revision without importing Alembic; if it is current, done.
If it is older, back the SQLite file up and upgrade. If it is unknown (a newer release
wrote it), refuse: guessing could lose data. Downgrades are never attempted.

That is the SQLite path (one file, one workstation). A shared PostgreSQL server is
upgraded only by its administrator, under an advisory lock, with
:func:`upgrade_server_serialised`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from svctrainer.store.backup import take_backup
from svctrainer.store.database import Database, translate_errors
from svctrainer.store.errors import DatabaseTooNewError, SchemaMismatchError
from svctrainer.store.migrations import HEAD_REVISION, KNOWN_REVISIONS, SCRIPT_LOCATION
from svctrainer.store.models import Base

log = logging.getLogger(__name__)


class SchemaStatus(StrEnum):
    EMPTY = "empty"
    CURRENT = "current"
    OUTDATED = "outdated"
    TOO_NEW = "too_new"
    UNVERSIONED = "unversioned"  # tables but no revision recorded: not ours, or half-made


@dataclass(frozen=True, slots=True)
class SchemaState:
    status: SchemaStatus
    revision: str | None


def schema_state(db: Database) -> SchemaState:
    with db.reading() as session:
        conn = session.connection()
        tables = set(inspect(conn).get_table_names())
        if not tables:
            return SchemaState(SchemaStatus.EMPTY, None)
        if "alembic_version" not in tables:
            return SchemaState(SchemaStatus.UNVERSIONED, None)
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    if revision is None:  # the version table is there but empty: a set-up cut short
        return SchemaState(SchemaStatus.UNVERSIONED, None)
    if revision == HEAD_REVISION:
        return SchemaState(SchemaStatus.CURRENT, revision)
    if revision in KNOWN_REVISIONS:
        return SchemaState(SchemaStatus.OUTDATED, revision)
    return SchemaState(SchemaStatus.TOO_NEW, revision)


def missing_schema_parts(db: Database) -> list[str]:
    """Tables and columns the models expect but the database lacks (a half-migration)."""
    missing: list[str] = []
    with db.reading() as session:
        insp = inspect(session.connection())
        tables = set(insp.get_table_names())
        for table in Base.metadata.sorted_tables:
            if table.name not in tables:
                missing.append(table.name)
                continue
            have = {c["name"] for c in insp.get_columns(table.name)}
            missing.extend(f"{table.name}.{c.name}" for c in table.columns if c.name not in have)
    return missing


def ensure_current(db: Database, *, backup: bool = True) -> SchemaState:
    """Make the schema current or raise; returns the state found before any upgrade."""
    state = schema_state(db)
    if state.status is SchemaStatus.CURRENT:
        return state
    if state.status is SchemaStatus.TOO_NEW:
        raise DatabaseTooNewError(
            f"{db.label} was written by a newer svctrainer (schema {state.revision}); "
            "install that version, or restore a backup made by this one"
        )
    if state.status is SchemaStatus.UNVERSIONED:
        raise SchemaMismatchError(
            f"{db.label} holds tables but no svctrainer schema version is recorded: it is "
            "not an svctrainer database, or its set-up or an upgrade was interrupted",
            db.path,
        )
    if state.status is SchemaStatus.OUTDATED and backup and db.path is not None:
        saved = take_backup(db.path, "pre-migration")
        log.info("backed up %s to %s before migrating", db.path, saved)
    try:
        upgrade_to_head(db)
    except (OperationalError, DBAPIError) as exc:  # rolled back: nothing was changed
        cause = " ".join(str(getattr(exc, "orig", exc)).split())[:200]
        raise SchemaMismatchError(
            f"{db.label}: its schema does not match its recorded version "
            f"{state.revision or 'none'} ({cause}); nothing was changed - restore a backup",
            db.path,
        ) from exc
    return state


def upgrade_to_head(db: Database) -> None:
    from alembic import command  # noqa: PLC0415 - 0.3 s import, only when migrating
    from alembic.config import Config  # noqa: PLC0415

    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    with db.engine.connect() as conn:
        # Alembic manages its own transactions; the "begin" hook still applies.
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
        conn.commit()
    log.info("database %s upgraded to %s", db.label, HEAD_REVISION)


def script_head() -> str:
    """The head according to Alembic's script directory (used by tests and ``db check``)."""
    from alembic.script import ScriptDirectory  # noqa: PLC0415

    heads = ScriptDirectory(SCRIPT_LOCATION).get_heads()
    if len(heads) != 1:
        raise SchemaMismatchError(f"migration scripts have {len(heads)} heads: {heads}")
    return heads[0]


def revisions_path() -> Path:
    return Path(SCRIPT_LOCATION) / "versions"


# --- Upgrading a shared server: ``svctrainer db upgrade`` ----------------------------------
# Workstations never change a server's schema (see svctrainer.services.schema_upgrade); an
# administrator does, with the role that owns the schema, and two administrators (or two
# scripts) upgrading at once must not both run the same DDL.

UPGRADE_LOCK_KEY = 0x5356_4354_5247_0001
"""The ``pg_advisory_xact_lock`` key every svctrainer release takes before migrating a
server ("SVCTRG" and a serial). It must never change: an older and a newer release
upgrading the same server at once have to queue on the same key."""


def upgrade_server_serialised(
    db: Database, after_upgrade: Callable[[Session, SchemaState], None]
) -> SchemaState:
    """Upgrade a PostgreSQL database to head while holding the upgrade lock.

    The lock, every migration and ``after_upgrade`` (the audit entry) share one
    transaction, so the lock is released only when the new schema and its audit entry are
    committed together, or neither is. A second upgrader blocks on the lock, then finds
    the schema current and does nothing. Returns the state found under the lock, before
    any change; raises as :func:`ensure_current` does for a schema it must not touch.
    """
    from alembic import command  # noqa: PLC0415 - 0.3 s import, only when migrating
    from alembic.config import Config  # noqa: PLC0415

    with translate_errors(db.label, db.path), db.engine.connect() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": UPGRADE_LOCK_KEY})
        # Read on a second connection: under READ COMMITTED it sees whatever the previous
        # lock holder committed, and nobody else can change the schema while we hold it.
        state = schema_state(db)
        if state.status is SchemaStatus.TOO_NEW:
            raise DatabaseTooNewError(
                f"{db.label} is already at schema {state.revision}, newer than this "
                f"svctrainer knows ({HEAD_REVISION}); upgrade with the newer release"
            )
        if state.status is SchemaStatus.UNVERSIONED:
            raise SchemaMismatchError(
                f"{db.label} holds tables but no svctrainer schema version; it is not an "
                "svctrainer database or an upgrade was interrupted"
            )
        if state.status is not SchemaStatus.CURRENT:
            config = Config()
            config.set_main_option("script_location", SCRIPT_LOCATION)
            # The connection is already in a transaction (the lock), so Alembic runs
            # every migration inside it instead of committing each one.
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
            with Session(bind=conn) as session:
                after_upgrade(session, state)
                session.flush()
            log.info("database %s upgraded from %s to %s", db.label, state.revision, HEAD_REVISION)
        conn.commit()
    return state


def schema_change_refusal(db: Database) -> str | None:
    """Why the role ``db`` connects as must not change the schema, or None if it may.

    Asked before taking the upgrade lock, so the wrong role is refused with the reason
    instead of failing half-way with "permission denied". The tables must be created by
    the role that owns them all (the migration role; on an empty database, the
    database's owner): the application role's grants are default privileges *for that
    role*, so a table a superuser created would be out of the workstations' reach.
    """
    if db.is_sqlite:
        return None  # the file's owner owns its schema
    with db.reading() as session:
        row = session.execute(
            text(
                "WITH s AS (SELECT coalesce(current_schema(), 'public') AS name)"
                " SELECT current_user, s.name, has_schema_privilege(s.name, 'CREATE'),"
                "  (SELECT count(*) FROM pg_tables t WHERE t.schemaname = s.name),"
                "  (SELECT string_agg(DISTINCT t.tableowner, ', ') FROM pg_tables t"
                "    WHERE t.schemaname = s.name AND t.tableowner <> current_user),"
                "  (SELECT pg_get_userbyid(d.datdba) FROM pg_database d"
                "    WHERE d.datname = current_database())"
                " FROM s"
            )
        ).one()
    user, schema, can_create, tables, other_owners, database_owner = row
    if not can_create:
        return f"database role {user!r} may not create tables in schema {schema!r}"
    if other_owners:
        return f"database role {user!r} does not own the tables in {schema!r} ({other_owners} does)"
    if not tables and database_owner != user:
        return f"database role {user!r} is not the database's owner ({database_owner!r} is)"
    return None
