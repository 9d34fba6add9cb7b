"""Bringing a database to the schema this release expects.

Order at start: look at the revision without importing Alembic; if it is current, done.
If it is older, back the SQLite file up and upgrade. If it is unknown (a newer release
wrote it), refuse: guessing could lose data. Downgrades are never attempted.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from sqlalchemy import inspect, text

from svctrainer.store.backup import take_backup
from svctrainer.store.database import Database
from svctrainer.store.errors import DatabaseTooNewError, SchemaMismatchError
from svctrainer.store.migrations import HEAD_REVISION, KNOWN_REVISIONS, SCRIPT_LOCATION
from svctrainer.store.models import Base

log = logging.getLogger(__name__)


class SchemaStatus(StrEnum):
    EMPTY = "empty"
    CURRENT = "current"
    OUTDATED = "outdated"
    TOO_NEW = "too_new"
    UNVERSIONED = "unversioned"  # tables but no alembic_version: not ours, or half-made


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
            f"{db.label} holds tables but no svctrainer schema version; it is not an "
            "svctrainer database or an upgrade was interrupted",
            db.path,
        )
    if state.status is SchemaStatus.OUTDATED and backup and db.path is not None:
        saved = take_backup(db.path, "pre-migration")
        log.info("backed up %s to %s before migrating", db.path, saved)
    upgrade_to_head(db)
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
