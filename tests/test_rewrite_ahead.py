"""tests/rewrite_ahead.py writes what pytest's own import of a test module would keep:
the worker then reads it instead of rewriting the module again."""

from __future__ import annotations

from pathlib import Path

import pytest
from _pytest.assertion.rewrite import _read_pyc
from rewrite_ahead import _pyc, stale, write_ahead


def test_the_bytecode_written_ahead_is_what_pytest_reads(
    pytestconfig: pytest.Config, tmp_path: Path
) -> None:
    modules = []
    for n in range(3):
        module = tmp_path / f"test_ahead_{n}.py"
        module.write_text(f"def test_it():\n    value = {n}\n    assert value == {n} + 1\n")
        modules.append(module)
    broken = tmp_path / "test_broken.py"
    broken.write_text("def test_it(:\n")
    assert stale([*modules, broken]) == [*modules, broken]
    assert write_ahead(pytestconfig, [*modules, broken], 2) == 4
    assert stale([*modules, broken]) == [broken]  # left to the worker, which reports it
    for module in modules:
        code = _read_pyc(module, _pyc(module))
        assert code is not None  # pytest takes it as current
        namespace: dict[str, object] = {}
        exec(code, namespace)  # noqa: S102 - the rewritten module: its assert explains
        with pytest.raises(AssertionError, match=r"assert \d+ == \(\d+ \+ 1\)"):
            namespace["test_it"]()  # type: ignore[operator]
    modules[0].write_text("def test_it():\n    assert True\n")
    assert stale(modules) == [modules[0]]  # the text changed: written again
