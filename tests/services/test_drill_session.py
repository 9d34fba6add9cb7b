"""``DrillSession``: one attempt, drill or scenario, from start to a stored result, on a
real SQLite database — start (adaptive practice from replayed history), checkpoint,
save with its comparison, and a refused save kept in a file that imports later."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from support import typed_perfectly

from svctrainer.core.drills.registry import start_run
from svctrainer.core.drills.tenkey import TenKeyRun
from svctrainer.core.keystrokes import KeyEvent
from svctrainer.core.packs.definition import Mode
from svctrainer.core.scenarios.engine import ScenarioRun
from svctrainer.services.actor import Actor
from svctrainer.services.drill_session import (
    DrillOutcome,
    DrillSession,
    PendingDrill,
    PendingScenario,
    ScenarioOutcome,
)
from svctrainer.services.errors import PermissionDeniedError
from svctrainer.services.saved_attempts import IMPORTED
from svctrainer.store.errors import StorageFullError

pytestmark = pytest.mark.shipped_content  # each test stores the shipped content first

CLI = Actor.command_line()
WHEN = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
S = 1_000_000_000


def _latest(branch, content_id):
    branch.services.content.sync_bundled()
    record = next(r for r in branch.services.content.latest(CLI) if r.content_id == content_id)
    _, loaded = branch.services.content.load(CLI, record.id)
    return record, loaded


def _typed_run(definition, mode, seed, items):
    """A run fed with a perfect typist's events (the log ``typed_perfectly`` makes)."""
    run = start_run(definition, mode, seed=seed)
    for event in typed_perfectly(definition, mode, seed, items=items):
        run.feed(event)
    return run


@pytest.fixture
def session(branch):
    return DrillSession(branch.services, branch.actor(branch.teller))


def test_a_saved_drill_is_stored_scored_from_its_log_and_compared(branch, session):
    record, definition = _latest(branch, "tenkey-amounts-test.en")
    first = session.save(PendingDrill.of(record, _typed_run(definition, Mode.TEST, 3, 4), WHEN))
    second = session.save(
        PendingDrill.of(record, _typed_run(definition, Mode.TEST, 3, 6), WHEN.replace(hour=10))
    )
    assert isinstance(second, DrillOutcome)
    assert second.attempt.person_id == branch.teller.id
    assert second.attempt.details["details"]["items_done"] > 6  # typed to the end
    assert second.comparison.previous == first.attempt
    actor = branch.actor(branch.teller)
    stored = branch.services.attempts.history(actor, branch.teller.id)
    assert [a.id for a in stored] == [second.attempt.id, first.attempt.id]
    assert branch.services.attempts.rescore(actor, second.attempt.id).matches


def test_a_checkpoint_is_the_persons_draft_until_the_attempt_is_saved(branch, session):
    record, definition = _latest(branch, "tenkey-amounts-practice.en")
    run = _typed_run(definition, Mode.PRACTICE, 5, 2)
    session.checkpoint(PendingDrill.of(record, run, WHEN))
    actor = branch.actor(branch.teller)
    [draft] = branch.services.drafts.mine(actor)
    assert (draft.content_item_id, draft.event_count) == (record.id, len(run.events))
    session.save(PendingDrill.of(record, run, WHEN))
    assert branch.services.drafts.mine(actor) == []


def test_a_refused_drill_is_kept_in_a_file_that_imports_later(
    branch, session, monkeypatch, tmp_path
):
    record, definition = _latest(branch, "tenkey-amounts-test.en")
    pending = PendingDrill.of(record, _typed_run(definition, Mode.TEST, 9, 5), WHEN)

    def full(*_args, **_kwargs):
        raise StorageFullError("the disk holding svctrainer.sqlite3 is full")

    recording = branch.services.attempts.record_drill
    monkeypatch.setattr(branch.services.attempts, "record_drill", full)
    with pytest.raises(StorageFullError):
        session.save(pending)
    kept = tmp_path / "kept.json"
    session.keep(pending, kept)
    payload = json.loads(kept.read_text(encoding="utf-8"))
    assert payload["kind"] == "drill"
    assert payload["mac"]["algorithm"] == "HMAC-SHA256"  # signed with the branch key
    # (not monkeypatch.undo(): that would also drop this test's own home, branch key included)
    monkeypatch.setattr(branch.services.attempts, "record_drill", recording)
    actor = branch.actor(branch.teller)
    assert branch.services.attempts.history(actor, branch.teller.id) == []
    outcome = branch.services.saved_attempts.import_file(CLI, kept.read_bytes(), str(kept))
    assert outcome.status == IMPORTED
    [stored] = branch.services.attempts.history(actor, branch.teller.id)
    assert str(stored.id) == payload["attempt_id"]  # the id minted when it was kept
    assert stored.details["details"]["items_done"] > 5  # typed to the end
    assert branch.services.attempts.rescore(actor, stored.id).matches


