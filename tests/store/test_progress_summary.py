"""The progress summary stays equal to a full recomputation from the attempts after any
sequence of the writes the services make (issue 17 point 4): recording attempts one by
one (ORM) and in bulk (``insert(Attempt)``, the demo builder), invalidation, a corrected
score or validity, an ``UPDATE`` statement, an attempt moved to another person or
deleted, a transaction rolled back, and every date of the file moved (the demo copy),
on SQLite and on a real PostgreSQL server. The oracle is ``summary_support.expected``,
computed in Python from every attempt row.
"""

from __future__ import annotations

import itertools
import random
import sqlite3
import threading
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, select, update
from summary_support import assert_current, window_stats_from_attempts
from support import FAST_PIN_COST

from svctrainer.core.analytics.series import Metric
from svctrainer.core.analytics.trend import weeks
from svctrainer.core.roles import Role
from svctrainer.services.actor import Actor
from svctrainer.services.api import Services
from svctrainer.services.progress_queries import (
    packed_window_stats,
    summary_lines,
    window_stats_of_families,
)
from svctrainer.services.progress_records import DateRange
from svctrainer.store.date_shift import shift_sqlite_dates
from svctrainer.store.models import Attempt, ContentItem, Person
from svctrainer.store.progress_summary import rebuild
from svctrainer.store.recent_attempts import sqlite_seconds

pytestmark = pytest.mark.shipped_content

CLI = Actor.command_line()
CONTENT = ("tenkey-amounts-test.en", "tenkey-amounts-practice.en", "angry-transfer.en")
START = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)
SEED = 20261206


class Scene:
    """Three tellers, three content items (a test pack, a practice pack, a scenario) and a
    random stream of writes on their attempts."""

    def __init__(self, services: Services, rng: random.Random, spread_hours: int = 60) -> None:
        self.services, self.rng, self.spread_hours = services, rng, spread_hours
        self.people = [
            services.people.create_person(
                CLI, name=f"Teller {n}", employee_number=f"P{n}", pin="2468",
                roles=[Role.TELLER],
            ).id
            for n in range(3)
        ]  # fmt: skip
        with services.db.reading() as session:
            self.items = [
                session.scalar(
                    select(ContentItem.id)
                    .where(ContentItem.content_id == c)
                    .order_by(ContentItem.version.desc())
                    .limit(1)
                )
                for c in CONTENT
            ]

    def row(self) -> dict[str, object]:
        rng = self.rng
        item = rng.choice(self.items)
        scenario = item == self.items[2]
        # Whole hours over a few days: equal start times happen, and the (started_at, id)
        # order decides which tests are the first and last three.
        started = START + timedelta(hours=rng.randrange(self.spread_hours))
        if self.spread_hours > 60:  # any microsecond: SQLite's rounding to milliseconds
            started += timedelta(microseconds=rng.randrange(1_000_000))
        return {
            "id": uuid.uuid4(),
            "person_id": rng.choice(self.people),
            "content_item_id": item,
            "mode": rng.choice(("test", "test", "practice", "logged")),
            "started_at": started,
            "duration_ms": 60_000,
            "speed": None if scenario or rng.random() < 0.1 else rng.uniform(3000, 9000),
            "accuracy": rng.uniform(0.8, 1.0),
            "score": rng.uniform(0, 100) if scenario or rng.random() < 0.5 else None,
            "valid": rng.random() > 0.1,
            "completion": rng.choice(("complete",) * 8 + ("incomplete", "abandoned")),
            "invalidated_reason": "cheated" if rng.random() < 0.05 else None,
            "seed": 1,
            "app_version": "test",
            "workstation": "test",
            "details": {},
            "recorded_at": started + timedelta(minutes=5),
        }

    def some_attempt(self) -> uuid.UUID | None:
        with self.services.db.reading() as session:
            ids = sorted(session.scalars(select(Attempt.id)))
        return self.rng.choice(ids) if ids else None

    # -- the writes ---------------------------------------------------------------------

    def record(self) -> None:
        """One by one through the ORM, as recording, hand counts and sync import do."""
        with self.services.db.writing() as session:
            for _ in range(self.rng.randint(1, 8)):
                session.add(Attempt(**self.row()))

    def bulk(self) -> None:
        """``session.execute(insert(Attempt), rows)``, as the demo builder stores."""
        with self.services.db.writing() as session:
            session.execute(insert(Attempt), [self.row() for _ in range(self.rng.randint(5, 40))])

    def invalidate(self) -> None:
        attempt_id = self.some_attempt()
        if attempt_id is not None:
            self.services.attempts.invalidate(CLI, attempt_id, "a colleague keyed it")

    def correct(self) -> None:
        """A corrected figure or validity on the ORM object (a re-score, a reinstated run)."""
        attempt_id = self.some_attempt()
        if attempt_id is None:
            return
        with self.services.db.writing() as session:
            attempt = session.get(Attempt, attempt_id)
            assert attempt is not None
            choice = self.rng.randrange(4)
            if choice == 0:
                attempt.speed = self.rng.uniform(3000, 9000)
            elif choice == 1:
                attempt.valid = not attempt.valid
            elif choice == 2:
                attempt.invalidated_reason = None
            else:
                attempt.started_at = START + timedelta(hours=self.rng.randrange(60))

    def statement(self) -> None:
        """An ``UPDATE`` statement, as tests and repairs write."""
        attempt_id = self.some_attempt()
        if attempt_id is None:
            return
        completion = self.rng.choice(("complete", "incomplete"))
        with self.services.db.writing() as session:
            session.execute(
                update(Attempt).where(Attempt.id == attempt_id).values(completion=completion)
            )

    def move(self) -> None:
        """An attempt given to another person (a result recorded under the wrong name)."""
        attempt_id = self.some_attempt()
        if attempt_id is None:
            return
        with self.services.db.writing() as session:
            attempt = session.get(Attempt, attempt_id)
            assert attempt is not None
            attempt.person_id = self.rng.choice(self.people)
            attempt.content_item_id = self.rng.choice(self.items)

    def delete(self) -> None:
        attempt_id = self.some_attempt()
        if attempt_id is None:
            return
        with self.services.db.writing() as session:
            session.delete(session.get(Attempt, attempt_id))

    def rolled_back(self) -> None:
        """A transaction that fails after writing: nothing of it stays, summary included."""
        with pytest.raises(RuntimeError):
            self._fail_after_writing()

    def _fail_after_writing(self) -> None:
        with self.services.db.writing() as session:
            session.add(Attempt(**self.row()))
            session.flush()
            raise RuntimeError("the disk filled up")


