"""The progress-summary read paths return exactly what the attempt read paths return, after
any sequence of writes (issue 16 point 5, issue 17 point 4): ``summary_tests`` gives the
levels ``first_last_tests`` gives, from the same tests, ``summary_last`` equals
``last_counted``, the values of ``summary_gain_inputs`` give through ``gain_of_values``
the levels and gain that ``gain_of_tests`` gives, ``summary_lines`` (the branch summary's
one read of the kept recent rows) gives those levels, ``last_counted`` and the stall
rule's window sums over the attempts, for windows before and after the pairs' horizons,
and the region dashboard read from the summary equals the same dashboard computed from
the attempts. On SQLite and on a real PostgreSQL server.

Hypothesis draws the writes: tests and practice on an English and a Chinese pack of one
skill (one family over two items) and on a scenario, whole hours so that equal start
times happen and the (started_at, id) order decides, invalid, incomplete and invalidated
attempts, values missing, attempts deleted and invalidated after being recorded, bulk
inserts; two branches of one region.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert, select, update
from summary_support import FROM_ATTEMPTS, assert_current, window_stats_from_attempts
from support import FAST_PIN_COST

from svctrainer.core.analytics.progress import gain_of_tests, gain_of_values
from svctrainer.core.analytics.series import Metric
from svctrainer.core.pin_hash import hash_pin
from svctrainer.core.roles import Role
from svctrainer.services.actor import Actor
from svctrainer.services.api import Services
from svctrainer.services.progress_queries import (
    EVERYTHING,
    first_last_tests,
    last_counted,
    summary_gain_inputs,
    summary_last,
    summary_lines,
    summary_tests,
)
from svctrainer.services.progress_records import DateRange
from svctrainer.store.models import Attempt, Branch, ContentItem, Person, PersonRole

pytestmark = pytest.mark.shipped_content

CLI = Actor.command_line()
START = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
EN_TEST, ZH_TEST = "tenkey-amounts-test.en", "tenkey-amounts-test.zh"
PRACTICE, SCENARIO = "tenkey-amounts-practice.en", "angry-transfer.en"
CONTENT = (EN_TEST, ZH_TEST, PRACTICE, SCENARIO)
SKILL = "tenkey-amounts"  # the en and zh packs, practice and test: one family
# (family items, headline metric) the summary answers for
FAMILIES = (((EN_TEST, ZH_TEST, PRACTICE), Metric.SPEED), ((SCENARIO,), Metric.SCORE))


@dataclass
class Region:
    services: Services
    people: list[uuid.UUID]
    items: dict[str, uuid.UUID]
    regional: Actor


def _person(session: Any, branch_id: uuid.UUID, number: str, role: Role) -> uuid.UUID:
    person = Person(
        branch_id=branch_id,
        employee_number=number,
        name=f"Person {number}",
        pin_hash=hash_pin("2468", FAST_PIN_COST),
        roles=[PersonRole(role=role.value)],
    )
    session.add(person)
    session.flush()
    return person.id


def _region(services: Services) -> Region:
    """Two branches of one region, five tellers between them, a regional supervisor."""
    services.auth.set_up_branch(
        branch_name="Home", admin_name="Ada Admin", employee_number="A1", pin="2468"
    )
    with services.db.writing() as session:
        home = session.scalar(select(Branch.id).where(Branch.name == "Home"))
        assert home is not None
        north = Branch(name="North")
        session.add(north)
        session.flush()
        people = [_person(session, home, f"H{n}", Role.TELLER) for n in range(3)]
        people += [_person(session, north.id, f"N{n}", Role.TELLER) for n in range(2)]
        regional = _person(session, home, "G1", Role.REGIONAL_SUPERVISOR)
        items = {
            c: session.scalars(
                select(ContentItem.id)
                .where(ContentItem.content_id == c)
                .order_by(ContentItem.version.desc())
            ).first()
            for c in CONTENT
        }
    services.branches.create_region(CLI, "The Region", ["Home", "North"])
    services.branches.add_region_supervisor(CLI, "The Region", regional)
    found = {c: i for c, i in items.items() if i is not None}
    assert len(found) == len(CONTENT), "shipped content stored"
    return Region(services, people, found, Actor.person(regional, "Person G1", "G1"))


# -- the writes ------------------------------------------------------------------------------

attempts = st.fixed_dictionaries(
    {
        "who": st.sampled_from((0, 0, 1, 2, 3, 4)),
        "what": st.sampled_from(CONTENT),
        "mode": st.sampled_from(("test", "test", "test", "practice")),
        "hour": st.integers(0, 12),
        "speed": st.sampled_from((None, 1, 2, 3, 4, 5)).flatmap(
            lambda n: st.none() if n is None else st.floats(1000, 9000)
        ),
        "score": st.sampled_from((None, 1, 2, 3, 4, 5)).flatmap(
            lambda n: st.none() if n is None else st.floats(0, 100)
        ),
        "valid": st.sampled_from((True, True, True, False)),
        "completion": st.sampled_from(("complete", "complete", "complete", "abandoned")),
        "invalidated": st.sampled_from((None, None, None, None, "cheated")),
    }
)
writes = st.lists(
    st.one_of(
        st.tuples(st.just("record"), st.lists(attempts, min_size=1, max_size=12)),
        st.tuples(st.just("bulk"), st.lists(attempts, min_size=5, max_size=40)),
        st.tuples(st.just("invalidate"), st.integers(0, 10_000)),
        st.tuples(st.just("reinstate"), st.integers(0, 10_000)),
        st.tuples(st.just("delete"), st.integers(0, 10_000)),
    ),
    min_size=1,
    max_size=8,
)


def _row(region: Region, drawn: dict[str, Any]) -> dict[str, Any]:
    started = START + timedelta(hours=drawn["hour"])
    return {
        "id": uuid.uuid4(),
        "person_id": region.people[drawn["who"]],
        "content_item_id": region.items[drawn["what"]],
        "mode": drawn["mode"],
        "started_at": started,
        "duration_ms": 60_000,
        "speed": None if drawn["what"] == SCENARIO else drawn["speed"],
        "accuracy": 0.95,
        "score": drawn["score"],
        "valid": drawn["valid"],
        "completion": drawn["completion"],
        "invalidated_reason": drawn["invalidated"],
        "seed": 1,
        "app_version": "test",
        "workstation": "test",
        "details": {},
        "recorded_at": started,
    }


def _apply(region: Region, steps: list[tuple[str, Any]]) -> None:
    db = region.services.db
    with db.writing() as session:  # a fresh history: the statement rebuilds the summary
        session.execute(delete(Attempt))
    for kind, arg in steps:
        if kind in ("record", "bulk"):
            rows = [_row(region, drawn) for drawn in arg]
            with db.writing() as session:
                if kind == "record":
                    session.add_all(Attempt(**row) for row in rows)
                else:
                    session.execute(insert(Attempt), rows)
            continue
        with db.reading() as session:
            ids = sorted(session.scalars(select(Attempt.id)))
        if not ids:
            continue
        chosen = ids[arg % len(ids)]
        if kind == "invalidate":
            region.services.attempts.invalidate(CLI, chosen, "keyed by a colleague")
        elif kind == "reinstate":
            with db.writing() as session:
                session.execute(
                    update(Attempt).where(Attempt.id == chosen).values(invalidated_reason=None)
                )
        else:
            with db.writing() as session:
                session.delete(session.get(Attempt, chosen))


# -- what must hold ---------------------------------------------------------------------------


def _assert_summary_reads_equal_attempt_reads(region: Region) -> None:
    assert_current(region.services.db)
    people = select(Person.id).where(Person.active.is_(True))
    with region.services.db.reading() as session:
        for contents, metric in FAMILIES:
            items = [region.items[c] for c in contents]
            want = first_last_tests(session, people, items, metric, EVERYTHING)
            got_tests = summary_tests(session, people, items)
            assert got_tests.keys() == want.keys()
            for pid, found in got_tests.items():  # first_last_tests may add tied tests
                assert found.count == want[pid].count
                # the same tests, their ids spelt as ``str(uuid)`` (the attempts' reading)
                theirs_points = {(p.started_at, p.attempt_id) for p in want[pid].points}
                assert {(p.started_at, p.attempt_id) for p in found.points} <= theirs_points
                reference = gain_of_tests(want[pid].points, metric, want[pid].count)
                assert gain_of_tests(found.points, metric, found.count) == reference
            assert summary_last(session, people, items) == last_counted(session, people, items)
            inputs = summary_gain_inputs(session, people, items, metric)
            assert sorted(pid for pid, _ in inputs) == sorted(want)
            for pid, got in inputs:
                mine = gain_of_values(got.first, got.after, metric, got.count)
                theirs = gain_of_tests(want[pid].points, metric, want[pid].count)
                assert _levels(mine) == _levels(theirs)
        _assert_lines_equal_attempt_reads(region, session, people)
    region_board = region.services.region
    for key in (SKILL, SCENARIO):
        new = region_board.dashboard(region.regional, key)
        before = region_board.dashboard(region.regional, key, window=FROM_ATTEMPTS)
        assert new.rows == before.rows
        assert [r.branch for r in new.rows] == ["Home", "North"]


# windows starting before every pair's horizon (eight weeks before its latest attempt: the
# attempts are read), at the first attempts, amid them, and one ending amid them
WINDOWS = (
    DateRange(START - timedelta(weeks=10), None),
    DateRange(START - timedelta(days=1), None),
    DateRange(START + timedelta(hours=6), None),
    DateRange(START + timedelta(hours=2), START + timedelta(hours=9)),
)


def _assert_lines_equal_attempt_reads(region: Region, session: Any, people: Any) -> None:
    """Every family at once (one family spans the en and zh packs: tests merged across
    items), as each family's own attempt reads say."""
    families = {
        str(n): ([region.items[c] for c in contents], metric)
        for n, (contents, metric) in enumerate(FAMILIES)
    }
    for window in WINDOWS:
        lines = summary_lines(session, people, families, window)
        assert lines.keys() == families.keys()
        for key, (items, metric) in families.items():
            line = lines[key]
            want = window_stats_from_attempts(region.services.db, {key: items}, metric, window)
            assert line.stats == want[key]
            assert line.last == last_counted(session, people, items)
            tests = first_last_tests(session, people, items, metric, EVERYTHING)
            assert line.gains.keys() == tests.keys()
            for pid, got in line.gains.items():
                mine = gain_of_values(got.first, got.after, metric, got.count)
                theirs = gain_of_tests(tests[pid].points, metric, tests[pid].count)
                assert _levels(mine) == _levels(theirs)


