"""The supervisor's landing view (``ProgressService.branch_summary``): each core skill's
median gain, people tested, stalled and not started, computed from the stored attempts
on real SQLite and checked against the pure analytics on the same rows."""

from __future__ import annotations

import statistics
from dataclasses import replace
from datetime import timedelta

import pytest
from progress_support import (
    NOW,
    TENKEY_PRACTICE,
    TENKEY_TEST,
    add_rows,
    learning_history,
    open_world,
    points_of,
)
from sqlalchemy import update
from summary_support import assert_current, assert_figures_as_from_attempts

from svctrainer.core.analytics.dashboard import StallStatus, stall_check
from svctrainer.core.analytics.progress import baseline_gain
from svctrainer.core.analytics.series import Metric
from svctrainer.services.actor import Actor
from svctrainer.services.errors import PermissionDeniedError
from svctrainer.store.models import Attempt

pytestmark = pytest.mark.shipped_content

CLI = Actor.command_line()
ZH = {TENKEY_PRACTICE: "tenkey-amounts-practice.zh", TENKEY_TEST: "tenkey-amounts-test.zh"}
BOTH = (TENKEY_PRACTICE, TENKEY_TEST, *ZH.values())


@pytest.fixture
def world(world_template, tmp_path):
    opened = open_world(world_template, tmp_path / "svctrainer.sqlite3")
    yield opened
    opened.services.close()


def _in_chinese(rows):
    return [replace(r, content_id=ZH[r.content_id]) for r in rows]


@pytest.fixture
def mixed(world):
    """Tess keys the English ten-key pack, Tom the Chinese one (both in team A); Olga
    (team B) practised months ago and stopped; nobody touched anything else."""
    add_rows(world.services, world.teller.id, learning_history(seed=1, gain=0.4))
    add_rows(world.services, world.other_teller.id, _in_chinese(learning_history(seed=2, gain=0.1)))
    old = learning_history(seed=3, start=NOW - timedelta(days=200), span_days=100, gain=0.3)
    add_rows(world.services, world.outsider_teller.id, old)
    return world


def _line(summary, key):
    return next(s for s in summary.skills if s.family.key == key)


def test_the_en_and_zh_packs_are_one_skill_and_only_skills_with_tests_are_listed(mixed):
    summary = mixed.services.progress.branch_summary(CLI, now=NOW)
    keys = [s.family.key for s in summary.skills]
    assert "tenkey-amounts" in keys
    assert not {"tenkey-amounts.en", "tenkey-amounts.zh"} & set(keys)
    assert "cash-counting" in keys  # no attempt yet, but it has a test pack
    assert not any("euro" in k or "sterling" in k for k in keys)  # practice-only variants
    assert all(not s.family.is_scenario for s in summary.skills)
    families = {f.key: f for f in mixed.services.progress.families(CLI)}
    assert families["making-change.zh"].title == "找零"  # not "找零 — 练习"
    assert families["making-change"].title == "Making change / 找零"
    assert keys == [
        s.family.key for s in sorted(summary.skills, key=lambda s: (s.family.title, s.family.key))
    ]


def test_figures_equal_the_pure_analytics_on_the_stored_attempts(mixed):
    world = mixed
    summary = world.services.progress.branch_summary(CLI, now=NOW)
    tenkey = _line(summary, "tenkey-amounts")
    people = (world.teller, world.other_teller, world.outsider_teller)
    points = {p.id: points_of(world.services, p.id, BOTH) for p in people}
    gains = [baseline_gain(points[p.id], Metric.SPEED).gain for p in people]
    assert all(g is not None for g in gains)
    assert tenkey.median_gain == pytest.approx(statistics.median(gains))
    assert tenkey.gain_unit == "percent"
    assert tenkey.tested == 3
    assert tenkey.with_gain == 3
    assert tenkey.improved == sum(1 for g in gains if g > 0)
    states = [stall_check(points[p.id], NOW).status for p in people]
    assert states[2] is StallStatus.NO_PRACTICE  # Olga: no practice for 100 days
    assert tenkey.idle == states.count(StallStatus.NO_PRACTICE)
    assert tenkey.no_progress == states.count(StallStatus.NO_GAIN)
    everyone = tenkey.people
    assert tenkey.not_started == everyone - 3  # in scope, never practised ten-key
    cash = _line(summary, "cash-counting")
    assert (cash.tested, cash.idle, cash.no_progress, cash.median_gain) == (0, 0, 0, None)
    assert cash.not_started == cash.people  # untouched: not started, never "stalled"


