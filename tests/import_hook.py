"""Which ``__import__`` a test runs with: PySide's import hooks only in the tests that use Qt.

Why: pytest-qt imports QtCore when pytest starts (its ``pytest_configure``), in every run
and every worker, whatever the tests. Importing PySide6 replaces ``builtins.__import__``
with ``__feature_import__`` (for ``from __feature__ import snake_case``), which calls
two Python functions around every import statement executed, and under it
``__lazy_import__`` (star imports of lazily made Qt classes), which takes CPython's
import statement off its direct path. A function-level import, even of a module long
imported, then cost ~7 µs instead of under 1: Hypothesis imports inside its draw
function, which the scenario round trip calls some 600 000 times. PySide's hook also
reads the source of every module first imported under it (``inspect.getsource``: does
the module use Qt?).

What the hooks do is used only by code that uses Qt: no module of the application (or
of the tests) writes ``from __feature__ import``, and only a Qt module has lazily made
classes to star-import. A module imported while the plain import is in place has no
entry in PySide's table of modules and their feature choices, as every module imported
before PySide6 has none; without a choice made anywhere, every module reads Qt with the
default names either way. So a test whose module names neither Qt nor the GUI (nor asks
for a Qt fixture) runs with the interpreter's own import, as the command line runs in
production; the tests that use Qt run with PySide's hooks, as the window does.

The switch is made before each test's set-up (``pytest_runtest_protocol``) and only
between the two functions seen here: an ``__import__`` someone else installed is left
alone. At the end of the session PySide's hook is put back for pytest-qt's own end.
"""

from __future__ import annotations

import builtins
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

_QT_WORDS = ("PySide6", "svctrainer.gui", "pyqtgraph")
"""A test module whose text holds one of these uses Qt (imports at module level or in a
test's body, or names the GUI's modules)."""

_QT_FIXTURES = frozenset({"qtbot", "qapp"})


def _interpreters_own(function: Callable[..., Any]) -> bool:
    return isinstance(function, types.BuiltinFunctionType) and function.__name__ == "__import__"


PLAIN: Callable[..., Any] | None = (
    builtins.__import__ if _interpreters_own(builtins.__import__) else None
)
"""The interpreter's ``__import__``, taken when tests/conftest.py imports this module:
before pytest-qt imports PySide6 (None if something replaced it earlier: then nothing
is switched)."""

_pyside: list[Callable[..., Any]] = []  # PySide's hook, once installed
_uses_qt: dict[Path, bool] = {}


def module_uses_qt(path: Path) -> bool:
    """Whether the test module at ``path`` uses Qt (read once per module)."""
    known = _uses_qt.get(path)
    if known is None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""
        known = "gui" in path.parts or any(word in text for word in _QT_WORDS)
        _uses_qt[path] = known
    return known


def uses_qt(item: pytest.Item) -> bool:
    return module_uses_qt(item.path) or not _QT_FIXTURES.isdisjoint(
        getattr(item, "fixturenames", ())
    )


def _switch(wanted: Callable[..., Any]) -> None:
    current = builtins.__import__
    if current is not wanted and (current is PLAIN or current in _pyside):
        builtins.__import__ = wanted


def before_test(item: pytest.Item) -> None:
    """Put in place the import ``item`` runs with."""
    if PLAIN is None:
        return
    if not _pyside:
        current = builtins.__import__
        if getattr(current, "__name__", None) != "__feature_import__":
            return  # PySide6 not imported (yet): nothing to switch
        _pyside.append(current)
    _switch(_pyside[0] if uses_qt(item) else PLAIN)


def at_end() -> None:
    """PySide's hook back, as it was before the first test."""
    if _pyside:
        _switch(_pyside[0])
