"""Building the demo branch: its people, six months of practice played through the real
engines, assignments and queue tickets.

Slow by nature (every attempt is simulated keystroke by keystroke and scored, a minute of
CPU), so it runs once per release and content into a snapshot that ``svctrainer demo``
and ``gui --demo`` copy (services/demo.py), or in place on a database server.
"""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select, update

from svctrainer import __version__
from svctrainer.core.demo_branch import BRANCH_NAME, DEMO_PEOPLE, DEMO_PIN, TEAMS, DemoPerson
from svctrainer.core.demo_history import (
    PlannedAttempt,
    PlannedScenarioRun,
    plan_history,
    plan_scenario_runs,
    practice_stop_ms,
)
from svctrainer.core.drills.base import DrillRun
from svctrainer.core.drills.registry import drill_kind
from svctrainer.core.drills.simulated_trainee import simulate
from svctrainer.core.drills.tenkey import TENKEY
from svctrainer.core.keystrokes import encode_events
from svctrainer.core.packs.definition import DrillDefinition, Mode
from svctrainer.core.pin_hash import OWASP_COST, ScryptCost, hash_pin
from svctrainer.core.roles import Role
from svctrainer.core.scenarios.decision_log_codec import (
    DECISION_ENCODING,
    encode_decisions,
    stored_run,
)
from svctrainer.core.scenarios.engine import DecisionLogEntry
from svctrainer.core.scenarios.model import Scenario
from svctrainer.core.scenarios.simulated_customer_handler import simulate_run
from svctrainer.services import audit
from svctrainer.services.actor import Actor
from svctrainer.services.api import Services
from svctrainer.services.attempts import KEYSTROKE_ENCODING, stored_details
from svctrainer.services.content import parse_stored
from svctrainer.services.demo import DemoSummary
from svctrainer.services.errors import ConflictError
from svctrainer.store.database import Database
from svctrainer.store.models import (
    Assignment,
    Attempt,
    AttemptEvent,
    Branch,
    ContentItem,
    Person,
    PersonRole,
    Team,
    TeamTrainer,
)


def create_demo_branch(
    db: Database, actor: Actor, pin_cost: ScryptCost = OWASP_COST
) -> DemoSummary:
    """Refuses a database that already has people: the demo never mixes with real data."""
    # Every demo profile has the same published PIN, so one salted hash serves them all
    # (24 scrypt runs would add ~12 s to opening the demo and protect nothing).
    pin_hash = hash_pin(DEMO_PIN, pin_cost)
    with db.writing() as session:
        if session.scalar(select(func.count()).select_from(Person)):
            raise ConflictError(
                f"{db.label} already has people in it; the demo fills only an empty database"
            )
        branch = Branch(name=BRANCH_NAME)
        session.add(branch)
        session.flush()
        teams = {name: Team(branch_id=branch.id, name=name) for name in TEAMS}
        session.add_all(teams.values())
        session.flush()
        people: dict[str, Person] = {}
        for demo in DEMO_PEOPLE:
            person = Person(
                branch_id=branch.id,
                team_id=teams[demo.team].id if demo.team else None,
                employee_number=demo.employee_number,
                name=demo.name,
                pin_hash=pin_hash,
                roles=[PersonRole(role=r.value) for r in sorted(demo.roles)],
            )
            session.add(person)
            people[demo.employee_number] = person
        session.flush()
        for demo in DEMO_PEOPLE:
            if Role.TRAINER in demo.roles and demo.team:
                session.add(
                    TeamTrainer(
                        team_id=teams[demo.team].id, person_id=people[demo.employee_number].id
                    )
                )
        audit.record(
            session, actor, "demo.create", "branch", branch.id, people=len(people), teams=len(teams)
        )
    return DemoSummary(people=len(DEMO_PEOPLE), teams=len(TEAMS), attempts=0)


HISTORY_BATCH = 1000
"""Played attempts stored per write. Each write recomputes the kept progress summary of
every (person, item) it touched from all their attempts so far, so small writes redo the
early history again and again: 200 a write spent a tenth of the whole build there. A
thousand attempts with their logs are a few megabytes."""


