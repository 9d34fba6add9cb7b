"""The throwaway server's clones (tests/pg_server.py): a clone a test changed in any way
is never handed to the next test; one it only read is, and still equals the template."""

from __future__ import annotations

import pytest
from pg_server import Clones, ThrowawayServer, tree_digest


def _sql(server: ThrowawayServer, database: str, *statements: str) -> list[tuple[object, ...]]:
    import psycopg

    with psycopg.connect(
        host=str(server.folder), port=server.port, user="postgres", dbname=database,
    ) as conn:  # fmt: skip
        rows: list[tuple[object, ...]] = []
        for statement in statements:
            cursor = conn.execute(statement)
            rows = cursor.fetchall() if cursor.description else []
        return rows


@pytest.fixture
def clones(pg: tuple[ThrowawayServer, str]) -> Clones:
    """Clones of their own (not the session's ``pg_clones``), of a template of their own."""
    return Clones(pg[0])


@pytest.fixture
def small_template(pg: tuple[ThrowawayServer, str]):
    server, _ = pg
    name = "t_small_template"
    server.admin(f'CREATE DATABASE "{name}"')
    _sql(server, name, "CREATE TABLE note (id uuid PRIMARY KEY, body text)")
    yield name
    server.drop(name)


def _used(clones: Clones, template: str, *statements: str, commit: bool = True) -> str:
    with clones.fresh(template) as name:
        if statements:
            if commit:
                _sql(clones.server, name, *statements)
            else:
                _sql(clones.server, name, "BEGIN", *statements, "ROLLBACK")
    return name


def test_a_clone_only_read_is_handed_to_the_next_test(clones, small_template):
    first = _used(clones, small_template, "SELECT count(*) FROM note")
    second = _used(clones, small_template)
    assert second == first
    clones.forget(small_template)


@pytest.mark.parametrize(
    ("write", "commit"),
    [
        ("INSERT INTO note VALUES (gen_random_uuid(), 'x')", True),
        ("INSERT INTO note VALUES (gen_random_uuid(), 'x')", False),  # rolled back
        ("CREATE TABLE extra (n int)", True),
        ("SELECT * FROM note FOR UPDATE", True),  # a row lock marks the row too
        ("CREATE TEMPORARY TABLE scratch (n int)", True),
    ],
)
def test_a_clone_written_in_any_way_is_never_handed_on(clones, small_template, write, commit):
    if "FOR UPDATE" in write:
        _sql(clones.server, small_template, "INSERT INTO note VALUES (gen_random_uuid(), 'x')")
    written = _used(clones, small_template, write, commit=commit)
    fresh = _used(clones, small_template)
    assert fresh != written
    assert _sql(clones.server, fresh, "SELECT count(*) FROM pg_class WHERE relname = 'extra'") == [
        (0,)
    ]
    rows = _sql(clones.server, "postgres", "SELECT datname FROM pg_database")
    assert (written,) not in rows  # dropped
    clones.forget(small_template)


def test_a_write_still_open_when_the_test_ends_is_never_handed_on(clones, small_template):
    """A connection a test left in a transaction that wrote: the clone is not unchanged."""
    import psycopg

    with clones.fresh(small_template) as name:
        left_open = psycopg.connect(
            host=str(clones.server.folder), port=clones.server.port, user="postgres",
            dbname=name,
        )  # fmt: skip
        left_open.execute("INSERT INTO note VALUES (gen_random_uuid(), 'x')")
    left_open.close()
    assert _used(clones, small_template) != name
    clones.forget(small_template)


def test_a_session_left_connected_is_never_handed_on(clones, small_template):
    """A session a test left open holds what needs no transaction id (here a session's
    advisory lock, which the next test would find taken): the clone is not kept."""
    import psycopg

    with clones.fresh(small_template) as name:
        left_open = psycopg.connect(
            host=str(clones.server.folder), port=clones.server.port, user="postgres",
            dbname=name, autocommit=True,
        )  # fmt: skip
        left_open.execute("SELECT pg_advisory_lock(17)")
    try:
        assert _used(clones, small_template) != name
    finally:
        left_open.close()
    clones.forget(small_template)


def test_a_template_with_a_sequence_is_refused(clones, small_template):
    _sql(clones.server, small_template, "CREATE SEQUENCE counter")
    with pytest.raises(RuntimeError, match="sequences"), clones.fresh(small_template):
        pass


def test_the_templates_key_changes_with_any_file_of_any_root(tmp_path):
    """The session cluster's key covers the code, the shipped content beside it and the
    recipe's own files (conftest's ``pg``): an edited drill pack in a cache kept between
    runs must not hand on the old cluster (the review found the packs left out)."""
    code, content, recipe = tmp_path / "svctrainer", tmp_path / "drills", tmp_path / "conftest.py"
    (code / "__pycache__").mkdir(parents=True)
    content.mkdir()
    (code / "a.py").write_text("x = 1\n")
    (code / "__pycache__" / "a.pyc").write_bytes(b"compiled")
    (content / "pack.toml").write_text("title = 'Ten-key'\n")
    recipe.write_text("# recipe\n")
    key = tree_digest(code, content, recipe)
    assert key == tree_digest(code, content, recipe)
    (code / "__pycache__" / "a.pyc").write_bytes(b"compiled again")
    assert tree_digest(code, content, recipe) == key  # compiled caches do not count
    (content / "pack.toml").write_text("title = 'Ten-key amounts'\n")
    edited_pack = tree_digest(code, content, recipe)
    assert edited_pack != key
    recipe.write_text("# recipe, changed\n")
    assert tree_digest(code, content, recipe) not in (key, edited_pack)
    assert tree_digest(code, content) != tree_digest(code)  # every root counts
