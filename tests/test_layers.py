"""The layers import downward only: core ← store ← services ← gui (and cli/commands).

Read from the source's import statements (including imports inside functions, and
relative ones), so a lazy import cannot sneak a dependency past the rule. The GUI and
the command line reach the database only through the services: they import neither the
store nor SQLAlchemy, and never touch ``Services.db``.
"""

import ast
import functools
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "svctrainer"

BELOW_THE_SERVICES = ("sqlalchemy", "alembic", "svctrainer.store")

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
    "gui": (*BELOW_THE_SERVICES, "svctrainer.commands", "svctrainer.cli"),
    # ``cli.py`` parses arguments and calls the commands; a command never imports it back.
    "commands": (*BELOW_THE_SERVICES, "svctrainer.cli"),
}

FRONT_ENDS = ("gui", "commands")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in ``path``; ``from . import x`` and
    ``from ..store import y`` are resolved against the file's own package."""
    return _read(path)[0]


def _db_lines(path: Path) -> list[int]:
    """The lines of ``path`` that use an attribute named ``db``."""
    return _read(path)[1]


@functools.cache
def _read(path: Path) -> tuple[list[tuple[int, str]], list[int]]:
    """What the rules look for in ``path``, its syntax tree parsed and walked once a run:
    the GUI's and the commands' modules are read by two rules, and parsing was most of
    this file's time. (A test's own module is new each time: ``tmp_path``.)"""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found = []
    db = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                base = node.module or ""
            else:
                anchor = package[: len(package) - (node.level - 1)]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            found.append((node.lineno, base))
            if node.module is None:  # ``from .. import store``: the names are modules
                found.extend((node.lineno, f"{base}.{alias.name}") for alias in node.names)
        elif isinstance(node, ast.Attribute) and node.attr == "db":
            db.append(node.lineno)
    return found, db


def _violations(layer: str) -> list[str]:
    problems = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for line, module in _imports(path):
            if any(module == bad or module.startswith(bad + ".") for bad in FORBIDDEN[layer]):
                problems.append(f"{path.relative_to(PACKAGE.parent)}:{line}: imports {module}")
    return problems


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_point_downward(layer):
    assert _violations(layer) == []


@pytest.mark.parametrize("layer", FRONT_ENDS)
def test_front_ends_never_reach_the_services_database(layer):
    """``Services.db`` is the services' own handle: a widget or command that used it
    would skip the role checks and the error translation."""
    problems = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        problems.extend(
            f"{path.relative_to(PACKAGE.parent)}:{line}: .db" for line in _db_lines(path)
        )
    assert problems == []


def test_cli_module_does_not_import_heavy_libraries():
    modules = [m for _, m in _imports(PACKAGE / "cli.py")]
    assert not [m for m in modules if m.split(".")[0] in ("PySide6", "sqlalchemy", "pyqtgraph")]


@pytest.mark.parametrize(
    ("layer", "source", "caught"),
    [
        ("gui", "from svctrainer.store.backup import list_backups\n", "svctrainer.store.backup"),
        ("gui", "def f():\n    from sqlalchemy import select\n", "sqlalchemy"),
        ("gui", "from ..store import models\n", "svctrainer.store"),
        ("gui", "from .. import store\n", "svctrainer.store"),
        ("commands", "import svctrainer.store.database as d\n", "svctrainer.store.database"),
        ("commands", "from svctrainer.cli import USAGE_ERROR\n", "svctrainer.cli"),
        ("commands", "from .. import cli\n", "svctrainer.cli"),
    ],
)
def test_the_rule_catches_each_way_in(tmp_path, monkeypatch, layer, source, caught):
    """The checker itself: each way of reaching below the services is reported."""
    fake = tmp_path / "svctrainer"
    (fake / layer).mkdir(parents=True)
    (fake / layer / "sneaky.py").write_text(source, encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", fake)
    assert [p for p in _violations(layer) if p.endswith(f"imports {caught}")]