def generate_history(
    db: Database,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
    *,
    branch_id: uuid.UUID | None = None,
    roster: Sequence[DemoPerson] = DEMO_PEOPLE,
    seed: int = 2026,
) -> int:
    """Six months of real, replayable attempts for the demo people; returns how many.
    ``branch_id``, ``roster`` and ``seed``: another demo branch's people (a demo region,
    ``services.demo_region``), whose employee numbers may repeat the first branch's.

    Each planned attempt is played by a simulated trainee through the real engine, and
    stored with its event log exactly as the GUI would store it, so charts, result screens
    and ``attempt rescore`` behave as for real people. Runs as trusted system code (it
    stores the engine's result for the log it just produced instead of replaying again).
    """
    today = today or datetime.now(UTC).date()
    with db.reading() as session:
        in_branch = [] if branch_id is None else [Person.branch_id == branch_id]
        people = {
            p.employee_number: p.id
            for p in session.scalars(select(Person).where(Person.active.is_(True), *in_branch))
        }
        items = list(session.scalars(select(ContentItem).where(ContentItem.kind == "drill")))
    learners = [d for d in roster if Role.TELLER in d.roles and d.employee_number in people]
    by_language: dict[str, tuple[list[str], list[str]]] = {}
    definitions: dict[str, tuple[ContentItem, DrillDefinition]] = {}
    for item in _newest(items):
        definition = parse_stored(f"{item.content_hash[:12]}/{item.source_name}", item.source_text)
        if not isinstance(definition, DrillDefinition) or drill_kind(definition.drill_type) is None:
            continue
        definitions[item.content_id] = (item, definition)
        practice, tests = by_language.setdefault(definition.language, ([], []))
        (tests if Mode.TEST in definition.modes else practice).append(item.content_id)
    plans: list[PlannedAttempt] = []
    for index, lang in enumerate(sorted(by_language)):
        group = [d.employee_number for i, d in enumerate(learners) if _language_of(i) == lang]
        practice, tests = by_language[lang]
        # the ten-key test first: the keying baseline the other skills are set against
        tests.sort(key=lambda cid: (definitions[cid][1].drill_type != TENKEY.name, cid))
        plans += plan_history(group, sorted(practice), tests, today, seed=seed + index)
    plans.sort(key=lambda p: p.started_at)
    stored = 0
    batch: list[tuple[dict[str, object], dict[str, object]]] = []
    for n, plan in enumerate(plans):
        item, definition = definitions[plan.content_id]
        mode = Mode(plan.mode)
        stop_ms = plan.max_active_ms
        if mode is Mode.PRACTICE:
            stop_ms = practice_stop_ms(definition.settings(mode), plan.behaviour_seed)
        run = simulate(
            definition,
            mode,
            plan.skill,
            seed=plan.seed,
            behaviour_seed=plan.behaviour_seed,
            max_active_ms=stop_ms,
        )
        batch.append(_rows(run, item, people[plan.person_key], plan.started_at))
        if len(batch) >= HISTORY_BATCH:
            stored += _store(db, batch)
            batch.clear()
        if progress is not None and n % 25 == 0:
            progress(n, len(plans))
    stored += _store(db, batch)
    stored += _scenario_history(db, people, learners, today, seed + 1)
    if progress is not None:
        progress(len(plans), len(plans))
    return stored


