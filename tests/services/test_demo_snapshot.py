"""The demo snapshot, reused on a later day: a copy whose dates all move to this week,
every weekday kept, every row kept, and every attempt still replaying to its figures."""

from __future__ import annotations

import shutil
import sqlite3
import uuid
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
    older = cache / f"demo-{demo_digest()}-{built_on.isoformat()}.sqlite3"
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
