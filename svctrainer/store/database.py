"""Opening the database: URL resolution, engine set-up, SQLite pragmas, sessions.

SQLite is the default (one file in the user's data folder); a branch can point every
workstation at one PostgreSQL server instead. Nothing outside this package needs to know
which one it is talking to.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from svctrainer.store.errors import (
    DatabaseBusyError,
    DatabaseCorruptError,
    DatabaseReadOnlyError,
    DatabaseUnavailableError,
    NotADatabaseError,
    StorageFullError,
    StoreError,
)

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 10.0


def resolve_url(raw: str) -> URL:
    """Accept a SQLAlchemy URL or, for convenience, a plain file path to a SQLite file."""
    text = raw.strip()
    if "://" not in text:
        return URL.create("sqlite", database=str(Path(text).expanduser().resolve()))
    try:
        return make_url(text)
    except ArgumentError as exc:
        raise DatabaseUnavailableError(f"not a database URL: {text!r} ({exc})") from None


def display_url(url: URL) -> str:
    """The URL with any password hidden: this string goes into logs and dialogs."""
    return url.render_as_string(hide_password=True)


def sqlite_path(url: URL) -> Path | None:
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def check_sqlite_header(path: Path) -> None:
    """Refuse a file that is not SQLite before SQLAlchemy (or we) write anything to it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise NotADatabaseError(f"{path} is not an svctrainer database (not a SQLite file)", path)


@dataclass(frozen=True, slots=True)
class OpenOptions:
    read_only: bool = False
    """Open without ever writing to the file (``db check``)."""


class Database:
    """An engine plus the two kinds of session the services use.

    ``reading()`` begins a deferred transaction; ``writing()`` begins ``IMMEDIATE`` on
    SQLite, taking the write lock up front so two workstations recording attempts at the
    same moment queue behind the busy timeout instead of failing with a lock-upgrade
    deadlock.
    """

    def __init__(
        self, url: URL, options: OpenOptions | None = None, *, verify_header: bool = True
    ) -> None:
        self.url = url
        self.options = options or OpenOptions()
        self.path = sqlite_path(url)
        if self.path is not None:
            if verify_header:
                check_sqlite_header(self.path)
            if not self.options.read_only:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            elif not self.path.exists():
                raise DatabaseUnavailableError(f"{self.path} does not exist")
        self.engine = _create_engine(url, self.options)
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(
            self.engine.execution_options(svctrainer_begin="IMMEDIATE"), expire_on_commit=False
        )

    @classmethod
    def unchecked(cls, url: URL) -> Database:
        """An engine that has not looked at the file: for restoring over a damaged one.
        (Connections are lazy, so nothing touches the file until a session starts.)"""
        return cls(url, verify_header=False)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def label(self) -> str:
        return str(self.path) if self.path is not None else display_url(self.url)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with translate_errors(self.label, self.path), self._read() as session, session.begin():
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        if self.options.read_only:
            raise DatabaseReadOnlyError(f"{self.label} was opened read-only")
        with translate_errors(self.label, self.path), self._write() as session, session.begin():
            yield session

    def dispose(self) -> None:
        """Close every connection, first folding the write-ahead log into the main file.

        SQLite does this itself when the last connection closes, but only if nothing else
        holds the file at that moment; doing it explicitly means the file alone is the
        whole database afterwards — safe to copy, back up, or read from read-only media.
        """
        if self.path is not None and not self.options.read_only:
            wal = Path(f"{self.path}-wal")
            if wal.exists() and wal.stat().st_size > 0:
                try:
                    raw = self.engine.raw_connection()
                    try:
                        raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
                    finally:
                        raw.close()
                except (sqlite3.Error, DBAPIError):
                    pass  # another process is reading: it will checkpoint when it closes
        self.engine.dispose()


def _create_engine(url: URL, options: OpenOptions) -> Engine:
    if url.get_backend_name() != "sqlite":
        # Never echo: the URL may carry a password. TLS options (sslmode, sslrootcert…)
        # travel in the URL's query and reach libpq untouched.
        try:
            return create_engine(url, pool_pre_ping=True, echo=False)
        except (ImportError, ArgumentError) as exc:
            raise DatabaseUnavailableError(
                f"cannot use {display_url(url)}: its database driver is not installed "
                f"({exc}); for PostgreSQL: pip install 'svctrainer[postgres]'"
            ) from None
    path = sqlite_path(url)
    # The pool hands a connection to one thread at a time; the GUI's database worker is
    # not the thread that opened the engine.
    connect_args: dict[str, Any] = {"timeout": BUSY_TIMEOUT_S, "check_same_thread": False}
    if options.read_only and path is not None:
        # mode=ro: SQLite itself refuses every write to the file we were asked to check.
        uri = f"file:{quote(str(path))}?mode=ro"
        if not Path(f"{path}-wal").exists():
            # No WAL to read: immutable=1 also stops SQLite creating -wal/-shm files
            # beside a file we promised not to touch.
            uri += "&immutable=1"
        engine = create_engine(
            "sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, **connect_args)
        )
    else:
        engine = create_engine(url, connect_args=connect_args)
    _install_sqlite_hooks(engine, read_only=options.read_only)
    return engine


def _install_sqlite_hooks(engine: Engine, *, read_only: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        # Let SQLAlchemy's "begin" hook below issue BEGIN itself, as the SQLAlchemy docs
        # recommend for pysqlite, so we can choose DEFERRED or IMMEDIATE.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
        if not read_only:
            # WAL: readers never block the writer. synchronous=FULL: a committed attempt
            # survives power loss, at ~1 fsync per commit (bench/bench_store.py measures).
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("svctrainer_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


@contextmanager
def translate_errors(label: str, path: Path | None = None) -> Iterator[None]:
    """Turn driver errors into StoreErrors whose message a person can act on."""
    try:
        yield
    except StoreError:
        raise
    except (OperationalError, DBAPIError) as exc:
        error = classify_db_error(exc, label)
        error.path = path
        raise error from exc


def classify_db_error(exc: BaseException, label: str) -> StoreError:
    text = str(getattr(exc, "orig", exc)).lower()
    if "database is locked" in text or "database is busy" in text:
        return DatabaseBusyError(
            f"{label} is locked by another program; close it or try again in a moment"
        )
    if "readonly" in text or "read-only" in text:
        return DatabaseReadOnlyError(f"{label} cannot be written (read-only file or folder)")
    if "disk is full" in text or "no space" in text:
        return StorageFullError(f"the disk holding {label} is full")
    if "malformed" in text or "corrupt" in text:
        return DatabaseCorruptError(f"{label} is damaged ({text})")
    if "file is not a database" in text or "not a database" in text:
        return NotADatabaseError(f"{label} is not an svctrainer database")
    if "unable to open" in text:
        return DatabaseUnavailableError(f"cannot open {label}")
    return DatabaseUnavailableError(f"{label}: {text}")
