"""Helpers of the deployment tests: a branch server set up the way docs/DEPLOYMENT.md says.

One throwaway PostgreSQL server per session, configured like a real one: TLS with a
certificate from a throwaway CA (packaging/server/make-test-certificates.sh), password
(SCRAM) sign-in over TCP, TCP only with TLS, and the least-privilege roles made by
packaging/server/svctrainer-roles.sql. It listens on 127.0.0.1 only (TLS needs TCP; a
Unix socket in its folder serves the set-up steps). Everything skips, saying why, where
the server binaries, psycopg or openssl are missing (``setup.sh --test`` installs them).
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

from pg_server import ThrowawayServer

REPO = Path(__file__).resolve().parents[2]
SERVER_SCRIPTS = REPO / "packaging" / "server"
# The name in the server certificate; the tests reach it at 127.0.0.1 (libpq's hostaddr),
# so no DNS entry is needed for verify-full to check the name.
SERVER_NAME = "db.branch.test"

# The role matrix (tests/services) runs again under the application role here.
sys.path.insert(0, str(REPO / "tests" / "services"))


@dataclass
class DeployServer:
    server: ThrowawayServer
    tls: Path
    """Folder holding ca.crt (what workstations trust)."""
    passfile: Path
    """A libpq password file for the roles the tests create (``passfile=`` in URLs)."""

    @property
    def port(self) -> int:
        return self.server.port

    def socket_url(self, database: str, role: str) -> str:
        """Over the server's private Unix socket (trusted: the set-up steps)."""
        return f"postgresql+psycopg://{role}@/{database}?host={self.server.folder}&port={self.port}"

    def tls_url(
        self, database: str, role: str, *, host: str = SERVER_NAME, sslmode: str = "verify-full",
        rootcert: Path | None = None,
    ) -> str:  # fmt: skip
        """The way a workstation connects: TCP, TLS, the server's name checked, the
        password from a password file (never in the URL)."""
        return (
            f"postgresql+psycopg://{role}@{host}:{self.port}/{database}?hostaddr=127.0.0.1"
            f"&sslmode={sslmode}&sslrootcert={rootcert or self.tls / 'ca.crt'}"
            f"&passfile={self.passfile}"
        )

    def libpq_env(self, role: str = "postgres") -> dict[str, str]:
        return {"PGHOST": str(self.server.folder), "PGPORT": str(self.port), "PGUSER": role}

    def psql(self, *args: str, database: str = "postgres") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.server.binaries / "psql"), "-X", "-q", "-d", database, *args],
            env={**os.environ, **self.libpq_env()},
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )

    def query(self, sql: str, database: str, role: str = "postgres") -> list[tuple]:
        import psycopg

        with psycopg.connect(
            host=str(self.server.folder), port=self.port, user=role, dbname=database,
            autocommit=True,
        ) as conn:  # fmt: skip
            return list(conn.execute(sql).fetchall())  # type: ignore[arg-type]

    def admin(self, sql: str, database: str = "postgres") -> None:
        self.server.admin(sql, database)

    def set_password(self, role: str) -> None:
        password = uuid.uuid4().hex
        self.admin(f"ALTER ROLE \"{role}\" PASSWORD '{password}'")
        with self.passfile.open("a", encoding="utf-8") as fh:
            fh.write(f"*:*:*:{role}:{password}\n")


@dataclass
class Deployment:
    """One svctrainer database on the server, set up by svctrainer-roles.sql."""

    server: DeployServer
    database: str
    owner: str
    app: str

    def url(self, role: str) -> str:
        return self.server.socket_url(self.database, role)

    @property
    def owner_url(self) -> str:
        return self.url(self.owner)

    @property
    def app_url(self) -> str:
        return self.url(self.app)


def run_roles_script(server: DeployServer, database: str, owner: str, app: str) -> None:
    done = server.psql(
        "-v",
        f"db={database}",
        "-v",
        f"owner={owner}",
        "-v",
        f"app={app}",
        "-f",
        str(SERVER_SCRIPTS / "svctrainer-roles.sql"),
    )
    assert done.returncode == 0, done.stderr


def stamp_at_first_revision(deployment: Deployment) -> None:
    """A server that an older release (schema 0001) set up."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from svctrainer.store.migrations import SCRIPT_LOCATION

    engine = create_engine(deployment.owner_url)
    with engine.connect() as conn:
        config = Config()
        config.set_main_option("script_location", SCRIPT_LOCATION)
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.commit()
    engine.dispose()


def svctrainer_command() -> list[str]:
    script = Path(sys.executable).with_name("svctrainer")
    return [str(script)] if script.exists() else [sys.executable, "-m", "svctrainer"]
