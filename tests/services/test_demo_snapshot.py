"""The demo snapshot, reused on a later day: a copy whose dates all move to this week,
every weekday kept, every row kept, and every attempt still replaying to its figures.
The snapshot shipped with the release: current, whole, refused when damaged, and what a
new computer's first demo is made from."""

from __future__ import annotations

import gzip
import shutil
import sqlite3
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from summary_support import assert_current, assert_figures_as_from_attempts

from svctrainer.services.actor import Actor
from svctrainer.services.api import Services
from svctrainer.services.demo import (
    copy_demo_database,
    demo_digest,
    snapshot_shift_days,
)
from svctrainer.services.demo_snapshot import (
    SNAPSHOT_FORMAT,
    SNAPSHOT_NAME,
    read_manifest,
    snapshot_folder,
    stale_reasons,
    unpack_snapshot,
    write_shipped_snapshot,
)
from svctrainer.store.date_shift import date_columns

WEEKS_AGO = 3


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def test_a_snapshot_moves_by_whole_weeks_to_end_this_week():
    today = date(2026, 12, 6)
    snapshot = Path(f"demo-{'0' * 16}-2026-11-12.sqlite3")  # 24 days before: 3 weeks + 3
    assert snapshot_shift_days(snapshot, today) == 21
    assert snapshot_shift_days(Path(f"demo-{'0' * 16}-2026-12-06.sqlite3"), today) == 0
    assert snapshot_shift_days(Path(f"demo-{'0' * 16}-2026-12-09.sqlite3"), today) == 0


def test_every_date_column_of_the_schema_is_moved():
    moved = {(c.table, c.column) for c in date_columns()}
    assert {("attempt", "started_at"), ("attempt", "recorded_at"), ("assignment", "due_on"),
            ("queue_ticket", "issued_at"), ("queue_hour", "day")} <= moved  # fmt: skip


@pytest.mark.slow
def test_a_copy_of_an_older_snapshot_ends_this_week_and_still_replays(
    demo_cache, tmp_path, monkeypatch
):
    built_on = datetime.now(UTC).date() - timedelta(weeks=WEEKS_AGO)
    cache = tmp_path / "cache"
    cache.mkdir()
    # named as the cache names it: after the shipped snapshot when that is current
    shipped = read_manifest()
    digest = shipped.key if shipped is not None and not stale_reasons(shipped) else demo_digest()
    older = cache / f"demo-{digest}-{built_on.isoformat()}.sqlite3"
    shutil.copyfile(demo_cache, older)
    monkeypatch.setenv("SVCTRAINER_CACHE", str(cache))
    target = tmp_path / "demo.sqlite3"
    copy_demo_database(target)

    count = "SELECT count(*) FROM {}"
    for table in ("attempt", "attempt_event", "queue_ticket", "queue_hour", "assignment"):
        assert _rows(target, count.format(table)) == _rows(older, count.format(table))
    before = dict(_rows(older, "SELECT id, started_at FROM attempt"))
    after = dict(_rows(target, "SELECT id, started_at FROM attempt"))
    for attempt_id, started in before.items():
        old, new = (datetime.fromisoformat(str(t)) for t in (started, after[attempt_id]))
        assert new - old == timedelta(weeks=WEEKS_AGO)
    tickets = _rows(target, "SELECT issued_at, local_day FROM queue_ticket")
    assert all(str(issued)[:10] == str(day) for issued, day in tickets)
    assert all(date.fromisoformat(str(day)).weekday() < 5 for _, day in tickets)
    (last,) = _rows(target, "SELECT max(started_at) FROM attempt")[0]
    assert datetime.now(UTC).date() - datetime.fromisoformat(str(last)).date() < timedelta(weeks=1)

    services = Services.open(f"sqlite:///{target}")
    try:
        for attempt_id in list(after)[::250]:
            assert services.attempts.rescore(Actor.command_line(), uuid.UUID(attempt_id)).matches
        # The progress summary moved with the attempts, and shows what they show.
        assert_current(services.db)
        assert_figures_as_from_attempts(services, Actor.command_line(), datetime.now(UTC))
    finally:
        services.close()


REBUILD = "rebuild it: .venv/bin/python packaging/demo_snapshot.py (and commit assets/demo/)"


def test_the_shipped_demo_snapshot_was_built_from_this_content_schema_and_planners():
    """A drill pack, a scenario, a migration or a demo planner changed since the shipped
    snapshot was built: a new computer would build the demo for minutes instead."""
    reasons = stale_reasons(read_manifest())
    assert reasons == [], f"the shipped demo snapshot is stale ({'; '.join(reasons)}): {REBUILD}"


def test_a_snapshot_of_other_content_or_schema_is_not_used():
    manifest = read_manifest()
    assert manifest is not None
    other_content = replace(manifest, content_key="0" * 64)
    assert "the shipped drill packs or scenarios changed" in " ".join(stale_reasons(other_content))
    older_schema = replace(manifest, schema_revision="0006_regions")
    assert any("schema 0006_regions" in r for r in stale_reasons(older_schema))
    other_plan = replace(manifest, generator_key="")
    assert any("planners" in r for r in stale_reasons(other_plan))
    assert stale_reasons(None) != []


