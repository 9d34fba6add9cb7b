"""ProgressService: SQL aggregates equal the pure analytics on the same data; scope by role."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from progress_support import (
    CASH_TEST,
    NOW,
    SCENARIO,
    TENKEY,
    TENKEY_PRACTICE,
    TENKEY_TEST,
    Row,
    add_rows,
    learning_history,
    open_world,
    points_of,
)
from support import typed_perfectly

from svctrainer.core.analytics.customer_time import SkillSpeeds, service_time, shared_queue_cut
from svctrainer.core.analytics.dashboard import PersonSeries, StallStatus, summarise
from svctrainer.core.analytics.key_heatmap import KeyStatsSample, key_heatmap
from svctrainer.core.analytics.progress import LevelStatus, baseline_gain
from svctrainer.core.analytics.rolling import rolling_median
from svctrainer.core.analytics.series import Metric
from svctrainer.core.analytics.trend import fit_trend
from svctrainer.core.packs.definition import Mode
from svctrainer.core.roles import Role
from svctrainer.services.actor import Actor
from svctrainer.services.drill_families import family_key
from svctrainer.services.errors import NotFoundError, PermissionDeniedError
from svctrainer.services.progress_records import DateRange, QueueSource
from svctrainer.store.models import Attempt

CLI = Actor.command_line()
FAMILY = (TENKEY_PRACTICE, TENKEY_TEST)


@pytest.fixture
def world(world_template, tmp_path):
    opened = open_world(world_template, tmp_path / "svctrainer.sqlite3")
    yield opened
    opened.services.close()


def _learners(world, count: int = 6) -> list:
    """``count`` tellers (half in team A, half in team B) with random histories."""
    people = []
    for n in range(count):
        team = world.team_a if n % 2 == 0 else world.team_b
        person = world.services.people.create_person(
            CLI, name=f"Learner {n}", employee_number=f"L{n}", pin="1357",
            roles=[Role.TELLER], team_id=team.id,
        )  # fmt: skip
        rows = learning_history(seed=n, attempts=20 + 15 * n, gain=0.1 * (n - 2))
        add_rows(world.services, person.id, rows)
        people.append(person)
    return people


def test_family_key_joins_practice_and_test_packs():
    assert family_key("tenkey-amounts-practice.en") == "tenkey-amounts.en"
    assert family_key("tenkey-amounts-test.zh") == "tenkey-amounts.zh"
    assert family_key("my-drill-test") == "my-drill"
    assert family_key("sample-queue-wait") == "sample-queue-wait"
    assert family_key("contest.en") == "contest.en"


def test_families_group_the_shipped_packs(world):
    families = {f.key: f for f in world.services.progress.families(world.actor(world.teller))}
    tenkey = families[TENKEY]
    assert tenkey.content_ids == (TENKEY_PRACTICE, TENKEY_TEST)
    assert tenkey.title == "Ten-key amounts"
    assert tenkey.drill_type == "tenkey"
    assert families[SCENARIO].is_scenario


def test_person_progress_equals_the_pure_figures(world):
    person = _learners(world, 1)[0]
    rows = learning_history(seed=42, attempts=150)
    add_rows(world.services, person.id, rows)
    points = points_of(world.services, person.id, FAMILY)
    chart = world.services.progress.person_progress(CLI, person.id, TENKEY)
    speed = chart.metric(Metric.SPEED)
    assert chart.speed_unit == "net_kph"
    assert chart.attempts == len(points)
    expected = baseline_gain(points, Metric.SPEED)
    assert speed.progress == expected
    assert speed.progress.baseline.status is LevelStatus.OK
    assert speed.gain == pytest.approx(expected.gain)
    assert speed.trend == fit_trend(points, Metric.SPEED)
    assert list(speed.rolling) == rolling_median(points, Metric.SPEED)
    shown = [p for mode in speed.points.values() for p in mode]
    assert sorted(shown, key=lambda p: (p.started_at, p.attempt_id)) == sorted(
        (p for p in points if p.valid), key=lambda p: (p.started_at, p.attempt_id)
    )
    assert {p.attempt_id for p in speed.excluded} == {p.attempt_id for p in points if not p.valid}
    accuracy = chart.metric(Metric.ACCURACY)
    assert accuracy.progress == baseline_gain(points, Metric.ACCURACY)


def test_person_progress_reads_each_person_and_window_in_turn(world):
    """Two people and every window shape (none, a start, an end, both), asked in turn:
    each answer holds that person's attempts in that window. ``person_rows`` builds
    its statement once per engine and window shape and binds the person, the drill's
    items and the bounds at each call: a value kept from an earlier call would show
    here as another person's or period's points."""
    people = _learners(world, 2)
    for person in people:
        points = points_of(world.services, person.id, FAMILY)
        times = sorted(p.started_at for p in points)
        start, end = times[len(times) // 4], times[3 * len(times) // 4]
        for window in (DateRange(), DateRange(start, None), DateRange(None, end),
                       DateRange(start, end)):  # fmt: skip
            chart = world.services.progress.person_progress(CLI, person.id, TENKEY, window)
            inside = [
                p for p in points
                if (window.since is None or p.started_at >= window.since)
                and (window.until is None or p.started_at < window.until)
            ]  # fmt: skip
            assert chart.attempts == len(inside) > 0
            speed = chart.metric(Metric.SPEED)
            assert list(speed.rolling) == rolling_median(inside, Metric.SPEED)
            assert {p.attempt_id for p in speed.excluded} == {
                p.attempt_id for p in inside if not p.valid
            }


def test_long_series_are_reduced_keeping_extremes(world):
    person = _learners(world, 1)[0]
    add_rows(world.services, person.id, learning_history(seed=3, attempts=400, test_every=50))
    chart = world.services.progress.person_progress(CLI, person.id, TENKEY, max_points=40)
    speed = chart.metric(Metric.SPEED)
    practice = speed.points["practice"]
    assert len(practice) <= 40
    assert speed.counted > speed.shown
    counted = [p for p in points_of(world.services, person.id, FAMILY) if p.valid]
    in_practice = [p.speed for p in counted if p.mode == "practice"]
    assert max(p.speed for p in practice) == max(in_practice)
    assert min(p.speed for p in practice) == min(in_practice)
    assert len(speed.rolling) <= 40


def _reference(world, people, now, window=None):
    series = []
    for p in people:
        points = points_of(world.services, p.id, FAMILY)
        if window is not None:
            points = [
                x for x in points
                if (window.since is None or x.started_at >= window.since)
                and (window.until is None or x.started_at < window.until)
            ]  # fmt: skip
        team = world.team_a.name if p.team_id == world.team_a.id else world.team_b.name
        series.append(PersonSeries(p.employee_number, team, points))
    return {s.person_key: s for s in summarise(series, now)}


def _assert_same(entry, expected):
    got = entry.summary
    assert got.progress == expected.progress, entry.person.employee_number
    assert got.stall.status is expected.stall.status, entry.person.employee_number
    assert got.stall.last_practice_at == expected.stall.last_practice_at
    assert got.stall.attempts_in_window == expected.stall.attempts_in_window
    if expected.stall.window_gain is None:
        assert got.stall.window_gain is None
    else:  # SQLite's epoch seconds are whole: sub-second differences over weeks
        assert got.stall.window_gain == pytest.approx(expected.stall.window_gain, rel=1e-4)


def test_dashboard_equals_the_pure_figures_for_everyone(world):
    people = _learners(world, 8)
    board = world.services.progress.dashboard(CLI, TENKEY, now=NOW)
    reference = _reference(world, people, NOW)
    by_number = {e.person.employee_number: e for e in board.entries}
    assert set(reference) <= set(by_number)
    for number, expected in reference.items():
        _assert_same(by_number[number], expected)
    statuses = {e.summary.stall.status for e in board.entries}
    assert StallStatus.IMPROVING in statuses


def test_dashboard_first_and_last_tests_with_ties_and_versions(world, tmp_path):
    """Ties at the 3rd test and a second version of the test pack: still exact."""
    source = world.services.content.versions(CLI, TENKEY_TEST)[0]
    assert source.version == 1
    copy = tmp_path / "tenkey-amounts-test.en.toml"
    copy.write_text(_source_text(world, source.id) + "\n# corrected\n", encoding="utf-8")
    world.services.content.import_files(CLI, [copy])
    assert [v.version for v in world.services.content.versions(CLI, TENKEY_TEST)] == [1, 2]
    person = _learners(world, 1)[0]
    t0 = NOW - timedelta(days=30)
    rows = []
    for n, speed in enumerate([100, 300, 200, 250, 150, 400, 500, 350, 120, 600]):
        at = t0 + timedelta(days=n // 2)  # pairs of tests share a timestamp
        rows.append(Row(TENKEY_TEST, "test", at, float(speed), version=1 + n % 2))
    add_rows(world.services, person.id, rows)
    board = world.services.progress.dashboard(CLI, TENKEY, now=NOW)
    entry = next(e for e in board.entries if e.person.id == person.id)
    expected = _reference(world, [person], NOW)[person.employee_number]
    _assert_same(entry, expected)
    assert entry.row.tests == expected.progress.tests


def _source_text(world, item_id):
    from svctrainer.store.models import ContentItem

    with world.services.db.reading() as session:
        return session.get(ContentItem, item_id).source_text


@pytest.mark.parametrize("n_tests", [0, 1, 2, 3, 4, 5, 6, 7])
def test_dashboard_with_few_tests(world, n_tests):
    person = _learners(world, 1)[0]
    with world.services.db.writing() as session:  # only the tests below
        session.query(Attempt).filter(Attempt.person_id == person.id).delete()
    t0 = NOW - timedelta(days=10)
    add_rows(
        world.services,
        person.id,
        [Row(TENKEY_TEST, "test", t0 + timedelta(hours=n), 100.0 + 7 * n) for n in range(n_tests)],
    )
    board = world.services.progress.dashboard(CLI, TENKEY, now=NOW)
    entry = next(e for e in board.entries if e.person.id == person.id)
    _assert_same(entry, _reference(world, [person], NOW)[person.employee_number])


def test_dashboard_date_range_and_team_filter(world):
    people = _learners(world, 6)
    window = DateRange(NOW - timedelta(days=60), NOW - timedelta(days=10))
    board = world.services.progress.dashboard(
        CLI, TENKEY, team_id=world.team_a.id, window=window, now=NOW
    )
    assert board.as_of == window.until
    in_a = [p for p in people if p.team_id == world.team_a.id]
    reference = _reference(world, in_a, window.until, window)
    numbers = {e.person.employee_number for e in board.entries}
    assert numbers >= set(reference)
    assert all(e.person.team_id == world.team_a.id for e in board.entries)
    for entry in board.entries:
        if entry.person.employee_number in reference:
            _assert_same(entry, reference[entry.person.employee_number])
    assert [t.team for t in board.teams] == [world.team_a.name]


def test_dashboard_rankings_and_teams(world):
    _learners(world, 8)
    board = world.services.progress.dashboard(CLI, TENKEY, now=NOW)
    gains = [e.summary.progress.gain for e in board.improved_most]
    assert gains == sorted(gains, reverse=True)
    assert all(g > 0 for g in gains)
    assert all(e.summary.stall.stalled for e in board.stalled)
    assert {t.team for t in board.teams} == {world.team_a.name, world.team_b.name}
    assert board.everyone.people == len(board.entries)
    assert board.entries[0].row.content_id == TENKEY


def test_dashboard_scope_by_role(world):
    _learners(world, 4)
    services = world.services
    with pytest.raises(PermissionDeniedError):
        services.progress.dashboard(world.actor(world.teller), TENKEY)
    with pytest.raises(PermissionDeniedError):
        services.progress.dashboard(world.actor(world.admin), TENKEY)
    trainer = services.progress.dashboard(world.actor(world.trainer), TENKEY)
    assert {e.person.team_id for e in trainer.entries} == {world.team_a.id}
    assert world.outsider_teller.id not in {e.person.id for e in trainer.entries}
    supervisor = services.progress.dashboard(world.actor(world.supervisor), TENKEY)
    ids = {e.person.id for e in supervisor.entries}
    assert {world.teller.id, world.other_teller.id, world.outsider_teller.id} <= ids
    assert len(supervisor.entries) > len(trainer.entries)


def test_person_views_scope(world):
    services = world.services
    add_rows(services, world.teller.id, learning_history(seed=1, attempts=12))
    own = services.progress.person_progress(world.actor(world.teller), world.teller.id, TENKEY)
    assert own.attempts == 12
    for call in (
        lambda a: services.progress.person_progress(a, world.other_teller.id, TENKEY),
        lambda a: services.progress.key_heatmap(a, world.other_teller.id, TENKEY),
        lambda a: services.progress.person_customer_time(a, world.other_teller.id),
        lambda a: services.progress.activity(a, world.other_teller.id),
    ):
        with pytest.raises(PermissionDeniedError):
            call(world.actor(world.teller))
        with pytest.raises(PermissionDeniedError):
            call(world.actor(world.admin))
        call(world.actor(world.trainer))  # Tess is in the trainer's team
        call(world.actor(world.supervisor))
    with pytest.raises(PermissionDeniedError):
        services.progress.person_progress(
            world.actor(world.trainer), world.outsider_teller.id, TENKEY
        )
    with pytest.raises(NotFoundError):
        services.progress.person_progress(CLI, world.teller.id, "no-such-drill")


def test_activity_lists_drills_most_recent_first(world):
    rows = learning_history(seed=9, attempts=10)
    rows.append(Row(SCENARIO, "practice", NOW, None, grade="comfort", speed_unit=None))
    add_rows(world.services, world.teller.id, rows)
    activity = world.services.progress.activity(CLI, world.teller.id)
    assert [a.family.key for a in activity] == [SCENARIO, TENKEY]
    assert activity[1].attempts == 10


def test_key_heatmap_equals_the_pure_heatmap(world):
    rows = learning_history(seed=5, attempts=40)
    add_rows(world.services, world.teller.id, rows)
    heat = world.services.progress.key_heatmap(CLI, world.teller.id, TENKEY).heatmap
    samples = [
        KeyStatsSample(
            r.started_at, r.details["details"]["key_stats"], r.valid and not r.invalidated
        )
        for r in rows
    ]
    assert heat == key_heatmap(samples)
    change = heat.change("7")
    assert change is not None
    assert change.latency_change_ms < 0  # the weak key improved


def test_scenario_progress_tiers_and_radar(world):
    t0 = NOW - timedelta(days=20)
    tiers = ["not_met", "satisfaction", "satisfaction", "comfort", "delight"]
    rows = [
        Row(SCENARIO, "practice", t0 + timedelta(days=3 * n), None, grade=tier,
            speed_unit=None, details={"servqual": {"empathy": n, "assurance": 2 * n}})
        for n, tier in enumerate(tiers)
    ]  # fmt: skip
    rows.append(Row(SCENARIO, "practice", NOW, None, grade="delight", speed_unit=None,
                    valid=False, details={"servqual": {"empathy": 9}}))  # fmt: skip
    add_rows(world.services, world.teller.id, rows)
    result = world.services.progress.scenario_progress(CLI, world.teller.id, SCENARIO)
    assert [t.code for t in result.tiers] == tiers
    assert sum(sum(w.counts) for w in result.weeks) == 5
    radar = result.radar
    assert radar.runs == 5
    empathy = radar.dimensions.index("empathy")
    assert (radar.first[empathy], radar.latest[empathy]) == (0.0, 4.0)


def test_customer_time_from_test_levels(world):
    tests = [5000.0, 5200.0, 5100.0, 6000.0, 6400.0, 6300.0]
    notes = [80.0, 82.0, 84.0, 100.0]
    t0 = NOW - timedelta(days=40)
    rows = [Row(TENKEY_TEST, "test", t0 + timedelta(days=n), s) for n, s in enumerate(tests)]
    rows += [
        Row(CASH_TEST, "test", t0 + timedelta(days=n), s, speed_unit="notes_per_min")
        for n, s in enumerate(notes)
    ]
    add_rows(world.services, world.teller.id, rows)
    result = world.services.progress.person_customer_time(CLI, world.teller.id)
    levels = result.levels
    assert (levels.kph_before, levels.kph_after) == (5100.0, 6300.0)
    assert (levels.notes_before, levels.notes_after) == (82.0, 100.0)
    assert levels.keying_family == TENKEY
    assert not levels.counting_by_hand
    setting = result.setting
    expected = service_time(
        setting.mix, SkillSpeeds(5100.0, 82.0), SkillSpeeds(6300.0, 100.0),
        setting.assumptions.transfer,
    )  # fmt: skip
    assert result.saving == expected
    assert result.saving.seconds_saved_per_transaction > 0
    assert result.customers_per_day == pytest.approx(65)  # 3 tellers: 65 of 250 each
    assert result.service_minutes_per_day == pytest.approx(
        65 * expected.seconds_saved_per_transaction / 60
    )
    # The person's share of the branch's shared queue: 65 of the day's 250 customers.
    effect = result.effect
    assert effect.basis.source is QueueSource.ASSUMED
    assert effect.cut == shared_queue_cut([expected.seconds_saved_per_transaction], 65, 250, 3)
    assert effect.customer_minutes_saved > effect.service_minutes_saved > 0
    team = world.services.progress.team_customer_time(CLI, world.team_a.id)
    assert team.people == 1
    assert team.members[0].saving == expected
    assert team.effect.day == effect.day
    assert [name for name, _ in team.by_team] == ["Team A"]


def test_hand_counts_measure_counting_where_they_exist(world):
    """Four logged hand counts (3 for the baseline, 1 later) take the place of the
    on-screen drill's tests for counting, with the hand-count transfer factor."""
    services = world.services
    add_rows(services, world.teller.id, [
        Row(CASH_TEST, "test", NOW - timedelta(days=30 - n), s, speed_unit="notes_per_min")
        for n, s in enumerate([60.0, 62.0, 61.0, 90.0])
    ])  # fmt: skip
    trainer = world.actor(world.trainer)
    for n, notes in enumerate([450, 480, 465, 600]):
        services.hand_count.record(
            trainer, world.teller.id, (NOW - timedelta(days=20 - n)).date(), minutes=3,
            notes_counted=notes, defects_found=0, banding_penalties=0,
        )  # fmt: skip
    result = services.progress.person_customer_time(CLI, world.teller.id)
    levels = result.levels
    assert levels.counting_by_hand
    assert levels.counting_family == "hand-count"
    assert (levels.notes_before, levels.notes_after) == (155.0, 200.0)  # 465 / 3, 600 / 3
    assert result.saving.counting_by_hand