WRITES: tuple[Callable[[Scene], None], ...] = (
    Scene.record,
    Scene.record,
    Scene.bulk,
    Scene.invalidate,
    Scene.correct,
    Scene.statement,
    Scene.move,
    Scene.delete,
    Scene.rolled_back,
)


def run_writes(services: Services, seed: int, steps: int, spread_hours: int = 60) -> Scene:
    scene = Scene(services, random.Random(seed), spread_hours)
    assert_current(services.db)
    for _ in range(steps):
        write = scene.rng.choice(WRITES)
        write(scene)
        assert_current(services.db)
    return scene


@pytest.mark.parametrize("seed", range(SEED, SEED + 4))
def test_random_writes_keep_the_summary_equal_to_a_recomputation_on_sqlite(branch, seed, db_path):
    services = branch.services
    scene = run_writes(services, seed, 30)
    with services.db.reading() as session:
        assert session.scalar(select(Attempt.id).limit(1)) is not None, "the scene wrote"
    services.close()
    # A demo copy: every date of the file moved by whole days (store.date_shift).
    shift_sqlite_dates(db_path, 35)
    moved = Services.open(str(db_path), pin_cost=FAST_PIN_COST)
    try:
        assert_current(moved.db)
        scene.services = moved
        scene.record()
        assert_current(moved.db)
    finally:
        moved.close()


def test_rebuild_equals_the_kept_summary(branch):
    services = branch.services
    run_writes(services, SEED + 10, 12)
    with services.db.writing() as session:
        rebuild(session)
    assert_current(services.db)


def test_a_person_row_on_the_summary_survives_deactivation(branch):
    """People are deactivated, never deleted: their summary stays (the dashboards read
    active people only), so a reactivated person's figures are there at once."""
    services = branch.services
    scene = run_writes(services, SEED + 20, 6)
    with services.db.writing() as session:
        person = session.get(Person, scene.people[0])
        assert person is not None
        person.active = False
    assert_current(services.db)


# -- PostgreSQL -----------------------------------------------------------------------------


def _on_server(url: str) -> Services:
    """Services on a clone of the session's server template, with a branch set up."""
    services = Services.open(url, pin_cost=FAST_PIN_COST)
    services.auth.set_up_branch(
        branch_name="Server Branch", admin_name="Ada Admin", employee_number="A1", pin="2468"
    )
    return services


@pytest.mark.parametrize("seed", range(SEED, SEED + 2))
def test_random_writes_keep_the_summary_equal_to_a_recomputation_on_postgresql(pg_url, seed):
    services = _on_server(pg_url)
    try:
        run_writes(services, seed, 25)
        with services.db.writing() as session:
            rebuild(session)
        assert_current(services.db)
    finally:
        services.close()