def test_the_shipped_snapshot_unpacks_whole_with_its_indexes(tmp_path):
    manifest = read_manifest()
    assert manifest is not None
    target = tmp_path / "unpacked.sqlite3"
    moves: list[tuple[int, int]] = []
    unpack_snapshot(manifest, target, lambda done, total: moves.append((done, total)))
    assert target.stat().st_size > manifest.size  # its indexes added
    assert moves
    assert moves[-1][0] == moves[-1][1]
    assert _rows(target, "PRAGMA integrity_check") == [("ok",)]
    assert _rows(target, "SELECT count(*) FROM person") == [(manifest.people,)]
    assert _rows(target, "SELECT count(*) FROM attempt") == [(manifest.attempts,)]
    (revision,) = _rows(target, "SELECT version_num FROM alembic_version")[0]
    assert revision == manifest.schema_revision
    indexes = {name for (name,) in _rows(target, "SELECT name FROM sqlite_master WHERE "
                                                 "type = 'index' AND sql IS NOT NULL")}  # fmt: skip
    assert "ix_attempt_person_content_started" in indexes
    assert len(indexes) == len(manifest.indexes)


def test_a_damaged_shipped_snapshot_is_refused_leaving_nothing_behind(tmp_path):
    manifest = read_manifest()
    assert manifest is not None
    folder = tmp_path / "shipped"
    shutil.copytree(snapshot_folder(), folder)
    packed = bytearray((folder / SNAPSHOT_NAME).read_bytes())
    packed[len(packed) // 2] ^= 0xFF
    (folder / SNAPSHOT_NAME).write_bytes(bytes(packed))
    target = tmp_path / "unpacked.sqlite3"
    with pytest.raises(ValueError, match="is damaged"):
        unpack_snapshot(manifest, target, folder=folder)
    assert not target.exists()


@pytest.mark.slow
def test_a_new_computer_unpacks_the_shipped_snapshot_and_its_demo_replays(tmp_path, monkeypatch):
    """An empty cache folder (a new computer, a new user): the demo comes from the
    release's snapshot, not from six months played here, and its attempts (the contest's
    included) still replay to their stored figures."""
    manifest = read_manifest()
    assert manifest is not None
    cache = tmp_path / "cache"
    monkeypatch.setenv("SVCTRAINER_CACHE", str(cache))
    target = copy_demo_database(tmp_path / "demo.sqlite3")
    assert [f.name for f in cache.iterdir()] == [f"demo-{manifest.key}-{manifest.built_on}.sqlite3"]
    assert _rows(target, "SELECT count(*) FROM attempt") == [(manifest.attempts,)]
    (last,) = _rows(target, "SELECT max(started_at) FROM attempt")[0]
    assert datetime.now(UTC).date() - datetime.fromisoformat(str(last)).date() < timedelta(weeks=1)
    contest = [r[0] for r in _rows(target, "SELECT a.id FROM attempt a, contest c WHERE "
                                           "a.started_at BETWEEN c.begins_at AND c.ends_at AND "
                                           "a.content_item_id IN (SELECT content_item_id FROM "
                                           "contest_drill)")]  # fmt: skip
    assert len(contest) >= 8
    every = [r[0] for r in _rows(target, "SELECT id FROM attempt ORDER BY started_at")]
    services = Services.open(f"sqlite:///{target}")
    try:
        for attempt_id in [*every[::60], *contest[:8]]:
            assert services.attempts.rescore(Actor.command_line(), uuid.UUID(attempt_id)).matches
    finally:
        services.close()


def test_a_snapshot_is_packed_as_gzip_and_unpacks_to_its_rows_and_indexes(tmp_path):
    """gzip, not xz (format 1): a new computer's ``gui --demo`` unpacks it before its
    sign-in list can fill, 0.14 s of CPU instead of 0.62. Packing replaces a snapshot
    of the earlier format, which would otherwise ship beside it."""
    built = tmp_path / "built.sqlite3"
    connection = sqlite3.connect(built, isolation_level=None)
    connection.executescript(
        "CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT);"
        "CREATE TABLE attempt (id INTEGER PRIMARY KEY, person_id INTEGER, score REAL);"
        "CREATE INDEX ix_attempt_person ON attempt (person_id);"
        "CREATE TABLE alembic_version (version_num TEXT);"
        "INSERT INTO alembic_version VALUES ('0010_contest_options');"
    )
    connection.executemany("INSERT INTO person (name) VALUES (?)", [("Chen Jing",), ("Li Na",)])
    connection.executemany(
        "INSERT INTO attempt (person_id, score) VALUES (?, ?)", [(1 + n % 2, n) for n in range(500)]
    )
    connection.close()
    folder = tmp_path / "demo"
    folder.mkdir()
    (folder / "demo-snapshot.sqlite3.xz").write_bytes(b"an earlier format")

    manifest = write_shipped_snapshot(built, date(2026, 12, 6), folder)

    assert manifest.format == SNAPSHOT_FORMAT
    assert (manifest.people, manifest.attempts) == (2, 500)
    assert sorted(f.name for f in folder.iterdir()) == ["demo-snapshot.json", SNAPSHOT_NAME]
    assert gzip.decompress((folder / SNAPSHOT_NAME).read_bytes()).startswith(b"SQLite format 3")
    assert read_manifest(folder) == manifest
    target = tmp_path / "unpacked.sqlite3"
    unpack_snapshot(manifest, target, folder=folder)
    assert _rows(target, "SELECT count(*), sum(score) FROM attempt") == [(500, sum(range(500)))]
    assert _rows(target, "SELECT name FROM person ORDER BY id") == [("Chen Jing",), ("Li Na",)]
    assert _rows(target, "SELECT name FROM sqlite_master WHERE type = 'index'") == [
        ("ix_attempt_person",)
    ]
