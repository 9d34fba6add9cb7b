"""A throwaway PostgreSQL server for the tests that prove the code is portable.

Started from the machine's own server binaries (Debian's ``postgresql`` package, which
``packaging/setup.sh --test`` installs) in a temporary folder, reachable only through a
Unix socket in that folder: nothing listens on the network. Each test gets a fresh
database cloned from a migrated template, so it costs a fraction of a second; one that
a test left exactly as it found it is kept for the next test of that template
(``Clones``).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

PG_BIN_GLOB = "/usr/lib/postgresql/*/bin"
INITDB_OPTIONS = ("-A", "trust", "-U", "postgres", "-E", "UTF8")


def free_port() -> int:
    """A TCP port nothing listens on now (for a second server, or one on 127.0.0.1)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_binaries() -> Path | None:
    found = sorted(glob.glob(PG_BIN_GLOB), key=lambda p: int(Path(p).parent.name))
    if found and Path(found[-1], "initdb").exists():
        return Path(found[-1])
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class ThrowawayServer:
    def __init__(self, folder: Path, binaries: Path, port: int | None = None) -> None:
        self.folder = folder
        self.binaries = binaries
        self.data = folder / "data"
        self.port = port or 50000 + os.getpid() % 10000
        # initdb refuses to run as root: run the server as Debian's postgres user then.
        self.run_as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self._kept: Any = None  # the administration connection (``_admin_connection``)
        self._kept_pid = 0

    def _run(self, tool: str, *args: str) -> None:
        done = subprocess.run(
            [*self.run_as, str(self.binaries / tool), *args],
            check=False,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if done.returncode != 0:
            raise RuntimeError(f"{tool} failed ({done.returncode}): {done.stderr or done.stdout}")

    def start(
        self,
        settings: Mapping[str, str] | None = None,
        hba: Sequence[str] = (),
        data: Path | None = None,
    ) -> None:
        """Initialise and start. ``settings`` override the server's (e.g. TLS and a
        loopback listener for tests/deploy); ``hba`` lines go before the default rules.
        ``data``: a data directory to start from, copied (``DataTemplates``), instead of
        a new one from ``initdb``."""
        self.folder.mkdir(parents=True, exist_ok=True)
        if self.run_as:
            shutil.chown(self.folder, "postgres")
        if data is None:
            self._run("initdb", "-D", str(self.data), *INITDB_OPTIONS)
        else:
            copy_data(data, self.data)
        if hba:
            rules = self.data / "pg_hba.conf"
            rules.write_text("\n".join(hba) + "\n" + rules.read_text())
        chosen = {"listen_addresses": "''", "fsync": "off", **(settings or {})}
        options = f"-k {self.folder} -p {self.port}" + "".join(
            f" -c {name}={value}" for name, value in chosen.items()
        )
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"),
                  "-w", "start")  # fmt: skip

    def stop(self, mode: str = "immediate") -> None:
        """Stop at once (``immediate``: the data is thrown away), or, ``fast``, with a
        last checkpoint, so a copy of the data directory starts without recovery."""
        self._close_admin_connection()
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@/{database}?host={self.folder}&port={self.port}"

    def _admin_connection(self) -> Any:
        """One autocommit connection to the ``postgres`` database, kept for the server's
        life, for the statements that administer it (clone, drop, the checks of
        ``Clones``): each test made three to five of them, and a new connection costs
        the server a backend's start (about 10 ms of its CPU) and the test a handshake.
        It holds no transaction between statements (autocommit), so it never holds a
        transaction id or a snapshot, and it is on ``postgres``, never on a clone or a
        template (which ``connected`` counts and ``CREATE DATABASE … TEMPLATE`` refuses).
        A broken one, or one inherited across a fork, is replaced."""
        import psycopg

        conn = self._kept
        if conn is None or conn.closed or conn.broken or self._kept_pid != os.getpid():
            conn = psycopg.connect(
                host=str(self.folder), port=self.port, user="postgres", dbname="postgres",
                autocommit=True,
            )  # fmt: skip
            self._kept, self._kept_pid = conn, os.getpid()
        return conn

    def _close_admin_connection(self) -> None:
        if self._kept is not None and self._kept_pid == os.getpid():
            self._kept.close()
        self._kept = None

    def _admin_execute(self, sql: str, params: Sequence[object] | None = None) -> Any:
        """Run ``sql`` on the kept administration connection; once more on a new one if
        the kept one had broken (a server restarted by a test, say). Without ``params``
        the text is sent as it is (a ``%`` in it is no placeholder), as before."""
        import psycopg

        try:
            return self._admin_connection().execute(sql, params)
        except psycopg.OperationalError:
            if self._kept is not None and not self._kept.broken:
                raise
            self._close_admin_connection()
            return self._admin_connection().execute(sql, params)

    def admin(self, sql: str, database: str = "postgres") -> None:
        import psycopg

        if database == "postgres":
            self._admin_execute(sql)
            return
        with psycopg.connect(
            host=str(self.folder), port=self.port, user="postgres", dbname=database,
            autocommit=True,
        ) as conn:  # fmt: skip
            conn.execute(sql)

    def clone(self, template: str) -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        self.admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return name

    def drop(self, name: str) -> None:
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def connected(self, name: str) -> int:
        """How many sessions are still connected to database ``name``. A session left
        open (an engine a test did not dispose of) can hold what needs no transaction id:
        an advisory lock, a prepared statement, a ``LISTEN``: a clone with one is not
        handed to the next test."""
        row = self._admin_execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", (name,)
        ).fetchone()
        assert row is not None
        return int(row[0])

    def next_transaction_id(self) -> int:
        """The id the server will give the next transaction that writes. A transaction
        gets an id when it first changes a row, a table or the schema, or locks a row
        (``FOR UPDATE``), in any database of the server, and keeps it if it rolls back:
        the number is the same after a test only if nothing wrote. Read as ``age`` of the
        first ordinary id, which counts from the next id to be given (a transaction that
        holds none, as this one), so a write still open counts too; the snapshot's
        ``xmax`` would not, as it moves only when a transaction ends. Reading it writes
        nothing."""
        row = self._admin_execute("SELECT (age('3'::xid)::bigint + 3)::text").fetchone()
        assert row is not None
        return int(row[0])


