"""The recent-window index (0011): a database of schema 0010 holding people and attempts
upgrades without losing or changing a row; PostgreSQL gains ``ix_attempt_recent_window``
(started_at first, the window's columns carried), SQLite is left as it was (its planner
does not use that index) and still reaches the new revision.

Schema 0010 with data is the 0001 fixture (``fixtures/schema_0001.sqlite3``: a branch, its
people and eight ten-key attempts) upgraded to 0010 exactly; on PostgreSQL the same rows
are copied into a server database migrated to 0010.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from schema_history import schema_at, table_rows
from sqlalchemy import create_engine, select, text

from svctrainer.store.database import Database, resolve_url
from svctrainer.store.migrate import SchemaStatus, ensure_current
from svctrainer.store.migrations import HEAD_REVISION, SCRIPT_LOCATION
from svctrainer.store.models import Base

BEFORE = "0010_contest_options"
INDEX = "ix_attempt_recent_window"


def _upgrade(url: str, revision: str) -> None:
    engine = create_engine(url)
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    try:
        with engine.connect() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, revision)
            conn.commit()
    finally:
        engine.dispose()


def _rows(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every model table but the audit log (the upgrade writes to it)."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {
                t.name: sorted(map(tuple, conn.execute(select(t))), key=repr)
                for t in Base.metadata.sorted_tables
                if t.name != "audit_log"
            }
    finally:
        engine.dispose()


def test_sqlite_keeps_every_row_and_gets_no_index(tmp_path):
    path = schema_at(tmp_path, BEFORE)
    before = table_rows(path)
    assert before["attempt"]
    db = Database(resolve_url(str(path)))
    state = ensure_current(db)
    assert (state.status, state.revision) == (SchemaStatus.OUTDATED, BEFORE)
    db.dispose()
    assert table_rows(path) == before
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (
            HEAD_REVISION,
        )
        names = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert INDEX not in names
    assert "ix_attempt_content_mode_person" in names


def test_postgresql_keeps_every_row_and_gets_the_index(tmp_path: Path, pg):
    server, _template = pg
    name = "t_0011_" + tmp_path.name[-20:].replace("-", "_").lower()
    server.admin(f'CREATE DATABASE "{name}"')
    url = server.url(name)
    try:
        _upgrade(url, BEFORE)
        # The 0001 fixture's rows at schema 0010, typed by the models (whose tables are
        # 0010's: 0011 only adds an index), copied into the server database.
        source = create_engine(resolve_url(str(schema_at(tmp_path, BEFORE))))
        target = create_engine(url)
        with source.connect() as read, target.begin() as write:
            for table in Base.metadata.sorted_tables:
                rows = [dict(r._mapping) for r in read.execute(select(table))]
                if rows:
                    write.execute(table.insert(), rows)
        source.dispose()
        target.dispose()
        before = _rows(url)
        assert before["attempt"]

        _upgrade(url, "head")

        assert _rows(url) == before
        engine = create_engine(url)
        with engine.connect() as conn:
            assert conn.scalar(text("SELECT version_num FROM alembic_version")) == HEAD_REVISION
            definition = conn.scalar(
                text("SELECT indexdef FROM pg_indexes WHERE indexname = :n"), {"n": INDEX}
            )
        engine.dispose()
        assert definition is not None
        assert definition.endswith(
            "USING btree (started_at, content_item_id, mode, person_id) INCLUDE (valid, "
            "completion, invalidated_reason, speed, accuracy, score)"
        )
    finally:
        server.drop(name)
