"""Branch skills contests (issue 14): create, open, start for the room, close and lock,
the live standings, and the attempts contestants sit.

Roles (``core.roles``): a trainer (``ASSIGN``) creates, opens, starts and closes; anyone
who practises takes part and sees the leaderboard of an announced contest; results
sheets and certificates are exports (``EXPORT_REPORTS``: trainers and supervisors, the
command line). Every step is audited as ``contest.<step>``.

Fairness is the services' job, not the screens': ``begin_attempt`` refuses an attempt
outside the window or past the attempts allowed, and hands out the one form (the stored
seed and content version) every contestant gets. A contest's attempts are ordinary
test attempts, recorded by ``AttemptService.record_drill`` and replayed from their keys
like any other; the standings find them by content version, seed, branch and window.
While a contest runs its standings are computed on every read; closing it computes them
once more and stores them (``core.contest.locked``): what the results sheet says then
never changes.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from svctrainer.core.contest.locked import (
    Contestant,
    LockedResults,
    from_json,
    own_results,
    to_json,
)
from svctrainer.core.contest.points import DrillPoints, points_of
from svctrainer.core.contest.rules import (
    ContestRuleError,
    ContestRules,
    ContestState,
    Phase,
    check_name,
    check_step,
    phase,
)
from svctrainer.core.contest.standings import (
    ContestAttempt,
    ContestDrillSpec,
    standings,
    team_standings,
)
from svctrainer.core.drills.completion import Completion
from svctrainer.core.drills.registry import draw_seed, run_seed
from svctrainer.core.packs.definition import DrillDefinition, Mode
from svctrainer.core.roles import Permission
from svctrainer.services import audit
from svctrainer.services.access import Caller, authorize
from svctrainer.services.actor import Actor
from svctrainer.services.changes import CONTESTS, writes
from svctrainer.services.content import ContentRecord, parse_stored, to_record
from svctrainer.services.customer_time import (
    branch_effect,
    has_levels,
    queue_basis,
    savings_of,
    skill_levels,
    tellers_in_branch,
)
from svctrainer.services.error_boundary import translate_store_errors
from svctrainer.services.errors import (
    ConflictError,
    ContestNotLiveError,
    ContestStateError,
    ContestTimeShortError,
    ContestTriesUsedError,
    InvalidInputError,
    NotFoundError,
)
from svctrainer.services.progress_queries import EVERYTHING
from svctrainer.services.settings import load_mix
from svctrainer.store.database import Database
from svctrainer.store.models import (
    Attempt,
    Branch,
    ContentItem,
    Contest,
    ContestDrill,
    ContestSitting,
    Person,
    Team,
)
from svctrainer.store.server_clock import server_now

MAX_DRILLS = 8


@dataclass(frozen=True, slots=True)
class ContestDrillRecord:
    content_id: str
    title: str
    drill_type: str | None
    speed_unit: str | None
    points: DrillPoints
    language: str = "en"  # the pack's content language ("en", "zh")

    @property
    def spec(self) -> ContestDrillSpec:
        return ContestDrillSpec(self.content_id, self.drill_type, self.title)


@dataclass(frozen=True, slots=True)
class ContestRecord:
    id: uuid.UUID
    name: str
    state: ContestState
    rules: ContestRules
    drills: tuple[ContestDrillRecord, ...]
    created_at: datetime
    started_at: datetime | None
    begins_at: datetime | None
    ends_at: datetime | None
    closed_at: datetime | None

    def phase(self, now: datetime | None = None) -> Phase:
        return phase(self.state, now or datetime.now(UTC), self.begins_at, self.ends_at)

    @property
    def languages(self) -> frozenset[str]:
        """The content languages of its drills (a Chinese branch's contest: {"zh"})."""
        return frozenset(d.language for d in self.drills)


@dataclass(frozen=True, slots=True)
class ContestResults:
    """The standings of a contest: live while it runs, locked once closed."""

    contest: ContestRecord
    branch_name: str
    results: LockedResults
    locked: bool
    computed_at: datetime
    own_only: bool = False  # a contestant's view before the close: their own results only

    def contestant(self, person_id: uuid.UUID) -> Contestant:
        for c in self.results.contestants:
            if c.person_id == person_id:
                return c
        return Contestant(person_id, "?", "?", None)


@dataclass(frozen=True, slots=True)
class ContestTicket:
    """What a contestant sits: the contest's version of the drill and its one form."""

    contest: ContestRecord
    content: ContentRecord
    definition: DrillDefinition
    seed: int
    tries_used: int


@translate_store_errors
class ContestService:
    def __init__(self, db: Database) -> None:
        self._db = db

    # -- the trainer's steps ---------------------------------------------------------------

    @writes(CONTESTS)
    def create(
        self,
        actor: Actor,
        name: str,
        content_ids: Sequence[str],
        rules: ContestRules,
        *,
        publish: bool = True,
    ) -> ContestRecord:
        """A contest over the newest version of each drill in ``content_ids`` (test mode),
        with one seed drawn now for everyone; ``publish`` opens it at once (else a draft)."""
        try:
            name = check_name(name)
        except ContestRuleError as exc:
            raise InvalidInputError("name", str(exc)) from None
        ids = list(dict.fromkeys(content_ids))
        if not ids:
            raise InvalidInputError("drills", "choose at least one drill")
        if len(ids) > MAX_DRILLS:
            raise InvalidInputError("drills", f"a contest has at most {MAX_DRILLS} drills")
        seed = draw_seed()
        with self._db.writing() as session:
            caller = authorize(session, actor, Permission.ASSIGN)
            branch_id = _branch_of(session, caller)
            if session.scalar(
                select(Contest.id).where(Contest.branch_id == branch_id, Contest.name == name)
            ):
                raise ConflictError(f"a contest named {name!r} exists already")
            contest = Contest(
                branch_id=branch_id,
                name=name,
                state=str(ContestState.OPEN if publish else ContestState.DRAFT),
                seed=seed,
                attempts=rules.attempts,
                window_minutes=rules.window_minutes,
                countdown_s=rules.countdown_s,
                public_board=rules.public_board,
                created_by_id=caller.person_id,
            )
            for position, content_id in enumerate(ids):
                item, definition = _newest_drill(session, content_id)
                lasts = definition.settings(Mode.TEST).time_limit_s
                if lasts is not None and lasts > rules.window_minutes * 60:
                    raise InvalidInputError(
                        "minutes",
                        f"{content_id} lasts {lasts // 60} min: the window must be at least "
                        "as long, or nobody could sit it in full",
                    )
                contest.drills.append(
                    ContestDrill(
                        content_id=content_id,
                        content_item_id=item.id,
                        position=position,
                        seed=run_seed(definition, Mode.TEST, seed),
                    )
                )
            session.add(contest)
            session.flush()
            audit.record(
                session, actor, "contest.create", "contest", contest.id, name=name,
                drills=ids, attempts=rules.attempts, window_minutes=rules.window_minutes,
                countdown_s=rules.countdown_s, public_board=rules.public_board,
                state=contest.state,
            )  # fmt: skip
            return _record(session, contest)

    @writes(CONTESTS)
    def open(self, actor: Actor, name: str) -> ContestRecord:
        """Announce a draft: contestants see it and wait for the start."""
        return self._step(actor, name, ContestState.OPEN, None)

    def server_time(self, actor: Actor) -> datetime:
        """The database's clock now (``store.server_clock``), for a workstation to check
        its own against: contest windows run on the database's clock."""
        with self._db.reading() as session:
            authorize(session, actor, Permission.PRACTISE)
            return server_now(session)

    @writes(CONTESTS)
    def start(self, actor: Actor, name: str, now: datetime | None = None) -> ContestRecord:
        """Start the contest for the room: the countdown runs from ``now`` (default: the
        database's clock, the same for every workstation), then the window."""
        return self._step(actor, name, ContestState.RUNNING, now, timed=True)

    @writes(CONTESTS)
    def close(self, actor: Actor, name: str, now: datetime | None = None) -> ContestResults:
        """Close the contest at ``now`` (default: the database's clock) and lock its
        standings (computed once more and stored, in the same transaction as the close)."""
        with self._db.writing() as session:
            now = now or server_now(session)
            caller = authorize(session, actor, Permission.ASSIGN)
            contest = _find(session, caller, name)
            _advance(session, actor, contest, ContestState.CLOSED, now)
            record = _record(session, contest)
            locked = _compute(session, contest, record)
            contest.results = to_json(locked)
            audit.record(
                session, actor, "contest.lock", "contest", contest.id, name=contest.name,
                contestants=len(locked.contestants),
            )  # fmt: skip
            return ContestResults(record, _branch_name(session, contest.branch_id), locked,
                                  True, now)  # fmt: skip

    def _step(
        self,
        actor: Actor,
        name: str,
        target: ContestState,
        now: datetime | None,
        *,
        timed: bool = False,
    ) -> ContestRecord:
        with self._db.writing() as session:
            if timed and now is None:
                now = server_now(session)
            caller = authorize(session, actor, Permission.ASSIGN)
            contest = _find(session, caller, name)
            _advance(session, actor, contest, target, now)
            return _record(session, contest)

    # -- reading -------------------------------------------------------------------------

    def in_branch(self, actor: Actor) -> list[ContestRecord]:
        """The branch's contests, newest first; drafts only for those who run contests."""
        with self._db.reading() as session:
            caller = authorize(session, actor, Permission.PRACTISE)
            query = select(Contest).where(Contest.branch_id == _branch_of(session, caller))
            if not caller.has(Permission.ASSIGN):
                query = query.where(Contest.state != str(ContestState.DRAFT))
            rows = session.scalars(query.order_by(Contest.created_at.desc(), Contest.name))
            return [_record(session, c) for c in rows]

    def eligible_drills(self, actor: Actor) -> list[ContentRecord]:
        """The newest version of every drill pack with a test mode: what a contest may
        be sat on (for the trainer's "New contest" dialog), by title."""
        with self._db.reading() as session:
            authorize(session, actor, Permission.ASSIGN)
            items = list(
                session.scalars(
                    select(ContentItem)
                    .where(ContentItem.kind == "drill")
                    .order_by(ContentItem.content_id, ContentItem.version.desc())
                )
            )
            newest: dict[str, ContentItem] = {}
            for item in items:
                newest.setdefault(item.content_id, item)
            out = []
            for item in newest.values():
                try:
                    _newest_drill(session, item.content_id)
                except InvalidInputError:
                    continue  # no test mode, a logged drill, or a version that no longer parses
                out.append(to_record(item))
            return sorted(out, key=lambda r: (r.title, r.content_id))

    def get(self, actor: Actor, name: str) -> ContestRecord:
        with self._db.reading() as session:
            caller = authorize(session, actor, Permission.PRACTISE)
            return _record(session, _visible(session, caller, name))

    def results(self, actor: Actor, name: str) -> ContestResults:
        """The standings: locked ones for a closed contest, else computed now.

        Before the close a contestant (who neither runs contests nor reads team results)
        gets only their own results, without points or ranks, which would tell them the
        best result so far (``ContestResults.own_only``), unless the contest has a public
        board; trainers, supervisors and the command line get everything."""
        with self._db.reading() as session:
            caller = authorize(session, actor, Permission.PRACTISE)
            contest = _visible(session, caller, name)
            record = _record(session, contest)
            branch = _branch_name(session, contest.branch_id)
            if contest.results is not None:
                return ContestResults(record, branch, from_json(contest.results), True,
                                      contest.closed_at or datetime.now(UTC))  # fmt: skip
            locked = _compute(session, contest, record)
            whole_board = (
                contest.public_board
                or caller.person_id is None
                or caller.has(Permission.ASSIGN)
                or caller.has(Permission.VIEW_TEAM_RESULTS)
            )
            if not whole_board and caller.person_id is not None:
                return ContestResults(record, branch, own_results(locked, caller.person_id),
                                      False, datetime.now(UTC), own_only=True)  # fmt: skip
            return ContestResults(record, branch, locked, False, datetime.now(UTC))

    @writes(CONTESTS)
    def begin_attempt(
        self, actor: Actor, name: str, content_id: str, now: datetime | None = None
    ) -> ContestTicket:
        """The form a contestant sits now on ``content_id``, which uses one try at once
        (a paper opened and put down still counts): ContestNotLiveError outside the
        window, ContestTimeShortError when less time is left than the drill lasts,
        ContestTriesUsedError past the attempts allowed. ``now`` defaults to the
        database's clock: a workstation whose clock runs fast or slow neither starts
        early nor late."""
        with self._db.writing() as session:
            now = now or server_now(session)
            caller = authorize(session, actor, Permission.PRACTISE)
            contest = _visible(session, caller, name)
            record = _record(session, contest)
            current = record.phase(now)
            if current is not Phase.LIVE:
                raise ContestNotLiveError(contest.name, current.value.replace("_", " "))
            drill = next((d for d in contest.drills if d.content_id == content_id), None)
            if drill is None:
                raise NotFoundError(f"{content_id} is not a drill of the contest {name!r}")
            item = session.get(ContentItem, drill.content_item_id)
            if item is None:
                raise NotFoundError(f"the contest's version of {content_id} is gone")
            definition = parse_stored(f"{item.content_hash[:12]}/{item.source_name}",
                                      item.source_text)  # fmt: skip
            if not isinstance(definition, DrillDefinition):
                raise InvalidInputError("drill", f"{content_id} is not a drill pack")
            lasts = definition.settings(Mode.TEST).time_limit_s
            left = (contest.ends_at - now).total_seconds() if contest.ends_at else None
            if lasts is not None and left is not None and left < lasts:
                raise ContestTimeShortError(int(left), lasts)
            if caller.person_id is None:
                # The command line (an administrator with the database in hand) sees the
                # paper; only a person sitting it uses a try.
                return ContestTicket(record, to_record(item), definition, drill.seed, 0)
            handed_out = (
                session.scalar(
                    select(func.count()).where(
                        ContestSitting.contest_id == contest.id,
                        ContestSitting.content_id == content_id,
                        ContestSitting.person_id == caller.person_id,
                    )
                )
                or 0
            )
            saved = len(_attempts(session, contest, [drill], person_id=caller.person_id))
            used = max(handed_out, saved)
            if used >= contest.attempts:
                raise ContestTriesUsedError(contest.attempts)
            # Two workstations asking at once for the same person's next try collide on
            # the key (contest, drill, person, try): one of them is refused.
            sitting = ContestSitting(
                contest_id=contest.id,
                content_id=content_id,
                person_id=caller.person_id,
                try_number=used + 1,
                issued_at=now,
            )
            session.add(sitting)
            audit.record(
                session, actor, "contest.sit", "contest", contest.id, name=contest.name,
                drill=content_id, try_number=used + 1,
            )  # fmt: skip
            return ContestTicket(record, to_record(item), definition, drill.seed, used)


# -- helpers -----------------------------------------------------------------------------


def _advance(
    session: Session, actor: Actor, contest: Contest, target: ContestState, now: datetime | None
) -> None:
    """Take ``contest`` to ``target`` (ContestStateError when its life cycle forbids it):
    a start sets the window from ``now``; a close before the window's end ends it now."""
    current = ContestState(contest.state)
    try:
        check_step(current, target)
    except ContestRuleError:
        raise ContestStateError(contest.name, current.value, _verb(target)) from None
    contest.state = str(target)
    if target is ContestState.RUNNING and now is not None:
        contest.started_at = now
        contest.begins_at, contest.ends_at = _rules(contest).window(now)
    if target is ContestState.CLOSED and now is not None:
        contest.closed_at = now
        if contest.ends_at is not None and contest.ends_at > now:
            contest.ends_at = max(now, contest.begins_at or now)
    audit.record(
        session, actor, f"contest.{_verb(target)}", "contest", contest.id,
        name=contest.name, previous=current.value,
    )  # fmt: skip


def _verb(target: ContestState) -> str:
    return {
        ContestState.OPEN: "opened",
        ContestState.RUNNING: "started",
        ContestState.CLOSED: "closed",
        ContestState.DRAFT: "drafted",
    }[target]


def _branch_of(session: Session, caller: Caller) -> uuid.UUID | None:
    """The caller's branch; for the command line, the database's first branch."""
    if caller.branch_id is not None:
        return caller.branch_id
    return session.scalar(select(Branch.id).order_by(Branch.created_at).limit(1))


def _branch_name(session: Session, branch_id: uuid.UUID | None) -> str:
    if branch_id is None:
        return ""
    return session.scalar(select(Branch.name).where(Branch.id == branch_id)) or ""


def _find(session: Session, caller: Caller, name: str) -> Contest:
    contest = session.scalar(
        select(Contest).where(
            Contest.branch_id == _branch_of(session, caller), Contest.name == name.strip()
        )
    )
    if contest is None:
        raise NotFoundError(f"no contest named {name!r}")
    return contest


def _visible(session: Session, caller: Caller, name: str) -> Contest:
    contest = _find(session, caller, name)
    if contest.state == str(ContestState.DRAFT) and not caller.has(Permission.ASSIGN):
        raise NotFoundError(f"no contest named {name!r}")
    return contest


def _newest_drill(session: Session, content_id: str) -> tuple[ContentItem, DrillDefinition]:
    item = session.scalar(
        select(ContentItem)
        .where(ContentItem.content_id == content_id, ContentItem.kind == "drill")
        .order_by(ContentItem.version.desc())
        .limit(1)
    )
    if item is None:
        raise InvalidInputError("drills", f"no drill pack {content_id!r} is stored")
    definition = parse_stored(f"{item.content_hash[:12]}/{item.source_name}", item.source_text)
    if not isinstance(definition, DrillDefinition):
        raise InvalidInputError("drills", f"{content_id} is not a drill pack")
    if Mode.TEST not in definition.modes:
        raise InvalidInputError("drills", f"{content_id} has no test mode")
    return item, definition


def _rules(contest: Contest) -> ContestRules:
    return ContestRules(
        contest.attempts,
        contest.window_minutes,
        contest.countdown_s,
        public_board=bool(contest.public_board),
    )


def _record(session: Session, contest: Contest) -> ContestRecord:
    items = {
        i.id: i
        for i in session.scalars(
            select(ContentItem).where(
                ContentItem.id.in_([d.content_item_id for d in contest.drills])
            )
        )
    }
    drills = []
    for d in contest.drills:
        item = items.get(d.content_item_id)
        drill_type = item.drill_type if item is not None else None
        drills.append(
            ContestDrillRecord(
                d.content_id,
                item.title if item is not None else d.content_id,
                drill_type,
                _speed_unit(session, d.content_item_id),
                points_of(drill_type),
                item.language if item is not None else "en",
            )
        )
    return ContestRecord(
        contest.id, contest.name, ContestState(contest.state), _rules(contest), tuple(drills),
        contest.created_at, contest.started_at, contest.begins_at, contest.ends_at,
        contest.closed_at,
    )  # fmt: skip


def _speed_unit(session: Session, content_item_id: uuid.UUID) -> str | None:
    """The unit the drill's attempts are measured in (from one of them, else None)."""
    return session.scalar(
        select(Attempt.speed_unit).where(Attempt.content_item_id == content_item_id).limit(1)
    )


def _attempts(
    session: Session,
    contest: Contest,
    drills: Sequence[ContestDrill],
    person_id: uuid.UUID | None = None,
) -> list[ContestAttempt]:
    """The contest's attempts: test attempts on the contest's version and form of each
    drill, by people of its branch, started inside its window."""
    if contest.begins_at is None or contest.ends_at is None:
        return []
    out: list[ContestAttempt] = []
    for drill in drills:
        query = (
            select(Attempt)
            .join(Person, Person.id == Attempt.person_id)
            .where(
                Attempt.content_item_id == drill.content_item_id,
                Attempt.mode == str(Mode.TEST),
                Attempt.seed == drill.seed,
                Attempt.started_at >= contest.begins_at,
                Attempt.started_at < contest.ends_at,
                Person.branch_id == contest.branch_id,
            )
        )
        if person_id is not None:
            query = query.where(Attempt.person_id == person_id)
        for a in session.scalars(query):
            out.append(
                ContestAttempt(
                    a.id,
                    a.person_id,
                    drill.content_id,
                    a.started_at,
                    a.completion == str(Completion.COMPLETE),
                    a.valid,
                    a.speed,
                    a.score,
                    a.accuracy,
                    a.duration_ms,
                )
            )
    return out


def _compute(session: Session, contest: Contest, record: ContestRecord) -> LockedResults:
    attempts = _attempts(session, contest, contest.drills)
    table = standings([d.spec for d in record.drills], attempts, contest.attempts)
    ids = [o.person_id for o in table.overall]
    people = {
        pid: Contestant(pid, name, number, team)
        for pid, name, number, team in session.execute(
            select(Person.id, Person.name, Person.employee_number, Team.name)
            .outerjoin(Team, Team.id == Person.team_id)
            .where(Person.id.in_(ids))
        )
    }
    contestants = tuple(people.get(pid, Contestant(pid, "?", "?", None)) for pid in ids)
    teams = team_standings(
        table.overall,
        {c.person_id: c.team_name for c in contestants},
        _team_minutes(session, contest, contestants),
    )
    return LockedResults(table, teams, contestants)


def _team_minutes(
    session: Session, contest: Contest, contestants: Sequence[Contestant]
) -> dict[str | None, float | None]:
    """For reference beside the team ranking (never ranked): the customer-minutes of
    waiting a day each team's contestants' gains over their baselines save at the
    branch's queue (the supervisor's customer-time panel, ``services.customer_time``)."""
    if not contestants:
        return {}
    teams: dict[str | None, list[uuid.UUID]] = {}
    for c in contestants:
        teams.setdefault(c.team_name, []).append(c.person_id)
    setting = load_mix(session)
    levels = skill_levels(session, [c.person_id for c in contestants], EVERYTHING)
    basis = queue_basis(session, contest.branch_id, setting, EVERYTHING)
    tellers = tellers_in_branch(session, contest.branch_id)
    minutes: dict[str | None, float | None] = {}
    for team, members in teams.items():
        measured = [levels[pid] for pid in members if has_levels(levels[pid])]
        saved: float | None = None
        if measured:
            effect = branch_effect(basis, setting, savings_of(setting, measured), tellers)
            saved = effect.customer_minutes_saved
            saved = None if saved is None else round(saved, 1)
        minutes[team] = saved
    return minutes


def results_rows(results: ContestResults) -> list[dict[str, Any]]:
    """One row per contestant for the results sheet (CSV): rank, who, points per drill
    and overall, their team's rank and mean points, and (for reference) the team's
    customer-minutes saved."""
    by_drill = {spec.content_id: {r.person_id: r for r in rows}
                for spec, rows in results.results.standings.drills}  # fmt: skip
    teams = {t.team_name: t for t in results.results.teams}
    rows = []
    for o in results.results.standings.overall:
        who = results.contestant(o.person_id)
        row: dict[str, Any] = {
            "rank": o.rank,
            "employee_number": who.employee_number,
            "name": who.name,
            "team": who.team_name or "",
        }
        for drill in results.contest.drills:
            standing = by_drill[drill.content_id].get(o.person_id)
            row[f"{drill.content_id}:result"] = (
                "" if standing is None or standing.result is None else round(standing.result, 2)
            )
            row[f"{drill.content_id}:points"] = 0.0 if standing is None else standing.points
        row["points"] = o.points
        team = teams.get(who.team_name)
        rank = None if team is None else team.rank
        row["team_rank"] = "" if rank is None else rank
        row["team_mean_points"] = "" if team is None or rank is None else team.mean_points
        minutes = None if team is None else team.customer_minutes_saved
        row["team_customer_minutes_saved_a_day"] = "" if minutes is None else minutes
        rows.append(row)
    return rows