def _scenario_history(
    db: Database,
    people: dict[str, uuid.UUID],
    learners: list[DemoPerson],
    today: date,
    seed: int = 2027,
) -> int:
    """Scenario runs played by a simulated teller through the real engine, stored with
    their decision logs exactly as the GUI stores them."""
    with db.reading() as session:
        items = list(session.scalars(select(ContentItem).where(ContentItem.kind == "scenario")))
    scenarios: dict[str, tuple[ContentItem, Scenario]] = {}
    by_language: dict[str, list[str]] = {}
    for item in _newest(items):
        parsed = parse_stored(f"{item.content_hash[:12]}/{item.source_name}", item.source_text)
        if isinstance(parsed, Scenario):
            scenarios[item.content_id] = (item, parsed)
            by_language.setdefault(item.language, []).append(item.content_id)
    stored = 0
    for index, lang in enumerate(sorted(by_language)):
        group = [d.employee_number for i, d in enumerate(learners) if _language_of(i) == lang]
        plans = plan_scenario_runs(group, sorted(by_language[lang]), today, seed=seed + index)
        batch = []
        for plan in plans:
            item, scenario = scenarios[plan.content_id]
            played = simulate_run(scenario, plan.skill, plan.seed)
            if not played.log:
                continue
            batch.append(_scenario_rows(played.log, scenario, item, people[plan.person_key], plan))
        stored += _store(db, batch)
    return stored


def _scenario_rows(
    log: Sequence[DecisionLogEntry],
    scenario: Scenario,
    item: ContentItem,
    person_id: uuid.UUID,
    plan: PlannedScenarioRun,
) -> tuple[dict[str, object], dict[str, object]]:
    run = stored_run(scenario, log)
    attempt_id = uuid.uuid4()
    started_at = plan.started_at
    attempt = {
        "id": attempt_id,
        "person_id": person_id,
        "content_item_id": item.id,
        "mode": plan.mode,
        "started_at": started_at,
        **run.figures,
        "invalidated_reason": None,
        "seed": None,
        "app_version": __version__,
        "workstation": "demo",
        "details": run.details,
        "recorded_at": started_at + timedelta(milliseconds=run.figures["duration_ms"]),
    }
    events = {
        "attempt_id": attempt_id,
        "encoding": DECISION_ENCODING,
        "event_count": len(log),
        "data": encode_decisions(log),
    }
    return attempt, events


DEMO_QUEUE_SERVICE_S = (315.0, 285.0)  # mean service time at the start and the end


def create_demo_queue_data(db: Database, today: date | None = None) -> int:
    """The demo branch's queue tickets over the history's weeks, simulated with a mean
    service time that falls as its tellers' skills grow (315 s to 285 s; the default
    profile's windows and arrivals), and imported as a branch imports its export."""
    from svctrainer.core.demo_history import WEEKS  # noqa: PLC0415
    from svctrainer.core.queueing.ticket_simulation import (  # noqa: PLC0415
        export_csv,
        simulate_days,
    )
    from svctrainer.services.queue_data import ImportOptions, QueueDataService  # noqa: PLC0415
    from svctrainer.services.settings import DEFAULT_MIX, DEFAULT_PROFILE  # noqa: PLC0415

    today = today or datetime.now(UTC).date()
    first = today - timedelta(weeks=WEEKS)
    days = [first + timedelta(days=n) for n in range((today - first).days)]
    days = [d for d in days if d.weekday() < 5]
    start, end = DEMO_QUEUE_SERVICE_S

    def service_s(day: date) -> float:
        return start + (end - start) * (day - first).days / max(1, (today - first).days)

    business = [(t.name, t.share) for t in DEFAULT_MIX.types]
    tickets = simulate_days(days, DEFAULT_PROFILE, service_s, 1.0, 2026, business)
    with tempfile.TemporaryDirectory(prefix="svctrainer-demo-") as folder:
        path = Path(folder) / "demo-queue-tickets.csv"
        path.write_text(export_csv(tickets), encoding="utf-8")
        result = QueueDataService(db).import_file(Actor.command_line(), path, ImportOptions())
    return result.added


