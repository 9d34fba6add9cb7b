"""The attempt records the scoring rules that scored it: new attempts are scored by the
current rules, attempts stored before the rules were versioned keep the first rules on
rescore (errors per Enter, drawer balancing timed as typing)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from svctrainer.core.drills import scoring_rules
from svctrainer.core.drills.registry import replay, start_run
from svctrainer.core.keystrokes import ENTER, KeyEvent
from svctrainer.core.packs.definition import Mode
from svctrainer.services.actor import Actor
from svctrainer.services.attempts import _definition, stored_details
from svctrainer.store.models import Attempt, ContentItem

pytestmark = pytest.mark.shipped_content
CLI = Actor.command_line()
SEED = 90_210
MS = 1_000_000


def _typos_and_enters(definition) -> list[KeyEvent]:
    """Amounts keyed right, except that each of the first two gets one wrong digit first,
    confirmed with Enter three times before the fix (the ten-key pack's policy is
    "correct": the mistake must be taken back)."""
    run = start_run(definition, Mode.PRACTICE, seed=SEED)
    events: list[KeyEvent] = []
    t = 5_000 * MS
    for index in range(6):
        item = run.item_at(index)
        assert item is not None
        amount = item.fields[0].expected
        if index < 2:
            wrong = "9" if amount[0] != "9" else "8"
            events.append(KeyEvent(t, wrong, wrong))
            events += [KeyEvent(t + k * 200 * MS, ENTER) for k in (1, 2, 3)]
            events.append(KeyEvent(t + 800 * MS, "Backspace"))
            t += 1_000 * MS
        for ch in amount:
            events.append(KeyEvent(t, ch, ch))
            t += 180 * MS
        events.append(KeyEvent(t, ENTER))
        t += 180 * MS
    return events


def test_errors_per_character_now_and_per_enter_for_attempts_stored_before(branch):
    svc = branch.services
    svc.content.sync_bundled()
    actor = branch.actor(branch.teller)
    record = next(
        r for r in svc.content.latest(actor) if r.content_id == "tenkey-amounts-practice.en"
    )
    with svc.db.reading() as session:
        definition = _definition(session.get(ContentItem, record.id))
    events = _typos_and_enters(definition)
    new = svc.attempts.record_drill(
        actor, record.id, mode=Mode.PRACTICE, seed=SEED, events=events,
        started_at=datetime.now(UTC),
    )  # fmt: skip
    assert new.details["rules"] == scoring_rules.CURRENT
    assert new.details["details"]["wrong_strokes"] == 2  # two wrong digits, no Enter counted
    assert svc.attempts.rescore(CLI, new.id).matches

    # The same keys stored by the release before the rules were versioned: its row has
    # the first rules' figures and no "rules" in its details.
    old_result = replay(definition, Mode.PRACTICE, SEED, events, rules=scoring_rules.FIRST)
    assert old_result.details.wrong_strokes == 8  # each Enter on the wrong digit counted
    old_details = stored_details(old_result)
    del old_details["rules"]
    old = svc.attempts.record_drill(
        actor, record.id, mode=Mode.PRACTICE, seed=SEED, events=events,
        started_at=datetime(2026, 11, 2, 9, 0, tzinfo=UTC),
    )  # fmt: skip
    with svc.db.writing() as session:
        row = session.get(Attempt, old.id)
        row.details = old_details
        row.accuracy = old_result.accuracy
        row.speed = old_result.speed
        row.score = old_result.score
    report = svc.attempts.rescore(CLI, old.id)
    assert report.matches, (report.stored, report.recomputed)
    assert report.recomputed["accuracy"] == old_result.accuracy < new.accuracy

    # Marked as scored by today's rules, the old figures would not match its log.
    with svc.db.writing() as session:
        row = session.get(Attempt, old.id)
        row.details = {**old_details, "rules": scoring_rules.CURRENT}
    assert not svc.attempts.rescore(CLI, old.id).matches
