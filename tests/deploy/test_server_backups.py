"""The server's own backups, as docs/DEPLOYMENT.md schedules them: the nightly dump
script, its retention, the monthly restore drill, and a real restore after which the
workstations (the application role) carry on.
"""

from __future__ import annotations

import os
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from deployment_support import SERVER_SCRIPTS, Deployment, svctrainer_command
from support import FAST_PIN_COST

from svctrainer.services.actor import Actor
from svctrainer.services.api import Services
from svctrainer.services.schema_upgrade import upgrade_database

CLI = Actor.command_line()


@pytest.fixture
def services(deployment: Deployment) -> Iterator[Services]:
    """The branch fixtures (tests/conftest.py) on the server, as the application role."""
    upgrade_database(deployment.owner_url, CLI)
    svc = Services.open(deployment.app_url, pin_cost=FAST_PIN_COST)
    yield svc
    svc.close()


def _script(
    deployment: Deployment, name: str, *args: str, role: str, **env: str
) -> subprocess.CompletedProcess[str]:
    server = deployment.server
    full_env = {
        **os.environ,
        **server.libpq_env(role),
        "PGDATABASE": deployment.database,
        # pg_dump, pg_restore, createdb… of the server's own version come first.
        "PATH": f"{server.server.binaries}:{os.environ['PATH']}",
        **env,
    }
    return subprocess.run(
        ["sh", str(SERVER_SCRIPTS / name), *args],
        capture_output=True,
        text=True,
        env=full_env,
        check=False,
        timeout=120,
    )


def _counts(deployment: Deployment, database: str) -> dict[str, int]:
    tables = [
        r[0]
        for r in deployment.server.query(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'", database
        )
    ]
    return {
        t: deployment.server.query(f'SELECT count(*) FROM "{t}"', database)[0][0]  # noqa: S608
        for t in tables
    }


def test_nightly_dump_restore_drill_and_a_real_restore(
    deployment, branch, tenkey_attempt, tmp_path, isolated_home
):
    backups = tmp_path / "backups"
    stale = backups / f"svctrainer-{deployment.database}-20200101T000000Z.dump"
    backups.mkdir()
    stale.write_bytes(b"an old dump")
    forty_days_ago = time.time() - 40 * 86400
    os.utime(stale, (forty_days_ago, forty_days_ago))

    done = _script(deployment, "svctrainer-pg-backup.sh", str(backups), "35", role=deployment.owner)
    assert done.returncode == 0, done.stderr
    dump = Path(done.stdout.strip())
    assert dump.parent == backups
    assert dump.name.endswith(".dump")
    assert dump.stat().st_mode & 0o077 == 0  # employees' results: the backup user only
    assert not stale.exists()  # older than the 35 days kept
    assert not list(backups.glob("*.partial"))

    env = {
        "SVCTRAINER": " ".join(svctrainer_command()),
        "SVCTRAINER_URL_BASE": (
            f"postgresql+psycopg://postgres@/?host={deployment.server.server.folder}"
            f"&port={deployment.server.port}"
        ),
        "SVCTRAINER_HOME": str(isolated_home),
    }
    drill = _script(deployment, "svctrainer-pg-restore-drill.sh", str(dump), role="postgres", **env)
    assert drill.returncode == 0, drill.stderr
    assert "(current)" in drill.stdout
    assert "restore drill passed" in drill.stdout
    assert "attempt " in drill.stdout
    leftovers = deployment.server.query(
        "SELECT datname FROM pg_database WHERE datname LIKE 'svctrainer_drill_%'", "postgres"
    )
    assert leftovers == []  # the scratch database is dropped

    # The real thing: the server lost its database; restore it, owners and grants intact,
    # and the workstations carry on with the application role.
    restored = f"svc_restored_{uuid.uuid4().hex[:8]}"
    deployment.server.admin(f'CREATE DATABASE "{restored}" OWNER "{deployment.owner}"')
    try:
        done = subprocess.run(
            [str(deployment.server.server.binaries / "pg_restore"), "--exit-on-error",
             "--dbname", restored, str(dump)],
            env={**os.environ, **deployment.server.libpq_env("postgres")},
            capture_output=True, text=True, check=False, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert _counts(deployment, restored) == _counts(deployment, deployment.database)
        workstation = Services.open(deployment.server.socket_url(restored, deployment.app))
        try:
            history = workstation.attempts.history(CLI, branch.other_teller.id)
            assert [a.id for a in history] == [tenkey_attempt.id]
            workstation.people.create_team(CLI, "After the restore")  # and it writes
        finally:
            workstation.close()
    finally:
        deployment.server.server.drop(restored)


def test_a_failed_dump_leaves_no_file_and_fails_loudly(deployment, tmp_path):
    backups = tmp_path / "backups"
    done = _script(
        deployment, "svctrainer-pg-backup.sh", str(backups), role=deployment.owner,
        PGDATABASE="no_such_database",
    )  # fmt: skip
    assert done.returncode != 0
    assert "no_such_database" in done.stderr
    assert list(backups.iterdir()) == []
