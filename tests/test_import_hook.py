"""The import each test runs with (tests/import_hook.py): the interpreter's own in a test
that does not use Qt, PySide's hooks in one that does."""

from __future__ import annotations

import builtins
from pathlib import Path

import import_hook


def test_a_test_without_qt_runs_with_the_interpreters_import():
    assert import_hook.PLAIN is not None
    assert import_hook.PLAIN.__name__ == "__import__"
    assert builtins.__import__ is import_hook.PLAIN
    import json  # an import statement goes through it and works

    assert json.loads("[1]") == [1]


def test_a_test_with_a_qt_fixture_runs_with_pysides_hook(qapp):
    assert builtins.__import__ is builtins.__feature_import__
    import json

    assert json.loads("[2]") == [2]


def test_modules_that_name_qt_are_told_apart():
    here = Path(__file__).parent
    assert import_hook.module_uses_qt(here / "gui" / "conftest.py")
    assert import_hook.module_uses_qt(here / "services" / "test_reports.py")  # a body's import
    roundtrip = here / "core" / "scenarios" / "test_scenario_roundtrip.py"
    assert not import_hook.module_uses_qt(roundtrip)
