"""The layers import downward only: core ← store ← services ← gui (and cli/commands).

Read from the source's import statements (including imports inside functions), so a
lazy import cannot sneak a dependency past the rule.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "svctrainer"

FORBIDDEN = {
    "core": (
        "PySide6",
        "sqlalchemy",
        "alembic",
        "pyqtgraph",
        "svctrainer.store",
        "svctrainer.services",
        "svctrainer.gui",
        "svctrainer.commands",
        "svctrainer.cli",
    ),
    "store": (
        "PySide6",
        "pyqtgraph",
        "svctrainer.services",
        "svctrainer.gui",
        "svctrainer.commands",
        "svctrainer.cli",
    ),
    "services": ("PySide6", "pyqtgraph", "svctrainer.gui", "svctrainer.commands", "svctrainer.cli"),
    "gui": ("svctrainer.commands", "svctrainer.cli"),
}


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_point_downward(layer):
    problems = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for line, module in _imports(path):
            if any(module == bad or module.startswith(bad + ".") for bad in FORBIDDEN[layer]):
                problems.append(f"{path.relative_to(PACKAGE.parent)}:{line}: imports {module}")
    assert problems == []


def test_cli_module_does_not_import_heavy_libraries():
    modules = [m for _, m in _imports(PACKAGE / "cli.py")]
    assert not [m for m in modules if m.split(".")[0] in ("PySide6", "sqlalchemy", "pyqtgraph")]
