"""No code can listen on the network, and a server password never reaches logs or messages.

(The running window is checked in tests/gui/test_no_listening_sockets.py.)
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from svctrainer.core.redaction import hide_passwords
from svctrainer.store.database import display_url, resolve_url

PACKAGE = Path(__file__).resolve().parents[2] / "svctrainer"
LISTENING_APIS = {"QTcpServer", "QLocalServer", "QUdpSocket", "QWebSocketServer", "listen", "bind",
                  "HTTPServer", "TCPServer", "serve_forever", "start_server"}  # fmt: skip


def _is_sqlalchemy_event(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "listen"
        and isinstance(node.value, ast.Name)
        and node.value.id == "event"
    )


def test_no_code_can_open_a_listening_socket():
    """No module refers to a server socket API (read from the code's own names)."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", None)
            if _is_sqlalchemy_event(node):
                continue  # sqlalchemy.event.listen registers a callback: no socket
            if name in LISTENING_APIS:
                found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {name}")
    assert found == []


def test_a_server_password_never_reaches_the_log_or_the_message(cli, isolated_home):
    secret = "S3cr3t-Pa55"
    url = f"postgresql+psycopg://trainer:{secret}@127.0.0.1:1/svctrainer?sslmode=require"
    result = cli("person", "list", "--db", url)
    assert result.returncode == 1
    assert secret not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for log in isolated_home.rglob("*.log*"):
        assert secret not in log.read_text(encoding="utf-8", errors="replace")


# Every way a server password can be written (issue 19, point 8): in the URL's user
# part (an '@' inside it too), as ?password= in its query, or as a libpq connection
# string; the password never appears in stdout, stderr or the log.
SECRET = "S3cr3t-Pa55"
PASSWORD_FORMS = {
    "userinfo": f"postgresql+psycopg://trainer:{SECRET}@127.0.0.1:1/svctrainer",
    "userinfo with @": f"postgresql+psycopg://trainer:p@ss-{SECRET}@127.0.0.1:1/svctrainer",
    "userinfo with @ and :": f"postgresql+psycopg://trainer:a:b@{SECRET}@127.0.0.1:1/svc",
    "query": f"postgresql+psycopg://trainer@127.0.0.1:1/svctrainer?password={SECRET}&x=1",
    "query first": f"postgresql+psycopg://127.0.0.1:1/svc?password={SECRET}",
    "libpq": f"host=127.0.0.1 port=1 user=trainer password={SECRET} dbname=svctrainer",
    "libpq quoted": f"host=127.0.0.1 port=1 password='{SECRET} x\\'y' dbname=svc",
}


@pytest.mark.parametrize("url", PASSWORD_FORMS.values(), ids=PASSWORD_FORMS.keys())
def test_no_form_of_password_reaches_a_message_or_the_log(cli, isolated_home, url):
    result = cli("person", "list", "--db", url)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert SECRET not in result.stdout + result.stderr, result.stderr
    assert "***" in result.stderr or "server" in result.stderr
    logs = list(isolated_home.rglob("*.log*"))
    assert logs
    for log in logs:
        assert SECRET not in log.read_text(encoding="utf-8", errors="replace")


@pytest.mark.parametrize("url", PASSWORD_FORMS.values(), ids=PASSWORD_FORMS.keys())
def test_hide_passwords_masks_every_form(url):
    shown = hide_passwords(f"could not open {url}: refused")
    assert SECRET not in shown
    assert shown.startswith("could not open ")
    assert shown.endswith("refused")


def test_a_libpq_connection_string_is_read_as_a_server_url():
    url = resolve_url("host=db.branch port=5433 user=app password='p w' dbname=svc sslmode=require")
    assert url.get_backend_name() == "postgresql"
    assert (url.host, url.port, url.username, url.password, url.database) == (
        "db.branch",
        5433,
        "app",
        "p w",
        "svc",
    )
    assert url.query["sslmode"] == "require"
    assert "p w" not in display_url(url)
    query_url = resolve_url(f"postgresql+psycopg://app@db/svc?password={SECRET}")
    assert SECRET not in display_url(query_url)