def test_needs_checking_flags_a_tampered_result(world):
    services = world.services
    actor = world.actor(world.other_teller)
    record = next(r for r in services.content.latest(actor) if r.content_id == TENKEY_PRACTICE)
    _, definition = services.content.load(actor, record.id)
    for seed in (7, 11):
        second = services.attempts.record_drill(
            actor, record.id, mode=Mode.PRACTICE, seed=seed,
            events=typed_perfectly(definition, Mode.PRACTICE, seed=seed, items=4),
            started_at=NOW - timedelta(minutes=seed),
        )  # fmt: skip
    clean = services.progress.needs_checking(world.actor(world.supervisor))
    assert clean.checked == 2
    assert clean.mismatches == ()
    with services.db.writing() as session:  # what an edit of the database file would do
        session.get(Attempt, second.id).speed = second.speed * 1.5
    sweep = services.progress.needs_checking(world.actor(world.supervisor))
    assert [m.attempt_id for m in sweep.mismatches] == [second.id]
    mismatch = sweep.mismatches[0]
    assert mismatch.differences["speed"] == (second.speed * 1.5, second.speed)
    assert mismatch.person.employee_number == world.other_teller.employee_number
    outsider = services.progress.needs_checking(world.actor(world.trainer), limit=10)
    assert outsider.checked == 2  # Tess is in the trainer's team
    with pytest.raises(PermissionDeniedError):
        services.progress.needs_checking(world.actor(world.teller))


