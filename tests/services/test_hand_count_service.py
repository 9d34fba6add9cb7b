"""Hand-count logging: trainers record results for their teams, validated by the core
rules, stored as "logged" attempts that chart with the cash-counting drill."""

from __future__ import annotations

import datetime as dt

import pytest

from svctrainer.core.hand_count import HandCountDetails, HandCountProblem
from svctrainer.services.actor import Actor
from svctrainer.services.errors import PermissionDeniedError
from svctrainer.services.hand_count import CONTENT_ID, HandCountInvalidError, problem_text

DAY = dt.date(2026, 11, 20)
TODAY = dt.date(2026, 11, 23)


def _log(branch, who=None, person=None, **kw):
    values = {"minutes": 5, "notes_counted": 612, "defects_found": 3, "banding_penalties": 1}
    values.update(kw)
    return branch.services.hand_count.record(
        branch.actor(who or branch.trainer),
        (person or branch.teller).id,
        kw.pop("day", DAY),
        today=TODAY,
        **{k: v for k, v in values.items() if k != "day"},
    )


def test_a_trainer_logs_a_hand_count_for_a_team_member(branch):
    entry = _log(branch, defects_planted=4, note="  practice notes, new bands  ")
    # net = 612 − 100 × (4 − 3) − 20 × 1 = 492 notes in 5 minutes
    assert entry.net_notes == 492
    assert entry.notes_per_min == 98.4
    assert entry.accuracy == 0.75
    assert entry.score == pytest.approx(65.6)  # 100 × 98.4 / 150
    assert entry.valid
    assert entry.note == "practice notes, new bands"
    assert entry.person_name == "Tom Teller"
    assert "Tia Trainer" in entry.logged_by

    history = branch.services.attempts.history(branch.actor(branch.trainer), branch.teller.id)
    (attempt,) = history
    assert attempt.mode == "logged"
    assert attempt.content_id == CONTENT_ID
    assert attempt.drill_type == "hand_count"
    assert attempt.kind == "drill"
    assert attempt.speed_unit == "notes_per_min"  # charts with the cash-counting drill
    assert attempt.started_at == dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC)
    assert attempt.duration_ms == 5 * 60_000
    assert attempt.details["details"]["person_id"] == str(branch.teller.id)
    # The stored row reads back as the core's typed details (the person id beside them
    # is the service's, which the core's layout leaves alone).
    details = HandCountDetails.from_dict(
        attempt.details["details"], attempt.details["details_version"]
    )
    assert (details.net_notes, details.minutes, details.day) == (492, 5, DAY)
    # The teller sees it in their own history too.
    own = branch.services.attempts.history(branch.actor(branch.teller), branch.teller.id)
    assert [a.id for a in own] == [entry.attempt_id]


def test_the_audit_log_records_who_logged_what(branch):
    entry = _log(branch)
    audit = branch.services.audit.recent(Actor.command_line(), action="attempt.log_hand_count")
    (row,) = audit
    assert row.target_id == str(entry.attempt_id)
    assert row.detail["person_id"] == str(branch.teller.id)
    assert row.detail["notes_counted"] == 612
    assert "Tia Trainer" in row.actor


def test_one_content_item_is_reused_and_stays_out_of_the_catalogue(branch):
    _log(branch)
    _log(branch, person=branch.other_teller, minutes=3, notes_counted=300)
    svc = branch.services
    assert svc.content.versions(Actor.command_line(), CONTENT_ID)[0].version == 1
    assert len(svc.content.versions(Actor.command_line(), CONTENT_ID)) == 1
    catalogue = svc.content.latest(branch.actor(branch.teller), kind="drill")
    assert CONTENT_ID not in {r.content_id for r in catalogue}


def test_every_problem_is_reported_at_once(branch):
    with pytest.raises(HandCountInvalidError) as caught:
        _log(branch, minutes=4, notes_counted=9999, defects_found=5, defects_planted=2,
             day=dt.date(2026, 12, 1))  # fmt: skip
    problems = {p.field: p.code for p in caught.value.problems}
    assert problems == {
        "minutes": HandCountProblem.BAD_MINUTES,
        "notes_counted": HandCountProblem.OUT_OF_RANGE,
        "defects_found": HandCountProblem.MORE_FOUND_THAN_PLANTED,
        "day": HandCountProblem.DATE_IN_FUTURE,
    }
    assert caught.value.field == "minutes"
    assert problem_text(caught.value.problems[1]) == "a whole number from 0 to 5000"
    assert branch.services.attempts.history(Actor.command_line(), branch.teller.id) == []


def test_fewer_than_ten_notes_is_kept_but_not_counted(branch):
    entry = _log(branch, notes_counted=8)
    assert not entry.valid


def test_only_people_in_scope(branch):
    with pytest.raises(PermissionDeniedError):
        _log(branch, person=branch.outsider_teller)  # team B: not the trainer's
    with pytest.raises(PermissionDeniedError):
        _log(branch, who=branch.teller)  # tellers cannot log
    with pytest.raises(PermissionDeniedError):
        _log(branch, who=branch.supervisor)  # nor supervisors (no LOG_HAND_COUNT)
    names = [p.name for p in branch.services.hand_count.people(branch.actor(branch.trainer))]
    assert "Otto Outsider" not in names
    assert {"Tom Teller", "Tess Teller"} <= set(names)


def test_list_recent_newest_first_within_scope(branch):
    first = _log(branch, day=dt.date(2026, 11, 18))
    second = _log(branch, person=branch.other_teller, day=dt.date(2026, 11, 19))
    trainer = branch.actor(branch.trainer)
    recent = branch.services.hand_count.list_recent(trainer)
    assert [e.attempt_id for e in recent] == [second.attempt_id, first.attempt_id]
    mine = branch.services.hand_count.list_recent(trainer, branch.teller.id)
    assert [e.attempt_id for e in mine] == [first.attempt_id]
    assert mine[0].day == dt.date(2026, 11, 18)
    with pytest.raises(PermissionDeniedError):
        branch.services.hand_count.list_recent(trainer, branch.outsider_teller.id)


def test_logged_attempts_do_not_break_replay_based_features(branch):
    entry = _log(branch)
    svc = branch.services
    cli = Actor.command_line()
    from svctrainer.services.errors import NotFoundError

    with pytest.raises(NotFoundError):  # no event log: nothing to re-score
        svc.attempts.rescore(cli, entry.attempt_id)
    attempt = svc.attempts.get(cli, entry.attempt_id)
    assert svc.attempts.compare(cli, attempt).previous is None
