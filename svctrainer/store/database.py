"""Opening the database: URL resolution, engine set-up, SQLite pragmas, sessions.

SQLite is the default (one file in the user's data folder); a branch can point every
workstation at one PostgreSQL server instead. Nothing outside this package needs to know
which one it is talking to.
"""

from __future__ import annotations

import fcntl
import logging
import os
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from svctrainer.core.redaction import hide_passwords
from svctrainer.store.damage import record_damage, recorded_damage
from svctrainer.store.errors import (
    DatabaseBusyError,
    DatabaseCorruptError,
    DatabaseReadOnlyError,
    DatabaseUnavailableError,
    DuplicateRowError,
    NotADatabaseError,
    StorageFullError,
    StoreError,
)
from svctrainer.store.progress_summary import keep_current

log = logging.getLogger(__name__)
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 10.0
REPLACED_MARK = 0x7265706C  # PRAGMA user_version of a database a restore replaced ("repl")
_REOPEN_TRIES = 5


def restoring_path(live: Path) -> Path:
    """Where a restore builds the new file (store/restore.py); while a restore runs, it
    holds an advisory lock on it and writers wait."""
    return live.with_name(live.name + ".restoring")


def file_identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the file behind ``path`` now: a restore renames a new file over
    the name, and a connection opened before it is still on the old one."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def restore_in_progress(live: Path) -> bool:
    """True while a restore holds the lock on ``NAME.restoring`` (one it left behind when
    it was killed holds none, and is ignored)."""
    try:
        fd = os.open(restoring_path(live), os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        os.close(fd)  # also drops the shared lock just taken
    return False


# libpq's connection keywords (PostgreSQL 15 docs, "Parameter Key Words").
_LIBPQ_WORDS = """
host hostaddr port dbname user password passfile channel_binding connect_timeout
client_encoding options application_name fallback_application_name keepalives
keepalives_idle keepalives_interval keepalives_count tcp_user_timeout replication
gssencmode sslmode requiressl sslcompression sslcert sslkey sslpassword sslrootcert
sslcrl sslcrldir sslsni requirepeer ssl_min_protocol_version ssl_max_protocol_version
krbsrvname gsslib service target_session_attrs load_balance_hosts
"""
LIBPQ_KEYWORDS = frozenset(_LIBPQ_WORDS.split())
_LIBPQ_PAIR = re.compile(r"\s*([A-Za-z_]+)\s*=\s*('(?:[^'\\]|\\.)*'|[^\s']*)")


def resolve_url(raw: str) -> URL:
    """Accept a SQLAlchemy URL, a libpq connection string (``host=… dbname=…``) or, for
    convenience, a plain file path to a SQLite file."""
    text = raw.strip()
    if "://" not in text:
        dsn = _libpq_keywords(text)
        if dsn is not None:
            return _url_from_libpq(dsn)
        return URL.create("sqlite", database=str(Path(text).expanduser().resolve()))
    try:
        return make_url(text)
    except ArgumentError as exc:
        shown = hide_passwords(f"{text!r} ({exc})")
        raise DatabaseUnavailableError(f"not a database URL: {shown}") from None


def _libpq_keywords(text: str) -> dict[str, str] | None:
    """``key=value`` pairs when the whole text is a libpq connection string, else None
    (a file name that merely contains "=" stays a file name)."""
    pairs: dict[str, str] = {}
    position = 0
    while position < len(text):
        match = _LIBPQ_PAIR.match(text, position)
        if match is None or match.group(1) not in LIBPQ_KEYWORDS:
            return None
        value = match.group(2)
        if value.startswith("'"):
            value = re.sub(r"\\(.)", r"\1", value[1:-1])
        pairs[match.group(1)] = value
        position = match.end()
        if position < len(text) and not text[position].isspace():
            return None
    return pairs or None


def _url_from_libpq(pairs: dict[str, str]) -> URL:
    rest = dict(pairs)
    port = rest.pop("port", None)
    try:
        port_number = int(port) if port else None
    except ValueError:
        raise DatabaseUnavailableError(f"port={port!r} is not a port number") from None
    return URL.create(
        "postgresql+psycopg",
        username=rest.pop("user", None),
        password=rest.pop("password", None),
        host=rest.pop("host", None),
        port=port_number,
        database=rest.pop("dbname", None),
        query=rest,
    )


def display_url(url: URL) -> str:
    """The URL with any password hidden (in its user part or its query): this string
    goes into logs and dialogs."""
    return hide_passwords(url.render_as_string(hide_password=True))


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


def create_private_file(path: Path) -> None:
    """Create an empty database file readable by its owner only (0600), whatever the
    umask, unless it exists. SQLite gives the -wal and -shm files it makes beside it the
    same permissions, so the results never sit world-readable in a shared folder."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except FileExistsError:
        return
    except OSError:
        return  # SQLite will say why it cannot open it, with the cause (see _unopenable)
    os.close(fd)


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
                create_private_file(self.path)
            elif not self.path.exists():
                raise DatabaseUnavailableError(f"{self.path} does not exist")
        self.damage: str | None = None
        """Why the file is damaged, once that is known: then nothing writes to it."""
        if self.path is not None and verify_header:
            self.damage = recorded_damage(self.path)
        self.engine = _create_engine(url, self.options)
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(
            self.engine.execution_options(svctrainer_begin="IMMEDIATE"), expire_on_commit=False
        )
        keep_current(self._write)  # the progress summary moves with every attempt written

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
        with self._noting_damage(), translate_errors(self.label, self.path):
            session = self._begin(self._read, write=False)
            yield from _run(session)

    @contextmanager
    def writing(self) -> Iterator[Session]:
        if self.options.read_only:
            raise DatabaseReadOnlyError(f"{self.label} was opened read-only")
        if self.damage is not None:
            raise self.damaged_error()
        with self._noting_damage(), translate_errors(self.label, self.path):
            session = self._begin(self._write, write=True)
            yield from _run(session)

    def damaged_error(self) -> DatabaseCorruptError:
        return DatabaseCorruptError(
            f"{self.label} is damaged ({self.damage}); nothing will be written to it", self.path
        )

    def note_damage(self, reason: str) -> None:
        """From now on this database is read-only, in this process and (by the mark
        beside the file) in every other."""
        self.damage = reason
        if self.path is not None:
            record_damage(self.path, reason)

    @contextmanager
    def _noting_damage(self) -> Iterator[None]:
        try:
            yield
        except DatabaseCorruptError as exc:
            if self.path is not None and self.damage is None:
                self.note_damage(str(exc).removeprefix(f"{self.label} is damaged ").strip("()"))
            raise

    def _begin(self, factory: sessionmaker[Session], *, write: bool) -> Session:
        """A session whose transaction has begun (``BEGIN IMMEDIATE`` for writes: the lock
        is held) on the file now behind the database's name.

        A restore (store/restore.py) renames a new file over the name: a connection
        opened before it is still on the replaced file, marked or no longer behind the
        name, and is dropped for a fresh one here, so nothing is ever written where
        no one will look again. A writer that begins while a restore is under way waits
        for it, like any other lock, up to the busy timeout."""
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        reopened = 0
        while True:
            session = factory()
            try:
                session.begin()
                conn = session.connection()
                problem = self._file_problem(conn, write)
            except BaseException:
                session.close()
                raise
            if problem is None:
                return session
            if problem == "replaced":
                conn.invalidate()  # rolls back and drops the connection to the old file
                session.close()
                reopened += 1
                if reopened > _REOPEN_TRIES:
                    raise DatabaseBusyError(f"{self.label} keeps being replaced; try again")
                continue
            session.rollback()
            session.close()
            if time.monotonic() > deadline:
                raise DatabaseBusyError(
                    f"{self.label} is being restored from a backup; try again in a moment"
                )
            time.sleep(0.05)

    def _file_problem(self, conn: Any, write: bool) -> str | None:
        if self.path is None or self.options.read_only:
            return None
        if conn.connection.info.get("file") != file_identity(self.path):
            return "replaced"
        if conn.exec_driver_sql("PRAGMA user_version").scalar() == REPLACED_MARK:
            return "replaced"
        if write and restore_in_progress(self.path):
            return "restoring"
        return None

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
                except (sqlite3.Error, DBAPIError) as exc:
                    # Another process is reading (it folds the log when it closes), or
                    # the disk is full: then the log is the only copy of the latest
                    # results and must stay beside the file ('db check' says so).
                    log.warning("%s: write-ahead log not folded in (%s)", self.label, exc)
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
    _install_sqlite_hooks(engine, path, read_only=options.read_only)
    return engine


def _run(session: Session) -> Iterator[Session]:
    """Yield a begun session; commit if the block ends normally, else roll back."""
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def _install_sqlite_hooks(engine: Engine, path: Path | None, *, read_only: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, record: Any) -> None:
        if path is not None:
            record.info["file"] = file_identity(path)  # see Database._begin
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
        error = classify_db_error(exc, label, path)
        error.path = path
        raise error from exc


def classify_db_error(exc: BaseException, label: str, path: Path | None = None) -> StoreError:
    text = str(getattr(exc, "orig", exc)).lower()
    if isinstance(exc, IntegrityError) and ("unique" in text or "duplicate key" in text):
        return DuplicateRowError(f"{label}: already stored ({text.splitlines()[0][:200]})")
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
        return _unopenable(label, path)
    return DatabaseUnavailableError(f"{label}: {text}")


def _unopenable(label: str, path: Path | None) -> StoreError:
    """SQLite says only "unable to open database file"; say why, as far as we can tell."""
    if path is None:
        return DatabaseUnavailableError(f"cannot open {label}")
    folder = path.parent
    if not folder.is_dir():
        return DatabaseUnavailableError(f"cannot open {label}: the folder {folder} does not exist")
    try:
        read_only_mount = bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        read_only_mount = False
    sidecars = f"SQLite must create {path.name}-wal and {path.name}-shm beside it"
    if read_only_mount:
        return DatabaseReadOnlyError(
            f"cannot open {label}: it is on read-only storage ({sidecars})"
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        return DatabaseReadOnlyError(
            f"cannot open {label}: its folder {folder} cannot be written ({sidecars})"
        )
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        return DatabaseReadOnlyError(f"cannot open {label}: permission denied on the file")
    return DatabaseUnavailableError(f"cannot open {label}")
