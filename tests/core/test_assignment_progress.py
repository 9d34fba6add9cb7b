"""Completion of assignments from results: hand-computed cases for every rule."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from svctrainer.core.assignment_progress import (
    Assignee,
    AttemptFigures,
    AttemptTally,
    NextStep,
    Status,
    Target,
    TargetError,
    applies_to,
    assess,
    check_fits,
    check_min_practice,
    meets,
    tally_attempts,
)

TODAY = date(2026, 11, 23)
T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
TENKEY_TEST = Target(mode="test", min_speed=9000, speed_unit="net_kph", min_accuracy=0.98)


def at(hours: int) -> datetime:
    return T0 + timedelta(hours=hours)


def practice(speed: float = 5000, accuracy: float = 0.9, **kw: object) -> AttemptFigures:
    return AttemptFigures("practice", kw.pop("started_at", at(1)), speed, "net_kph", accuracy, **kw)


def exam(speed: float, accuracy: float, **kw: object) -> AttemptFigures:
    return AttemptFigures("test", kw.pop("started_at", at(2)), speed, "net_kph", accuracy, **kw)


def progress(target, attempts, *, min_practice=0, due_on=None, today=TODAY, since=None):
    tally = tally_attempts(target, attempts, since)
    return assess(target, min_practice, due_on, tally, today=today)


# -- practice sessions -----------------------------------------------------------------------


def test_practice_count_decides_an_assignment_without_thresholds():
    target = Target()
    two = progress(target, [practice(), practice()], min_practice=3)
    assert two.status is Status.IN_PROGRESS
    # practice part 2/3, target part 1 (an attempt exists): (2/3 + 1) / 2
    assert two.fraction == pytest.approx(5 / 6)
    assert two.next_steps == (NextStep("practise", {"left": 1, "done": 2, "required": 3}),)
    assert two.start_mode == "practice"
    three = progress(target, [practice(), practice(), practice()], min_practice=3)
    assert three.status is Status.DONE
    assert three.fraction == 1.0
    assert three.next_steps == ()


def test_test_attempts_are_not_practice_sessions():
    p = progress(Target(mode="test"), [exam(9000, 1.0)], min_practice=1)
    assert p.target_met
    assert p.practice_done == 0
    assert p.status is Status.IN_PROGRESS
    assert p.fraction == pytest.approx(0.5)  # practice 0/1, target 1


# -- thresholds and modes ----------------------------------------------------------------------


def test_target_is_met_in_test_mode_only():
    # The practice run is fast enough, but the target asks for a test.
    attempts = [practice(9500, 0.99), exam(8000, 0.99)]
    p = progress(TENKEY_TEST, attempts)
    assert p.status is Status.IN_PROGRESS
    assert not p.target_met
    # weakest threshold: speed 8000 / 9000; accuracy 0.99 / 0.98 is capped at 1
    assert p.fraction == pytest.approx(8000 / 9000)
    assert p.next_steps == (
        NextStep("reach_speed", {"minimum": 9000, "best": 8000, "unit": "net_kph"}),
    )
    assert p.start_mode == "test"
    done = progress(TENKEY_TEST, [*attempts, exam(9100, 0.985)])
    assert done.status is Status.DONE
    assert done.fraction == 1.0


def test_bests_from_different_attempts_do_not_add_up_to_a_pass():
    p = progress(TENKEY_TEST, [exam(9500, 0.97), exam(8000, 0.99)])
    assert not p.target_met
    assert p.fraction == pytest.approx(0.99)  # both bests reach their minimum: capped below 1
    assert p.next_steps == (NextStep("all_at_once", {"mode": "test"}),)


def test_exactly_the_minimum_meets_it():
    assert meets(TENKEY_TEST, exam(9000, 0.98))
    assert not meets(TENKEY_TEST, exam(8999.9, 0.98))
    assert not meets(TENKEY_TEST, exam(9000, 0.979))


def test_speed_in_another_unit_never_meets_the_target():
    cpm = AttemptFigures("test", at(2), 20000, "cpm", 1.0)
    assert not meets(TENKEY_TEST, cpm)
    tally = tally_attempts(TENKEY_TEST, [cpm])
    assert tally.attempts_in_mode == 1
    assert tally.best_speed is None


def test_score_target_accepts_any_mode():
    target = Target(min_score=80)
    assert progress(target, [practice(score=60)]).status is Status.IN_PROGRESS
    assert progress(target, [practice(score=60)]).fraction == pytest.approx(60 / 80)
    assert progress(target, [practice(score=85)]).status is Status.DONE


def test_scenario_tier_target():
    target = Target(mode="test", min_tier="comfort")
    run = AttemptFigures("test", at(3), score=60, grade="satisfaction")
    p = progress(target, [run])
    assert p.fraction == pytest.approx(0.5)  # satisfaction (1) of comfort (2)
    assert p.next_steps == (NextStep("reach_tier", {"minimum": "comfort", "best": "satisfaction"}),)
    practice_run = AttemptFigures("practice", at(4), grade="delight")
    assert progress(target, [run, practice_run]).status is Status.IN_PROGRESS
    delight = AttemptFigures("test", at(5), grade="delight")
    assert progress(target, [run, delight]).status is Status.DONE
    not_met = AttemptFigures("test", at(5), grade="not_met")
    assert progress(target, [not_met]).fraction == 0.0


def test_nothing_done_yet():
    p = progress(TENKEY_TEST, [])
    assert p.status is Status.NOT_STARTED
    assert p.fraction == 0.0
    assert p.next_steps == (NextStep("attempt", {"mode": "test"}),)
    with_practice = progress(TENKEY_TEST, [], min_practice=2)
    assert [s.code for s in with_practice.next_steps] == ["practise", "attempt"]
    assert with_practice.start_mode == "practice"


def test_practice_only_attempts_start_the_assignment_but_not_the_test():
    p = progress(TENKEY_TEST, [practice(9500, 0.99)])
    assert p.status is Status.IN_PROGRESS
    assert p.fraction == 0.0
    assert p.next_steps == (NextStep("attempt", {"mode": "test"}),)


# -- what counts ---------------------------------------------------------------------------------


def test_invalid_and_invalidated_attempts_do_not_count():
    good = exam(9500, 0.99, counts=False)
    assert progress(TENKEY_TEST, [good]).status is Status.NOT_STARTED
    assert tally_attempts(TENKEY_TEST, [good]) == AttemptTally()


def test_attempts_before_the_assignment_do_not_count():
    old = exam(9500, 0.99, started_at=at(0))
    since = at(1)
    assert progress(TENKEY_TEST, [old], since=since).status is Status.NOT_STARTED
    new = exam(9500, 0.99, started_at=at(1))
    assert progress(TENKEY_TEST, [old, new], since=since).status is Status.DONE


def test_tally_by_hand():
    attempts = [
        practice(7000, 0.95, started_at=at(1)),
        practice(7500, 0.97, started_at=at(2), score=50),
        exam(8800, 0.99, started_at=at(3), score=70),
        exam(9200, 0.98, started_at=at(4), score=72),
        exam(9900, 0.90, started_at=at(5), counts=False),
    ]
    assert tally_attempts(TENKEY_TEST, attempts) == AttemptTally(
        attempts=4,
        practice_sessions=2,
        attempts_in_mode=2,
        meeting_target=1,
        best_speed=9200,
        best_accuracy=0.99,
        best_score=72,
        best_tier=None,
        last_attempt_at=at(4),
    )


# -- due dates -------------------------------------------------------------------------------


def test_overdue_by_date():
    due = date(2026, 11, 20)
    assert progress(TENKEY_TEST, [], due_on=due, today=due).status is Status.NOT_STARTED
    late = progress(TENKEY_TEST, [], due_on=due, today=due + timedelta(days=1))
    assert late.status is Status.OVERDUE
    started = progress(TENKEY_TEST, [exam(8000, 0.99)], due_on=due, today=date(2026, 12, 1))
    assert started.status is Status.OVERDUE
    assert started.fraction == pytest.approx(8000 / 9000)
    finished_late = progress(TENKEY_TEST, [exam(9000, 0.99)], due_on=due, today=date(2026, 12, 1))
    assert finished_late.status is Status.DONE


# -- who it applies to -------------------------------------------------------------------------


def test_team_assignment_applies_to_current_and_new_members_only():
    team_a, team_b = "team-a", "team-b"
    assignment = Assignee(team_id=team_a)
    assert applies_to(assignment, "tom", team_a)
    assert applies_to(assignment, "newcomer", team_a)  # joined after it was made
    assert not applies_to(assignment, "otto", team_b)
    assert not applies_to(assignment, "no-team", None)


def test_person_assignment_follows_the_person():
    assignment = Assignee(person_id="tom")
    assert applies_to(assignment, "tom", "team-b")
    assert not applies_to(assignment, "tess", "team-a")


def test_cancelled_assignments_apply_to_nobody():
    assert not applies_to(Assignee(team_id="team-a", cancelled=True), "tom", "team-a")
    assert not applies_to(Assignee(person_id="tom", cancelled=True), "tom", None)


# -- targets ---------------------------------------------------------------------------------


def test_target_round_trips_through_json():
    data = {"mode": "test", "min_speed": 9000, "speed_unit": "net_kph", "min_accuracy": 0.98}
    target = Target.from_json(data)
    assert target == TENKEY_TEST
    assert target.to_json() == data
    assert Target.from_json({}) == Target()
    assert Target.from_json({"min_tier": "comfort", "mode": "test"}).min_tier_level == 2


@pytest.mark.parametrize(
    ("data", "field", "code"),
    [
        ({"min_sped": 1}, "target", "unknown_key"),
        ({"mode": "exam"}, "mode", "unknown_mode"),
        ({"min_speed": 9000}, "min_speed", "speed_needs_unit"),
        ({"speed_unit": "net_kph"}, "min_speed", "speed_needs_unit"),
        ({"min_speed": 0, "speed_unit": "net_kph"}, "min_speed", "out_of_range"),
        ({"min_speed": 9000, "speed_unit": "Net KPH"}, "speed_unit", "bad_unit"),
        ({"min_accuracy": 98}, "min_accuracy", "out_of_range"),
        ({"min_accuracy": float("nan")}, "min_accuracy", "out_of_range"),
        ({"min_accuracy": True}, "min_accuracy", "not_a_number"),
        ({"min_score": "80"}, "min_score", "not_a_number"),
        ({"min_score": 101}, "min_score", "out_of_range"),
        ({"min_tier": "not_met"}, "min_tier", "unknown_tier"),
        ({"mode": 1}, "mode", "not_text"),
    ],
)
def test_bad_targets_are_refused_with_a_code(data, field, code):
    with pytest.raises(TargetError) as caught:
        Target.from_json(data)
    assert (caught.value.field, caught.value.code) == (field, code)


def test_target_must_fit_the_content():
    check_fits(TENKEY_TEST, "drill", "net_kph", ("test",))
    with pytest.raises(TargetError, match="wrong_unit"):
        check_fits(TENKEY_TEST, "drill", "cpm", ("test",))
    with pytest.raises(TargetError, match="mode_not_offered"):
        check_fits(TENKEY_TEST, "drill", "net_kph", ("practice",))
    with pytest.raises(TargetError, match="only_for_scenarios"):
        check_fits(Target(min_tier="comfort"), "drill", "net_kph", ("practice",))
    with pytest.raises(TargetError, match="not_for_scenarios"):
        check_fits(TENKEY_TEST, "scenario", None, ("practice", "test"))
    scenario_target = Target(mode="test", min_tier="delight", min_score=80, min_accuracy=0.9)
    check_fits(scenario_target, "scenario", None, ("test",))


def test_minimum_practice_needs_a_practice_mode():
    check_min_practice(3, ("practice", "test"))
    with pytest.raises(TargetError, match="no_practice_mode"):
        check_min_practice(3, ("test",))
    with pytest.raises(TargetError, match="out_of_range"):
        check_min_practice(-1, ("practice",))
    check_min_practice(0, ("test",))


# -- properties ----------------------------------------------------------------------------

figures = st.builds(
    AttemptFigures,
    mode=st.sampled_from(["practice", "test"]),
    started_at=st.just(T0),
    speed=st.none() | st.floats(0, 20000),
    speed_unit=st.sampled_from(["net_kph", "cpm"]),
    accuracy=st.none() | st.floats(0, 1),
    score=st.none() | st.floats(0, 100),
    grade=st.none() | st.sampled_from(["not_met", "satisfaction", "comfort", "delight"]),
    counts=st.booleans(),
)


@given(st.lists(figures, max_size=12), st.integers(0, 4))
def test_the_bar_is_full_exactly_when_done(attempts, min_practice):
    p = progress(TENKEY_TEST, attempts, min_practice=min_practice)
    assert 0.0 <= p.fraction <= 1.0
    assert (p.fraction == 1.0) == (p.status is Status.DONE)
    assert (p.next_steps == ()) == (p.status is Status.DONE)
    counted = [a for a in attempts if a.counts]
    assert p.target_met == any(meets(TENKEY_TEST, a) for a in counted)