def test_random_histories_many_seeds(world):
    """A wider net: many small random learners, every figure against the reference."""
    rng = random.Random(7)
    people = []
    for n in range(12):
        person = world.services.people.create_person(
            CLI, name=f"R{n}", employee_number=f"R{n:02d}", pin="1357",
            roles=[Role.TELLER], team_id=world.team_a.id,
        )  # fmt: skip
        rows = learning_history(
            seed=100 + n,
            attempts=rng.randint(0, 50),
            test_every=rng.randint(1, 6),
            span_days=rng.choice([3.0, 20.0, 90.0]),
            start=NOW - timedelta(days=rng.choice([5, 30, 100])),
        )
        add_rows(world.services, person.id, rows)
        people.append(person)
    board = world.services.progress.dashboard(CLI, TENKEY, now=NOW)
    by_id = {e.person.id: e for e in board.entries}
    reference = _reference(world, people, NOW)
    for person in people:
        _assert_same(by_id[person.id], reference[person.employee_number])


def test_unknown_family_is_not_found(world):
    with pytest.raises(NotFoundError):
        world.services.progress.dashboard(CLI, "nope")


def test_a_stopped_test_never_moves_a_chart_a_baseline_or_the_latest(world):
    services = world.services
    actor = world.actor(world.other_teller)
    record = next(r for r in services.content.latest(actor) if r.content_id == TENKEY_TEST)
    _, definition = services.content.load(actor, record.id)
    seed = 20261206  # every attempt draws its own form; this test picks one for both
    whole = services.attempts.record_drill(
        actor, record.id, mode=Mode.TEST, seed=seed, started_at=NOW - timedelta(hours=2),
        events=typed_perfectly(definition, Mode.TEST, seed=seed, gap_ms=400),
    )  # fmt: skip
    stopped = services.attempts.record_drill(
        actor, record.id, mode=Mode.TEST, seed=seed, started_at=NOW - timedelta(hours=1),
        events=typed_perfectly(definition, Mode.TEST, seed=seed, items=5, gap_ms=60,
                               complete=False),
    )  # fmt: skip
    assert stopped.speed > 3 * whole.speed  # what used to squash the axis
    assert (stopped.completion, stopped.grade) == ("incomplete", None)
    chart = services.progress.person_progress(CLI, world.other_teller.id, TENKEY)
    speed = chart.metric(Metric.SPEED)
    shown = {p.attempt_id for mode in speed.points.values() for p in mode}
    assert shown == {str(whole.id)}
    assert {p.attempt_id for p in speed.excluded} == {str(stopped.id)}
    assert speed.progress.tests == 1  # one test toward the baseline, not two
    comparison = services.attempts.compare(actor, stopped)
    assert comparison.best.id == whole.id


