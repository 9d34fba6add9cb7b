"""Attempts a workstation had to keep in a file come back in, scored from their log."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from support import typed_perfectly

from svctrainer.core.keystrokes import encode_events
from svctrainer.core.packs.definition import Mode
from svctrainer.core.saved_attempt import DRILL, SCENARIO, SavedAttempt, saved_attempt_json
from svctrainer.core.scenarios.decision_log_codec import encode_decisions
from svctrainer.core.scenarios.engine import ScenarioRun
from svctrainer.services.actor import Actor
from svctrainer.services.errors import InvalidInputError, NotFoundError, PermissionDeniedError
from svctrainer.services.saved_attempts import ALREADY_STORED, IMPORTED

pytestmark = pytest.mark.shipped_content  # each test syncs it: start with it stored
CLI = Actor.command_line()
WHEN = datetime(2026, 11, 21, 8, 15, 30, 123456, tzinfo=UTC)
S = 1_000_000_000


def _latest(branch, content_id):
    branch.services.content.sync_bundled()
    record = next(r for r in branch.services.content.latest(CLI) if r.content_id == content_id)
    _, loaded = branch.services.content.load(CLI, record.id)
    return record, loaded


@pytest.fixture
def drill_file(branch) -> bytes:
    """What the practice page writes when the database refuses the attempt."""
    record, definition = _latest(branch, "tenkey-amounts-test.en")
    events = typed_perfectly(definition, Mode.TEST, seed=11, items=6)
    saved = SavedAttempt(
        DRILL, branch.teller.id, record.id, record.content_id, "test", WHEN,
        encode_events(events), seed=11,
    )  # fmt: skip
    return saved_attempt_json(saved).encode()


def test_a_saved_drill_is_scored_from_its_log_and_audited(branch, drill_file):
    svc = branch.services
    outcome = svc.saved_attempts.import_file(CLI, drill_file, "/media/usb/attempt-1.json")
    assert outcome.status == IMPORTED
    attempt = outcome.attempt
    assert (attempt.person_id, attempt.mode, attempt.started_at) == (branch.teller.id, "test", WHEN)
    assert svc.attempts.rescore(CLI, attempt.id).matches
    history = svc.attempts.history(branch.actor(branch.teller), branch.teller.id)
    assert [a.id for a in history] == [attempt.id]
    [entry] = svc.audit.recent(CLI, action="attempt.import")
    assert entry.actor == CLI.label
    assert "/media/usb/attempt-1.json" in json.dumps(entry.detail)


def test_the_same_file_twice_is_stored_once(branch, drill_file):
    svc = branch.services
    svc.saved_attempts.import_file(CLI, drill_file, "a.json")
    again = svc.saved_attempts.import_file(CLI, drill_file, "a.json")
    assert (again.status, again.attempt) == (ALREADY_STORED, None)
    assert len(svc.attempts.history(CLI, branch.teller.id)) == 1


def test_a_hand_edited_result_cannot_claim_more_than_its_log(branch, drill_file):
    payload = json.loads(drill_file)
    payload["speed"] = 99_999  # figures in the file are ignored: only the log counts
    outcome = branch.services.saved_attempts.import_file(CLI, json.dumps(payload).encode(), "x")
    assert outcome.attempt.speed != 99_999
    assert branch.services.attempts.rescore(CLI, outcome.attempt.id).matches


def test_a_saved_scenario_run_comes_back(branch):
    record, scenario = _latest(branch, "sample-queue-wait.en")
    run = ScenarioRun(scenario, 100 * S)
    run.choose("acknowledge", 104 * S)
    saved = SavedAttempt(
        SCENARIO, branch.teller.id, record.id, record.content_id, "practice", WHEN,
        encode_decisions(run.log),
    )  # fmt: skip
    outcome = branch.services.saved_attempts.import_file(
        CLI, saved_attempt_json(saved).encode(), "s"
    )
    assert outcome.attempt.kind == "scenario"
    assert branch.services.attempts.rescore(CLI, outcome.attempt.id).matches


def test_only_administrators_import(branch, drill_file):
    teller = branch.actor(branch.teller)
    with pytest.raises(PermissionDeniedError):
        branch.services.saved_attempts.import_file(teller, drill_file, "mine.json")
    assert branch.services.attempts.history(CLI, branch.teller.id) == []


@pytest.mark.parametrize(
    ("change", "error", "says"),
    [
        ({"events_hex": "00ff"}, InvalidInputError, "damaged"),
        ({"mode": "exam"}, InvalidInputError, "mode"),
        ({"person_id": "00000000-0000-4000-8000-000000000000"}, NotFoundError, "person"),
        ({"content_id": "other.en"}, NotFoundError, "import that content first"),
        ({"format": "x"}, InvalidInputError, "not a saved attempt"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_stored(branch, drill_file, change, error, says):
    payload = json.loads(drill_file) | change
    with pytest.raises(error, match=says):
        branch.services.saved_attempts.import_file(CLI, json.dumps(payload).encode(), "bad.json")
    assert branch.services.attempts.history(CLI, branch.teller.id) == []
