"""Databases as an older release left them, for the migration tests.

Each migration test starts from release 0001's fixture (``fixtures/schema_0001.sqlite3``:
a branch, its people and eight ten-key attempts, written by that release's services) and
brings it to the revision just before the one under test, exactly as a workstation of that
release would hold it. One helper, so every migration test builds its starting point the
same way and a new one needs a single line.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config

from svctrainer.store.database import Database, resolve_url
from svctrainer.store.migrations import SCRIPT_LOCATION

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "schema_0001.sqlite3"


def schema_at(tmp_path: Path, revision: str) -> Path:
    """A copy of the 0001 fixture in ``tmp_path`` upgraded to ``revision`` exactly (the
    fixture itself is never changed)."""
    path = tmp_path / f"release-{revision}.sqlite3"
    shutil.copyfile(FIXTURE, path)
    db = Database(resolve_url(str(path)))
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    try:
        with db.engine.connect() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, revision)
            conn.commit()
    finally:
        db.dispose()
    return path


def table_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table in a stable order (alembic's version and the audit log,
    which the upgrade itself writes to, aside): what an upgrade must keep."""
    with sqlite3.connect(path) as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name NOT IN ('alembic_version', 'audit_log')"
            )
        ]
        return {t: sorted(map(tuple, conn.execute(f"SELECT * FROM {t}"))) for t in tables}  # noqa: S608