def test_english_and_chinese_packs_of_a_skill_compare_on_one_family(world):
    """A mixed branch: one teller tests on the English ten-key pack, another on the
    Chinese one; the skill family ranks both on one dashboard, each exactly as their own
    language's family does."""
    from dataclasses import replace

    families = {f.key: f for f in world.services.progress.families(world.actor(world.teller))}
    skill = families["tenkey-amounts"]
    assert skill.language == ""
    assert set(skill.content_ids) == {
        TENKEY_PRACTICE,
        TENKEY_TEST,
        "tenkey-amounts-practice.zh",
        "tenkey-amounts-test.zh",
    }
    assert set(skill.item_ids) == set(families[TENKEY].item_ids) | set(
        families["tenkey-amounts.zh"].item_ids
    )
    english, chinese = (
        world.services.people.create_person(
            CLI, name=name, employee_number=number, pin="1357", roles=[Role.TELLER],
            team_id=world.team_a.id,
        )
        for name, number in (("Amy English", "E1"), ("Wang Fang", "Z1"))
    )  # fmt: skip
    add_rows(world.services, english.id, learning_history(seed=1, attempts=40))
    zh_rows = [
        replace(r, content_id=r.content_id.replace(".en", ".zh"))
        for r in learning_history(seed=2, attempts=40)
    ]
    add_rows(world.services, chinese.id, zh_rows)
    board = world.services.progress.dashboard(CLI, "tenkey-amounts", now=NOW)
    by_id = {e.person.id: e for e in board.entries}
    for person, own_family in ((english, TENKEY), (chinese, "tenkey-amounts.zh")):
        own = world.services.progress.dashboard(CLI, own_family, now=NOW)
        expected = next(e for e in own.entries if e.person.id == person.id)
        assert by_id[person.id].summary.progress.gain is not None
        assert by_id[person.id].summary == expected.summary