def test_one_person_recording_on_several_workstations_at_once_on_postgresql(pg_url):
    """Four transactions write one person's attempts on one item at the same moment: each
    recomputes the pair after the others committed (the per-person lock), so none fails
    on a duplicate summary row and the summary counts every attempt."""
    services = _on_server(pg_url)
    try:
        scene = Scene(services, random.Random(SEED))
        person, item = scene.people[0], scene.items[0]
        rows = [
            [{**scene.row(), "person_id": person, "content_item_id": item} for _ in range(5)]
            for _ in range(4)
        ]
        start = threading.Barrier(4)
        failures: list[BaseException] = []

        def workstation(n: int) -> None:
            try:
                for row in rows[n]:
                    start.wait(timeout=30)
                    with services.db.writing() as session:
                        session.add(Attempt(**row))
            except BaseException as exc:  # noqa: BLE001 - reported below
                failures.append(exc)

        threads = [threading.Thread(target=workstation, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert failures == []
        assert_current(services.db)
    finally:
        services.close()


# -- the stall rule's recent window (progress_recent) -------------------------------------

LONG = 24 * 7 * 20  # twenty weeks of history: windows before a pair's horizon too


def _assert_windows_as_from_attempts(scene: Scene, rng: random.Random) -> None:
    """``packed_window_stats`` (the packed rows, or the attempts where a window starts
    before a pair's horizon) equals the sums over the plain attempt rows, for windows at
    several ``now``s, with and without an end, in every metric, on either engine; and
    a skill's dashboard (``window_stats_of_families``) and the branch summary's
    ``summary_lines`` read exactly those figures, so both pages judge a stall alike."""
    services = scene.services
    tenkey, scenario = scene.items[:2], scene.items[2:]
    families = {"tenkey": tenkey, "practice": scene.items[1:2], "scenario": scenario,
                "all": scene.items}  # fmt: skip
    people = select(Person.id)
    # before every horizon (the attempts), after them (the packed rows), and anywhere
    nows = [START + weeks(6), START + weeks(20), START + weeks(rng.uniform(4, 26))]
    read = 0
    for now in nows:
        since = now - weeks(4)
        windows = [DateRange(since, None), DateRange(since, now),
                   DateRange(since, since + timedelta(days=rng.uniform(1, 27)))]  # fmt: skip
        for window, metric in itertools.product(windows, Metric):
            want = window_stats_from_attempts(services.db, families, metric, window)
            with services.db.reading() as session:
                got = packed_window_stats(session, people, families, metric, window)
                assert window_stats_of_families(session, people, families, metric,
                                                window) == got  # fmt: skip
                # the branch summary's one read (on either engine), every family at once
                lines = summary_lines(
                    session, people, {k: (v, metric) for k, v in families.items()}, window
                )
                assert {k: line.stats for k, line in lines.items()} == got
            read += sum(len(v) for v in got.values())
            assert got == want
    assert read, "windows with attempts in them"


@pytest.mark.parametrize("seed", range(SEED + 30, SEED + 33))
def test_recent_window_reads_equal_the_attempts_after_any_writes_on_sqlite(branch, seed):
    """Random writes over twenty weeks (the recent rows checked against their rules
    after each), then reads at several ``now``s: the packed rows and the attempts agree
    to the last bit, whether a window starts after a pair's horizon or before it."""
    scene = run_writes(branch.services, seed, 25, spread_hours=LONG)
    _assert_windows_as_from_attempts(scene, random.Random(seed))


@pytest.mark.parametrize("seed", [SEED + 40])
def test_recent_window_reads_equal_the_attempts_after_any_writes_on_postgresql(pg_url, seed):
    services = _on_server(pg_url)
    try:
        scene = run_writes(services, seed, 20, spread_hours=LONG)
        _assert_windows_as_from_attempts(scene, random.Random(seed))
        with services.db.writing() as session:
            rebuild(session)
        assert_current(services.db)
    finally:
        services.close()


@settings(max_examples=300, deadline=None)
@given(st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2200, 1, 1)))
def test_sqlite_seconds_are_sqlites_own(moment):
    """The whole seconds packed for SQLite are what ``strftime('%s')`` makes of the stored
    text (rounded to milliseconds first: 59.9996 s is the next second)."""
    aware = moment.replace(tzinfo=UTC)
    text = aware.strftime("%Y-%m-%d %H:%M:%S.%f")
    with sqlite3.connect(":memory:") as conn:
        (want,) = conn.execute("SELECT CAST(STRFTIME('%s', ?) AS INTEGER)", (text,)).fetchone()
    assert sqlite_seconds(aware) == want


def test_a_second_rounded_up_by_sqlite():
    aware = datetime(2026, 12, 7, 9, 59, 59, 999_600, tzinfo=UTC)
    assert sqlite_seconds(aware) == int(aware.replace(microsecond=0).timestamp()) + 1
