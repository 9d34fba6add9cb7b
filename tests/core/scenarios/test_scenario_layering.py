"""The scenario core stays pure: no Qt, no SQL, no upper layers."""

from __future__ import annotations

import ast
from pathlib import Path

import svctrainer.core.scenarios as package

FORBIDDEN = (
    "PySide6",
    "sqlalchemy",
    "pyqtgraph",
    "svctrainer.store",
    "svctrainer.services",
    "svctrainer.gui",
)


def test_no_module_imports_a_framework_or_an_upper_layer():
    for path in Path(package.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not name.startswith(FORBIDDEN), f"{path.name} imports {name}"
