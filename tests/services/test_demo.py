"""The demo branch: every shipped drill and scenario has history from real, replayable
runs, so a first-time user sees meaningful charts at once."""

from __future__ import annotations

import re
import shutil
import sqlite3
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from svctrainer.services.actor import Actor
from svctrainer.services.demo import shift_days_since
from svctrainer.services.demo_builder import create_demo_branch, generate_history
from svctrainer.services.demo_snapshot import read_manifest
from svctrainer.store.models import Attempt, ContentItem

CLI = Actor.command_line()


def _played_on() -> date | None:
    """The day this module plays the history as of: the shipped snapshot's day moved
    on by whole weeks (as a demo copy is), so the two histories can be compared."""
    manifest = read_manifest()
    if manifest is None:
        return None
    built_on = date.fromisoformat(manifest.built_on)
    return built_on + timedelta(days=shift_days_since(built_on))


@pytest.fixture(scope="module")
def demo(shipped_content_db, tmp_path_factory):
    """The demo history played here through the engines, as the snapshot's builder
    plays it (a minute of CPU): what the shipped snapshot must hold. It starts from the
    run's copy of the shipped content (``sync_bundled`` then finds it stored) instead of
    parsing every shipped scenario again."""
    from support import FAST_PIN_COST

    from svctrainer.services.api import Services

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    shutil.copyfile(shipped_content_db, path)
    services = Services.open(str(path), pin_cost=FAST_PIN_COST)
    services.content.sync_bundled()
    create_demo_branch(services.db, CLI, FAST_PIN_COST)
    stored = generate_history(services.db, today=_played_on())
    yield services, stored
    services.close()


def _history(path: Path, shift: timedelta = timedelta(0)) -> Counter[tuple[object, ...]]:
    """Every attempt by who, what, when and its figures and log (not its random id)."""
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute(
            "SELECT p.employee_number, c.content_id, c.content_hash, a.mode, a.started_at,"
            " a.duration_ms, a.speed, a.accuracy, a.score, a.grade, a.valid, a.completion,"
            " a.seed, e.encoding, e.data FROM attempt a JOIN person p ON p.id = a.person_id"
            " JOIN content_item c ON c.id = a.content_item_id"
            " JOIN attempt_event e ON e.attempt_id = a.id"
        ).fetchall()
    finally:
        connection.close()
    return Counter(
        (*row[:4], datetime.fromisoformat(str(row[4])) + shift, *row[5:]) for row in rows
    )


@pytest.mark.slow
def test_the_shipped_snapshot_holds_the_history_these_engines_play(demo, tmp_path):
    """The shipped demo snapshot holds exactly what the builder plays with this code:
    the same attempts, figures and keystroke logs (every draw is seeded), plus the demo
    contests' (one on the en packs, one on the zh). Fails when a change to the engines,
    the simulated trainee or the content changes the history, until it is rebuilt."""
    from svctrainer.services.demo_builder import DEMO_CONTEST_DRILLS, DEMO_CONTEST_DRILLS_ZH
    from svctrainer.services.demo_snapshot import unpack_snapshot

    services, _ = demo
    manifest = read_manifest()
    assert manifest is not None, "no shipped demo snapshot (assets/demo/)"
    shipped_file = tmp_path / "shipped.sqlite3"
    unpack_snapshot(manifest, shipped_file)
    built_on = date.fromisoformat(manifest.built_on)
    shipped = _history(shipped_file, timedelta(days=shift_days_since(built_on)))
    assert services.db.path is not None
    played = _history(services.db.path)
    rebuild = "rebuild it: .venv/bin/python packaging/demo_snapshot.py"
    assert played - shipped == Counter(), f"the shipped demo snapshot is stale: {rebuild}"
    extra = shipped - played  # the two contests' sittings only
    assert {row[1] for row in extra} == {*DEMO_CONTEST_DRILLS, *DEMO_CONTEST_DRILLS_ZH}, rebuild


