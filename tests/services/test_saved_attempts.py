"""Attempts a workstation had to keep in a file come back in, scored from their log."""

from __future__ import annotations

import json
import threading
import uuid
from datetime import UTC, datetime, timedelta

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


_TYPED: dict[tuple[str, int, int], bytes] = {}
"""The key log typed perfectly on a pack, by (the pack's content hash, seed, gap):
the same on every database that stored the shipped pack (SQLite or a server), so the
40 files of ``concurrent_imports`` are typed once a worker, not once a test (typing
one was a sixth of that test's CPU)."""


def _typed_log(record, definition, seed: int, gap_ms: int) -> bytes:
    key = (record.content_hash, seed, gap_ms)
    if key not in _TYPED:
        events = typed_perfectly(definition, Mode.TEST, seed=seed, items=6, gap_ms=gap_ms)
        _TYPED[key] = encode_events(events)
    return _TYPED[key]


def _drill(
    branch, seed: int = 11, when: datetime = WHEN, gap_ms: int = 180, latest=None
) -> SavedAttempt:
    """``latest``: the pack's ``_latest`` when the caller has it already."""
    record, definition = latest or _latest(branch, "tenkey-amounts-test.en")
    return SavedAttempt(
        DRILL, branch.teller.id, record.id, record.content_id, "test", when,
        _typed_log(record, definition, seed, gap_ms), seed=seed, attempt_id=uuid.uuid4(),
    )  # fmt: skip


def _signed(branch, saved: SavedAttempt) -> bytes:
    """What the practice page writes: signed with the workstation's branch key."""
    text = branch.services.saved_attempts.signed_file_text(branch.actor(branch.teller), saved)
    return text.encode()


@pytest.fixture
def drill_file(branch) -> bytes:
    """What the practice page writes when the database refuses the attempt."""
    return _signed(branch, _drill(branch))


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


def test_a_hand_edited_result_cannot_claim_more_than_its_log(branch):
    payload = json.loads(saved_attempt_json(_drill(branch)))  # unsigned: only the log counts
    payload["speed"] = 99_999  # figures in the file are ignored: only the log counts
    outcome = branch.services.saved_attempts.import_file(
        CLI, json.dumps(payload).encode(), "x", allow_unsigned=True
    )
    assert outcome.attempt.speed != 99_999
    assert branch.services.attempts.rescore(CLI, outcome.attempt.id).matches


def test_a_saved_scenario_run_comes_back(branch):
    record, scenario = _latest(branch, "sample-queue-wait.en")
    run = ScenarioRun(scenario, 100 * S)
    run.choose("acknowledge", 104 * S)
    saved = SavedAttempt(
        SCENARIO, branch.teller.id, record.id, record.content_id, "practice", WHEN,
        encode_decisions(run.log), attempt_id=uuid.uuid4(),
    )  # fmt: skip
    outcome = branch.services.saved_attempts.import_file(CLI, _signed(branch, saved), "s")
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
def test_bad_files_are_refused_and_nothing_is_stored(branch, change, error, says):
    payload = json.loads(saved_attempt_json(_drill(branch))) | change
    with pytest.raises(error, match=says):
        branch.services.saved_attempts.import_file(
            CLI, json.dumps(payload).encode(), "bad.json", allow_unsigned=True
        )
    assert branch.services.attempts.history(CLI, branch.teller.id) == []


# -- issue 19, points 6, 7 and 9 ---------------------------------------------------------------


def test_a_faster_replay_moved_to_someone_else_is_refused(branch):
    """A real test replayed 20 times faster and attributed to another person imported as
    a valid "Expert" result, and rescore said it matched: its log was self-consistent."""
    svc, real = branch.services, _drill(branch)
    fast = _drill(branch, gap_ms=9)  # the same keys, 20 times faster
    payload = json.loads(_signed(branch, real))
    forged = payload | {"events_hex": fast.log.hex(), "person_id": str(branch.other_teller.id)}
    with pytest.raises(InvalidInputError, match="changed after it was saved"):
        svc.saved_attempts.import_file(CLI, json.dumps(forged).encode(), "forged.json")
    assert svc.attempts.history(CLI, branch.other_teller.id) == []
    assert svc.audit.recent(CLI, action="attempt.import") == []


