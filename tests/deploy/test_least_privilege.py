"""The least-privilege set-up of docs/DEPLOYMENT.md, tried on a real server: a migration
role owns the schema, the application role every workstation uses has data access only,
and the whole application still works under it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import psycopg
import pytest
from branch_support import Branch, MatrixWorld, set_up_world, world_on
from deployment_support import Deployment, DeployServer, run_roles_script
from pg_server import Clones
from support import FAST_PIN_COST
from test_role_matrix import MATRIX, ROLES, add_regional, people_by_role

from svctrainer.core.roles import ROLE_PERMISSIONS
from svctrainer.services.actor import Actor
from svctrainer.services.api import Services
from svctrainer.services.errors import PermissionDeniedError
from svctrainer.services.schema_upgrade import upgrade_database

CLI = Actor.command_line()
DML = {"SELECT", "INSERT", "UPDATE", "DELETE"}
# Backups and restores of the SQLite file; a server is backed up with pg_dump.
SQLITE_FILE_ONLY = {"database.backups", "database.backup_now", "database.restore"}


def _connect(deployment: Deployment, role: str) -> psycopg.Connection:
    server = deployment.server.server
    return psycopg.connect(
        host=str(server.folder), port=server.port, user=role, dbname=deployment.database,
        autocommit=True,
    )  # fmt: skip


def test_the_roles_script_gives_the_app_role_data_access_and_nothing_else(deployment):
    run_roles_script(
        deployment.server, deployment.database, deployment.owner, deployment.app
    )  # a second run changes nothing and fails on nothing
    upgrade_database(deployment.owner_url, CLI)
    server = deployment.server
    owners = server.query(
        "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'",
        deployment.database,
    )
    assert owners == [(deployment.owner,)]
    kinds = ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER")
    rows = server.query(
        "SELECT tablename, "  # noqa: S608 - names the test itself made
        + ", ".join(
            f"has_table_privilege('{deployment.app}', 'public.' || tablename, '{k}')" for k in kinds
        )
        + " FROM pg_tables WHERE schemaname = 'public'",
        deployment.database,
    )
    assert len(rows) >= 10
    for table, *allowed in rows:
        granted = {k for k, ok in zip(kinds, allowed, strict=True) if ok}
        assert granted == DML, table
    sequences = server.query(
        "SELECT defaclobjtype, array_to_string(defaclacl, ',') FROM pg_default_acl",
        deployment.database,
    )
    assert ("S", f"{deployment.app}=U/{deployment.owner}") in sequences  # future sequences

    with _connect(deployment, deployment.app) as app:
        for ddl, refusal in (
            ("CREATE TABLE sneaky (id int)", "permission denied for schema public"),
            ("ALTER TABLE person ADD COLUMN sneaky int", "must be owner of table person"),
            ("DROP TABLE audit_log", "must be owner of table audit_log"),
            ("TRUNCATE attempt", "permission denied for table attempt"),
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match=refusal):
                app.execute(ddl)  # type: ignore[arg-type]

    stranger = f"svc_stranger_{uuid.uuid4().hex[:8]}"
    server.admin(f'CREATE ROLE "{stranger}" LOGIN')
    with pytest.raises(psycopg.OperationalError, match="permission denied for database"):
        _connect(deployment, stranger)


@pytest.fixture(scope="module")
def deployed_template(deploy_server: DeployServer) -> Iterator[Deployment]:
    """A database set up by the roles script, upgraded by the owner, with the shipped
    content stored by the application role: cloned for each test."""
    tag = uuid.uuid4().hex[:8]
    template = Deployment(deploy_server, f"svc_tpl_{tag}", f"svc_owner_{tag}", f"svc_app_{tag}")
    run_roles_script(deploy_server, template.database, template.owner, template.app)
    upgrade_database(template.owner_url, CLI)
    services = Services.open(template.app_url, pin_cost=FAST_PIN_COST)
    services.content.sync_bundled()
    services.close()
    yield template
    deploy_server.server.drop(template.database)


def _clone(template: Deployment) -> Deployment:
    """A copy of ``template``'s database, owned by its owner, used by its application role."""
    name = f"svc_{uuid.uuid4().hex[:12]}"
    template.server.admin(
        f'CREATE DATABASE "{name}" TEMPLATE "{template.database}" OWNER "{template.owner}"'
    )
    return Deployment(template.server, name, template.owner, template.app)


@pytest.fixture
def app_deployment(deployed_template: Deployment) -> Iterator[Deployment]:
    made = _clone(deployed_template)
    yield made
    made.server.server.drop(made.database)


@pytest.fixture
def services(app_deployment: Deployment) -> Iterator[Services]:
    """Overrides the SQLite ``services`` fixture: the branch fixtures (tests/conftest.py)
    then stand on the server, signed in as the application role."""
    svc = Services.open(app_deployment.app_url, pin_cost=FAST_PIN_COST)
    yield svc
    svc.close()


def test_a_branch_runs_end_to_end_under_the_application_role(branch, tenkey_attempt):
    """First-run set-up, people, content, an attempt and the dashboard: all with DML."""
    svc = branch.services
    assert svc.db.url.username.startswith("svc_app_")
    history = svc.attempts.history(CLI, branch.other_teller.id)
    assert [a.id for a in history] == [tenkey_attempt.id]
    board = svc.progress.dashboard(branch.actor(branch.supervisor), "tenkey-amounts.en")
    assert board.entries
    assert svc.audit.recent(CLI, limit=5)


@pytest.fixture(scope="module")
def world_template(deployed_template: Deployment) -> Iterator[tuple[Deployment, MatrixWorld]]:
    """A database holding the role matrix's ``world`` (the branch, its attempt, the
    regional supervisor), set up once by the application role: each test's ``world`` is
    a clone of it, instead of setting all of it up again."""
    made = _clone(deployed_template)
    svc = Services.open(made.app_url, pin_cost=FAST_PIN_COST)
    try:
        world = set_up_world(svc, add_regional)
    finally:
        svc.close()
    yield made, world
    made.server.server.drop(made.database)


@pytest.fixture(scope="module")
def world_clones(world_template: tuple[Deployment, MatrixWorld]) -> Iterator[Clones]:
    """Clones of ``world_template``, one kept for the next test when a test only read
    (``pg_server.Clones``): about half of the role-matrix calls."""
    template = world_template[0]
    clones = Clones(template.server.server, lambda _: _clone(template).database)
    yield clones
    clones.forget(template.database)


@pytest.fixture
def world(world_template: tuple[Deployment, MatrixWorld], world_clones: Clones) -> Iterator[Branch]:
    template, records = world_template
    with world_clones.fresh(template.database) as name:
        deployment = Deployment(template.server, name, template.owner, template.app)
        svc = Services.open(deployment.app_url, pin_cost=FAST_PIN_COST)
        yield world_on(svc, records)
        svc.close()


@pytest.mark.slow
@pytest.mark.parametrize("call_name", sorted(set(MATRIX) - SQLITE_FILE_ONLY))
def test_every_service_call_runs_under_the_application_role(world, call_name):
    permission, call = MATRIX[call_name]
    people = people_by_role(world)
    for role in ROLES:
        actor = world.actor(people[role])
        if permission in ROLE_PERMISSIONS[role]:
            call(world, actor)
        else:
            with pytest.raises(PermissionDeniedError):
                call(world, actor)
