"""No code can listen on the network, and a server password never reaches logs or messages.

(The running window is checked in tests/gui/test_no_listening_sockets.py.)
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "svctrainer"
LISTENING_APIS = {"QTcpServer", "QLocalServer", "QUdpSocket", "QWebSocketServer", "listen", "bind",
                  "HTTPServer", "TCPServer", "serve_forever", "start_server"}  # fmt: skip


def test_no_code_can_open_a_listening_socket():
    """No module refers to a server socket API (read from the code's own names)."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", None)
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
