"""The schema: migrations reach head, head matches the models, unknown schemas are refused."""

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from svctrainer.store.backup import list_backups
from svctrainer.store.database import Database, resolve_url
from svctrainer.store.errors import DatabaseTooNewError, SchemaMismatchError
from svctrainer.store.health import check_database
from svctrainer.store.migrate import SchemaStatus, ensure_current, schema_state, script_head
from svctrainer.store.migrations import HEAD_REVISION, KNOWN_REVISIONS, SCRIPT_LOCATION
from svctrainer.store.models import Base


def test_empty_database_upgrades_to_head(tmp_path):
    db = Database(resolve_url(str(tmp_path / "new.sqlite3")))
    before = ensure_current(db)
    assert before.status is SchemaStatus.EMPTY
    assert schema_state(db).status is SchemaStatus.CURRENT
    db.dispose()


def test_head_matches_the_models(template_db):
    db = Database(resolve_url(str(template_db)))
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diffs = compare_metadata(context, Base.metadata)
    db.dispose()
    assert diffs == []


def test_fast_path_constants_match_the_scripts():
    script = ScriptDirectory(SCRIPT_LOCATION)
    assert script_head() == HEAD_REVISION
    ordered = [rev.revision for rev in script.walk_revisions()][::-1]
    assert tuple(ordered) == KNOWN_REVISIONS


def test_database_from_a_newer_release_is_refused(db_path):
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    db = Database(resolve_url(str(db_path)))
    with pytest.raises(DatabaseTooNewError, match="newer svctrainer"):
        ensure_current(db)
    db.dispose()
    # And nothing was changed: the revision is still the newer one.
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("9999",)


def test_an_empty_version_table_is_called_an_interrupted_set_up(db_path):
    """It said "schema None was written by a newer svctrainer"."""
    with sqlite3.connect(db_path) as conn:
        conn.execute("DELETE FROM alembic_version")
    conn.close()
    db = Database(resolve_url(str(db_path)))
    with pytest.raises(SchemaMismatchError) as refused:
        ensure_current(db)
    db.dispose()
    assert "None" not in str(refused.value)
    assert "newer" not in str(refused.value)
    assert "no svctrainer schema version" in str(refused.value)
    assert "interrupted" in str(refused.value)
    report = check_database(str(db_path))
    assert not report.ok
    assert "None" not in (report.reason or "")
    assert "no svctrainer schema version" in (report.reason or "")


def test_a_schema_that_does_not_match_its_recorded_version_is_a_clear_refusal(db_path):
    """A 0001 stamp on a 0002 schema: the upgrade met an index that already exists and
    the person saw a raw OperationalError."""
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0001'")
    conn.close()
    db = Database(resolve_url(str(db_path)))
    with pytest.raises(SchemaMismatchError) as refused:
        ensure_current(db, backup=False)
    db.dispose()
    message = str(refused.value)
    assert "does not match its recorded version 0001" in message
    assert "OperationalError" not in message
    assert refused.value.path == db_path


def test_foreign_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    db = Database(resolve_url(str(path)))
    with pytest.raises(SchemaMismatchError, match="no svctrainer schema version"):
        ensure_current(db)
    db.dispose()


def test_downgrade_is_never_attempted():
    text = Path(SCRIPT_LOCATION, "script.py.mako").read_text()
    assert "raise NotImplementedError" in text
    for script in Path(SCRIPT_LOCATION, "versions").glob("*.py"):
        assert "restore a backup instead" in script.read_text(), script


def test_outdated_database_is_backed_up_before_upgrading(db_path, monkeypatch):
    # Simulate "one revision behind" by pretending the current head is newer than the file.
    from svctrainer.store import migrate

    monkeypatch.setattr(migrate, "HEAD_REVISION", "0002-future")
    upgraded: list[str] = []
    monkeypatch.setattr(migrate, "upgrade_to_head", lambda db: upgraded.append(db.label))
    db = Database(resolve_url(str(db_path)))
    state = ensure_current(db)
    db.dispose()
    assert state.status is SchemaStatus.OUTDATED
    assert upgraded == [str(db_path)]
    assert [b.reason for b in list_backups(db_path)] == ["pre-migration"]