def create_demo_assignments(db: Database, today: date | None = None) -> int:
    """Each team's trainer set three assignments: one finished weeks ago, one now overdue,
    one open, so My assignments, the trainer console and the dashboard's done/overdue
    columns show every state. Completion is decided from the demo results, as always."""
    from svctrainer.services.assignments import AssignmentService  # noqa: PLC0415

    today = today or datetime.now(UTC).date()
    service = AssignmentService(db)
    with db.reading() as session:
        people = {p.employee_number: p for p in session.scalars(select(Person))}
    learners = [d for d in DEMO_PEOPLE if Role.TELLER in d.roles]
    language = {d.employee_number: _language_of(i) for i, d in enumerate(learners)}
    made = 0
    for trainer in (d for d in DEMO_PEOPLE if Role.TRAINER in d.roles and d.team):
        coach = people[trainer.employee_number]
        actor = Actor.person(coach.id, coach.name, coach.employee_number)
        team = [
            d.employee_number
            for d in learners
            if d.team == trainer.team and d.employee_number != trainer.employee_number
        ]
        for lang in ("en", "zh"):
            ids = [people[n].id for n in team if language[n] == lang]
            if not ids:
                continue
            for targets, set_on, due_on, practice in (
                ({f"tenkey-amounts-test.{lang}": {"mode": "test", "min_speed": 6000,
                  "speed_unit": "net_kph", "min_accuracy": 0.97}}, 84, 42, 0),
                ({f"angry-transfer.{lang}": {"min_tier": "comfort"}}, 35, 5, 2),
                ({f"tenkey-amounts-test.{lang}": {"mode": "test", "min_speed": 9000,
                  "speed_unit": "net_kph", "min_accuracy": 0.98}}, 0, -14, 0),
            ):  # fmt: skip
                created = service.create(
                    actor,
                    targets=targets,
                    person_ids=ids,
                    due_on=today - timedelta(days=due_on),
                    min_practice=practice,
                    today=today - timedelta(days=set_on),
                )
                # Set back in time like the history (only results after it count).
                set_at = datetime(today.year, today.month, today.day, 8, tzinfo=UTC)
                with db.writing() as session:
                    session.execute(
                        update(Assignment)
                        .where(Assignment.id.in_([a.id for a in created]))
                        .values(created_at=set_at - timedelta(days=set_on))
                    )
                made += len(created)
    return made


DEMO_CONTEST = "Autumn skills cup"
DEMO_CONTEST_DRILLS = ("tenkey-amounts-test.en", "voucher-summing-test.en")
DEMO_CONTEST_ZH = "秋季业务技能比赛"
DEMO_CONTEST_DRILLS_ZH = ("tenkey-amounts-test.zh", "voucher-summing-test.zh")
DEMO_CONTEST_DAYS_AGO = 12
DEMO_CONTESTS = (
    (DEMO_CONTEST_ZH, DEMO_CONTEST_DRILLS_ZH, 7),  # name, drills, hour (UTC) of the start
    (DEMO_CONTEST, DEMO_CONTEST_DRILLS, 8),
)
"""The same contest in each language of the demo branch, an hour apart: a Chinese
interface shows the Chinese one (its drills' titles are Chinese), an English one the
English one (``gui.pages.contest`` picks the contest of the interface's language)."""


