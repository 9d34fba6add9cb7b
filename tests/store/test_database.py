import hashlib
import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import text

from svctrainer.store.database import Database, OpenOptions, display_url, resolve_url
from svctrainer.store.errors import DatabaseReadOnlyError, NotADatabaseError
from svctrainer.store.models import Branch


def test_sqlite_pragmas_for_durability(db_path):
    db = Database(resolve_url(str(db_path)))
    with db.reading() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert session.execute(text("PRAGMA busy_timeout")).scalar() == 10_000
    db.dispose()


def test_times_come_back_as_utc(db_path):
    db = Database(resolve_url(str(db_path)))
    shanghai = timezone(timedelta(hours=8))
    with db.writing() as session:
        branch = Branch(name="B", created_at=datetime(2026, 1, 1, 8, 0, tzinfo=shanghai))
        session.add(branch)
        session.flush()
        branch_id = branch.id
    with db.reading() as session:
        stored = session.get(Branch, branch_id).created_at
    assert stored == datetime(2026, 1, 1, 0, 0, tzinfo=UTC)
    assert stored.tzinfo is not None
    db.dispose()


def test_naive_times_are_refused(db_path):
    db = Database(resolve_url(str(db_path)))
    with db.writing() as session:
        session.add(Branch(id=uuid.uuid4(), name="B", created_at=datetime(2026, 1, 1)))
        with pytest.raises(Exception, match="naive datetime"):
            session.flush()
        session.rollback()
    db.dispose()


def test_not_a_database_is_refused_without_touching_it(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_bytes(b"shopping list\n" * 100)
    before = path.read_bytes()
    with pytest.raises(NotADatabaseError, match="not an svctrainer database"):
        Database(resolve_url(str(path)))
    assert path.read_bytes() == before


def test_read_only_open_never_writes(db_path):
    digest = hashlib.sha256(db_path.read_bytes()).hexdigest()
    siblings = sorted(p.name for p in db_path.parent.iterdir())
    db = Database(resolve_url(str(db_path)), OpenOptions(read_only=True))
    with db.reading() as session:
        assert session.execute(text("SELECT count(*) FROM person")).scalar() == 0
    with pytest.raises(DatabaseReadOnlyError), db.writing():
        pass
    db.dispose()
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == digest
    assert sorted(p.name for p in db_path.parent.iterdir()) == siblings


def test_plain_paths_and_urls_are_accepted(tmp_path):
    assert resolve_url(str(tmp_path / "a.db")).database == str(tmp_path / "a.db")
    url = resolve_url("postgresql+psycopg://trainer:s3cret@db.branch.local/svc?sslmode=require")
    assert url.query["sslmode"] == "require"
    assert "s3cret" not in display_url(url)