def test_an_incomplete_test_never_moves_the_figures(mixed):
    world = mixed

    def tenkey():  # team A: Tess and Tom, so Tess's gain moves the median
        summary = world.services.progress.branch_summary(CLI, team_id=world.team_a.id, now=NOW)
        return _line(summary, "tenkey-amounts")

    before = tenkey()
    [stopped] = add_rows(
        world.services,
        world.teller.id,
        [replace(learning_history(seed=9, attempts=1)[0], mode="test", content_id=TENKEY_TEST,
                 started_at=NOW - timedelta(hours=1), speed=99_999.0, valid=True,
                 invalidated=None)],
    )  # fmt: skip
    with world.services.db.writing() as session:
        session.execute(
            update(Attempt).where(Attempt.id == stopped).values(completion="incomplete")
        )
    after = tenkey()
    assert after == before
    with world.services.db.writing() as session:
        session.execute(update(Attempt).where(Attempt.id == stopped).values(completion="complete"))
    counted = tenkey()
    assert counted.median_gain != before.median_gain  # the same row, complete, does count


def test_scope_follows_the_caller_and_tellers_are_refused(mixed):
    world = mixed
    trainer = world.services.progress.branch_summary(world.actor(world.trainer), now=NOW)
    tenkey = _line(trainer, "tenkey-amounts")
    assert tenkey.tested == 2  # team A only: Tess and Tom
    team_b = world.services.progress.branch_summary(CLI, team_id=world.team_b.id, now=NOW)
    assert _line(team_b, "tenkey-amounts").tested == 1
    with pytest.raises(PermissionDeniedError):
        world.services.progress.branch_summary(world.actor(world.teller))


def test_figures_from_the_progress_summary_equal_those_from_the_attempts(mixed):
    """Over the whole history the services read the progress summary; every line and
    every skill's dashboard is what the attempts give (issue 17: nothing shown changes)."""
    assert_figures_as_from_attempts(mixed.services, CLI, NOW)
    assert_current(mixed.services.db)


def test_the_idle_days_end_at_the_same_microsecond_as_on_the_skills_dashboard(mixed):
    """A line counts someone idle exactly when their row on the skill's dashboard says
    "no practice": their latest attempt more than the idle days before ``now``, to the
    microsecond (the line compares whole microseconds, the dashboard datetimes)."""
    progress = mixed.services.progress
    board = progress.dashboard(CLI, "tenkey-amounts", now=NOW)
    tess = next(e for e in board.entries if e.person.id == mixed.teller.id)
    latest = tess.summary.stall.last_practice_at
    assert latest is not None
    idle = timedelta(days=14)
    judged = []
    for now in (latest + idle, latest + idle + timedelta(microseconds=1)):
        line = _line(progress.branch_summary(CLI, now=now), "tenkey-amounts")
        board = progress.dashboard(CLI, "tenkey-amounts", now=now)
        statuses = {e.person.id: e.summary.stall.status for e in board.entries}
        assert line.idle == sum(s is StallStatus.NO_PRACTICE for s in statuses.values())
        assert line.no_progress == sum(s is StallStatus.NO_GAIN for s in statuses.values())
        judged.append(statuses[mixed.teller.id])
    assert judged[0] is not StallStatus.NO_PRACTICE  # exactly the idle days: still judged
    assert judged[1] is StallStatus.NO_PRACTICE
