"""Attempts are scored by the service from their event log, and a rescore must agree."""

import sqlite3
from datetime import UTC, datetime

import pytest
from support import typed_perfectly

from svctrainer.core.keystrokes import KeyEvent
from svctrainer.core.packs.definition import Mode
from svctrainer.services.actor import Actor
from svctrainer.services.errors import PermissionDeniedError
from svctrainer.store.models import AttemptEvent

pytestmark = pytest.mark.shipped_content  # each test syncs it: start with it stored
CLI = Actor.command_line()


def test_figures_come_from_the_log_not_the_caller(branch, tenkey_attempt):
    a = tenkey_attempt
    assert a.person_name == "Tess Teller"
    assert a.valid
    assert a.accuracy == 1.0
    assert a.details["definition_id"] == "tenkey-amounts-practice.en"
    assert a.details["details"]["items_done"] > 4  # typed on to the end of its time
    assert (a.completion, a.counts) == ("complete", True)
    with branch.services.db.reading() as session:
        log = session.get(AttemptEvent, a.id)
    assert log.event_count == len(branch.services.attempts.events(CLI, a.id))
    assert branch.services.attempts.rescore(CLI, a.id).matches


def test_a_tampered_result_no_longer_matches_its_log(branch, tenkey_attempt, db_path):
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE attempt SET speed = speed * 2 WHERE id = ?", (tenkey_attempt.id.hex,))
    conn.close()
    report = branch.services.attempts.rescore(CLI, tenkey_attempt.id)
    assert not report.matches
    assert report.recomputed["speed"] * 2 == pytest.approx(report.stored["speed"])


def test_too_short_attempts_are_stored_but_not_counted(branch):
    svc = branch.services
    svc.content.sync_bundled()
    actor = branch.actor(branch.teller)
    record = next(
        r for r in svc.content.latest(actor) if r.content_id == "tenkey-amounts-practice.en"
    )
    events = [KeyEvent(1_000_000_000 + i * 100_000_000, "1", "1") for i in range(5)]
    stored = svc.attempts.record_drill(
        actor, record.id, mode=Mode.PRACTICE, seed=1, events=events, started_at=datetime.now(UTC)
    )
    assert not stored.valid
    assert not stored.counts
    assert stored.details["invalid_reason"] == "active_time_under_1s"


def test_scope_of_reading_results(branch, tenkey_attempt):
    svc = branch.services
    assert svc.attempts.get(branch.actor(branch.other_teller), tenkey_attempt.id)  # her own
    assert svc.attempts.get(branch.actor(branch.trainer), tenkey_attempt.id)  # her team's trainer
    assert svc.attempts.get(branch.actor(branch.supervisor), tenkey_attempt.id)  # the branch
    for outsider in (branch.teller, branch.outsider_teller, branch.admin):
        with pytest.raises(PermissionDeniedError):
            svc.attempts.get(branch.actor(outsider), tenkey_attempt.id)


def test_invalidation_is_audited_and_never_by_oneself(branch, tenkey_attempt):
    svc = branch.services
    with pytest.raises(PermissionDeniedError):
        svc.attempts.invalidate(branch.actor(branch.other_teller), tenkey_attempt.id, "mine")
    record = svc.attempts.invalidate(
        branch.actor(branch.trainer), tenkey_attempt.id, "keys held down"
    )
    assert record.invalidated_reason == "keys held down"
    assert not record.counts
    entry = svc.audit.recent(CLI)[0]
    assert (entry.action, entry.detail["reason"], entry.actor) == (
        "attempt.invalidate",
        "keys held down",
        "Tia Trainer (R1)",
    )


def test_previous_and_best_for_the_result_screen(branch, tenkey_attempt):
    svc = branch.services
    actor = branch.actor(branch.other_teller)
    _, definition = svc.content.load(actor, tenkey_attempt.content_item_id)
    faster = svc.attempts.record_drill(
        actor,
        tenkey_attempt.content_item_id,
        mode=Mode.PRACTICE,
        seed=9,
        events=typed_perfectly(definition, Mode.PRACTICE, 9, items=4, gap_ms=120),
        started_at=datetime(2026, 11, 21, 9, 0, tzinfo=UTC),
    )
    assert faster.speed > tenkey_attempt.speed
    comparison = svc.attempts.compare(actor, faster)
    assert comparison.previous.id == tenkey_attempt.id
    assert comparison.best.id == faster.id  # the best includes the attempt just finished