def _levels(g: Any) -> tuple[Any, ...]:
    return (g.baseline.value, g.baseline.status, g.latest.value, g.latest.status, g.gain, g.tests)


@pytest.fixture
def sqlite_region(services: Services) -> Region:
    return _region(services)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=writes)
def test_summary_reads_equal_attempt_reads_after_any_writes_on_sqlite(sqlite_region, steps):
    _apply(sqlite_region, steps)
    _assert_summary_reads_equal_attempt_reads(sqlite_region)


@pytest.fixture
def server_region(pg_url: str) -> Iterator[Region]:
    services = Services.open(pg_url, pin_cost=FAST_PIN_COST)
    try:
        yield _region(services)
    finally:
        services.close()


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=writes)
def test_summary_reads_equal_attempt_reads_after_any_writes_on_postgresql(server_region, steps):
    _apply(server_region, steps)
    _assert_summary_reads_equal_attempt_reads(server_region)


def test_a_region_with_a_long_history_on_two_packs(sqlite_region):
    """More than six tests a person over the two packs of the skill, interleaved: the
    family's first three and last three come from different items' kept tests."""
    steps: list[tuple[str, Any]] = []
    for n in range(40):
        drawn = {
            "who": n % 5, "what": (EN_TEST, ZH_TEST)[n // 5 % 2], "mode": "test",
            "hour": n // 2, "speed": 2000.0 + 97 * ((n * 37) % 23), "score": None,
            "valid": True, "completion": "complete", "invalidated": None,
        }  # fmt: skip
        steps.append(("record", [drawn]))
    _apply(sqlite_region, steps)
    _assert_summary_reads_equal_attempt_reads(sqlite_region)
    board = sqlite_region.services.region.dashboard(sqlite_region.regional, SKILL)
    assert all(r.levels.measured == r.levels.tested > 0 for r in board.rows)
