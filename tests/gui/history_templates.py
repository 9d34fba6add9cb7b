"""A test module's own database template: the test branch with what the module's tests
all start from (learning histories) stored once, then copied for each test.

Why: adding the same histories to each test's fresh database (a hundred attempts written
row by row, the shipped content checked again) cost each test of a module about a tenth
of a second of CPU, more than its window. Each test still gets its own file (a test may
write: sign-ins, exports, settings), as ``tests/conftest.py``'s ``BranchTemplates`` gives
every test its own copy of the branch.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from branch_support import Branch
from support import FAST_PIN_COST

from svctrainer.services.api import Services


def branch_template_with(
    request: pytest.FixtureRequest, folder: Path, add: Callable[[Branch], None]
) -> Path:
    """The branch template of the shipped content with ``add(branch)`` applied, in
    ``folder``: the same people (ids, PINs) as the branch every test's ``db_path`` holds."""
    templates = request.getfixturevalue("branch_templates")
    source, people, _ = templates.of(request.getfixturevalue("shipped_content_db"))
    path = folder / "template.sqlite3"
    shutil.copyfile(source, path)
    svc = Services.open(str(path), pin_cost=FAST_PIN_COST)
    try:
        add(Branch(svc, *people))
        with svc.db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        svc.close()
    return path


def copied_over(db_path: Path, template: Path, request: pytest.FixtureRequest) -> Path:
    """``db_path`` (the branch, copied by the conftest) replaced by ``template``: the same
    branch with more in it, so the conftest's ``branch`` fixture still finds its people."""
    assert "tenkey_attempt" not in request.fixturenames  # that template holds no attempt
    assert request.node.get_closest_marker("shipped_content"), request.node.nodeid
    shutil.copyfile(template, db_path)
    return db_path
