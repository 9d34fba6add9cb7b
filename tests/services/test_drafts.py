"""An attempt in progress survives a crash: its checkpoint can be kept or discarded."""

from datetime import UTC, datetime

import pytest
from support import typed_perfectly

from svctrainer.core.draft_codec import DraftError, pack_draft, unpack_draft
from svctrainer.core.keystrokes import KeyEvent
from svctrainer.core.packs.definition import Mode
from svctrainer.services.actor import Actor
from svctrainer.services.errors import PermissionDeniedError

pytestmark = pytest.mark.shipped_content  # each test syncs it: start with it stored
WHEN = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)


def _checkpoint(branch, who):
    svc = branch.services
    svc.content.sync_bundled()
    actor = branch.actor(who)
    record = next(
        r for r in svc.content.latest(actor) if r.content_id == "tenkey-amounts-practice.en"
    )
    _, definition = svc.content.load(actor, record.id)
    events = typed_perfectly(definition, Mode.PRACTICE, 4, items=3, complete=False)[:-1]  # crashed
    svc.drafts.save(actor, record.id, mode=Mode.PRACTICE, seed=4, events=events, started_at=WHEN)
    return actor, events


def test_codec_round_trip_and_damage():
    events = [KeyEvent(1_000, "1", "1"), KeyEvent(2_000, "Enter", "")]
    options = {"adaptive": {"keys": {"1": 3}}}
    assert unpack_draft(pack_draft(options, events)) == (options, events)
    for damaged in (b"", b"\x00\x00\x00\x09{}", pack_draft({}, events)[:-3]):
        with pytest.raises(DraftError):
            unpack_draft(damaged)


def test_keeping_a_checkpoint_records_the_attempt_as_it_stood(branch):
    actor, events = _checkpoint(branch, branch.teller)
    [draft] = branch.services.drafts.mine(actor)
    assert draft.title == "Ten-key amounts — practice"
    assert draft.event_count == len(events)
    record = branch.services.drafts.keep(actor, draft.id)
    assert record.details["ended_by"] is None  # never ended: abandoned, not graded
    assert (record.completion, record.grade) == ("abandoned", None)
    assert record.details["details"]["items_done"] == 3
    assert branch.services.drafts.mine(actor) == []
    assert branch.services.attempts.rescore(actor, record.id).matches
    assert branch.services.audit.recent(Actor.command_line())[0].action == "attempt.recovered"


def test_discarding_is_audited(branch):
    actor, _ = _checkpoint(branch, branch.teller)
    [draft] = branch.services.drafts.mine(actor)
    branch.services.drafts.discard(actor, draft.id)
    assert branch.services.drafts.mine(actor) == []
    assert branch.services.audit.recent(Actor.command_line())[0].action == "attempt.draft_discarded"


def test_one_checkpoint_per_person_and_nobody_else_can_touch_it(branch):
    actor, _ = _checkpoint(branch, branch.teller)
    _checkpoint(branch, branch.teller)
    [draft] = branch.services.drafts.mine(actor)
    assert branch.services.drafts.mine(branch.actor(branch.other_teller)) == []
    for other in (branch.other_teller, branch.trainer, branch.admin):
        with pytest.raises(PermissionDeniedError):
            branch.services.drafts.keep(branch.actor(other), draft.id)
        with pytest.raises(PermissionDeniedError):
            branch.services.drafts.discard(branch.actor(other), draft.id)
    with pytest.raises(PermissionDeniedError):
        branch.services.drafts.save(
            Actor.command_line(),
            draft.content_item_id,
            mode=Mode.PRACTICE,
            seed=1,
            events=[],
            started_at=WHEN,
        )


def test_a_recorded_attempt_clears_its_checkpoint(branch):
    actor, events = _checkpoint(branch, branch.teller)
    [draft] = branch.services.drafts.mine(actor)
    branch.services.attempts.record_drill(
        actor, draft.content_item_id, mode=Mode.PRACTICE, seed=4, events=events, started_at=WHEN
    )
    assert branch.services.drafts.mine(actor) == []