@pytest.mark.slow
def test_every_drill_and_scenario_has_history_from_several_people(demo):
    services, stored = demo
    with services.db.reading() as session:
        rows = session.execute(
            select(
                ContentItem.content_id, ContentItem.kind, func.count(Attempt.person_id.distinct())
            )
            .join(Attempt, Attempt.content_item_id == ContentItem.id)
            .group_by(ContentItem.content_id, ContentItem.kind)
        ).all()
        total = session.scalar(select(func.count()).select_from(Attempt))
        shipped = set(session.scalars(select(ContentItem.content_id)))
    assert total == stored
    people = {content_id: n for content_id, _, n in rows}
    assert set(people) == shipped  # nothing shipped is left without history
    assert min(people.values()) >= 2
    assert {kind for _, kind, _ in rows} == {"drill", "scenario"}


@pytest.mark.slow
def test_demo_runs_rescore_to_their_stored_figures(demo):
    services, _ = demo
    with services.db.reading() as session:
        picks = session.scalars(
            select(Attempt.id)
            .join(ContentItem, Attempt.content_item_id == ContentItem.id)
            .where(ContentItem.kind.in_(["drill", "scenario"]))
            .order_by(Attempt.started_at)
            .limit(400)
        ).all()
    for attempt_id in picks[::40]:
        assert services.attempts.rescore(CLI, attempt_id).matches


@pytest.mark.slow
def test_demo_test_attempts_each_sat_their_own_form(demo):
    """A retake is a new form: no test pack with five or more test attempts repeats a seed."""
    services, _ = demo
    with services.db.reading() as session:
        rows = session.execute(
            select(ContentItem.content_id, Attempt.seed)
            .join(Attempt, Attempt.content_item_id == ContentItem.id)
            .where(ContentItem.kind == "drill", Attempt.mode == "test")
        ).all()
    seeds: dict[str, list[int]] = {}
    for content_id, seed in rows:
        seeds.setdefault(content_id, []).append(seed)
    checked = {cid: s for cid, s in seeds.items() if len(s) >= 5}
    assert len(checked) >= 10  # every shipped test pack, in both languages (but a few)
    for content_id, used in checked.items():
        assert None not in used
        assert len(set(used)) == len(used), content_id


@pytest.mark.slow
@pytest.mark.timeout(1800)  # some thousand replays: minutes on a busy machine
def test_every_demo_attempt_rescores_to_its_stored_figures(demo):
    """Each attempt's stored seed rebuilds its form: the replay of every log matches."""
    services, _ = demo
    with services.db.reading() as session:
        ids = session.scalars(select(Attempt.id).order_by(Attempt.started_at)).all()
    reports = services.attempts.rescore_many(CLI, ids)  # each as ``rescore``, read in bulk
    assert [r.attempt_id for r in reports] == ids
    mismatched = [r.attempt_id for r in reports if not r.matches]
    assert len(ids) > 500
    assert mismatched == []


@pytest.mark.slow
def test_demo_tellers_improve_over_their_baseline(demo):
    services, _ = demo
    with services.db.reading() as session:
        scenario_grades = session.execute(
            select(Attempt.grade, func.count())
            .join(ContentItem, Attempt.content_item_id == ContentItem.id)
            .where(ContentItem.kind == "scenario")
            .group_by(Attempt.grade)
        ).all()
    grades = dict(scenario_grades)
    assert set(grades) == {"not_met", "satisfaction", "comfort", "delight"}


@pytest.mark.slow
def test_demo_assignments_show_every_state_from_real_results(demo):
    from svctrainer.services.demo_builder import create_demo_assignments

    services, _ = demo
    made = create_demo_assignments(services.db)
    rows = services.assignments.for_trainer(CLI)
    states = Counter(str(p.progress.status) for r in rows for p in r.people)
    assert sum(states.values()) == made
    assert {"done", "overdue", "not_started"} <= set(states)