def test_an_unsigned_file_needs_the_audited_override(branch):
    svc, unsigned = branch.services, saved_attempt_json(_drill(branch)).encode()
    with pytest.raises(InvalidInputError, match=r"not signed.*--allow-unsigned"):
        svc.saved_attempts.import_file(CLI, unsigned, "old.json")
    outcome = svc.saved_attempts.import_file(CLI, unsigned, "old.json", allow_unsigned=True)
    assert outcome.status == IMPORTED
    [entry] = svc.audit.recent(CLI, action="attempt.import")
    assert entry.detail["unsigned_allowed"] is True
    assert entry.detail["signed_by"] is None


def test_a_signed_file_records_its_key_and_its_minted_id(branch):
    saved = _drill(branch)
    outcome = branch.services.saved_attempts.import_file(CLI, _signed(branch, saved), "a.json")
    assert outcome.attempt.id == saved.attempt_id
    [entry] = branch.services.audit.recent(CLI, action="attempt.import")
    assert entry.detail["signed_by"] == branch.services.branch_key.info(CLI).fingerprint
    assert entry.detail["unsigned_allowed"] is False


def test_only_the_taker_signs_a_file(branch):
    with pytest.raises(PermissionDeniedError):
        branch.services.saved_attempts.signed_file_text(
            branch.actor(branch.other_teller), _drill(branch)
        )


def test_a_deactivated_tellers_saved_attempt_still_comes_in(branch, drill_file):
    """Deactivation keeps results, and so keeps the ones still in files."""
    branch.services.people.set_active(CLI, branch.teller.id, False)
    outcome = branch.services.saved_attempts.import_file(CLI, drill_file, "late.json")
    assert outcome.status == IMPORTED
    assert outcome.attempt.person_id == branch.teller.id


def test_the_attempt_and_its_audit_entry_are_one_transaction(branch, drill_file):
    """9 of 25 kills aimed between the two commits left stored, unaudited attempts."""
    import sqlite3

    from sqlalchemy import event

    from svctrainer.services.errors import StorageFullError

    def refuse_audit(_conn, _cursor, statement, *_rest):
        if statement.lstrip().upper().startswith("INSERT INTO AUDIT_LOG"):
            raise sqlite3.OperationalError("database or disk is full")

    engine = branch.services.db.engine
    event.listen(engine, "before_cursor_execute", refuse_audit)
    try:
        with pytest.raises(StorageFullError):
            branch.services.saved_attempts.import_file(CLI, drill_file, "a.json")
    finally:
        event.remove(engine, "before_cursor_execute", refuse_audit)
    assert branch.services.attempts.history(CLI, branch.teller.id) == []


def concurrent_imports(branch, files: int = 40, importers: int = 2) -> int:
    """``importers`` threads import the same ``files`` signed files at once; rows stored."""
    svc = branch.services
    latest = _latest(branch, "tenkey-amounts-test.en")
    texts = [
        _signed(branch, _drill(branch, 100 + n, WHEN + timedelta(minutes=n), latest=latest))
        for n in range(files)
    ]
    start = threading.Barrier(importers)
    errors: list[Exception] = []

    def run() -> None:
        start.wait()
        for n, text in enumerate(texts):
            try:
                svc.saved_attempts.import_file(CLI, text, f"attempt-{n}.json")
            except Exception as exc:  # noqa: BLE001 - asserted empty below
                errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(importers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert errors == []
    return len(svc.attempts.history(CLI, branch.teller.id))


def test_two_concurrent_imports_of_the_same_files_store_each_once(branch):
    """Two 'attempt import' runs of the same 40 files stored 64 and 75 rows."""
    assert concurrent_imports(branch) == 40
