"""Fixtures of the deployment tests: one throwaway branch server per session (TLS, SCRAM,
least-privilege roles; see deployment_support.py) and a fresh database per test."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from deployment_support import (
    SERVER_NAME,
    SERVER_SCRIPTS,
    Deployment,
    DeployServer,
    run_roles_script,
)
from pg_server import ThrowawayServer, free_port, server_binaries


@pytest.fixture(scope="session")
def deploy_server() -> Iterator[DeployServer]:
    binaries = server_binaries()
    if binaries is None:
        pytest.skip("no PostgreSQL server binaries (apt-get install postgresql)")
    pytest.importorskip("psycopg", reason="the PostgreSQL driver (pip install psycopg)")
    if shutil.which("openssl") is None:
        pytest.skip("no openssl to make the throwaway certificates (apt-get install openssl)")
    folder = Path(tempfile.mkdtemp(prefix="svctrainer-deploy-"))
    folder.chmod(0o755)  # the server (the postgres user) reaches its folder through it
    tls = folder / "tls"
    subprocess.run(
        ["sh", str(SERVER_SCRIPTS / "make-test-certificates.sh"), str(tls), SERVER_NAME, "2"],
        check=True,
        capture_output=True,
        timeout=60,
    )
    server = ThrowawayServer(folder / "server", binaries, port=free_port())
    if server.run_as:  # the server runs as postgres and must read its key
        for path in (tls, *tls.iterdir()):
            shutil.chown(path, "postgres")
    passfile = folder / "pgpass"
    passfile.touch(mode=0o600)
    server.start(
        settings={
            "listen_addresses": "127.0.0.1",
            "ssl": "on",
            "ssl_cert_file": str(tls / "server.crt"),
            "ssl_key_file": str(tls / "server.key"),
            "password_encryption": "scram-sha-256",
        },
        # Over TCP: TLS and a password, or nothing. (The Unix socket stays trusted.)
        hba=[
            "hostssl all all 127.0.0.1/32 scram-sha-256",
            "host    all all 127.0.0.1/32 reject",
        ],
    )
    try:
        yield DeployServer(server, tls, passfile)
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def deployment(deploy_server: DeployServer) -> Iterator[Deployment]:
    """A new, empty database with its own migration and application roles."""
    tag = uuid.uuid4().hex[:8]
    setup = Deployment(deploy_server, f"svc_{tag}", f"svc_owner_{tag}", f"svc_app_{tag}")
    run_roles_script(deploy_server, setup.database, setup.owner, setup.app)
    yield setup
    deploy_server.server.drop(setup.database)