@pytest.mark.slow
def test_the_counter_procedure_drill_is_in_the_demo_history_and_charted(demo):
    """Issue 13: the procedure drill is played, graded and charted like every drill, in
    both languages (tests included, so baselines and gains exist)."""
    from svctrainer.core.drills.counter_procedure import COUNTER_PROCEDURE
    from svctrainer.services.progress_records import Metric

    services, _ = demo
    families = [
        f for f in services.progress.families(CLI) if f.drill_type == COUNTER_PROCEDURE.name
    ]
    # one family per language, plus the skill both languages form together ("")
    assert {f.language for f in families} == {"en", "zh", ""}
    with services.db.reading() as session:
        rows = session.execute(
            select(Attempt.person_id, Attempt.mode, Attempt.grade)
            .join(ContentItem, Attempt.content_item_id == ContentItem.id)
            .where(ContentItem.content_id.like("counter-procedure-%"))
        ).all()
    assert {mode for _, mode, _ in rows} == {"practice", "test"}
    assert any(grade for _, _, grade in rows)
    charted = 0
    for family in families:
        people = {p for p, _, _ in rows}
        for person_id in people:
            progress = services.progress.person_progress(CLI, person_id, family.key)
            speed = progress.metric(Metric.SPEED)
            if progress.attempts and speed is not None and speed.counted:
                assert progress.speed_unit == COUNTER_PROCEDURE.speed_unit
                assert all(p.speed > 0 for ps in speed.points.values() for p in ps)
                charted += 1
    assert charted >= 2


@pytest.mark.slow
def test_most_demo_practice_runs_are_complete_and_a_few_stopped_early(demo):
    """Practice charts are drawn from complete runs: most demo practice runs go past the
    pack's complete share, while a realistic few are stopped early and kept incomplete."""
    services, _ = demo
    with services.db.reading() as session:
        rows = session.execute(
            select(Attempt.completion, func.count())
            .join(ContentItem, Attempt.content_item_id == ContentItem.id)
            .where(ContentItem.kind == "drill", Attempt.mode == "practice")
            .group_by(Attempt.completion)
        ).all()
    counts = dict(rows)
    total = sum(counts.values())
    assert set(counts) == {"complete", "incomplete"}
    assert counts["complete"] >= 0.85 * total
    assert 0.02 * total <= counts["incomplete"] <= 0.15 * total


@pytest.mark.shipped_content
def test_the_demo_holds_a_finished_contest_in_each_language_everyone_sat(services):
    """A contest on the demo branch in each language (no history needed): closed, its
    results locked, every teller ranked on both drills of the one form; the Chinese
    contest is sat on the Chinese packs, so its drills' titles are Chinese."""
    from support import FAST_PIN_COST

    from svctrainer.core.contest.rules import ContestState
    from svctrainer.core.demo_branch import DEMO_PEOPLE
    from svctrainer.core.roles import Role
    from svctrainer.services.demo_builder import (
        DEMO_CONTESTS,
        create_demo_contest,
    )

    services.content.sync_bundled()
    create_demo_branch(services.db, CLI, FAST_PIN_COST)
    stored = create_demo_contest(services.db)
    tellers = [d for d in DEMO_PEOPLE if Role.TELLER in d.roles]
    assert stored == len(tellers) * sum(len(drills) for _, drills, _ in DEMO_CONTESTS)
    languages = set()
    for name, drills, _hour in DEMO_CONTESTS:
        results = services.contests.results(CLI, name)
        assert results.contest.state is ContestState.CLOSED
        assert results.locked
        overall = results.results.standings.overall
        assert len(overall) == len(tellers)
        assert overall[0].rank == 1
        assert overall[0].points > overall[-1].points
        for _spec, rows in results.results.standings.drills:
            assert any(r.rank == 1 for r in rows)
        [language] = {d.language for d in results.contest.drills}
        assert [d.content_id for d in results.contest.drills] == list(drills)
        if language == "zh":
            assert all(re.search(r"[\u4e00-\u9fff]", d.title) for d in results.contest.drills)
        languages.add(language)
    assert languages == {"en", "zh"}
