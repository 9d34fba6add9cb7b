"""``svctrainer demo``: a believable branch to explore, reproducibly.

Creates the branch, its teams and 24 people with every role, then six months of practice
history over the content that exists (see :mod:`svctrainer.services.demo_history`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from svctrainer.core.demo_branch import BRANCH_NAME, DEMO_PEOPLE, DEMO_PIN, TEAMS
from svctrainer.core.pin_hash import OWASP_COST, ScryptCost, hash_pin
from svctrainer.core.roles import Role
from svctrainer.services import audit
from svctrainer.services.actor import Actor
from svctrainer.services.errors import ConflictError
from svctrainer.store.database import Database
from svctrainer.store.models import Branch, Person, PersonRole, Team, TeamTrainer


@dataclass(frozen=True, slots=True)
class DemoSummary:
    people: int
    teams: int
    attempts: int


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