def create_demo_contest(db: Database, today: date | None = None) -> int:
    """The finished branch skills contests, twelve days ago (``DEMO_CONTESTS``): the
    first team trainer runs each through the contest service (create, start, close —
    audited as in real life), and every teller sits each drill once on the contest's one
    form, played by a simulated trainee at the level of a few months' practice. Returns
    the attempts stored.

    Two drills only (ten-key and the voucher-summing contest book, digits that every
    teller keys whatever their language): the demo stays quick to build."""
    from svctrainer.core.contest.rules import ContestRules  # noqa: PLC0415
    from svctrainer.core.demo_history import make_learner  # noqa: PLC0415
    from svctrainer.core.drills.seeded_random import SeededRandom  # noqa: PLC0415
    from svctrainer.services.contests import ContestService  # noqa: PLC0415

    today = today or datetime.now(UTC).date()
    service = ContestService(db)
    with db.reading() as session:
        people = {p.employee_number: p for p in session.scalars(select(Person))}
        items = {i.id: i for i in session.scalars(select(ContentItem))}
    trainer_key = next(d for d in DEMO_PEOPLE if Role.TRAINER in d.roles and d.team)
    coach = people[trainer_key.employee_number]
    trainer = Actor.person(coach.id, coach.name, coach.employee_number)
    rules = ContestRules(attempts=1, window_minutes=40, countdown_s=60)
    learners = [d for d in DEMO_PEOPLE if Role.TELLER in d.roles]
    stored = 0
    for c, (name, drills, hour) in enumerate(DEMO_CONTESTS):
        service.create(trainer, name, drills, rules)
        opened = datetime(today.year, today.month, today.day, hour, tzinfo=UTC) - timedelta(
            days=DEMO_CONTEST_DAYS_AGO
        )
        record = service.start(trainer, name, now=opened)
        begins = record.begins_at or opened
        batch: list[tuple[dict[str, object], dict[str, object]]] = []
        for n, person_key in enumerate(learners):
            person = people[person_key.employee_number]
            actor = Actor.person(person.id, person.name, person.employee_number)
            learner = make_learner(person_key.employee_number, SeededRandom(4242 + n))
            skill = learner.skill(30, 20, SeededRandom(777 + n + 100 * c))
            for k, content_id in enumerate(drills):
                started = begins + timedelta(minutes=1 + 18 * k, seconds=7 * n)
                ticket = service.begin_attempt(actor, name, content_id, now=started)
                run = simulate(ticket.definition, Mode.TEST, skill, seed=ticket.seed,
                               behaviour_seed=9000 + 1000 * c + 10 * n + k)  # fmt: skip
                batch.append(_rows(run, items[ticket.content.id], person.id, started))
        stored += _store(db, batch)
        service.close(trainer, name, now=begins + timedelta(minutes=rules.window_minutes))
    return stored


def _language_of(index: int) -> str:
    """Two thirds of the demo people practise on the English packs, a third on Chinese."""
    return "zh" if index % 3 == 2 else "en"


def _newest(items: list[ContentItem]) -> list[ContentItem]:
    newest: dict[str, ContentItem] = {}
    for item in items:
        if item.content_id not in newest or item.version > newest[item.content_id].version:
            newest[item.content_id] = item
    return sorted(newest.values(), key=lambda i: i.content_id)


def _rows(
    run: DrillRun, item: ContentItem, person_id: uuid.UUID, started_at: datetime
) -> tuple[dict[str, object], dict[str, object]]:
    result = run.result()
    attempt_id = uuid.uuid4()
    events = run.events
    attempt = {
        "id": attempt_id,
        "person_id": person_id,
        "content_item_id": item.id,
        "mode": result.mode,
        "started_at": started_at,
        "duration_ms": result.active_ms,
        "speed": result.speed,
        "speed_unit": result.speed_unit,
        "accuracy": result.accuracy,
        "score": result.score,
        "grade": result.grade,
        "valid": result.valid,
        "completion": result.completion,
        "invalidated_reason": None,
        "seed": run.seed,
        "app_version": __version__,
        "workstation": "demo",
        "details": stored_details(result),
        "recorded_at": started_at + timedelta(milliseconds=result.active_ms),
    }
    log = {
        "attempt_id": attempt_id,
        "encoding": KEYSTROKE_ENCODING,
        "event_count": len(events),
        "data": encode_events(events),
    }
    return attempt, log


def _store(db: Database, batch: list[tuple[dict[str, object], dict[str, object]]]) -> int:
    if not batch:
        return 0
    with db.writing() as session:
        session.execute(insert(Attempt), [a for a, _ in batch])
        session.execute(insert(AttemptEvent), [e for _, e in batch])
    return len(batch)


def build_demo_database(
    path: Path, progress: Callable[[int, int], None] | None = None
) -> DemoSummary:
    """A complete demo database at ``path`` (created fresh): content, people, history."""
    path.unlink(missing_ok=True)
    services = Services.open(f"sqlite:///{path}")
    try:
        services.content.sync_bundled()
        summary = create_demo_branch(services.db, Actor.command_line())
        attempts = generate_history(services.db, progress=progress)
        create_demo_assignments(services.db)
        create_demo_queue_data(services.db)
        create_demo_contest(services.db)
        with services.db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        services.close()
    return DemoSummary(summary.people, summary.teams, attempts)