def test_a_scenario_goes_the_same_way(branch, session, tmp_path):
    record, scenario = _latest(branch, "sample-queue-wait.en")
    run = ScenarioRun(scenario, 100 * S)
    t = 102 * S
    for choice_id in ("acknowledge", "verify_id", "check_id", "count_twice", "batch_explain",
                      "offer_payroll", "set_up_now"):  # fmt: skip
        run.choose(choice_id, t)
        t += 4 * S
    pending = PendingScenario.of(record, scenario, Mode.PRACTICE, run, WHEN)
    outcome = session.save(pending)
    assert isinstance(outcome, ScenarioOutcome)
    assert outcome.attempt.kind == "scenario"
    assert len(outcome.steps) == len(run.log)
    assert outcome.best is not None
    kept = tmp_path / "run.json"
    session.keep(pending, kept)
    assert json.loads(kept.read_text(encoding="utf-8"))["kind"] == "scenario"


def test_adaptive_practice_starts_from_the_persons_replayed_history(branch, session):
    record, definition = _latest(branch, "tenkey-amounts-practice.en")
    assert DrillSession.needs_history(definition, Mode.PRACTICE)
    fresh = session.start_drill(definition, Mode.PRACTICE)
    assert isinstance(fresh, TenKeyRun)
    assert fresh.options == {}  # no history yet: plain practice
    run = start_run(definition, Mode.PRACTICE, seed=8)
    t = 5 * S
    while not run.finished:  # slow on every 7, quick elsewhere: 7 becomes a weak key
        for ch in run.current_item.fields[0].expected + "\n":
            key = "Enter" if ch == "\n" else ch
            t += (900 if ch == "7" else 150) * 1_000_000
            run.feed(KeyEvent(t, key, "" if key == "Enter" else ch))
    run.stop(t + S)
    session.save(PendingDrill.of(record, run, WHEN))
    adaptive = session.start_drill(definition, Mode.PRACTICE)
    weights = adaptive.options["adaptive"]["keys"]
    assert weights["7"] > 100  # weighted towards the weak key


def test_tests_read_their_retake_limit_and_no_history(branch, session):
    _, definition = _latest(branch, "tenkey-amounts-test.en")
    assert DrillSession.needs_history(definition, Mode.TEST)  # the retake limit: off-thread
    assert session.start_drill(definition, Mode.TEST).options == {}


def test_every_attempt_draws_its_own_form_and_stores_it(branch, session):
    """Practice and test alike: each start draws a seed; the stored attempt keeps the seed
    it ran with, and the rescore rebuilds that form."""
    record, definition = _latest(branch, "tenkey-amounts-test.en")
    runs = [session.start_drill(definition, Mode.TEST) for _ in range(5)]
    assert len({run.seed for run in runs}) == 5
    assert len({run.item_at(0) for run in runs}) > 1
    run = runs[3]
    for event in typed_perfectly(definition, Mode.TEST, run.seed, items=3):
        run.feed(event)
    outcome = session.save(PendingDrill.of(record, run, WHEN))
    assert outcome.attempt.details["seed"] == run.seed
    assert branch.services.attempts.rescore(CLI, outcome.attempt.id).matches
    _, practice = _latest(branch, "tenkey-amounts-practice.en")
    assert session.start_drill(practice, Mode.PRACTICE).seed != (
        session.start_drill(practice, Mode.PRACTICE).seed
    )


def test_only_a_signed_in_person_takes_attempts(branch):
    with pytest.raises(PermissionDeniedError):
        DrillSession(branch.services, CLI)
