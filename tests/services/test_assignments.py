"""Assignments on the real database: creating, scope, audit, and completion from results."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from support import FAST_PIN_COST, typed_perfectly

from svctrainer.core.assignment_progress import (
    AttemptFigures,
    Status,
    Target,
    tally_attempts,
)
from svctrainer.core.packs.definition import Mode
from svctrainer.core.roles import Role
from svctrainer.services.actor import Actor
from svctrainer.services.api import Services
from svctrainer.services.errors import InvalidInputError, NotFoundError, PermissionDeniedError
from svctrainer.store.models import Attempt

CLI = Actor.command_line()
TEST_PACK = "tenkey-amounts-test.en"
PRACTICE_PACK = "tenkey-amounts-practice.en"
SCENARIO = "sample-queue-wait.en"
TARGET = {"mode": "test", "min_speed": 9000, "speed_unit": "net_kph", "min_accuracy": 0.98}
FAST, SLOW = 400, 450  # ms between keys: over and under the 9 000 net KPH target


DRILLS = Path(__file__).resolve().parents[2] / "drills"
FILES = (
    "tenkey-amounts-test.en.toml",
    "tenkey-amounts-practice.en.toml",
    "scenarios/sample-queue-wait.en.yaml",
)


@pytest.fixture
def services(request: pytest.FixtureRequest, db_path: Path) -> Iterator[Services]:
    """A SQLite file; a server for the tests parametrized ``services=["postgresql"]``
    (indirect), where the query must be portable."""
    engine = getattr(request, "param", "sqlite")
    url = str(db_path) if engine == "sqlite" else request.getfixturevalue("pg_url")
    svc = Services.open(url, pin_cost=FAST_PIN_COST)
    yield svc
    svc.close()


@pytest.fixture
def world(branch):
    branch.services.content.import_files(CLI, [DRILLS / f for f in FILES])
    return branch


def _item(world, content_id):
    return next(r for r in world.services.content.latest(CLI) if r.content_id == content_id)


def take(world, person, content_id=TEST_PACK, *, gap_ms=FAST, started_at=None, complete=True):
    """Record a perfectly typed attempt by ``person`` (``gap_ms`` apart, to the end of the
    run; stopped after three amounts unless ``complete``)."""
    svc = world.services
    record = _item(world, content_id)
    _, definition = svc.content.load(CLI, record.id)
    mode = Mode.TEST if Mode.TEST in definition.modes else Mode.PRACTICE
    seed = definition.settings(mode).seed or 11
    events = typed_perfectly(definition, mode, seed=seed, items=3, gap_ms=gap_ms, complete=complete)
    return svc.attempts.record_drill(
        world.actor(person),
        record.id,
        mode=mode,
        seed=seed,
        events=events,
        started_at=started_at or datetime.now(UTC),
    )


def assign_team(world, targets=None, **kw):
    kw.setdefault("team_ids", [world.team_a.id])
    return world.services.assignments.create(
        world.actor(world.trainer), targets=targets or {TEST_PACK: TARGET}, **kw
    )


def mine(world, person, **kw):
    return world.services.assignments.for_person(world.actor(person), person.id, **kw)


# -- creating --------------------------------------------------------------------------------


def test_trainer_assigns_a_drill_to_a_team_and_it_is_audited(world):
    due = date.today() + timedelta(days=7)
    [record] = assign_team(
        world,
        {TEST_PACK: {"mode": "test", "min_speed": 9000, "min_accuracy": 0.98}},
        due_on=due,
        note="Before the audit week",
    )
    assert record.team_name == "Team A"
    assert record.target == Target.from_json(TARGET)  # the drill's unit was filled in
    assert record.modes == ("test",)
    assert record.created_by == "Tia Trainer"
    assert record.bundle_id is None
    [entry] = world.services.audit.recent(CLI, action="assignment.create")
    assert entry.actor == "Tia Trainer (R1)"
    assert entry.target_id == str(record.id)
    assert entry.detail["target"] == TARGET
    assert entry.detail["team_id"] == str(world.team_a.id)
    assert entry.detail["due_on"] == due.isoformat()
    assert entry.detail["note"] == "Before the audit week"


def test_a_bundle_shares_one_bundle_id(world):
    rows = world.services.assignments.create(
        world.actor(world.trainer),
        targets={PRACTICE_PACK: {"mode": "practice"}, TEST_PACK: TARGET},
        person_ids=[world.teller.id, world.other_teller.id],
        min_practice=0,
    )
    assert len(rows) == 4
    assert len({r.bundle_id for r in rows}) == 1
    assert rows[0].bundle_id is not None
    assert {(r.content_id, r.person_name) for r in rows} == {
        (c, p) for c in (PRACTICE_PACK, TEST_PACK) for p in ("Tom Teller", "Tess Teller")
    }


def test_a_scenario_takes_a_tier_target(world):
    [row] = assign_team(world, {SCENARIO: {"mode": "test", "min_tier": "comfort"}})
    assert row.kind == "scenario"
    assert row.target.min_tier == "comfort"


@pytest.mark.parametrize(
    ("targets", "kw", "field"),
    [
        ({TEST_PACK: {**TARGET, "speed_unit": "cpm"}}, {}, "speed_unit"),
        ({TEST_PACK: {"min_tier": "comfort"}}, {}, "min_tier"),
        ({SCENARIO: {"min_speed": 9000, "speed_unit": "net_kph"}}, {}, "min_speed"),
        ({TEST_PACK: {"mode": "practice"}}, {}, "mode"),
        ({TEST_PACK: TARGET}, {"min_practice": 2}, "min_practice"),
        ({TEST_PACK: {"min_accuracy": 98}}, {}, "min_accuracy"),
        ({TEST_PACK: TARGET}, {"due_on": date.today() - timedelta(days=1)}, "due_on"),
        ({TEST_PACK: TARGET}, {"team_ids": []}, "assignees"),
        ({}, {}, "content"),
    ],
)
def test_bad_assignments_are_refused_and_nothing_is_stored(world, targets, kw, field):
    with pytest.raises(InvalidInputError) as caught:
        world.services.assignments.create(
            world.actor(world.trainer),
            targets=targets,
            **{"team_ids": [world.team_a.id], **kw},
        )
    assert caught.value.field == field
    assert world.services.assignments.for_trainer(world.actor(world.trainer)) == []
    assert world.services.audit.recent(CLI, action="assignment.create") == []


def test_unknown_content_is_not_found(world):
    with pytest.raises(NotFoundError):
        assign_team(world, {"no-such-drill": {}})


# -- scope ------------------------------------------------------------------------------------


def test_a_trainer_assigns_only_within_their_teams(world):
    trainer = world.actor(world.trainer)
    with pytest.raises(PermissionDeniedError):
        world.services.assignments.create(
            trainer, targets={TEST_PACK: {}}, team_ids=[world.team_b.id]
        )
    with pytest.raises(PermissionDeniedError):
        world.services.assignments.create(
            trainer, targets={TEST_PACK: {}}, person_ids=[world.outsider_teller.id]
        )
    # Part of a request out of scope: nothing at all is stored.
    with pytest.raises(PermissionDeniedError):
        world.services.assignments.create(
            trainer,
            targets={TEST_PACK: {}},
            person_ids=[world.teller.id, world.outsider_teller.id],
        )
    assert world.services.assignments.for_person(CLI, world.teller.id) == []


@pytest.mark.parametrize("who", ["teller", "supervisor", "admin"])
def test_only_trainers_assign(world, who):
    with pytest.raises(PermissionDeniedError):
        world.services.assignments.create(
            world.actor(getattr(world, who)), targets={TEST_PACK: {}}, team_ids=[world.team_a.id]
        )


def test_a_supervisor_who_also_trains_assigns_across_the_branch(world):
    world.services.people.set_roles(CLI, world.supervisor.id, [Role.SUPERVISOR, Role.TRAINER])
    rows = world.services.assignments.create(
        world.actor(world.supervisor), targets={TEST_PACK: {}}, team_ids=[world.team_b.id]
    )
    assert rows[0].team_name == "Team B"


def test_editing_and_cancelling_follow_the_same_scope(world):
    [row] = world.services.assignments.create(
        CLI, targets={TEST_PACK: TARGET}, team_ids=[world.team_b.id]
    )
    trainer = world.actor(world.trainer)
    with pytest.raises(PermissionDeniedError):
        world.services.assignments.cancel(trainer, row.id, "not mine")
    with pytest.raises(PermissionDeniedError):
        world.services.assignments.update(
            trainer, row.id, target=TARGET, due_on=None, min_practice=0, note=None
        )
    assert [o.assignment.id for o in world.services.assignments.for_trainer(trainer)] == []


def test_people_see_only_their_own_assignments(world):
    assign_team(world)
    tom = world.actor(world.teller)
    with pytest.raises(PermissionDeniedError):
        world.services.assignments.for_person(tom, world.other_teller.id)
    assert (
        len(world.services.assignments.for_person(world.actor(world.trainer), world.teller.id)) == 1
    )
    assert (
        len(world.services.assignments.for_person(world.actor(world.supervisor), world.teller.id))
        == 1
    )
    with pytest.raises(PermissionDeniedError):
        world.services.assignments.for_trainer(tom)
    with pytest.raises(PermissionDeniedError):
        world.services.assignments.roster(tom)


# -- completion from results -----------------------------------------------------------------


def test_completion_follows_the_results(world):
    assign_team(world)
    [item] = mine(world, world.teller)
    assert item.status is Status.NOT_STARTED
    assert item.progress.start_mode == "test"
    slow = take(world, world.teller, gap_ms=SLOW)
    [item] = mine(world, world.teller)
    assert item.status is Status.IN_PROGRESS
    assert slow.speed < 9000
    assert item.tally.best_speed == pytest.approx(slow.speed)
    assert item.progress.fraction == pytest.approx(item.tally.best_speed / 9000)
    assert item.progress.next_step.code == "reach_speed"
    good = take(world, world.teller, gap_ms=FAST)
    [item] = mine(world, world.teller)
    assert item.status is Status.DONE
    assert world.services.assignments.open_count(world.actor(world.teller)) == 0
    # Tess has done nothing: her copy of the team assignment is untouched.
    assert mine(world, world.other_teller)[0].status is Status.NOT_STARTED
    # A trainer invalidates the passing attempt: the assignment is open again.
    world.services.attempts.invalidate(world.actor(world.trainer), good.id, "typed by a colleague")
    [item] = mine(world, world.teller)
    assert item.status is Status.IN_PROGRESS
    assert world.services.assignments.open_count(world.actor(world.teller)) == 1


def test_a_stopped_test_never_moves_an_assignment(world):
    assign_team(world)
    stopped = take(world, world.teller, gap_ms=FAST // 4, complete=False)
    assert (stopped.completion, stopped.grade, stopped.counts) == ("incomplete", None, False)
    assert stopped.speed > 9000  # fast enough, had it been a whole test
    [item] = mine(world, world.teller)
    assert item.status is Status.NOT_STARTED
    assert world.services.assignments.open_count(world.actor(world.teller)) == 1


def test_results_before_the_assignment_do_not_count(world):
    take(world, world.teller, started_at=datetime.now(UTC) - timedelta(days=2))
    assign_team(world)
    assert mine(world, world.teller)[0].status is Status.NOT_STARTED


def test_minimum_practice_sessions(world):
    assign_team(world, {PRACTICE_PACK: {}}, min_practice=2)
    take(world, world.teller, PRACTICE_PACK)
    [item] = mine(world, world.teller)
    assert item.status is Status.IN_PROGRESS
    assert item.progress.next_step.params == {"left": 1, "done": 1, "required": 2}
    take(world, world.teller, PRACTICE_PACK)
    assert mine(world, world.teller)[0].status is Status.DONE


def test_overdue_by_date(world):
    due = date.today() + timedelta(days=1)
    assign_team(world, due_on=due)
    assert mine(world, world.teller, today=due)[0].status is Status.NOT_STARTED
    assert mine(world, world.teller, today=due + timedelta(days=1))[0].status is Status.OVERDUE
    overview = world.services.assignments.for_trainer(
        world.actor(world.trainer), today=due + timedelta(days=1)
    )
    assert overview[0].count(Status.OVERDUE) == 3  # Tess, Tia (also in team A) and Tom


def test_scenario_tier_from_a_stored_run(world):
    assign_team(world, {SCENARIO: {"mode": "test", "min_tier": "comfort"}})
    item = _item(world, SCENARIO)
    with world.services.db.writing() as session:
        for grade in ("satisfaction", "comfort"):
            session.add(
                Attempt(
                    person_id=world.teller.id,
                    content_item_id=item.id,
                    mode="test",
                    started_at=datetime.now(UTC),
                    duration_ms=60_000,
                    score=70.0,
                    grade=grade,
                    app_version="test",
                    workstation="test",
                )
            )
    assert mine(world, world.teller)[0].status is Status.DONE
    assert mine(world, world.teller)[0].tally.best_tier == 2


def test_sql_tally_matches_the_reference(world):
    assign_team(world, {TEST_PACK: TARGET})
    attempts = [take(world, world.teller, gap_ms=g) for g in (SLOW, FAST, 500, 380)]
    world.services.attempts.invalidate(world.actor(world.trainer), attempts[3].id, "check")
    history = world.services.attempts.history(CLI, world.teller.id)
    figures = [
        AttemptFigures(
            a.mode, a.started_at, a.speed, a.speed_unit, a.accuracy, a.score, a.grade, a.counts
        )
        for a in history
    ]
    [item] = mine(world, world.teller)
    assert item.tally == tally_attempts(Target.from_json(TARGET), figures)
    assert item.tally.meeting_target == 1
    assert item.tally.attempts == 3


# -- team membership -------------------------------------------------------------------------


def test_a_team_assignment_reaches_people_who_join_later(world):
    assign_team(world)
    newcomer = world.services.people.create_person(
        CLI,
        name="Nina New",
        employee_number="T9",
        pin="2468",
        roles=[Role.TELLER],
        team_id=world.team_a.id,
    )
    assert len(mine(world, newcomer)) == 1
    # ... and leaves people who move to another team.
    world.services.people.update_person(CLI, world.teller.id, team_id=world.team_b.id)
    assert mine(world, world.teller) == []


# -- editing and cancelling ------------------------------------------------------------------


def test_update_is_audited_with_what_changed_and_why(world):
    [row] = assign_team(world)
    due = date.today() + timedelta(days=14)
    updated = world.services.assignments.update(
        world.actor(world.trainer),
        row.id,
        target={**TARGET, "min_speed": 8000},
        due_on=due,
        min_practice=0,
        note="Lowered for the new starters",
        reason="new starters in the team",
    )
    assert updated.target.min_speed == 8000
    assert updated.due_on == due
    [entry] = world.services.audit.recent(CLI, action="assignment.update")
    assert entry.actor == "Tia Trainer (R1)"
    assert entry.detail["reason"] == "new starters in the team"
    assert entry.detail["changes"]["target"][0]["min_speed"] == 9000
    assert entry.detail["changes"]["target"][1]["min_speed"] == 8000
    assert entry.detail["changes"]["due_on"] == [None, due.isoformat()]
    assert set(entry.detail["changes"]) == {"target", "due_on", "note"}


def test_cancel_needs_a_reason_is_audited_and_hides_the_assignment(world):
    [row] = assign_team(world)
    trainer = world.actor(world.trainer)
    with pytest.raises(InvalidInputError):
        world.services.assignments.cancel(trainer, row.id, "  ")
    cancelled = world.services.assignments.cancel(trainer, row.id, "drill replaced")
    assert cancelled.cancelled_at is not None
    assert mine(world, world.teller) == []
    assert world.services.assignments.for_trainer(trainer) == []
    assert len(world.services.assignments.for_trainer(trainer, include_cancelled=True)) == 1
    [entry] = world.services.audit.recent(CLI, action="assignment.cancel")
    assert entry.detail == {"content_id": TEST_PACK, "reason": "drill replaced"}
    assert entry.actor == "Tia Trainer (R1)"
    with pytest.raises(InvalidInputError):
        world.services.assignments.cancel(trainer, row.id, "again")
    with pytest.raises(InvalidInputError):
        world.services.assignments.update(
            trainer, row.id, target=TARGET, due_on=None, min_practice=0, note=None
        )
    with pytest.raises(NotFoundError):
        world.services.assignments.cancel(trainer, uuid.uuid4(), "nothing")


# -- the trainer's views ---------------------------------------------------------------------


def test_for_trainer_counts_each_status_and_puts_overdue_first(world):
    soon = date.today() + timedelta(days=1)
    [late] = assign_team(world, {PRACTICE_PACK: {}}, due_on=soon)
    [fine] = assign_team(world, due_on=soon + timedelta(days=30))
    take(world, world.teller)  # Tom passes the test
    take(world, world.other_teller, gap_ms=SLOW)  # Tess tries
    overview = world.services.assignments.for_trainer(
        world.actor(world.trainer), today=soon + timedelta(days=2)
    )
    assert [o.assignment.id for o in overview] == [late.id, fine.id]
    test_row = overview[1]
    assert [(p.person_name, p.status) for p in test_row.people] == [
        ("Tess Teller", Status.IN_PROGRESS),
        ("Tia Trainer", Status.NOT_STARTED),
        ("Tom Teller", Status.DONE),
    ]
    assert overview[0].count(Status.OVERDUE) == 3
    counts = world.services.assignments.counts_by_person(
        world.actor(world.supervisor), today=soon + timedelta(days=2)
    )
    assert counts[world.teller.id][Status.DONE] == 1
    assert counts[world.teller.id][Status.OVERDUE] == 1


@pytest.mark.parametrize("services", ["sqlite", "postgresql"], indirect=True)
def test_counts_by_person_agree_with_the_trainer_view(world):
    """The dashboard's columns (ids only) count exactly the statuses ``for_trainer``
    shows, for every status, team and personal assignments, scope and cancellations."""
    soon = date.today() + timedelta(days=1)
    assign_team(world, {PRACTICE_PACK: {}}, due_on=soon)  # overdue for everyone
    assign_team(world, due_on=soon + timedelta(days=30))  # done / in progress / not started
    world.services.assignments.create(CLI, targets={TEST_PACK: {}}, team_ids=[world.team_b.id])
    world.services.assignments.create(
        CLI, targets={PRACTICE_PACK: {}}, person_ids=[world.other_teller.id]
    )
    [dropped] = world.services.assignments.create(
        CLI, targets={SCENARIO: {}}, person_ids=[world.teller.id]
    )
    world.services.assignments.cancel(CLI, dropped.id, "replaced")
    take(world, world.teller)
    take(world, world.other_teller, gap_ms=SLOW)
    take(world, world.other_teller, PRACTICE_PACK)
    today = soon + timedelta(days=2)
    seen = set()
    for who in (world.trainer, world.supervisor):
        actor = world.actor(who)
        expected: dict[uuid.UUID, dict[Status, int]] = {}
        for overview in world.services.assignments.for_trainer(actor, today):
            for item in overview.people:
                per = expected.setdefault(item.person_id, dict.fromkeys(Status, 0))
                per[item.status] += 1
        assert world.services.assignments.counts_by_person(actor, today) == expected
        seen |= {s for per in expected.values() for s, n in per.items() if n}
    assert seen == set(Status)


def _statuses_of_trainer_view(world, actor, today):
    """What ``for_trainer`` shows, counted per person: the reference for the columns."""
    expected: dict[uuid.UUID, dict[Status, int]] = {}
    for overview in world.services.assignments.for_trainer(actor, today):
        for item in overview.people:
            expected.setdefault(item.person_id, dict.fromkeys(Status, 0))[item.status] += 1
    return expected


def test_counts_by_person_on_edge_cases_at_several_dates(world):
    """The columns' edge cases, each at several ``today``s, for a team's trainer and the
    branch's supervisor: nothing assigned; overdue with no attempt; done after the due
    date (done, not overdue); an inactive person (counted nowhere); and two assignments
    where the same person has the same (empty) tally but not the same status, since the
    counts share one verdict per tally within an assignment, never across them."""
    trainer, supervisor = world.actor(world.trainer), world.actor(world.supervisor)
    day = date.today()
    for who in (trainer, supervisor):
        assert world.services.assignments.counts_by_person(who, day) == {}
    assign_team(world, {PRACTICE_PACK: {}}, due_on=day)
    assign_team(world, due_on=day + timedelta(days=30))
    world.services.assignments.create(CLI, targets={TEST_PACK: {}}, team_ids=[world.team_b.id])
    [gone] = world.services.assignments.create(
        CLI, targets={PRACTICE_PACK: {}}, person_ids=[world.other_teller.id]
    )
    take(world, world.teller, PRACTICE_PACK)  # done on the due date, judged after it too
    take(world, world.teller, gap_ms=SLOW)  # tried the test, under the target
    world.services.people.set_active(CLI, world.other_teller.id, False)
    for today in (day - timedelta(days=1), day, day + timedelta(days=5), day + timedelta(days=40)):
        for who in (trainer, supervisor):
            counts = world.services.assignments.counts_by_person(who, today)
            assert counts == _statuses_of_trainer_view(world, who, today)
            assert world.services.progress.assignment_counts(who, today) == counts
            assert world.other_teller.id not in counts
            reached = world.services.assignments.for_trainer(who, today)
            assert gone.id not in {o.assignment.id for o in reached}
        mine_now = world.services.assignments.counts_by_person(trainer, today)[world.teller.id]
        assert mine_now[Status.DONE] == 1
        late = today > day
        assert mine_now[Status.IN_PROGRESS] == (0 if today > day + timedelta(days=30) else 1)
        trainer_counts = world.services.assignments.counts_by_person(trainer, today)
        # Tia trains Team A and is in it: no attempt on either assignment
        tia = trainer_counts[world.trainer.id]
        assert tia[Status.OVERDUE] == int(late) + int(today > day + timedelta(days=30))
        assert tia[Status.NOT_STARTED] == 2 - tia[Status.OVERDUE]


@pytest.mark.parametrize("services", ["sqlite", "postgresql"], indirect=True)
def test_targets_of_one_shape_are_each_judged_by_their_own_thresholds(world):
    """The tally statement is built once per target shape and its thresholds bound per
    assignment: two speed targets either side of the teller's speed must each decide
    their own status."""
    met, missed = (
        assign_team(world, {TEST_PACK: {**TARGET, "min_speed": speed}})[0]
        for speed in (8000, 20000)
    )
    take(world, world.teller)  # about 9 000 net KPH, perfectly typed
    overviews = world.services.assignments.for_trainer(world.actor(world.trainer))
    status = {
        o.assignment.id: next(p.status for p in o.people if p.person_id == world.teller.id)
        for o in overviews
    }
    assert status[met.id] is Status.DONE
    assert status[missed.id] is Status.IN_PROGRESS
    counts = world.services.assignments.counts_by_person(world.actor(world.trainer))
    assert counts[world.teller.id][Status.DONE] == 1


def test_a_supervisor_reviews_the_whole_branch(world):
    assign_team(world)
    world.services.assignments.create(CLI, targets={TEST_PACK: {}}, team_ids=[world.team_b.id])
    supervisor = world.actor(world.supervisor)
    assert {o.assignment.team_name for o in world.services.assignments.for_trainer(supervisor)} == {
        "Team A",
        "Team B",
    }
    trainer_view = world.services.assignments.for_trainer(world.actor(world.trainer))
    assert [o.assignment.team_name for o in trainer_view] == ["Team A"]


def test_roster_lists_the_trainers_teams_with_last_practice(world):
    when = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    tenkey_attempt = take(world, world.other_teller, PRACTICE_PACK, started_at=when)
    roster = world.services.assignments.roster(world.actor(world.trainer))
    assert [t.name for t in roster] == ["Team A"]
    members = {m.name: m for m in roster[0].members}
    assert list(members) == ["Tess Teller", "Tia Trainer", "Tom Teller"]
    assert members["Tess Teller"].last_attempt_at == tenkey_attempt.started_at
    assert members["Tom Teller"].last_attempt_at is None
    world.services.attempts.invalidate(world.actor(world.trainer), tenkey_attempt.id, "test")
    roster = world.services.assignments.roster(world.actor(world.trainer))
    assert roster[0].members[0].last_attempt_at is None
    branch_roster = world.services.assignments.roster(world.actor(world.supervisor))
    assert [t.name for t in branch_roster] == ["Team A", "Team B"]


def test_open_count_for_the_command_line_is_zero(world):
    assign_team(world)
    assert world.services.assignments.open_count(CLI) == 0
    assert world.services.assignments.open_count(world.actor(world.teller)) == 1
    assert world.services.assignments.open_count(world.actor(world.outsider_teller)) == 0


# -- retake limits ----------------------------------------------------------------------------


def test_a_retake_limit_holds_for_every_session_and_counts_stopped_tests(world, tmp_path):
    from svctrainer.services.api import Services
    from svctrainer.services.drill_session import DrillSession
    from svctrainer.services.errors import RetakeLimitError

    assign_team(world, {TEST_PACK: {"mode": "test", "max_tests": 2, "per_days": 7}})
    teller = world.actor(world.teller)
    _, definition = world.services.content.load(CLI, _item(world, TEST_PACK).id)
    counter_1 = DrillSession(world.services, teller)
    assert counter_1.start_drill(definition, Mode.TEST).mode is Mode.TEST
    take(world, world.teller)
    take(world, world.teller, complete=False)  # stopped early: still a try
    allowance = world.services.assignments.test_allowance(teller, TEST_PACK)
    assert (allowance.limit, allowance.taken, allowance.allowed) == (2, 2, False)
    with pytest.raises(RetakeLimitError, match="taken this test 2 times in 7 days") as refused:
        counter_1.start_drill(definition, Mode.TEST)
    assert refused.value.code == "retake_limit_reached"
    assert (refused.value.taken, refused.value.per_days) == (2, 7)
    # Another workstation on the same database: the same answer.
    other = Services.open(
        world.services.db.url.render_as_string(hide_password=False), pin_cost=FAST_PIN_COST
    )
    try:
        with pytest.raises(RetakeLimitError):
            DrillSession(other, teller).start_drill(definition, Mode.TEST)
    finally:
        other.close()
    # A colleague is not limited by Tom's tries; a week later Tom may try again.
    assert world.services.assignments.test_allowance(
        world.actor(world.other_teller), TEST_PACK
    ).allowed
    later = datetime.now(UTC) + timedelta(days=7, minutes=1)
    assert world.services.assignments.test_allowance(teller, TEST_PACK, now=later).allowed


def test_a_retake_limit_needs_both_numbers(world):
    with pytest.raises(InvalidInputError, match="max_tests"):
        assign_team(world, {TEST_PACK: {"mode": "test", "max_tests": 3}})
    with pytest.raises(InvalidInputError, match="per_days"):
        assign_team(world, {TEST_PACK: {"mode": "test", "max_tests": 3, "per_days": 0}})


def test_a_scenario_test_retake_limit_holds_for_every_session(world):
    from svctrainer.core.scenarios.engine import ScenarioRun
    from svctrainer.services.api import Services
    from svctrainer.services.drill_session import DrillSession
    from svctrainer.services.errors import RetakeLimitError

    assign_team(
        world, {SCENARIO: {"mode": "test", "min_tier": "comfort", "max_tests": 2, "per_days": 7}}
    )
    teller = world.actor(world.teller)
    counter_1 = DrillSession(world.services, teller)
    allowance = counter_1.start_scenario(SCENARIO, Mode.TEST)
    assert (allowance.limit, allowance.taken) == (2, 0)
    record = _item(world, SCENARIO)
    _, scenario = world.services.content.load(CLI, record.id)
    for start in (1, 2):  # two tests, each abandoned after the first answer
        run = ScenarioRun(scenario, start * 10**12)
        run.choose(run.available_choices()[0].id, start * 10**12 + 3 * 10**9)
        world.services.attempts.record_scenario(
            teller, record.id, Mode.TEST, run.log, datetime.now(UTC) + timedelta(seconds=start)
        )
    with pytest.raises(RetakeLimitError, match="taken this test 2 times in 7 days"):
        counter_1.start_scenario(SCENARIO, Mode.TEST)
    assert counter_1.start_scenario(SCENARIO, Mode.PRACTICE).allowed  # practice is free
    other = Services.open(
        world.services.db.url.render_as_string(hide_password=False), pin_cost=FAST_PIN_COST
    )
    try:  # another workstation on the same database: the same answer
        with pytest.raises(RetakeLimitError):
            DrillSession(other, teller).start_scenario(SCENARIO, Mode.TEST)
    finally:
        other.close()
