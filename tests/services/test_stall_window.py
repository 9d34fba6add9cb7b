"""The stall rule's recent window (``progress_queries.window_stats`` and
``window_stats_of_families``) and the branch summary built on it, on SQLite and on a
PostgreSQL server: every skill's line says what that skill's dashboard says, and both
say what the pure ``dashboard.stall_check`` says on the stored attempts.

The branch summary reads the window once for every skill and builds its lines without
the dashboard's rows (issue 17); these tests hold it to the dashboard, skill by skill,
over histories chosen to land in every stall state."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta

import pytest
from progress_support import (
    CASH_TEST,
    NOW,
    TENKEY_PRACTICE,
    TENKEY_TEST,
    Row,
    add_rows,
    item_id,
    learning_history,
    points_of,
)
from sqlalchemy import select
from support import FAST_PIN_COST

from svctrainer.core.analytics.dashboard import StallStatus, stall_check
from svctrainer.core.analytics.series import Metric
from svctrainer.core.analytics.trend import weeks
from svctrainer.core.roles import Permission
from svctrainer.services.access import authorize
from svctrainer.services.actor import Actor
from svctrainer.services.api import Services
from svctrainer.services.drill_families import load_families
from svctrainer.services.progress import DEFAULT_RULE, EVERYTHING, _figures, _people_in_scope
from svctrainer.services.progress_queries import (
    summary_lines,
    window_stats,
    window_stats_of_families,
)
from svctrainer.services.progress_records import DateRange
from svctrainer.store.models import Person

pytestmark = pytest.mark.shipped_content

CLI = Actor.command_line()
ZH_TEST = "tenkey-amounts-test.zh"
CASH_PRACTICE = "cash-counting-practice.en"
TENKEY_ALL = (TENKEY_PRACTICE, TENKEY_TEST, "tenkey-amounts-practice.zh", ZH_TEST)
CASH_ALL = (CASH_PRACTICE, CASH_TEST)


@pytest.fixture(params=["sqlite", "postgresql"])
def services(request: pytest.FixtureRequest, db_path) -> Iterator[Services]:
    """The same tests on a SQLite file and on a server (``branch`` stands on it)."""
    url = str(db_path) if request.param == "sqlite" else request.getfixturevalue("pg_url")
    svc = Services.open(url, pin_cost=FAST_PIN_COST)
    yield svc
    svc.close()


def _recent(seed: int, *, days: float, attempts: int, base: float, gain: float) -> list[Row]:
    """Attempts over the last ``days`` before NOW, speed moving by ``gain`` (fraction)."""
    rng = random.Random(seed)
    rows = []
    for n in range(attempts):
        at = NOW - timedelta(days=days * (1 - n / attempts), seconds=rng.uniform(0, 3600))
        level = base * (1 + gain * n / max(1, attempts - 1))
        test = n % 4 == 0
        rows.append(
            Row(
                TENKEY_TEST if test else TENKEY_PRACTICE,
                "test" if test else "practice",
                at,
                round(rng.gauss(level, level * 0.01), 3),
                valid=rng.random() > 0.05,
            )
        )
    return rows


@pytest.fixture
def histories(branch):
    """Tom improves on the English ten-key pack (and counts cash, flat); Tess keys the
    Chinese one without progress; Olga practised months ago; the cash pack is also
    practised a little by Tess, too little to judge."""
    svc = branch.services
    add_rows(
        svc,
        branch.teller.id,
        [
            *learning_history(seed=1, gain=0.4),
            *_recent(2, days=20, attempts=24, base=7000, gain=0.3),
        ],
    )
    flat = _recent(3, days=25, attempts=30, base=6000, gain=0.0)
    add_rows(svc, branch.other_teller.id, [
        replace(r, content_id=ZH_TEST if r.mode == "test" else "tenkey-amounts-practice.zh")
        for r in [*learning_history(seed=4, gain=0.1), *flat]
    ])  # fmt: skip
    old = learning_history(seed=5, start=NOW - timedelta(days=200), span_days=100, gain=0.3)
    add_rows(svc, branch.outsider_teller.id, old)
    cash = [
        replace(r, content_id=CASH_TEST if r.mode == "test" else CASH_PRACTICE,
                speed_unit="notes_per_min", speed=(r.speed or 0) / 50)
        for r in _recent(6, days=27, attempts=20, base=5000, gain=0.0)
    ]  # fmt: skip
    add_rows(svc, branch.teller.id, cash)
    add_rows(svc, branch.other_teller.id, cash[-3:])  # three recent: not enough to judge
    return branch


def test_a_line_is_its_skills_dashboard_and_the_pure_stall_rule(histories):
    svc = histories.services
    summary = svc.progress.branch_summary(CLI, now=NOW)
    lines = {line.family.key: line for line in summary.skills}
    assert {"tenkey-amounts", "cash-counting"} <= set(lines)
    seen: set[StallStatus] = set()
    for key, line in lines.items():
        board = svc.progress.dashboard(CLI, key, now=NOW, assignments=False)
        started = [e for e in board.entries if e.row.last_practice_at is not None or e.row.tests]
        states = [e.summary.stall.status for e in started]
        assert line.people == board.everyone.people == len(board.entries)
        assert line.tested == sum(1 for e in board.entries if e.row.tests > 0)
        assert (line.with_gain, line.median_gain, line.improved) == (
            board.everyone.with_gain,
            board.everyone.median_gain,
            board.everyone.improved,
        )
        assert line.idle == states.count(StallStatus.NO_PRACTICE)
        assert line.no_progress == states.count(StallStatus.NO_GAIN)
        assert line.not_started == len(board.entries) - len(started)
        contents = TENKEY_ALL if key == "tenkey-amounts" else CASH_ALL
        if key not in ("tenkey-amounts", "cash-counting"):
            assert started == []  # nobody touched it: nothing read, nobody stalled
            continue
        for entry in started:  # the SQL aggregates give the pure rule's verdict
            points = points_of(svc, entry.person.id, contents)
            expected = stall_check(points, NOW, Metric.SPEED)
            assert entry.summary.stall.status is expected.status
            assert entry.summary.stall.attempts_in_window == expected.attempts_in_window
            if expected.window_gain is not None:
                assert entry.summary.stall.window_gain == pytest.approx(expected.window_gain)
            seen.add(expected.status)
    assert seen == set(StallStatus)  # every state met: improving, no gain, too few, idle


def test_every_skills_window_read_at_once_equals_each_skills_own(histories):
    svc = histories.services
    since = NOW - weeks(4)
    with svc.db.reading() as session:
        families = load_families(session)
        keys = ("tenkey-amounts.en", "tenkey-amounts.zh", "cash-counting.en", "making-change.en")
        wanted = {k: families[k].item_ids for k in keys}
        people = select(Person.id)
        together = window_stats_of_families(
            session, people, wanted, Metric.SPEED, DateRange(since, None)
        )
        for key, items in wanted.items():
            alone = window_stats(session, people, items, Metric.SPEED, DateRange(since, None))
            assert together[key] == alone  # exactly: the same sums, the same median
        both = window_stats(
            session, people, (*wanted["tenkey-amounts.en"], *wanted["tenkey-amounts.zh"]),
            Metric.SPEED, DateRange(since, None),
        )  # fmt: skip
    assert together["making-change.en"] == {}
    assert set(together["tenkey-amounts.en"]) == {histories.teller.id}
    assert set(together["tenkey-amounts.zh"]) == {histories.other_teller.id}
    assert set(together["cash-counting.en"]) == {histories.teller.id, histories.other_teller.id}
    assert together["cash-counting.en"][histories.other_teller.id].count == 3
    assert set(both) == {histories.teller.id, histories.other_teller.id}
    assert both[histories.teller.id] == together["tenkey-amounts.en"][histories.teller.id]


def test_the_window_moves_with_the_clock(histories):
    """The figures are as of ``now``: a week later Olga is still idle, Tom's oldest recent
    attempts have left the window, and the line still equals the dashboard."""
    svc = histories.services
    later = NOW + timedelta(days=7)
    line = next(
        s for s in svc.progress.branch_summary(CLI, now=later).skills
        if s.family.key == "tenkey-amounts"
    )  # fmt: skip
    board = svc.progress.dashboard(CLI, "tenkey-amounts", now=later, assignments=False)
    by_person = {e.person.id: e.summary.stall for e in board.entries}
    tom = points_of(svc, histories.teller.id, TENKEY_ALL)
    expected = stall_check(tom, later, Metric.SPEED)
    assert by_person[histories.teller.id].status is expected.status
    assert by_person[histories.teller.id].attempts_in_window == expected.attempts_in_window
    started = [
        e.summary.stall for e in board.entries if e.row.last_practice_at is not None or e.row.tests
    ]
    assert expected.status is not StallStatus.NO_PRACTICE  # still practising a week later
    assert line.idle == sum(1 for s in started if s.status is StallStatus.NO_PRACTICE)
    assert line.no_progress == sum(1 for s in started if s.status is StallStatus.NO_GAIN)


def test_windows_read_only_for_the_active_are_the_same_windows(histories):
    """``summary_lines``' ``active_since`` (the branch summary reads a window only where
    the stall rule does: latest attempt within the idle days) leaves out exactly the
    windows of the families whose latest counted attempt is before it. A person whose
    latest attempt is the moment itself keeps theirs, and a pack practised only before it
    still counts when the other pack of the family was practised after it."""
    svc = histories.services
    # Olga, idle for months, now counts on the test pack 25-16 days ago (in the window,
    # idle on its own) and on the practice pack 10 days ago
    olga = histories.outsider_teller.id
    add_rows(
        svc,
        olga,
        [
            Row(CASH_TEST, "test", NOW - timedelta(days=d, hours=h), 100.0 + d, speed_unit="npm")
            for d in (25, 21, 16)
            for h in (0, 2)
        ]
        + [Row(CASH_PRACTICE, "practice", NOW - timedelta(days=10), 130.0, speed_unit="npm")],
    )
    items = {
        "tenkey": [item_id(svc, c) for c in TENKEY_ALL],
        "cash": [item_id(svc, c) for c in CASH_ALL],
    }
    families = {key: (ids, Metric.SPEED) for key, ids in items.items()}
    window = DateRange(NOW - weeks(4), None)
    people = select(Person.id)
    with svc.db.reading() as session:
        every = summary_lines(session, people, families, window)
        latest = {at for line in every.values() for at in line.last.values()}
        moments = sorted({NOW - timedelta(days=14), *latest,
                          *(at + timedelta(microseconds=1) for at in latest)})  # fmt: skip
        left_out = 0
        for since in moments:
            active = summary_lines(session, people, families, window, active_since=since)
            for key, line in every.items():
                assert active[key].stats == {
                    pid: stats for pid, stats in line.stats.items() if line.last[pid] >= since
                }
                assert (active[key].gains, active[key].last) == (line.gains, line.last)
                left_out += len(line.stats) - len(active[key].stats)
        idle_days_ago = NOW - timedelta(days=14)
        olga_cash = summary_lines(session, people, families, window, active_since=idle_days_ago)[
            "cash"
        ].stats[olga]
    assert olga_cash == every["cash"].stats[olga]
    assert olga_cash.count == 7  # both packs' attempts in the window
    assert left_out, "some windows left out"


def test_a_dashboard_reads_the_windows_of_the_active_only(histories):
    """A skill's dashboard, like the branch summary's lines, reads the stall rule's
    window only of whoever practised within the idle days (the only windows the rule
    reads): the same windows, exactly, for them; none for the others. A person whose
    latest attempt is exactly the idle days before ``as_of`` keeps theirs."""
    svc = histories.services
    with svc.db.reading() as session:
        caller = authorize(session, CLI, Permission.VIEW_TEAM_RESULTS)
        family = load_families(session)["tenkey-amounts.en"]
        people = _people_in_scope(session, caller, None)
        idle = timedelta(days=DEFAULT_RULE.idle_days)
        latest = set(
            _figures(session, people, family, Metric.SPEED, window=EVERYTHING, as_of=NOW,
                     rule=DEFAULT_RULE).last.values()
        )  # fmt: skip
        moments = sorted({NOW, NOW + timedelta(days=20), *(at + idle for at in latest),
                          *(at + idle + timedelta(microseconds=1) for at in latest)})  # fmt: skip
        left_out = 0
        for as_of in moments:
            figures = _figures(session, people, family, Metric.SPEED, window=EVERYTHING,
                               as_of=as_of, rule=DEFAULT_RULE)  # fmt: skip
            every = window_stats(session, people.ids, family.item_ids, Metric.SPEED,
                                 DateRange(as_of - weeks(DEFAULT_RULE.weeks), None))  # fmt: skip
            assert figures.stats == {
                pid: stats for pid, stats in every.items() if as_of - figures.last[pid] <= idle
            }
            left_out += len(every) - len(figures.stats)
    assert left_out, "some windows left out"
