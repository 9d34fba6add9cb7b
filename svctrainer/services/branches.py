"""Branches and regions on a shared server: what ``svctrainer branch …`` and
``svctrainer region …`` do.

One server may hold many branches, each with its own people, teams, settings and queue
data (``services.access`` keeps every signed-in person inside their own). Creating and
renaming branches, grouping them into regions and naming who reads a region are the
server administrator's work (``Permission.MANAGE_BRANCHES``, held by no role: the
command line only), since a branch's own admin must not reach past their branch. Every
change is one transaction with its audit entry.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from svctrainer.core import text_fields
from svctrainer.core.roles import Permission, Role
from svctrainer.services import audit
from svctrainer.services.access import authorize
from svctrainer.services.actor import Actor
from svctrainer.services.changes import PEOPLE, writes
from svctrainer.services.error_boundary import translate_store_errors
from svctrainer.services.errors import ConflictError, InvalidInputError, NotFoundError
from svctrainer.store.database import Database
from svctrainer.store.models import Branch, Person, Region, RegionBranch, RegionSupervisor

MAX_NAME = 120


@dataclass(frozen=True, slots=True)
class BranchRecord:
    id: uuid.UUID
    name: str
    people: int  # active people
    regions: tuple[str, ...]  # sorted names


@dataclass(frozen=True, slots=True)
class RegionRecord:
    id: uuid.UUID
    name: str
    branches: tuple[str, ...]  # sorted names
    supervisors: tuple[str, ...]  # "Name (employee number)", sorted


def clean_name(value: str, field: str) -> str:
    try:
        return text_fields.clean_text(value, field=field, max_len=MAX_NAME)
    except text_fields.FieldError as exc:
        raise InvalidInputError(exc.field, exc.message) from None


@translate_store_errors
class BranchService:
    def __init__(self, db: Database) -> None:
        self._db = db

    # -- branches --------------------------------------------------------------------

    def list_branches(self, actor: Actor) -> list[BranchRecord]:
        with self._db.reading() as session:
            authorize(session, actor, Permission.MANAGE_BRANCHES)
            return _branches(session)

    @writes(PEOPLE)
    def create_branch(self, actor: Actor, name: str) -> BranchRecord:
        """A new, empty branch; its first admin is added with ``person add --branch``."""
        name = clean_name(name, "branch")
        with self._db.writing() as session:
            authorize(session, actor, Permission.MANAGE_BRANCHES)
            _check_branch_name_free(session, name)
            branch = Branch(name=name)
            session.add(branch)
            session.flush()
            audit.record(session, actor, "branch.create", "branch", branch.id, name=name)
            return BranchRecord(branch.id, name, 0, ())

    @writes(PEOPLE)
    def rename_branch(self, actor: Actor, name: str, new_name: str) -> BranchRecord:
        new_name = clean_name(new_name, "new name")
        with self._db.writing() as session:
            authorize(session, actor, Permission.MANAGE_BRANCHES)
            branch = _branch_named(session, name)
            if new_name != branch.name:
                _check_branch_name_free(session, new_name)
                audit.record(
                    session, actor, "branch.rename", "branch", branch.id,
                    before=branch.name, after=new_name,
                )  # fmt: skip
                branch.name = new_name
                session.flush()
            return next(b for b in _branches(session) if b.id == branch.id)

    # -- regions ---------------------------------------------------------------------

    def list_regions(self, actor: Actor) -> list[RegionRecord]:
        with self._db.reading() as session:
            authorize(session, actor, Permission.MANAGE_BRANCHES)
            return _regions(session)

    @writes(PEOPLE)
    def create_region(self, actor: Actor, name: str, branches: Iterable[str]) -> RegionRecord:
        """A region of the named branches (at least one)."""
        name = clean_name(name, "region")
        with self._db.writing() as session:
            authorize(session, actor, Permission.MANAGE_BRANCHES)
            if session.scalar(select(Region.id).where(Region.name == name)) is not None:
                raise ConflictError(f"a region called {name!r} already exists")
            members = _branches_named(session, branches)
            region = Region(name=name)
            session.add(region)
            session.flush()
            session.add_all(RegionBranch(region_id=region.id, branch_id=b.id) for b in members)
            audit.record(
                session, actor, "region.create", "region", region.id,
                name=name, branches=sorted(b.name for b in members),
            )  # fmt: skip
            session.flush()
            return _region(session, region)

    @writes(PEOPLE)
    def set_region_branches(
        self, actor: Actor, region: str, branches: Iterable[str]
    ) -> RegionRecord:
        """Replace the region's branches (at least one)."""
        with self._db.writing() as session:
            authorize(session, actor, Permission.MANAGE_BRANCHES)
            found = _region_named(session, region)
            members = _branches_named(session, branches)
            before = _region(session, found).branches
            for link in session.scalars(
                select(RegionBranch).where(RegionBranch.region_id == found.id)
            ):
                session.delete(link)
            session.flush()
            session.add_all(RegionBranch(region_id=found.id, branch_id=b.id) for b in members)
            session.flush()
            after = _region(session, found)
            if after.branches != before:
                audit.record(
                    session, actor, "region.branches", "region", found.id,
                    before=list(before), after=list(after.branches),
                )  # fmt: skip
            return after

    @writes(PEOPLE)
    def add_region_supervisor(
        self, actor: Actor, region: str, person_id: uuid.UUID
    ) -> RegionRecord:
        """Let a regional supervisor read ``region``; they must hold that role."""
        with self._db.writing() as session:
            authorize(session, actor, Permission.MANAGE_BRANCHES)
            found = _region_named(session, region)
            person = session.get(Person, person_id)
            if person is None:
                raise NotFoundError("no such person")
            if not any(r.role == Role.REGIONAL_SUPERVISOR for r in person.roles):
                raise InvalidInputError(
                    "person", f"{person.name} does not hold the regional_supervisor role"
                )
            if session.get(RegionSupervisor, (found.id, person.id)) is None:
                session.add(RegionSupervisor(region_id=found.id, person_id=person.id))
                audit.record(
                    session, actor, "region.supervisor_add", "region", found.id,
                    person=str(person.id),
                )  # fmt: skip
                session.flush()
            return _region(session, found)

    @writes(PEOPLE)
    def remove_region_supervisor(
        self, actor: Actor, region: str, person_id: uuid.UUID
    ) -> RegionRecord:
        with self._db.writing() as session:
            authorize(session, actor, Permission.MANAGE_BRANCHES)
            found = _region_named(session, region)
            link = session.get(RegionSupervisor, (found.id, person_id))
            if link is not None:
                session.delete(link)
                audit.record(
                    session, actor, "region.supervisor_remove", "region", found.id,
                    person=str(person_id),
                )  # fmt: skip
                session.flush()
            return _region(session, found)


