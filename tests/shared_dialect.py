"""One SQLite dialect and one compiled-statement cache for every SQLite engine a test
process makes.

Why: SQLAlchemy compiles a statement once per engine and keeps it in that engine's cache,
keyed by the engine's dialect object (and the dialect keeps each column type's bind and
result processors). The application opens one engine and keeps it, so each statement is
compiled once per run. The suite opens a new engine per test (each test has its own
database file), and so compiled every statement again in every test: about a sixth of
the CPU of a service test (the role matrix's profile: 4 300 compilations in 333 tests).
The compiled SQL of a SQLite statement does not depend on the file, only on the dialect,
which is the same for every file (same class, no options, same SQLite library): so every
SQLite engine made through ``store.database`` here gets one shared, initialized dialect
and one shared cache. Each engine keeps its own pool, connection hooks and file.

A PostgreSQL dialect learns its server on its first connection (version, features,
default schema), so PostgreSQL engines share by server and login: every test's clone on
the session's throwaway server is another database of the same server, as the same user
(``server_key``: the URL without its database name). The first engine of a server keeps
its own dialect; once its first connection has initialized it, that dialect and a cache
are the server's, and each later engine of that server and login gets them. An engine
that never connected shares nothing and is shared with nobody; one of another server,
port or user (the deployment tests' roles) has its own. Their profile: a PostgreSQL
service test compiled about 36 statements (test_postgresql: 13 % of its CPU).

``tests/test_shared_dialect.py`` holds the shared dialect equal, attribute by attribute,
to the one the application makes for a file, so an option the application gives its
SQLite engines one day stops the sharing there instead of going unseen.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, Engine
from sqlalchemy.util import LRUCache

from svctrainer.store import database

CACHE_SIZE = 5_000
"""Statements kept (SQLAlchemy's default is 500 per engine): the whole suite's distinct
statements, so that one test's do not push out the next one's."""

_made_by_application = database._create_engine
_shared: list[tuple[Engine, LRUCache[Any, Any]]] = []
_by_server: dict[str, tuple[Any, LRUCache[Any, Any]]] = {}
"""PostgreSQL: ``server_key`` -> (the dialect its first connected engine initialized, the
cache of the statements compiled with it)."""


def donor() -> Engine:
    """The engine whose dialect every SQLite engine shares: made by the application's own
    ``_create_engine`` on a file of its own and connected once, so the dialect has been
    initialized as the application's are on their first connection."""
    if not _shared:
        folder = Path(tempfile.mkdtemp(prefix="svctrainer-dialect-"))
        try:
            engine = _made_by_application(
                database.resolve_url(str(folder / "donor.sqlite3")), database.OpenOptions()
            )
            with engine.connect():
                pass
            engine.dispose()
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        _shared.append((engine, LRUCache(CACHE_SIZE)))
    return _shared[0][0]


def server_key(url: URL) -> str:
    """What a PostgreSQL dialect depends on: the driver, the server (host and port, in the
    URL or its query), the login and the connection options; not the database name."""
    return url.set(database="").render_as_string(hide_password=False)


def _share_by_server(engine: Engine, url: URL) -> None:
    key = server_key(url)
    shared = _by_server.get(key)
    if shared is not None:
        engine.dialect, engine._compiled_cache = shared
        return

    def first_connected(dbapi_connection: Any, record: Any) -> None:
        # create_engine's own listener, registered before this one, has initialized the
        # dialect by now (a first connection that failed never gets here).
        if key not in _by_server:
            cache: LRUCache[Any, Any] = LRUCache(CACHE_SIZE)
            _by_server[key] = (engine.dialect, cache)
            engine._compiled_cache = cache

    event.listen(engine, "connect", first_connected, once=True)


def _create_engine(url: Any, options: database.OpenOptions) -> Engine:
    engine = _made_by_application(url, options)
    if engine.dialect.name == "sqlite":
        shared = donor()
        engine.dialect = shared.dialect
        engine._compiled_cache = _shared[0][1]
    elif engine.dialect.name == "postgresql":
        _share_by_server(engine, url)
    return engine


def install() -> None:
    """From now on, every ``store.database.Database`` of this process on a SQLite file
    shares the dialect and cache, and on a PostgreSQL server those of that server and
    login (``Database`` calls ``_create_engine`` by name)."""
    database._create_engine = _create_engine