class Clones:
    """A test's own clone of a template on ``server``, without copying the template again
    for a test that only reads.

    Copying costs the server a tenth to a third of a second of CPU (and drop another
    tenth), and about half of the role-matrix tests only read: every role's call is
    refused, or the call is a list, a dashboard or a report. So when the server assigned
    no transaction id while a test held its clone (``next_transaction_id``), nothing of
    that clone changed, nor anything else on the server, and, when no session is left
    connected to it, it is handed to the next test of the same template as if fresh. The
    ids are counted server-wide, so anything written anywhere (another database, a
    rolled-back transaction) only costs a new copy. The schema has no sequences (ids are
    UUIDs), the one kind of write PostgreSQL may make without a transaction id
    (``nextval``); ``fresh`` refuses a template that has any."""

    def __init__(self, server: ThrowawayServer, copy: Callable[[str], str] | None = None) -> None:
        """``copy``: makes a clone of a template and names it (``server.clone`` unless a
        deployment's clone must keep its owner)."""
        self.server = server
        self._copy = copy or server.clone
        self._kept: dict[str, str] = {}
        self._checked: set[str] = set()

    @contextmanager
    def fresh(self, template: str) -> Iterator[str]:
        """The name of a database equal to ``template``, for one test: a new clone, or
        the one the last test of ``template`` left unchanged. Kept or dropped after it."""
        name = self._kept.pop(template, None)
        if name is None:
            name = self._copy(template)
            if template not in self._checked:
                self._refuse_sequences(name)
                self._checked.add(template)
        before = self.server.next_transaction_id()
        try:
            yield name
        finally:
            if self.server.next_transaction_id() == before and self._left(name):
                self._kept[template] = name
            else:
                self.server.drop(name)

    def _left(self, name: str) -> bool:
        """Whether every session has left ``name``. A session's end is asynchronous: its
        backend leaves ``pg_stat_activity`` a moment after the client has closed, and the
        kept administration connection asks at once (a new one took long enough to hide
        it), so a test's own closed connection could still be counted: its clone was
        dropped instead of kept. Asked again for up to ~0.1 s."""
        for _ in range(10):
            if not self.server.connected(name):
                return True
            time.sleep(0.01)
        return False

    def forget(self, template: str) -> None:
        """Drop the clone kept of ``template`` (call before dropping the template)."""
        name = self._kept.pop(template, None)
        if name is not None:
            self.server.drop(name)

    def _refuse_sequences(self, name: str) -> None:
        import psycopg

        with psycopg.connect(
            host=str(self.server.folder), port=self.server.port, user="postgres", dbname=name,
        ) as conn:  # fmt: skip
            row = conn.execute("SELECT count(*) FROM pg_sequences").fetchone()
        if row is None or row[0] != 0:
            raise RuntimeError(
                "the schema has sequences: nextval writes without a transaction id, so a"
                " clone can no longer be told unchanged (tests/pg_server.py, Clones)"
            )