def _check_branch_name_free(session: Session, name: str) -> None:
    if session.scalar(select(Branch.id).where(Branch.name == name)) is not None:
        raise ConflictError(f"a branch called {name!r} already exists")


def _branch_named(session: Session, name: str) -> Branch:
    branch = session.scalar(select(Branch).where(Branch.name == name))
    if branch is None:
        raise NotFoundError(f"no branch called {name!r}")
    return branch


def _branches_named(session: Session, names: Iterable[str]) -> list[Branch]:
    wanted = list(dict.fromkeys(n.strip() for n in names if n.strip()))
    if not wanted:
        raise InvalidInputError("branches", "name at least one branch")
    return [_branch_named(session, n) for n in wanted]


def _region_named(session: Session, name: str) -> Region:
    region = session.scalar(select(Region).where(Region.name == name))
    if region is None:
        raise NotFoundError(f"no region called {name!r}")
    return region


def _branches(session: Session) -> list[BranchRecord]:
    people = dict(
        session.execute(
            select(Person.branch_id, func.count())
            .where(Person.active.is_(True))
            .group_by(Person.branch_id)
        ).all()
    )
    regions: dict[uuid.UUID, list[str]] = {}
    for branch_id, region in session.execute(
        select(RegionBranch.branch_id, Region.name).join(
            Region, Region.id == RegionBranch.region_id
        )
    ):
        regions.setdefault(branch_id, []).append(region)
    return [
        BranchRecord(b.id, b.name, int(people.get(b.id, 0)), tuple(sorted(regions.get(b.id, []))))
        for b in session.scalars(select(Branch).order_by(Branch.name))
    ]


def _regions(session: Session) -> list[RegionRecord]:
    return [_region(session, r) for r in session.scalars(select(Region).order_by(Region.name))]


def _region(session: Session, region: Region) -> RegionRecord:
    branches = session.scalars(
        select(Branch.name)
        .join(RegionBranch, RegionBranch.branch_id == Branch.id)
        .where(RegionBranch.region_id == region.id)
        .order_by(Branch.name)
    )
    supervisors = session.execute(
        select(Person.name, Person.employee_number)
        .join(RegionSupervisor, RegionSupervisor.person_id == Person.id)
        .where(RegionSupervisor.region_id == region.id)
        .order_by(Person.name)
    )
    return RegionRecord(
        region.id,
        region.name,
        tuple(branches),
        tuple(f"{name} ({number})" for name, number in supervisors),
    )
