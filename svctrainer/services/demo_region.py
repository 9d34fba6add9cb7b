"""``svctrainer demo --region``: the demo branch and two more on one database, a region
of the three, and a regional supervisor who compares them (``core.demo_region``).

Added after the demo branch is complete: the other branches get their people, a team
with its trainer, and six months of practice played through the real engine like the
first branch's (``services.demo.generate_history``, each branch from its own seed, so
their curves differ). The default demo stays one branch: this takes a few seconds more.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from svctrainer.core.demo_branch import BRANCH_NAME, DEMO_PIN, DemoPerson
from svctrainer.core.demo_region import (
    OTHER_BRANCHES,
    REGION_BRANCHES,
    REGION_NAME,
    REGIONAL_SUPERVISOR,
)
from svctrainer.core.pin_hash import OWASP_COST, ScryptCost, hash_pin
from svctrainer.core.roles import Role
from svctrainer.services import audit
from svctrainer.services.actor import Actor
from svctrainer.services.demo_builder import generate_history
from svctrainer.store.database import Database
from svctrainer.store.models import (
    Branch,
    Person,
    PersonRole,
    Region,
    RegionBranch,
    RegionSupervisor,
    Team,
    TeamTrainer,
)

REGION_SEED = 3100  # each further branch: its own history, reproducibly


@dataclass(frozen=True, slots=True)
class DemoRegionSummary:
    branches: int
    people: int  # added to the demo branch's
    attempts: int


def add_demo_region(
    db: Database,
    actor: Actor,
    progress: Callable[[int, int], None] | None = None,
    pin_cost: ScryptCost = OWASP_COST,
) -> DemoRegionSummary:
    """Add the region to a database holding the demo branch (``services.demo``)."""
    pin_hash = hash_pin(DEMO_PIN, pin_cost)  # the demo's one published PIN, hashed once
    added = 0
    branch_ids: dict[str, uuid.UUID] = {}
    with db.writing() as session:
        home = session.scalar(select(Branch).where(Branch.name == BRANCH_NAME))
        if home is None:
            raise ValueError("the demo region needs the demo branch first")
        regional = _person(home.id, None, REGIONAL_SUPERVISOR, pin_hash)
        session.add(regional)
        added += 1
        for name, (team_name, roster) in OTHER_BRANCHES.items():
            branch = Branch(name=name)
            session.add(branch)
            session.flush()
            team = Team(branch_id=branch.id, name=team_name)
            session.add(team)
            session.flush()
            people = [_person(branch.id, team.id if p.team else None, p, pin_hash) for p in roster]
            session.add_all(people)
            session.flush()
            for demo, person in zip(roster, people, strict=True):
                if Role.TRAINER in demo.roles and demo.team:
                    session.add(TeamTrainer(team_id=team.id, person_id=person.id))
            added += len(people)
            branch_ids[name] = branch.id
            audit.record(session, actor, "demo.create", "branch", branch.id, people=len(people))
        region = Region(name=REGION_NAME)
        session.add(region)
        session.flush()
        every = {BRANCH_NAME: home.id, **branch_ids}
        session.add_all(
            RegionBranch(region_id=region.id, branch_id=every[n]) for n in REGION_BRANCHES
        )
        session.add(RegionSupervisor(region_id=region.id, person_id=regional.id))
        audit.record(
            session, actor, "region.create", "region", region.id,
            name=REGION_NAME, branches=list(REGION_BRANCHES),
        )  # fmt: skip
    attempts = 0
    for index, (name, (_, roster)) in enumerate(OTHER_BRANCHES.items()):
        attempts += generate_history(
            db, progress=progress, branch_id=branch_ids[name], roster=roster,
            seed=REGION_SEED + 10 * index,
        )  # fmt: skip
    return DemoRegionSummary(len(REGION_BRANCHES), added, attempts)


def _person(
    branch_id: uuid.UUID, team_id: uuid.UUID | None, demo: DemoPerson, pin_hash: str
) -> Person:
    return Person(
        branch_id=branch_id,
        team_id=team_id,
        employee_number=demo.employee_number,
        name=demo.name,
        pin_hash=pin_hash,
        roles=[PersonRole(role=r.value) for r in sorted(demo.roles)],
    )