def tree_digest(*roots: Path) -> str:
    """A digest of every file under each of ``roots`` (a folder, or a file itself; names
    and bytes, compiled caches left out): a key for what the code and content in them
    make (``DataTemplates.made``)."""
    import hashlib

    digest = hashlib.sha256()
    for root in roots:
        files = [root] if root.is_file() else sorted(root.rglob("*"))
        digest.update(f"{root.name}\0{len(files)}\0".encode())
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts:
                name = path.name if path == root else path.relative_to(root)
                digest.update(f"{name}\0{path.stat().st_size}\0".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def copy_data(source: Path, target: Path) -> None:
    """Copy a data directory with its owner and modes (the server refuses one that is not
    its own, or readable by others): ``cp -a``, which keeps the owner when run as root."""
    done = subprocess.run(
        ["cp", "-a", str(source), str(target)], check=False, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(f"cp -a {source} {target} failed: {done.stderr}")


class DataTemplates:
    """Data directories made once per test run and copied by every server started from
    one, in any worker. The session's server ran ``initdb`` (about 1.4 s of CPU), then
    migrated its template and stored the shipped content in it (about 3.5 s more in the
    worker, and the server's own) in each of the two workers; a copy of the files costs
    about 1.5 s of system time here (a thousand small files). The first worker to need
    one makes it while the others wait on its lock (as the demo's cache,
    ``conftest.demo_cache``), and it moves its server's files in rather than copy them.
    (A copy of what ``initdb`` alone leaves costs as much as ``initdb``: the deployment
    tests' server still runs its own.)

    Kept in ``folder`` (the run's cache folder) under a name holding a digest of what
    made it: the server's binaries, ``initdb``'s options and ``key`` (the caller's digest
    of the code that fills it), so a cache folder kept between runs never hands on a
    cluster made by other code. A server never runs in ``folder`` (which may be closed
    to the server's user, as a ``mkdtemp`` is): it makes its files in a folder of its
    own."""

    def __init__(self, folder: Path, binaries: Path) -> None:
        self.folder = folder
        self.binaries = binaries

    def made(self, name: str, key: str, make: Callable[[ThrowawayServer], None]) -> Path:
        """A data directory as ``make`` leaves it, called with a new server (stopped
        with a checkpoint afterwards, so a copy starts without recovery)."""
        import fcntl
        import hashlib

        digest = hashlib.sha256(
            "\0".join((str(self.binaries), *INITDB_OPTIONS, key)).encode()
        ).hexdigest()[:16]
        self.folder.mkdir(parents=True, exist_ok=True)
        data = self.folder / f"pg-{name}-{digest}"
        with (self.folder / f"pg-{name}.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if data.exists():
                return data
            for stale in self.folder.glob(f"pg-{name}-*"):
                shutil.rmtree(stale, ignore_errors=True)
            work = Path(tempfile.mkdtemp(prefix=f"svctrainer-pg-{name}-"))
            work.chmod(0o755)  # the server (the postgres user, if root) reaches its folder
            try:
                server = ThrowawayServer(work / "server", self.binaries, port=free_port())
                server.start()
                try:
                    make(server)
                finally:
                    server.stop("fast")
                building = data.with_name(f"{data.name}.building")
                try:
                    server.data.rename(building)
                except OSError:  # another file system: copied
                    copy_data(server.data, building)
                building.rename(data)
            finally:
                shutil.rmtree(work, ignore_errors=True)
            return data
