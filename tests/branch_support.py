"""The test branch (an admin, a supervisor, a trainer, three tellers, two teams) and the
one stored attempt many tests start from: set up by tests/conftest.py's fixtures, and by
a module that keeps them in a template database of its own (a PostgreSQL clone)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from support import typed_perfectly

from svctrainer.core.roles import Role
from svctrainer.services.actor import Actor
from svctrainer.services.api import Services
from svctrainer.services.attempts import AttemptRecord
from svctrainer.services.records import PersonRecord, TeamRecord


@dataclass
class Branch:
    """A small branch: people by role, with their actors, for service and GUI tests."""

    services: Services
    admin: PersonRecord
    supervisor: PersonRecord
    trainer: PersonRecord
    teller: PersonRecord
    other_teller: PersonRecord
    outsider_teller: PersonRecord
    team_a: TeamRecord
    team_b: TeamRecord
    pin: str = "2468"

    def actor(self, who: PersonRecord) -> Actor:
        return Actor.person(who.id, who.name, who.employee_number)


PIN = "2468"


BranchPeople = tuple[
    PersonRecord, PersonRecord, PersonRecord, PersonRecord, PersonRecord, PersonRecord,
    TeamRecord, TeamRecord,
]  # fmt: skip


def set_up_branch(services: Services) -> BranchPeople:
    svc = services
    signed = svc.auth.set_up_branch(
        branch_name="Test Branch", admin_name="Ada Admin", employee_number="A1", pin=PIN
    )
    admin = signed.person
    cli = Actor.command_line()
    people = svc.people
    team_a = people.create_team(cli, "Team A")
    team_b = people.create_team(cli, "Team B")
    supervisor = people.create_person(
        cli, name="Sam Supervisor", employee_number="S1", pin=PIN, roles=[Role.SUPERVISOR]
    )
    trainer = people.create_person(
        cli,
        name="Tia Trainer",
        employee_number="R1",
        pin=PIN,
        roles=[Role.TRAINER],
        team_id=team_a.id,
    )
    teller = people.create_person(
        cli,
        name="Tom Teller",
        employee_number="T1",
        pin=PIN,
        roles=[Role.TELLER],
        team_id=team_a.id,
    )
    other = people.create_person(
        cli,
        name="Tess Teller",
        employee_number="T2",
        pin=PIN,
        roles=[Role.TELLER],
        team_id=team_a.id,
    )
    outsider = people.create_person(
        cli,
        name="Otto Outsider",
        employee_number="T3",
        pin=PIN,
        roles=[Role.TELLER],
        team_id=team_b.id,
    )
    people.set_team_trainers(cli, team_a.id, [trainer.id])
    return admin, supervisor, trainer, teller, other, outsider, team_a, team_b


def record_tenkey_attempt(branch: Branch) -> AttemptRecord:
    """Store the shipped content and Tess Teller's practice attempt (seed 7, four items
    typed perfectly, 2026-11-20 09:30 UTC) on ``branch``."""
    from datetime import UTC, datetime

    from svctrainer.core.packs.definition import Mode

    svc = branch.services
    svc.content.sync_bundled()
    actor = branch.actor(branch.other_teller)
    record = next(
        r for r in svc.content.latest(actor) if r.content_id == "tenkey-amounts-practice.en"
    )
    _, definition = svc.content.load(actor, record.id)
    events = typed_perfectly(definition, Mode.PRACTICE, seed=7, items=4)
    return svc.attempts.record_drill(
        actor,
        record.id,
        mode=Mode.PRACTICE,
        seed=7,
        events=events,
        started_at=datetime(2026, 11, 20, 9, 30, tzinfo=UTC),
    )


MatrixWorld = tuple[BranchPeople, AttemptRecord, PersonRecord]
"""A branch's people, its ``tenkey_attempt`` and its regional supervisor (the role
matrix's ``world``), as records: the same in every copy of the database they are in."""


def set_up_world(services: Services, add_regional: Callable[[Branch], Branch]) -> MatrixWorld:
    """The role matrix's ``world`` on ``services``: the branch, the attempt, and
    ``add_regional`` (tests/services/test_role_matrix.py)."""
    branch = Branch(services, *set_up_branch(services))
    attempt = record_tenkey_attempt(branch)
    regional = add_regional(branch).regional  # type: ignore[attr-defined]
    return branch_people(branch), attempt, regional


def world_on(services: Services, world: MatrixWorld) -> Branch:
    """The ``world`` on a copy of the database ``set_up_world`` made it in."""
    people, attempt, regional = world
    branch = Branch(services, *people)
    branch.attempt = attempt  # type: ignore[attr-defined]
    branch.regional = regional  # type: ignore[attr-defined]
    return branch


def branch_people(branch: Branch) -> BranchPeople:
    return (
        branch.admin, branch.supervisor, branch.trainer, branch.teller, branch.other_teller,
        branch.outsider_teller, branch.team_a, branch.team_b,
    )  # fmt: skip
