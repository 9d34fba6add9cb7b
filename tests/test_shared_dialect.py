"""The suite's SQLite engines share one dialect and compiled-statement cache
(tests/shared_dialect.py): each still reads its own file, and the shared dialect is the
one the application would have made."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import shared_dialect
from sqlalchemy import select
from sqlalchemy.engine import make_url

from svctrainer.store.database import Database, OpenOptions, resolve_url
from svctrainer.store.models import Setting


def _database_with_setting(template_db: Path, path: Path, value: str) -> Database:
    shutil.copyfile(template_db, path)
    db = Database(resolve_url(str(path)))
    with db.writing() as session:
        session.add(Setting(key="shared-dialect-check", value={"file": value}))
    return db


def test_two_files_share_the_compiled_statement_and_each_reads_its_own_rows(
    template_db: Path, tmp_path: Path
) -> None:
    first = _database_with_setting(template_db, tmp_path / "first.sqlite3", "first")
    second = _database_with_setting(template_db, tmp_path / "second.sqlite3", "second")
    try:
        assert first.engine.dialect is second.engine.dialect is shared_dialect.donor().dialect
        query = select(Setting.value).where(Setting.key == "shared-dialect-check")
        seen = []
        for db in (first, second, first):
            with db.reading() as session:
                result = session.connection().execute(query)
                seen.append((result.scalar_one()["file"], result.context.cache_hit))
        dialect = first.engine.dialect
        assert [value for value, _ in seen] == ["first", "second", "first"]
        assert [hit for _, hit in seen][1:] == [dialect.CACHE_HIT, dialect.CACHE_HIT]
    finally:
        first.dispose()
        second.dispose()


def _plain(value: object) -> bool:
    return value is None or isinstance(value, str | int | float | bool | tuple | frozenset)


def test_the_shared_dialect_is_the_one_the_application_makes_for_a_file(tmp_path: Path) -> None:
    """Attribute by attribute, after a first connection: an option given to the
    application's SQLite engines (a JSON serializer, native datetimes…) would show here."""
    own = shared_dialect._made_by_application(
        resolve_url(str(tmp_path / "own.sqlite3")), OpenOptions()
    )
    try:
        with own.connect():
            pass
        _assert_same_settings(own.dialect, shared_dialect.donor().dialect)
    finally:
        own.dispose()


def test_a_server_engine_keeps_its_own_dialect() -> None:
    pytest.importorskip("psycopg", reason="the PostgreSQL driver (pip install psycopg)")
    db = Database(make_url("postgresql+psycopg://nobody@localhost/nothing"))  # never connects
    try:
        assert db.engine.dialect is not shared_dialect.donor().dialect
        assert db.engine.dialect.name == "postgresql"
    finally:
        db.dispose()


def test_databases_of_one_server_share_its_dialect_and_each_reads_its_own_rows(pg) -> None:
    """Two clones on the session's server, as the same login: the second engine gets the
    dialect the first one's connection initialized, and the statement compiled for the
    first is a cache hit for the second, which still reads its own database."""
    server, template = pg
    names = [server.clone(template), server.clone(template)]
    dbs = [Database(make_url(server.url(name))) for name in names]
    try:
        for db, value in zip(dbs, ("first", "second"), strict=True):
            with db.writing() as session:
                session.add(Setting(key="shared-dialect-check", value={"db": value}))
        query = select(Setting.value).where(Setting.key == "shared-dialect-check")
        seen = []
        for db in (dbs[0], dbs[1], dbs[0]):
            with db.reading() as session:
                result = session.connection().execute(query)
                seen.append((result.scalar_one()["db"], result.context.cache_hit))
        assert dbs[0].engine.dialect is dbs[1].engine.dialect
        assert dbs[0].engine._compiled_cache is dbs[1].engine._compiled_cache
        dialect = dbs[0].engine.dialect
        assert [value for value, _ in seen] == ["first", "second", "first"]
        assert [hit for _, hit in seen][1:] == [dialect.CACHE_HIT, dialect.CACHE_HIT]
        other_login = make_url(server.url(names[0])).set(username="svctrainer_nobody")
        assert shared_dialect.server_key(other_login) != shared_dialect.server_key(
            dbs[0].engine.url
        )
    finally:
        for db in dbs:
            db.dispose()
        for name in names:
            server.drop(name)


def test_a_servers_shared_dialect_is_the_one_the_application_makes(pg) -> None:
    """Attribute by attribute, after a first connection, as for a file above."""
    server, template = pg
    url = make_url(server.url(template))
    first, later = Database(url), Database(url)
    own = shared_dialect._made_by_application(url, OpenOptions())
    try:
        with first.engine.connect():  # the server's dialect is shared from here on
            pass
        with own.connect():
            pass
        later.dispose()
        later = Database(url)
        shared_dialect_ = later.engine.dialect
        assert shared_dialect_ is first.engine.dialect
        assert shared_dialect_ is not own.dialect
        _assert_same_settings(own.dialect, shared_dialect_)
    finally:
        own.dispose()
        first.dispose()
        later.dispose()


def _assert_same_settings(own: object, shared: object) -> None:
    """``shared`` is the dialect an engine of the application's would have made
    (``own``): same class, every plain setting equal, every other of the same type (the
    shared one has memoized a few more)."""
    mine, theirs = vars(own), vars(shared)
    assert type(own) is type(shared)
    assert mine.keys() <= theirs.keys()
    for name, value in mine.items():
        if _plain(value):
            assert theirs[name] == value, name
        else:
            assert type(theirs[name]) is type(value), name
