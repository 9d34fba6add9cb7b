"""People, teams and roles: what the admin screen and ``svctrainer`` admin commands do.

Each action is one call and one transaction: an admin's edit of a person (name, number,
team and roles together) either happens whole, with its audit entries, or not at all.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from svctrainer.core import text_fields
from svctrainer.core.lockout import LockState
from svctrainer.core.pin_hash import MIN_DIGITS, OWASP_COST, PinFormatError, ScryptCost, hash_pin
from svctrainer.core.roles import Permission, Role
from svctrainer.services import audit
from svctrainer.services.access import (
    Caller,
    acting_branch,
    authorize,
    in_caller_branch,
    load_caller,
)
from svctrainer.services.actor import Actor
from svctrainer.services.changes import PEOPLE, TEAMS, writes
from svctrainer.services.error_boundary import translate_store_errors
from svctrainer.services.errors import (
    AmbiguousEmployeeNumberError,
    ConflictError,
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
)
from svctrainer.services.records import PersonRecord, TeamRecord
from svctrainer.services.setting_rows import load_pin_policy, settings_branch
from svctrainer.store.database import Database
from svctrainer.store.models import Branch, Person, PersonRole, Team, TeamTrainer


def to_record(person: Person, team_name: str | None) -> PersonRecord:
    return PersonRecord(
        id=person.id,
        name=person.name,
        employee_number=person.employee_number,
        team_id=person.team_id,
        team_name=team_name,
        roles=frozenset(Role(r.role) for r in person.roles),
        active=person.active,
        locked_until=person.locked_until,
        pin_reset_needed=LockState(person.failed_pin_count, person.locked_until).needs_reset,
    )


def clean(fn: Callable[[str], str], value: str) -> str:
    try:
        return fn(value)
    except text_fields.FieldError as exc:
        raise InvalidInputError(exc.field, exc.message) from None


def checked_pin_hash(pin: str, cost: ScryptCost, min_digits: int = MIN_DIGITS) -> str:
    try:
        return hash_pin(pin, cost, min_digits)
    except PinFormatError as exc:
        raise InvalidInputError("pin", str(exc)) from None


@translate_store_errors
class PeopleService:
    def __init__(self, db: Database, pin_cost: ScryptCost = OWASP_COST) -> None:
        self._db = db
        self._pin_cost = pin_cost

    def _min_digits(self, actor: Actor, branch: str | None = None) -> int:
        """The PIN policy of the branch a new person joins: the actor's own, or the one
        the command line names (``branch``; with none named, the database's one branch
        or the server's default). Read before hashing, which must not hold a lock."""
        with self._db.reading() as session:
            caller = load_caller(session, actor)
            if branch is not None:
                return load_pin_policy(session, acting_branch(session, caller, branch)).min_digits
            return load_pin_policy(session, settings_branch(session, caller)).min_digits

    def _person_min_digits(self, actor: Actor, person_id: uuid.UUID) -> int:
        """The PIN policy of the branch ``person_id`` belongs to (a PIN is the person's, so
        their branch's rule applies, whoever sets it); a person out of reach is left for
        the write to refuse. Read before hashing, which must not hold a lock."""
        with self._db.reading() as session:
            caller = load_caller(session, actor)
            person = session.get(Person, person_id)
            if person is None or (
                caller.branch_id is not None and person.branch_id != caller.branch_id
            ):
                return load_pin_policy(session, settings_branch(session, caller)).min_digits
            return load_pin_policy(session, person.branch_id).min_digits

    # -- reading ---------------------------------------------------------------------

    def list_people(
        self, actor: Actor, include_inactive: bool = True, branch: str | None = None
    ) -> list[PersonRecord]:
        """The caller's branch's people; the command line's: every branch's, or the one
        ``branch`` names."""
        with self._db.reading() as session:
            caller = authorize(session, actor, Permission.MANAGE_PEOPLE)
            query = (
                select(Person, Team.name)
                .outerjoin(Team, Team.id == Person.team_id)
                .where(in_caller_branch(caller, Person.branch_id))
                .order_by(Person.name)
            )
            if branch is not None or not actor.is_admin_tool:
                query = query.where(Person.branch_id == _branch_for(session, caller, branch))
            if not include_inactive:
                query = query.where(Person.active.is_(True))
            return [to_record(p, team) for p, team in session.execute(query)]

    def list_teams(self, actor: Actor, branch: str | None = None) -> list[TeamRecord]:
        """Every signed-in person may see the team names of their branch (for filters)."""
        with self._db.reading() as session:
            caller = authorize(session, actor, Permission.PRACTISE)
            return _teams(session, caller, branch)

    def find_by_employee_number(
        self, actor: Actor, employee_number: str, branch: str | None = None
    ) -> PersonRecord:
        """The person (active or not) with ``employee_number``: the one lookup every command
        that names a person by number uses.

        A signed-in admin looks in their own branch. The command line belongs to no branch:
        on a server shared by several it may name one (``branch``), and must when the
        number is used in more than one, since acting on the first match could change
        another branch's person.
        """
        number = employee_number.strip()
        with self._db.reading() as session:
            caller = authorize(session, actor, Permission.MANAGE_PEOPLE)
            query = (
                select(Person, Team.name, Branch.name)
                .join(Branch, Branch.id == Person.branch_id)
                .outerjoin(Team, Team.id == Person.team_id)
                .where(Person.employee_number == number)
                .order_by(Branch.name)
            )
            if caller.branch_id is not None:
                query = query.where(Person.branch_id == caller.branch_id)
            if branch is not None:
                if not session.scalar(select(Branch.id).where(Branch.name == branch).limit(1)):
                    raise NotFoundError(f"no branch called {branch!r}")
                query = query.where(Branch.name == branch)
            found = session.execute(query).all()
            if not found:
                where = f" in branch {branch!r}" if branch is not None else ""
                raise NotFoundError(f"no employee number {number!r}{where}")
            if len(found) > 1:
                raise AmbiguousEmployeeNumberError(number, [b for _, _, b in found])
            person, team_name, _ = found[0]
            return to_record(person, team_name)

    # -- writing ---------------------------------------------------------------------

    @writes(TEAMS)
    def create_team(self, actor: Actor, name: str, branch: str | None = None) -> TeamRecord:
        """A team in the caller's branch (the command line: ``branch``, see
        ``access.acting_branch``)."""
        name = clean(text_fields.clean_team_name, name)
        with self._db.writing() as session:
            caller = authorize(session, actor, Permission.MANAGE_PEOPLE)
            branch_id = _branch_for(session, caller, branch)
            if session.scalar(select(Team).where(Team.branch_id == branch_id, Team.name == name)):
                raise ConflictError(f"a team called {name!r} already exists")
            team = Team(branch_id=branch_id, name=name)
            session.add(team)
            session.flush()
            audit.record(session, actor, "team.create", "team", team.id, name=name)
            return TeamRecord(team.id, team.name, 0, frozenset())

    @writes(PEOPLE | TEAMS)
    def create_person(
        self,
        actor: Actor,
        *,
        name: str,
        employee_number: str,
        pin: str,
        roles: Iterable[Role],
        team_id: uuid.UUID | None = None,
        branch: str | None = None,
    ) -> PersonRecord:
        """A new person in the caller's branch (the command line: ``branch``, see
        ``access.acting_branch``)."""
        name = clean(text_fields.clean_name, name)
        employee_number = clean(text_fields.clean_employee_number, employee_number)
        role_set = frozenset(roles)
        pin_hash = checked_pin_hash(pin, self._pin_cost, self._min_digits(actor, branch))  # slow
        if not role_set:
            raise InvalidInputError("roles", "choose at least one role")
        with self._db.writing() as session:
            caller = authorize(session, actor, Permission.MANAGE_PEOPLE)
            branch_id = _branch_for(session, caller, branch)
            _check_number_free(session, branch_id, employee_number)
            team_name = _team_name(session, branch_id, team_id)
            person = Person(
                branch_id=branch_id,
                team_id=team_id,
                employee_number=employee_number,
                name=name,
                pin_hash=pin_hash,
                roles=[PersonRole(role=r.value) for r in sorted(role_set)],
            )
            session.add(person)
            session.flush()
            audit.record(
                session,
                actor,
                "person.create",
                "person",
                person.id,
                name=name,
                employee_number=employee_number,
                roles=sorted(r.value for r in role_set),
            )
            return to_record(person, team_name)

    @writes(PEOPLE | TEAMS)
    def update_person(
        self,
        actor: Actor,
        person_id: uuid.UUID,
        *,
        name: str | None = None,
        employee_number: str | None = None,
        team_id: uuid.UUID | Literal["keep"] | None = "keep",
    ) -> PersonRecord:
        """Change name, number or team; ``team_id=None`` removes the person from a team."""
        with self._db.writing() as session:
            caller = authorize(session, actor, Permission.MANAGE_PEOPLE)
            person = _person_in_scope(session, caller, person_id)
            _change_details(
                session, actor, person, name=name, employee_number=employee_number, team_id=team_id
            )
            return to_record(person, _team_name(session, person.branch_id, person.team_id))

    @writes(PEOPLE)
    def set_roles(self, actor: Actor, person_id: uuid.UUID, roles: Iterable[Role]) -> PersonRecord:
        role_set = _role_set(roles)
        with self._db.writing() as session:
            caller = authorize(session, actor, Permission.MANAGE_PEOPLE)
            person = _person_in_scope(session, caller, person_id)
            _change_roles(session, actor, person, role_set)
            return to_record(person, _team_name(session, person.branch_id, person.team_id))

    @writes(PEOPLE | TEAMS)
    def edit_person(
        self,
        actor: Actor,
        person_id: uuid.UUID,
        *,
        name: str,
        employee_number: str,
        team_id: uuid.UUID | None,
        roles: Iterable[Role],
    ) -> PersonRecord:
        """The admin's "Edit person" in one transaction: details and roles are saved
        together, with their audit entries, or (when any part is refused, e.g. taking
        the branch's last admin role away) nothing changes at all."""
        role_set = _role_set(roles)
        with self._db.writing() as session:
            caller = authorize(session, actor, Permission.MANAGE_PEOPLE)
            person = _person_in_scope(session, caller, person_id)
            _change_details(
                session, actor, person, name=name, employee_number=employee_number, team_id=team_id
            )
            _change_roles(session, actor, person, role_set)
            return to_record(person, _team_name(session, person.branch_id, person.team_id))

    @writes(PEOPLE | TEAMS)
    def set_active(self, actor: Actor, person_id: uuid.UUID, active: bool) -> PersonRecord:
        """Deactivate rather than delete: results stay in the record and in team charts."""
        with self._db.writing() as session:
            caller = authorize(session, actor, Permission.MANAGE_PEOPLE)
            person = _person_in_scope(session, caller, person_id)
            if person.active == active:
                return to_record(person, _team_name(session, person.branch_id, person.team_id))
            if not active:
                if caller.person_id == person.id:
                    raise PermissionDeniedError("you cannot deactivate your own profile")
                if any(r.role == Role.ADMIN for r in person.roles):
                    _keep_one_admin(session, person)
            person.active = active
            audit.record(
                session,
                actor,
                "person.activate" if active else "person.deactivate",
                "person",
                person.id,
            )
            return to_record(person, _team_name(session, person.branch_id, person.team_id))

    @writes(PEOPLE)
    def reset_pin(self, actor: Actor, person_id: uuid.UUID, new_pin: str) -> None:
        """Admin reset; also lifts a lockout, since the admin has checked who is asking.
        The new PIN follows the person's branch's PIN policy, also when the command line
        (which belongs to no branch) sets it on a server of several branches."""
        min_digits = self._person_min_digits(actor, person_id)
        pin_hash = checked_pin_hash(new_pin, self._pin_cost, min_digits)
        with self._db.writing() as session:
            caller = authorize(session, actor, Permission.MANAGE_PEOPLE)
            person = _person_in_scope(session, caller, person_id)
            person.pin_hash = pin_hash
            person.failed_pin_count = 0
            person.locked_until = None
            audit.record(session, actor, "person.pin_reset", "person", person.id)

    @writes(TEAMS)
    def set_team_trainers(
        self, actor: Actor, team_id: uuid.UUID, trainer_ids: Iterable[uuid.UUID]
    ) -> TeamRecord:
        wanted = frozenset(trainer_ids)
        with self._db.writing() as session:
            caller = authorize(session, actor, Permission.MANAGE_PEOPLE)
            team = session.get(Team, team_id)
            if team is None or (
                caller.branch_id is not None and team.branch_id != caller.branch_id
            ):
                raise NotFoundError("no such team in this branch")
            branch_id = team.branch_id
            for pid in wanted:
                trainer = session.get(Person, pid)
                if trainer is None or trainer.branch_id != branch_id:
                    raise NotFoundError("no such person in this branch")
                if not any(r.role == Role.TRAINER for r in trainer.roles):
                    raise InvalidInputError(
                        "trainers", f"{trainer.name} does not hold the trainer role"
                    )
            current = set(
                session.scalars(select(TeamTrainer.person_id).where(TeamTrainer.team_id == team_id))
            )
            for pid in current - wanted:
                session.delete(session.get(TeamTrainer, (team_id, pid)))
            for pid in wanted - current:
                session.add(TeamTrainer(team_id=team_id, person_id=pid))
            if current != wanted:
                audit.record(
                    session,
                    actor,
                    "team.trainers",
                    "team",
                    team_id,
                    before=sorted(map(str, current)),
                    after=sorted(map(str, wanted)),
                )
            session.flush()
            return next(t for t in _teams(session, caller, branch_id) if t.id == team_id)


def _role_set(roles: Iterable[Role]) -> frozenset[Role]:
    role_set = frozenset(roles)
    if not role_set:
        raise InvalidInputError("roles", "choose at least one role")
    return role_set


def _change_details(
    session: Session,
    actor: Actor,
    person: Person,
    *,
    name: str | None,
    employee_number: str | None,
    team_id: uuid.UUID | Literal["keep"] | None,
) -> None:
    """Apply what differs (``None`` name or number, ``"keep"`` team: unchanged) and audit
    it as one ``person.update`` entry."""
    changes: dict[str, object] = {}
    if name is not None:
        new = clean(text_fields.clean_name, name)
        if new != person.name:
            changes["name"] = [person.name, new]
            person.name = new
    if employee_number is not None:
        new = clean(text_fields.clean_employee_number, employee_number)
        if new != person.employee_number:
            _check_number_free(session, person.branch_id, new)
            changes["employee_number"] = [person.employee_number, new]
            person.employee_number = new
    if team_id != "keep":
        new_team = team_id if isinstance(team_id, uuid.UUID) else None
        _team_name(session, person.branch_id, new_team)
        if new_team != person.team_id:
            changes["team_id"] = [_str(person.team_id), _str(new_team)]
            person.team_id = new_team
    if changes:
        audit.record(session, actor, "person.update", "person", person.id, **changes)


def _change_roles(session: Session, actor: Actor, person: Person, roles: frozenset[Role]) -> None:
    """Replace the person's roles, keeping the branch's last active admin, and audit it as
    one ``person.roles`` entry."""
    before = frozenset(Role(r.role) for r in person.roles)
    if before == roles:
        return
    if Role.ADMIN in before and Role.ADMIN not in roles:
        _keep_one_admin(session, person)
    person.roles = [PersonRole(role=r.value) for r in sorted(roles)]
    audit.record(
        session,
        actor,
        "person.roles",
        "person",
        person.id,
        before=sorted(r.value for r in before),
        after=sorted(r.value for r in roles),
    )
    session.flush()


def _str(value: uuid.UUID | None) -> str | None:
    return str(value) if value else None


def _branch_for(session: Session, caller: Caller, branch: str | None = None) -> uuid.UUID:
    return acting_branch(session, caller, branch)


def _person_in_scope(session: Session, caller: Caller, person_id: uuid.UUID) -> Person:
    person = session.get(Person, person_id)
    if person is None or (caller.branch_id is not None and person.branch_id != caller.branch_id):
        raise NotFoundError("no such person in this branch")
    return person


def _check_number_free(session: Session, branch_id: uuid.UUID, number: str) -> None:
    taken = session.scalar(
        select(Person.name).where(Person.branch_id == branch_id, Person.employee_number == number)
    )
    if taken is not None:
        raise ConflictError(f"employee number {number} already belongs to {taken}")


def _team_name(session: Session, branch_id: uuid.UUID, team_id: uuid.UUID | None) -> str | None:
    if team_id is None:
        return None
    team = session.get(Team, team_id)
    if team is None or team.branch_id != branch_id:
        raise NotFoundError("no such team in this branch")
    return team.name


def _keep_one_admin(session: Session, leaving: Person) -> None:
    others = session.scalar(
        select(func.count())
        .select_from(Person)
        .join(PersonRole, PersonRole.person_id == Person.id)
        .where(
            Person.branch_id == leaving.branch_id,
            Person.active.is_(True),
            Person.id != leaving.id,
            PersonRole.role == Role.ADMIN.value,
        )
    )
    if not others:
        raise ConflictError("the branch must keep at least one active admin")


def _teams(
    session: Session, caller: Caller, branch: str | uuid.UUID | None = None
) -> list[TeamRecord]:
    """The teams of the caller's branch (the command line: of ``branch``, a name or id)."""
    branch_id = branch if isinstance(branch, uuid.UUID) else _branch_for(session, caller, branch)
    counts = dict(
        session.execute(
            select(Person.team_id, func.count())
            .where(Person.branch_id == branch_id, Person.active.is_(True))
            .group_by(Person.team_id)
        ).all()
    )
    trainers: dict[uuid.UUID, set[uuid.UUID]] = {}
    for team_id, person_id in session.execute(
        select(TeamTrainer.team_id, TeamTrainer.person_id)
        .join(Team, Team.id == TeamTrainer.team_id)
        .where(Team.branch_id == branch_id)
    ):
        trainers.setdefault(team_id, set()).add(person_id)
    teams = session.scalars(select(Team).where(Team.branch_id == branch_id).order_by(Team.name))
    return [
        TeamRecord(t.id, t.name, counts.get(t.id, 0), frozenset(trainers.get(t.id, ())))
        for t in teams
    ]