def test_one_persons_levels_equal_the_branch_rule(world):
    """``skill_levels`` for one person (one query) gives what the branch's rule (first
    and last tests per family, the family with the most tests) gives for them: ten-key
    and data entry both measure keying, the one with more tests wins, ties to the
    first; invalid, invalidated and out-of-range tests never count."""
    from sqlalchemy import select

    from svctrainer.services.customer_time import skill_levels
    from svctrainer.store.models import Person

    t0 = NOW - timedelta(days=60)
    rng = random.Random(17)
    rows = [
        Row(TENKEY_TEST, "test", t0 + timedelta(days=n), rng.uniform(4000, 9000)) for n in range(7)
    ]
    rows += [
        Row("data-entry-test.en", "test", t0 + timedelta(days=n, hours=3),
            rng.uniform(100, 250), speed_unit="cpm")
        for n in range(9)
    ]  # fmt: skip
    rows += [
        Row(CASH_TEST, "test", t0 + timedelta(days=n, hours=5), rng.uniform(60, 120),
            speed_unit="notes_per_min", valid=n != 2, invalidated="slip" if n == 4 else None)
        for n in range(6)
    ]  # fmt: skip
    add_rows(world.services, world.teller.id, rows)
    windows = [DateRange(), DateRange(t0 + timedelta(days=3), NOW), DateRange(NOW, None)]
    with world.services.db.reading() as session:
        for window in windows:
            one = skill_levels(session, [world.teller.id], window)
            scope = select(Person.id).where(Person.id == world.teller.id)
            branch = skill_levels(session, [world.teller.id], window, scope)
            assert one == branch
    with world.services.db.reading() as session:
        levels = skill_levels(session, [world.teller.id], DateRange())[world.teller.id]
    assert levels.keying_family == "data-entry.en"  # 9 tests against 7
    assert levels.counting_family == "cash-counting.en"
    counted = [r.speed for n, r in enumerate(rows[16:]) if n not in (2, 4)]
    assert levels.notes_before == pytest.approx(sorted(counted[:3])[1])
