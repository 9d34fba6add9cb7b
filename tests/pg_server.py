"""A throwaway PostgreSQL server for the tests that prove the code is portable.

Started from the machine's own server binaries (Debian's ``postgresql`` package, which
``packaging/setup.sh --test`` installs) in a temporary folder, reachable only through a
Unix socket in that folder: nothing listens on the network. Each test gets a fresh
database cloned from a migrated template, so it costs a fraction of a second.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path

PG_BIN_GLOB = "/usr/lib/postgresql/*/bin"


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

    def start(self, settings: Mapping[str, str] | None = None, hba: Sequence[str] = ()) -> None:
        """Initialise and start. ``settings`` override the server's (e.g. TLS and a
        loopback listener for tests/deploy); ``hba`` lines go before the default rules."""
        self.folder.mkdir(parents=True, exist_ok=True)
        if self.run_as:
            shutil.chown(self.folder, "postgres")
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8")
        if hba:
            rules = self.data / "pg_hba.conf"
            rules.write_text("\n".join(hba) + "\n" + rules.read_text())
        chosen = {"listen_addresses": "''", "fsync": "off", **(settings or {})}
        options = f"-k {self.folder} -p {self.port}" + "".join(
            f" -c {name}={value}" for name, value in chosen.items()
        )
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"),
                  "-w", "start")  # fmt: skip

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@/{database}?host={self.folder}&port={self.port}"

    def admin(self, sql: str, database: str = "postgres") -> None:
        import psycopg

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
