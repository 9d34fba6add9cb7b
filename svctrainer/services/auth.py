"""Signing in with a PIN, the lockout rule, first-run set-up and PIN changes."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import func, or_, select

from svctrainer.core import text_fields
from svctrainer.core.lockout import MAX_FAILURES, LockState, after_failure, after_success
from svctrainer.core.pin_hash import OWASP_COST, ScryptCost, needs_rehash, verify_pin
from svctrainer.core.roles import Role
from svctrainer.services import audit
from svctrainer.services.actor import Actor
from svctrainer.services.changes import NOTHING_SHOWN, PEOPLE, writes
from svctrainer.services.error_boundary import translate_store_errors
from svctrainer.services.errors import (
    ConflictError,
    InactiveProfileError,
    NotFoundError,
    ProfileLockedError,
    WrongPinError,
)
from svctrainer.services.people import checked_pin_hash, clean, to_record
from svctrainer.services.records import ProfileChoice, SignedIn
from svctrainer.store.database import Database
from svctrainer.store.models import Branch, Person, PersonRole, Team

PROFILE_LIST_LIMIT = 500


@translate_store_errors
class AuthService:
    def __init__(self, db: Database, pin_cost: ScryptCost = OWASP_COST) -> None:
        self._db = db
        self._pin_cost = pin_cost

    def needs_setup(self) -> bool:
        with self._db.reading() as session:
            return session.scalar(select(func.count()).select_from(Person)) == 0

    def branch_name(self) -> str:
        """The branch this database serves, for the login screen (before anyone signs in);
        "" until the first run has set it up."""
        with self._db.reading() as session:
            return session.scalar(select(Branch.name).order_by(Branch.created_at).limit(1)) or ""

    @writes(PEOPLE)
    def set_up_branch(
        self, *, branch_name: str, admin_name: str, employee_number: str, pin: str
    ) -> SignedIn:
        """First start: create the branch and its first admin. Refused once anyone exists,
        so this unauthenticated call cannot be used to add an admin later."""
        branch_name = clean(
            lambda v: text_fields.clean_text(v, field="branch", max_len=120), branch_name
        )
        admin_name = clean(text_fields.clean_name, admin_name)
        employee_number = clean(text_fields.clean_employee_number, employee_number)
        pin_hash = checked_pin_hash(pin, self._pin_cost)
        with self._db.writing() as session:
            if session.scalar(select(func.count()).select_from(Person)):
                raise ConflictError("this database is already set up")
            branch = session.scalar(select(Branch).limit(1)) or Branch(name=branch_name)
            branch.name = branch_name
            session.add(branch)
            session.flush()
            admin = Person(
                branch_id=branch.id,
                employee_number=employee_number,
                name=admin_name,
                pin_hash=pin_hash,
                roles=[PersonRole(role=Role.ADMIN.value)],
            )
            session.add(admin)
            session.flush()
            actor = Actor.person(admin.id, admin.name, admin.employee_number)
            audit.record(session, actor, "branch.setup", "branch", branch.id, name=branch_name)
            audit.record(session, actor, "person.create", "person", admin.id, roles=["admin"])
            return SignedIn(to_record(admin, None), branch.name)

    def profiles(self, search: str = "") -> list[ProfileChoice]:
        """Active profiles for the login list, filtered by name or employee number."""
        query = (
            select(Person.id, Person.name, Person.employee_number, Team.name)
            .outerjoin(Team, Team.id == Person.team_id)
            .where(Person.active.is_(True))
            .order_by(Person.name)
            .limit(PROFILE_LIST_LIMIT)
        )
        needle = search.strip()
        if needle:
            pattern = f"%{needle.replace('%', '').replace('_', '')}%"
            query = query.where(
                or_(Person.name.ilike(pattern), Person.employee_number.ilike(pattern))
            )
        with self._db.reading() as session:
            return [ProfileChoice(*row) for row in session.execute(query)]

    @writes(PEOPLE)
    def sign_in(self, person_id: uuid.UUID, pin: str, now: datetime | None = None) -> SignedIn:
        now = now or datetime.now(UTC)
        with self._db.reading() as session:
            person = session.get(Person, person_id)
            if person is None:
                raise NotFoundError("no such profile")
            if not person.active:
                raise InactiveProfileError("this profile has been deactivated; ask an admin")
            state = LockState(person.failed_pin_count, person.locked_until)
            if state.is_locked(now) and state.locked_until is not None:
                raise ProfileLockedError(state.locked_until)
            stored = person.pin_hash
        ok = verify_pin(pin, stored)  # ~0.5 s of scrypt, outside any lock
        rehash = (
            checked_pin_hash(pin, self._pin_cost)
            if ok and needs_rehash(stored, self._pin_cost)
            else None
        )
        with self._db.writing() as session:
            person = session.get(Person, person_id)
            if person is None or not person.active:
                raise InactiveProfileError("this profile has been deactivated; ask an admin")
            actor = Actor.person(person.id, person.name, person.employee_number)
            if not ok:
                state = after_failure(LockState(person.failed_pin_count, person.locked_until), now)
                person.failed_pin_count = state.failures
                person.locked_until = state.locked_until
                if state.is_locked(now) and state.locked_until is not None:
                    audit.record(
                        session,
                        actor,
                        "person.locked",
                        "person",
                        person.id,
                        until=state.locked_until.isoformat(),
                    )
                    locked_until = state.locked_until
                else:
                    locked_until = None
            else:
                fresh = after_success()
                person.failed_pin_count = fresh.failures
                person.locked_until = fresh.locked_until
                if rehash:
                    person.pin_hash = rehash
                audit.record(session, actor, "auth.sign_in", "person", person.id, name=person.name)
                team = session.get(Team, person.team_id) if person.team_id else None
                branch = session.get(Branch, person.branch_id)
                return SignedIn(
                    to_record(person, team.name if team else None), branch.name if branch else ""
                )
        if locked_until is not None:
            raise ProfileLockedError(locked_until)
        raise WrongPinError(MAX_FAILURES - state.failures)

    @writes(NOTHING_SHOWN)
    def sign_out(self, actor: Actor, *, idle: bool = False) -> None:
        """Audit the end of a session, by name; ``idle``: the workstation signed the person
        out after the idle time, rather than they themselves."""
        if actor.person_id is None:
            return
        with self._db.writing() as session:
            person = session.get(Person, actor.person_id)
            name = person.name if person is not None else actor.label
            audit.record(
                session,
                actor,
                "auth.sign_out",
                "person",
                actor.person_id,
                name=name,
                reason="idle" if idle else "signed_out",
            )

    @writes(PEOPLE)
    def change_own_pin(self, actor: Actor, old_pin: str, new_pin: str) -> None:
        if actor.person_id is None:
            raise NotFoundError("the command line has no PIN; use 'svctrainer person reset-pin'")
        with self._db.reading() as session:
            person = session.get(Person, actor.person_id)
            if person is None or not person.active:
                raise InactiveProfileError("this profile has been deactivated")
            stored = person.pin_hash
        if not verify_pin(old_pin, stored):
            raise WrongPinError(MAX_FAILURES)
        new_hash = checked_pin_hash(new_pin, self._pin_cost)
        with self._db.writing() as session:
            person = session.get(Person, actor.person_id)
            if person is None:
                raise NotFoundError("no such profile")
            person.pin_hash = new_hash
            audit.record(session, actor, "person.pin_change", "person", person.id)
