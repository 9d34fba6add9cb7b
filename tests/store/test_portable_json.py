"""``PortableJSON``: JSON text on SQLite, JSONB on PostgreSQL, the PostgreSQL dialect loaded
only when a PostgreSQL database is met."""

import subprocess
import sys

from sqlalchemy import select, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.schema import CreateTable

from svctrainer.store.database import Database, resolve_url
from svctrainer.store.models import Attempt, Contest


def _contest(name: str, **results: object) -> Contest:
    return Contest(
        name=name, state="draft", seed=1, attempts=1, window_minutes=5, countdown_s=3, **results
    )


def test_values_are_stored_as_json_text_and_none_as_json_null(db_path):
    db = Database(resolve_url(str(db_path)))
    with db.writing() as session:
        session.add(_contest("a", results={"ranks": [{"who": "T1", "score": 91.5}]}))
        session.add(_contest("b", results=None))
        session.add(_contest("c"))
    with db.reading() as session:
        raw = dict(session.execute(text("SELECT name, results FROM contest")).all())
        back = dict(session.execute(select(Contest.name, Contest.results)).all())
        ranks = session.scalar(select(Contest.results[("ranks", 0, "who")]).where(
            Contest.name == "a"))  # fmt: skip
    db.dispose()
    # As JSON() did: an explicit None is JSON null, an unset column SQL NULL.
    assert raw == {"a": '{"ranks": [{"who": "T1", "score": 91.5}]}', "b": "null", "c": None}
    assert back == {"a": {"ranks": [{"who": "T1", "score": 91.5}]}, "b": None, "c": None}
    assert ranks == "T1"


def test_postgresql_gets_jsonb_and_the_same_path_operator():
    dialect = postgresql.dialect()
    ddl = str(CreateTable(Contest.__table__).compile(dialect=dialect))
    assert "results JSONB" in ddl
    assert "details JSONB" in str(CreateTable(Attempt.__table__).compile(dialect=dialect))
    query = select(Attempt.details[("mistakes", 0)]).compile(dialect=dialect)
    assert "attempt.details #> " in str(query)


def test_a_sqlite_database_never_loads_the_postgresql_dialect(db_path):
    """It cost every command on SQLite some 50 ms of CPU."""
    code = (
        "import sys\n"
        "from svctrainer.services.api import Services\n"
        f"services = Services.open({str(db_path)!r})\n"
        "services.close()\n"
        "print([m for m in sys.modules if 'postgresql' in m or m.startswith('psycopg')])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
