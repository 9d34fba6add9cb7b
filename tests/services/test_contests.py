"""``ContestService`` on a real database: a trainer creates, starts and closes a contest;
tellers sit the one form inside the window, as often as allowed; the standings rank them
by the documented points; closing locks them; the roles hold."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from contest_support import sit

from svctrainer.core.contest.rules import ContestRules, ContestState, Phase
from svctrainer.core.packs.definition import Mode
from svctrainer.services.actor import Actor
from svctrainer.services.errors import (
    ContestNotLiveError,
    ContestStateError,
    ContestTimeShortError,
    ContestTriesUsedError,
    InvalidInputError,
    PermissionDeniedError,
)

pytestmark = pytest.mark.shipped_content
CLI = Actor.command_line()
T0 = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)
TENKEY = "tenkey-amounts-test.en"
RULES = ContestRules(attempts=2, window_minutes=30, countdown_s=60)


def _sit(branch, who, ticket, started_at, gap_ms, *, complete=True):
    return sit(branch.services, branch.actor(who), ticket, started_at, gap_ms, complete=complete)


@pytest.fixture
def contest(branch):
    branch.services.content.sync_bundled()
    trainer = branch.actor(branch.trainer)
    return branch.services.contests.create(trainer, "Winter cup", [TENKEY], RULES)


def test_every_contestant_gets_the_one_form_and_only_inside_the_window(branch, contest):
    svc = branch.services.contests
    teller, other = branch.actor(branch.teller), branch.actor(branch.other_teller)
    assert contest.state is ContestState.OPEN
    with pytest.raises(ContestNotLiveError):
        svc.begin_attempt(teller, "Winter cup", TENKEY, now=T0)
    started = svc.start(branch.actor(branch.trainer), "Winter cup", now=T0)
    assert started.phase(T0 + timedelta(seconds=30)) is Phase.COUNTDOWN
    with pytest.raises(ContestNotLiveError):
        svc.begin_attempt(teller, "Winter cup", TENKEY, now=T0 + timedelta(seconds=30))
    live = T0 + timedelta(seconds=90)
    mine = svc.begin_attempt(teller, "Winter cup", TENKEY, now=live)
    theirs = svc.begin_attempt(other, "Winter cup", TENKEY, now=live)
    assert mine.seed == theirs.seed
    assert mine.content.id == theirs.content.id
    assert started.phase(T0 + timedelta(minutes=32)) is Phase.TIME_UP
    with pytest.raises(ContestNotLiveError):
        svc.begin_attempt(teller, "Winter cup", TENKEY, now=T0 + timedelta(minutes=32))


def test_a_drill_starts_only_with_time_left_to_sit_it_in_full(branch, contest):
    """Everyone stops at the close, as at a real contest's 停: a five-minute test started
    with four minutes left would run past it (or lose its result at the close)."""
    svc = branch.services.contests
    teller = branch.actor(branch.teller)
    started = svc.start(branch.actor(branch.trainer), "Winter cup", now=T0)
    assert started.ends_at is not None
    lasts = svc.begin_attempt(teller, "Winter cup", TENKEY, now=T0 + timedelta(minutes=2))
    limit = lasts.definition.settings(Mode.TEST).time_limit_s
    assert limit is not None
    just_in_time = started.ends_at - timedelta(seconds=limit)
    svc.begin_attempt(teller, "Winter cup", TENKEY, now=just_in_time)
    with pytest.raises(ContestTimeShortError):
        svc.begin_attempt(teller, "Winter cup", TENKEY, now=just_in_time + timedelta(seconds=1))


def test_a_paper_opened_and_put_down_uses_a_try(branch, contest):
    """Reading the form and stopping before the first key saves nothing, yet the try is
    gone: otherwise a contestant could learn the paper and sit it again."""
    svc = branch.services.contests
    teller, other = branch.actor(branch.teller), branch.actor(branch.other_teller)
    svc.start(branch.actor(branch.trainer), "Winter cup", now=T0)
    live = T0 + timedelta(minutes=2)
    assert [svc.begin_attempt(teller, "Winter cup", TENKEY, now=live).tries_used
            for _ in range(RULES.attempts)] == list(range(RULES.attempts))  # fmt: skip
    with pytest.raises(ContestTriesUsedError):
        svc.begin_attempt(teller, "Winter cup", TENKEY, now=live)
    assert svc.begin_attempt(other, "Winter cup", TENKEY, now=live).tries_used == 0
    sat = [e for e in branch.services.audit.recent(CLI, limit=20) if e.action == "contest.sit"]
    assert len(sat) == RULES.attempts + 1


def test_a_window_shorter_than_a_drill_is_refused(branch):
    branch.services.content.sync_bundled()
    trainer = branch.actor(branch.trainer)
    with pytest.raises(InvalidInputError) as refused:
        branch.services.contests.create(
            trainer, "Sprint", [TENKEY], ContestRules(attempts=1, window_minutes=1)
        )
    assert refused.value.field == "minutes"


def test_standings_rank_by_points_best_of_n_and_lock_on_close(branch, contest):
    svc = branch.services.contests
    trainer = branch.actor(branch.trainer)
    teller, other = branch.actor(branch.teller), branch.actor(branch.other_teller)
    svc.start(trainer, "Winter cup", now=T0)
    live = T0 + timedelta(minutes=2)
    ticket = svc.begin_attempt(teller, "Winter cup", TENKEY, now=live)
    slow = _sit(branch, branch.teller, ticket, live, gap_ms=300)
    fast = _sit(branch, branch.teller, ticket, live + timedelta(minutes=5), gap_ms=150)
    with pytest.raises(ContestTriesUsedError):
        svc.begin_attempt(teller, "Winter cup", TENKEY, now=live + timedelta(minutes=10))
    ticket2 = svc.begin_attempt(other, "Winter cup", TENKEY, now=live)
    theirs = _sit(branch, branch.other_teller, ticket2, live + timedelta(minutes=1), gap_ms=200)

    table = svc.results(trainer, "Winter cup")
    assert not table.locked
    rows = table.results.standings.drill(TENKEY)
    assert [r.person_id for r in rows] == [branch.teller.id, branch.other_teller.id]
    winner, second = rows
    assert winner.attempt_id == fast.id
    assert winner.tries == 2
    assert winner.points == 20.0  # the best result earns the drill's whole weight
    assert second.attempt_id == theirs.id
    assert second.points == round(20 * theirs.speed / fast.speed, 1) < 20
    assert slow.id not in {r.attempt_id for r in rows}
    overall = table.results.standings.overall
    assert [(o.person_id, o.rank) for o in overall] == [
        (branch.teller.id, 1),
        (branch.other_teller.id, 2),
    ]

    closed = svc.close(trainer, "Winter cup", now=live + timedelta(minutes=12))
    assert closed.locked
    assert closed.contest.state is ContestState.CLOSED
    # After the close nothing changes the results: a later attempt in the old window,
    # or the winning attempt invalidated.
    _sit(branch, branch.other_teller, ticket2, live + timedelta(minutes=13), gap_ms=100)
    branch.services.attempts.invalidate(trainer, fast.id, "checked after the contest")
    again = svc.results(branch.actor(branch.supervisor), "Winter cup")
    assert again.locked
    assert again.results == closed.results
    with pytest.raises(ContestStateError):
        svc.start(trainer, "Winter cup")


def test_only_complete_attempts_count(branch, contest):
    svc = branch.services.contests
    svc.start(branch.actor(branch.trainer), "Winter cup", now=T0)
    live = T0 + timedelta(minutes=2)
    ticket = svc.begin_attempt(branch.actor(branch.teller), "Winter cup", TENKEY, now=live)
    _sit(branch, branch.teller, ticket, live, gap_ms=100, complete=False)
    rows = svc.results(CLI, "Winter cup").results.standings.drill(TENKEY)
    assert rows[0].tries == 1
    assert rows[0].result is None
    assert rows[0].points == 0.0


def test_roles_tellers_take_part_trainers_run_it(branch, contest):
    svc = branch.services.contests
    teller = branch.actor(branch.teller)
    with pytest.raises(PermissionDeniedError):
        svc.create(teller, "Mine", [TENKEY], RULES)
    with pytest.raises(PermissionDeniedError):
        svc.start(teller, "Winter cup")
    with pytest.raises(PermissionDeniedError):
        svc.start(branch.actor(branch.supervisor), "Winter cup")
    assert [c.name for c in svc.in_branch(teller)] == ["Winter cup"]
    draft = svc.create(branch.actor(branch.trainer), "Draft", [TENKEY], RULES, publish=False)
    assert draft.state is ContestState.DRAFT
    assert [c.name for c in svc.in_branch(teller)] == ["Winter cup"]  # drafts are the trainer's
    with pytest.raises(InvalidInputError):
        svc.create(branch.actor(branch.trainer), "Bad", ["no-such-pack"], RULES)
    actions = [e.action for e in branch.services.audit.recent(CLI, limit=20)]
    assert "contest.create" in actions


def test_contestants_see_only_their_own_results_until_the_close(branch, contest):
    """A skills contest publishes its results after the event: before the close a teller
    reads their own result and tries, no points or ranks (points would give away the best
    result so far) and nobody else; trainers and supervisors read the whole board; after
    the close everyone does."""
    svc = branch.services.contests
    trainer = branch.actor(branch.trainer)
    teller, other = branch.actor(branch.teller), branch.actor(branch.other_teller)
    svc.start(trainer, "Winter cup", now=T0)
    live = T0 + timedelta(minutes=2)
    mine = _sit(branch, branch.teller, svc.begin_attempt(teller, "Winter cup", TENKEY, now=live),
                live, gap_ms=150)  # fmt: skip
    _sit(branch, branch.other_teller, svc.begin_attempt(other, "Winter cup", TENKEY, now=live),
         live, gap_ms=250)  # fmt: skip

    seen = svc.results(teller, "Winter cup")
    assert seen.own_only
    [row] = seen.results.standings.drill(TENKEY)
    assert (row.person_id, row.attempt_id, row.tries) == (branch.teller.id, mine.id, 1)
    assert row.result == pytest.approx(mine.speed)
    assert (row.points, row.rank) == (0.0, None)
    assert seen.results.standings.overall == ()
    assert seen.results.teams == ()
    assert [c.person_id for c in seen.results.contestants] == [branch.teller.id]
    for runner in (trainer, branch.actor(branch.supervisor), CLI):
        board = svc.results(runner, "Winter cup")
        assert not board.own_only
        assert len(board.results.standings.overall) == 2

    svc.close(trainer, "Winter cup", now=live + timedelta(minutes=12))
    after = svc.results(teller, "Winter cup")
    assert not after.own_only
    assert len(after.results.standings.overall) == 2


def test_a_show_event_shows_the_live_board_to_everyone(branch):
    branch.services.content.sync_bundled()
    svc = branch.services.contests
    trainer = branch.actor(branch.trainer)
    rules = ContestRules(attempts=1, window_minutes=30, countdown_s=0, public_board=True)
    made = svc.create(trainer, "Show cup", [TENKEY], rules)
    assert made.rules.public_board
    svc.start(trainer, "Show cup", now=T0)
    teller, other = branch.actor(branch.teller), branch.actor(branch.other_teller)
    live = T0 + timedelta(minutes=1)
    _sit(branch, branch.other_teller, svc.begin_attempt(other, "Show cup", TENKEY, now=live),
         live, gap_ms=200)  # fmt: skip
    board = svc.results(teller, "Show cup")
    assert not board.own_only
    assert [o.person_id for o in board.results.standings.overall] == [branch.other_teller.id]
    assert board.results.standings.overall[0].points == 20.0
    [entry] = [e for e in branch.services.audit.recent(CLI, limit=20)
               if e.action == "contest.create"]  # fmt: skip
    assert entry.detail["public_board"] is True
