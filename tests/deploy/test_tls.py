"""TLS with ``sslmode=verify-full``, as docs/DEPLOYMENT.md sets it up: a workstation
reaches the server only over TLS, checks its certificate against the bank's CA and its
name against the host it asked for, and signs in with a password from a password file.

The certificates come from packaging/server/make-test-certificates.sh (a throwaway CA).
"""

from __future__ import annotations

import subprocess

import pytest
from deployment_support import SERVER_NAME, SERVER_SCRIPTS, Deployment
from sqlalchemy import text

from svctrainer.services.actor import Actor
from svctrainer.services.api import Services
from svctrainer.services.errors import DatabaseError
from svctrainer.services.schema_upgrade import upgrade_database

CLI = Actor.command_line()


@pytest.fixture
def tls_deployment(deployment: Deployment) -> Deployment:
    upgrade_database(deployment.owner_url, CLI)
    deployment.server.set_password(deployment.app)
    return deployment


def test_verify_full_connects_encrypted_and_signs_in_with_the_password_file(tls_deployment):
    d = tls_deployment
    url = d.server.tls_url(d.database, d.app)
    assert "password" not in url.split("?")[0]
    services = Services.open(url)
    try:
        with services.db.reading() as session:
            row = session.execute(
                text(
                    "SELECT s.ssl, s.version, current_user FROM pg_stat_ssl s "
                    "WHERE s.pid = pg_backend_pid()"
                )
            ).one()
        assert row[0] is True
        assert row[1].startswith("TLSv1.")
        assert row[2] == d.app
        assert services.auth.needs_setup()  # and the app works over it
    finally:
        services.close()


def test_the_command_line_checks_the_server_over_verify_full(tls_deployment, cli):
    d = tls_deployment
    done = cli("db", "check", "--db", d.server.tls_url(d.database, d.app), timeout=60)
    assert done.returncode == 0, done.stderr
    assert "schema" in done.stdout
    assert "(current)" in done.stdout


def test_a_wrong_host_name_is_refused(tls_deployment, cli):
    """The right server, the right CA, but not the name the certificate was issued for:
    what a workstation sees when something else answers at the server's address."""
    d = tls_deployment
    url = d.server.tls_url(d.database, d.app, host="impostor.branch.test")
    with pytest.raises(DatabaseError, match=f'"{SERVER_NAME}" does not match host name'):
        Services.open(url)
    done = cli("db", "check", "--db", url, timeout=60)
    assert done.returncode == 1
    assert "does not match host name" in done.stderr
    assert "\n" not in done.stderr.strip()


def test_a_certificate_from_another_ca_is_refused(tls_deployment, tmp_path):
    d = tls_deployment
    other = tmp_path / "other-ca"
    subprocess.run(
        ["sh", str(SERVER_SCRIPTS / "make-test-certificates.sh"), str(other), SERVER_NAME, "1"],
        check=True,
        capture_output=True,
        timeout=60,
    )
    url = d.server.tls_url(d.database, d.app, rootcert=other / "ca.crt")
    with pytest.raises(DatabaseError, match="certificate verify failed"):
        Services.open(url)


def test_a_connection_without_tls_is_refused_by_the_server(tls_deployment):
    d = tls_deployment
    url = d.server.tls_url(d.database, d.app, sslmode="disable")
    with pytest.raises(DatabaseError, match="no encryption"):
        Services.open(url)
