"""The contest's pure rules: its life cycle, the points table and the standings."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from svctrainer.core.contest.locked import Contestant, LockedResults, from_json, to_json
from svctrainer.core.contest.points import drill_points, points_of
from svctrainer.core.contest.rules import (
    ContestRuleError,
    ContestRules,
    ContestState,
    Phase,
    check_name,
    check_step,
    phase,
)
from svctrainer.core.contest.standings import (
    ContestAttempt,
    ContestDrillSpec,
    OverallStanding,
    TeamStanding,
    standings,
    team_standings,
)

T0 = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)
A, B, C = (uuid.UUID(int=i) for i in (1, 2, 3))
TENKEY = ContestDrillSpec("tenkey", "tenkey", "Ten-key")
VOUCHER = ContestDrillSpec("voucher", "voucher_summing", "传票算")


def _attempt(person, drill, minute, speed=None, score=None, *, complete=True, valid=True,
             accuracy=1.0, duration_ms=600_000):  # fmt: skip
    return ContestAttempt(uuid.uuid4(), person, drill.content_id, T0 + timedelta(minutes=minute),
                          complete, valid, speed, score, accuracy, duration_ms)  # fmt: skip


def test_the_life_cycle_only_goes_forward():
    check_step(ContestState.DRAFT, ContestState.OPEN)
    check_step(ContestState.OPEN, ContestState.RUNNING)
    check_step(ContestState.RUNNING, ContestState.CLOSED)
    check_step(ContestState.OPEN, ContestState.CLOSED)  # called off before the start
    for current, target in [
        (ContestState.DRAFT, ContestState.RUNNING),
        (ContestState.CLOSED, ContestState.RUNNING),
        (ContestState.RUNNING, ContestState.OPEN),
    ]:
        with pytest.raises(ContestRuleError):
            check_step(current, target)


def test_the_phase_of_a_running_contest_follows_the_clock():
    begins, ends = ContestRules(1, 10, 30).window(T0)
    assert (begins, ends) == (T0 + timedelta(seconds=30), T0 + timedelta(seconds=630))
    at = lambda s: phase(ContestState.RUNNING, T0 + timedelta(seconds=s), begins, ends)  # noqa: E731
    assert [at(0), at(30), at(629), at(630)] == [
        Phase.COUNTDOWN, Phase.LIVE, Phase.LIVE, Phase.TIME_UP,
    ]  # fmt: skip


@pytest.mark.parametrize("bad", [{"attempts": 0}, {"attempts": 6}, {"window_minutes": 0},
                                 {"countdown_s": -1}])  # fmt: skip
def test_rules_refuse_what_cannot_be_fair(bad):
    with pytest.raises(ContestRuleError):
        ContestRules(**bad)


@pytest.mark.parametrize("name", ["", "   ", "a/b", "x" * 81, "tab\there"])
def test_names_that_cannot_name_a_file_are_refused(name):
    with pytest.raises(ContestRuleError):
        check_name(name)


def test_the_points_table_follows_the_contest_rules():
    assert points_of("cash_counting").weight == 30
    assert points_of("voucher_summing").weight == 30
    assert points_of("tenkey").weight == points_of("text_entry").weight == 20
    assert points_of("voucher_summing").measure == "score"  # correct totals, not speed
    assert drill_points(50, 100, 20) == 10.0
    assert drill_points(None, 100, 20) == 0.0


@given(st.floats(0, 1e6), st.floats(0.001, 1e6), st.integers(1, 100))
def test_points_never_exceed_the_weight(result, best, weight):
    assert 0 <= drill_points(result, best, weight) <= weight


def test_best_of_n_counts_the_first_n_tries_and_the_best_complete_one():
    attempts = [
        _attempt(A, TENKEY, 1, speed=9000, complete=False),  # a try, but no result
        _attempt(A, TENKEY, 2, speed=8000),
        _attempt(A, TENKEY, 3, speed=12000),  # a third try when two are allowed
        _attempt(B, TENKEY, 1, speed=10000),
    ]
    table = standings([TENKEY], attempts, allowed=2)
    rows = {r.person_id: r for r in table.drill("tenkey")}
    assert rows[A].result == 8000
    assert rows[A].tries == 2
    assert rows[B].points == 20.0
    assert rows[B].rank == 1
    assert rows[A].points == 16.0
    assert rows[A].rank == 2


def test_ties_go_to_accuracy_then_time_and_overall_sums_the_drills():
    attempts = [
        _attempt(A, VOUCHER, 1, score=80, accuracy=0.9),
        _attempt(B, VOUCHER, 1, score=80, accuracy=1.0),
        _attempt(C, VOUCHER, 1, score=80, accuracy=1.0, duration_ms=500_000),
        _attempt(A, TENKEY, 1, speed=10000),
        _attempt(B, TENKEY, 1, speed=5000, valid=False),  # invalidated: no result
    ]
    table = standings([VOUCHER, TENKEY], attempts, allowed=1)
    assert [(r.person_id, r.rank) for r in table.drill("voucher")] == [(C, 1), (B, 2), (A, 3)]
    overall = {o.person_id: o for o in table.overall}
    assert overall[A].points == 50.0
    assert overall[A].rank == 1
    assert overall[C].points == overall[B].points == 30.0
    assert overall[C].rank == 2
    assert overall[B].rank == 3


def _overall(*points):
    people = [uuid.UUID(int=i + 100) for i in range(len(points))]
    return people, [OverallStanding(p, v, 1, 0) for p, v in zip(people, points, strict=True)]


def test_teams_rank_by_mean_points_so_a_big_team_does_not_win_for_its_size():
    """Seven middling members (sum 280) against three strong ones (sum 180): the sum
    would rank the big team first; the mean ranks the three, 60.0 against 40.0."""
    people, overall = _overall(*([40.0] * 7), 70.0, 60.0, 50.0)
    team_of = {p: ("Counter A" if i < 7 else "Business Hall") for i, p in enumerate(people)}
    ranked = team_standings(overall, team_of, {"Counter A": 149.1})
    assert [(t.team_name, t.contestants, t.mean_points, t.rank) for t in ranked] == [
        ("Business Hall", 3, 60.0, 1),
        ("Counter A", 7, 40.0, 2),
    ]
    assert ranked[1].customer_minutes_saved == 149.1  # kept for reference, never ranked


def test_teams_level_on_the_mean_share_a_rank_and_no_team_is_not_ranked():
    people, overall = _overall(50.0, 30.0, 40.0, 40.0, 20.0, 0.0)
    teams = ["A", "A", "B", "B", "C", None]
    ranked = team_standings(overall, dict(zip(people, teams, strict=True)))
    assert [(t.team_name, t.mean_points, t.rank) for t in ranked] == [
        ("A", 40.0, 1),
        ("B", 40.0, 1),
        ("C", 20.0, 3),
        (None, 0.0, None),
    ]


def test_results_locked_before_the_mean_ranking_read_back_ranked_by_it():
    """A contest locked under layout 1 (teams by customer-minutes) reads back with its
    teams ranked by mean points, from its own locked points."""
    attempts = [_attempt(A, TENKEY, 1, speed=7000), _attempt(B, TENKEY, 1, speed=3500),
                _attempt(C, TENKEY, 1, speed=3500)]  # fmt: skip
    table = standings([TENKEY], attempts, allowed=1)
    people = (Contestant(A, "Ann", "1", "Small"), Contestant(B, "Bo", "2", "Big"),
              Contestant(C, "Cy", "3", "Big"))  # fmt: skip
    data = to_json(LockedResults(table, (), people))
    data["version"] = 1
    data["teams"] = [
        {"team_name": "Big", "contestants": 2, "customer_minutes_saved": 80.0, "rank": 1},
        {"team_name": "Small", "contestants": 1, "customer_minutes_saved": 20.0, "rank": 2},
    ]
    teams = from_json(data).teams
    assert [(t.team_name, t.rank, t.customer_minutes_saved) for t in teams] == [
        ("Small", 1, 20.0),
        ("Big", 2, 80.0),
    ]


def test_locked_results_read_back_unchanged():
    attempts = [_attempt(A, VOUCHER, 1, score=60), _attempt(B, TENKEY, 1, speed=7000)]
    table = standings([VOUCHER, TENKEY], attempts, allowed=1)
    locked = LockedResults(
        table,
        (TeamStanding("A", 1, 20.0, 3.5, 1),),
        (Contestant(A, "Ann", "1", "A"), Contestant(B, "宁", "2", None)),
    )
    assert from_json(to_json(locked)) == locked


_attempts = st.lists(
    st.tuples(
        st.sampled_from([A, B, C]),
        st.sampled_from([TENKEY, VOUCHER]),
        st.integers(0, 60),
        st.floats(0, 20000),
        st.booleans(),
        st.floats(0.5, 1.0),
    ),
    max_size=25,
)


@given(_attempts, st.integers(1, 5))
def test_standings_hold_their_invariants(rows, allowed):
    attempts = [
        _attempt(p, d, m, speed=v, score=v, complete=ok, accuracy=acc)
        for p, d, m, v, ok, acc in rows
    ]
    table = standings([TENKEY, VOUCHER], attempts, allowed)
    for spec, drill_rows in table.drills:
        assert all(0 <= r.points <= spec.weight for r in drill_rows)
        assert all(r.tries <= allowed for r in drill_rows)
        ranked = [r for r in drill_rows if r.rank is not None]
        assert [r.rank for r in ranked] == sorted(r.rank for r in ranked)
        if ranked and (ranked[0].result or 0) > 0:
            assert ranked[0].points == spec.weight  # the best earns the whole weight
    points = [o.points for o in table.overall]
    assert points == sorted(points, reverse=True)
    assert [o.rank for o in table.overall] == sorted(o.rank for o in table.overall)
