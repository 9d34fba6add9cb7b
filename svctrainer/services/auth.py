"""Signing in with a PIN, the lockout rule, first-run set-up and PIN changes."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from svctrainer.core import text_fields
from svctrainer.core.lockout import LockState, after_failure, after_success
from svctrainer.core.pin_hash import (
    OWASP_COST,
    PinFormatError,
    ScryptCost,
    check_pin_format,
    needs_rehash,
    verify_pin,
)
from svctrainer.core.roles import Permission, Role
from svctrainer.services import audit
from svctrainer.services.access import authorize
from svctrainer.services.actor import Actor
from svctrainer.services.changes import NOTHING_SHOWN, PEOPLE, writes
from svctrainer.services.error_boundary import translate_store_errors
from svctrainer.services.errors import (
    ConflictError,
    InactiveProfileError,
    InvalidInputError,
    NotFoundError,
    ProfileLockedError,
    WorkstationBranchError,
    WrongPinError,
)
from svctrainer.services.people import checked_pin_hash, clean, to_record
from svctrainer.services.records import ProfileChoice, SignedIn
from svctrainer.services.setting_rows import load_pin_policy
from svctrainer.services.workstations import WORKSTATION, tied_branch
from svctrainer.store.database import Database
from svctrainer.store.models import Branch, Person, PersonRole, Team

PROFILE_LIST_LIMIT = 500
T = TypeVar("T")


@translate_store_errors
class AuthService:
    def __init__(
        self, db: Database, pin_cost: ScryptCost = OWASP_COST, workstation: str = WORKSTATION
    ) -> None:
        self._db = db
        self._pin_cost = pin_cost
        self._workstation = workstation  # a workstation tied to a branch signs in its people

    def needs_setup(self) -> bool:
        with self._db.reading() as session:
            return session.scalar(select(func.count()).select_from(Person)) == 0

    def branch_name(self) -> str:
        """The branch this database serves, for the login screen (before anyone signs in):
        the one this workstation is tied to, if any; "" until the first run has set it up."""
        with self._db.reading() as session:
            tie = tied_branch(session, self._workstation)
            if tie is not None:
                return tie[0]
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
        """Active profiles for the login list, filtered by name or employee number; at a
        workstation tied to a branch, that branch's only."""
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
            tie = tied_branch(session, self._workstation)
            if tie is not None:
                query = query.where(Person.branch_id == tie[1])
            elif (session.scalar(select(func.count()).select_from(Branch)) or 0) > 1:
                # One server, several branches: the same employee number may be in each,
                # so the list names the branch beside the team.
                named = query.add_columns(Branch.name).join(Branch, Branch.id == Person.branch_id)
                return [
                    ProfileChoice(pid, name, number, " · ".join(t for t in (branch, team) if t))
                    for pid, name, number, team, branch in session.execute(named)
                ]
            return [ProfileChoice(*row) for row in session.execute(query)]

    @writes(PEOPLE)
    def sign_in(self, person_id: uuid.UUID, pin: str, now: datetime | None = None) -> SignedIn:
        """Check ``pin`` and sign the person in.

        The attempt is counted as a failure, in one write transaction that locks the
        person's row (``BEGIN IMMEDIATE`` on SQLite, ``SELECT … FOR UPDATE`` on
        PostgreSQL), before scrypt runs; a locked profile is refused without checking the
        PIN. So however many attempts run at once, at most the allowed number of PINs is
        ever checked. A right PIN then signs in only if no lock set meanwhile (by
        attempts admitted after it) now holds; the sign-in clears the count."""
        now = now or datetime.now(UTC)
        admitted = self._admit(person_id, now, "auth.sign_in_refused", at_this_workstation=True)
        ok = verify_pin(pin, admitted.stored)  # ~0.5 s of scrypt, outside any lock
        rehash = (
            checked_pin_hash(pin, self._pin_cost)
            if ok and needs_rehash(admitted.stored, self._pin_cost)
            else None
        )

        def signed_in(session: Session, person: Person) -> SignedIn:
            if rehash:
                person.pin_hash = rehash
            audit.record(
                session, admitted.actor, "auth.sign_in", "person", person.id, name=person.name
            )
            team = session.get(Team, person.team_id) if person.team_id else None
            branch = session.get(Branch, person.branch_id)
            return SignedIn(
                to_record(person, team.name if team else None), branch.name if branch else ""
            )

        return self._settle(
            person_id, admitted, ok=ok, now=now, failed_action="auth.sign_in_failed",
            on_success=signed_in,
        )  # fmt: skip

    @writes(PEOPLE)
    def change_own_pin(
        self, actor: Actor, old_pin: str, new_pin: str, now: datetime | None = None
    ) -> None:
        """The same lockout as signing in: a wrong old PIN is a wrong PIN."""
        if actor.person_id is None:
            raise NotFoundError("the command line has no PIN; use 'svctrainer person reset-pin'")
        now = now or datetime.now(UTC)
        with self._db.reading() as session:
            caller = authorize(session, actor, Permission.PRACTISE)
            policy = load_pin_policy(session, caller.branch_id)
        try:  # the new PIN's format first: a typo there is not a wrong PIN
            check_pin_format(new_pin, policy.min_digits)
        except PinFormatError as exc:
            raise InvalidInputError("pin", str(exc)) from None
        admitted = self._admit(actor.person_id, now, "person.pin_change_refused")
        ok = verify_pin(old_pin, admitted.stored)
        new_hash = checked_pin_hash(new_pin, self._pin_cost, policy.min_digits) if ok else None

        def changed(session: Session, person: Person) -> None:
            assert new_hash is not None  # noqa: S101 - only called when the old PIN was right
            person.pin_hash = new_hash
            audit.record(session, actor, "person.pin_change", "person", person.id)

        self._settle(
            actor.person_id, admitted, ok=ok, now=now, failed_action="person.pin_change_failed",
            on_success=changed,
        )  # fmt: skip

    # -- the lockout, decided in the database --------------------------------------------

    def _admit(
        self,
        person_id: uuid.UUID,
        now: datetime,
        refused_action: str,
        *,
        at_this_workstation: bool = False,
    ) -> _Admitted:
        """Count this attempt as a failure (or refuse it, audited, if the profile is
        locked) and return what to check the PIN against. ``at_this_workstation``: a
        sign-in, refused (audited, nothing counted) when this workstation is tied to
        another branch than the person's: most likely the wrong name was picked."""
        with self._db.writing() as session:
            person = _person_for_update(session, person_id)
            actor = Actor.person(person.id, person.name, person.employee_number)
            tie = tied_branch(session, self._workstation) if at_this_workstation else None
            if tie is not None and person.branch_id != tie[1]:
                theirs = session.scalar(select(Branch.name).where(Branch.id == person.branch_id))
                audit.record(
                    session, actor, refused_action, "person", person.id,
                    reason="other_branch", branch=theirs, workstation=self._workstation,
                    workstation_branch=tie[0],
                )  # fmt: skip
                refusal = WorkstationBranchError(person.name, theirs or "", tie[0])
            else:
                refusal = None
            state = LockState(person.failed_pin_count, person.locked_until)
            if refusal is None and not state.is_locked(now):
                counted = after_failure(state, now)
                person.failed_pin_count = counted.failures
                person.locked_until = counted.locked_until
                return _Admitted(
                    person.pin_hash, counted.failures, counted.locked_until,
                    counted.is_locked(now), actor,
                )  # fmt: skip
            until = None if state.needs_reset else state.locked_until
            if refusal is None:
                audit.record(
                    session, actor, refused_action, "person", person.id, reason="locked",
                    until=until.isoformat() if until else None, failures=state.failures,
                )  # fmt: skip
        if refusal is not None:
            raise refusal
        raise ProfileLockedError(until)

    def _settle(
        self,
        person_id: uuid.UUID,
        admitted: _Admitted,
        *,
        ok: bool,
        now: datetime,
        failed_action: str,
        on_success: Callable[[Session, Person], T],
    ) -> T:
        """Record the outcome of a checked PIN. Raises WrongPinError/ProfileLockedError
        for a wrong PIN (already counted) or a right one a lock now refuses."""
        with self._db.writing() as session:
            person = _person_for_update(session, person_id)
            if person.pin_hash != admitted.stored:
                raise ConflictError("the PIN was changed while it was being checked; try again")
            state = LockState(person.failed_pin_count, person.locked_until)
            untouched = (person.failed_pin_count, person.locked_until) == (
                admitted.failures,
                admitted.locked_until,
            )
            if ok and (not state.is_locked(now) or (admitted.locked_by_this and untouched)):
                fresh = after_success()
                person.failed_pin_count = fresh.failures
                person.locked_until = fresh.locked_until
                return on_success(session, person)
            audit.record(
                session, admitted.actor, failed_action, "person", person.id,
                reason="locked" if ok else "wrong_pin", failures=admitted.failures,
            )  # fmt: skip
            locked_now = state.is_locked(now)
            until = None if state.needs_reset else state.locked_until
            if admitted.locked_by_this and locked_now and state.failures >= admitted.failures:
                audit.record(
                    session, admitted.actor, "person.locked", "person", person.id,
                    until=until.isoformat() if until else None, failures=state.failures,
                )  # fmt: skip
        if locked_now:
            raise ProfileLockedError(until)
        raise WrongPinError(state.attempts_before_lock)

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


@dataclass(frozen=True, slots=True)
class _Admitted:
    """An attempt counted before its PIN is checked."""

    stored: str  # the PIN hash to check against
    failures: int  # the consecutive-failure count including this attempt
    locked_until: datetime | None  # the lock as this admission left it
    locked_by_this: bool  # this attempt's count started the lock (the last one allowed)
    actor: Actor  # who the attempt is for, as the audit log names them


def _person_for_update(session: Session, person_id: uuid.UUID) -> Person:
    """The person's row, locked for this transaction (FOR UPDATE on PostgreSQL; on
    SQLite the whole database already is, by ``BEGIN IMMEDIATE``)."""
    person = session.scalar(select(Person).where(Person.id == person_id).with_for_update())
    if person is None:
        raise NotFoundError("no such profile")
    if not person.active:
        raise InactiveProfileError("this profile has been deactivated; ask an admin")
    return person
