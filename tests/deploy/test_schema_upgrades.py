"""Upgrades an administrator controls: on a server, workstations only check the schema;
``svctrainer db upgrade`` changes it, serialised by an advisory lock, and audited.

On a real (throwaway) PostgreSQL server set up by packaging/server/svctrainer-roles.sql.
A single command runs through the ``cli`` fixture (forked from the worker's zygote,
tests/cli_fork.py: what is checked is its answer, not an interpreter's start); the four
racing upgrades are four processes started at once, and ``demo`` is started for real
(through ``cli`` it would first wait for the run's demo build, which it never reaches).
"""

from __future__ import annotations

import os
import subprocess

import pytest
from deployment_support import Deployment, stamp_at_first_revision, svctrainer_command

from svctrainer.services.actor import Actor
from svctrainer.services.api import Services
from svctrainer.services.errors import PermissionDeniedError, SchemaVersionError
from svctrainer.services.schema_upgrade import upgrade_database
from svctrainer.store.migrations import HEAD_REVISION

CLI = Actor.command_line()


def _cli_env(isolated_home) -> dict[str, str]:
    return {**os.environ, "SVCTRAINER_HOME": str(isolated_home)}


def _revision(deployment: Deployment) -> str | None:
    rows = deployment.server.query(
        "SELECT version_num FROM alembic_version", deployment.database, deployment.owner
    )
    return rows[0][0] if rows else None


def _tables(deployment: Deployment) -> set[str]:
    rows = deployment.server.query(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'", deployment.database
    )
    return {r[0] for r in rows}


def test_four_parallel_upgrades_all_succeed_and_migrate_once(deployment, isolated_home):
    """The race of issue 16: without the lock, parallel upgrades of an empty database
    fail with unique violations. With it, the other three wait and find nothing to do."""
    runs = [
        subprocess.Popen(
            [*svctrainer_command(), "db", "upgrade", "--db", deployment.owner_url],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_cli_env(isolated_home),
        )
        for _ in range(4)
    ]
    results = [(run.wait(timeout=120), *run.communicate()) for run in runs]
    assert [code for code, _, _ in results] == [0, 0, 0, 0], results
    outputs = sorted(out for _, out, _ in results)
    upgraded = [o for o in outputs if o.startswith("upgraded ")]
    assert len(upgraded) == 1, outputs
    assert f"from schema (none) to {HEAD_REVISION}" in upgraded[0]
    assert sum("nothing to do" in o for o in outputs) == 3, outputs
    assert _revision(deployment) == HEAD_REVISION
    audit = deployment.server.query(
        "SELECT actor_label, detail FROM audit_log WHERE action = 'database.upgrade'",
        deployment.database,
    )
    assert len(audit) == 1  # one upgrade happened, and it says who ran it
    label, detail = audit[0]
    assert label == CLI.label
    assert detail["from_revision"] is None
    assert detail["to_revision"] == HEAD_REVISION
    assert detail["database_role"] == deployment.owner


def test_a_workstation_never_creates_the_schema_on_an_empty_server(deployment, isolated_home):
    with pytest.raises(SchemaVersionError) as refused:
        Services.open(deployment.app_url)
    assert refused.value.server_revision is None
    assert not refused.value.server_is_newer
    assert "svctrainer db upgrade" in str(refused.value)
    # Not even filling it with the demo branch, as the migration role: only db upgrade.
    demo = subprocess.run(
        [*svctrainer_command(), "demo", "--db", deployment.owner_url],
        capture_output=True, text=True, env=_cli_env(isolated_home), check=False, timeout=60,
    )  # fmt: skip
    assert demo.returncode == 1
    assert "has no svctrainer schema yet" in demo.stderr
    assert _tables(deployment) == set()


def test_a_workstation_on_an_older_server_says_so_and_leaves_it_alone(deployment, cli):
    stamp_at_first_revision(deployment)
    with pytest.raises(SchemaVersionError) as refused:
        Services.open(deployment.owner_url)  # even the owner's credentials: never at start
    assert refused.value.server_revision == "0001"
    assert not refused.value.server_is_newer
    assert _revision(deployment) == "0001"

    done = cli("person", "list", "--db", deployment.app_url, timeout=60)
    assert done.returncode == 1
    line = done.stderr.strip()
    assert "\n" not in line
    assert "schema 0001, older than" in line
    assert "ask your svctrainer administrator to run 'svctrainer db upgrade'" in line
    assert _revision(deployment) == "0001"

    check = cli("db", "check", "--db", deployment.app_url, timeout=60)
    assert check.returncode == 1
    assert "svctrainer db upgrade" in check.stderr

    upgraded = upgrade_database(deployment.owner_url, CLI)
    assert (upgraded.before, upgraded.after) == ("0001", HEAD_REVISION)
    Services.open(deployment.app_url).close()  # the workstation now starts


def test_a_workstation_older_than_the_server_asks_for_the_new_release(deployment, cli):
    upgrade_database(deployment.owner_url, CLI)
    deployment.server.admin(
        "UPDATE alembic_version SET version_num = '0099_from_the_future'", deployment.database
    )
    with pytest.raises(SchemaVersionError) as refused:
        Services.open(deployment.app_url)
    assert refused.value.server_is_newer
    assert refused.value.server_revision == "0099_from_the_future"
    assert "newer release" in str(refused.value)

    done = cli("db", "upgrade", "--db", deployment.owner_url, timeout=60)
    assert done.returncode == 1  # an older release never touches a newer schema
    assert "newer than this svctrainer knows" in done.stderr
    assert _revision(deployment) == "0099_from_the_future"


def test_upgrade_under_the_application_role_is_refused_with_the_reason(deployment, cli):
    for state in ("empty", "current"):
        done = cli("db", "upgrade", "--db", deployment.app_url, timeout=60)
        assert done.returncode == 1, state
        message = done.stderr.strip()
        assert "\n" not in message
        assert f"database role '{deployment.app}'" in message, message
        assert "must connect as the migration role that owns the schema" in message
        if state == "empty":
            assert _tables(deployment) == set()
            upgrade_database(deployment.owner_url, CLI)
    audit = deployment.server.query(
        "SELECT count(*) FROM audit_log WHERE action = 'database.upgrade'", deployment.database
    )
    assert audit == [(1,)]  # only the owner's upgrade


def test_upgrade_as_a_superuser_is_refused_and_names_the_migration_role(deployment):
    """Tables a superuser created would belong to it, out of reach of the application
    role's grants (default privileges for the migration role): the workstations would
    fail on them. So only the migration role may upgrade, even on an empty database."""
    superuser_url = deployment.url("postgres")
    with pytest.raises(PermissionDeniedError, match=f"database's owner \\('{deployment.owner}'"):
        upgrade_database(superuser_url, CLI)
    assert _tables(deployment) == set()
    upgrade_database(deployment.owner_url, CLI)
    with pytest.raises(PermissionDeniedError, match=f"\\({deployment.owner} does\\)"):
        upgrade_database(superuser_url, CLI)
