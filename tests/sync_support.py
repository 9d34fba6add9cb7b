"""Two workstations of one branch for the offline-sync tests: each its own database with
the same branch name and employee numbers (but its own ids for them), results recorded
on each, and a view of a database's results that does not depend on its ids."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from support import FAST_PIN_COST, typed_perfectly

from svctrainer.core.packs.definition import Mode
from svctrainer.core.roles import Role
from svctrainer.core.scenarios.engine import ScenarioRun
from svctrainer.services.actor import Actor
from svctrainer.services.api import Services
from svctrainer.services.records import PersonRecord
from svctrainer.store.models import Attempt, AttemptEvent, Branch, ContentItem, Person

CLI = Actor.command_line()
PIN = "2468"
BRANCH = "Harbour Road"
S = 1_000_000_000
SEED = 424_242  # our own: a pack's form is drawn fresh for every attempt


@dataclass
class Workstation:
    services: Services
    trainer: PersonRecord
    tom: PersonRecord
    tess: PersonRecord

    def actor(self, who: PersonRecord) -> Actor:
        return Actor.person(who.id, who.name, who.employee_number)


def workstation(url: str, *, with_tess: bool = True, branch: str = BRANCH) -> Workstation:
    """A branch database at ``url`` (migrated, shipped content stored): admin A1, trainer
    R1 and tellers T1 (Tom) and T2 (Tess, unless ``with_tess`` is False)."""
    svc = Services.open(url, pin_cost=FAST_PIN_COST)
    svc.content.sync_bundled()
    svc.auth.set_up_branch(branch_name=branch, admin_name="Ada", employee_number="A1", pin=PIN)
    team = svc.people.create_team(CLI, "Counter")
    people = [
        svc.people.create_person(
            CLI, name=name, employee_number=number, pin=PIN, roles=[role], team_id=team.id
        )
        for name, number, role in (
            ("Tia Trainer", "R1", Role.TRAINER),
            ("Tom Teller", "T1", Role.TELLER),
            ("Tess Teller", "T2", Role.TELLER),
        )
        if with_tess or number != "T2"
    ]
    svc.people.set_team_trainers(CLI, team.id, [people[0].id])
    return Workstation(svc, people[0], people[1], people[2] if with_tess else people[1])


def record_drill(ws: Workstation, who: PersonRecord, minute: int) -> Any:
    svc, actor = ws.services, ws.actor(who)
    record = next(r for r in svc.content.latest(actor) if r.content_id == "tenkey-amounts-test.en")
    _, definition = svc.content.load(actor, record.id)
    events = typed_perfectly(definition, Mode.TEST, seed=SEED + minute, items=3)
    when = dt.datetime(2026, 11, 20, 9, minute, 30, 123456, tzinfo=dt.UTC)
    return svc.attempts.record_drill(
        actor, record.id, mode=Mode.TEST, seed=SEED + minute, events=events, started_at=when
    )


def record_scenario(ws: Workstation, who: PersonRecord, minute: int) -> Any:
    svc, actor = ws.services, ws.actor(who)
    record = next(r for r in svc.content.latest(CLI) if r.content_id == "sample-queue-wait.en")
    _, scenario = svc.content.load(CLI, record.id)
    run = ScenarioRun(scenario, 100 * S)
    t = 103 * S
    for choice_id in ("acknowledge", "verify_id", "check_id", "count_twice", "batch_explain",
                      "offer_payroll", "set_up_now"):  # fmt: skip
        run.choose(choice_id, t)
        t += 4 * S
    when = dt.datetime(2026, 11, 20, 10, minute, tzinfo=dt.UTC)
    return svc.attempts.record_scenario(actor, record.id, Mode.PRACTICE, run.log, when)


def record_hand_count(ws: Workstation, who: PersonRecord, day: int) -> Any:
    return ws.services.hand_count.record(
        ws.actor(ws.trainer), who.id, dt.date(2026, 11, day), minutes=5, notes_counted=600 + day,
        defects_found=2, banding_penalties=0, today=dt.date(2026, 11, 30),
    )  # fmt: skip


def results(services: Services) -> list[tuple[Any, ...]]:
    """Every stored result with its person and content named as a bundle names them
    (branch and employee number; content id and hash): equal lists mean equal data."""
    with services.db.reading() as session:
        rows = session.execute(
            select(Attempt, Branch.name, Person.employee_number, ContentItem, AttemptEvent)
            .join(Person, Person.id == Attempt.person_id)
            .join(Branch, Branch.id == Person.branch_id)
            .join(ContentItem, ContentItem.id == Attempt.content_item_id)
            .outerjoin(AttemptEvent, AttemptEvent.attempt_id == Attempt.id)
            .order_by(Attempt.id)
        ).all()
        return [
            (
                a.id,
                branch,
                number,
                item.content_id,
                item.content_hash,
                a.mode,
                a.started_at,
                a.duration_ms,
                a.speed,
                a.speed_unit,
                a.accuracy,
                a.score,
                a.grade,
                a.valid,
                a.completion,
                a.invalidated_reason,
                a.seed,
                a.app_version,
                a.workstation,
                json.dumps(a.details, sort_keys=True),
                a.recorded_at,
                (event.encoding, event.event_count, event.data) if event else None,
                a.fingerprint is not None,
            )
            for a, branch, number, item, event in rows
        ]


def attempt_count(services: Services) -> int:
    with services.db.reading() as session:
        return len(session.scalars(select(Attempt.id)).all())
