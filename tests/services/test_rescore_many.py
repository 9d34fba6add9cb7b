"""``attempts.rescore_many``: the attempts read in bulk, each rescored exactly as
``rescore`` rescores it, and refused where ``rescore`` would refuse, in the same order."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from support import typed_perfectly

from svctrainer.core.keystrokes import EventLogError
from svctrainer.core.packs.definition import Mode
from svctrainer.services import attempts as attempts_module
from svctrainer.services.actor import Actor
from svctrainer.services.errors import NotFoundError, PermissionDeniedError

pytestmark = pytest.mark.shipped_content  # each test syncs it: start with it stored
CLI = Actor.command_line()
S = 1_000_000_000
WHEN = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def _record_some(branch, tenkey_attempt) -> list[uuid.UUID]:
    """The fixture's attempt (by the other teller), then drill attempts by the other
    teller, the teller and the other teller again, and the teller's scenario run."""
    svc = branch.services
    latest = {r.content_id: r for r in svc.content.latest(CLI)}
    ids = [tenkey_attempt.id]
    for n, (who, content_id) in enumerate(
        [
            (branch.other_teller, "tenkey-amounts-practice.en"),
            (branch.teller, "tenkey-amounts-practice.en"),
            (branch.other_teller, "tenkey-amounts-test.en"),
        ]
    ):
        record = latest[content_id]
        _, definition = svc.content.load(CLI, record.id)
        mode = Mode.TEST if Mode.TEST in definition.modes else Mode.PRACTICE
        seed = 11 + n
        events = typed_perfectly(definition, mode, seed=seed, items=3)
        stored = svc.attempts.record_drill(
            branch.actor(who), record.id, mode=mode, seed=seed, events=events,
            started_at=WHEN + timedelta(minutes=n),
        )  # fmt: skip
        ids.append(stored.id)
    from svctrainer.core.scenarios.engine import ScenarioRun

    record = latest["sample-queue-wait.en"]
    _, scenario = svc.content.load(CLI, record.id)
    run = ScenarioRun(scenario, 100 * S)
    t = 104 * S
    for choice_id in ("acknowledge", "verify_id", "check_id", "count_twice", "batch_explain",
                      "offer_payroll", "set_up_now"):  # fmt: skip
        run.choose(choice_id, t)
        t += 4 * S
    played = svc.attempts.record_scenario(
        branch.actor(branch.teller), record.id, Mode.PRACTICE, run.log, WHEN
    )
    ids.append(played.id)
    return ids


def test_each_report_is_the_one_rescore_gives(branch, tenkey_attempt, db_path, monkeypatch):
    svc = branch.services
    ids = _record_some(branch, tenkey_attempt)
    with sqlite3.connect(db_path) as conn:  # one tampered: its report must say so too
        conn.execute("UPDATE attempt SET speed = speed * 2 WHERE id = ?", (ids[1].hex,))
    conn.close()
    # Several reads of two attempts each, an attempt asked for twice, in no stored order.
    monkeypatch.setattr(attempts_module, "RESCORE_CHUNK", 2)
    asked = [ids[4], ids[1], ids[0], ids[3], ids[1], ids[2]]  # ids[4]: the scenario run
    many = svc.attempts.rescore_many(CLI, asked)
    one_by_one = [svc.attempts.rescore(CLI, i) for i in asked]
    assert many == one_by_one
    assert [r.attempt_id for r in many] == asked
    assert [r.matches for r in many] == [True, False, True, True, False, True]
    assert svc.attempts.rescore_many(CLI, []) == []
    # A teller rescores their own attempts: the same reports as the command line's.
    own = [ids[2], ids[4]]  # ``_record_some``: recorded by branch.teller
    assert svc.attempts.rescore_many(branch.actor(branch.teller), own) == [many[5], many[0]]


def test_refused_where_rescore_refuses_and_in_the_same_order(branch, tenkey_attempt, db_path):
    svc = branch.services
    ids = _record_some(branch, tenkey_attempt)
    teller = branch.actor(branch.teller)
    with pytest.raises(PermissionDeniedError):  # ids[3]: another teller's, as rescore says
        svc.attempts.rescore(teller, ids[3])
    with pytest.raises(PermissionDeniedError):
        svc.attempts.rescore_many(teller, [ids[2], ids[3]])
    with pytest.raises(NotFoundError, match="no such attempt"):
        svc.attempts.rescore_many(CLI, [ids[0], uuid.uuid4()])
    # A damaged log earlier in the list fails first, as its own rescore does, though the
    # attempt after it does not exist (checked before any replay, raised in its turn).
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE attempt_event SET data = X'00' WHERE attempt_id = ?", (ids[2].hex,))
    conn.close()
    with pytest.raises(EventLogError):
        svc.attempts.rescore(CLI, ids[2])
    with pytest.raises(EventLogError):
        svc.attempts.rescore_many(CLI, [ids[0], ids[2], uuid.uuid4()])
    with sqlite3.connect(db_path) as conn:
        conn.execute("DELETE FROM attempt_event WHERE attempt_id = ?", (ids[3].hex,))
    conn.close()
    with pytest.raises(NotFoundError, match="no event log"):
        svc.attempts.rescore_many(CLI, [ids[0], ids[3], ids[2]])
